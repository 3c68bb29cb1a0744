//! HTML extraction: visible text, one blank line between block-level paragraphs.
//!
//! Built on html5ever's streaming tokenizer rather than a DOM: memory and stack stay
//! constant however deeply the markup nests (100,000 nested `<div>`s are read in
//! linear time), and tree-building quirks such as the adoption agency algorithm, which
//! is quadratic on some hostile inputs, are never run.
//!
//! - `script`, `style`, `nav`, `noscript`, `template`, `svg`, `math` and elements marked
//!   `hidden` are skipped; `<head>` carries no visible text apart from `<title>`.
//! - Block elements (`p`, `div`, `li`, `h1`–`h6`, `tr`, `blockquote`, `br`, `section`…)
//!   and Akoma Ntoso block spans (`span.akn-p`, as in AfricanLII/ECOWAS judgments) end a
//!   paragraph; table cells are separated by a space.
//! - Ordered list items get their printed number (`1. `), honouring `start` and `value`.
//! - A paragraph made only of a number (`<span class="akn-num">18.</span>`, `<td>1.</td>`)
//!   is joined to the text that follows, so that the number stays on its paragraph.
//! - The first `<h1>`, else `<title>`, is the title; `<html lang dir>` (or `<body>`'s)
//!   gives the declared language and direction (notes `declared-lang`, `direction`).

use super::ExtractedText;
use crate::extract::text;
use crate::IngestError;
use encoding_rs::Encoding;
use hrlex_model::{ExtractionNote, Lang};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;
use std::path::Path;

/// Extracts the text of an HTML file already read into memory. The encoding comes from
/// a BOM, valid UTF-8, a `<meta charset>` declaration, or the plain-text fallbacks.
pub fn extract(path: &Path, bytes: &[u8]) -> Result<ExtractedText, IngestError> {
    let (html, encoding_note) = decode_html(bytes);
    let mut extracted = extract_fragment(&html);
    extracted.notes.extend(encoding_note);
    if extracted.is_blank() {
        return Err(IngestError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(extracted)
}

/// Extracts the text of an HTML document or fragment held in a string, such as the
/// `content_html` of an AfricanLII/ECOWAS record in `africa/sample_documents.json`.
///
/// Never fails: malformed markup is read as browsers read it. The result has one page;
/// `declared_lang`, `title` and notes are filled when the markup declares them (the
/// caller may overwrite them with better metadata from its record).
///
/// ```
/// let extracted = hrlex_ingest::extract::html::extract_fragment(
///     "<h1>Judgment</h1><p>18. The Court finds&nbsp;a violation.</p>",
/// );
/// assert_eq!(extracted.title.as_deref(), Some("Judgment"));
/// // Entities are decoded; `&nbsp;` stays a no-break space until `clean::normalize`.
/// assert!(extracted.pages[0].contains("18. The Court finds\u{a0}a violation."));
/// ```
pub fn extract_fragment(html: &str) -> ExtractedText {
    let sink = TextSink::default();
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    // Our sink never asks to pause for scripts, so one feed consumes all the input.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let state = tokenizer.sink.state.into_inner();
    state.finish()
}

fn decode_html(bytes: &[u8]) -> (String, Option<ExtractionNote>) {
    if Encoding::for_bom(bytes).is_none() && std::str::from_utf8(bytes).is_err() {
        if let Some(encoding) = declared_charset(bytes) {
            let (html, _, had_errors) = encoding.decode(bytes);
            let note = ExtractionNote::new(
                if had_errors {
                    "lossy-decoding"
                } else {
                    "encoding"
                },
                format!("decoded from {} as declared by the page", encoding.name()),
            );
            return (html.into_owned(), Some(note));
        }
    }
    let decoded = text::decode(bytes);
    let note = decoded.lossy.then(|| {
        ExtractionNote::new(
            "lossy-decoding",
            format!("not valid UTF-8; decoded as {}", decoded.encoding),
        )
    });
    (decoded.text, note)
}

/// The `charset` of a `<meta>` in the first kilobyte, if encoding_rs knows it.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head: Vec<u8> = bytes
        .iter()
        .take(1024)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let start = head.windows(8).position(|w| w == b"charset=")? + 8;
    let label: Vec<u8> = head[start..]
        .iter()
        .copied()
        .skip_while(|&b| b == b'"' || b == b'\'' || b == b' ')
        .take_while(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        .collect();
    Encoding::for_label(&label)
}

/// Elements whose content is never visible text.
const SKIPPED_ELEMENTS: &[&str] = &[
    "script", "style", "nav", "noscript", "template", "svg", "math", "iframe", "object", "select",
    "button",
];

/// Elements that start and end a paragraph.
const BLOCK_ELEMENTS: &[&str] = &[
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "blockquote",
    "br",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "main",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "pre",
    "hr",
    "address",
    "figure",
    "figcaption",
    "center",
    "form",
    "fieldset",
    "legend",
    "body",
    "html",
];

/// Akoma Ntoso classes (AfricanLII, ECOWAS) that mark block content inside `<span>`s.
const AKN_BLOCK_CLASSES: &[&str] = &[
    "akn-p",
    "akn-heading",
    "akn-subheading",
    "akn-crossHeading",
    "akn-intro",
    "akn-wrapUp",
    "akn-listIntroduction",
    "akn-listWrapUp",
    "akn-item",
    "akn-point",
    "akn-blockList",
    "akn-subparagraph",
    "akn-paragraph",
    "akn-section",
    "akn-article",
    "akn-chapter",
    "akn-part",
    "akn-preface",
    "akn-preamble",
    "akn-conclusions",
    "akn-longTitle",
];

#[derive(Default)]
struct TextSink {
    state: RefCell<TextState>,
}

#[derive(Default)]
struct TextState {
    /// Finished paragraphs, each followed by a blank line.
    text: String,
    /// The paragraph being built, whitespace already collapsed.
    current: String,
    /// Inside a skipped element: its name and how many of them are open.
    skipping: Option<(String, usize)>,
    in_title: bool,
    title_text: String,
    /// Capturing the first `<h1>`: `Some` while inside it.
    h1_capture: Option<String>,
    first_h1: Option<String>,
    /// `<pre>` nesting: whitespace is kept there.
    pre_depth: usize,
    /// Open lists: `Some(last number)` for `<ol>`, `None` for `<ul>`.
    lists: Vec<Option<i64>>,
    /// Open `<span>`s: whether each one is an Akoma Ntoso block.
    span_is_block: Vec<bool>,
    html_lang: Option<String>,
    body_lang: Option<String>,
    direction: Option<String>,
}

impl TokenSink for TextSink {
    type Handle = ();

    fn process_token(&self, token: Token, _line_number: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            Token::TagToken(tag) => state.tag(&tag),
            Token::CharacterTokens(characters) => {
                state.characters(&characters);
                TokenSinkResult::Continue
            }
            _ => TokenSinkResult::Continue,
        }
    }
}

fn attribute<'a>(tag: &'a Tag, name: &str) -> Option<&'a str> {
    tag.attrs
        .iter()
        .find(|attribute| &*attribute.name.local == name)
        .map(|attribute| &*attribute.value)
}

impl TextState {
    fn tag(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name = tag.name.as_ref();
        let is_start = tag.kind == TagKind::StartTag;
        if let Some((skipped, depth)) = &mut self.skipping {
            if name == skipped.as_str() {
                if is_start && !tag.self_closing {
                    *depth += 1;
                } else if !is_start {
                    *depth -= 1;
                    if *depth == 0 {
                        self.skipping = None;
                    }
                }
            }
            return TokenSinkResult::Continue;
        }
        if is_start {
            self.start_tag(tag)
        } else {
            self.end_tag(name);
            TokenSinkResult::Continue
        }
    }

    fn start_tag(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name = tag.name.as_ref();
        let hidden =
            attribute(tag, "hidden").is_some() || attribute(tag, "aria-hidden") == Some("true");
        if (SKIPPED_ELEMENTS.contains(&name) || hidden) && !tag.self_closing && !is_void(name) {
            self.skipping = Some((name.to_string(), 1));
            return match name {
                "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                "style" | "noscript" | "iframe" => TokenSinkResult::RawData(RawKind::Rawtext),
                _ => TokenSinkResult::Continue,
            };
        }
        match name {
            "html" | "body" => {
                let lang = attribute(tag, "lang").or_else(|| attribute(tag, "xml:lang"));
                if let Some(lang) = lang.filter(|lang| !lang.trim().is_empty()) {
                    let slot = if name == "html" {
                        &mut self.html_lang
                    } else {
                        &mut self.body_lang
                    };
                    slot.get_or_insert_with(|| lang.trim().to_string());
                }
                if let Some(direction) = attribute(tag, "dir") {
                    self.direction
                        .get_or_insert_with(|| direction.trim().to_ascii_lowercase());
                }
            }
            "title" => {
                self.in_title = true;
                return TokenSinkResult::RawData(RawKind::Rcdata);
            }
            "textarea" => return TokenSinkResult::RawData(RawKind::Rcdata),
            "h1" if self.first_h1.is_none() && self.h1_capture.is_none() => {
                self.h1_capture = Some(String::new());
            }
            "pre" => self.pre_depth += 1,
            "ol" => {
                let start = attribute(tag, "start")
                    .and_then(|start| start.trim().parse::<i64>().ok())
                    .unwrap_or(1);
                self.lists.push(Some(start - 1));
            }
            "ul" | "menu" => self.lists.push(None),
            "span" => {
                let is_block = attribute(tag, "class").is_some_and(|classes| {
                    classes
                        .split_ascii_whitespace()
                        .any(|class| AKN_BLOCK_CLASSES.contains(&class))
                });
                if !tag.self_closing {
                    self.span_is_block.push(is_block);
                }
                if is_block {
                    self.break_paragraph();
                }
                return TokenSinkResult::Continue;
            }
            "td" | "th" => self.push_separator(),
            "img" => {
                if let Some(alternative) = attribute(tag, "alt") {
                    self.characters(alternative);
                }
            }
            _ => {}
        }
        if BLOCK_ELEMENTS.contains(&name) {
            self.break_paragraph();
        }
        if name == "li" {
            let value = attribute(tag, "value").and_then(|value| value.trim().parse::<i64>().ok());
            if let Some(Some(counter)) = self.lists.last_mut() {
                *counter = value.unwrap_or(*counter + 1);
                let number = format!("{counter}. ");
                self.current.push_str(&number);
            }
        }
        TokenSinkResult::Continue
    }

    fn end_tag(&mut self, name: &str) {
        match name {
            "title" => {
                self.in_title = false;
                return;
            }
            "h1" => {
                if let Some(captured) = self.h1_capture.take() {
                    let captured = captured.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !captured.is_empty() {
                        self.first_h1 = Some(captured);
                    }
                }
            }
            "pre" => self.pre_depth = self.pre_depth.saturating_sub(1),
            "ol" | "ul" | "menu" => {
                self.lists.pop();
            }
            "span" => {
                if self.span_is_block.pop() == Some(true) {
                    self.break_paragraph();
                }
                return;
            }
            "td" | "th" => self.push_separator(),
            _ => {}
        }
        if BLOCK_ELEMENTS.contains(&name) {
            self.break_paragraph();
        }
    }

    fn characters(&mut self, characters: &str) {
        if self.skipping.is_some() {
            return;
        }
        if self.in_title {
            self.title_text.push_str(characters);
            return;
        }
        if let Some(captured) = &mut self.h1_capture {
            captured.push_str(characters);
            captured.push(' ');
        }
        if self.pre_depth > 0 {
            // Preformatted text keeps its lines; a blank line inside still splits.
            self.current
                .push_str(&text::normalize_line_endings(characters));
            return;
        }
        for c in characters.chars() {
            if c.is_whitespace() && c != '\u{A0}' {
                if !self.current.is_empty() && !self.current.ends_with([' ', '\n']) {
                    self.current.push(' ');
                }
            } else {
                self.current.push(c);
            }
        }
    }

    /// Separates table cells (and other inline runs) by one space.
    fn push_separator(&mut self) {
        if !self.current.is_empty() && !self.current.ends_with([' ', '\n']) {
            self.current.push(' ');
        }
    }

    fn break_paragraph(&mut self) {
        let paragraph = self.current.trim();
        if paragraph.is_empty() {
            self.current.clear();
            return;
        }
        if is_number_only(paragraph) {
            // Keep the printed number with the paragraph it numbers.
            let kept = format!("{paragraph} ");
            self.current = kept;
            return;
        }
        self.text.push_str(paragraph);
        self.text.push_str("\n\n");
        self.current.clear();
    }

    fn finish(mut self) -> ExtractedText {
        self.break_paragraph();
        // A number left alone at the very end is still text.
        let trailing = self.current.trim().to_string();
        if !trailing.is_empty() {
            self.text.push_str(&trailing);
            self.text.push_str("\n\n");
        }
        let title = self.first_h1.take().or_else(|| {
            let title = self
                .title_text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            (!title.is_empty()).then_some(title)
        });
        let mut extracted = ExtractedText::single("html", "html", std::mem::take(&mut self.text));
        extracted.title = title;
        if let Some(raw_lang) = self.html_lang.or(self.body_lang) {
            extracted.declared_lang = Some(lang_from_code(&raw_lang));
            extracted
                .notes
                .push(ExtractionNote::new("declared-lang", raw_lang));
        }
        if let Some(direction) = self.direction.filter(|d| d == "rtl" || d == "ltr") {
            extracted
                .notes
                .push(ExtractionNote::new("direction", direction));
        }
        extracted
    }
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

/// `18.`, `115.34`, `§ 75`, `(c)`, `(iv)`, `1.0`: a paragraph number with no text.
fn is_number_only(text: &str) -> bool {
    if text.chars().count() > 16 {
        return false;
    }
    let has_parentheses = text.starts_with('(') && text.ends_with(')');
    let core: String = text
        .chars()
        .filter(|c| !matches!(c, '§' | '(' | ')' | '[' | ']' | '.' | ' '))
        .collect();
    if core.is_empty() || core.len() > 8 {
        return false;
    }
    core.chars().all(|c| c.is_ascii_digit())
        || (has_parentheses && core.len() <= 4 && core.chars().all(|c| c.is_ascii_lowercase()))
}

/// Maps an HTML language code to our languages: the full code first (`zh-Hans`), then
/// its primary subtag (`ar-EG` → `ar`); any other language is [`Lang::Other`].
pub fn lang_from_code(code: &str) -> Lang {
    let code = code.trim().replace('_', "-");
    Lang::parse(&code)
        .or_else(|| code.split('-').next().and_then(Lang::parse))
        .filter(|lang| *lang != Lang::Und)
        .unwrap_or(Lang::Other)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    #[test]
    fn blocks_become_paragraphs_and_hidden_content_is_skipped() {
        let html = "<html lang=\"fr\"><head><title>Décision</title><style>p{}</style>\
                    <script>if (a < b) { document.write('<p>x</p>') }</script></head>\
                    <body><nav><a href=\"/\">Accueil</a></nav>\
                    <p>Le Comité&nbsp;note &amp; constate</p><div>ligne 1<br>ligne 2</div>\
                    <table><tr><td>1.</td><td>Ratifier</td></tr></table></body></html>";
        let extracted = extract_fragment(html);
        assert_eq!(
            extracted.pages[0],
            "Le Comité\u{A0}note & constate\n\nligne 1\n\nligne 2\n\n1. Ratifier\n\n"
        );
        assert_eq!(extracted.title.as_deref(), Some("Décision"));
        assert_eq!(extracted.declared_lang, Some(Lang::Fr));
    }

    #[test]
    fn ordered_lists_print_their_numbers() {
        let extracted = extract_fragment(
            "<ol start=\"3\"><li><p>Всякий человек имеет право</p></li><li>Никто не может</li></ol>\
             <ul><li>point</li></ul>",
        );
        assert_eq!(
            extracted.pages[0],
            "3. Всякий человек имеет право\n\n4. Никто не может\n\npoint\n\n"
        );
    }

    #[test]
    fn akoma_ntoso_numbers_stay_with_their_heading() {
        let extracted = extract_fragment(
            "<section class=\"akn-paragraph\"><span class=\"akn-num\">1.0</span>\
             <span class=\"akn-heading\">Introduction</span><span class=\"akn-content\">\
             <span class=\"akn-p\">This report covers</span><span class=\"akn-p\">Second</span></span></section>",
        );
        assert_eq!(
            extracted.pages[0],
            "1.0 Introduction\n\nThis report covers\n\nSecond\n\n"
        );
    }

    #[test]
    fn languages_map_to_ours_or_other() {
        assert_eq!(lang_from_code("ar"), Lang::Ar);
        assert_eq!(lang_from_code("zh-Hans"), Lang::Zh);
        assert_eq!(lang_from_code("pt_BR"), Lang::Pt);
        assert_eq!(lang_from_code("he"), Lang::Other);
        assert_eq!(lang_from_code("und"), Lang::Other);
    }

    #[test]
    fn first_h1_wins_over_title_and_direction_is_noted() {
        let extracted = extract_fragment(
            "<html dir=\"RTL\" lang=\"ar\"><title>Arabic, Standard</title><h1>الإعلان <b>العالمي</b></h1>",
        );
        assert_eq!(extracted.title.as_deref(), Some("الإعلان العالمي"));
        assert!(extracted
            .notes
            .iter()
            .any(|note| note.code == "direction" && note.message == "rtl"));
    }

    #[test]
    fn windows_1252_page_declared_by_meta_charset() {
        let bytes = b"<meta charset=\"windows-1252\"><p>Comit\xE9 des droits de l\x92homme</p>";
        let extracted = extract(Path::new("x.html"), bytes).unwrap();
        assert_eq!(
            extracted.pages[0],
            "Comité des droits de l\u{2019}homme\n\n"
        );
    }

    #[test]
    fn deeply_nested_divs_are_linear_and_do_not_overflow() {
        let depth = 100_000;
        let mut html = String::with_capacity(depth * 11 + 20);
        html.push_str(&"<div>".repeat(depth));
        html.push_str("Статья 1");
        html.push_str(&"</div>".repeat(depth));
        let started = Instant::now();
        let extracted = extract_fragment(&html);
        assert_eq!(extracted.pages[0], "Статья 1\n\n");
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
    }
}
