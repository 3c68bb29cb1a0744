//! `hrlex cite [--json] [FILE|-]`: the citations of a text, one per line.
//!
//! The input is split into passages at blank lines; keys are deduplicated per passage
//! (SPEC §0) and spans are byte offsets in the whole input.
use anyhow::Context;
use clap::Args;
use hrlex_cite::{extract, Citation, CitingContext};
use hrlex_model::Mechanism;
use std::io::{Read, Write};
use std::path::PathBuf;

#[derive(Args)]
pub struct CiteArgs {
    /// Print one JSON object per citation: {"key", "kind", "span", "surface", "pin", "attrs"}.
    #[arg(long)]
    json: bool,
    /// Symbol of the citing document (resolves `?` in keys, infers resolution bodies).
    #[arg(long, value_name = "SYMBOL")]
    symbol: Option<String>,
    /// Mechanism of the citing document (ccpr, cat, upr, ecthr, …).
    #[arg(long, value_name = "MECHANISM")]
    mechanism: Option<String>,
    /// The text file to read; `-` or nothing reads standard input.
    file: Option<PathBuf>,
}

pub fn run(args: CiteArgs) -> anyhow::Result<i32> {
    let mechanism = match args.mechanism.as_deref() {
        None => None,
        Some(name) => match Mechanism::parse(name) {
            Some(mechanism) => Some(mechanism),
            None => {
                eprintln!("hrlex cite: unknown mechanism {name:?}");
                return Ok(crate::cli::exit::USAGE);
            }
        },
    };
    let context = CitingContext {
        symbol: args.symbol.clone(),
        mechanism,
    };
    let text = match read_input(args.file.as_ref()) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("hrlex cite: {error:#}");
            return Ok(crate::cli::exit::FATAL);
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (offset, passage) in passages(&text) {
        for mut citation in extract(passage, &context) {
            citation.span = (citation.span.0 + offset, citation.span.1 + offset);
            write_citation(&mut out, &citation, args.json)?;
        }
    }
    out.flush()?;
    Ok(crate::cli::exit::SUCCESS)
}

fn read_input(file: Option<&PathBuf>) -> anyhow::Result<String> {
    let bytes = match file {
        Some(path) if path.as_os_str() != "-" => {
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?
        }
        _ => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .context("cannot read standard input")?;
            bytes
        }
    };
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Passages separated by blank lines, with their byte offset in the input.
fn passages(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    let mut pieces = Vec::new();
    let bytes = text.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'\n' {
            let mut next = index + 1;
            while next < bytes.len() && matches!(bytes[next], b' ' | b'\t' | b'\r') {
                next += 1;
            }
            if next < bytes.len() && bytes[next] == b'\n' {
                pieces.push((start, &text[start..index]));
                start = next + 1;
                index = next + 1;
                continue;
            }
        }
        index += 1;
    }
    if start < text.len() {
        pieces.push((start, &text[start..]));
    }
    pieces.into_iter()
}

fn write_citation(out: &mut impl Write, citation: &Citation, json: bool) -> anyhow::Result<()> {
    if json {
        serde_json::to_writer(&mut *out, citation)?;
        writeln!(out)?;
        return Ok(());
    }
    let surface = citation.surface.replace(['\n', '\r'], " ");
    write!(
        out,
        "{}\t{}..{}\t{}",
        citation.key, citation.span.0, citation.span.1, surface
    )?;
    if !citation.pin.is_empty() {
        write!(out, "\t{}", citation.pin.join(" "))?;
    }
    writeln!(out)?;
    Ok(())
}
