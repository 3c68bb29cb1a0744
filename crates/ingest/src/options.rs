use std::time::Duration;

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
        }
    }
}
