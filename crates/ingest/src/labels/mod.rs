//! Labels checked against the text (issue #12 item 7): the type, outcome, State party
//! and title a source gives a document are compared with what the document itself says,
//! and corrected only where the text clearly contradicts them.
//!
//! - [`operative`]: the operative part of a treaty-body decision (`is of the view that
//!   the facts before it disclose a violation`, `decides that the communication is
//!   inadmissible`, `decides to discontinue`, in English, French, Spanish and Russian)
//!   gives its outcome and type;
//! - [`state_party`]: a decision naming several States keeps the State party the text
//!   names (`State party: Sweden`, `a violation by France of article 3`), not every State
//!   the source listed (the country of return is not a party);
//! - [`title`]: a title that is a fragment of the first page (`RESOLUCIÓN DE LA`) or
//!   only the court's masthead (`EUROPEAN COURT OF HUMAN RIGHTS`) is replaced by the
//!   title block.
//!
//! The checks run after the importer and before the sidecar (a curator's sidecar still
//! wins). Every change is recorded as an [`ExtractionNote`] with code
//! [`LABEL_CORRECTED`] and the message `<field> <old> → <new>: <evidence>`, the evidence
//! naming the paragraph and quoting the sentence read, e.g. `type inadmissibility →
//! views: para. 6: "is of the view that the facts … disclose a violation of article 9"`.

pub mod operative;
pub mod state_party;
pub mod title;

use hrlex_model::{Document, ExtractionNote, Paragraph};

/// The note code of a corrected label (shown by `hrlex extract --explain`).
pub const LABEL_CORRECTED: &str = "label-corrected";

/// Runs every check on `document`, correcting what the text contradicts.
pub fn check(document: &mut Document) {
    operative::check(document);
    state_party::check(document);
    title::check(document);
}

/// Records a corrected label: `<field> <old> → <new>: <evidence>`.
pub(crate) fn record(document: &mut Document, field: &str, old: &str, new: &str, evidence: &str) {
    let old = if old.trim().is_empty() { "none" } else { old };
    document.notes.push(ExtractionNote::new(
        LABEL_CORRECTED,
        format!("{field} {old} → {new}: {evidence}"),
    ));
}

/// Where a paragraph is: `para. 9` for a numbered one, `paragraph 3 (unnumbered)` (its
/// 1-based position) otherwise.
pub(crate) fn locate(paragraph: &Paragraph, index: usize) -> String {
    match &paragraph.n {
        Some(n) => format!("para. {n}"),
        None => format!("paragraph {} (unnumbered)", index + 1),
    }
}

/// A short quote of `text` around the byte range `start..end`: at most `before` and
/// `after` characters on each side, cut at word boundaries, with `…` where cut.
pub(crate) fn quote(text: &str, start: usize, end: usize, before: usize, after: usize) -> String {
    let head = &text[..start];
    let mut from = head
        .char_indices()
        .rev()
        .nth(before.saturating_sub(1))
        .map_or(0, |(index, _)| index);
    if from > 0 {
        // Start at the next word.
        from = head[from..]
            .find(char::is_whitespace)
            .map_or(start, |space| from + space + 1);
    }
    let tail = &text[end..];
    let mut to = tail
        .char_indices()
        .nth(after)
        .map_or(text.len(), |(index, _)| end + index);
    if to < text.len() {
        to = text[..to]
            .rfind(char::is_whitespace)
            .filter(|&space| space >= end)
            .unwrap_or(to);
    }
    let body = text[from..to]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let body = body.trim_end_matches([',', ';', ':']);
    let open = if from > 0 { "…" } else { "" };
    let close = if to < text.len() { "…" } else { "" };
    format!("\"{open}{body}{close}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_cut_at_words() {
        let text = "The Human Rights Committee, acting under article 5, is of the view that the facts disclose a violation of article 9, paragraph 1, of the Covenant.";
        let start = text.find("is of the view").unwrap();
        let end = text.find("violation").unwrap() + "violation".len();
        assert_eq!(
            quote(text, start, end, 0, 16),
            "\"…is of the view that the facts disclose a violation of article 9…\""
        );
        assert_eq!(quote("short text", 0, 5, 10, 10), "\"short text\"");
    }

    #[test]
    fn notes_name_field_old_new_and_evidence() {
        let mut document = Document::new("x", hrlex_model::Lang::En);
        record(&mut document, "outcome", "", "violation", "para. 9: \"…\"");
        assert_eq!(document.notes[0].code, LABEL_CORRECTED);
        assert_eq!(
            document.notes[0].message,
            "outcome none → violation: para. 9: \"…\""
        );
    }
}
