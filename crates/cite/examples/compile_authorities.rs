//! Reads the lines `data/make_authorities.py` gathers from the corpus gazetteers on
//! standard input and writes the embedded table (`data/authorities.tsv`): case names
//! turned into `name:` keys and joined to the authority they designate
//! ([`hrlex_cite::compile_authorities`]).

use std::io::{Read, Write};

fn main() -> std::io::Result<()> {
    let mut raw = String::new();
    std::io::stdin().read_to_string(&mut raw)?;
    std::io::stdout().write_all(hrlex_cite::compile_authorities(&raw).as_bytes())
}
