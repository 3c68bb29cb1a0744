//! Failed authentications per client address: after [`MAX_FAILURES`] in a
//! [`WINDOW`], that address gets 429 until the window ends. Memory is bounded by
//! [`MAX_TRACKED_ADDRESSES`].

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures an address may make per window.
pub(crate) const MAX_FAILURES: u32 = 10;
pub(crate) const WINDOW: Duration = Duration::from_secs(60);
/// Addresses remembered at once; beyond, expired windows are dropped first, then the
/// oldest.
const MAX_TRACKED_ADDRESSES: usize = 10_000;

/// Who a failure is counted against: the client address, an IPv6 address by its /64
/// (one host usually holds a whole /64), or `None` when the connection's address is
/// unknown (in-process requests).
pub(crate) type ClientKey = Option<IpAddr>;

pub(crate) fn client_key(address: Option<IpAddr>) -> ClientKey {
    address.map(|address| match address {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let bits = u128::from(v6) & !((1u128 << 64) - 1);
                IpAddr::V6(bits.into())
            }
        },
        v4 => v4,
    })
}

#[derive(Debug, Clone, Copy)]
struct Window {
    started: Instant,
    failures: u32,
}

#[derive(Debug, Default)]
pub(crate) struct FailureLimiter {
    windows: Mutex<HashMap<ClientKey, Window>>,
}

impl FailureLimiter {
    /// `Err(wait)` when `client` has used up its failures and must wait `wait`.
    pub(crate) fn check(&self, client: ClientKey, now: Instant) -> Result<(), Duration> {
        let windows = self.lock();
        match windows.get(&client) {
            Some(window) if window.failures >= MAX_FAILURES && now < window.started + WINDOW => {
                Err(window.started + WINDOW - now)
            }
            _ => Ok(()),
        }
    }

    /// Counts one failure of `client`.
    pub(crate) fn fail(&self, client: ClientKey, now: Instant) {
        let mut windows = self.lock();
        if windows.len() >= MAX_TRACKED_ADDRESSES && !windows.contains_key(&client) {
            windows.retain(|_, window| now < window.started + WINDOW);
            if windows.len() >= MAX_TRACKED_ADDRESSES {
                if let Some(oldest) = windows
                    .iter()
                    .min_by_key(|(_, window)| window.started)
                    .map(|(key, _)| *key)
                {
                    windows.remove(&oldest);
                }
            }
        }
        let window = windows.entry(client).or_insert(Window {
            started: now,
            failures: 0,
        });
        if now >= window.started + WINDOW {
            *window = Window {
                started: now,
                failures: 0,
            };
        }
        window.failures += 1;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<ClientKey, Window>> {
        self.windows
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    #[cfg(test)]
    fn tracked(&self) -> usize {
        self.lock().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_refused_after_its_failures_until_the_window_ends() {
        let limiter = FailureLimiter::default();
        let start = Instant::now();
        let client = client_key(Some("192.0.2.7".parse().unwrap()));
        let other = client_key(Some("192.0.2.8".parse().unwrap()));
        for _ in 0..MAX_FAILURES {
            assert!(limiter.check(client, start).is_ok());
            limiter.fail(client, start);
        }
        let wait = limiter
            .check(client, start + Duration::from_secs(20))
            .unwrap_err();
        assert_eq!(wait, Duration::from_secs(40));
        assert!(limiter.check(other, start).is_ok());
        assert!(limiter.check(client, start + WINDOW).is_ok());
        limiter.fail(client, start + WINDOW);
        assert!(limiter.check(client, start + WINDOW).is_ok());
    }

    #[test]
    fn ipv6_addresses_count_by_their_64_prefix_and_memory_is_bounded() {
        assert_eq!(
            client_key(Some("2001:db8:1:2::1".parse().unwrap())),
            client_key(Some("2001:db8:1:2:ffff::9".parse().unwrap()))
        );
        assert_ne!(
            client_key(Some("2001:db8:1:2::1".parse().unwrap())),
            client_key(Some("2001:db8:1:3::1".parse().unwrap()))
        );
        let limiter = FailureLimiter::default();
        let now = Instant::now();
        for n in 0..(MAX_TRACKED_ADDRESSES as u32 + 50) {
            limiter.fail(Some(IpAddr::V4(n.into())), now);
        }
        assert_eq!(limiter.tracked(), MAX_TRACKED_ADDRESSES);
    }
}
