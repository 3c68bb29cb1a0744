//! The audit log: one JSON line per answer that showed a caller documents that are not
//! public (when, which token, which endpoint, which documents). The server appends;
//! `hrlex audit` reads.
//!
//! The log is append-only: opened with `O_APPEND` for every line (so a log moved away by
//! rotation is followed at the next line, and concurrent writers never interleave within
//! a line), created with mode 0600, never truncated, and each line is one `write`.

use crate::tokens::io_error;
use crate::AccessError;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// One answer that contained documents that are not public.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// RFC 3339, UTC, to the second (`2026-12-08T10:00:00Z`): fixed width, so that
    /// times compare as text.
    pub time: String,
    /// The name of the token the answer was for.
    pub token: String,
    /// Method and path, query string included (`GET /api/search?q=torture`).
    pub endpoint: String,
    /// The ids of the documents in the answer that are not public.
    pub documents: Vec<String>,
}

/// Where the server appends its audit lines.
#[derive(Debug, Clone)]
pub struct AuditLog {
    path: PathBuf,
}

impl AuditLog {
    /// The log at `path`, created (mode 0600) when missing, so that an unwritable
    /// location is found when the server starts rather than at the first confidential
    /// answer.
    pub fn open(path: &Path) -> Result<AuditLog, AccessError> {
        let log = AuditLog {
            path: path.to_path_buf(),
        };
        log.open_for_append()?;
        Ok(log)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn open_for_append(&self) -> Result<std::fs::File, AccessError> {
        std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .mode(0o600)
            .open(&self.path)
            .map_err(io_error("opening the audit log", &self.path))
    }

    /// Appends `entry` as one line, in one write.
    pub fn append(&self, entry: &AuditEntry) -> Result<(), AccessError> {
        let mut line = serde_json::to_vec(entry).map_err(|error| AccessError::Corrupt {
            path: self.path.clone(),
            message: error.to_string(),
        })?;
        line.push(b'\n');
        let mut file = self.open_for_append()?;
        let written = file
            .write(&line)
            .map_err(io_error("appending to the audit log", &self.path))?;
        if written != line.len() {
            return Err(io_error("appending to the audit log", &self.path)(
                std::io::Error::new(
                    std::io::ErrorKind::WriteZero,
                    format!("wrote {written} of {} bytes", line.len()),
                ),
            ));
        }
        Ok(())
    }
}

/// A line of the log as read back: its text and, when it parses, its entry.
#[derive(Debug, Clone)]
pub struct AuditLine {
    /// 1-based.
    pub number: usize,
    pub text: String,
    pub entry: Option<AuditEntry>,
}

/// Every line of the log at `path`, in order (a missing log has none). A line that does
/// not parse (a write cut short by a crash) is returned with no entry, for the reader to
/// report.
pub fn read_audit_log(path: &Path) -> Result<Vec<AuditLine>, AccessError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => return Err(io_error("reading", path)(source)),
    };
    Ok(text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(position, line)| AuditLine {
            number: position + 1,
            text: line.to_string(),
            entry: serde_json::from_str(line).ok(),
        })
        .collect())
}

/// A lower bound on entry times, from `2026-12-01` (that day's start, UTC) or
/// `2026-12-01T10:00:00Z`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Since(String);

impl Since {
    pub fn parse(text: &str) -> Result<Since, AccessError> {
        let invalid = || AccessError::InvalidTime {
            text: text.to_string(),
        };
        let trimmed = text.trim();
        let full = if trimmed.len() == 10 {
            format!("{trimmed}T00:00:00Z")
        } else {
            trimmed.to_string()
        };
        if !is_utc_time(&full) {
            return Err(invalid());
        }
        Ok(Since(full))
    }

    /// Whether `entry` was written at or after this time.
    pub fn admits(&self, entry: &AuditEntry) -> bool {
        entry.time.as_str() >= self.0.as_str()
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ` with plausible fields (the form [`AuditEntry::time`] has).
fn is_utc_time(text: &str) -> bool {
    let bytes = text.as_bytes();
    let shape = "dddd-dd-ddTdd:dd:ddZ".as_bytes();
    if bytes.len() != shape.len()
        || !bytes
            .iter()
            .zip(shape)
            .all(|(byte, expected)| match expected {
                b'd' => byte.is_ascii_digit(),
                other => byte == other,
            })
    {
        return false;
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().unwrap_or(u32::MAX);
    (1..=12).contains(&number(5..7))
        && (1..=31).contains(&number(8..10))
        && number(11..13) < 24
        && number(14..16) < 60
        && number(17..19) < 61
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn entry(time: &str, token: &str) -> AuditEntry {
        AuditEntry {
            time: time.to_string(),
            token: token.to_string(),
            endpoint: "GET /api/search?q=%D0%BF%D1%8B%D1%82%D0%BA%D0%B8".to_string(),
            documents: vec!["spt:visit-1".to_string()],
        }
    }

    #[test]
    fn lines_are_appended_never_truncated_and_read_back() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("audit.log");
        let log = AuditLog::open(&path).unwrap();
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        log.append(&entry("2026-12-01T09:59:59Z", "Подкомитет"))
            .unwrap();
        // A second writer (another server process) appends after the first.
        AuditLog::open(&path)
            .unwrap()
            .append(&entry("2026-12-01T10:00:00Z", "ohchr"))
            .unwrap();
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"{\"time\": \"cut sh")
            .unwrap();
        let lines = read_audit_log(&path).unwrap();
        assert_eq!(lines.len(), 3);
        assert_eq!(
            lines[0].entry,
            Some(entry("2026-12-01T09:59:59Z", "Подкомитет"))
        );
        assert_eq!(lines[1].entry.as_ref().unwrap().token, "ohchr");
        assert!(lines[2].entry.is_none());
        assert_eq!(lines[2].number, 3);
    }

    #[test]
    fn since_takes_a_day_or_a_utc_time() {
        let day = Since::parse("2026-12-01").unwrap();
        assert!(day.admits(&entry("2026-12-01T00:00:00Z", "a")));
        assert!(!day.admits(&entry("2026-11-30T23:59:59Z", "a")));
        let time = Since::parse("2026-12-01T10:00:00Z").unwrap();
        assert!(!time.admits(&entry("2026-12-01T09:59:59Z", "a")));
        assert!(time.admits(&entry("2026-12-02T00:00:00Z", "a")));
        for bad in [
            "2026-13-01",
            "yesterday",
            "2026-12-01T10:00:00",
            "2026-12-01 10:00:00Z",
        ] {
            assert!(Since::parse(bad).is_err(), "{bad}");
        }
    }
}
