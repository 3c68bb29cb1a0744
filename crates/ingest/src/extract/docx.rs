//! DOCX (Office Open XML) extraction: `word/document.xml` paragraphs, list numbers from
//! `word/numbering.xml`, footnotes and endnotes after the body, the language of the runs
//! (`w:lang`) and the core-properties title.
//!
//! A DOCX is a ZIP archive, so a hostile one can be a zip bomb. Every part is read
//! through [`ZipLimits`]: at most so many entries, so many decompressed bytes per part
//! and in total, and a decompression ratio no real document reaches. A bomb is refused
//! with [`IngestError::Malformed`] long before it fills memory.

use super::ExtractedText;
use crate::IngestError;
use hrlex_model::{ExtractionNote, Lang};
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::path::Path;

/// Bounds on what reading one DOCX may cost.
#[derive(Debug, Clone, Copy)]
pub struct ZipLimits {
    /// Entries in the archive (a real DOCX has a few dozen).
    pub max_entries: usize,
    /// Decompressed bytes of one part.
    pub max_part_bytes: u64,
    /// Decompressed bytes of all parts read.
    pub max_total_bytes: u64,
    /// Decompressed size / compressed size above which a part is a bomb, checked once
    /// [`ZipLimits::ratio_grace_bytes`] have been decompressed (XML compresses ~10:1,
    /// deflate bombs reach 1000:1).
    pub max_ratio: u64,
    pub ratio_grace_bytes: u64,
}

impl Default for ZipLimits {
    fn default() -> Self {
        ZipLimits {
            max_entries: 10_000,
            max_part_bytes: 128 * 1024 * 1024,
            max_total_bytes: 200 * 1024 * 1024,
            max_ratio: 100,
            ratio_grace_bytes: 1024 * 1024,
        }
    }
}

/// Extracts the text of a DOCX already read into memory, with [`ZipLimits::default`].
pub fn extract(path: &Path, bytes: &[u8]) -> Result<ExtractedText, IngestError> {
    extract_with_limits(path, bytes, &ZipLimits::default())
}

/// Like [`extract`], with explicit limits.
pub fn extract_with_limits(
    path: &Path,
    bytes: &[u8],
    limits: &ZipLimits,
) -> Result<ExtractedText, IngestError> {
    let mut package = Package::open(path, bytes, limits)?;
    let Some(document_xml) = package.read_part("word/document.xml")? else {
        let detected = if package.has_part("content.xml") {
            "OpenDocument (ODT/ODS), not DOCX"
        } else {
            "zip archive without word/document.xml (not a DOCX)"
        };
        return Err(IngestError::UnsupportedFormat {
            path: path.to_path_buf(),
            detected: detected.into(),
        });
    };
    let numbering = match package.read_part("word/numbering.xml")? {
        Some(xml) => Numbering::parse(&xml).map_err(|e| malformed(path, "numbering.xml", e))?,
        None => Numbering::default(),
    };
    let style_numbering = match package.read_part("word/styles.xml")? {
        Some(xml) => style_numbering(&xml).map_err(|e| malformed(path, "styles.xml", e))?,
        None => HashMap::new(),
    };
    let mut body = BodyReader::new(&numbering, &style_numbering);
    body.read(&document_xml)
        .map_err(|e| malformed(path, "document.xml", e))?;
    let mut notes_appended = Vec::new();
    for (part, label) in [
        ("word/footnotes.xml", "footnotes"),
        ("word/endnotes.xml", "endnotes"),
    ] {
        if let Some(xml) = package.read_part(part)? {
            let before = body.text.len();
            body.read(&xml).map_err(|e| malformed(path, part, e))?;
            if body.text.len() > before {
                notes_appended.push(label);
            }
        }
    }
    let core = match package.read_part("docProps/core.xml")? {
        Some(xml) => core_properties(&xml).map_err(|e| malformed(path, "core.xml", e))?,
        None => CoreProperties::default(),
    };

    let mut extracted = ExtractedText::single("docx", "docx", String::new());
    extracted.title = core
        .title
        .filter(|title| title_appears_in_body(title, &body.text));
    // Templates often tag every run `en-US` whatever the text: the declared language
    // is kept only where the text does not clearly say otherwise.
    let declared = core.language.or_else(|| body.most_used_language());
    if let Some(code) = declared {
        let declared_lang = super::html::lang_from_code(&code);
        match crate::lang::detect(&body.text) {
            Some(detected) if detected != declared_lang && detected != Lang::Other => {
                extracted.notes.push(ExtractionNote::new(
                    "declared-lang-ignored",
                    format!("runs are tagged {code} but the text reads as {detected}"),
                ));
            }
            _ => {
                extracted.declared_lang = Some(declared_lang);
                extracted
                    .notes
                    .push(ExtractionNote::new("declared-lang", code));
            }
        }
    }
    if !notes_appended.is_empty() {
        extracted.notes.push(ExtractionNote::new(
            "notes-appended",
            format!("{} appended after the body", notes_appended.join(" and ")),
        ));
    }
    extracted.pages = vec![body.text];
    Ok(extracted)
}

fn malformed(path: &Path, part: &str, error: impl std::fmt::Display) -> IngestError {
    IngestError::malformed(path, "docx", format!("{part}: {error}"))
}

fn zip_bomb(path: &Path, part: &str, detail: String) -> IngestError {
    IngestError::malformed(
        path,
        "docx",
        format!("{part}: {detail}; refusing a possible zip bomb"),
    )
}

/// The ZIP container with a running budget of decompressed bytes.
struct Package<'a> {
    path: &'a Path,
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    limits: &'a ZipLimits,
    decompressed_so_far: u64,
}

impl<'a> Package<'a> {
    fn open(path: &'a Path, bytes: &'a [u8], limits: &'a ZipLimits) -> Result<Self, IngestError> {
        let archive = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|error| IngestError::malformed(path, "docx", error))?;
        if archive.len() > limits.max_entries {
            return Err(IngestError::malformed(
                path,
                "docx",
                format!(
                    "{} zip entries (limit {}); refusing a possible zip bomb",
                    archive.len(),
                    limits.max_entries
                ),
            ));
        }
        Ok(Package {
            path,
            archive,
            limits,
            decompressed_so_far: 0,
        })
    }

    fn has_part(&self, name: &str) -> bool {
        self.archive.index_for_name(name).is_some()
    }

    /// Reads one part as UTF-8 text; `None` when the archive has no such part.
    fn read_part(&mut self, name: &str) -> Result<Option<String>, IngestError> {
        let Some(index) = self.archive.index_for_name(name) else {
            return Ok(None);
        };
        let limits = *self.limits;
        let budget = limits.max_part_bytes.min(
            limits
                .max_total_bytes
                .saturating_sub(self.decompressed_so_far),
        );
        let mut entry = self.archive.by_index(index).map_err(|error| {
            IngestError::malformed(self.path, "docx", format!("{name}: {error}"))
        })?;
        let declared_size = entry.size();
        let compressed_size = entry.compressed_size().max(1);
        if declared_size > budget {
            let detail = format!("declares {declared_size} decompressed bytes (budget {budget})");
            return Err(zip_bomb(self.path, name, detail));
        }
        let mut content = Vec::with_capacity(declared_size.min(16 * 1024 * 1024) as usize);
        let mut chunk = vec![0u8; 64 * 1024];
        let mut failure = None;
        loop {
            let read = match entry.read(&mut chunk) {
                Ok(0) => break,
                Ok(read) => read,
                Err(error) => {
                    // zip refuses to inflate past the declared size: a lying header.
                    let lying_header = content.len() as u64 >= declared_size
                        || error.to_string().contains("larger than its declared");
                    failure = Some(if lying_header {
                        zip_bomb(
                            self.path,
                            name,
                            format!("inflates beyond its declared {declared_size} bytes"),
                        )
                    } else {
                        IngestError::malformed(self.path, "docx", format!("{name}: {error}"))
                    });
                    break;
                }
            };
            content.extend_from_slice(&chunk[..read]);
            let so_far = content.len() as u64;
            let detail = if so_far > budget {
                Some(format!("decompresses to more than {budget} bytes"))
            } else if so_far > limits.ratio_grace_bytes
                && so_far / compressed_size > limits.max_ratio
            {
                Some(format!(
                    "decompression ratio above {}:1 ({so_far} bytes from {compressed_size})",
                    limits.max_ratio
                ))
            } else {
                None
            };
            if let Some(detail) = detail {
                failure = Some(zip_bomb(self.path, name, detail));
                break;
            }
        }
        drop(entry);
        if let Some(error) = failure {
            return Err(error);
        }
        self.decompressed_so_far += content.len() as u64;
        let text = String::from_utf8(content).map_err(|_| {
            IngestError::malformed(self.path, "docx", format!("{name}: not UTF-8 XML"))
        })?;
        Ok(Some(text))
    }
}

fn local_name(element: &BytesStart<'_>) -> String {
    element.local_name().as_ref().to_string()
}

fn attribute(element: &BytesStart<'_>, name: &str) -> Option<String> {
    element
        .try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|attribute| {
            attribute
                .normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(|value| value.into_owned())
        })
}

/// One level of a list definition.
#[derive(Debug, Clone, Default)]
struct Level {
    start: i64,
    format: String,
    text: String,
}

/// `word/numbering.xml`: list definitions by `numId` and level.
#[derive(Debug, Default)]
struct Numbering {
    abstract_levels: HashMap<String, HashMap<u8, Level>>,
    /// numId → (abstractNumId, start overrides by level).
    instances: HashMap<String, (String, HashMap<u8, i64>)>,
}

impl Numbering {
    fn parse(xml: &str) -> Result<Self, quick_xml::Error> {
        let mut numbering = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut level: Option<u8> = None;
        let mut num_id: Option<String> = None;
        loop {
            let event = reader.read_event()?;
            let (element, is_empty) = match &event {
                Event::Start(element) => (element, false),
                Event::Empty(element) => (element, true),
                Event::End(end) => {
                    match end.local_name().as_ref() {
                        "abstractNum" => abstract_id = None,
                        "num" => num_id = None,
                        "lvl" | "lvlOverride" => level = None,
                        _ => {}
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            let name = local_name(element);
            let value = || attribute(element, "w:val");
            match name.as_str() {
                "abstractNum" if !is_empty => abstract_id = attribute(element, "w:abstractNumId"),
                "num" if !is_empty => num_id = attribute(element, "w:numId"),
                "lvl" | "lvlOverride" if !is_empty => {
                    level = attribute(element, "w:ilvl").and_then(|l| l.parse().ok());
                }
                "abstractNumId" => {
                    if let (Some(num_id), Some(abstract_id)) = (&num_id, value()) {
                        numbering.instances.entry(num_id.clone()).or_default().0 = abstract_id;
                    }
                }
                "startOverride" => {
                    if let (Some(num_id), Some(level), Some(start)) =
                        (&num_id, level, value().and_then(|v| v.parse().ok()))
                    {
                        numbering
                            .instances
                            .entry(num_id.clone())
                            .or_default()
                            .1
                            .insert(level, start);
                    }
                }
                "start" | "numFmt" | "lvlText" if num_id.is_none() => {
                    if let (Some(abstract_id), Some(level), Some(value)) =
                        (&abstract_id, level, value())
                    {
                        let definition = numbering
                            .abstract_levels
                            .entry(abstract_id.clone())
                            .or_default()
                            .entry(level)
                            .or_insert_with(|| Level {
                                start: 1,
                                ..Level::default()
                            });
                        match name.as_str() {
                            "start" => definition.start = value.parse().unwrap_or(1),
                            "numFmt" => definition.format = value,
                            _ => definition.text = value,
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(numbering)
    }

    fn level(&self, num_id: &str, level: u8) -> Option<Level> {
        let (abstract_id, overrides) = self.instances.get(num_id)?;
        let mut definition = self.abstract_levels.get(abstract_id)?.get(&level)?.clone();
        if let Some(start) = overrides.get(&level) {
            definition.start = *start;
        }
        Some(definition)
    }
}

/// `word/styles.xml`: paragraph styles that carry list numbering (styleId → numId, ilvl).
fn style_numbering(xml: &str) -> Result<HashMap<String, (String, u8)>, quick_xml::Error> {
    let mut styles = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut style_id: Option<String> = None;
    let mut num_id: Option<String> = None;
    let mut level: u8 = 0;
    loop {
        match reader.read_event()? {
            Event::Start(element) | Event::Empty(element) => match element.local_name().as_ref() {
                "style" => {
                    style_id = attribute(&element, "w:styleId");
                    num_id = None;
                    level = 0;
                }
                "numId" => num_id = attribute(&element, "w:val"),
                "ilvl" => {
                    level = attribute(&element, "w:val")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0)
                }
                _ => {}
            },
            Event::End(end) if end.local_name().as_ref() == "style" => {
                if let (Some(style_id), Some(num_id)) = (style_id.take(), num_id.take()) {
                    styles.insert(style_id, (num_id, level));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(styles)
}

/// A paragraph being read.
#[derive(Default)]
struct OpenParagraph {
    text: String,
    num_id: Option<String>,
    level: Option<u8>,
    style: Option<String>,
}

/// Reads `w:p` paragraphs of a document, footnotes or endnotes part into text with a
/// blank line between paragraphs.
struct BodyReader<'a> {
    numbering: &'a Numbering,
    style_numbering: &'a HashMap<String, (String, u8)>,
    text: String,
    /// Open paragraphs (a text box inside a paragraph opens another).
    paragraphs: Vec<OpenParagraph>,
    /// List counters by numId, one per level.
    counters: HashMap<String, [Option<i64>; 9]>,
    languages: HashMap<String, usize>,
}

impl<'a> BodyReader<'a> {
    fn new(numbering: &'a Numbering, style_numbering: &'a HashMap<String, (String, u8)>) -> Self {
        BodyReader {
            numbering,
            style_numbering,
            text: String::new(),
            paragraphs: Vec::new(),
            counters: HashMap::new(),
            languages: HashMap::new(),
        }
    }

    fn read(&mut self, xml: &str) -> Result<(), quick_xml::Error> {
        let mut reader = Reader::from_str(xml);
        // Inside `w:t` (visible text) and inside skipped subtrees (deleted text, field
        // instructions, the fallback copy of alternate content).
        let mut in_text = false;
        let mut skipped_depth = 0usize;
        let mut run_depth = 0usize;
        loop {
            let event = reader.read_event()?;
            match event {
                Event::Start(element) => {
                    let name = local_name(&element);
                    if skipped_depth > 0 {
                        skipped_depth += 1;
                        continue;
                    }
                    match name.as_str() {
                        "p" => self.paragraphs.push(OpenParagraph::default()),
                        "r" => run_depth += 1,
                        "t" => in_text = true,
                        "delText" | "instrText" | "Fallback" => skipped_depth = 1,
                        _ => self.element(&name, &element, run_depth > 0),
                    }
                }
                Event::Empty(element) if skipped_depth == 0 => {
                    let name = local_name(&element);
                    if name == "p" {
                        self.paragraphs.push(OpenParagraph::default());
                        self.finish_paragraph();
                    } else {
                        self.element(&name, &element, run_depth > 0);
                    }
                }
                Event::End(end) => {
                    if skipped_depth > 0 {
                        skipped_depth -= 1;
                        continue;
                    }
                    match end.local_name().as_ref() {
                        "p" => self.finish_paragraph(),
                        "r" => run_depth = run_depth.saturating_sub(1),
                        "t" => in_text = false,
                        _ => {}
                    }
                }
                Event::Text(text) if in_text && skipped_depth == 0 => {
                    self.push_text(&text.xml10_content());
                }
                Event::CData(text) if in_text && skipped_depth == 0 => {
                    self.push_text(&text.xml10_content());
                }
                Event::GeneralRef(reference) if in_text && skipped_depth == 0 => {
                    if let Ok(Some(c)) = reference.resolve_char_ref() {
                        self.push_text(c.encode_utf8(&mut [0; 4]));
                    } else {
                        let entity = format!("&{};", reference.xml10_content());
                        if let Ok(resolved) = quick_xml::escape::unescape(&entity) {
                            self.push_text(&resolved);
                        }
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        // Unclosed paragraphs at the end of a truncated part still count.
        while !self.paragraphs.is_empty() {
            self.finish_paragraph();
        }
        Ok(())
    }

    /// Handles an element other than `p`, `r` and `t`.
    fn element(&mut self, name: &str, element: &BytesStart<'_>, in_run: bool) {
        match name {
            // Tab stops and breaks are also declared in properties; only those inside a
            // run are characters.
            "tab" | "ptab" if in_run => self.push_text("\t"),
            "br" | "cr" if in_run => self.push_text("\n"),
            "noBreakHyphen" if in_run => self.push_text("-"),
            "numId" => {
                if let Some(paragraph) = self.paragraphs.last_mut() {
                    paragraph.num_id = attribute(element, "w:val");
                }
            }
            "ilvl" => {
                if let Some(paragraph) = self.paragraphs.last_mut() {
                    paragraph.level = attribute(element, "w:val").and_then(|v| v.parse().ok());
                }
            }
            "pStyle" => {
                if let Some(paragraph) = self.paragraphs.last_mut() {
                    paragraph.style = attribute(element, "w:val");
                }
            }
            "lang" => {
                // Count only run languages: `w:val` (Latin), `w:bidi` (Arabic), `w:eastAsia`.
                for key in ["w:val", "w:bidi", "w:eastAsia"] {
                    if let Some(code) = attribute(element, key) {
                        *self.languages.entry(code).or_default() += 1;
                        break;
                    }
                }
            }
            _ => {}
        }
    }

    fn push_text(&mut self, text: &str) {
        if let Some(paragraph) = self.paragraphs.last_mut() {
            paragraph.text.push_str(text);
        } else {
            self.text.push_str(text);
        }
    }

    fn finish_paragraph(&mut self) {
        let Some(paragraph) = self.paragraphs.pop() else {
            return;
        };
        let content = paragraph.text.trim();
        if content.is_empty() {
            return;
        }
        let list = match (&paragraph.num_id, &paragraph.style) {
            (Some(num_id), _) => Some((num_id.clone(), paragraph.level.unwrap_or(0))),
            (None, Some(style)) => self.style_numbering.get(style).cloned(),
            (None, None) => None,
        };
        if let Some(prefix) = list.and_then(|(num_id, level)| self.list_number(&num_id, level)) {
            self.text.push_str(&prefix);
            self.text.push(' ');
        }
        // Runs of spaces are layout in Word ("J:  This"), not text.
        let mut previous_was_space = false;
        for c in content.chars() {
            let is_space = c == ' ';
            if !(is_space && previous_was_space) {
                self.text.push(c);
            }
            previous_was_space = is_space;
        }
        self.text.push_str("\n\n");
    }

    /// Advances the list counter and renders the level's text (`%1.%2.` → `3.1.`).
    /// Bullets and unknown lists give `None`.
    fn list_number(&mut self, num_id: &str, level: u8) -> Option<String> {
        if num_id == "0" || level > 8 {
            return None;
        }
        let definition = self.numbering.level(num_id, level)?;
        if matches!(definition.format.as_str(), "bullet" | "none") || definition.text.is_empty() {
            return None;
        }
        let counters = self.counters.entry(num_id.to_string()).or_insert([None; 9]);
        let level_index = usize::from(level);
        counters[level_index] = Some(counters[level_index].map_or(definition.start, |n| n + 1));
        for deeper in counters.iter_mut().skip(level_index + 1) {
            *deeper = None;
        }
        let counters = *counters;
        let mut rendered = definition.text.clone();
        for (index, counter) in counters.iter().enumerate().take(level_index + 1).rev() {
            let placeholder = format!("%{}", index + 1);
            if !rendered.contains(&placeholder) {
                continue;
            }
            let format = self
                .numbering
                .level(num_id, index as u8)
                .map(|level| level.format)
                .unwrap_or_default();
            let start = self
                .numbering
                .level(num_id, index as u8)
                .map_or(1, |level| level.start);
            rendered = rendered.replace(
                &placeholder,
                &format_number(counter.unwrap_or(start), &format),
            );
        }
        Some(rendered)
    }

    fn most_used_language(&self) -> Option<String> {
        self.languages
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(code, _)| code.clone())
    }
}

fn format_number(number: i64, format: &str) -> String {
    match format {
        "lowerLetter" | "upperLetter" if number >= 1 => {
            // a…z, then aa, bb… as Word does.
            let letter = (b'a' + ((number - 1) % 26) as u8) as char;
            let repeated: String =
                std::iter::repeat_n(letter, ((number - 1) / 26 + 1) as usize).collect();
            if format == "upperLetter" {
                repeated.to_uppercase()
            } else {
                repeated
            }
        }
        "lowerRoman" | "upperRoman" if (1..4000).contains(&number) => {
            let roman = roman_numeral(number);
            if format == "upperRoman" {
                roman.to_uppercase()
            } else {
                roman
            }
        }
        "decimalZero" => format!("{number:02}"),
        _ => number.to_string(),
    }
}

fn roman_numeral(mut number: i64) -> String {
    const TABLE: [(i64, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut roman = String::new();
    for (value, symbol) in TABLE {
        while number >= value {
            roman.push_str(symbol);
            number -= value;
        }
    }
    roman
}

#[derive(Debug, Default)]
struct CoreProperties {
    title: Option<String>,
    language: Option<String>,
}

fn core_properties(xml: &str) -> Result<CoreProperties, quick_xml::Error> {
    let mut properties = CoreProperties::default();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<String> = None;
    let mut value = String::new();
    loop {
        match reader.read_event()? {
            Event::Start(element) => {
                current = Some(local_name(&element));
                value.clear();
            }
            Event::Text(text) => value.push_str(&text.xml10_content()),
            Event::GeneralRef(reference) => {
                let entity = format!("&{};", reference.xml10_content());
                if let Ok(resolved) = quick_xml::escape::unescape(&entity) {
                    value.push_str(&resolved);
                }
            }
            Event::End(_) => {
                let trimmed = value.trim();
                if !trimmed.is_empty() {
                    match current.as_deref() {
                        Some("title") => properties.title = Some(trimmed.to_string()),
                        Some("language") => properties.language = Some(trimmed.to_string()),
                        _ => {}
                    }
                }
                current = None;
                value.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(properties)
}

/// Core titles are often left over from a template ("IN THE MAGISTRATE'S COURT FOR THE
/// DISTRICT OF" on a High Court judgment); trust one only if the body's opening shows it.
fn title_appears_in_body(title: &str, body: &str) -> bool {
    let simplify = |text: &str| -> String {
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
            .replace(['’', '‘'], "'")
    };
    let opening: String = body.chars().take(5000).collect();
    let title = simplify(title);
    !title.is_empty() && simplify(&opening).contains(&title)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, content) in parts {
            writer
                .start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            writer.write_all(content.as_bytes()).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn runs_tabs_breaks_and_entities() {
        let document = format!(
            "<w:document {W}><w:body>\
             <w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"851\"/></w:tabs></w:pPr>\
             <w:r><w:rPr><w:lang w:val=\"ru-RU\"/></w:rPr><w:t>Статья</w:t></w:r>\
             <w:r><w:tab/><w:t xml:space=\"preserve\">1 &amp; 2</w:t><w:br/><w:t>Цели</w:t></w:r>\
             <w:del><w:r><w:delText>удалено</w:delText></w:r></w:del></w:p>\
             <w:p/><w:p><w:r><w:t>Второй</w:t></w:r></w:p></w:body></w:document>"
        );
        let bytes = docx(&[("word/document.xml", &document)]);
        let extracted = extract(Path::new("x.docx"), &bytes).unwrap();
        assert_eq!(extracted.pages[0], "Статья\t1 & 2\nЦели\n\nВторой\n\n");
        assert_eq!(extracted.declared_lang, Some(Lang::Ru));
    }

    #[test]
    fn numbered_lists_get_their_printed_numbers() {
        let numbering = format!(
            "<w:numbering {W}><w:abstractNum w:abstractNumId=\"7\">\
             <w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl>\
             <w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"(%2)\"/></w:lvl>\
             </w:abstractNum><w:num w:numId=\"3\"><w:abstractNumId w:val=\"7\"/></w:num></w:numbering>"
        );
        let item = |level: u8, text: &str| {
            format!("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
        };
        let document = format!(
            "<w:document {W}><w:body>{}{}{}{}</w:body></w:document>",
            item(0, "The facts"),
            item(1, "first"),
            item(1, "second"),
            item(0, "The law")
        );
        let bytes = docx(&[
            ("word/document.xml", &document),
            ("word/numbering.xml", &numbering),
        ]);
        let extracted = extract(Path::new("x.docx"), &bytes).unwrap();
        assert_eq!(
            extracted.pages[0],
            "1. The facts\n\n(a) first\n\n(b) second\n\n2. The law\n\n"
        );
    }

    #[test]
    fn a_zip_without_document_xml_is_not_a_docx() {
        let bytes = docx(&[("content.xml", "<office:document/>")]);
        let error = extract(Path::new("ods.docx"), &bytes).unwrap_err();
        assert_eq!(error.code(), "unsupported-format");
        assert!(error.to_string().contains("OpenDocument"));
    }

    #[test]
    fn too_many_entries_is_refused() {
        let names: Vec<String> = (0..20).map(|i| format!("part{i}.xml")).collect();
        let parts: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "<x/>")).collect();
        let limits = ZipLimits {
            max_entries: 10,
            ..ZipLimits::default()
        };
        let error =
            extract_with_limits(Path::new("many.docx"), &docx(&parts), &limits).unwrap_err();
        assert!(error.to_string().contains("zip bomb"), "{error}");
    }

    #[test]
    fn roman_and_letter_numbers() {
        assert_eq!(format_number(14, "lowerRoman"), "xiv");
        assert_eq!(format_number(28, "upperLetter"), "BB");
        assert_eq!(format_number(7, "decimalZero"), "07");
    }
}
