use std::path::PathBuf;

/// Why one file could not be turned into documents. Every variant names the file, so
/// that a batch summary can list failures with path and reason.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: unsupported format ({detected})")]
    UnsupportedFormat { path: PathBuf, detected: String },
    #[error("{path}: {bytes} bytes exceeds the limit of {limit} bytes")]
    TooLarge {
        path: PathBuf,
        bytes: u64,
        limit: u64,
    },
    #[error("{path}: no text layer; needs OCR ({detail})")]
    NeedsOcr { path: PathBuf, detail: String },
    #[error("{path}: text is mostly unreadable (mojibake ratio {ratio:.2}); not indexed")]
    Mojibake { path: PathBuf, ratio: f32 },
    #[error("{path}: no text extracted")]
    Empty { path: PathBuf },
    #[error("{path}: {tool} timed out after {seconds} s")]
    Timeout {
        path: PathBuf,
        tool: String,
        seconds: u64,
    },
    #[error("{path}: malformed {format}: {message}")]
    Malformed {
        path: PathBuf,
        format: String,
        message: String,
    },
    #[error("{path}: {tool} failed: {message}")]
    Tool {
        path: PathBuf,
        tool: String,
        message: String,
    },
    #[error("{path}: extractor panicked: {message}")]
    Panic { path: PathBuf, message: String },
    /// A FIFO, socket, device or directory where a file was expected: never opened.
    #[error("{path}: {}, not a regular file; not read", kind.description())]
    NotRegularFile {
        path: PathBuf,
        kind: crate::file_kind::EntryKind,
    },
    /// A symbolic link the [`crate::file_kind::SymlinkPolicy`] does not follow.
    #[error("{path}: {reason}")]
    SymlinkRefused { path: PathBuf, reason: String },
}

impl IngestError {
    pub fn path(&self) -> &std::path::Path {
        match self {
            IngestError::Io { path, .. }
            | IngestError::UnsupportedFormat { path, .. }
            | IngestError::TooLarge { path, .. }
            | IngestError::NeedsOcr { path, .. }
            | IngestError::Mojibake { path, .. }
            | IngestError::Empty { path }
            | IngestError::Timeout { path, .. }
            | IngestError::Malformed { path, .. }
            | IngestError::Tool { path, .. }
            | IngestError::Panic { path, .. }
            | IngestError::NotRegularFile { path, .. }
            | IngestError::SymlinkRefused { path, .. } => path,
        }
    }

    /// A stable short code for summaries and JSON (`needs-ocr`, `malformed`, …).
    pub fn code(&self) -> &'static str {
        match self {
            IngestError::Io { .. } => "io",
            IngestError::UnsupportedFormat { .. } => "unsupported-format",
            IngestError::TooLarge { .. } => "too-large",
            IngestError::NeedsOcr { .. } => "needs-ocr",
            IngestError::Mojibake { .. } => "mojibake",
            IngestError::Empty { .. } => "empty",
            IngestError::Timeout { .. } => "timeout",
            IngestError::Malformed { .. } => "malformed",
            IngestError::Tool { .. } => "tool-failed",
            IngestError::Panic { .. } => "panic",
            IngestError::NotRegularFile { kind, .. } => kind.code(),
            IngestError::SymlinkRefused { .. } => "symlink",
        }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        IngestError::Io {
            path: path.into(),
            source,
        }
    }

    pub fn malformed(
        path: impl Into<PathBuf>,
        format: impl Into<String>,
        message: impl std::fmt::Display,
    ) -> Self {
        IngestError::Malformed {
            path: path.into(),
            format: format.into(),
            message: message.to_string(),
        }
    }
}
