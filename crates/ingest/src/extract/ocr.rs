//! OCR of image-only PDF pages with tesseract.
//!
//! Each page is rendered with `pdftoppm -r 200 -png` into a temporary directory, then
//! read by `tesseract`; every call has the hard timeout of
//! [`IngestOptions::tool_timeout`], and at most [`IngestOptions::max_ocr_pages`] pages
//! are read. The languages: tesseract's script detection (`--psm 0`, the `osd` pack) on
//! the first page picks Arabic → `ara`, Han → `chi_sim`, Cyrillic → `rus`, Latin →
//! the Latin packs wanted; without a detection, all the wanted packs. Wanted packs are
//! [`IngestOptions::ocr_languages`] that are installed. When OCR is disabled, or
//! tesseract, pdftoppm or every wanted pack is missing, the result is
//! [`IngestError::NeedsOcr`] saying which.

use super::pdf::{run_tool, tool_is_installed};
use crate::{IngestError, IngestOptions};
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

/// The text OCRed per page.
#[derive(Debug, Clone)]
pub struct OcrOutcome {
    /// (1-based page number, text) for each page read.
    pub pages: Vec<(u32, String)>,
    /// The tesseract languages used, `+`-joined.
    pub languages: String,
}

/// Resolution pages are rendered at: 200 dpi reads 10-point text well and keeps a page
/// under a second of tesseract time.
pub const OCR_DPI: u32 = 200;

/// Language packs installed for tesseract (`tesseract --list-langs`), read once.
pub fn installed_languages() -> &'static [String] {
    static LANGUAGES: OnceLock<Vec<String>> = OnceLock::new();
    LANGUAGES.get_or_init(|| {
        if !tool_is_installed("tesseract") {
            return Vec::new();
        }
        let output = Command::new("tesseract").arg("--list-langs").output();
        match output {
            Ok(output) => {
                // tesseract 4 prints the list on stderr, 5 on stdout.
                let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
                text.push_str(&String::from_utf8_lossy(&output.stderr));
                text.lines()
                    .filter(|line| !line.contains(' ') && !line.trim().is_empty())
                    .map(|line| line.trim().to_string())
                    .collect()
            }
            Err(_) => Vec::new(),
        }
    })
}

/// OCRs the given 1-based pages of a PDF (at most `options.max_ocr_pages` of them).
pub fn ocr_pdf_pages(
    path: &Path,
    page_numbers: &[u32],
    options: &IngestOptions,
) -> Result<OcrOutcome, IngestError> {
    let needs_ocr = |detail: String| IngestError::NeedsOcr {
        path: path.to_path_buf(),
        detail,
    };
    if !options.ocr {
        return Err(needs_ocr(format!(
            "{} page(s) without a text layer; OCR is disabled",
            page_numbers.len()
        )));
    }
    if !tool_is_installed("tesseract") {
        return Err(needs_ocr(
            "tesseract is not installed (Debian: tesseract-ocr)".into(),
        ));
    }
    if !tool_is_installed("pdftoppm") {
        return Err(needs_ocr(
            "pdftoppm is not installed (Debian: poppler-utils)".into(),
        ));
    }
    let installed = installed_languages();
    let wanted: Vec<&str> = options
        .ocr_languages
        .split('+')
        .map(str::trim)
        .filter(|language| !language.is_empty())
        .collect();
    let usable: Vec<&str> = wanted
        .iter()
        .copied()
        .filter(|language| installed.iter().any(|installed| installed == language))
        .collect();
    if usable.is_empty() {
        return Err(needs_ocr(format!(
            "no tesseract language pack installed among {} (Debian: tesseract-ocr-<lang>)",
            options.ocr_languages
        )));
    }
    let directory = tempfile::Builder::new()
        .prefix("hrlex-ocr-")
        .tempdir()
        .map_err(|error| IngestError::io(path, error))?;
    let mut languages: Option<String> = None;
    let mut pages = Vec::new();
    for &page_number in page_numbers.iter().take(options.max_ocr_pages as usize) {
        let image_stem = directory.path().join(format!("page-{page_number}"));
        let rendered = run_tool(
            path,
            "pdftoppm",
            Command::new("pdftoppm")
                .args(["-r", &OCR_DPI.to_string(), "-png", "-singlefile"])
                .args([
                    "-f",
                    &page_number.to_string(),
                    "-l",
                    &page_number.to_string(),
                ])
                .arg(path)
                .arg(&image_stem),
            options.tool_timeout,
        )?;
        let image = image_stem.with_extension("png");
        if !rendered.status_ok || !image.exists() {
            return Err(IngestError::Tool {
                path: path.to_path_buf(),
                tool: "pdftoppm".into(),
                message: rendered.stderr_summary(),
            });
        }
        let languages = languages
            .get_or_insert_with(|| languages_for_image(path, &image, &usable, options))
            .clone();
        let output = run_tool(
            path,
            "tesseract",
            Command::new("tesseract")
                .arg(&image)
                .arg("-")
                .args(["-l", &languages])
                // One thread per call: ingest already runs one file per core.
                .env("OMP_THREAD_LIMIT", "1"),
            options.tool_timeout,
        )?;
        if !output.status_ok {
            return Err(IngestError::Tool {
                path: path.to_path_buf(),
                tool: "tesseract".into(),
                message: output.stderr_summary(),
            });
        }
        pages.push((
            page_number,
            String::from_utf8_lossy(&output.stdout).into_owned(),
        ));
        // The page image can be large; free the space as we go.
        let _ = std::fs::remove_file(&image);
    }
    Ok(OcrOutcome {
        pages,
        languages: languages.unwrap_or_default(),
    })
}

/// Picks the tesseract languages for a page image from its detected script.
fn languages_for_image(
    path: &Path,
    image: &Path,
    usable: &[&str],
    options: &IngestOptions,
) -> String {
    let all = usable.join("+");
    if !installed_languages()
        .iter()
        .any(|language| language == "osd")
    {
        return all;
    }
    let Ok(output) = run_tool(
        path,
        "tesseract",
        Command::new("tesseract")
            .arg(image)
            .arg("-")
            .args(["--psm", "0"])
            .env("OMP_THREAD_LIMIT", "1"),
        options.tool_timeout,
    ) else {
        return all;
    };
    let report = String::from_utf8_lossy(&output.stdout);
    let script = report
        .lines()
        .find_map(|line| line.strip_prefix("Script:"))
        .map(str::trim)
        .unwrap_or("");
    let for_script: &[&str] = match script {
        "Arabic" => &["ara"],
        "Han" | "HanS" | "HanT" => &["chi_sim"],
        "Cyrillic" => &["rus"],
        "Latin" => &["eng", "fra", "spa", "por"],
        _ => &[],
    };
    let chosen: Vec<&str> = for_script
        .iter()
        .copied()
        .filter(|language| usable.contains(language))
        .collect();
    if chosen.is_empty() {
        all
    } else {
        chosen.join("+")
    }
}
