//! Accepting and bounding connections, which `axum::serve` has no knob for:
//! - at most `max_connections` open at once (each costs a file descriptor, and the index
//!   needs descriptors too to reload);
//! - a header read timeout against slow-header (slowloris) clients;
//! - an idle timeout for keep-alive connections and connections that never send a
//!   request;
//! - at the cap, the connection idle the longest is closed to make room for the new one,
//!   so that a flood of idle or slow-header sockets cannot lock out `/healthz` or real
//!   users. A connection with a request in progress (its response included) is never
//!   closed for room; it is closed gracefully only at shutdown.
//!
//! HTTP/1.1 only, as `axum::serve` with axum's default features.

use crate::state::ServerLimits;
use axum::Router;
use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore};
use tower::ServiceExt;

/// How often a connection waiting for room asks again for an idle one to be closed
/// (the one asked before may have started a request meanwhile).
const ROOM_RETRY: Duration = Duration::from_millis(50);
/// Pause after a failed `accept` (out of descriptors), after closing an idle connection.
const ACCEPT_ERROR_PAUSE: Duration = Duration::from_millis(50);

/// What the accept loop knows about one open connection.
struct ConnectionActivity {
    requests_in_progress: AtomicUsize,
    /// Milliseconds since the registry's epoch when the connection last became idle.
    idle_since_ms: AtomicU64,
    /// Set once the connection was asked to close (so it is not picked twice).
    closing: AtomicBool,
    close: Notify,
}

impl ConnectionActivity {
    fn is_idle(&self) -> bool {
        self.requests_in_progress.load(Ordering::SeqCst) == 0
    }

    fn request_close(&self) {
        self.closing.store(true, Ordering::SeqCst);
        self.close.notify_one();
    }
}

/// Every open connection, to find the one idle the longest.
struct Registry {
    epoch: Instant,
    next_id: AtomicU64,
    open: Mutex<HashMap<u64, Arc<ConnectionActivity>>>,
}

impl Registry {
    fn new() -> Registry {
        Registry {
            epoch: Instant::now(),
            next_id: AtomicU64::new(0),
            open: Mutex::new(HashMap::new()),
        }
    }

    fn now_ms(&self) -> u64 {
        u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    fn open(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<ConnectionActivity>>> {
        self.open
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn register(self: &Arc<Self>) -> Registered {
        let id = self.next_id.fetch_add(1, Ordering::SeqCst);
        let activity = Arc::new(ConnectionActivity {
            requests_in_progress: AtomicUsize::new(0),
            idle_since_ms: AtomicU64::new(self.now_ms()),
            closing: AtomicBool::new(false),
            close: Notify::new(),
        });
        self.open().insert(id, Arc::clone(&activity));
        Registered {
            registry: Arc::clone(self),
            id,
            activity,
        }
    }

    /// Asks the connection idle the longest to close; false when every connection has
    /// a request in progress.
    fn close_longest_idle(&self) -> bool {
        let open = self.open();
        let longest_idle = open
            .values()
            .filter(|activity| activity.is_idle() && !activity.closing.load(Ordering::SeqCst))
            .min_by_key(|activity| activity.idle_since_ms.load(Ordering::SeqCst));
        match longest_idle {
            Some(activity) => {
                activity.request_close();
                true
            }
            None => false,
        }
    }

    /// Asks every connection idle for longer than `idle_timeout` to close.
    fn close_idle_for(&self, idle_timeout: Duration) {
        let now = self.now_ms();
        let limit = u64::try_from(idle_timeout.as_millis()).unwrap_or(u64::MAX);
        for activity in self.open().values() {
            let idle_for = now.saturating_sub(activity.idle_since_ms.load(Ordering::SeqCst));
            if activity.is_idle() && idle_for >= limit {
                activity.request_close();
            }
        }
    }

    fn close_all(&self) {
        for activity in self.open().values() {
            activity.request_close();
        }
    }
}

/// A connection's entry in the registry, removed when the connection ends.
struct Registered {
    registry: Arc<Registry>,
    id: u64,
    activity: Arc<ConnectionActivity>,
}

impl Drop for Registered {
    fn drop(&mut self) {
        self.registry.open().remove(&self.id);
    }
}

/// Held from the moment a request's head is read until its response body is dropped
/// (sent or abandoned): the connection is busy meanwhile.
struct RequestInProgress {
    registry: Arc<Registry>,
    activity: Arc<ConnectionActivity>,
}

impl RequestInProgress {
    fn begin(registry: &Arc<Registry>, activity: &Arc<ConnectionActivity>) -> Self {
        activity.requests_in_progress.fetch_add(1, Ordering::SeqCst);
        RequestInProgress {
            registry: Arc::clone(registry),
            activity: Arc::clone(activity),
        }
    }
}

impl Drop for RequestInProgress {
    fn drop(&mut self) {
        self.activity
            .idle_since_ms
            .store(self.registry.now_ms(), Ordering::SeqCst);
        self.activity
            .requests_in_progress
            .fetch_sub(1, Ordering::SeqCst);
    }
}

/// Serves `router` on `listener` within `limits` until `shutdown` completes, then closes
/// idle connections, lets requests in progress finish, and returns.
pub(crate) async fn serve_connections(
    listener: TcpListener,
    router: Router,
    limits: &ServerLimits,
    shutdown: impl Future<Output = ()>,
) {
    let max_connections = limits.max_connections.max(1);
    let slots = Arc::new(Semaphore::new(max_connections));
    let registry = Arc::new(Registry::new());
    let idle_reaper = spawn_idle_reaper(Arc::clone(&registry), limits.idle_timeout);
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    tracing::warn!(error = %error, "accepting a connection failed; closing an idle one");
                    registry.close_longest_idle();
                    tokio::time::sleep(ACCEPT_ERROR_PAUSE).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let slot = tokio::select! {
            slot = wait_for_room(&slots, &registry) => slot,
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        tokio::spawn(serve_connection(
            stream,
            peer,
            slot,
            registry.register(),
            builder.clone(),
            router.clone(),
        ));
    }
    idle_reaper.abort();
    registry.close_all();
    // Every connection holds a slot until it ends: having them all back means all ended.
    let all_slots = u32::try_from(max_connections).unwrap_or(u32::MAX);
    let _ = slots.acquire_many(all_slots).await;
}

/// A free connection slot, closing idle connections to make one when all are taken.
async fn wait_for_room(slots: &Arc<Semaphore>, registry: &Registry) -> OwnedSemaphorePermit {
    loop {
        if let Ok(slot) = Arc::clone(slots).try_acquire_owned() {
            return slot;
        }
        registry.close_longest_idle();
        if let Ok(Ok(slot)) =
            tokio::time::timeout(ROOM_RETRY, Arc::clone(slots).acquire_owned()).await
        {
            return slot;
        }
    }
}

fn spawn_idle_reaper(
    registry: Arc<Registry>,
    idle_timeout: Duration,
) -> tokio::task::JoinHandle<()> {
    let period = (idle_timeout / 4).max(Duration::from_millis(10));
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(period);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticker.tick().await;
            registry.close_idle_for(idle_timeout);
        }
    })
}

async fn serve_connection(
    stream: TcpStream,
    peer: std::net::SocketAddr,
    _slot: OwnedSemaphorePermit,
    registered: Registered,
    builder: http1::Builder,
    router: Router,
) {
    let registry = Arc::clone(&registered.registry);
    let activity = Arc::clone(&registered.activity);
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        // The client's address, for counting its failed token checks (`auth`).
        request
            .extensions_mut()
            .insert(axum::extract::ConnectInfo(peer));
        let in_progress = RequestInProgress::begin(&registry, &activity);
        let router = router.clone();
        async move {
            let response = router.oneshot(request).await?;
            // The request stays in progress until hyper drops the body it has sent.
            Ok::<_, std::convert::Infallible>(response.map(|body| {
                axum::body::Body::new(body.map_frame(move |frame| {
                    let _in_progress = &in_progress;
                    frame
                }))
            }))
        }
    });
    let connection = builder.serve_connection(TokioIo::new(stream), service);
    tokio::pin!(connection);
    tokio::select! {
        result = connection.as_mut() => {
            if let Err(error) = result {
                tracing::debug!(error = %error, "connection ended with an error");
            }
            return;
        }
        () = registered.activity.close.notified() => {}
    }
    if registered.activity.is_idle() {
        // Nothing in progress: dropping the connection closes the socket.
        return;
    }
    connection.as_mut().graceful_shutdown();
    if let Err(error) = connection.await {
        tracing::debug!(error = %error, "connection ended with an error");
    }
}
