//! Format extractors: each turns one file into [`ExtractedText`] (text per page plus
//! hints). Structure (paragraphs, metadata) is added afterwards by the pipeline.

pub mod docx;
pub mod html;
pub mod ocr;
pub mod pdf;
pub mod pdf_blocks;
pub mod text;
pub mod word_doc;

use hrlex_model::{ExtractionNote, Lang};

/// The raw text of one file as an extractor sees it.
#[derive(Debug, Clone, Default)]
pub struct ExtractedText {
    /// Text per page for paginated formats (PDF); one element otherwise.
    /// Paragraphs are separated by blank lines where the format tells us so.
    pub pages: Vec<String>,
    /// Language declared by the file (`<html lang>`, DOCX `w:lang`), if any.
    pub declared_lang: Option<Lang>,
    /// Title declared by the file (`<title>`, PDF Title, DOCX core title), if any.
    pub title: Option<String>,
    /// `pdf`, `html`, `docx`, `doc`, `text`.
    pub format: &'static str,
    /// Which tool produced the text (`pdftotext`, `pdf-extract`, `tesseract`, `html`…).
    pub extractor: &'static str,
    pub notes: Vec<ExtractionNote>,
    /// The first two pages as printed, before running headers were removed, when the
    /// extractor removed some: a UN document's symbol is such a header, and the
    /// masthead recognizer reads it there.
    pub masthead: Option<Vec<String>>,
}

impl ExtractedText {
    pub fn single(format: &'static str, extractor: &'static str, text: String) -> Self {
        ExtractedText {
            pages: vec![text],
            format,
            extractor,
            ..Default::default()
        }
    }

    pub fn is_blank(&self) -> bool {
        self.pages.iter().all(|page| page.trim().is_empty())
    }
}
