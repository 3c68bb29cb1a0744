//! Web page sessions: a random session id (the cookie's value, never the token's
//! secret) mapped in memory to the public id of the token that signed in. The token is
//! looked up again in the current token file on every request, so a session of a
//! revoked token stops working as soon as the file is reloaded. Memory is bounded: a
//! session lasts [`SESSION_LIFETIME`], and at [`MAX_SESSIONS`] the oldest makes room.

use super::digest;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub(crate) const SESSION_LIFETIME: Duration = Duration::from_secs(12 * 60 * 60);
const MAX_SESSIONS: usize = 10_000;
/// Random bytes of a session id.
const SESSION_ID_BYTES: usize = 32;

#[derive(Debug, Clone)]
struct Session {
    token_id: String,
    started: Instant,
}

/// Keyed by the SHA-256 of the session id, so the ids themselves are not kept.
#[derive(Debug, Default)]
pub(crate) struct Sessions {
    sessions: Mutex<HashMap<[u8; 32], Session>>,
}

impl Sessions {
    /// Starts a session for `token_id`; returns the session id for the cookie.
    pub(crate) fn start(&self, token_id: &str, now: Instant) -> String {
        let id = hrlex_access::random_hex(SESSION_ID_BYTES);
        let mut sessions = self.lock();
        if sessions.len() >= MAX_SESSIONS {
            sessions.retain(|_, session| now < session.started + SESSION_LIFETIME);
            if sessions.len() >= MAX_SESSIONS {
                if let Some(oldest) = sessions
                    .iter()
                    .min_by_key(|(_, session)| session.started)
                    .map(|(key, _)| *key)
                {
                    sessions.remove(&oldest);
                }
            }
        }
        sessions.insert(
            digest(&id),
            Session {
                token_id: token_id.to_string(),
                started: now,
            },
        );
        id
    }

    /// The token id of a live session.
    pub(crate) fn token_of(&self, session_id: &str, now: Instant) -> Option<String> {
        let key = digest(session_id);
        let mut sessions = self.lock();
        let session = sessions.get(&key)?;
        if now >= session.started + SESSION_LIFETIME {
            sessions.remove(&key);
            return None;
        }
        Some(session.token_id.clone())
    }

    pub(crate) fn end(&self, session_id: &str) {
        self.lock().remove(&digest(session_id));
    }

    /// Drops the sessions whose token is no longer active (after a reload).
    pub(crate) fn retain_tokens(&self, is_active: impl Fn(&str) -> bool) {
        self.lock()
            .retain(|_, session| is_active(&session.token_id));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<[u8; 32], Session>> {
        self.sessions
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_are_random_end_expire_and_follow_their_token() {
        let sessions = Sessions::default();
        let now = Instant::now();
        let first = sessions.start("aaaaaaaaaaaa", now);
        let second = sessions.start("bbbbbbbbbbbb", now);
        assert_ne!(first, second);
        assert_eq!(first.len(), 2 * SESSION_ID_BYTES);
        assert_eq!(
            sessions.token_of(&first, now).as_deref(),
            Some("aaaaaaaaaaaa")
        );
        assert_eq!(sessions.token_of("aaaaaaaaaaaa", now), None);
        sessions.retain_tokens(|id| id != "aaaaaaaaaaaa");
        assert_eq!(sessions.token_of(&first, now), None);
        assert!(sessions.token_of(&second, now).is_some());
        assert_eq!(sessions.token_of(&second, now + SESSION_LIFETIME), None);
        let third = sessions.start("cccccccccccc", now);
        sessions.end(&third);
        assert_eq!(sessions.token_of(&third, now), None);
    }
}
