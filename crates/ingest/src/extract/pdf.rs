//! PDF text extraction.
//!
//! The text layer comes from poppler's `pdftotext -enc UTF-8 FILE -` in a subprocess
//! (correct Arabic reading order, line-end hyphens rejoined, a hard wall-clock timeout,
//! memory isolation), pages split on form feed. When pdftotext is not installed or
//! [`IngestOptions::use_pdftotext`] is false, pdf-extract runs in-process (panics
//! caught), except for Arabic: pdf-extract reverses Arabic for many producers, so an
//! Arabic text layer from it is an error asking for poppler-utils.
//!
//! Then, in order:
//! 1. [`clean::normalize`] (safe NFKC, invisible marks);
//! 2. mojibake check ([`clean::is_mojibake`]) → [`IngestError::Mojibake`];
//! 3. pages with (almost) no text: blank PDF → [`IngestError::Empty`]; pages with a
//!    page-sized image → OCR ([`super::ocr`]) or [`IngestError::NeedsOcr`];
//! 4. running headers and footers removed, line-end hyphens rejoined, Persian-glyph
//!    yeh/keheh folded in Arabic text; each step that changed something leaves an
//!    [`ExtractionNote`].

use super::{ocr, pdf_blocks, ExtractedText};
use crate::{clean, IngestError, IngestOptions};
use hrlex_model::ExtractionNote;
use std::collections::BTreeSet;
use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;
use wait_timeout::ChildExt;

/// A page with fewer letters than this (not counting web addresses and `@handles`,
/// which image-only gazettes print as a text footer) has no real text layer.
pub const MIN_LETTERS_FOR_TEXT_PAGE: usize = 16;

/// A document with fewer letters than this in all (same count) has no text at all.
pub const MIN_LETTERS_FOR_TEXT_DOCUMENT: usize = 8;

/// An image at least this large (in square inches at its placed size; a letter page is
/// 93.5) on a page without text is taken for a scanned page. Logos and seals are smaller.
pub const MIN_SCANNED_IMAGE_SQUARE_INCHES: f64 = 20.0;

/// Extracts the text of a PDF, page by page. See the module doc for the steps.
pub fn extract(path: &Path, options: &IngestOptions) -> Result<ExtractedText, IngestError> {
    let size = std::fs::metadata(path)
        .map_err(|error| IngestError::io(path, error))?
        .len();
    if size == 0 {
        return Err(IngestError::Empty {
            path: path.to_path_buf(),
        });
    }
    let mut notes = Vec::new();
    let (raw_pages, mut extractor) = if options.use_pdftotext && tool_is_installed("pdftotext") {
        (pdftotext_pages(path, options.tool_timeout)?, "pdftotext")
    } else {
        let reason = if options.use_pdftotext {
            "pdftotext is not installed"
        } else {
            "pdftotext is disabled"
        };
        let pages = pdf_extract_pages_bounded(path, options)?;
        if pages
            .iter()
            .any(|page| page.chars().any(clean::is_arabic_letter))
        {
            return Err(IngestError::Tool {
                path: path.to_path_buf(),
                tool: "pdf-extract".into(),
                message: format!(
                    "{reason}, and the fallback pdf-extract gives Arabic in unreliable \
                     (often reversed) order; install poppler-utils (pdftotext)"
                ),
            });
        }
        notes.push(ExtractionNote::new(
            "fallback-extractor",
            format!("{reason}; text extracted with pdf-extract"),
        ));
        (pages, "pdf-extract")
    };
    let mut raw_pages = raw_pages;
    if extractor == "pdftotext" {
        add_block_breaks(path, &mut raw_pages, options.tool_timeout);
    }
    let mut pages: Vec<String> = raw_pages
        .iter()
        .map(|page| clean::normalize(page))
        .collect();

    let signals = clean::mojibake_signals(&pages.join("\n"));
    if clean::is_mojibake(&signals) {
        return Err(IngestError::Mojibake {
            path: path.to_path_buf(),
            ratio: clean::mojibake_ratio(&signals),
        });
    }

    let pages_without_text: Vec<u32> = pages
        .iter()
        .enumerate()
        .filter(|(_, page)| meaningful_letter_count(page) < MIN_LETTERS_FOR_TEXT_PAGE)
        .map(|(index, _)| index as u32 + 1)
        .collect();
    if !pages_without_text.is_empty() {
        let whole_document = pages
            .iter()
            .map(|page| meaningful_letter_count(page))
            .sum::<usize>()
            < MIN_LETTERS_FOR_TEXT_DOCUMENT;
        let scanned_pages: Vec<u32> = match pages_with_scanned_images(path, options.tool_timeout) {
            Some(image_pages) => pages_without_text
                .iter()
                .copied()
                .filter(|page| image_pages.contains(page))
                .collect(),
            // pdfimages missing or failed: a document with no text at all may be a scan.
            None if whole_document => pages_without_text.clone(),
            None => Vec::new(),
        };
        if whole_document && scanned_pages.is_empty() {
            // No text and no page-sized image: a blank PDF.
            return Err(IngestError::Empty {
                path: path.to_path_buf(),
            });
        }
        if !scanned_pages.is_empty() {
            match ocr::ocr_pdf_pages(path, &scanned_pages, options) {
                Ok(outcome) => {
                    for (page_number, text) in &outcome.pages {
                        if let Some(page) = pages.get_mut(*page_number as usize - 1) {
                            *page = clean::normalize(text);
                        }
                    }
                    notes.push(ExtractionNote::new(
                        "ocr",
                        format!(
                            "{} of {} page(s) OCRed with tesseract ({})",
                            outcome.pages.len(),
                            pages.len(),
                            outcome.languages
                        ),
                    ));
                    if outcome.pages.len() < scanned_pages.len() {
                        notes.push(ExtractionNote::new(
                            "ocr-truncated",
                            format!(
                                "{} scanned page(s) not OCRed (limit {} pages)",
                                scanned_pages.len() - outcome.pages.len(),
                                options.max_ocr_pages
                            ),
                        ));
                    }
                    extractor = if whole_document {
                        "tesseract"
                    } else {
                        "pdftotext+tesseract"
                    };
                }
                Err(error) if whole_document => return Err(error),
                Err(error) => notes.push(ExtractionNote::new(
                    "pages-need-ocr",
                    format!(
                        "{} scanned page(s) without text not OCRed: {error}",
                        scanned_pages.len()
                    ),
                )),
            }
        }
    }
    if pages
        .iter()
        .map(|page| meaningful_letter_count(page))
        .sum::<usize>()
        < MIN_LETTERS_FOR_TEXT_DOCUMENT
    {
        return Err(IngestError::NeedsOcr {
            path: path.to_path_buf(),
            detail: "OCR found no text on the scanned pages".into(),
        });
    }

    let as_printed: Vec<String> = pages
        .iter()
        .take(2)
        .map(|page| {
            page.chars()
                .take(crate::recognize::MASTHEAD_CHARS * 2)
                .collect()
        })
        .collect();
    let removed = clean::remove_running_headers(&mut pages);
    if removed > 0 {
        notes.push(ExtractionNote::new(
            "headers-removed",
            format!("{removed} running header/footer/page-number line(s) removed"),
        ));
    }
    let rejoined = clean::rejoin_hyphenated_lines(&mut pages);
    if rejoined > 0 {
        notes.push(ExtractionNote::new(
            "hyphens-rejoined",
            format!("{rejoined} line-end hyphenated word(s) rejoined"),
        ));
    }
    let folded = clean::fold_persian_yeh_and_keheh(&mut pages);
    if folded > 0 {
        notes.push(ExtractionNote::new(
            "arabic-letters-folded",
            format!("{folded} Persian-glyph yeh/keheh folded to Arabic ي/ك"),
        ));
    }
    Ok(ExtractedText {
        pages,
        declared_lang: None,
        title: pdf_title(path, options.tool_timeout),
        format: "pdf",
        extractor,
        notes,
        masthead: (removed > 0).then_some(as_printed),
    })
}

/// Letters on a page, not counting tokens that are web addresses, e-mail addresses or
/// `@handles` (image-only Egyptian gazettes carry only such a footer as text).
pub fn meaningful_letter_count(page: &str) -> usize {
    page.split_whitespace()
        .filter(|token| {
            let lower = token.to_lowercase();
            !(lower.contains('@')
                || lower.contains("www.")
                || lower.contains("http")
                || lower.contains(".com")
                || lower.contains(".gov"))
        })
        .map(|token| token.chars().filter(|c| c.is_alphabetic()).count())
        .sum()
}

/// Paragraph breaks where the page's layout shows them ([`pdf_blocks`]); pages whose
/// layout cannot be read are left as they are.
fn add_block_breaks(path: &Path, pages: &mut [String], timeout: Duration) {
    let Some(layout) = pdf_blocks::page_lines(path, timeout) else {
        return;
    };
    if layout.len() != pages.len() {
        return;
    }
    for (page, lines) in pages.iter_mut().zip(&layout) {
        if let Some(rebuilt) = pdf_blocks::with_block_breaks(page, lines) {
            *page = rebuilt;
        }
    }
}

/// Runs pdftotext and splits its output into pages on form feeds.
pub fn pdftotext_pages(path: &Path, timeout: Duration) -> Result<Vec<String>, IngestError> {
    let output = run_tool(
        path,
        "pdftotext",
        Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(path)
            .arg("-"),
        timeout,
    )?;
    if !output.status_ok {
        let message = output.stderr_summary();
        // Exit code 1 is poppler's "error opening a PDF file": broken or not a PDF.
        return Err(if output.exit_code == Some(1) {
            IngestError::malformed(path, "pdf", message)
        } else {
            IngestError::Tool {
                path: path.to_path_buf(),
                tool: "pdftotext".into(),
                message,
            }
        });
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let mut pages: Vec<String> = text.split('\u{000C}').map(str::to_string).collect();
    // pdftotext ends every page with a form feed: the last piece is what follows the last.
    if pages.len() > 1 && pages.last().is_some_and(|last| last.trim().is_empty()) {
        pages.pop();
    }
    Ok(pages)
}

/// pdf-extract within [`IngestOptions::tool_timeout`]: in a child process when
/// [`IngestOptions::pdf_extract_command`] is set (killed at the timeout, its memory
/// gone with it), else in a thread of this process that is abandoned at the timeout
/// (it runs on in the background until pdf-extract returns; only the caller is freed).
pub fn pdf_extract_pages_bounded(
    path: &Path,
    options: &IngestOptions,
) -> Result<Vec<String>, IngestError> {
    let timeout = options.tool_timeout;
    if let Some(command) = options.pdf_extract_command.as_deref() {
        let Some((program, arguments)) = command.split_first() else {
            return Err(IngestError::Tool {
                path: path.to_path_buf(),
                tool: "pdf-extract".into(),
                message: "empty pdf-extract command".into(),
            });
        };
        let output = run_tool(
            path,
            "pdf-extract",
            Command::new(program).args(arguments).arg(path),
            timeout,
        )?;
        if !output.status_ok {
            return Err(IngestError::malformed(path, "pdf", output.stderr_summary()));
        }
        return Ok(String::from_utf8_lossy(&output.stdout)
            .split('\u{000C}')
            .map(str::to_string)
            .collect());
    }
    let (sender, receiver) = std::sync::mpsc::channel();
    let owned_path = path.to_path_buf();
    let spawned = std::thread::Builder::new()
        .name("pdf-extract".into())
        .spawn(move || {
            let _ = sender.send(pdf_extract_pages(&owned_path));
        });
    if let Err(error) = spawned {
        return Err(IngestError::Tool {
            path: path.to_path_buf(),
            tool: "pdf-extract".into(),
            message: format!("cannot start a thread: {error}"),
        });
    }
    match receiver.recv_timeout(timeout) {
        Ok(result) => result,
        Err(_) => {
            tracing::warn!(path = %path.display(), seconds = timeout.as_secs_f64(), "pdf-extract timed out");
            Err(IngestError::Timeout {
                path: path.to_path_buf(),
                tool: "pdf-extract".into(),
                seconds: timeout.as_secs(),
            })
        }
    }
}

/// pdf-extract in-process, page by page, panics caught, with no time limit (see
/// [`pdf_extract_pages_bounded`]). What `hrlex`'s pdf-extract child process runs.
pub fn pdf_extract_pages(path: &Path) -> Result<Vec<String>, IngestError> {
    let bytes = std::fs::read(path).map_err(|error| IngestError::io(path, error))?;
    match catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::extract_text_from_mem_by_pages(&bytes)
    })) {
        Ok(Ok(pages)) => Ok(pages),
        Ok(Err(error)) => Err(IngestError::malformed(path, "pdf", error)),
        Err(panic) => Err(IngestError::Panic {
            path: path.to_path_buf(),
            message: panic
                .downcast_ref::<&str>()
                .map(|message| format!("pdf-extract: {message}"))
                .or_else(|| {
                    panic
                        .downcast_ref::<String>()
                        .map(|message| format!("pdf-extract: {message}"))
                })
                .unwrap_or_else(|| "pdf-extract panicked".into()),
        }),
    }
}

/// 1-based pages that carry an image large enough to be a scanned page
/// (`pdfimages -list`). `None` when pdfimages is missing or fails.
fn pages_with_scanned_images(path: &Path, timeout: Duration) -> Option<BTreeSet<u32>> {
    if !tool_is_installed("pdfimages") {
        return None;
    }
    let output = run_tool(
        path,
        "pdfimages",
        Command::new("pdfimages").arg("-list").arg(path),
        timeout,
    )
    .ok()?;
    if !output.status_ok {
        return None;
    }
    let listing = String::from_utf8_lossy(&output.stdout);
    let mut pages = BTreeSet::new();
    // page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
    for line in listing.lines().skip(2) {
        let columns: Vec<&str> = line.split_whitespace().collect();
        if columns.len() < 14 || columns[2] != "image" {
            continue;
        }
        let number = |index: usize| columns[index].parse::<f64>().ok();
        let (Some(page), Some(width), Some(height), Some(x_ppi), Some(y_ppi)) =
            (number(0), number(3), number(4), number(12), number(13))
        else {
            continue;
        };
        if x_ppi <= 0.0 || y_ppi <= 0.0 {
            continue;
        }
        if (width / x_ppi) * (height / y_ppi) >= MIN_SCANNED_IMAGE_SQUARE_INCHES {
            pages.insert(page as u32);
        }
    }
    Some(pages)
}

/// The PDF Title from `pdfinfo`, when it looks like a title (not `Microsoft Word -
/// 0810084.doc`, not a file name, at least two words).
pub fn pdf_title(path: &Path, timeout: Duration) -> Option<String> {
    if !tool_is_installed("pdfinfo") {
        return None;
    }
    let output = run_tool(
        path,
        "pdfinfo",
        Command::new("pdfinfo").args(["-enc", "UTF-8"]).arg(path),
        timeout,
    )
    .ok()?;
    let info = String::from_utf8_lossy(&output.stdout);
    let title = info
        .lines()
        .find_map(|line| line.strip_prefix("Title:"))?
        .trim();
    let title = clean::normalize(title);
    let lower = title.to_lowercase();
    let junk = lower.starts_with("microsoft word")
        || lower.starts_with("untitled")
        || [".doc", ".docx", ".pdf", ".rtf", ".wpd", ".indd"]
            .iter()
            .any(|extension| lower.ends_with(extension))
        || title.split_whitespace().count() < 2
        || title.chars().filter(|c| c.is_alphabetic()).count() < 8;
    (!junk).then_some(title)
}

/// True when `tool` runs (checked once per tool per process).
pub fn tool_is_installed(tool: &'static str) -> bool {
    static CHECKED: OnceLock<std::sync::Mutex<std::collections::HashMap<&'static str, bool>>> =
        OnceLock::new();
    let checked = CHECKED.get_or_init(Default::default);
    let mut checked = checked.lock().unwrap_or_else(|poison| poison.into_inner());
    *checked.entry(tool).or_insert_with(|| {
        let version_flag = if tool == "tesseract" {
            "--version"
        } else {
            "-v"
        };
        Command::new(tool)
            .arg(version_flag)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok()
    })
}

/// What a finished tool printed.
#[derive(Debug)]
pub struct ToolOutput {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub status_ok: bool,
    pub exit_code: Option<i32>,
}

impl ToolOutput {
    /// The last lines of stderr, for an error message.
    pub fn stderr_summary(&self) -> String {
        let stderr = String::from_utf8_lossy(&self.stderr);
        let lines: Vec<&str> = stderr
            .lines()
            .filter(|line| !line.trim().is_empty())
            .collect();
        let tail = lines[lines.len().saturating_sub(3)..].join("; ");
        if tail.is_empty() {
            format!("exit code {:?}", self.exit_code)
        } else {
            tail
        }
    }
}

/// Runs a command with a hard wall-clock timeout: stdout and stderr are read on their
/// own threads (a large output cannot block the child), the child is killed when the
/// timeout passes, and the result is [`IngestError::Timeout`].
pub fn run_tool(
    path: &Path,
    tool: &str,
    command: &mut Command,
    timeout: Duration,
) -> Result<ToolOutput, IngestError> {
    let tool_error = |message: String| IngestError::Tool {
        path: path.to_path_buf(),
        tool: tool.to_string(),
        message,
    };
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| tool_error(format!("cannot start: {error}")))?;
    let read_all = |stream: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut stream) = stream {
                // A read error leaves what was read; the exit status tells the rest.
                let _ = stream.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout_reader = read_all(
        child
            .stdout
            .take()
            .map(|s| Box::new(s) as Box<dyn Read + Send>),
    );
    let stderr_reader = read_all(
        child
            .stderr
            .take()
            .map(|s| Box::new(s) as Box<dyn Read + Send>),
    );
    let status = match child.wait_timeout(timeout) {
        Ok(Some(status)) => status,
        Ok(None) => {
            // Kill, then reap; the reader threads end when the pipes close.
            let _ = child.kill();
            let _ = child.wait();
            let _ = stdout_reader.join();
            let _ = stderr_reader.join();
            tracing::warn!(tool, path = %path.display(), seconds = timeout.as_secs_f64(), "tool timed out");
            return Err(IngestError::Timeout {
                path: path.to_path_buf(),
                tool: tool.to_string(),
                seconds: timeout.as_secs(),
            });
        }
        Err(error) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(tool_error(format!("wait failed: {error}")));
        }
    };
    let stdout = stdout_reader
        .join()
        .map_err(|_| tool_error("stdout reader panicked".into()))?;
    let stderr = stderr_reader
        .join()
        .map_err(|_| tool_error("stderr reader panicked".into()))?;
    Ok(ToolOutput {
        stdout,
        stderr,
        status_ok: status.success(),
        exit_code: status.code(),
    })
}
