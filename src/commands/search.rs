//! `hrlex search`: query the index from the command line.
use crate::cli::exit;
use crate::terminal::{excerpt_around, printable};
use clap::Args;
use hrlex_index::{IndexError, SearchIndex, SearchRequest, SearchResponse, SortOrder};
use hrlex_model::Lang;
use std::path::PathBuf;

const QUERY_SYNTAX: &str = "\
Query syntax:
  torture mexico            both words (juxtaposition means AND), in any language:
                            each language is analyzed with its own stemmer, so
                            `detention` finds `détention` and `пытки` finds `пыток`
  \"enforced disappearance\"  an exact phrase (highlighted as a phrase)
  torture OR \"ill-treatment\" either; AND, OR, NOT and parentheses: (a OR b) NOT c
  +word -word               required / excluded word
  tortur*                   prefix (at least 2 characters; no leading or inner wildcard)
  torture~1                 fuzzy match, edit distance 1 or 2 (`~` alone means 1)
  A/HRC/15/56               a symbol or number is matched exactly: the document bearing
  id:CCPR/C/100/D/1334/2004 it and the documents citing it (never A/HRC/15/5 for
  symbol:\"Series C No. 205\" A/HRC/15/56); `id:` and `symbol:` say so explicitly
  ecthr:app:30696/09        a citation key, exactly
  cites:un:A/HRC/15/56      documents citing that key (`un:` may be left out)
  cited_by:ID               documents cited by document ID (id or identifier)
Filters (combine with words, or use alone):
  state:mexico  mechanism:cedaw  type:judgment  lang:es  year:2009..2012  year:..2000
  outcome:violation  system:inter-american  theme:\"gender violence\"
  response:supported  status:implemented
Limits: 2048 bytes, 64 terms, 16 levels of parentheses. A malformed query is refused
with the column and the reason (exit code 2).";

/// How much of a refused query its error message shows (around the faulty column).
const MAX_ECHOED_CHARS: usize = 120;

#[derive(Args)]
#[command(
    after_long_help = QUERY_SYNTAX,
    after_help = "Run `hrlex search --help` for the query syntax. Exit codes: 0 success, \
2 bad usage or malformed query, 4 fatal error"
)]
pub struct SearchArgs {
    /// The query (several arguments are joined with spaces).
    #[arg(required = true, num_args = 1.., allow_hyphen_values = true)]
    query: Vec<String>,
    /// Index folder.
    #[arg(long, default_value = "index")]
    index: PathBuf,
    /// Print one JSON object: {"total", "hits": [...], "facets": {...}, ...}.
    #[arg(long)]
    json: bool,
    /// Number of hits.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Hits to skip (pagination).
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Only documents in this language (ar, zh, en, fr, ru, es, pt); all by default.
    #[arg(long)]
    lang: Option<String>,
    /// relevance (default) or date (newest first).
    #[arg(long, default_value = "relevance")]
    sort: String,
    #[command(flatten)]
    viewer: super::viewer::ViewerArgs,
    /// Do not expand treaties, bodies and terms of art to their names in the other
    /// languages (synonyms and spelling variants in the language typed still apply).
    #[arg(long)]
    one_language: bool,
    /// Show each work in this language when a version in it matches.
    #[arg(long)]
    prefer_lang: Option<String>,
}

/// `None` for no value; `Err` with the message for an unknown code.
fn parse_lang_arg(name: &str, value: Option<&str>) -> Result<Option<Lang>, String> {
    match value {
        None => Ok(None),
        Some(code) => Lang::parse(code)
            .map(Some)
            .ok_or_else(|| format!("hrlex search: unknown language `{code}` for {name}")),
    }
}

pub fn run(args: SearchArgs) -> anyhow::Result<i32> {
    let query = args.query.join(" ");
    let (lang, prefer_lang) = match (
        parse_lang_arg("--lang", args.lang.as_deref()),
        parse_lang_arg("--prefer-lang", args.prefer_lang.as_deref()),
    ) {
        (Ok(lang), Ok(prefer_lang)) => (lang, prefer_lang),
        (Err(message), _) | (_, Err(message)) => {
            eprintln!("{message}");
            return Ok(exit::USAGE);
        }
    };
    let sort = match args.sort.as_str() {
        "relevance" => SortOrder::Relevance,
        "date" => SortOrder::Date,
        other => {
            eprintln!("hrlex search: --sort is `relevance` or `date`, not `{other}`");
            return Ok(exit::USAGE);
        }
    };
    let viewer = match args.viewer.viewer() {
        Ok(viewer) => viewer,
        Err(message) => {
            eprintln!("hrlex search: {message}");
            return Ok(exit::USAGE);
        }
    };
    let index = match SearchIndex::open(&args.index) {
        Ok(index) => index,
        Err(error) => {
            eprintln!("hrlex search: {error}");
            return Ok(exit::FATAL);
        }
    };
    let request = SearchRequest {
        query: query.clone(),
        lang,
        viewer,
        sort,
        offset: args.offset,
        limit: args.limit,
        facets: args.json,
        expand_languages: !args.one_language,
        prefer_lang,
        ..SearchRequest::default()
    };
    let response = match index.search(&request) {
        Ok(response) => response,
        Err(IndexError::Query(error)) => {
            let (message, _) = excerpt_around(&error.message, 1, MAX_ECHOED_CHARS);
            eprintln!("hrlex search: invalid query: {}", printable(&message));
            let (shown, column) = excerpt_around(&query, error.column, MAX_ECHOED_CHARS);
            eprintln!("  {}", printable(&shown));
            eprintln!(
                "  {}^ column {}",
                " ".repeat(column.saturating_sub(1)),
                error.column
            );
            return Ok(exit::USAGE);
        }
        Err(error @ IndexError::InvalidRequest(_)) => {
            eprintln!("hrlex search: {error}");
            return Ok(exit::USAGE);
        }
        Err(error) => return Err(error.into()),
    };
    if args.json {
        println!("{}", serde_json::to_string(&response)?);
    } else {
        print_readable(&response);
    }
    Ok(exit::SUCCESS)
}

/// `<mark>x</mark>` → `[x]`, entities decoded: readable in a terminal.
pub(crate) fn plain_snippet(snippet: &str) -> String {
    snippet
        .replace("<mark>", "[")
        .replace("</mark>", "]")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .replace('\n', " ")
}

fn print_readable(response: &SearchResponse) {
    println!(
        "{} document{} match",
        response.total,
        if response.total == 1 { "" } else { "s" }
    );
    for hit in &response.hits {
        let label = hit.symbol.clone().unwrap_or_else(|| hit.id.clone());
        let mut heading = format!("{label} — {}", hit.title);
        if let Some(date) = &hit.date {
            heading.push_str(&format!(" ({date})"));
        }
        heading.push_str(&format!(
            " [{}, {}, {}]",
            hit.mechanism, hit.doc_type, hit.lang
        ));
        // Shown only to --as or --all-access: say so before it is pasted anywhere.
        if !hit.access.is_public() {
            heading.push_str(&format!(" {}", hit.access.code().to_uppercase()));
        }
        println!("\n{}", printable(&heading));
        for paragraph in &hit.paragraphs {
            let place = match (&paragraph.n, paragraph.page) {
                (Some(n), _) => format!("para. {n}"),
                (None, Some(page)) => format!("p. {page}"),
                (None, None) => format!("paragraph {}", paragraph.index + 1),
            };
            println!(
                "  {}, {} — {}",
                printable(&label),
                printable(&place),
                printable(&plain_snippet(&paragraph.snippet))
            );
        }
        if !hit.translations.is_empty() {
            let versions: Vec<String> = hit
                .translations
                .iter()
                .map(|translation| format!("{} {}", translation.lang, translation.id))
                .collect();
            println!("  also in: {}", printable(&versions.join(", ")));
        }
        println!("  source: {}", printable(&hit.source.path));
    }
}
