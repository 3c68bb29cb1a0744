//! What a file-system entry is, and reading only regular files. A corpus file or a sidecar
//! is read only when it is a regular file inside the corpus: a FIFO would block the reader
//! forever, a device (`/dev/zero`) never ends, a socket cannot be read, and a symbolic link
//! may point anywhere (`/etc/passwd`). Such entries are reported with their kind
//! ([`EntryKind::code`]: `fifo`, `socket`, `device`, `symlink`) and never opened.
//!
//! ```
//! use hrlex_ingest::file_kind::{read_regular_file, SymlinkPolicy};
//! let folder = tempfile::tempdir().unwrap();
//! let link = folder.path().join("passwd.meta.json");
//! std::os::unix::fs::symlink("/etc/passwd", &link).unwrap();
//! let refused = read_regular_file(&link, &SymlinkPolicy::never(), 1 << 20).unwrap_err();
//! assert_eq!(refused.code(), "symlink");
//! ```

use crate::IngestError;
use std::fs::FileType;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The kind of a file-system entry, as far as reading it is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    Regular,
    Directory,
    Symlink,
    Fifo,
    Socket,
    /// A block or character device (`/dev/zero`, `/dev/sda`).
    Device,
    Other,
}

impl EntryKind {
    pub fn of(file_type: FileType) -> EntryKind {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_file() {
            EntryKind::Regular
        } else if file_type.is_dir() {
            EntryKind::Directory
        } else if file_type.is_symlink() {
            EntryKind::Symlink
        } else if file_type.is_fifo() {
            EntryKind::Fifo
        } else if file_type.is_socket() {
            EntryKind::Socket
        } else if file_type.is_block_device() || file_type.is_char_device() {
            EntryKind::Device
        } else {
            EntryKind::Other
        }
    }

    /// The stable code under which a refused entry is reported.
    pub fn code(self) -> &'static str {
        match self {
            EntryKind::Regular => "file",
            EntryKind::Directory => "directory",
            EntryKind::Symlink => "symlink",
            EntryKind::Fifo => "fifo",
            EntryKind::Socket => "socket",
            EntryKind::Device => "device",
            EntryKind::Other => "special-file",
        }
    }

    /// For messages: "a FIFO (named pipe)".
    pub fn description(self) -> &'static str {
        match self {
            EntryKind::Regular => "a regular file",
            EntryKind::Directory => "a directory",
            EntryKind::Symlink => "a symbolic link",
            EntryKind::Fifo => "a FIFO (named pipe)",
            EntryKind::Socket => "a socket",
            EntryKind::Device => "a device",
            EntryKind::Other => "a special file",
        }
    }
}

/// Which symbolic links are followed: none (the default), or those whose target lies
/// inside one of the corpus roots (`--follow-symlinks`).
#[derive(Debug, Clone, Default)]
pub struct SymlinkPolicy {
    /// Canonical roots; `None`: links are never followed.
    inside_roots: Option<Vec<PathBuf>>,
}

impl SymlinkPolicy {
    pub fn never() -> SymlinkPolicy {
        SymlinkPolicy::default()
    }

    /// Follow links whose canonical target is under one of `roots` (roots that cannot be
    /// resolved are left out).
    pub fn inside_roots(roots: &[PathBuf]) -> SymlinkPolicy {
        SymlinkPolicy {
            inside_roots: Some(
                roots
                    .iter()
                    .filter_map(|root| std::fs::canonicalize(root).ok())
                    .collect(),
            ),
        }
    }

    pub fn follows_links(&self) -> bool {
        self.inside_roots.is_some()
    }

    /// The canonical target of the link `link` when this policy follows it, or why not.
    pub fn resolve(&self, link: &Path) -> Result<PathBuf, String> {
        let Some(roots) = &self.inside_roots else {
            return Err(
                "symbolic link not followed (pass --follow-symlinks to follow links whose \
                 target is inside a corpus folder)"
                    .to_string(),
            );
        };
        let target = std::fs::canonicalize(link)
            .map_err(|error| format!("symbolic link with an unreadable target: {error}"))?;
        if roots.iter().any(|root| target.starts_with(root)) {
            Ok(target)
        } else {
            Err(format!(
                "symbolic link to {}, outside the corpus folders; not followed",
                target.display()
            ))
        }
    }
}

/// The error for an entry that is not read because of its kind.
pub fn refused(path: &Path, kind: EntryKind) -> IngestError {
    IngestError::NotRegularFile {
        path: path.to_path_buf(),
        kind,
    }
}

/// Reads `path` whole when it is a regular file of at most `max_bytes` bytes (a link is
/// resolved by `symlinks` first); `Ok(None)` when it does not exist. Anything else is an
/// error naming its kind, and is never opened, so no read can block or run forever.
pub fn read_regular_file(
    path: &Path,
    symlinks: &SymlinkPolicy,
    max_bytes: u64,
) -> Result<Option<Vec<u8>>, IngestError> {
    let metadata = match std::fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(IngestError::io(path, error)),
    };
    let target = if metadata.file_type().is_symlink() {
        symlinks
            .resolve(path)
            .map_err(|reason| IngestError::SymlinkRefused {
                path: path.to_path_buf(),
                reason,
            })?
    } else {
        path.to_path_buf()
    };
    let file = open_regular(&target)?;
    let size = file
        .metadata()
        .map_err(|error| IngestError::io(path, error))?
        .len();
    if size > max_bytes {
        return Err(IngestError::TooLarge {
            path: path.to_path_buf(),
            bytes: size,
            limit: max_bytes,
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // `take`: a file that grows while it is read still stops at the limit.
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|error| IngestError::io(path, error))?;
    if bytes.len() as u64 > max_bytes {
        return Err(IngestError::TooLarge {
            path: path.to_path_buf(),
            bytes: bytes.len() as u64,
            limit: max_bytes,
        });
    }
    Ok(Some(bytes))
}

/// Opens `path` for reading only if it is a regular file: checked before opening, and the
/// opened handle checked again (the entry may have been replaced in between). The open
/// itself cannot block: `O_NONBLOCK` makes opening a FIFO return at once.
pub fn open_regular(path: &Path) -> Result<std::fs::File, IngestError> {
    use std::os::unix::fs::OpenOptionsExt;
    let kind = std::fs::metadata(path)
        .map(|metadata| EntryKind::of(metadata.file_type()))
        .map_err(|error| IngestError::io(path, error))?;
    if kind != EntryKind::Regular {
        return Err(refused(path, kind));
    }
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|error| IngestError::io(path, error))?;
    let kind = file
        .metadata()
        .map(|metadata| EntryKind::of(metadata.file_type()))
        .map_err(|error| IngestError::io(path, error))?;
    if kind != EntryKind::Regular {
        return Err(refused(path, kind));
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fifo_is_refused_without_being_opened() {
        let folder = tempfile::tempdir().unwrap();
        let fifo = folder.path().join("решение.meta.json");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|status| status.success()) {
            eprintln!("mkfifo unavailable: FIFO case not checked");
            return;
        }
        // Reading would block forever (no writer): the test finishing is the check.
        let error = read_regular_file(&fifo, &SymlinkPolicy::never(), 1024).unwrap_err();
        assert_eq!(error.code(), "fifo");
        assert!(error.to_string().contains("FIFO"), "{error}");
    }

    #[test]
    fn a_link_to_a_device_is_refused_even_when_links_are_followed() {
        let folder = tempfile::tempdir().unwrap();
        let link = folder.path().join("zero.meta.json");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        let policy = SymlinkPolicy::inside_roots(&[folder.path().to_path_buf()]);
        let error = read_regular_file(&link, &policy, 1024).unwrap_err();
        assert_eq!(error.code(), "symlink");
        assert!(error.to_string().contains("/dev/zero"), "{error}");
        assert_eq!(
            read_regular_file(Path::new("/dev/zero"), &policy, 1024)
                .unwrap_err()
                .code(),
            "device"
        );
    }

    #[test]
    fn a_link_inside_the_roots_is_followed_only_when_asked() {
        let folder = tempfile::tempdir().unwrap();
        let real = folder.path().join("real.json");
        std::fs::write(&real, "{\"title\": \"Решение\"}").unwrap();
        let link = folder.path().join("link.json");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert_eq!(
            read_regular_file(&link, &SymlinkPolicy::never(), 1024)
                .unwrap_err()
                .code(),
            "symlink"
        );
        let policy = SymlinkPolicy::inside_roots(&[folder.path().to_path_buf()]);
        let bytes = read_regular_file(&link, &policy, 1024).unwrap().unwrap();
        assert!(String::from_utf8(bytes).unwrap().contains("Решение"));
        assert_eq!(
            read_regular_file(&real, &policy, 4).unwrap_err().code(),
            "too-large"
        );
        assert!(
            read_regular_file(&folder.path().join("missing"), &policy, 4)
                .unwrap()
                .is_none()
        );
    }
}
