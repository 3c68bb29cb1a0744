//! PDF text extraction. (Being written: pdftotext in a subprocess, pdf-extract fallback.)
use super::ExtractedText;
use crate::{IngestError, IngestOptions};
use std::path::Path;

/// Extracts the text of a PDF, page by page.
pub fn extract(path: &Path, options: &IngestOptions) -> Result<ExtractedText, IngestError> {
    let _ = options;
    Err(IngestError::UnsupportedFormat {
        path: path.to_path_buf(),
        detected: "pdf (extractor not built yet)".into(),
    })
}
