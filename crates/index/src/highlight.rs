//! Our own highlighter (tantivy's SnippetGenerator marks single terms, never phrases:
//! tantivy#2358). A paragraph is re-analyzed with the analyzer of its field, so token
//! offsets point into the original text: a stemmed match marks the surface word, a
//! phrase is marked only where its terms occur at consecutive positions, and Chinese and
//! Arabic are marked on their own token boundaries. Everything outside our `<mark>`
//! markers is HTML-escaped.

use crate::analysis::{floor_char_boundary, has_cjk, Analyzers};
use crate::query::QueryNode;
use crate::terms::identifier_values;
use hrlex_analysis::ANALYZER_CJK_BIGRAM;
use hrlex_model::Paragraph;
use std::collections::{HashMap, HashSet};

/// Declares how snippets are encoded: HTML-escaped text whose only markup is
/// `<mark>`…`</mark>` around what matched.
pub const SNIPPET_FORMAT: &str = "html-escaped text with <mark></mark> around matches";

/// Snippets longer than this many characters are cut around the densest matches.
const SNIPPET_CHARS: usize = 300;
/// Characters of context kept before the first match of a cut snippet.
const CONTEXT_BEFORE_CHARS: usize = 60;

/// What to look for with one analyzer.
#[derive(Default)]
struct Patterns {
    terms: HashSet<String>,
    /// Sequences of (relative position, term).
    phrases: Vec<Vec<(usize, String)>>,
    prefixes: Vec<String>,
    fuzzy: Vec<(String, u8)>,
}

impl Patterns {
    fn is_empty(&self) -> bool {
        self.terms.is_empty()
            && self.phrases.is_empty()
            && self.prefixes.is_empty()
            && self.fuzzy.is_empty()
    }
}

/// Builds snippets for the paragraphs of one search.
pub(crate) struct Highlighter<'a> {
    analyzers: &'a Analyzers,
    leaves: Vec<QueryNode>,
    patterns_by_analyzer: HashMap<&'static str, Patterns>,
    identifiers: Vec<String>,
    cited_keys: Vec<String>,
}

impl<'a> Highlighter<'a> {
    pub(crate) fn new(analyzers: &'a Analyzers, query: &QueryNode) -> Self {
        let mut identifiers = Vec::new();
        let mut cited_keys = Vec::new();
        let mut leaves = Vec::new();
        for leaf in query.positive_leaves() {
            match leaf {
                QueryNode::Identifier(value) => identifiers.push(value.clone()),
                QueryNode::Cites(key) => cited_keys.push(key.clone()),
                QueryNode::Word(_)
                | QueryNode::Phrase(_)
                | QueryNode::Prefix(_)
                | QueryNode::Fuzzy(_, _) => leaves.push(leaf.clone()),
                _ => {}
            }
        }
        Highlighter {
            analyzers,
            leaves,
            patterns_by_analyzer: HashMap::new(),
            identifiers,
            cited_keys,
        }
    }

    fn patterns(&mut self, analyzer: &'static str) -> &Patterns {
        let analyzers = self.analyzers;
        let leaves = &self.leaves;
        self.patterns_by_analyzer
            .entry(analyzer)
            .or_insert_with(|| {
                let mut patterns = Patterns::default();
                for leaf in leaves {
                    match leaf {
                        QueryNode::Word(text) | QueryNode::Phrase(text) => {
                            // The bigram field only ever sees CJK query words.
                            if analyzer == ANALYZER_CJK_BIGRAM && !has_cjk(text) {
                                continue;
                            }
                            let tokens = analyzers.analyze(analyzer, text);
                            match tokens.len() {
                                0 => {}
                                1 => {
                                    patterns.terms.insert(tokens[0].term.clone());
                                }
                                _ => {
                                    let first = tokens[0].position;
                                    patterns.phrases.push(
                                        tokens
                                            .into_iter()
                                            .map(|token| {
                                                (token.position.saturating_sub(first), token.term)
                                            })
                                            .collect(),
                                    );
                                }
                            }
                        }
                        QueryNode::Prefix(text) if analyzer != ANALYZER_CJK_BIGRAM => {
                            let prefix = analyzers
                                .analyze(analyzer, text)
                                .pop()
                                .map_or_else(|| text.to_lowercase(), |token| token.term);
                            patterns.prefixes.push(prefix);
                        }
                        QueryNode::Fuzzy(text, distance) if analyzer != ANALYZER_CJK_BIGRAM => {
                            if let Some(token) = analyzers.analyze(analyzer, text).pop() {
                                patterns.fuzzy.push((token.term, *distance));
                            }
                        }
                        _ => {}
                    }
                }
                patterns
            })
    }

    /// The byte ranges of `text` that match, under `analyzer`. The text is analyzed as
    /// a stream: only the tokens that match a term or belong to a phrase are kept.
    fn ranges_for(&mut self, analyzer: &'static str, text: &str) -> Vec<(usize, usize)> {
        if self.patterns(analyzer).is_empty() {
            return Vec::new();
        }
        let analyzers = self.analyzers;
        let patterns = self.patterns(analyzer);
        let phrase_terms: HashSet<&str> = patterns
            .phrases
            .iter()
            .flatten()
            .map(|(_, term)| term.as_str())
            .collect();
        let mut ranges = Vec::new();
        // Tokens of a phrase's words: (position, term, from, to).
        let mut phrase_tokens: Vec<(usize, String, usize, usize)> = Vec::new();
        analyzers.for_each_token(analyzer, text, |term, from, to, position| {
            let matched = patterns.terms.contains(term)
                || patterns
                    .prefixes
                    .iter()
                    .any(|prefix| term.starts_with(prefix.as_str()))
                || patterns.fuzzy.iter().any(|(wanted, distance)| {
                    edit_distance_within(term, wanted, usize::from(*distance))
                });
            if matched && to > from {
                ranges.push((from, to));
            }
            if phrase_terms.contains(term) {
                phrase_tokens.push((position, term.to_string(), from, to));
            }
        });
        if !patterns.phrases.is_empty() {
            let mut by_position: HashMap<usize, Vec<usize>> = HashMap::new();
            for (index, (position, ..)) in phrase_tokens.iter().enumerate() {
                by_position.entry(*position).or_default().push(index);
            }
            for phrase in &patterns.phrases {
                let (first_offset, first_term) = &phrase[0];
                for (position, ..) in phrase_tokens.iter().filter(|token| &token.1 == first_term) {
                    let Some(base) = position.checked_sub(*first_offset) else {
                        continue;
                    };
                    let mut start = usize::MAX;
                    let mut end = 0;
                    let all_found = phrase.iter().all(|(offset, term)| {
                        by_position
                            .get(&(base + offset))
                            .and_then(|indexes| {
                                indexes
                                    .iter()
                                    .find(|&&index| &phrase_tokens[index].1 == term)
                            })
                            .map(|&index| {
                                start = start.min(phrase_tokens[index].2);
                                end = end.max(phrase_tokens[index].3);
                            })
                            .is_some()
                    });
                    if all_found && end > start {
                        ranges.push((start, end));
                    }
                }
            }
        }
        ranges
    }

    fn identifier_ranges(&self, paragraph: &Paragraph) -> Vec<(usize, usize)> {
        let mut ranges = Vec::new();
        let text = &paragraph.text;
        let mut wanted: Vec<String> = self.identifiers.clone();
        for citation in &paragraph.citations {
            let key_matches = self
                .cited_keys
                .iter()
                .any(|key| key == citation.key.as_str())
                || identifier_values(&citation.key).iter().any(|value| {
                    self.identifiers
                        .iter()
                        .any(|identifier| identifier.eq_ignore_ascii_case(value))
                });
            if key_matches && !citation.surface.is_empty() {
                wanted.push(citation.surface.clone());
            }
        }
        let lowered = text.to_lowercase();
        // Lowercasing can change byte lengths outside ASCII; only search when it did not.
        if lowered.len() != text.len() {
            return ranges;
        }
        for needle in wanted {
            let needle = needle.to_lowercase();
            if needle.is_empty() {
                continue;
            }
            let mut from = 0;
            while let Some(found) = lowered[from..].find(&needle) {
                let start = from + found;
                let end = start + needle.len();
                let continues = lowered[end..]
                    .chars()
                    .next()
                    .is_some_and(|next| next.is_alphanumeric() || next == '/');
                let starts_inside = lowered[..start]
                    .chars()
                    .next_back()
                    .is_some_and(|previous| previous.is_alphanumeric() || previous == '/');
                // Lowercasing kept the length, but check the boundaries hold in `text`.
                let on_boundaries = text.is_char_boundary(start) && text.is_char_boundary(end);
                if !continues && !starts_inside && on_boundaries {
                    ranges.push((start, end));
                }
                from = end;
            }
        }
        ranges
    }

    /// An HTML-escaped snippet of `paragraph` with `<mark>` around what matched, cut to
    /// about [`SNIPPET_CHARS`] characters around the matches.
    pub(crate) fn snippet(&mut self, paragraph: &Paragraph, analyzer: &'static str) -> String {
        let text = paragraph.text.as_str();
        let mut ranges = self.ranges_for(analyzer, text);
        if has_cjk(text) && analyzer != ANALYZER_CJK_BIGRAM {
            ranges.extend(self.ranges_for(ANALYZER_CJK_BIGRAM, text));
        }
        ranges.extend(self.identifier_ranges(paragraph));
        let ranges = merge_ranges(ranges);
        let (window_start, window_end) = choose_window(text, &ranges);
        render(text, &ranges, window_start, window_end)
    }
}

fn merge_ranges(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// Byte offset `chars` characters after (or before, when `forward` is false) `offset`.
fn step_chars(text: &str, offset: usize, chars: usize, forward: bool) -> usize {
    if forward {
        text[offset..]
            .char_indices()
            .nth(chars)
            .map_or(text.len(), |(index, _)| offset + index)
    } else {
        text[..offset]
            .char_indices()
            .rev()
            .nth(chars.saturating_sub(1))
            .map_or(0, |(index, _)| index)
    }
}

fn choose_window(text: &str, ranges: &[(usize, usize)]) -> (usize, usize) {
    if text.chars().count() <= SNIPPET_CHARS {
        return (0, text.len());
    }
    // The match whose following window holds the most matches.
    let mut best_first = 0;
    let mut best_count = 0;
    for (index, range) in ranges.iter().enumerate() {
        let limit = step_chars(text, range.0, SNIPPET_CHARS - CONTEXT_BEFORE_CHARS, true);
        let count = ranges[index..]
            .iter()
            .take_while(|other| other.1 <= limit)
            .count();
        if count > best_count {
            best_count = count;
            best_first = index;
        }
    }
    let anchor = ranges.get(best_first).map_or(0, |range| range.0);
    let mut start = step_chars(text, anchor, CONTEXT_BEFORE_CHARS, false);
    if start > 0 {
        // Start on a word boundary when there is one close by.
        // Whitespace is not always one byte (a no-break space is two).
        if let Some((space, character)) = text[start..anchor]
            .char_indices()
            .find(|&(_, character)| character.is_whitespace())
        {
            start += space + character.len_utf8();
        }
    }
    let mut end = step_chars(text, start, SNIPPET_CHARS, true);
    // Never cut a mark in two.
    for range in ranges {
        if range.0 < end && range.1 > end {
            end = range.1;
        }
    }
    if end < text.len() {
        if let Some(space) = text[start..end].rfind(char::is_whitespace) {
            let candidate = start + space;
            if candidate > anchor
                && ranges
                    .iter()
                    .all(|range| range.1 <= candidate || range.0 >= end)
            {
                end = candidate;
            }
        }
    }
    (
        floor_char_boundary(text, start),
        floor_char_boundary(text, end),
    )
}

/// Appends `text` to `output`, HTML-escaped (the snippets' encoding, [`SNIPPET_FORMAT`]).
pub(crate) fn escape_into(output: &mut String, text: &str) {
    for character in text.chars() {
        match character {
            '&' => output.push_str("&amp;"),
            '<' => output.push_str("&lt;"),
            '>' => output.push_str("&gt;"),
            '"' => output.push_str("&quot;"),
            '\'' => output.push_str("&#39;"),
            other => output.push(other),
        }
    }
}

fn render(text: &str, ranges: &[(usize, usize)], start: usize, end: usize) -> String {
    let mut output = String::with_capacity(end - start + 32);
    if start > 0 {
        output.push('…');
    }
    let mut cursor = start;
    for &(range_start, range_end) in ranges {
        if range_end <= start || range_start >= end {
            continue;
        }
        let range_start = range_start.max(start);
        let range_end = range_end.min(end);
        escape_into(
            &mut output,
            text[cursor..range_start].trim_start_matches('\n'),
        );
        output.push_str("<mark>");
        escape_into(&mut output, &text[range_start..range_end]);
        output.push_str("</mark>");
        cursor = range_end;
    }
    escape_into(&mut output, &text[cursor..end]);
    if end < text.len() {
        output.push('…');
    }
    output
}

/// Optimal-string-alignment distance (adjacent transposition costs one, as in tantivy's
/// fuzzy query) is at most `limit`.
fn edit_distance_within(left: &str, right: &str, limit: usize) -> bool {
    let left: Vec<char> = left.chars().collect();
    let right: Vec<char> = right.chars().collect();
    if left.len().abs_diff(right.len()) > limit {
        return false;
    }
    let width = right.len() + 1;
    let mut table = vec![0usize; (left.len() + 1) * width];
    for (index, cell) in table.iter_mut().enumerate().take(width) {
        *cell = index;
    }
    for row in 1..=left.len() {
        table[row * width] = row;
        for column in 1..=right.len() {
            let cost = usize::from(left[row - 1] != right[column - 1]);
            let mut best = (table[(row - 1) * width + column] + 1)
                .min(table[row * width + column - 1] + 1)
                .min(table[(row - 1) * width + column - 1] + cost);
            if row > 1
                && column > 1
                && left[row - 1] == right[column - 2]
                && left[row - 2] == right[column - 1]
            {
                best = best.min(table[(row - 2) * width + column - 2] + 1);
            }
            table[row * width + column] = best;
        }
    }
    table[left.len() * width + right.len()] <= limit
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::TokenizerManager;

    fn highlighter_for(query: &str) -> (Analyzers, QueryNode) {
        let manager = TokenizerManager::default();
        hrlex_analysis::register(&manager);
        (
            Analyzers::new(manager),
            crate::query::parse_query(query).unwrap(),
        )
    }

    #[test]
    fn phrase_marks_only_consecutive_words_and_escapes_html() {
        let (analyzers, query) = highlighter_for("\"enforced disappearance\"");
        let mut highlighter = Highlighter::new(&analyzers, &query);
        let paragraph = Paragraph::numbered(
            "3",
            "Disappearance <b>was</b> enforced; the enforced disappearance of Mr. A & B.",
        );
        let snippet = highlighter.snippet(&paragraph, hrlex_analysis::ANALYZER_ENGLISH);
        assert_eq!(
            snippet,
            "Disappearance &lt;b&gt;was&lt;/b&gt; enforced; the <mark>enforced disappearance</mark> of Mr. A &amp; B."
        );
    }

    #[test]
    fn identifier_is_marked_whole_and_not_as_a_prefix() {
        let (analyzers, query) = highlighter_for("A/HRC/15/5");
        let mut highlighter = Highlighter::new(&analyzers, &query);
        let paragraph =
            Paragraph::numbered("1", "See A/HRC/15/56 and A/HRC/15/5, and A/HRC/15/5/Add.1.");
        let snippet = highlighter.snippet(&paragraph, hrlex_analysis::ANALYZER_ENGLISH);
        assert_eq!(
            snippet,
            "See A/HRC/15/56 and <mark>A/HRC/15/5</mark>, and A/HRC/15/5/Add.1."
        );
    }

    #[test]
    fn long_paragraphs_are_cut_around_the_matches_without_splitting_characters() {
        let (analyzers, query) = highlighter_for("torture");
        let mut highlighter = Highlighter::new(&analyzers, &query);
        let text = format!("{} torture {}", "é".repeat(400), "ü ".repeat(300));
        let snippet = highlighter.snippet(
            &Paragraph::unnumbered(text),
            hrlex_analysis::ANALYZER_ENGLISH,
        );
        assert!(
            snippet.starts_with('…') && snippet.ends_with('…'),
            "{snippet}"
        );
        assert!(snippet.contains("<mark>torture</mark>"));
        assert!(snippet.chars().count() < SNIPPET_CHARS + 40);
    }

    #[test]
    fn a_window_may_start_after_a_multibyte_space() {
        // A no-break space (2 bytes) or an ideographic space (3 bytes) just before the
        // window's word boundary once cut the snippet inside a character.
        let (analyzers, query) = highlighter_for("пытки");
        let mut highlighter = Highlighter::new(&analyzers, &query);
        for space in ['\u{a0}', '\u{3000}', '\u{2009}'] {
            for filler in 0..8 {
                let text = format!(
                    "{}{space}{}{space}запрещение пытки{space}{}",
                    "ж".repeat(300 + filler),
                    "слово ".repeat(20),
                    "конец ".repeat(80)
                );
                let snippet = highlighter.snippet(
                    &Paragraph::unnumbered(text),
                    hrlex_analysis::ANALYZER_RUSSIAN,
                );
                assert!(snippet.contains("<mark>пытки</mark>"), "{snippet}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn snippets_of_any_text_never_split_a_character(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "torture", "пытки", "تعذيب", "酷刑", " ", "\u{a0}", "\u{3000}", "\n",
                    "é", "word", "A/HRC/15/56", "’", "\u{200b}",
                ]),
                0..400,
            )
        ) {
            let (analyzers, query) = highlighter_for("torture OR пытки OR تعذيب OR 酷刑");
            let mut highlighter = Highlighter::new(&analyzers, &query);
            let text: String = pieces.concat();
            for analyzer in [
                hrlex_analysis::ANALYZER_ENGLISH,
                hrlex_analysis::ANALYZER_RUSSIAN,
                hrlex_analysis::ANALYZER_ARABIC,
                hrlex_analysis::ANALYZER_CHINESE,
            ] {
                let snippet = highlighter.snippet(&Paragraph::unnumbered(text.clone()), analyzer);
                // The bound is on the text shown; each highlight adds its markup.
                let shown = snippet.replace("<mark>", "").replace("</mark>", "");
                proptest::prop_assert!(
                    shown.chars().count() <= SNIPPET_CHARS * 2 + 40,
                    "{} characters shown: {snippet}",
                    shown.chars().count()
                );
            }
        }
    }

    #[test]
    fn edit_distance_counts_transpositions_once() {
        assert!(edit_distance_within("torture", "toruter", 2));
        assert!(edit_distance_within("torture", "totrure", 1));
        assert!(!edit_distance_within("torture", "culture", 1));
    }
}
