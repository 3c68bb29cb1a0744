//! What a run that fails or is killed leaves behind, and how the next step clears it.
//!
//! - Segment files written by a run that never committed them (a disk-full failure left
//!   16 MB of them, so every later run failed for lack of space even with nothing to do):
//!   [`remove_orphan_segment_files`] deletes every segment file that the committed
//!   `meta.json` does not list, after a failed run and before each run starts. tantivy
//!   tracks the files it creates in `.managed.json`; its garbage collector removes the
//!   tracked ones, and a sweep removes untracked segment-named files (`<32 hex>.<ext>`).
//! - The folder of a schema rebuild (`<index>.rebuild`): the rebuilt index is swapped in with one atomic `renameat2(RENAME_EXCHANGE)`
//!   ([`swap_in_rebuilt_index`]), so a kill at any moment leaves a complete index at the
//!   path, and the folder left beside it is garbage that [`remove_leftover_folders`]
//!   removes at the start of the next run. A swap that older builds (two renames) left
//!   half done is finished by [`recover_interrupted_swap`].
//! - A failure's cause: [`name_the_cause`] turns an engine error on a full file system
//!   into [`IndexError::DiskFull`] ("no space left on device at …").

use crate::events::IndexEvent;
use crate::lock::LOCK_FILE_NAME;
use crate::IndexError;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use tantivy::Index;

/// Run first by every index run, holding the lock: finishes a swap an older build left
/// half done, removes the folders of an unfinished rebuild and the segment files of a
/// run that failed or was killed before committing them.
pub(crate) fn before_run(index_dir: &Path) -> Result<(), IndexError> {
    recover_interrupted_swap(index_dir)?;
    remove_leftover_folders(index_dir)?;
    if let Err(error) = remove_orphan_segment_files(index_dir) {
        tracing::warn!(%error, index = %index_dir.display(), "could not look for orphan segment files");
    }
    Ok(())
}

/// Run when an index run fails, still holding the lock: names the cause (checked before
/// anything is freed), then removes what the run wrote and did not commit, so that the
/// next run (and the last-run record written next) have the space back.
pub(crate) fn after_failed_run(error: IndexError, index_dir: &Path) -> IndexError {
    if matches!(error, IndexError::Locked { .. }) {
        return error;
    }
    let error = name_the_cause(error, index_dir);
    match remove_orphan_segment_files(index_dir) {
        Ok(removed) if removed.files > 0 => tracing::warn!(
            files = removed.files,
            bytes = removed.bytes,
            "removed the segment files the failed run had written"
        ),
        Ok(_) => {}
        Err(cleanup_error) => {
            tracing::warn!(error = %cleanup_error, "could not remove the failed run's segment files")
        }
    }
    if let Err(cleanup_error) = remove_leftover_folders(index_dir) {
        tracing::warn!(error = %cleanup_error, "could not remove the failed rebuild's folder");
    }
    error
}

/// What a clean-up removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Removed {
    pub files: usize,
    pub bytes: u64,
}

/// Below this many free bytes, a failed write is taken to have failed for lack of space.
const FULL_BELOW_FREE_BYTES: u64 = 1024 * 1024;

/// The folder a `--full` rebuild of another schema version is built in.
pub(crate) fn staging_dir(index_dir: &Path) -> PathBuf {
    sibling(index_dir, ".rebuild")
}

/// Where builds before the atomic swap moved the replaced index.
fn old_dir(index_dir: &Path) -> PathBuf {
    sibling(index_dir, ".old")
}

fn sibling(index_dir: &Path, suffix: &str) -> PathBuf {
    let mut name = index_dir.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    index_dir.with_file_name(name)
}

/// Deletes the segment files of `index_dir` that its committed `meta.json` does not list.
/// Only safe while holding the index lock (no other writer is writing segments).
pub(crate) fn remove_orphan_segment_files(index_dir: &Path) -> Result<Removed, IndexError> {
    if !index_dir.join("meta.json").exists() {
        return Ok(Removed::default());
    }
    let mut index =
        Index::open_in_dir(index_dir).map_err(IndexError::engine("opening the index"))?;
    let metas = index
        .load_metas()
        .map_err(IndexError::engine("reading the index metadata"))?;
    let mut living: HashSet<PathBuf> = metas.list_segment_files();
    living.insert(PathBuf::from("meta.json"));
    let committed_segments: HashSet<String> = metas
        .segments
        .iter()
        .map(|segment| segment.id().uuid_string())
        .collect();
    let orphans_before = orphan_candidates(index_dir, &committed_segments);
    // tantivy's collector removes the files it tracks and updates `.managed.json`.
    if let Err(error) = index.directory_mut().garbage_collect(|| living) {
        tracing::warn!(%error, index = %index_dir.display(), "tantivy garbage collection failed");
    }
    let mut removed = Removed::default();
    for (path, bytes) in orphans_before {
        // Files tantivy did not track (or failed to delete) go here.
        if path.exists() {
            if let Err(error) = std::fs::remove_file(&path) {
                tracing::warn!(%error, file = %path.display(), "could not remove an orphan segment file");
                continue;
            }
        }
        removed.files += 1;
        removed.bytes += bytes;
    }
    if removed.files > 0 {
        tracing::info!(
            files = removed.files,
            bytes = removed.bytes,
            index = %index_dir.display(),
            "removed segment files no commit refers to"
        );
    }
    Ok(removed)
}

/// Segment-named files (`<32 hex digits>.<extension>`) of segments not committed, with
/// their sizes.
fn orphan_candidates(index_dir: &Path, committed: &HashSet<String>) -> Vec<(PathBuf, u64)> {
    let Ok(entries) = std::fs::read_dir(index_dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let (segment, _extension) = name.split_once('.')?;
            let is_segment_name =
                segment.len() == 32 && segment.bytes().all(|byte| byte.is_ascii_hexdigit());
            if !is_segment_name || committed.contains(segment) {
                return None;
            }
            let metadata = entry.metadata().ok()?;
            metadata.is_file().then(|| (entry.path(), metadata.len()))
        })
        .collect()
}

/// Removes the folder a schema rebuild leaves beside `index_dir` when it fails or is
/// killed (`<index>.rebuild`: an unfinished rebuild, or the replaced index after the
/// swap). Only while holding the index lock: then no rebuild is under way.
pub(crate) fn remove_leftover_folders(index_dir: &Path) -> Result<(), IndexError> {
    let folder = staging_dir(index_dir);
    if !folder.is_dir() {
        return Ok(());
    }
    tracing::info!(folder = %folder.display(), "removing the folder an unfinished rebuild left");
    std::fs::remove_dir_all(&folder).map_err(|source| IndexError::Io {
        context: "removing a folder left by an unfinished rebuild",
        path: folder.clone(),
        source,
    })
}

/// Installs the committed rebuild at `<index>.rebuild` in place of `index_dir` in one
/// atomic step (the two folders are exchanged), then removes the replaced index. A kill
/// before the exchange leaves the old index at the path, after it the new one; the folder
/// left beside it is removed by the next run ([`remove_leftover_folders`]).
pub(crate) fn swap_in_rebuilt_index(
    index_dir: &Path,
    observe: &mut dyn FnMut(&IndexEvent),
) -> Result<(), IndexError> {
    let staging = staging_dir(index_dir);
    if !staging.exists() {
        return Ok(());
    }
    observe(&IndexEvent::Swapping);
    // The held lock file moves into the rebuild first (a rename keeps the inode, and so
    // the OS lock): after the exchange it is at the index path again, so a run starting
    // then still finds the index locked.
    let lock = index_dir.join(LOCK_FILE_NAME);
    if lock.exists() {
        std::fs::rename(&lock, staging.join(LOCK_FILE_NAME)).map_err(|source| IndexError::Io {
            context: "moving the index lock into the rebuilt index",
            path: lock.clone(),
            source,
        })?;
    }
    exchange(&staging, index_dir).map_err(|source| IndexError::Io {
        context: "swapping in the rebuilt index",
        path: index_dir.to_path_buf(),
        source,
    })?;
    observe(&IndexEvent::Swapped);
    // The replaced index is now at the staging path.
    std::fs::remove_dir_all(&staging).map_err(|source| IndexError::Io {
        context: "removing the replaced index",
        path: staging,
        source,
    })
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(first: &Path, second: &Path) -> std::io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, first, CWD, second, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

/// Without an atomic exchange: two renames, so a kill between them leaves the old index at
/// `<index>.old` and the new one at `<index>.rebuild`; [`recover_interrupted_swap`] then
/// finishes the swap.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(staging: &Path, index_dir: &Path) -> std::io::Result<()> {
    let old = old_dir(index_dir);
    std::fs::rename(index_dir, &old)?;
    std::fs::rename(staging, index_dir)?;
    std::fs::rename(&old, staging)
}

/// Finishes a swap interrupted between two renames (builds without the atomic exchange,
/// or older builds of hrlex): no index at `index_dir`, the committed rebuild beside it.
pub(crate) fn recover_interrupted_swap(index_dir: &Path) -> Result<(), IndexError> {
    let staging = staging_dir(index_dir);
    if index_dir.join("meta.json").exists() || !staging.join("meta.json").exists() {
        return Ok(());
    }
    let committed = Index::open_in_dir(&staging)
        .and_then(|index| index.load_metas())
        .is_ok_and(|metas| metas.payload.is_some());
    if !committed {
        return Ok(());
    }
    let only_hidden_files = std::fs::read_dir(index_dir).map_or(true, |mut entries| {
        entries.all(|entry| {
            entry.is_ok_and(|entry| entry.file_name().to_string_lossy().starts_with('.'))
        })
    });
    if !only_hidden_files {
        return Ok(());
    }
    tracing::warn!(index = %index_dir.display(), "finishing a rebuild swap that was interrupted");
    let io = |context: &'static str, path: &Path| {
        let path = path.to_path_buf();
        move |source| IndexError::Io {
            context,
            path,
            source,
        }
    };
    // The lock file moves with the rebuild (a rename keeps the inode, and so the lock).
    let lock = index_dir.join(LOCK_FILE_NAME);
    if lock.exists() {
        std::fs::rename(&lock, staging.join(LOCK_FILE_NAME))
            .map_err(io("moving the index lock into the rebuilt index", &lock))?;
    }
    if index_dir.exists() {
        std::fs::remove_dir_all(index_dir).map_err(io(
            "clearing the index path of an interrupted swap",
            index_dir,
        ))?;
    }
    std::fs::rename(&staging, index_dir).map_err(io(
        "installing the rebuilt index of an interrupted swap",
        &staging,
    ))?;
    // The index the interrupted swap had moved aside.
    let old = old_dir(index_dir);
    if old.join("meta.json").exists() {
        std::fs::remove_dir_all(&old).map_err(io("removing the replaced index", &old))?;
    }
    Ok(())
}

/// `error` as [`IndexError::DiskFull`] when the write failed for lack of space: an
/// `ENOSPC` I/O error, tantivy's text of one, or (tantivy reports a failed writer thread
/// without its cause) a file system with less than 1 MiB left. Checked before the
/// clean-up frees the space.
pub(crate) fn name_the_cause(error: IndexError, index_dir: &Path) -> IndexError {
    let is_write_error = matches!(error, IndexError::Io { .. } | IndexError::Engine { .. });
    if !is_write_error {
        return error;
    }
    let says_no_space = match &error {
        IndexError::Io { source, .. } => source.raw_os_error() == Some(libc_enospc()),
        _ => false,
    } || {
        let text = error.to_string();
        text.contains("No space left on device") || text.contains("os error 28")
    };
    if says_no_space || free_bytes(index_dir).is_some_and(|free| free < FULL_BELOW_FREE_BYTES) {
        IndexError::DiskFull {
            path: index_dir.to_path_buf(),
            context: error.to_string(),
        }
    } else {
        error
    }
}

fn libc_enospc() -> i32 {
    rustix::io::Errno::NOSPC.raw_os_error()
}

/// Bytes available to this process on the file system of `path` (or of its parent when
/// `path` is gone).
fn free_bytes(path: &Path) -> Option<u64> {
    let existing = path.ancestors().find(|ancestor| ancestor.exists())?;
    let stats = rustix::fs::statvfs(existing).ok()?;
    Some(stats.f_bavail.saturating_mul(stats.f_frsize))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exchange_swaps_two_folders_in_one_step() {
        let parent = tempfile::tempdir().unwrap();
        let index = parent.path().join("index");
        std::fs::create_dir(&index).unwrap();
        std::fs::write(index.join("old"), "старый").unwrap();
        let staging = staging_dir(&index);
        std::fs::create_dir(&staging).unwrap();
        std::fs::write(staging.join("new"), "новый").unwrap();
        let holder = crate::LockHolder::this_process("h", "test");
        let lock = crate::IndexLock::acquire(&index, &holder).unwrap();
        let mut events = Vec::new();
        swap_in_rebuilt_index(&index, &mut |event| events.push(event.clone())).unwrap();
        assert!(index.join("new").exists() && !index.join("old").exists());
        // The lock moved with the swap: still held at the index path.
        assert!(matches!(
            crate::IndexLock::acquire(&index, &holder),
            Err(IndexError::Locked { .. })
        ));
        drop(lock);
        assert!(!staging.exists());
        assert_eq!(events, [IndexEvent::Swapping, IndexEvent::Swapped]);
    }

    #[test]
    fn untracked_segment_files_of_no_commit_are_removed_and_others_kept() {
        let index_dir = tempfile::tempdir().unwrap();
        let index = Index::create_in_dir(index_dir.path(), crate::schema::build_schema()).unwrap();
        drop(index);
        let orphan = index_dir
            .path()
            .join("0123456789abcdef0123456789abcdef.store");
        std::fs::write(&orphan, vec![0u8; 4096]).unwrap();
        let other = index_dir.path().join("notes.txt");
        std::fs::write(&other, "keep").unwrap();
        let removed = remove_orphan_segment_files(index_dir.path()).unwrap();
        assert_eq!(
            removed,
            Removed {
                files: 1,
                bytes: 4096
            }
        );
        assert!(!orphan.exists() && other.exists());
        assert!(index_dir.path().join("meta.json").exists());
    }
}
