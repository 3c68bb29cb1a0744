//! Fuzz target: arbitrary bytes (lossily decoded) through the extractor. Checks that it
//! never panics, that spans are on char boundaries and give back the surface, and that
//! UN symbol normalization is idempotent.
#![no_main]

use hrlex_cite::{extract, normalize_un_symbol, CitingContext};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for citation in extract(&text, &CitingContext::default()) {
        let (start, end) = citation.span;
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end) && start < end);
        assert_eq!(&text[start..end], citation.surface);
    }
    let once = normalize_un_symbol(&text);
    assert_eq!(normalize_un_symbol(&once), once);
});
