//! The steps of an index run, reported as they happen to the observer given to
//! [`crate::update_index_observed`] (progress bars, logs, and the binary's kill tests,
//! which stop a run at a numbered step).

use std::fmt;

/// One step of an index run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexEvent {
    /// The lock is held and the index open: `files` corpus files, of which `to_check`
    /// changed size or mtime (or are new) and will be hashed and maybe extracted.
    Planned { files: usize, to_check: usize },
    /// One of the `to_check` files is done (indexed, unchanged after hashing, or failed).
    FileDone { done: usize, of: usize },
    /// Documents of `removed` vanished files are queued for deletion.
    RemovalsQueued { removed: usize },
    /// A commit starts; `checkpoint` ones are taken during long runs so that progress
    /// survives a kill (each is a consistent state: whole files, manifest included).
    Committing { checkpoint: bool },
    /// The commit is durable and visible to readers.
    Committed { generation: u64, checkpoint: bool },
    /// A `--full` rebuild of another schema version is committed beside the index and is
    /// about to be swapped in (one atomic exchange of the two folders).
    Swapping,
    /// The rebuilt index is at the index path; the replaced one is removed next.
    Swapped,
    /// The last-run record is written; the lock is released next.
    RecordWritten,
}

impl fmt::Display for IndexEvent {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IndexEvent::Planned { files, to_check } => {
                write!(formatter, "planned: {files} files, {to_check} to check")
            }
            IndexEvent::FileDone { done, of } => write!(formatter, "file {done}/{of} done"),
            IndexEvent::RemovalsQueued { removed } => {
                write!(formatter, "{removed} removals queued")
            }
            IndexEvent::Committing { checkpoint } => write!(
                formatter,
                "committing{}",
                if *checkpoint { " (checkpoint)" } else { "" }
            ),
            IndexEvent::Committed {
                generation,
                checkpoint,
            } => write!(
                formatter,
                "committed generation {generation}{}",
                if *checkpoint { " (checkpoint)" } else { "" }
            ),
            IndexEvent::Swapping => write!(formatter, "swapping in the rebuilt index"),
            IndexEvent::Swapped => write!(formatter, "rebuilt index swapped in"),
            IndexEvent::RecordWritten => write!(formatter, "last-run record written"),
        }
    }
}
