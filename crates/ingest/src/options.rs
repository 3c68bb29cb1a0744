use crate::file_kind::SymlinkPolicy;
use std::time::Duration;

/// Default [`IngestOptions::max_document_text_bytes`]: 8 MiB, ten times the largest real
/// document of the development corpus (838 KB of text, a Special Rapporteur report).
pub const DEFAULT_MAX_DOCUMENT_TEXT_BYTES: usize = 8 * 1024 * 1024;

/// Default [`IngestOptions::max_paragraph_text_bytes`]: 512 KiB, over twice the largest
/// real paragraph of the development corpus (222 KB: a Special Rapporteur's list of
/// country allegations printed as one paragraph).
pub const DEFAULT_MAX_PARAGRAPH_TEXT_BYTES: usize = 512 * 1024;

/// How ingest runs. The binary fills this from flags; libraries never read the
/// environment.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Files larger than this are reported as too large and skipped.
    pub max_file_bytes: u64,
    /// Hard wall-clock limit for one external tool call (pdftotext, tesseract…).
    pub tool_timeout: Duration,
    /// Use poppler's `pdftotext` when it is installed (preferred: correct Arabic order).
    pub use_pdftotext: bool,
    /// OCR pages without a text layer with tesseract when it is installed.
    pub ocr: bool,
    /// At most this many pages are OCRed per document (OCR costs seconds per page).
    pub max_ocr_pages: u32,
    /// Tesseract language packs to use, `+`-joined as tesseract expects.
    pub ocr_languages: String,
    /// The ECtHR case-name gazetteer: cases named without their number
    /// (`M.S.S. v. Belgium and Greece`) resolve through it. `None`: numbers only.
    pub gazetteer: Option<std::sync::Arc<hrlex_cite::Gazetteer>>,
    /// Which symbolic links are followed (walk and sidecars); none by default.
    pub symlinks: SymlinkPolicy,
    /// A document's text beyond this many bytes is dropped (a note says so): a small file
    /// can expand to gigabytes of text (a PDF of repeated content streams).
    pub max_document_text_bytes: usize,
    /// A longer paragraph is split into pieces of at most this many bytes (same number,
    /// a note says so): snippets and highlighting read whole paragraphs.
    pub max_paragraph_text_bytes: usize,
    /// How to run pdf-extract (the fallback when pdftotext is missing or disabled): in
    /// a child process given this command plus the PDF's path, which prints the pages
    /// separated by form feeds and is killed after [`Self::tool_timeout`]; `None`: in a
    /// thread of this process, abandoned after the timeout.
    pub pdf_extract_command: Option<Vec<std::ffi::OsString>>,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            max_file_bytes: 100 * 1024 * 1024,
            tool_timeout: Duration::from_secs(60),
            use_pdftotext: true,
            ocr: true,
            max_ocr_pages: 30,
            ocr_languages: "eng+fra+spa+por+rus+ara+chi_sim".to_string(),
            gazetteer: None,
            symlinks: SymlinkPolicy::never(),
            max_document_text_bytes: DEFAULT_MAX_DOCUMENT_TEXT_BYTES,
            max_paragraph_text_bytes: DEFAULT_MAX_PARAGRAPH_TEXT_BYTES,
            pdf_extract_command: None,
        }
    }
}
