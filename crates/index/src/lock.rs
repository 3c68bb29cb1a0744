//! One writer per index folder, across processes and hosts sharing a local disk.
//!
//! [`IndexLock`] is an advisory OS lock (`flock` on Unix, `LockFileEx` on Windows, through
//! `fs4`, as tantivy's own writer lock) on `<index>/.hrlex-index.lock`. The operating system
//! drops it when the holding process ends, however it ends (`kill -9` included), so a lock
//! never outlives its run; only the file stays. While the lock is held the file records who
//! holds it ([`LockHolder`]: pid, host, start time, command) so that a second run can name
//! the holder. A clean release empties the file: a non-empty file whose OS lock is free
//! was therefore left by a run that was killed, and is taken over (reported as stale).
//!
//! ```
//! use hrlex_index::{IndexError, IndexLock, LockHolder};
//! let index_dir = tempfile::tempdir().unwrap();
//! let holder = LockHolder::this_process("cron-host", "hrlex index");
//! let first = IndexLock::acquire(index_dir.path(), &holder).unwrap();
//! let second = IndexLock::acquire(index_dir.path(), &holder);
//! assert!(matches!(second, Err(IndexError::Locked { .. })));
//! drop(first);
//! assert!(IndexLock::acquire(index_dir.path(), &holder).is_ok());
//! ```

use crate::IndexError;
use fs4::fs_std::FileExt;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// The lock file inside the index folder (hidden: an index folder holding only hidden
/// files still counts as empty when a first run creates the index).
pub const LOCK_FILE_NAME: &str = ".hrlex-index.lock";

/// Who holds (or held) an index lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockHolder {
    pub pid: u32,
    pub host: String,
    /// Unix seconds.
    pub started_at: u64,
    /// What the holder is doing (the command line, for operators).
    pub command: String,
}

impl LockHolder {
    /// This process, started now. The host name is the caller's to find (libraries do
    /// not read global configuration).
    pub fn this_process(host: impl Into<String>, command: impl Into<String>) -> LockHolder {
        LockHolder {
            pid: std::process::id(),
            host: host.into(),
            started_at: unix_now(),
            command: command.into(),
        }
    }
}

impl fmt::Display for LockHolder {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "pid {} on {}, started {}",
            self.pid,
            if self.host.is_empty() {
                "an unknown host"
            } else {
                &self.host
            },
            format_unix_utc(self.started_at)
        )?;
        if !self.command.is_empty() {
            write!(formatter, " ({})", self.command)?;
        }
        Ok(())
    }
}

/// A held index lock; released (and its file emptied) on drop.
#[derive(Debug)]
pub struct IndexLock {
    file: File,
    path: PathBuf,
    stale_holder: Option<LockHolder>,
}

impl IndexLock {
    /// Takes the lock of `index_dir` (created when missing) without waiting. Fails with
    /// [`IndexError::Locked`] naming the holder when another process holds it.
    pub fn acquire(index_dir: &Path, holder: &LockHolder) -> Result<IndexLock, IndexError> {
        let io_error = |context: &'static str, path: &Path| {
            let path = path.to_path_buf();
            move |source| IndexError::Io {
                context,
                path,
                source,
            }
        };
        std::fs::create_dir_all(index_dir).map_err(io_error("creating index folder", index_dir))?;
        let path = index_dir.join(LOCK_FILE_NAME);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io_error("opening the lock file", &path))?;
        let acquired =
            FileExt::try_lock_exclusive(&file).map_err(io_error("locking the lock file", &path))?;
        if !acquired {
            let message = match read_holder(&mut file) {
                Some(current) => format!("held by {current}"),
                None => "held by a run that is just starting".to_string(),
            };
            return Err(IndexError::Locked {
                path: index_dir.to_path_buf(),
                message,
            });
        }
        let stale_holder = read_holder(&mut file);
        if let Some(stale) = &stale_holder {
            tracing::warn!(
                stale_pid = stale.pid,
                stale_host = %stale.host,
                stale_started_at = stale.started_at,
                lock = %path.display(),
                "taking over the index lock left by a run that did not finish"
            );
        }
        let record = serde_json::to_string(holder).map_err(|error| IndexError::Engine {
            context: "encoding the lock holder",
            message: error.to_string(),
        })?;
        let write = |file: &mut File| -> std::io::Result<()> {
            file.set_len(0)?;
            file.seek(SeekFrom::Start(0))?;
            file.write_all(record.as_bytes())?;
            file.write_all(b"\n")?;
            file.sync_data()
        };
        write(&mut file).map_err(io_error("writing the lock file", &path))?;
        Ok(IndexLock {
            file,
            path,
            stale_holder,
        })
    }

    /// The run that held this lock before and was killed without releasing it.
    pub fn stale_holder(&self) -> Option<&LockHolder> {
        self.stale_holder.as_ref()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for IndexLock {
    fn drop(&mut self) {
        // Empty first, then unlock: a non-empty unlocked file always means a killed run.
        if let Err(error) = self.file.set_len(0) {
            tracing::warn!(lock = %self.path.display(), %error, "could not empty the lock file");
        }
        let _ = FileExt::unlock(&self.file);
    }
}

/// The holder recorded in `index_dir`'s lock file, if any: the current holder while a run
/// is in progress, or a run that was killed. (Whether the OS lock is still held is not
/// checked: probing it could make a run starting at that instant fail.)
pub fn recorded_lock_holder(index_dir: &Path) -> Option<LockHolder> {
    let mut file = File::open(index_dir.join(LOCK_FILE_NAME)).ok()?;
    read_holder(&mut file)
}

fn read_holder(file: &mut File) -> Option<LockHolder> {
    let mut text = String::new();
    file.seek(SeekFrom::Start(0)).ok()?;
    file.read_to_string(&mut text).ok()?;
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    Some(serde_json::from_str(text).unwrap_or_else(|_| LockHolder {
        pid: 0,
        host: String::new(),
        started_at: 0,
        command: format!("unreadable lock record {:?}", truncate(text, 80)),
    }))
}

fn truncate(text: &str, max_chars: usize) -> String {
    text.chars().take(max_chars).collect()
}

pub(crate) fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |duration| duration.as_secs())
}

/// `2026-11-27T19:40:41Z` for Unix seconds (UTC, proleptic Gregorian calendar).
pub fn format_unix_utc(unix_seconds: u64) -> String {
    let days = (unix_seconds / 86_400) as i64;
    let seconds_of_day = unix_seconds % 86_400;
    // Days to civil date (H. Hinnant's algorithm).
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        seconds_of_day / 3_600,
        seconds_of_day % 3_600 / 60,
        seconds_of_day % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_names_the_first_holder() {
        let index_dir = tempfile::tempdir().unwrap();
        let first_holder = LockHolder::this_process("night-host", "hrlex index --corpus /data");
        let _first = IndexLock::acquire(index_dir.path(), &first_holder).unwrap();
        let error = IndexLock::acquire(index_dir.path(), &LockHolder::this_process("h", ""))
            .expect_err("the lock is held");
        let message = error.to_string();
        assert!(
            message.contains(&format!("pid {}", std::process::id())),
            "{message}"
        );
        assert!(message.contains("night-host"), "{message}");
        assert!(message.contains("hrlex index --corpus /data"), "{message}");
    }

    #[test]
    fn a_released_lock_leaves_an_empty_file_and_is_not_stale() {
        let index_dir = tempfile::tempdir().unwrap();
        let holder = LockHolder::this_process("h", "first");
        drop(IndexLock::acquire(index_dir.path(), &holder).unwrap());
        assert_eq!(recorded_lock_holder(index_dir.path()), None);
        let again = IndexLock::acquire(index_dir.path(), &holder).unwrap();
        assert!(again.stale_holder().is_none());
    }

    #[test]
    fn a_record_left_without_an_os_lock_is_taken_over_as_stale() {
        let index_dir = tempfile::tempdir().unwrap();
        let killed = LockHolder {
            pid: 999_999,
            host: "old-host".into(),
            started_at: 1_700_000_000,
            command: "hrlex index".into(),
        };
        std::fs::write(
            index_dir.path().join(LOCK_FILE_NAME),
            serde_json::to_string(&killed).unwrap(),
        )
        .unwrap();
        let lock =
            IndexLock::acquire(index_dir.path(), &LockHolder::this_process("h", "new")).unwrap();
        assert_eq!(lock.stale_holder(), Some(&killed));
        let current = recorded_lock_holder(index_dir.path()).unwrap();
        assert_eq!(current.pid, std::process::id());
        assert_eq!(current.command, "new");
    }

    #[test]
    fn unix_times_format_as_utc_dates() {
        assert_eq!(format_unix_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_unix_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(format_unix_utc(1_700_000_000), "2023-11-14T22:13:20Z");
    }
}
