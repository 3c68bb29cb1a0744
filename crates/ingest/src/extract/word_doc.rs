//! Legacy Word `.doc` (OLE2 compound file) extraction through `antiword`, falling back
//! to `catdoc` (Debian packages of the same names).
//!
//! Both tools run in a subprocess with a hard wall-clock limit, so that a hostile or
//! broken file costs at most [`DEFAULT_TOOL_TIMEOUT`] and cannot crash the batch.
//! Detection is by content (the OLE2 magic bytes), never by extension: `1576.pdf` in the
//! Inter-American corpus is such a document.

use super::ExtractedText;
use crate::IngestError;
use hrlex_model::ExtractionNote;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;
use wait_timeout::ChildExt;

/// The limit used by [`extract`]; [`extract_with_timeout`] takes another one (the
/// pipeline's `IngestOptions::tool_timeout`, for instance).
pub const DEFAULT_TOOL_TIMEOUT: Duration = Duration::from_secs(60);

/// The eight magic bytes of an OLE2 compound file.
pub const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Extracts the text of a legacy Word document already read into memory.
pub fn extract(path: &Path, bytes: &[u8]) -> Result<ExtractedText, IngestError> {
    extract_with_timeout(path, bytes, DEFAULT_TOOL_TIMEOUT)
}

/// Like [`extract`], with an explicit limit per tool run.
pub fn extract_with_timeout(
    path: &Path,
    bytes: &[u8],
    timeout: Duration,
) -> Result<ExtractedText, IngestError> {
    if !bytes.starts_with(&OLE_MAGIC) {
        return Err(IngestError::UnsupportedFormat {
            path: path.to_path_buf(),
            detected: "not an OLE2 compound file (legacy Word .doc)".into(),
        });
    }
    // The tools read a file; the bytes may not be the file at `path` (an importer may
    // hand us an embedded document), so they get a private copy.
    let mut copy = tempfile::Builder::new()
        .prefix("hrlex-doc-")
        .suffix(".doc")
        .tempfile()
        .map_err(|error| IngestError::io(path, error))?;
    copy.write_all(bytes)
        .and_then(|()| copy.flush())
        .map_err(|error| IngestError::io(path, error))?;

    let antiword_args = ["-m", "UTF-8.txt", "-w", "0"];
    let catdoc_args = ["-d", "utf-8", "-w"];
    let mut failures = Vec::new();
    for (tool, args) in [
        ("antiword", &antiword_args[..]),
        ("catdoc", &catdoc_args[..]),
    ] {
        match run_tool(path, tool, args, copy.path(), timeout) {
            Ok(Some(output)) if !output.trim().is_empty() => {
                let mut extracted =
                    ExtractedText::single("doc", tool, paragraphs_from_tool_output(&output));
                if !failures.is_empty() {
                    extracted.notes.push(ExtractionNote::new(
                        "fallback-extractor",
                        format!("{tool} used because {}", failures.join("; ")),
                    ));
                }
                return Ok(extracted);
            }
            Ok(Some(_)) => failures.push(format!("{tool} produced no text")),
            Ok(None) => failures.push(format!("{tool} is not installed")),
            Err(error @ IngestError::Timeout { .. }) => return Err(error),
            Err(error) => failures.push(error.to_string()),
        }
    }
    let none_installed = failures
        .iter()
        .all(|failure| failure.ends_with("not installed"));
    Err(IngestError::Tool {
        path: path.to_path_buf(),
        tool: "antiword/catdoc".into(),
        message: if none_installed {
            "legacy Word .doc needs antiword or catdoc; install the Debian package `antiword` \
             (or `catdoc`)"
                .into()
        } else {
            failures.join("; ")
        },
    })
}

/// Both tools, with wrapping disabled, print one paragraph per line; the pipeline wants
/// a blank line between paragraphs.
fn paragraphs_from_tool_output(output: &str) -> String {
    let mut text = String::with_capacity(output.len() + output.len() / 20);
    for line in output.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            continue;
        }
        text.push_str(line);
        text.push_str("\n\n");
    }
    text
}

/// Runs one tool on `input`. `Ok(None)` when the tool is not installed.
fn run_tool(
    path: &Path,
    tool: &str,
    args: &[&str],
    input: &Path,
    timeout: Duration,
) -> Result<Option<String>, IngestError> {
    let mut child = match Command::new(tool)
        .args(args)
        .arg(input)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => {
            return Err(IngestError::Tool {
                path: path.to_path_buf(),
                tool: tool.into(),
                message: error.to_string(),
            })
        }
    };
    // Read both pipes on threads: a child blocked on a full pipe would never exit.
    let stdout_reader = read_on_thread(child.stdout.take());
    let stderr_reader = read_on_thread(child.stderr.take());
    let status = match child.wait_timeout(timeout) {
        Ok(Some(status)) => status,
        Ok(None) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(IngestError::Timeout {
                path: path.to_path_buf(),
                tool: tool.into(),
                seconds: timeout.as_secs(),
            });
        }
        Err(error) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(IngestError::io(path, error));
        }
    };
    let stdout = stdout_reader.join().unwrap_or_default();
    let stderr = stderr_reader.join().unwrap_or_default();
    if !status.success() {
        let message = String::from_utf8_lossy(&stderr).trim().to_string();
        return Err(IngestError::Tool {
            path: path.to_path_buf(),
            tool: tool.into(),
            message: format!("{status}: {message}"),
        });
    }
    Ok(Some(String::from_utf8_lossy(&stdout).into_owned()))
}

fn read_on_thread<R: Read + Send + 'static>(pipe: Option<R>) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        bytes
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_without_ole_magic_are_refused_with_the_path() {
        let error = extract(Path::new("iacthr/fake.doc"), b"%PDF-1.4").unwrap_err();
        assert_eq!(error.code(), "unsupported-format");
        assert!(error.to_string().contains("iacthr/fake.doc"));
    }

    #[test]
    fn one_line_per_paragraph_becomes_blank_line_separated() {
        assert_eq!(
            paragraphs_from_tool_output("Having Seen:\n\n\n1.\tThe Order\n2.\tThe Court\n"),
            "Having Seen:\n\n1.\tThe Order\n\n2.\tThe Court\n\n"
        );
    }

    #[test]
    fn a_truncated_ole_file_is_a_tool_failure_not_a_panic() {
        let mut bytes = OLE_MAGIC.to_vec();
        bytes.extend_from_slice(&[0u8; 600]);
        let error = extract(Path::new("broken.doc"), &bytes).unwrap_err();
        assert!(matches!(error.code(), "tool-failed" | "timeout"), "{error}");
        assert!(error.to_string().contains("broken.doc"));
    }
}
