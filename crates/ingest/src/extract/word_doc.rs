//! word_doc extraction. (Being written.)
use super::ExtractedText;
use crate::IngestError;
use std::path::Path;

/// Extracts the text of one file already read into memory.
pub fn extract(path: &Path, bytes: &[u8]) -> Result<ExtractedText, IngestError> {
    let _ = bytes;
    Err(IngestError::UnsupportedFormat {
        path: path.to_path_buf(),
        detected: "word_doc (extractor not built yet)".into(),
    })
}
