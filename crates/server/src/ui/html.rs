//! Escaping and URL helpers for the server-rendered pages. Every text that comes from a
//! document goes through [`escape`]; snippets from the index are already escaped and
//! carry only `<mark>` markers.

/// Escapes text for HTML content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}

/// Percent-encodes a path segment or query value (everything but unreserved bytes).
pub(crate) fn url_encode(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

/// A query string from pairs (`?a=1&b=2`, empty when there are none).
pub(crate) fn query_string(pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return String::new();
    }
    let joined = pairs
        .iter()
        .map(|(name, value)| format!("{}={}", url_encode(name), url_encode(value)))
        .collect::<Vec<_>>()
        .join("&");
    format!("?{joined}")
}

/// The page of a document.
pub(crate) fn document_url(id: &str) -> String {
    format!("/documents/{}", url_encode(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }

    #[test]
    fn encodes_ids_with_slashes_and_non_latin_text() {
        assert_eq!(url_encode("CCPR/C/85/D"), "CCPR%2FC%2F85%2FD");
        assert_eq!(url_encode("حق"), "%D8%AD%D9%82");
        assert_eq!(query_string(&[("q".into(), "a b".into())]), "?q=a%20b");
    }
}
