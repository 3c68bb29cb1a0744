//! Multilingual UN texts:
//!
//! - [`UnCharter`]: `multilingual/un-charter/raw_un_charter_<lang>.txt`, the Charter in
//!   the six official languages — one work (`un-charter`), one document per language,
//!   one paragraph per article (`n` = the article number in Arabic digits, whatever the
//!   script of the heading: `Article 1`, `Статья 1`, `第一条`, `المادة 1`), the preamble
//!   and chapter headings as unnumbered paragraphs.
//! - [`UnParallelCorpus`]: the dev and test sets of the UN Parallel Corpus v1.0, six
//!   sentence files aligned line by line plus a `.ids` file giving each line's document
//!   (`2015/a/ac_182/l_139` → `A/AC.182/L.139`). Each language file becomes one
//!   document per symbol (one work per symbol across languages); the sentences of a
//!   document are put back in document order, the same order in every language so
//!   that paragraph *i* is aligned across versions.
//! - [`Udhr`]: `multilingual/udhr/*.html` (19 languages) through the generic HTML
//!   extractor, then the Declaration's metadata and article numbers.

use super::treaty_bodies::{file_name, parent_name, slug, un_key};
use super::{ImportContext, Importer};
use crate::{FileOutcome, IngestError};
use hrlex_model::{DocType, Document, ExtractionNote, Lang, Mechanism, Paragraph};
use regex::Regex;
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

const IMPORTER: &str = "un_texts";
const PARALLEL_LANGS: [&str; 6] = ["ar", "en", "es", "fr", "ru", "zh"];

fn read_utf8(path: &Path) -> Result<String, IngestError> {
    let bytes = std::fs::read(path).map_err(|error| IngestError::io(path, error))?;
    let text = String::from_utf8(bytes)
        .map_err(|error| IngestError::malformed(path, "UTF-8 text", error))?;
    Ok(text.trim_start_matches('\u{feff}').to_string())
}

// ---------------------------------------------------------------------------------
// Numbers in any script.
// ---------------------------------------------------------------------------------

/// The value of a Chinese numeral up to the thousands (`一百零一` → 101, `十一` → 11).
pub(super) fn chinese_numeral(text: &str) -> Option<u32> {
    let digit = |c: char| -> Option<u32> {
        Some(match c {
            '〇' | '零' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    let mut total = 0;
    let mut current: Option<u32> = None;
    let mut seen = false;
    for c in text.chars() {
        seen = true;
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            other => {
                current = Some(digit(other)?);
                continue;
            }
        };
        total += current.unwrap_or(1) * unit;
        current = None;
    }
    seen.then(|| total + current.unwrap_or(0))
}

/// The decimal digit value of a character in any of the scripts of our texts (ASCII,
/// Arabic-Indic, Persian, Devanagari, full-width).
fn digit_value(c: char) -> Option<u32> {
    let zero = match c {
        '0'..='9' => '0',
        '\u{0660}'..='\u{0669}' => '\u{0660}',
        '\u{06F0}'..='\u{06F9}' => '\u{06F0}',
        '\u{0966}'..='\u{096F}' => '\u{0966}',
        '\u{FF10}'..='\u{FF19}' => '\u{FF10}',
        _ => return None,
    };
    Some(c as u32 - zero as u32)
}

/// The first number written in `text` in decimal digits of any script, or as a
/// Chinese numeral.
pub(super) fn number_in(text: &str) -> Option<u32> {
    let mut value: Option<u32> = None;
    for c in text.chars() {
        match digit_value(c) {
            Some(digit) => value = Some(value.unwrap_or(0).checked_mul(10)?.checked_add(digit)?),
            None if value.is_some() => return value,
            None => {}
        }
    }
    if value.is_some() {
        return value;
    }
    let numeral: String = text
        .chars()
        .skip_while(|c| !"〇零一二三四五六七八九十百千两".contains(*c))
        .take_while(|c| "〇零一二三四五六七八九十百千两".contains(*c))
        .collect();
    chinese_numeral(&numeral)
}

// ---------------------------------------------------------------------------------
// The UN Charter.
// ---------------------------------------------------------------------------------

/// `Article 1`, `Статья 1`, `Artículo 1`, `المادة 1`, `第一条` → 1.
pub(super) fn charter_article_heading(line: &str) -> Option<u32> {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    let pattern = PATTERN.get_or_init(|| {
        Regex::new(
            r"^(?:(?:Article|ARTICLE|Статья|СТАТЬЯ|Artículo|ARTÍCULO|المادة)\s*([0-9\x{0660}-\x{0669}]+)|第([〇零一二三四五六七八九十百]+)条)\s*$",
        )
        .expect("valid regex")
    });
    let captures = pattern.captures(line.trim())?;
    match (captures.get(1), captures.get(2)) {
        (Some(digits), _) => number_in(digits.as_str()),
        (None, Some(numeral)) => chinese_numeral(numeral.as_str()),
        _ => None,
    }
}

fn is_chapter_heading(line: &str) -> bool {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    let pattern = PATTERN.get_or_init(|| {
        Regex::new(r"^(?:CHAPTER|Chapter|CHAPITRE|Chapitre|ГЛАВА|Глава|CAPÍTULO|Capítulo|الفصل|第[一二三四五六七八九十]+章)")
            .expect("valid regex")
    });
    pattern.is_match(line.trim())
}

fn charter_title(lang: Lang) -> &'static str {
    match lang {
        Lang::Ar => "ميثاق الأمم المتحدة",
        Lang::Zh => "联合国宪章",
        Lang::Fr => "Charte des Nations Unies",
        Lang::Ru => "Устав Организации Объединенных Наций",
        Lang::Es => "Carta de las Naciones Unidas",
        _ => "Charter of the United Nations",
    }
}

/// Splits the text of the Charter into paragraphs: the preamble by blank lines, each
/// article as one paragraph (heading line first), chapter headings on their own.
pub(super) fn charter_paragraphs(text: &str) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    let mut article: Option<(u32, Vec<&str>)> = None;
    let mut preamble: Vec<&str> = Vec::new();
    let flush_preamble = |lines: &mut Vec<&str>, paragraphs: &mut Vec<Paragraph>| {
        if !lines.is_empty() {
            paragraphs.push(Paragraph::unnumbered(lines.join("\n")));
            lines.clear();
        }
    };
    let flush_article = |article: &mut Option<(u32, Vec<&str>)>,
                         paragraphs: &mut Vec<Paragraph>| {
        if let Some((number, lines)) = article.take() {
            paragraphs.push(Paragraph::numbered(number.to_string(), lines.join("\n")));
        }
    };
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(number) = charter_article_heading(trimmed) {
            flush_preamble(&mut preamble, &mut paragraphs);
            flush_article(&mut article, &mut paragraphs);
            article = Some((number, vec![trimmed]));
        } else if is_chapter_heading(trimmed) {
            flush_preamble(&mut preamble, &mut paragraphs);
            flush_article(&mut article, &mut paragraphs);
            paragraphs.push(Paragraph::unnumbered(trimmed));
        } else if trimmed.is_empty() {
            if article.is_none() {
                flush_preamble(&mut preamble, &mut paragraphs);
            }
        } else if let Some((_, lines)) = article.as_mut() {
            lines.push(trimmed);
        } else {
            preamble.push(trimmed);
        }
    }
    flush_preamble(&mut preamble, &mut paragraphs);
    flush_article(&mut article, &mut paragraphs);
    paragraphs
}

fn charter_lang(path: &Path) -> Option<Lang> {
    let code = file_name(path)
        .strip_prefix("raw_un_charter_")?
        .strip_suffix(".txt")?;
    Lang::parse(code).filter(|lang| Lang::SUPPORTED.contains(lang))
}

/// `raw_un_charter_<lang>.txt`: the Charter of the United Nations.
pub struct UnCharter;

impl Importer for UnCharter {
    fn name(&self) -> &'static str {
        IMPORTER
    }

    fn claims(&self, path: &Path, _head: &[u8]) -> bool {
        charter_lang(path).is_some()
    }

    fn import(
        &self,
        path: &Path,
        _context: &ImportContext<'_>,
    ) -> Result<FileOutcome, IngestError> {
        let Some(lang) = charter_lang(path) else {
            return Err(IngestError::malformed(
                path,
                "UN Charter",
                "file name is not raw_un_charter_<lang>.txt",
            ));
        };
        let text = read_utf8(path)?;
        let paragraphs = charter_paragraphs(&text);
        if !paragraphs.iter().any(|paragraph| paragraph.n.is_some()) {
            return Err(IngestError::malformed(
                path,
                "UN Charter",
                "no article headings found",
            ));
        }
        let mut document = Document::new(format!("un-charter:{}", lang.code()), lang);
        document.work_id = "un-charter".into();
        document.title = charter_title(lang).into();
        // The Charter is the Organization's constitution, not the act of one organ.
        document.mechanism = Mechanism::Other;
        document.body = Some("United Nations Conference on International Organization".into());
        document.doc_type = DocType::Instrument;
        document.date = Some("1945-06-26".into());
        document.source.format = "text".into();
        document.source.importer = IMPORTER.into();
        document.paragraphs = paragraphs;
        Ok(FileOutcome::Documents(vec![document]))
    }
}

// ---------------------------------------------------------------------------------
// The UN Parallel Corpus.
// ---------------------------------------------------------------------------------

/// `2015/a/ac_182/l_139` → `A/AC.182/L.139`; `…/add_1` → `…/Add.1`.
pub(super) fn parallel_corpus_symbol(id: &str) -> String {
    let mut parts = id.trim().split('/').peekable();
    if parts
        .peek()
        .is_some_and(|first| first.len() == 4 && first.chars().all(|c| c.is_ascii_digit()))
    {
        parts.next();
    }
    parts
        .map(|part| {
            let dotted = part.replace('_', ".");
            let lowered = dotted.to_lowercase();
            for modifier in ["add.", "rev.", "corr.", "amend."] {
                if lowered.starts_with(modifier) {
                    let mut word = lowered.clone();
                    word[..1].make_ascii_uppercase();
                    return word;
                }
            }
            dotted.to_uppercase()
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// One line of a `.ids` file: the document id and the line number of the sentence in
/// the English original (`en:45:1`).
fn parse_ids_line(line: &str) -> (String, Option<u32>) {
    let mut fields = line.split_whitespace();
    let id = fields.next().unwrap_or("").to_string();
    let english_line = fields
        .find_map(|field| field.strip_prefix("en:"))
        .and_then(|rest| rest.split(':').next())
        .and_then(|number| number.parse().ok());
    (id, english_line)
}

/// `UNv1.0.devset.zh` → (`devset`, Zh); the `.ids` file → (`devset`, None).
fn parallel_file(path: &Path) -> Option<(String, Option<Lang>)> {
    let rest = file_name(path).strip_prefix("UNv1.0.")?;
    let (set, extension) = rest.rsplit_once('.')?;
    if set.is_empty() || set.contains('.') {
        return None;
    }
    if extension == "ids" {
        return Some((set.to_string(), None));
    }
    if !PARALLEL_LANGS.contains(&extension) {
        return None;
    }
    Some((set.to_string(), Lang::parse(extension)))
}

fn is_parallel_corpus_folder(folder: &Path) -> bool {
    folder.join("UNv1.0.pdf").is_file() || folder.join("devset").is_dir()
}

/// Groups the sentences of one language file by document.
pub(super) fn parallel_documents(
    ids: &str,
    sentences: &str,
    set: &str,
    lang: Lang,
) -> Result<Vec<Document>, String> {
    let id_lines: Vec<&str> = ids.lines().collect();
    let sentence_lines: Vec<&str> = sentences.lines().collect();
    if id_lines.len() != sentence_lines.len() {
        return Err(format!(
            "{} sentences but {} ids: the files are not aligned",
            sentence_lines.len(),
            id_lines.len()
        ));
    }
    let mut order: Vec<String> = Vec::new();
    let mut groups: HashMap<String, Vec<(u32, usize, &str)>> = HashMap::new();
    for (index, (id_line, sentence)) in id_lines.iter().zip(&sentence_lines).enumerate() {
        let (id, english_line) = parse_ids_line(id_line);
        if id.is_empty() {
            continue;
        }
        let group = groups.entry(id.clone()).or_insert_with(|| {
            order.push(id.clone());
            Vec::new()
        });
        let position = english_line.unwrap_or(u32::MAX);
        group.push((position, index, sentence.trim()));
    }
    let mut documents = Vec::with_capacity(order.len());
    for id in order {
        let Some(mut lines) = groups.remove(&id) else {
            continue;
        };
        // The English line number orders the sentences of every language the same way.
        lines.sort_by_key(|&(position, index, _)| (position, index));
        let symbol = parallel_corpus_symbol(&id);
        let work_id = format!("uncorpus:{}", slug(&symbol));
        let mut document = Document::new(format!("{work_id}:{}", lang.code()), lang);
        document.work_id = work_id;
        document.mechanism =
            crate::metadata::mechanism_of_symbol(&symbol).unwrap_or(Mechanism::Other);
        document.doc_type = crate::metadata::doc_type_of_symbol(&symbol).unwrap_or(DocType::Other);
        document.add_identifier(un_key(&symbol));
        document.date = id
            .split('/')
            .next()
            .filter(|year| year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()))
            .map(str::to_string);
        let first_sentence = lines
            .iter()
            .map(|(_, _, text)| *text)
            .find(|text| text.chars().filter(|c| c.is_alphabetic()).count() >= 12)
            .or_else(|| lines.first().map(|(_, _, text)| *text))
            .unwrap_or("");
        let excerpt: String = first_sentence.chars().take(120).collect();
        document.title = if excerpt.is_empty() {
            symbol.clone()
        } else {
            format!("{symbol} — {excerpt}")
        };
        document.symbol = Some(symbol);
        document.source.record = Some(id.clone());
        document.source.format = "text".into();
        document.source.importer = IMPORTER.into();
        document
            .extra
            .insert("corpus".into(), format!("UN Parallel Corpus v1.0 {set}"));
        document.notes.push(ExtractionNote::new(
            "excerpt",
            "sentences of this document sampled in the UN Parallel Corpus; not the full text",
        ));
        for (_, _, text) in lines {
            if !text.is_empty() {
                document.paragraphs.push(Paragraph::unnumbered(text));
            }
        }
        if !document.paragraphs.is_empty() {
            documents.push(document);
        }
    }
    Ok(documents)
}

/// The UN Parallel Corpus dev/test sentence files, their `.ids`, README and DISCLAIMER.
/// The paper (`UNv1.0.pdf`) is left to the generic PDF path.
pub struct UnParallelCorpus;

impl Importer for UnParallelCorpus {
    fn name(&self) -> &'static str {
        IMPORTER
    }

    fn claims(&self, path: &Path, _head: &[u8]) -> bool {
        match file_name(path) {
            "README" | "DISCLAIMER" => path.parent().is_some_and(is_parallel_corpus_folder),
            _ => parallel_file(path).is_some(),
        }
    }

    fn import(
        &self,
        path: &Path,
        _context: &ImportContext<'_>,
    ) -> Result<FileOutcome, IngestError> {
        match file_name(path) {
            "README" => {
                return Ok(FileOutcome::Skipped {
                    reason: "readme of the UN Parallel Corpus".into(),
                })
            }
            "DISCLAIMER" => {
                return Ok(FileOutcome::Skipped {
                    reason: "terms of use of the UN Parallel Corpus".into(),
                })
            }
            _ => {}
        }
        let Some((set, lang)) = parallel_file(path) else {
            return Err(IngestError::malformed(
                path,
                "UN Parallel Corpus",
                "file name is not UNv1.0.<set>.<lang>",
            ));
        };
        let Some(lang) = lang else {
            return Ok(FileOutcome::Skipped {
                reason: "document ids of the UN Parallel Corpus (read with each language file)"
                    .into(),
            });
        };
        let ids_path = path.with_file_name(format!("UNv1.0.{set}.ids"));
        let ids = read_utf8(&ids_path)?;
        let sentences = read_utf8(path)?;
        let documents = parallel_documents(&ids, &sentences, &set, lang)
            .map_err(|message| IngestError::malformed(path, "UN Parallel Corpus", message))?;
        if documents.is_empty() {
            return Err(IngestError::Empty {
                path: path.to_path_buf(),
            });
        }
        Ok(FileOutcome::Documents(documents))
    }
}

// ---------------------------------------------------------------------------------
// The Universal Declaration of Human Rights.
// ---------------------------------------------------------------------------------

/// The language of a UDHR file from its name (`arb.html`, `cmn_hans.html`,
/// `por_BR.html`); `None` for a code we do not know.
fn udhr_lang(stem: &str) -> Option<Lang> {
    let code = stem.split('_').next().unwrap_or(stem);
    Some(match code {
        "arb" | "ara" => Lang::Ar,
        "cmn" | "zho" => Lang::Zh,
        "eng" => Lang::En,
        "fra" => Lang::Fr,
        "rus" => Lang::Ru,
        "spa" => Lang::Es,
        "por" => Lang::Pt,
        _ => return None,
    })
}

/// True for a short paragraph that is only an article heading (`Article 3`,
/// `المادة ٣`, `第三条`, `제 3 조`) numbered `expected`.
fn is_article_heading(text: &str, expected: u32) -> bool {
    let text = text.trim();
    text.chars().count() <= 24
        && !text.contains(['.', ',', ';', '。', '،'])
        && number_in(text) == Some(expected)
}

/// Numbers the paragraphs of the Declaration by article: the heading paragraph
/// (`Article 3`) is joined to the paragraph that follows and gives the number to every
/// paragraph up to the next heading (`11(1)`, `11(2)` when the items are numbered).
pub(super) fn number_udhr_articles(paragraphs: Vec<Paragraph>) -> Vec<Paragraph> {
    let mut numbered: Vec<Paragraph> = Vec::with_capacity(paragraphs.len());
    let mut article: Option<u32> = None;
    let mut pending_heading: Option<String> = None;
    for mut paragraph in paragraphs {
        let full = match &paragraph.n {
            Some(n) => format!("{n} {}", paragraph.text),
            None => paragraph.text.clone(),
        };
        let expected = article.map_or(1, |number| number + 1);
        if is_article_heading(&full, expected) {
            article = Some(expected);
            pending_heading = Some(full.trim().to_string());
            continue;
        }
        if let Some(number) = article {
            paragraph.n = Some(match paragraph.n.take() {
                Some(item) => format!("{number}({item})"),
                None => number.to_string(),
            });
            if let Some(heading) = pending_heading.take() {
                paragraph.text = format!("{heading}\n{}", paragraph.text);
            }
        }
        numbered.push(paragraph);
    }
    if let Some(heading) = pending_heading {
        numbered.push(Paragraph::numbered(
            article.unwrap_or_default().to_string(),
            heading,
        ));
    }
    numbered
}

/// `multilingual/udhr/*.html`: the Universal Declaration of Human Rights.
pub struct Udhr;

impl Importer for Udhr {
    fn name(&self) -> &'static str {
        IMPORTER
    }

    fn claims(&self, path: &Path, head: &[u8]) -> bool {
        let is_html = path
            .extension()
            .and_then(|extension| extension.to_str())
            .is_some_and(|extension| extension.eq_ignore_ascii_case("html"));
        is_html
            && (parent_name(path) == "udhr"
                || head.windows(12).any(|window| window == b"data-iso6393"))
    }

    fn import(
        &self,
        path: &Path,
        _context: &ImportContext<'_>,
    ) -> Result<FileOutcome, IngestError> {
        let bytes = std::fs::read(path).map_err(|error| IngestError::io(path, error))?;
        let extracted = crate::extract::html::extract(path, &bytes)?;
        let declared = extracted.declared_lang;
        let name = file_name(path);
        let mut document = crate::pipeline::document_from_extracted(path, name, extracted)?;
        let stem = name.strip_suffix(".html").unwrap_or(name);
        document.lang = udhr_lang(stem)
            .or(declared.filter(|lang| *lang != Lang::Und))
            .unwrap_or(Lang::Other);
        document.id = format!("udhr:{}", stem.to_lowercase());
        document.work_id = "udhr".into();
        document.mechanism = Mechanism::GeneralAssembly;
        document.doc_type = DocType::Instrument;
        document.symbol = Some("A/RES/217(III)".into());
        document.identifiers = vec![un_key("A/RES/217(III)")];
        document.date = Some("1948-12-10".into());
        document
            .extra
            .insert("language_code".into(), stem.to_string());
        // The `<title>` of these files names the language; the `<h1>` is the title.
        let heading = document
            .paragraphs
            .first()
            .map(|paragraph| paragraph.text.trim().to_string())
            .filter(|text| !text.is_empty() && text.chars().count() <= 120);
        let title_is_language = document.title.trim().is_empty()
            || heading
                .as_deref()
                .is_some_and(|heading| heading != document.title);
        if title_is_language {
            if let Some(heading) = heading {
                document.title = heading;
            }
        }
        document.paragraphs = number_udhr_articles(std::mem::take(&mut document.paragraphs));
        document.source.path = String::new();
        document.source.importer = IMPORTER.into();
        Ok(FileOutcome::Documents(vec![document]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals_are_read() {
        assert_eq!(chinese_numeral("一"), Some(1));
        assert_eq!(chinese_numeral("十"), Some(10));
        assert_eq!(chinese_numeral("十一"), Some(11));
        assert_eq!(chinese_numeral("二十"), Some(20));
        assert_eq!(chinese_numeral("一百"), Some(100));
        assert_eq!(chinese_numeral("一百零一"), Some(101));
        assert_eq!(chinese_numeral("一百一十一"), Some(111));
        assert_eq!(chinese_numeral("条"), None);
        assert_eq!(number_in("المادة ١٢"), Some(12));
        assert_eq!(number_in("제 3 조"), Some(3));
        assert_eq!(number_in("第三十条"), Some(30));
    }

    #[test]
    fn charter_headings_in_six_languages() {
        assert_eq!(charter_article_heading("Article 1"), Some(1));
        assert_eq!(charter_article_heading("Статья 51"), Some(51));
        assert_eq!(charter_article_heading("Artículo 111"), Some(111));
        assert_eq!(charter_article_heading("المادة 2"), Some(2));
        assert_eq!(charter_article_heading("第一百零二条"), Some(102));
        assert_eq!(charter_article_heading("第十六章：杂项条款"), None);
        assert_eq!(
            charter_article_heading("in accordance with Article 110."),
            None
        );
    }

    #[test]
    fn charter_paragraphs_follow_articles() {
        let text = "WE THE PEOPLES\nto save succeeding generations\n\nAND FOR THESE ENDS\nChapter I: Purposes\nArticle 1\nThe Purposes are:\n\n1. To maintain peace\nArticle 2\nThe Organization\n";
        let paragraphs = charter_paragraphs(text);
        let numbers: Vec<Option<&str>> = paragraphs.iter().map(|p| p.n.as_deref()).collect();
        assert_eq!(numbers, vec![None, None, None, Some("1"), Some("2")]);
        assert_eq!(
            paragraphs[3].text,
            "Article 1\nThe Purposes are:\n1. To maintain peace"
        );
        assert_eq!(paragraphs[2].text, "Chapter I: Purposes");
    }

    #[test]
    fn parallel_corpus_ids_become_symbols() {
        assert_eq!(parallel_corpus_symbol("2015/a/69/767"), "A/69/767");
        assert_eq!(
            parallel_corpus_symbol("2015/a/ac_182/l_139"),
            "A/AC.182/L.139"
        );
        assert_eq!(
            parallel_corpus_symbol("2015/e/cn_6/2015/ngo/259"),
            "E/CN.6/2015/NGO/259"
        );
        assert_eq!(parallel_corpus_symbol("2015/a/70/1/add_1"), "A/70/1/Add.1");
        assert_eq!(
            parse_ids_line("2015/a/69/767 ar:3:1 en:2:1 es:2:1"),
            ("2015/a/69/767".to_string(), Some(2))
        );
    }

    #[test]
    fn parallel_sentences_are_grouped_and_ordered() {
        let ids = "2015/a/1 en:5:1\n2015/b/2 en:1:1\n2015/a/1 en:2:1\n";
        let sentences = "第二句\n别的\n第一句\n";
        let documents = parallel_documents(ids, sentences, "devset", Lang::Zh).unwrap();
        assert_eq!(documents.len(), 2);
        assert_eq!(documents[0].id, "uncorpus:a-1:zh");
        assert_eq!(documents[0].work_id, "uncorpus:a-1");
        let texts: Vec<&str> = documents[0]
            .paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(texts, vec!["第一句", "第二句"]);
        assert!(parallel_documents("2015/a/1 en:1:1\n", "a\nb\n", "devset", Lang::En).is_err());
    }

    #[test]
    fn udhr_articles_are_numbered() {
        let paragraphs = vec![
            Paragraph::unnumbered("Universal Declaration of Human Rights"),
            Paragraph::unnumbered("Preamble"),
            Paragraph::unnumbered("Whereas recognition of the inherent dignity"),
            Paragraph::unnumbered("Article 1"),
            Paragraph::unnumbered("All human beings are born free and equal."),
            Paragraph::unnumbered("Article 2"),
            Paragraph::numbered("1", "Everyone is entitled to all the rights."),
            Paragraph::numbered("2", "Furthermore, no distinction shall be made."),
        ];
        let numbered = number_udhr_articles(paragraphs);
        let numbers: Vec<Option<&str>> = numbered.iter().map(|p| p.n.as_deref()).collect();
        assert_eq!(
            numbers,
            vec![None, None, None, Some("1"), Some("2(1)"), Some("2(2)")]
        );
        assert!(numbered[3].text.starts_with("Article 1\nAll human beings"));
    }
}
