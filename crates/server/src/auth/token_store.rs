//! The token file as the server holds it: loaded at start, reloaded when the file
//! changes (its inode, size or modification time; checked at most once per
//! [`CHECK_INTERVAL`]), and a cache of verified secrets (Argon2 takes tens of
//! milliseconds per check) keyed by the secret's SHA-256 and cleared at every reload, so
//! a revocation takes effect at the next reload. A new file that cannot be read keeps
//! the previous tokens and is logged once.

use hrlex_access::{AccessError, TokenFile, TokenRecord};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant, SystemTime};

/// How often the file is looked at, at most.
pub(crate) const CHECK_INTERVAL: Duration = Duration::from_secs(1);
/// Secrets remembered as verified; when full, the cache starts over.
const MAX_CACHED: usize = 1024;

/// What tells a replaced or rewritten file apart (`hrlex token` renames a new file over
/// the old one, so the inode alone changes at every save).
#[derive(Debug, Clone, PartialEq, Eq)]
struct FileIdentity {
    inode: u64,
    size: u64,
    modified: Option<SystemTime>,
}

fn file_identity(path: &Path) -> Option<FileIdentity> {
    let metadata = std::fs::metadata(path).ok()?;
    Some(FileIdentity {
        inode: std::os::unix::fs::MetadataExt::ino(&metadata),
        size: metadata.len(),
        modified: metadata.modified().ok(),
    })
}

pub(crate) struct TokenStore {
    path: PathBuf,
    tokens: RwLock<Arc<TokenFile>>,
    /// The identity last looked at (loaded, or failed to load: logged once).
    seen: Mutex<Option<FileIdentity>>,
    /// Bumped at every reload; a verification that began before one is not cached.
    generation: AtomicU64,
    verified: Mutex<HashMap<[u8; 32], String>>,
    opened: Instant,
    /// Milliseconds after `opened` of the last look at the file.
    last_check_ms: AtomicU64,
}

impl TokenStore {
    pub(crate) fn open(path: &Path) -> Result<TokenStore, AccessError> {
        let seen = file_identity(path);
        let tokens = TokenFile::load(path)?;
        Ok(TokenStore {
            path: path.to_path_buf(),
            tokens: RwLock::new(Arc::new(tokens)),
            seen: Mutex::new(seen),
            generation: AtomicU64::new(0),
            verified: Mutex::new(HashMap::new()),
            opened: Instant::now(),
            last_check_ms: AtomicU64::new(0),
        })
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// The tokens as of now.
    pub(crate) fn tokens(&self) -> Arc<TokenFile> {
        Arc::clone(
            &self
                .tokens
                .read()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        )
    }

    pub(crate) fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Whether the file is due for a look; true for one caller per interval.
    pub(crate) fn check_is_due(&self) -> bool {
        let now = u64::try_from(self.opened.elapsed().as_millis()).unwrap_or(u64::MAX);
        let last = self.last_check_ms.load(Ordering::SeqCst);
        let interval = u64::try_from(CHECK_INTERVAL.as_millis()).unwrap_or(1000);
        now.saturating_sub(last) >= interval
            && self
                .last_check_ms
                .compare_exchange(last, now, Ordering::SeqCst, Ordering::SeqCst)
                .is_ok()
    }

    /// Reloads the file when it changed (blocking: a `stat`, and a read when it changed).
    /// Returns true when new tokens were installed.
    pub(crate) fn reload_if_changed(&self) -> bool {
        let current = file_identity(&self.path);
        let mut seen = self
            .seen
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if *seen == current {
            return false;
        }
        *seen = current;
        match TokenFile::load(&self.path) {
            Ok(tokens) => {
                *self
                    .tokens
                    .write()
                    .unwrap_or_else(|poisoned| poisoned.into_inner()) = Arc::new(tokens);
                self.generation.fetch_add(1, Ordering::SeqCst);
                self.verified
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .clear();
                tracing::info!(tokens = %self.path.display(), "token file reloaded");
                true
            }
            Err(error) => {
                tracing::error!(error = %error, "the token file changed but cannot be read; keeping the previous tokens");
                eprintln!("hrlex serve: {error}; keeping the previous tokens");
                false
            }
        }
    }

    /// The active token a secret with this digest was verified as, since the last reload.
    pub(crate) fn cached(&self, digest: &[u8; 32]) -> Option<TokenRecord> {
        let id = self
            .verified
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(digest)
            .cloned()?;
        self.tokens().active_by_id(&id).cloned()
    }

    /// Remembers a verification made with the tokens of `generation` (not if the file
    /// was reloaded meanwhile: the token may have been revoked by then).
    pub(crate) fn remember(&self, digest: [u8; 32], token_id: &str, generation: u64) {
        let mut verified = self
            .verified
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if self.generation() != generation {
            return;
        }
        if verified.len() >= MAX_CACHED {
            verified.clear();
        }
        verified.insert(digest, token_id.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_file_is_reloaded_a_broken_one_keeps_the_previous_tokens() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("tokens.json");
        let secret =
            TokenFile::update(&path, |file| file.add("Комитет", &["cat".to_string()], 1)).unwrap();
        let store = TokenStore::open(&path).unwrap();
        let record = store.tokens().verify_record(&secret).unwrap().clone();
        store.remember(
            super::super::digest(&secret),
            &record.id,
            store.generation(),
        );
        assert!(store.cached(&super::super::digest(&secret)).is_some());
        assert!(!store.reload_if_changed());

        std::fs::write(&path, "{ broken").unwrap();
        assert!(!store.reload_if_changed());
        assert!(store.tokens().active_by_id(&record.id).is_some());

        // A valid new file (another token only) replaces the broken one.
        TokenFile::update(&folder.path().join("other.json"), |file| {
            file.add("Комитет", &["cat".to_string()], 1)
        })
        .unwrap();
        std::fs::copy(folder.path().join("other.json"), &path).unwrap();
        assert!(store.reload_if_changed());
        assert!(store.cached(&super::super::digest(&secret)).is_none());
        assert!(store.tokens().active_by_id(&record.id).is_none());
    }
}
