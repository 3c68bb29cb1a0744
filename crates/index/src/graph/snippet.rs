//! The snippet of a citing paragraph: the text around the citation, HTML-escaped, the
//! citation in `<mark>`.

use crate::highlight::escape_into;

/// Characters of paragraph text kept on each side of the citation in a snippet.
const SNIPPET_CONTEXT_CHARS: usize = 160;

/// Up to [`SNIPPET_CONTEXT_CHARS`] characters each side of `surface` in `text`,
/// HTML-escaped, `surface` in `<mark>`; the start of the text when `surface` is absent.
pub(super) fn snippet(text: &str, surface: &str) -> String {
    let found = (!surface.is_empty()).then(|| text.find(surface)).flatten();
    let (start, end) = match found {
        Some(start) => (start, start + surface.len()),
        None => (0, 0),
    };
    let before_start = text[..start]
        .char_indices()
        .rev()
        .nth(SNIPPET_CONTEXT_CHARS.saturating_sub(1))
        .map_or(0, |(position, _)| position);
    let after_end = text[end..]
        .char_indices()
        .nth(if found.is_some() {
            SNIPPET_CONTEXT_CHARS
        } else {
            2 * SNIPPET_CONTEXT_CHARS
        })
        .map_or(text.len(), |(position, _)| end + position);
    let mut output = String::new();
    if before_start > 0 {
        output.push('…');
    }
    escape_into(&mut output, &text[before_start..start]);
    if found.is_some() {
        output.push_str("<mark>");
        escape_into(&mut output, &text[start..end]);
        output.push_str("</mark>");
    }
    escape_into(&mut output, &text[end..after_end]);
    if after_end < text.len() {
        output.push('…');
    }
    output
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_mark_the_citation_and_escape() {
        assert_eq!(
            snippet(
                "See <b> K.N.L.H. v. Peru, CCPR/C/85/D/1153/2003.",
                "CCPR/C/85/D/1153/2003"
            ),
            "See &lt;b&gt; K.N.L.H. v. Peru, <mark>CCPR/C/85/D/1153/2003</mark>."
        );
        let long = format!("{}X{}", "a".repeat(500), "b".repeat(500));
        let cut = snippet(&long, "X");
        assert!(cut.starts_with('…') && cut.ends_with('…'));
        assert_eq!(
            cut.chars().count(),
            2 * SNIPPET_CONTEXT_CHARS + "<mark>X</mark>".len() + 2
        );
        assert_eq!(snippet("plain", "absent"), "plain");
    }
}
