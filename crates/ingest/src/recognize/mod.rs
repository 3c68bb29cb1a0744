//! Metadata read from a document's own masthead, for files no importer claims: a folder
//! of PDFs or texts downloaded from the UN or a court. Only the title block is read (the
//! first [`MASTHEAD_LINES`] lines, at most [`MASTHEAD_CHARS`] characters of the first
//! pages) and the file name; a date or symbol cited in the body is never taken for the
//! document's own. The recognizer only fills empty fields ([`fill_empty`]): what an
//! importer or a sidecar says wins. It never panics (a proptest runs it over arbitrary
//! strings).
//!
//! Each system has its recognizer; the one whose anchor (a symbol, a court or committee
//! name) comes first in the masthead describes the document. Recognized forms:
//!
//! **United Nations** ([`un`])
//! - the document's own symbol, on a masthead line of its own (read with
//!   `hrlex_cite`'s extractor and normalization): `un:<SYMBOL>` and `document.symbol`;
//!   what the symbol implies: `…/D/<n>/<yyyy>` views of that committee +
//!   `comm:<BODY>:<n>/<yyyy>`; `…/GC/<n>` general comment + `gc:<BODY>:<n>`; `…/CO/…`
//!   concluding observations; `A/HRC/WG.6/<s>/<ISO3>/<1|2|3>` UPR national report,
//!   compilation, stakeholders' summary of that State; the State of an ISO 3166 code in
//!   the symbol (`CEDAW/C/MEX/CO/7-8` → Mexico);
//! - bodies named in seven languages: the ten treaty bodies (`Human Rights Committee`,
//!   `Comité des droits de l'homme`, `Комитет против пыток`, `لجنة مناهضة التعذيب`,
//!   `禁止酷刑委员会`…), the Universal Periodic Review, special rapporteurs, the Human
//!   Rights Council, the General Assembly;
//! - type words (views, decision, inadmissibility, concluding observations, general
//!   comment, report) in seven languages; the masthead date after the symbol
//!   (`Distr.: General / 14 August 2019`); `State party:` / `État partie:` /
//!   `Estado parte:` / `Государство-участник:`; the title line (`Report of …`,
//!   `Constatations …`, `Доклад …`).
//!
//! **European Court and Commission of Human Rights** ([`european`])
//! - `Application no. 35918/21`, `Applications nos. 22257/04, 38559/04 and 44990/04`,
//!   `Requête n o 56886/10`, `Жалоба № …` → `ecthr:app:<n>/<yy>`; an ECLI; a HUDOC item
//!   id in the file name (`…_001-57473_ENG.txt`) → `hudoc:001-57473`;
//! - `CASE OF X v. Y`, `AFFAIRE X c. Y`, `ДЕЛО X ПРОТИВ Y`, `by X against Y`,
//!   `présentée par X contre Y` → case name and respondent State; `JUDGMENT` / `ARRÊT` /
//!   `ПОСТАНОВЛЕНИЕ`, `DECISION` / `DÉCISION` / `РЕШЕНИЕ`, `AS TO THE ADMISSIBILITY` /
//!   `SUR LA RECEVABILITE`, `STATEMENT OF FACTS` / `EXPOSÉ DES FAITS`; the date after
//!   `STRASBOURG`, after `Communicated on` / `communiquée le`, or the Commission's
//!   `chambre du conseil le …` / `in private on …`.
//!
//! **Inter-American Court and Commission** ([`inter_american`])
//! - `CORTE INTERAMERICANA DE DERECHOS HUMANOS`, `INTER-AMERICAN COURT OF HUMAN RIGHTS`,
//!   `CORTE INTERAMERICANA DE DIREITOS HUMANOS`, `COUR INTERAMÉRICAINE…`; the
//!   Commission's `REPORT Nº 81/01` / `INFORME N°` / `RELATÓRIO Nº` with `CASE 12.228`
//!   or `PETITION 419/01`;
//! - `SENTENCIA` / `JUDGMENT` / `SENTENÇA` / `ARRÊT`, `RESOLUCIÓN` / `ORDER` / `RULING`
//!   / `RESOLUÇÃO` (provisional measures, monitoring compliance), `VOTO` / `SEPARATE
//!   OPINION` / `VOTE`, `OPINIÓN CONSULTIVA` / `ADVISORY OPINION`; `Serie C No. 257` →
//!   `iacthr:C:257`; `Caso X vs. Y`, `Case of X v. Y`, `respecto de (la República de)
//!   Colombia`; `DE 12 DE DICIEMBRE DE 2023`, `OF JULY 8, 2009`.
//!
//! **African system, ECOWAS included** ([`african`])
//! - `AFRICAN COURT ON HUMAN AND PEOPLES' RIGHTS`, `COUR AFRICAINE DES DROITS DE
//!   L'HOMME ET DES PEUPLES`, `TRIBUNAL AFRICANO…`, `المحكمة الأفريقية…`; the African
//!   Commission in four languages; `ECOWAS COURT OF JUSTICE`, `COMMUNITY COURT OF
//!   JUSTICE`, `COUR DE JUSTICE DE LA CEDEAO`, `TRIBUNAL DE JUSTIÇA DA COMUNIDADE`;
//! - `APPLICATION No. 013/2021`, `PETIÇÃO N.° 013/2021`, `Requête n° 013/2021` →
//!   `afchpr:app:013/2021`; `ECW/CCJ/APP/…` and `ECW/CCJ/JUD/…` →
//!   `ecowas:ECW/CCJ/…`; `Communication 245/02` → `achpr:comm:245/02`;
//! - `X v. Y` on the masthead lines (`SYMON VUWA KAUNDA AND OTHERS / V. / REPUBLIC OF
//!   MALAWI`), `JUDGMENT` / `ARRÊT` / `ACÓRDÃO`, `RULING` / `ORDER` / `ORDONNANCE`,
//!   provisional measures, advisory opinions; `5 SEPTEMBER 2023`, `Le 28 mars 2022`,
//!   `5 DE SETEMBRO DE 2023`.
//!
//! Dates in the seven languages are read by [`dates`]; State names through the tables
//! ingest already has ([`states`]). Language versions recognized as one work (same UN
//! symbol; same court, number, type and date) get one `work_id`, derived from that
//! identifier whatever the file names.

pub mod african;
pub mod dates;
pub mod european;
pub mod inter_american;
mod iso3;
pub mod states;
pub mod un;

use hrlex_model::{CitationKey, DocType, Document, Mechanism};
use regex::Regex;

/// How many lines of the first pages are read.
pub const MASTHEAD_LINES: usize = 60;
/// How many of those lines are read for numbers and symbols (`hrlex_cite`).
const CITED_LINES: usize = 30;
/// How many characters of the first pages are read.
pub const MASTHEAD_CHARS: usize = 4000;

/// What the masthead says about a document. Empty fields say nothing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Recognized {
    pub mechanism: Option<Mechanism>,
    pub body: Option<String>,
    pub doc_type: Option<DocType>,
    /// The UN symbol, as printed.
    pub symbol: Option<String>,
    pub identifiers: Vec<CitationKey>,
    /// ISO `YYYY-MM-DD`.
    pub date: Option<String>,
    pub states: Vec<String>,
    pub title: Option<String>,
    pub case_name: Option<String>,
    /// The id every language version of this work shares (`un:A/HRC/WG.6/34/ITA/3`).
    pub work_id: Option<String>,
}

impl Recognized {
    fn add_identifier(&mut self, key: CitationKey) {
        if !self.identifiers.contains(&key) {
            self.identifiers.push(key);
        }
    }

    fn add_state(&mut self, state: String) {
        if !self.states.contains(&state) {
            self.states.push(state);
        }
    }
}

/// One system's reading of a masthead: `anchor` is the byte offset of what made it
/// recognize the document (a symbol, a court's name); the earliest anchor wins.
#[derive(Debug)]
pub(crate) struct Candidate {
    pub anchor: usize,
    pub recognized: Recognized,
}

/// The title block of a document: its first lines.
pub struct Masthead {
    pub text: String,
    /// The citations `hrlex_cite` finds in the masthead, in text order.
    pub mentions: Vec<hrlex_cite::Citation>,
}

impl Masthead {
    /// The first [`MASTHEAD_LINES`] non-blank lines (at most [`MASTHEAD_CHARS`]
    /// characters) of `first_pages`; a run of blank lines is kept as one, since it
    /// separates the blocks of a title page.
    pub fn new(first_pages: &str) -> Masthead {
        let mut text = String::new();
        let mut chars = 0;
        let mut lines = 0;
        let mut blank_before = false;
        for line in first_pages.lines() {
            if line.trim().is_empty() {
                blank_before = !text.is_empty();
                continue;
            }
            let room = MASTHEAD_CHARS.saturating_sub(chars);
            if lines == MASTHEAD_LINES || room == 0 {
                break;
            }
            if blank_before {
                text.push('\n');
                blank_before = false;
            }
            let kept: String = line.trim_end().chars().take(room).collect();
            chars += kept.chars().count() + 1;
            lines += 1;
            text.push_str(&kept);
            text.push('\n');
        }
        let mut masthead = Masthead {
            text,
            mentions: Vec::new(),
        };
        masthead.mentions = masthead.mentions_as(&hrlex_cite::CitingContext::default());
        masthead
    }

    /// The citations of the masthead's first [`CITED_LINES`] lines (own numbers are
    /// printed there; citing the rest would only cost), as a document of `context` reads
    /// them.
    pub fn mentions_as(&self, context: &hrlex_cite::CitingContext) -> Vec<hrlex_cite::Citation> {
        let cited = &self.text[..self.offset_of_line(CITED_LINES)];
        hrlex_cite::extract_mentions(cited, context)
    }

    /// The lines (blank lines included) with their byte offsets.
    pub fn lines(&self) -> impl Iterator<Item = (usize, &str)> {
        self.text.split('\n').scan(0, |offset, line| {
            let start = *offset;
            *offset += line.len() + 1;
            Some((start, line))
        })
    }

    /// The byte offset where non-blank line `index` (0-based) starts, or the text's end.
    pub fn offset_of_line(&self, index: usize) -> usize {
        self.lines()
            .filter(|(_, line)| !line.trim().is_empty())
            .nth(index)
            .map_or(self.text.len(), |(start, _)| start)
    }

    /// The masthead's lines joined by single spaces, for names broken over lines.
    pub fn flattened(&self, lines: usize) -> String {
        self.text
            .split('\n')
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .take(lines)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A case-insensitive pattern of phrases whose spaces match any run of white space
/// (names broken over lines) and whose apostrophes match `'` or `’`.
pub(crate) fn phrases(list: &[&str]) -> Regex {
    let alternatives: Vec<String> = list
        .iter()
        .map(|phrase| {
            regex::escape(phrase)
                .replace(' ', r"\s+")
                .replace('\'', "['’]")
        })
        .collect();
    Regex::new(&format!("(?i)(?:{})", alternatives.join("|"))).expect("valid regex")
}

/// `X v. Y` on masthead lines: a line that is only `v.` / `V.` / `c.` / `contre` /
/// `против` / `against` between the applicant's and the respondent's lines, or one line
/// with `X v. Y`. Returns the case name (`Symon Vuwa Kaunda and Others v. Malawi`) and
/// the respondent State.
pub(crate) fn case_name_in_lines(masthead: &Masthead) -> Option<(String, String)> {
    let lines: Vec<&str> = masthead.text.split('\n').map(str::trim).collect();
    const SEPARATORS: &[&str] = &[
        "v.",
        "v",
        "vs.",
        "vs",
        "c.",
        "contre",
        "contra",
        "против",
        "against",
        "ضد",
        "诉",
    ];
    for (index, line) in lines.iter().enumerate().take(40) {
        let lowered = line.to_lowercase();
        if index > 0 && SEPARATORS.contains(&lowered.as_str()) {
            let applicant = applicant_before(&lines[..index])?;
            let respondent = lines[index + 1..].iter().find(|line| !line.is_empty())?;
            if let Some((state, written)) = states::leading_state(respondent) {
                let case = format!("{} v. {}", title_case(&applicant), respondent_case(written));
                return Some((case, state));
            }
        }
        for separator in [
            " v. ",
            " V. ",
            " vs. ",
            " VS. ",
            " c. ",
            " C. ",
            " против ",
            " ПРОТИВ ",
        ] {
            if let Some(position) = line.find(separator) {
                let applicant = strip_case_opening(&line[..position]);
                if applicant.chars().filter(|c| c.is_alphabetic()).count() < 2 {
                    continue;
                }
                let after = &line[position + separator.len()..];
                if let Some((state, written)) = states::leading_state(after) {
                    let case = format!("{} v. {}", title_case(applicant), respondent_case(written));
                    return Some((case, state));
                }
            }
        }
    }
    None
}

fn applicant_before(lines: &[&str]) -> Option<String> {
    let line = lines.iter().rev().find(|line| !line.is_empty())?;
    let applicant = strip_case_opening(line);
    (applicant.chars().filter(|c| c.is_alphabetic()).count() >= 2).then(|| applicant.to_string())
}

/// The applicant without the words that open a case heading (`CASE OF`, `AFFAIRE`,
/// `IN THE MATTER OF`, `ДЕЛО`).
fn strip_case_opening(text: &str) -> &str {
    let trimmed = text.trim();
    for opening in [
        "IN THE MATTER OF ",
        "In the matter of ",
        "THE MATTER OF ",
        "MATTER OF ",
        "CASE OF ",
        "Case of ",
        "AFFAIRE ",
        "Affaire ",
        "ДЕЛО ",
        "Дело ",
        "CASO ",
        "Caso ",
    ] {
        if let Some(rest) = trimmed.strip_prefix(opening) {
            return rest.trim();
        }
    }
    trimmed
}

/// A respondent as a case name writes it (`THE UNITED KINGDOM` → `the United Kingdom`).
pub(crate) fn respondent_case(written: &str) -> String {
    let cased = title_case(written.trim());
    match cased.strip_prefix("The ") {
        Some(rest) => format!("the {rest}"),
        None => cased,
    }
}

/// Names as a citation writes them: a word printed in capitals is capitalized
/// (`DUDGEON` → `Dudgeon`, `(“FECUNDACIÓN` → `(“Fecundación`), the small words of the
/// seven languages lowercased after the first; initials (`M.S.S.`) and words already in
/// mixed case are kept.
pub(crate) fn title_case(text: &str) -> String {
    const SMALL: &[&str] = &[
        "and",
        "of",
        "the",
        "y",
        "e",
        "et",
        "al.",
        "de",
        "del",
        "da",
        "do",
        "dos",
        "la",
        "le",
        "les",
        "los",
        "las",
        "des",
        "du",
        "v.",
        "vs.",
        "c.",
        "и",
        "против",
        "otros",
        "otras",
        "outros",
        "autres",
    ];
    let mut words = Vec::new();
    for (index, word) in text.split_whitespace().enumerate() {
        let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
        let all_capitals = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
        let initials = word.contains('.') && letters.len() <= 4 && index == 0;
        let lowered = word.to_lowercase();
        let capitals = !letters.is_empty() && letters.iter().all(|c| c.is_uppercase());
        if index > 0 && capitals && SMALL.contains(&lowered.as_str()) {
            words.push(lowered);
            continue;
        }
        if !all_capitals || initials {
            words.push(word.to_string());
            continue;
        }
        let mut result = String::with_capacity(lowered.len());
        let mut capitalize = true;
        for c in lowered.chars() {
            if capitalize && c.is_alphabetic() {
                result.extend(c.to_uppercase());
                capitalize = false;
            } else {
                result.push(c);
            }
            if matches!(c, '-' | '(' | '"' | '“' | '«' | '\'' | '’') {
                capitalize = true;
            }
        }
        words.push(result);
    }
    words.join(" ")
}

/// Reads the masthead of `first_pages` (and the file name, for a HUDOC item id).
pub fn recognize(first_pages: &str, file_name: &str) -> Recognized {
    let masthead = Masthead::new(first_pages);
    let candidates = [
        un::recognize(&masthead),
        european::recognize(&masthead),
        inter_american::recognize(&masthead),
        african::recognize(&masthead),
    ];
    let mut recognized = candidates
        .into_iter()
        .flatten()
        .min_by_key(|candidate| candidate.anchor)
        .map(|candidate| candidate.recognized)
        .unwrap_or_default();
    european::from_file_name(file_name, &mut recognized);
    recognized
}

/// Lines that open a masthead, lowercased: the organisation, the organ, the distribution
/// line, the courts (also the names [`crate::masthead_lines`] keeps out of the body).
pub(crate) const MASTHEAD_PREFIXES: &[&str] = &[
    "united nations",
    "nations unies",
    "naciones unidas",
    "организация объединенных наций",
    "الأمم المتحدة",
    "联合国",
    "general assembly",
    "assemblée générale",
    "asamblea general",
    "генеральная ассамблея",
    "الجمعية العامة",
    "大会",
    "economic and social council",
    "conseil économique et social",
    "consejo económico y social",
    "security council",
    "international covenant",
    "pacte international",
    "pacto internacional",
    "convention against torture",
    "african union",
    "union africaine",
    "união africana",
    "distr",
    "court (plenary)",
    "cour (plénière)",
    "grand chamber",
    "grande chambre",
    "corte interamericana",
    "inter-american court",
    "cour interaméricaine",
    "african court",
    "cour africaine",
    "tribunal africano",
    "european court of human rights",
    "cour européenne des droits",
    "ecowas",
    "community court of justice",
    "cour de justice de la c",
    "tribunal de justiça da c",
];

/// Masthead lines that are no title: the organisation, the organ, the distribution line.
pub fn is_masthead_line(title: &str) -> bool {
    let lowered = title.trim().to_lowercase();
    if lowered.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return true;
    }
    // Chinese writes no space between words: `联合国` opens `联合国宪章` (the Charter's
    // title), so a Chinese name is a masthead line only as the whole line.
    let is_chinese = |prefix: &str| {
        prefix
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    };
    if MASTHEAD_PREFIXES.iter().any(|prefix| {
        if is_chinese(prefix) {
            lowered == *prefix
        } else {
            lowered.starts_with(prefix)
        }
    }) {
        return true;
    }
    let words: Vec<&str> = lowered.split_whitespace().collect();
    words.len() <= 2
        && words
            .last()
            .is_some_and(|last| *last == "section" || *last == "chamber")
}

/// Fills the fields of `document` that are still empty with what was recognized; never
/// overrides a value an importer or a sidecar set. The title is replaced by a recognized
/// one: before recognition it is only the extractor's guess (a PDF's declared title is
/// as often "Microsoft Word - x.doc" or "RESOLUCIÓN DE LA" as a title, and the first
/// paragraph is often a masthead line).
pub fn fill_empty(document: &mut Document, recognized: Recognized) {
    if document.mechanism == Mechanism::Other {
        if let Some(mechanism) = recognized.mechanism {
            document.mechanism = mechanism;
        }
    }
    if document.body.is_none() {
        document.body = recognized.body;
    }
    if document.doc_type == DocType::Other {
        if let Some(doc_type) = recognized.doc_type {
            document.doc_type = doc_type;
        }
    }
    if document.symbol.is_none() {
        document.symbol = recognized.symbol;
    }
    for key in recognized.identifiers {
        document.add_identifier(key);
    }
    if document.date.is_none() {
        document.date = recognized.date;
    }
    if document.states.is_empty() {
        document.states = recognized.states;
    }
    if document.case_name.is_none() {
        document.case_name = recognized.case_name;
    }
    match recognized.title {
        Some(title) => document.title = title,
        // No title block read: a masthead line is still no title; the case name or the
        // symbol says more.
        None if document.title.trim().is_empty() || is_masthead_line(&document.title) => {
            if let Some(name) = document.case_name.as_ref().or(document.symbol.as_ref()) {
                document.title = name.clone();
            }
        }
        None => {}
    }
    if document.work_id == document.id {
        if let Some(work_id) = recognized.work_id {
            document.work_id = work_id;
        }
    }
}

/// The work id of a court decision known by a number: the number's key with the type
/// and date, since one application has several decisions (`ecthr:app:7525/76` →
/// `ecthr:app:7525/76:judgment:1981-10-22`). `None` without a date.
pub(crate) fn numbered_work_id(
    key: &CitationKey,
    doc_type: Option<DocType>,
    date: Option<&str>,
) -> Option<String> {
    let date = date?;
    let doc_type = doc_type.unwrap_or(DocType::Other);
    if doc_type == DocType::SeparateOpinion {
        return None;
    }
    Some(format!("{}:{}:{date}", key.as_str(), doc_type.code()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn masthead_lines_are_not_titles() {
        for line in [
            "United Nations",
            "General Assembly",
            "AFRICAN UNION",
            "Distr.: General",
            "COURT (PLENARY)",
            "DEUXIÈME SECTION",
            "CORTE INTERAMERICANA DE DERECHOS HUMANOS",
        ] {
            assert!(is_masthead_line(line), "{line}");
        }
        assert!(!is_masthead_line(
            "Report of the Working Group on the Universal Periodic Review: Algeria"
        ));
        assert!(is_masthead_line("联合国"));
        assert!(!is_masthead_line("联合国宪章"));
    }

    #[test]
    fn the_masthead_is_bounded() {
        let long = "word ".repeat(5000);
        let masthead = Masthead::new(&long);
        assert!(masthead.text.chars().count() <= MASTHEAD_CHARS + 1);
        let many = "line\n".repeat(500);
        assert_eq!(Masthead::new(&many).text.lines().count(), MASTHEAD_LINES);
        let blocks = Masthead::new("a\n\n\n\nb\n");
        assert_eq!(blocks.text, "a\n\nb\n");
        assert_eq!(blocks.offset_of_line(1), 3);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn never_panics_on_arbitrary_text(text in "\\PC{0,600}", name in "\\PC{0,40}") {
            let _ = recognize(&text, &name);
        }

        #[test]
        fn never_panics_on_masthead_shaped_text(
            lines in proptest::collection::vec(
                prop_oneof![
                    Just("United Nations".to_string()),
                    Just("CCPR/C/130/D/2970/2017".to_string()),
                    Just("A/HRC/WG.6/34/ITA/3".to_string()),
                    Just("v.".to_string()),
                    Just("CASO".to_string()),
                    Just("APPLICATION No. 013/2021".to_string()),
                    Just("Distr.: General".to_string()),
                    Just("٢٠١٥ آذار/مارس".to_string()),
                    "\\PC{0,30}",
                ],
                0..20,
            )
        ) {
            let text = lines.join("\n");
            let recognized = recognize(&text, "doc1.pdf");
            if let Some(date) = recognized.date {
                prop_assert_eq!(date.len(), 10);
            }
        }
    }
}
