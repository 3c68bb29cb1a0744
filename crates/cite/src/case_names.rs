//! Case names cited without a number (SPEC §0 rule 5): `ECHR, Sabri Günes v. Turkey,
//! Grand Chamber, judgment of 29 June 2012` → `ecthr:app:27396/06`, through a
//! [`Gazetteer`]. The text is scanned at each `v.`/`vs.`/`c.`/`против`; the longest
//! respondent the gazetteer knows is taken after it, then the longest applicant before
//! it that makes a known case name.

use crate::gazetteer::{join_key, numbered_suffix, Gazetteer, GazetteerEntry};
use crate::{extract, Citation, CitingContext};
use hrlex_model::CitationKey;
use std::collections::BTreeMap;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Words that separate applicant and respondent, strongest first.
const STRONG_SEPARATORS: [&str; 4] = ["v", "vs", "versus", "против"];
const WEAK_SEPARATORS: [&str; 1] = ["c"];

/// A case named in a text and resolved through the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseNameMention {
    /// Byte range of the name in the text (from the applicant to the respondent or the
    /// `(no. N)` that follows it).
    pub span: (usize, usize),
    pub surface: String,
    pub key: CitationKey,
    /// The official name of the gazetteer entry it resolved to.
    pub name: String,
    /// Pinpoints written after the name (`…, judgment of 18 December 1986, para. 46`).
    pub pin: Vec<String>,
}

/// The word that separates applicant from respondent in a folded name.
pub(crate) fn separator_position(words: &[String]) -> Option<usize> {
    words
        .iter()
        .rposition(|word| STRONG_SEPARATORS.contains(&word.as_str()))
        .or_else(|| {
            words
                .iter()
                .rposition(|word| WEAK_SEPARATORS.contains(&word.as_str()))
        })
}

fn is_separator(folded: &str) -> bool {
    STRONG_SEPARATORS.contains(&folded) || WEAK_SEPARATORS.contains(&folded)
}

/// Lowercase, without diacritics (`Güneş` → `gunes`, `İsmail` → `ismail`).
pub(crate) fn fold_word(word: &str) -> String {
    let mut folded = String::with_capacity(word.len());
    for character in word.nfkd() {
        if is_combining_mark(character) {
            continue;
        }
        match character {
            'ı' => folded.push('i'),
            'ø' | 'Ø' => folded.push('o'),
            'æ' | 'Æ' => folded.push_str("ae"),
            'œ' | 'Œ' => folded.push_str("oe"),
            'ß' => folded.push_str("ss"),
            'đ' | 'Đ' => folded.push('d'),
            'ł' | 'Ł' => folded.push('l'),
            'þ' | 'Þ' => folded.push_str("th"),
            other => folded.extend(other.to_lowercase()),
        }
    }
    folded
}

/// The folded words of a name (letters and digits; everything else separates).
pub(crate) fn fold_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(fold_word)
        .collect()
}

fn is_initial(word: &str) -> bool {
    let mut characters = word.chars();
    matches!((characters.next(), characters.next()), (Some(c), None) if c.is_alphabetic())
}

/// The words of a name as written (split where [`fold_words`] splits), so that the
/// case of a word is still known: a lowercase `y`, `e`, `и` is a conjunction, an
/// uppercase one an initial.
pub(crate) fn raw_words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect()
}

/// Words that open a case name without belonging to the applicant.
const CASE_PREFIXES: [&str; 6] = ["case", "caso", "casos", "affaire", "asunto", "cas"];

/// `and Others` in the languages of case names (`et al.`, `and Ors`, `y otros`, `e
/// outras`, `et autres`, `и другие`).
fn is_others_word(folded: &str) -> bool {
    matches!(
        folded,
        "others" | "ors" | "al" | "otros" | "otras" | "outros" | "outras" | "autres" | "другие"
    )
}

/// A conjunction inside an applicant: `and`, `et`, `&`, `und`, and lowercase `y`, `e`,
/// `и` (uppercase, they are initials).
fn is_applicant_conjunction(raw: &str, folded: &str) -> bool {
    matches!(folded, "and" | "et" | "und") || matches!(raw, "y" | "e" | "и")
}

/// Normalized applicant from the words as written: a leading `Case of`/`Caso`/`Affaire`
/// dropped, `the` dropped, conjunctions read as `and`, `et al.`/`y otros`/`et autres`…
/// as `and others`, consecutive initials joined (`M.S.S.` = `MSS` → `mss`).
pub(crate) fn applicant_key<S: AsRef<str>>(raw: &[S]) -> String {
    let mut raw: Vec<&str> = raw.iter().map(AsRef::as_ref).collect();
    let mut folded: Vec<String> = raw.iter().map(|word| fold_word(word)).collect();
    if folded.len() > 1 && CASE_PREFIXES.contains(&folded[0].as_str()) {
        let drop = if folded.get(1).is_some_and(|word| word == "of") && folded.len() > 2 {
            2
        } else {
            1
        };
        raw.drain(..drop);
        folded.drain(..drop);
    }
    // In a name written in capitals (`ARTAVIA MURILLO Y OTROS`), a one-letter `Y`, `E`
    // or `И` between two words is a conjunction, not an initial.
    let all_capitals = raw.iter().any(|word| word.chars().count() > 1)
        && raw.iter().all(|word| !word.chars().any(char::is_lowercase));
    let long_word = |position: usize| {
        raw.get(position).is_some_and(|word| {
            word.chars().count() > 1 && !matches!(fold_word(word).as_str(), "and" | "et")
        })
    };
    let mut parts: Vec<String> = Vec::with_capacity(raw.len());
    let mut last_was_initial = false;
    let mut position = 0;
    while position < raw.len() {
        let word = folded[position].as_str();
        let capital_conjunction = all_capitals
            && matches!(raw[position], "Y" | "E" | "И")
            && position > 0
            && long_word(position - 1)
            && long_word(position + 1);
        let conjunction = capital_conjunction || is_applicant_conjunction(raw[position], word);
        position += 1;
        if word == "the" {
            continue;
        }
        if conjunction
            && folded
                .get(position)
                .is_some_and(|next| is_others_word(next))
        {
            parts.push("and".to_string());
            parts.push("others".to_string());
            position += 1;
            last_was_initial = false;
            continue;
        }
        if conjunction {
            parts.push("and".to_string());
            last_was_initial = false;
            continue;
        }
        if is_initial(word) {
            match parts.last_mut() {
                Some(last) if last_was_initial => last.push_str(word),
                _ => parts.push(word.to_string()),
            }
            last_was_initial = true;
            continue;
        }
        parts.push(word.to_string());
        last_was_initial = false;
    }
    parts.join(" ")
}

/// Normalized respondent: a known State (or several) by its canonical name
/// (`Royaume-Uni`, `the United Kingdom` → `united kingdom`), else the words without
/// `the`.
pub(crate) fn respondent_key<S: AsRef<str>>(words: &[S]) -> String {
    if let Some(canonical) = crate::states::canonical_respondent_of_words(words) {
        return canonical;
    }
    words
        .iter()
        .map(AsRef::as_ref)
        .filter(|word| *word != "the")
        .collect::<Vec<_>>()
        .join(" ")
}

struct Word {
    start: usize,
    end: usize,
}

fn words_of(text: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    for (position, character) in text.char_indices() {
        match (character.is_alphanumeric(), start) {
            (true, None) => start = Some(position),
            (false, Some(word_start)) => {
                words.push(Word {
                    start: word_start,
                    end: position,
                });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(word_start) = start {
        words.push(Word {
            start: word_start,
            end: text.len(),
        });
    }
    words
}

/// What may stand between two words of one case name.
fn is_name_gap(gap: &str) -> bool {
    gap.chars()
        .all(|c| c.is_whitespace() || matches!(c, '.' | ',' | '\'' | '’' | '-' | '‐' | '\u{ad}'))
}

/// Every case of the gazetteer named in `text`, resolved. A name that designates
/// several cases (`Hirst v. the United Kingdom`) is kept only when a year written
/// just after it picks one.
pub fn find_case_names(text: &str, gazetteer: &Gazetteer) -> Vec<CaseNameMention> {
    let words = words_of(text);
    let separators: Vec<usize> = (1..words.len())
        .filter(|&position| {
            let word = &words[position];
            let raw = &text[word.start..word.end];
            raw.chars().count() <= 7
                && text[word.end..].starts_with(['.', ' ', '\u{a0}'])
                && is_separator(&fold_word(raw))
        })
        .collect();
    if separators.is_empty() {
        return Vec::new();
    }
    let folded: Vec<String> = words
        .iter()
        .map(|word| fold_word(&text[word.start..word.end]))
        .collect();
    // gap_ok[k]: the text between word k and word k + 1 may sit inside a name.
    let gap_ok: Vec<bool> = words
        .windows(2)
        .map(|pair| is_name_gap(&text[pair[0].end..pair[1].start]))
        .collect();
    let mut mentions = Vec::new();
    let mut next_free_word = 0;
    for separator in separators {
        if separator < next_free_word {
            continue;
        }
        let Some((last, respondent)) = (1..=gazetteer.max_respondent_words)
            .rev()
            .filter(|length| separator + length < words.len())
            .filter(|length| gap_ok[separator..separator + length].iter().all(|ok| *ok))
            .map(|length| {
                let last = separator + length;
                (last, respondent_key(&folded[separator + 1..=last]))
            })
            .find(|(_, key)| !key.is_empty() && gazetteer.is_respondent(key))
        else {
            continue;
        };
        let mut end = words[last].end;
        let suffix = numbered_suffix_after(&text[end..]);
        // The applicant may start no earlier than the previous mention's end, nor across
        // a gap that cannot sit inside a name.
        let mut earliest = separator;
        while earliest > next_free_word
            && separator - earliest < gazetteer.max_applicant_words
            && gap_ok[earliest - 1]
        {
            earliest -= 1;
        }
        let mut found: Option<(usize, Vec<&GazetteerEntry>)> = None;
        'applicants: for start in earliest..separator {
            let raw: Vec<&str> = words[start..separator]
                .iter()
                .map(|word| &text[word.start..word.end])
                .collect();
            let applicant = applicant_key(&raw);
            if applicant.is_empty() {
                continue;
            }
            let suffixes = match suffix {
                Some((number, _)) => vec![Some(number), None],
                None => vec![None],
            };
            for number in suffixes {
                let entries = gazetteer.entries_of_key(&join_key(&applicant, &respondent, number));
                if !entries.is_empty() {
                    if number.is_some() {
                        end += suffix.map_or(0, |(_, length)| length);
                    }
                    found = Some((start, entries));
                    break 'applicants;
                }
            }
        }
        let Some((start, entries)) = found else {
            continue;
        };
        let Some(entry) = choose_entry(&entries, year_after(&text[end..])) else {
            continue;
        };
        let span = (words[start].start, end);
        mentions.push(CaseNameMention {
            span,
            surface: text[span.0..span.1].to_string(),
            key: entry.key.clone(),
            name: entry.name.clone(),
            pin: pins_after(&text[end..]),
        });
        next_free_word = last + 1;
    }
    mentions
}

/// The one case among `entries` (all of one name): the only key, or the only key with
/// an entry of `year`.
fn choose_entry<'a>(
    entries: &[&'a GazetteerEntry],
    year: Option<u16>,
) -> Option<&'a GazetteerEntry> {
    let first = *entries.first()?;
    if entries.iter().all(|entry| entry.key == first.key) {
        return Some(first);
    }
    let year = year?;
    let of_year: Vec<&&GazetteerEntry> = entries
        .iter()
        .filter(|entry| entry.year == Some(year))
        .collect();
    let chosen = **of_year.first()?;
    of_year
        .iter()
        .all(|entry| entry.key == chosen.key)
        .then_some(chosen)
}

/// ` (no. 2)` right after the respondent: the number and the bytes it takes.
fn numbered_suffix_after(rest: &str) -> Option<(u32, usize)> {
    let trimmed = rest.trim_start();
    let inside_start = trimmed.strip_prefix('(')?;
    let close = inside_start.find(')')?;
    if close > 12 {
        return None;
    }
    let number = numbered_suffix(&inside_start[..close])?;
    let length = rest.len() - trimmed.len() + 1 + close + 1;
    Some((number, length))
}

/// The first plausible year within the citation that follows a name.
fn year_after(rest: &str) -> Option<u16> {
    let mut window_end = rest.len().min(120);
    while !rest.is_char_boundary(window_end) {
        window_end -= 1;
    }
    let window = &rest[..window_end];
    let window = window.split(';').next().unwrap_or(window);
    window
        .split(|c: char| !c.is_ascii_digit())
        .filter(|digits| digits.len() == 4)
        .filter_map(|digits| digits.parse::<u16>().ok())
        .find(|year| (1950..=2100).contains(year))
}

/// `[GC], judgment of 18 December 1986, para. 46` → `para:46`.
fn pins_after(rest: &str) -> Vec<String> {
    let preamble = crate::extract::regex!(
        r"^(?:\s?\[GC\])?(?:,?\s?\((?:dec\.|extracts)\))?(?:,\s?(?:Grand Chamber|GC))?(?:,\s?(?:[Jj]udgment|Views|[Dd]ecision|[Ss]entencia|[Aa]rrêt)(?:\s+adopted)?(?:\s+(?:on|of|de|du))?\s+(?:\d{1,2}\s+(?:de\s+)?\p{L}+\s+(?:de\s+)?\d{4}|\p{L}+\s+\d{1,2},\s+\d{4}))?"
    );
    let skipped = preamble.find(rest).map_or(0, |found| found.end());
    crate::pins::parse_pins(&rest[skipped..]).1
}

/// [`extract`] plus the cases `gazetteer` finds named without a number. A name is not
/// emitted when the passage already cites its key, or when it overlaps a citation or is
/// followed by one (`Case of Glass v. United Kingdom (No. 61827/00)`: the number wins).
/// Name mentions carry `attrs.name` (the official name) and `attrs.via = "gazetteer"`;
/// their surface is the name as written.
pub fn extract_with_gazetteer(
    text: &str,
    context: &CitingContext,
    gazetteer: &Gazetteer,
) -> Vec<Citation> {
    let mut citations = extract(text, context);
    let mentions = find_case_names(text, gazetteer);
    if mentions.is_empty() {
        return citations;
    }
    for mention in mentions {
        if citations.iter().any(|citation| citation.key == mention.key) {
            continue;
        }
        if numbered_nearby(text, mention.span, &citations) {
            continue;
        }
        let mut attrs = BTreeMap::new();
        attrs.insert("via".to_string(), "gazetteer".to_string());
        attrs.insert("name".to_string(), mention.name);
        citations.push(Citation {
            kind: mention.key.kind(),
            key: mention.key,
            span: mention.span,
            surface: mention.surface,
            pin: mention.pin,
            attrs,
        });
    }
    citations.sort_by_key(|citation| citation.span);
    citations
}

/// Prefix of the key a case cited by name only gets: `name:<applicant> v <respondent>`.
pub const NAME_KEY_PREFIX: &str = "name:";

/// Separators of a name mention, as written: `v.`, `vs.`, `Vs.`, `versus`, `c.` and
/// `против`. An uppercase `V`/`C` alone is a Roman numeral or a list letter.
const MENTION_SEPARATORS: [&str; 7] = ["v", "vs", "Vs", "VS", "versus", "c", "против"];

/// Capitalized words that open a sentence or a reference rather than a name (`In Kell
/// v. Canada` → `Kell`), folded.
const NOT_APPLICANT_WORDS: &[&str] = &[
    "a",
    "accordingly",
    "after",
    "also",
    "although",
    "and",
    "annex",
    "annexe",
    "anexo",
    "appendix",
    "article",
    "articulo",
    "arret",
    "as",
    "asunto",
    "at",
    "before",
    "both",
    "but",
    "by",
    "capitulo",
    "cas",
    "case",
    "cases",
    "caso",
    "casos",
    "affaire",
    "affaires",
    "cdh",
    "cedh",
    "cf",
    "cfr",
    "chapter",
    "cidh",
    "com",
    "comite",
    "commission",
    "committee",
    "communication",
    "compare",
    "corte",
    "court",
    "dans",
    "de",
    "decision",
    "del",
    "des",
    "dr",
    "du",
    "echr",
    "ecthr",
    "el",
    "em",
    "en",
    "et",
    "figure",
    "finally",
    "following",
    "for",
    "from",
    "further",
    "furthermore",
    "he",
    "hence",
    "her",
    "here",
    "his",
    "however",
    "hrc",
    "iacthr",
    "ibid",
    "id",
    "idh",
    "if",
    "in",
    "it",
    "its",
    "judgment",
    "la",
    "las",
    "le",
    "les",
    "like",
    "likewise",
    "los",
    "mme",
    "moreover",
    "mr",
    "mrs",
    "ms",
    "na",
    "no",
    "nos",
    "notably",
    "of",
    "on",
    "or",
    "our",
    "para",
    "paragraph",
    "part",
    "per",
    "principle",
    "recommendation",
    "rule",
    "section",
    "see",
    "she",
    "similarly",
    "since",
    "so",
    "sr",
    "sra",
    "supra",
    "table",
    "tedh",
    "that",
    "the",
    "their",
    "there",
    "therefore",
    "these",
    "they",
    "this",
    "those",
    "thus",
    "title",
    "to",
    "under",
    "une",
    "un",
    "una",
    "unlike",
    "ver",
    "vease",
    "views",
    "voir",
    "volume",
    "we",
    "when",
    "where",
    "whereas",
    "while",
    "with",
    "в",
    "дело",
    "делу",
    "по",
    "см",
    "решение",
    "постановление",
];

/// Lowercase words that may sit inside an applicant's name (`Artavia Murillo y otros`,
/// `Gómez de Voituret`, `van der Meer`, `et al.`).
fn is_name_particle(raw: &str, folded: &str) -> bool {
    is_applicant_conjunction(raw, folded)
        || is_others_word(folded)
        || matches!(
            folded,
            "de" | "del"
                | "da"
                | "das"
                | "do"
                | "dos"
                | "di"
                | "du"
                | "van"
                | "von"
                | "der"
                | "den"
                | "la"
                | "le"
                | "el"
                | "bin"
                | "ben"
                | "ibn"
                | "al"
                | "ter"
        )
}

/// What may stand between two words of an applicant (no comma: `Kenya, Kell v. Canada`
/// is a list, not a name).
fn is_applicant_gap(gap: &str) -> bool {
    gap.chars()
        .all(|c| c.is_whitespace() || matches!(c, '.' | '\'' | '’' | '-' | '‐' | '\u{ad}'))
}

/// A comma between two initials (`A, B and C v. Ireland`) sits inside a name.
fn is_gap_between_initials(gap: &str, before: &str, after: &str) -> bool {
    is_initial(before)
        && is_initial(after)
        && gap
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '.' | ','))
}

/// A case named by its applicant and respondent State, without a number: `K.N.L.H. v.
/// Peru`, `Caso González y otras (“Campo Algodonero”) Vs. México`, `Эванс против
/// Соединенного Королевства`. Its key is `name:<applicant> v <canonical respondent>`
/// ([`case_name_key`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedCase {
    /// Byte range from the applicant to the respondent (or the `(no. N)` after it).
    pub span: (usize, usize),
    pub surface: String,
    pub key: CitationKey,
    /// Pinpoints written after the name (`…, Views adopted on 27 April 1994, paragraph
    /// 9.3` → `para:9.3`).
    pub pin: Vec<String>,
}

/// The `name:` key of a case name, as a document's title or case name gives it
/// (`Mutombo v. Switzerland`, `Artavia Murillo y otros (“Fecundación In Vitro”) Vs.
/// Costa Rica`, `Airey c. Irlande (Article 50)`): `name:` + the normalized applicant +
/// ` v ` + the canonical respondent (`name:airey v ireland`), and ` no N` for a `(no.
/// N)` suffix. `None` unless the respondent is a known State (or several): a domestic
/// case (`S v Vincenzo Pietropaolo`) has no such key.
///
/// ```
/// use hrlex_cite::case_name_key;
///
/// let key = case_name_key("K.N.L.H. v. Peru").unwrap();
/// assert_eq!(key.as_str(), "name:knlh v peru");
/// assert_eq!(case_name_key("K.N.L.H. c. Pérou"), Some(key.clone()));
/// assert_eq!(case_name_key("K.N.L.H. против Перу"), Some(key));
/// assert_eq!(case_name_key("S v Vincenzo Pietropaolo"), None);
/// ```
pub fn case_name_key(name: &str) -> Option<CitationKey> {
    let (name, suffix) = crate::gazetteer::strip_markers(name);
    let words = fold_words(&name);
    let separator = separator_position(&words)?;
    let respondent = crate::states::canonical_respondent_of_words(&words[separator + 1..])?;
    let raw = raw_words(&name);
    let mut first = 0;
    while first < separator && NOT_APPLICANT_WORDS.contains(&words[first].as_str()) {
        first += 1;
    }
    let applicant = applicant_key(&raw[first..separator]);
    if applicant.is_empty() {
        return None;
    }
    Some(name_key(&applicant, &respondent, suffix))
}

fn name_key(applicant: &str, respondent: &str, suffix: Option<u32>) -> CitationKey {
    CitationKey::new(format!(
        "{NAME_KEY_PREFIX}{}",
        join_key(applicant, respondent, suffix)
    ))
}

/// Every case named in `text` by an applicant and a known respondent State, resolved or
/// not. Only a State after the separator makes a mention (`article 2 v. 3`, `Rule 39`,
/// `Soobramoney v. Minister of Health` give nothing); the applicant is the run of
/// capitalized words, initials and name particles just before it, without the words that
/// open a sentence or a reference (`In`, `See`, `Caso`, `TEDH`…).
pub fn find_named_cases(text: &str) -> Vec<NamedCase> {
    let words = words_of(text);
    // Most paragraphs name no case: no separator, no folding.
    if !words
        .iter()
        .skip(1)
        .any(|word| MENTION_SEPARATORS.contains(&&text[word.start..word.end]))
    {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut next_free_word = 0;
    let max_respondent_words = 2 * crate::states::max_state_words() + 1;
    let folded: Vec<String> = words
        .iter()
        .map(|word| fold_word(&text[word.start..word.end]))
        .collect();
    let raw = |index: usize| &text[words[index].start..words[index].end];
    let gap = |index: usize| &text[words[index].end..words[index + 1].start];
    for separator in 1..words.len() {
        if separator < next_free_word || !MENTION_SEPARATORS.contains(&raw(separator)) {
            continue;
        }
        let after = &text[words[separator].end..];
        let dotted = after.starts_with('.');
        if (raw(separator) == "c" && !dotted) || !after.starts_with(['.', ' ', '\u{a0}']) {
            continue;
        }
        // The respondent: the most words that name known States.
        let Some((last, respondent)) = (1..=max_respondent_words)
            .rev()
            .filter(|length| separator + length < words.len())
            .filter(|length| (separator..separator + length).all(|k| is_name_gap(gap(k))))
            .find_map(|length| {
                crate::states::canonical_respondent_of_words(
                    &folded[separator + 1..=separator + length],
                )
                .map(|respondent| (separator + length, respondent))
            })
        else {
            continue;
        };
        // The applicant ends before the separator, or before a parenthesized nickname
        // (`González y otras (“Campo Algodonero”) Vs. México`).
        let before = text[..words[separator].start].trim_end();
        let applicant_last = if before.ends_with(')') {
            let Some(open) = before.rfind('(') else {
                continue;
            };
            match (0..separator).rev().find(|&k| words[k].end <= open) {
                Some(k)
                    if text[words[k].end..open]
                        .chars()
                        .all(|c| c.is_whitespace() || c == '.') =>
                {
                    k
                }
                _ => continue,
            }
        } else if is_applicant_gap(gap(separator - 1)) {
            separator - 1
        } else {
            continue;
        };
        let mut first = applicant_last + 1;
        let mut position = applicant_last;
        loop {
            if position < next_free_word || applicant_last - position >= 8 {
                break;
            }
            if position < applicant_last
                && !is_applicant_gap(gap(position))
                && !is_gap_between_initials(gap(position), raw(position), raw(position + 1))
            {
                break;
            }
            let word = raw(position);
            let folded_word = folded[position].as_str();
            let capitalized = word.chars().next().is_some_and(char::is_uppercase);
            if capitalized && !is_initial(word) && NOT_APPLICANT_WORDS.contains(&folded_word) {
                break;
            }
            if !capitalized && !is_name_particle(word, folded_word) {
                break;
            }
            first = position;
            if position == 0 {
                break;
            }
            position -= 1;
        }
        while first <= applicant_last && !raw(first).chars().next().is_some_and(char::is_uppercase)
        {
            first += 1;
        }
        if first > applicant_last {
            continue;
        }
        let applicant_words: Vec<&str> = (first..=applicant_last).map(raw).collect();
        let applicant = applicant_key(&applicant_words);
        if applicant.is_empty() {
            continue;
        }
        let mut end = words[last].end;
        let suffix = numbered_suffix_after(&text[end..]);
        if let Some((_, length)) = suffix {
            end += length;
        }
        let span = (words[first].start, end);
        found.push(NamedCase {
            span,
            surface: text[span.0..span.1].to_string(),
            key: name_key(&applicant, &respondent, suffix.map(|(number, _)| number)),
            pin: pins_after(&text[end..]),
        });
        next_free_word = last + 1;
    }
    found
}

/// Words allowed between a case name and the number that identifies it
/// (`Büyükdağ v. Turkey (dec.), no. 28340/95`, `Caso K.L. vs. Perú, CDH, Com. Nº
/// 1153/2003`): with them, the number is the citation and the name is not.
const NUMBER_LABEL_WORDS: &[&str] = &[
    "dec",
    "gc",
    "extracts",
    "no",
    "nos",
    "n",
    "communication",
    "comm",
    "com",
    "application",
    "app",
    "appl",
    "requete",
    "comunicacion",
    "comunicacao",
    "demanda",
    "solicitud",
    "petition",
    "peticion",
    "report",
    "informe",
    "series",
    "serie",
    "c",
    "cdh",
    "hrc",
    "ccpr",
    "cat",
    "cedaw",
    "crc",
    "crpd",
    "cerd",
    "cescr",
    "сообщение",
    "жалоба",
];

/// True when `between` (the text from a name to the next citation) holds only
/// punctuation and number labels, at most 40 bytes.
fn only_number_labels(between: &str) -> bool {
    between.len() <= 40
        && fold_words(between)
            .iter()
            .all(|word| NUMBER_LABEL_WORDS.contains(&word.as_str()))
}

/// A name mention is not emitted when it overlaps a citation, or is next to the number
/// that identifies it (after: `Mutombo v. Switzerland, communication No. 13/1993`;
/// just before: `communication No. 13/1993 (Mutombo v. Switzerland)`).
fn numbered_nearby(text: &str, span: (usize, usize), citations: &[Citation]) -> bool {
    citations.iter().any(|citation| {
        let overlaps = citation.span.0 < span.1 && span.0 < citation.span.1;
        let follows = citation.span.0 >= span.1
            && text
                .get(span.1..citation.span.0)
                .is_some_and(only_number_labels);
        let precedes = citation.span.1 <= span.0
            && text.get(citation.span.1..span.0).is_some_and(|between| {
                between.len() <= 6 && !between.chars().any(char::is_alphanumeric)
            });
        overlaps || follows || precedes
    })
}

/// Adds `citation` to `citations`, or merges its pinpoints into the citation of the
/// same key already there (one record per key per passage, SPEC §0).
fn push_merged(citations: &mut Vec<Citation>, citation: Citation) {
    match citations.iter_mut().find(|kept| kept.key == citation.key) {
        Some(kept) => {
            for pin in citation.pin {
                if !kept.pin.contains(&pin) {
                    kept.pin.push(pin);
                }
            }
        }
        None => citations.push(citation),
    }
}

/// Every citation of a passage: [`extract`]; with a gazetteer, the ECtHR cases it
/// resolves by name ([`extract_with_gazetteer`]); and every other case named by
/// applicant and respondent State without a number, as a `name:` key
/// ([`find_named_cases`]) that the linker resolves to the documents bearing that case
/// name. A `name:` citation carries `attrs.via = "name"` and its surface is the name
/// as written.
pub fn extract_with_case_names(
    text: &str,
    context: &CitingContext,
    gazetteer: Option<&Gazetteer>,
) -> Vec<Citation> {
    let mut citations = match gazetteer {
        Some(gazetteer) => extract_with_gazetteer(text, context, gazetteer),
        None => extract(text, context),
    };
    for named in find_named_cases(text) {
        if numbered_nearby(text, named.span, &citations) {
            continue;
        }
        let mut attrs = BTreeMap::new();
        attrs.insert("via".to_string(), "name".to_string());
        push_merged(
            &mut citations,
            Citation {
                kind: named.key.kind(),
                key: named.key,
                span: named.span,
                surface: named.surface,
                pin: named.pin,
                attrs,
            },
        );
    }
    citations.sort_by_key(|citation| citation.span);
    citations
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Official citation strings, verbatim from `corpus/echr/citation_authority_eng.csv`.
    const CITATIONS: [&str; 10] = [
        "Sabri Güneş v. Turkey [GC], no. 27396/06, § ..., 29 June 2012",
        "Sabri Güneş v. Turkey, no. 27396/06, § ..., 24 May 2011",
        "Güneş v. Turkey, no. 31893/96, § ..., 25 September 2001",
        "Evans v. the United Kingdom [GC], no. 6339/05, § ..., ECHR 2007-I",
        "M.S.S. v. Belgium and Greece [GC], no. 30696/09, § ..., ECHR 2011",
        "Hirst v. the United Kingdom (no. 2) [GC], no. 74025/01, § ..., ECHR 2005-IX",
        "Hirst v. the United Kingdom, no. 40787/98, § ..., 24 July 2001",
        "Glass v. the United Kingdom, no. 61827/00, § ..., ECHR 2004-II",
        "Vo v. France [GC], no. 53924/00, § ..., ECHR 2004-VIII",
        "A, B and C v. Ireland [GC], no. 25579/05, § ..., ECHR 2010",
    ];

    fn gazetteer() -> Gazetteer {
        Gazetteer::from_citations(CITATIONS).expect("citations parse")
    }

    fn mentions(text: &str) -> Vec<(String, String)> {
        find_case_names(text, &gazetteer())
            .into_iter()
            .map(|mention| (mention.surface, mention.key.as_str().to_string()))
            .collect()
    }

    #[test]
    fn inter_american_court_names_a_strasbourg_case_without_its_number() {
        // corpus/iacthr/pdfs/98318.pdf (Artavia Murillo v. Costa Rica, English), footnote.
        let text = "ECHR, Sabri Günes v. Turkey, Grand Chamber, judgment of 29 June 2012, Büyükdağ v. Turkey (dec.), no. 28340/95, judgment of 6 April 2000";
        assert_eq!(
            mentions(text),
            [(
                "Sabri Günes v. Turkey".to_string(),
                "ecthr:app:27396/06".to_string()
            )]
        );
    }

    #[test]
    fn longest_applicant_and_respondent_win() {
        assert_eq!(
            mentions("as held in Case of M.S.S. v. Belgium and Greece, the Court"),
            [(
                "Case of M.S.S. v. Belgium and Greece".to_string(),
                "ecthr:app:30696/09".to_string()
            )]
        );
        assert_eq!(
            mentions("see A, B and C v. Ireland and Vo v. France"),
            [
                (
                    "A, B and C v. Ireland".to_string(),
                    "ecthr:app:25579/05".to_string()
                ),
                ("Vo v. France".to_string(), "ecthr:app:53924/00".to_string()),
            ]
        );
    }

    #[test]
    fn ambiguous_names_need_a_number_or_a_year() {
        assert_eq!(
            mentions("Hirst v. the United Kingdom (No. 2), judgment"),
            [(
                "Hirst v. the United Kingdom (No. 2)".to_string(),
                "ecthr:app:74025/01".to_string()
            )]
        );
        assert!(mentions("Hirst v. the United Kingdom was discussed").is_empty());
        assert_eq!(
            mentions("Hirst v. United Kingdom, judgment of 24 July 2001")[0].1,
            "ecthr:app:40787/98"
        );
    }

    #[test]
    fn other_scripts_and_other_systems_find_nothing_and_never_panic() {
        assert!(mentions("Эванс против Соединенного Королевства, § 54").is_empty());
        assert!(mentions("Caso Artavia Murillo y otros Vs. Costa Rica").is_empty());
        assert!(mentions("González 及其他(Campo Algodonero)诉墨西哥").is_empty());
        assert!(mentions("v. v v. c. vs.").is_empty());
        assert!(mentions("").is_empty());
    }

    #[test]
    fn numbered_citations_win_and_names_get_pins() {
        let gazetteer = gazetteer();
        // 98318.pdf: the number follows the name; only the numbered citation is kept.
        let text = "ECHR, Case of Glass v. United Kingdom (No. 61827/00), Judgment of 9 March 2004, paras. 74 to 83";
        let found = extract_with_gazetteer(text, &CitingContext::default(), &gazetteer);
        let keys: Vec<&str> = found.iter().map(|citation| citation.key.as_str()).collect();
        assert_eq!(keys, ["ecthr:app:61827/00"]);
        assert!(!found[0].attrs.contains_key("via"));

        let text = "Cf. ECHR, Case of Vo v. France, Judgment of 8 July 2004, para. 84.";
        let found = extract_with_gazetteer(text, &CitingContext::default(), &gazetteer);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].key.as_str(), "ecthr:app:53924/00");
        assert_eq!(found[0].surface, "Case of Vo v. France");
        assert_eq!(&text[found[0].span.0..found[0].span.1], found[0].surface);
        assert_eq!(found[0].pin, ["para:84"]);
        assert_eq!(found[0].attrs["via"], "gazetteer");
        assert_eq!(found[0].attrs["name"], "Vo v. France");
    }
}
