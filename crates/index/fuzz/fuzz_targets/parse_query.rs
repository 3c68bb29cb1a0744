//! Fuzz target: the query parser on a worker-sized stack (256 KiB, less than tokio's
//! 2 MiB workers), over raw text and over token sequences that make deep inputs cheap
//! to reach: unary chains (`NOT NOT … x`, `- - x`, `+-x`), nested parentheses, operator
//! runs, phrases and fields. Checks that the parser never panics nor overflows its
//! stack, that every refusal points inside the input, and that an accepted query stays
//! within the length bound.
#![no_main]

use hrlex_index::query::MAX_QUERY_BYTES;
use hrlex_index::parse_query;
use libfuzzer_sys::fuzz_target;

/// Stack of the thread the parser runs on.
const PARSER_STACK_BYTES: usize = 256 * 1024;

/// What one byte of a token-sequence input stands for.
const TOKENS: &[&str] = &[
    "NOT ", "-", "+", "(", ")", "AND ", "OR ", "torture ", "\"", "state:", "year:2001..2005 ",
    "discrimin* ", "torure~1 ", "cites:comm:CCPR:1153/2003 ", "пытки ", "酷刑", "التعذيب ",
    "CEDAW/C/MEX/CO/7-8 ", " ", "NOT(", "-(", "*", "~", ":",
];

/// Inputs starting with 0xFF are token sequences; the others are text.
fn query_of(data: &[u8]) -> String {
    match data.split_first() {
        Some((0xFF, program)) => program
            .iter()
            .map(|byte| TOKENS[usize::from(*byte) % TOKENS.len()])
            .collect(),
        _ => String::from_utf8_lossy(data).into_owned(),
    }
}

fuzz_target!(|data: &[u8]| {
    let query = query_of(data);
    let parsed = std::thread::Builder::new()
        .stack_size(PARSER_STACK_BYTES)
        .spawn(move || {
            let outcome = parse_query(&query).map(|_| ()).map_err(|error| {
                assert!(error.offset <= query.len(), "{error:?} past the end");
                assert!(query.is_char_boundary(error.offset), "{error:?} inside a character");
            });
            if outcome.is_ok() {
                assert!(query.len() <= MAX_QUERY_BYTES);
            }
        })
        .expect("cannot start the parser thread")
        .join();
    if let Err(panic) = parsed {
        std::panic::resume_unwind(panic);
    }
});
