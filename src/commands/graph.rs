//! `hrlex cites` and `hrlex cited-by`: the citation graph from the command line.
use super::search::plain_snippet;
use crate::cli::exit;
use clap::Args;
use hrlex_index::{
    system_label, CitedByAnswer, CitedByResponse, CitedKey, CitesAnswer, CitesResponse, IndexError,
    SearchIndex,
};
use hrlex_model::CitationKey;
use std::path::PathBuf;

const EXIT_CODES: &str = "Exit codes: 0 success, 2 bad usage or unknown document, 4 fatal error";

#[derive(Args)]
#[command(after_help = EXIT_CODES)]
pub struct CitesArgs {
    /// The citing document's id (as in `hrlex search --json`), or one of its
    /// identifiers (`CCPR/C/85/D/1153/2003`, `iacthr:C:257`).
    id: String,
    /// Index folder.
    #[arg(long, default_value = "index")]
    index: PathBuf,
    /// Print one JSON object, the answer of `GET /api/documents/{id}/cites`:
    /// {"document", "total", "resolved", "systems": [{"system", "citations": [{"key",
    /// "surface", "dangling", "documents", "paragraphs": [{"index", "n", "anchor",
    /// "page", "pin", "surface"}]}]}]}.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    viewer: super::viewer::ViewerArgs,
}

#[derive(Args)]
#[command(after_help = EXIT_CODES)]
pub struct CitedByArgs {
    /// A document id, a document's identifier (`CCPR/C/85/D/1153/2003`), a case name
    /// (`Mutombo v. Switzerland`, `Mutombo c. Suisse`), or any citation key
    /// (`ecthr:app:30696/09`, `name:mutombo v switzerland`), whether or not a document
    /// bears it.
    target: String,
    /// Index folder.
    #[arg(long, default_value = "index")]
    index: PathBuf,
    /// Print one JSON object, the answer of `GET /api/documents/{id}/cited-by` (or of
    /// `GET /api/cited-by?key=…`): {"document", "keys", "total", "works", "offset",
    /// "limit", "systems": [{"system", "count", "works", "documents": [{"id", "title",
    /// ..., "paragraphs": [{"index", "n", "anchor", "page", "key", "pin", "surface",
    /// "snippet"}]}]}]}.
    #[arg(long)]
    json: bool,
    /// Citing documents listed (all are counted).
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Citing documents to skip (pagination).
    #[arg(long, default_value_t = 0)]
    offset: usize,
    #[command(flatten)]
    viewer: super::viewer::ViewerArgs,
}

fn open(index: &std::path::Path, command: &str) -> Option<SearchIndex> {
    match SearchIndex::open(index) {
        Ok(index) => Some(index),
        Err(error) => {
            eprintln!("hrlex {command}: {error}");
            None
        }
    }
}

pub fn run_cites(args: CitesArgs) -> anyhow::Result<i32> {
    let viewer = match args.viewer.viewer() {
        Ok(viewer) => viewer,
        Err(message) => {
            eprintln!("hrlex cites: {message}");
            return Ok(exit::USAGE);
        }
    };
    let Some(index) = open(&args.index, "cites") else {
        return Ok(exit::FATAL);
    };
    let Some(id) = index.resolve_document_id(&args.id, &viewer)? else {
        eprintln!(
            "hrlex cites: no document `{}` in {}",
            args.id,
            args.index.display()
        );
        return Ok(exit::USAGE);
    };
    // A metadata-only record (the OHCHR export's entry for a decision) cites nothing:
    // what its decision cites is in the full text, when the index holds it.
    let id = match index.decision_text_id(&id, &viewer)? {
        Some(text_id) if text_id != id => {
            eprintln!(
                "hrlex cites: {id} is a metadata-only record; its decision's text is {text_id}"
            );
            text_id
        }
        _ => id,
    };
    let Some(response) = index.cites(&id, &viewer)? else {
        eprintln!("hrlex cites: no document `{id}`");
        return Ok(exit::USAGE);
    };
    if args.json {
        println!("{}", serde_json::to_string(&CitesAnswer::from(response))?);
    } else {
        print_cites(&response);
    }
    Ok(exit::SUCCESS)
}

pub fn run_cited_by(args: CitedByArgs) -> anyhow::Result<i32> {
    let viewer = match args.viewer.viewer() {
        Ok(viewer) => viewer,
        Err(message) => {
            eprintln!("hrlex cited-by: {message}");
            return Ok(exit::USAGE);
        }
    };
    let Some(index) = open(&args.index, "cited-by") else {
        return Ok(exit::FATAL);
    };
    let result = match index.resolve_document_id(&args.target, &viewer)? {
        Some(id) => index
            .cited_by_document(&id, &viewer, args.offset, args.limit)
            // The document resolved a moment ago vanished (a concurrent reindex).
            .map(|response| {
                response.unwrap_or_else(|| CitedByResponse::empty(args.offset, args.limit))
            }),
        None => {
            let key = if args.target.contains(':') {
                CitationKey::new(args.target.trim())
            } else if let Some(name_key) = hrlex_cite::case_name_key(&args.target) {
                // A case name no document of the index bears: what cites it by name.
                name_key
            } else {
                CitationKey::new(format!(
                    "un:{}",
                    hrlex_cite::normalize_un_symbol(&args.target)
                ))
            };
            index.cited_by_key(&key, &viewer, args.offset, args.limit)
        }
    };
    let response = match result {
        Ok(response) => response,
        Err(error @ IndexError::InvalidRequest(_)) => {
            eprintln!("hrlex cited-by: {error}");
            return Ok(exit::USAGE);
        }
        Err(error) => return Err(error.into()),
    };
    if args.json {
        println!("{}", serde_json::to_string(&CitedByAnswer::from(response))?);
    } else {
        print_cited_by(&response);
    }
    Ok(exit::SUCCESS)
}

fn place(n: &Option<String>, page: Option<u32>, index: usize) -> String {
    match (n, page) {
        (Some(n), _) => format!("para. {n}"),
        (None, Some(page)) => format!("p. {page}"),
        (None, None) => format!("paragraph {}", index + 1),
    }
}

fn pins(pin: &[String]) -> String {
    if pin.is_empty() {
        return String::new();
    }
    let shown: Vec<String> = pin
        .iter()
        .map(|pin| match pin.strip_prefix("para:") {
            Some(number) => format!("para. {number}"),
            None => pin.replace(':', " "),
        })
        .collect();
    format!(", at {}", shown.join(", "))
}

fn print_cites(response: &CitesResponse) {
    let document = &response.document;
    let label = document
        .symbol
        .clone()
        .unwrap_or_else(|| document.id.clone());
    println!(
        "{label} — {} cites {} key{} ({} resolved to documents here)",
        document.title,
        response.total,
        if response.total == 1 { "" } else { "s" },
        response.resolved
    );
    for cited in &response.citations {
        let resolution = if cited.dangling {
            format!("not in the index ({})", system_label(&cited.system))
        } else {
            let targets: Vec<String> = cited
                .targets
                .iter()
                .map(|target| format!("{} [{}, {}]", target.id, target.mechanism, target.lang))
                .collect();
            format!("→ {}", targets.join(", "))
        };
        println!("\n{} {resolution}", cited_label(cited));
        if let Some(target) = cited.targets.first() {
            println!("  {}", target.title);
        }
        for occurrence in &cited.occurrences {
            println!(
                "  {label}, {}: {}{}",
                place(&occurrence.n, occurrence.page, occurrence.index),
                occurrence.surface.replace('\n', " "),
                pins(&occurrence.pin)
            );
        }
    }
}

/// The key, or for a case cited by name only, the name as first written with its key:
/// `Mutombo v. Switzerland (by name: name:mutombo v switzerland)`.
fn cited_label(cited: &CitedKey) -> String {
    let written = cited
        .occurrences
        .first()
        .map(|occurrence| {
            occurrence
                .surface
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|surface| !surface.is_empty());
    match written {
        Some(name) if cited.key.starts_with(hrlex_cite::NAME_KEY_PREFIX) => {
            format!("{name} (by name: {})", cited.key)
        }
        _ => cited.key.clone(),
    }
}

fn print_cited_by(response: &CitedByResponse) {
    match &response.document {
        Some(document) => println!(
            "{} — {}: {}",
            document
                .symbol
                .clone()
                .unwrap_or_else(|| document.id.clone()),
            document.title,
            response.summary()
        ),
        None => println!("{}: {}", response.keys.join(" = "), response.summary()),
    }
    for citing in &response.documents {
        let document = &citing.document;
        let label = document
            .symbol
            .clone()
            .unwrap_or_else(|| document.id.clone());
        let mut heading = format!("{label} — {}", document.title);
        if let Some(date) = &document.date {
            heading.push_str(&format!(" ({date})"));
        }
        heading.push_str(&format!(
            " [{}, {}, {}, {}]",
            system_label(&document.system),
            document.mechanism,
            document.doc_type,
            document.lang
        ));
        println!("\n{heading}");
        for paragraph in &citing.paragraphs {
            println!(
                "  {label}, {}{}: {}",
                place(&paragraph.n, paragraph.page, paragraph.index),
                pins(&paragraph.pin),
                plain_snippet(&paragraph.snippet)
            );
        }
    }
    let shown = response.offset + response.documents.len();
    if shown < response.total {
        println!("\n{} more (use --offset {shown})", response.total - shown);
    }
}
