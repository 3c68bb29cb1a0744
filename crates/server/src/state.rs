//! Shared server state: the index (reopened when replaced on disk), limits, search slots.

use crate::auth::Auth;
use crate::error::ApiError;
use crate::metrics::Metrics;
use hrlex_index::{IndexError, SearchIndex};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, SystemTime};
use tokio::sync::Semaphore;

/// The bounds every request is held to.
#[derive(Debug, Clone)]
pub struct ServerLimits {
    /// Longest query accepted, in bytes (the query parser also bounds nesting depth and
    /// clause count, see `hrlex_index::query`).
    pub max_query_bytes: usize,
    /// Largest page of hits.
    pub max_page_size: usize,
    /// Deepest offset: deep paging loads and re-ranks every skipped document, so it is
    /// refused with a message suggesting to refine the query.
    pub max_offset: usize,
    /// Largest request body (POST /api/search).
    pub max_body_bytes: usize,
    /// Time one search may take before the client gets 503 `search_timeout`.
    pub search_budget: Duration,
    /// Searches running at once; more wait for a slot.
    pub max_concurrent_searches: usize,
    /// How long a search waits for a slot before the client gets 503 `overloaded`.
    pub queue_wait: Duration,
    /// Time a whole request may take before the client gets 408.
    pub request_timeout: Duration,
    /// How often the server checks for a new index generation or a replaced index.
    pub reload_interval: Duration,
    /// Connections open at once. At the cap, the connection idle the longest is closed
    /// to make room; `hrlex serve` lowers it to fit the file-descriptor limit.
    pub max_connections: usize,
    /// Time a client has to send a request's head (slow-header clients are cut off).
    pub header_read_timeout: Duration,
    /// A connection with no request in progress for this long is closed (keep-alive
    /// connections, and connections that never send a request).
    pub idle_timeout: Duration,
}

impl Default for ServerLimits {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        ServerLimits {
            max_query_bytes: hrlex_index::query::MAX_QUERY_BYTES,
            max_page_size: 100,
            max_offset: 1000,
            max_body_bytes: 16 * 1024,
            search_budget: Duration::from_secs(5),
            max_concurrent_searches: (cores * 2).max(2),
            queue_wait: Duration::from_secs(2),
            request_timeout: Duration::from_secs(15),
            reload_interval: Duration::from_secs(1),
            max_connections: 1024,
            header_read_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(30),
        }
    }
}

/// What identifies the index folder on disk, to notice when it is replaced (a full
/// rebuild builds beside it and swaps folders).
#[derive(Debug, Clone, PartialEq, Eq)]
struct FolderIdentity {
    #[cfg(unix)]
    inode: u64,
    created: Option<SystemTime>,
}

fn folder_identity(path: &Path) -> Option<FolderIdentity> {
    let metadata = std::fs::metadata(path).ok()?;
    Some(FolderIdentity {
        #[cfg(unix)]
        inode: std::os::unix::fs::MetadataExt::ino(&metadata),
        created: metadata.created().ok(),
    })
}

/// Shared by every request; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    shared: Arc<Shared>,
}

struct Shared {
    index_dir: PathBuf,
    index: RwLock<Arc<SearchIndex>>,
    index_identity: Mutex<Option<FolderIdentity>>,
    limits: ServerLimits,
    search_slots: Arc<Semaphore>,
    metrics: Metrics,
    auth: Auth,
}

impl AppState {
    /// Opens the index in `index_dir`; every caller is anonymous.
    pub fn open(index_dir: &Path, limits: ServerLimits) -> Result<AppState, IndexError> {
        AppState::open_with_auth(index_dir, limits, Auth::anonymous_only())
    }

    /// Opens the index in `index_dir`, authenticating callers with `auth`.
    pub fn open_with_auth(
        index_dir: &Path,
        limits: ServerLimits,
        auth: Auth,
    ) -> Result<AppState, IndexError> {
        let index = SearchIndex::open(index_dir)?;
        index.warm_up();
        Ok(AppState {
            shared: Arc::new(Shared {
                index_dir: index_dir.to_path_buf(),
                index: RwLock::new(Arc::new(index)),
                index_identity: Mutex::new(folder_identity(index_dir)),
                search_slots: Arc::new(Semaphore::new(limits.max_concurrent_searches)),
                limits,
                metrics: Metrics::default(),
                auth,
            }),
        })
    }

    pub fn limits(&self) -> &ServerLimits {
        &self.shared.limits
    }

    /// Tokens, sessions, failed attempts and the audit log.
    pub fn auth(&self) -> &Auth {
        &self.shared.auth
    }

    pub(crate) fn metrics(&self) -> &Metrics {
        &self.shared.metrics
    }

    /// The index as of now; a request keeps the one it started with even if the index
    /// is swapped meanwhile.
    pub fn index(&self) -> Arc<SearchIndex> {
        match self.shared.index.read() {
            Ok(index) => Arc::clone(&index),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Searches running now.
    pub fn searches_in_flight(&self) -> usize {
        self.shared.limits.max_concurrent_searches - self.shared.search_slots.available_permits()
    }

    /// Makes the latest commit visible, reopening the index when its folder was replaced.
    /// Blocking (file I/O). Returns true when the index was reopened.
    pub fn refresh_index(&self) -> Result<bool, IndexError> {
        let current_identity = folder_identity(&self.shared.index_dir);
        let replaced = {
            let known = self
                .shared
                .index_identity
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            current_identity.is_some() && *known != current_identity
        };
        if !replaced {
            self.index().reload()?;
            return Ok(false);
        }
        let reopened = SearchIndex::open(&self.shared.index_dir)?;
        reopened.warm_up();
        *self
            .shared
            .index
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Arc::new(reopened);
        *self
            .shared
            .index_identity
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = current_identity;
        tracing::info!(index = %self.shared.index_dir.display(), "index folder replaced; reopened it");
        Ok(true)
    }

    /// Follows commits of other processes (`hrlex index` from cron): every
    /// `reload_interval`, reloads the reader or reopens a replaced index. In-flight
    /// requests keep the snapshot they started with.
    pub fn spawn_reload_task(&self) -> tokio::task::JoinHandle<()> {
        let state = self.clone();
        tokio::spawn(async move {
            let mut ticker = tokio::time::interval(state.limits().reload_interval);
            ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                ticker.tick().await;
                let refreshing = state.clone();
                match tokio::task::spawn_blocking(move || refreshing.refresh_index()).await {
                    Ok(Ok(_)) => {}
                    Ok(Err(error)) => {
                        tracing::warn!(error = %error, "index reload failed; serving the previous generation")
                    }
                    Err(error) => tracing::warn!(error = %error, "index reload task failed"),
                }
            }
        })
    }

    /// Runs blocking index work on the blocking pool, within a search slot and the
    /// time budget. A search that overruns keeps its slot until it really ends, so
    /// timed-out work can never pile up beyond `max_concurrent_searches`.
    pub(crate) async fn run_search<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&SearchIndex) -> Result<T, ApiError> + Send + 'static,
    {
        let limits = self.limits();
        let slot = match tokio::time::timeout(
            limits.queue_wait,
            Arc::clone(&self.shared.search_slots).acquire_owned(),
        )
        .await
        {
            Ok(Ok(slot)) => slot,
            Ok(Err(_)) | Err(_) => return Err(ApiError::Overloaded),
        };
        let index = self.index();
        let task = tokio::task::spawn_blocking(move || {
            let _slot = slot;
            work(&index)
        });
        match tokio::time::timeout(limits.search_budget, task).await {
            Ok(Ok(result)) => result.map_err(|error| self.unavailable_if_index_missing(error)),
            Ok(Err(join_error)) => Err(ApiError::Internal(format!(
                "search task failed: {join_error}"
            ))),
            Err(_) => Err(ApiError::SearchTimeout {
                budget: limits.search_budget,
            }),
        }
    }

    /// Runs cheap blocking index reads (`/healthz`, `/metrics`) on the blocking pool
    /// without waiting for a search slot, so that health checks answer while every
    /// slot is taken.
    pub(crate) async fn read_index<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&SearchIndex) -> Result<T, ApiError> + Send + 'static,
    {
        let index = self.index();
        match tokio::task::spawn_blocking(move || work(&index)).await {
            Ok(result) => result.map_err(|error| self.unavailable_if_index_missing(error)),
            Err(join_error) => Err(ApiError::Internal(format!(
                "index read task failed: {join_error}"
            ))),
        }
    }

    /// An index failure while the folder holds no committed index (deleted, or caught
    /// between the two renames of a rebuild swap) is the index being unavailable (503,
    /// retry later), not a fault of the server (500).
    fn unavailable_if_index_missing(&self, error: ApiError) -> ApiError {
        match error {
            ApiError::Internal(message) if !self.index_is_on_disk() => {
                ApiError::IndexUnavailable(message)
            }
            other => other,
        }
    }

    fn index_is_on_disk(&self) -> bool {
        self.shared.index_dir.join("meta.json").is_file()
    }
}
