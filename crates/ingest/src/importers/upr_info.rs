//! UPR Info database exports (`upr/recommendations/*.csv`): one document per
//! recommendation, with the State under review, the recommending State, the response,
//! the action category, the issues and the session.
//!
//! The exports come from a classic Mac tool: lines end in a bare CR and the few
//! non-ASCII characters are Mac Roman (`Habr\x8e` is `Habré`). Both are handled here.
//!
//! This module also holds the small helpers the other regional/UPR importers share
//! (state names, legacy decoding, corpus-relative paths).

use super::{ImportContext, Importer};
use crate::{FileOutcome, IngestError};
use hrlex_model::{
    DocType, Document, Lang, Mechanism, Paragraph, Recommendation, Response, Source,
};
use std::collections::HashMap;
use std::path::Path;

pub struct UprInfoCsv;

const HEADER: &[u8] = b"To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response";

impl Importer for UprInfoCsv {
    fn name(&self) -> &'static str {
        "upr_info"
    }

    fn claims(&self, path: &Path, head: &[u8]) -> bool {
        has_extension(path, "csv") && strip_bom(head).starts_with(HEADER)
    }

    fn import(
        &self,
        path: &Path,
        _context: &ImportContext<'_>,
    ) -> Result<FileOutcome, IngestError> {
        let bytes = std::fs::read(path).map_err(|error| IngestError::io(path, error))?;
        let text = normalize_newlines(&decode_legacy(&bytes));
        let file_stem = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .unwrap_or("upr-info")
            .to_string();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|error| IngestError::malformed(path, "CSV", error))?
            .clone();
        let column = |name: &str| headers.iter().position(|header| header.trim() == name);
        let (Some(to), Some(text_column), Some(from), Some(response)) = (
            column("To"),
            column("Text"),
            column("From"),
            column("Response"),
        ) else {
            return Err(IngestError::malformed(
                path,
                "CSV",
                "missing To/Text/From/Response columns",
            ));
        };
        let columns = Columns {
            to,
            to_group: column("To-Rgrp"),
            to_org: column("To-Org"),
            text: text_column,
            from,
            from_group: column("From-Rgrp"),
            from_org: column("From-Org"),
            response,
            action: column("Action"),
            issue: column("Issue"),
            session: column("Session"),
        };
        let mut documents = Vec::new();
        let mut seen: HashMap<String, u32> = HashMap::new();
        for (index, record) in reader.records().enumerate() {
            let record = record.map_err(|error| {
                IngestError::malformed(path, "CSV", format!("row {}: {error}", index + 2))
            })?;
            // Row numbers as a spreadsheet shows them: the header is row 1.
            let row = index + 2;
            if let Some(document) =
                recommendation_from_row(&record, &columns, &file_stem, row, &mut seen)
            {
                documents.push(document);
            }
        }
        if documents.is_empty() {
            return Err(IngestError::Empty {
                path: path.to_path_buf(),
            });
        }
        Ok(FileOutcome::Documents(documents))
    }
}

struct Columns {
    to: usize,
    to_group: Option<usize>,
    to_org: Option<usize>,
    text: usize,
    from: usize,
    from_group: Option<usize>,
    from_org: Option<usize>,
    response: usize,
    action: Option<usize>,
    issue: Option<usize>,
    session: Option<usize>,
}

fn recommendation_from_row(
    record: &csv::StringRecord,
    columns: &Columns,
    file_stem: &str,
    row: usize,
    seen: &mut HashMap<String, u32>,
) -> Option<Document> {
    let field = |index: usize| record.get(index).map(str::trim).unwrap_or("");
    let optional = |index: Option<usize>| index.map(field).filter(|value| !value.is_empty());
    let text = clean_spaces(field(columns.text));
    if text.is_empty() {
        return None;
    }
    let to = field(columns.to);
    let from = field(columns.from);
    let session = optional(columns.session).map(str::to_string);
    let response_text = field(columns.response);

    let key = format!(
        "{}|{}|{}|{}",
        session.as_deref().unwrap_or(""),
        to,
        from,
        text
    );
    let mut id = format!(
        "upr-info:s{}:{}",
        session.as_deref().unwrap_or("0"),
        short_hash(&key)
    );
    let count = seen.entry(id.clone()).or_insert(0);
    *count += 1;
    if *count > 1 {
        id = format!("{id}-{count}");
    }

    let mut document = Document::new(id, Lang::En);
    document.title = title_from_text(&text);
    document.mechanism = Mechanism::Upr;
    document.doc_type = DocType::Recommendation;
    let state = state_name(to)
        .map(str::to_string)
        .unwrap_or_else(|| to.to_string());
    if !state.is_empty() {
        document.states.push(state.clone());
    }
    document.date = session
        .as_deref()
        .and_then(session_date)
        .map(str::to_string);
    let year = document
        .date
        .as_deref()
        .map_or("", |date| &date[..4.min(date.len())]);
    document.work_id = recommendation_work_id(&state, year, &text);
    if let Some(issues) = optional(columns.issue) {
        document.themes = issues
            .split(',')
            .map(str::trim)
            .filter(|issue| !issue.is_empty())
            .map(str::to_string)
            .collect();
    }
    let is_pledge = response_text.eq_ignore_ascii_case("voluntary pledge");
    let mut recommending_states = Vec::new();
    if !from.is_empty() && !is_pledge {
        recommending_states.push(
            state_name(from)
                .map(str::to_string)
                .unwrap_or_else(|| from.to_string()),
        );
    }
    document.recommendation = Some(Recommendation {
        recommending_states,
        recommending_body: None,
        response: map_response(response_text),
        response_text: Some(response_text.to_string()).filter(|text| !text.is_empty()),
        implementation: None,
        session: session.clone(),
        report_symbol: None,
        action_category: optional(columns.action)
            .and_then(|action| action.parse::<u8>().ok())
            .filter(|action| (1..=5).contains(action)),
    });
    if is_pledge {
        document
            .extra
            .insert("kind".into(), "voluntary pledge".into());
        if !from.is_empty() {
            document.extra.insert("pledged_by".into(), from.to_string());
        }
    }
    for (name, index) in [
        ("to_regional_group", columns.to_group),
        ("to_organizations", columns.to_org),
        ("from_regional_group", columns.from_group),
        ("from_organizations", columns.from_org),
    ] {
        if let Some(value) = optional(index) {
            document.extra.insert(name.into(), value.to_string());
        }
    }
    document.source = Source {
        path: String::new(),
        record: Some(format!("{file_stem}.csv row {row}")),
        format: "csv".into(),
        importer: "upr_info".into(),
    };
    document.paragraphs.push(Paragraph::unnumbered(text));
    Some(document)
}

/// Maps a UPR Info response. Real values: `Accepted`, `Noted` and, in the voluntary
/// pledges export, `Voluntary Pledge` — a commitment the State made itself, which is
/// neither supported nor noted: `Other`, with the raw text kept.
pub(super) fn map_response(raw: &str) -> Option<Response> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return None;
    }
    if let Some(response) = Response::parse(trimmed) {
        return Some(response);
    }
    let lowered = trimmed.to_lowercase();
    Some(match lowered.as_str() {
        "support"
        | "supported"
        | "accept"
        | "acceptée"
        | "implemented"
        | "implement"
        | "already implemented" => Response::Supported,
        "reject" | "rejected" | "noted" | "note" | "not supported" => Response::Noted,
        "consider" | "considered" | "under consideration" => Response::Considered,
        "partially accepted" | "partially supported" | "partial" => Response::PartiallySupported,
        "unknown" | "unclear" | "no response" => Response::NoResponse,
        _ => Response::Other,
    })
}

/// The approximate month a UPR Working Group session (first cycle and start of the
/// second, sessions 1–20) was held.
pub(super) fn session_date(session: &str) -> Option<&'static str> {
    let number: u32 = session.trim().parse().ok()?;
    Some(match number {
        1 => "2008-04",
        2 => "2008-05",
        3 => "2008-12",
        4 => "2009-02",
        5 => "2009-05",
        6 => "2009-11",
        7 => "2010-02",
        8 => "2010-05",
        9 => "2010-11",
        10 => "2011-01",
        11 => "2011-05",
        12 => "2011-10",
        13 => "2012-05",
        14 => "2012-10",
        15 => "2013-01",
        16 => "2013-04",
        17 => "2013-10",
        18 => "2014-01",
        19 => "2014-04",
        20 => "2014-10",
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------
// Helpers shared by the UPR and regional importers.
// ---------------------------------------------------------------------------------

/// True when the file name ends in `.<extension>` (case-insensitive).
pub(super) fn has_extension(path: &Path, extension: &str) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(extension))
}

/// The name of the directory holding the file.
pub(super) fn parent_name(path: &Path) -> &str {
    path.parent()
        .and_then(|parent| parent.file_name())
        .and_then(|name| name.to_str())
        .unwrap_or("")
}

/// The last `components` components of a path joined by `/`: a corpus-relative path
/// that does not depend on which folder the walk started from.
pub(super) fn corpus_tail(path: &Path, components: usize) -> String {
    let parts: Vec<String> = path
        .components()
        .map(|component| component.as_os_str().to_string_lossy().into_owned())
        .collect();
    let start = parts.len().saturating_sub(components);
    parts[start..].join("/")
}

pub(super) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// UTF-8 when the bytes are valid UTF-8, otherwise Mac Roman (the encoding of the
/// UPR exports, which also have bare-CR line ends).
pub(super) fn decode_legacy(bytes: &[u8]) -> String {
    let bytes = strip_bom(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::MACINTOSH
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// Turns CRLF and bare CR line ends into LF.
pub(super) fn normalize_newlines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Collapses runs of whitespace (including non-breaking spaces) into one space.
pub(super) fn clean_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A display title from a long text: its first 160 characters, cut at a word.
pub(super) fn title_from_text(text: &str) -> String {
    const LIMIT: usize = 160;
    if text.chars().count() <= LIMIT {
        return text.to_string();
    }
    let cut: String = text.chars().take(LIMIT).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > LIMIT / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ' ']))
}

/// The work a UPR recommendation belongs to: one recommendation to one State in one
/// year, whichever export lists it (UPR Info's database, the year CSVs) and however many
/// recommending States made it in the same words. Only its words count: not its number,
/// the recommending States listed at its end, punctuation or case.
pub(super) fn recommendation_work_id(state: &str, year: &str, text: &str) -> String {
    // A number the row kept (`94.15.4 Intensify…`, `98.22..1 Heed…`) is not a word.
    let mut text = text
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c.is_whitespace())
        .trim_end_matches([';', '.', ',', ' ']);
    if text.ends_with(')') {
        if let Some(open) = text.rfind('(') {
            text = &text[..open];
        }
    }
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    format!(
        "upr-recommendation:{}:{year}:{}",
        compact(state),
        short_hash(&words.join(" "))
    )
}

/// A short stable hash of a string (12 hex digits of BLAKE3).
pub(super) fn short_hash(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex()[..12].to_string()
}

/// Lowercase letters and digits only (`Bosnia & Herzegovina` → `bosniaandherzegovina`).
pub(super) fn compact(name: &str) -> String {
    name.replace('&', "and")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// UN member States as UPR Info spells them.
const STATES: &[&str] = &[
    "Afghanistan",
    "Albania",
    "Algeria",
    "Andorra",
    "Angola",
    "Antigua & Barbuda",
    "Argentina",
    "Armenia",
    "Australia",
    "Austria",
    "Azerbaijan",
    "Bahamas",
    "Bahrain",
    "Bangladesh",
    "Barbados",
    "Belarus",
    "Belgium",
    "Belize",
    "Benin",
    "Bhutan",
    "Bolivia",
    "Bosnia & Herzegovina",
    "Botswana",
    "Brazil",
    "Brunei Darussalam",
    "Bulgaria",
    "Burkina Faso",
    "Burundi",
    "Cambodia",
    "Cameroon",
    "Canada",
    "Cape Verde",
    "Central African Republic",
    "Chad",
    "Chile",
    "China",
    "Colombia",
    "Comoros",
    "Costa Rica",
    "Cote d'Ivoire",
    "Croatia",
    "Cuba",
    "Cyprus",
    "Czech Republic",
    "DPR Korea",
    "Democratic Republic of Congo",
    "Denmark",
    "Djibouti",
    "Dominica",
    "Dominican Republic",
    "Ecuador",
    "Egypt",
    "El Salvador",
    "Equatorial Guinea",
    "Eritrea",
    "Estonia",
    "Ethiopia",
    "Fiji",
    "Finland",
    "France",
    "Gabon",
    "Gambia",
    "Georgia",
    "Germany",
    "Ghana",
    "Greece",
    "Grenada",
    "Guatemala",
    "Guinea",
    "Guinea Bissau",
    "Guyana",
    "Haiti",
    "Honduras",
    "Hungary",
    "Iceland",
    "India",
    "Indonesia",
    "Iran",
    "Iraq",
    "Ireland",
    "Israel",
    "Italy",
    "Jamaica",
    "Japan",
    "Jordan",
    "Kazakhstan",
    "Kenya",
    "Kiribati",
    "Kuwait",
    "Kyrgyzstan",
    "Laos",
    "Latvia",
    "Lebanon",
    "Lesotho",
    "Liberia",
    "Libya",
    "Liechtenstein",
    "Lithuania",
    "Luxembourg",
    "Macedonia FYR",
    "Madagascar",
    "Malawi",
    "Malaysia",
    "Maldives",
    "Mali",
    "Malta",
    "Marshall Islands",
    "Mauritania",
    "Mauritius",
    "Mexico",
    "Micronesia",
    "Moldova",
    "Monaco",
    "Mongolia",
    "Montenegro",
    "Morocco",
    "Mozambique",
    "Myanmar",
    "Namibia",
    "Nauru",
    "Nepal",
    "Netherlands",
    "New Zealand",
    "Nicaragua",
    "Niger",
    "Nigeria",
    "Norway",
    "Oman",
    "Pakistan",
    "Palau",
    "Panama",
    "Papua New Guinea",
    "Paraguay",
    "Peru",
    "Philippines",
    "Poland",
    "Portugal",
    "Qatar",
    "Republic of Congo",
    "Republic of Korea",
    "Romania",
    "Russian Federation",
    "Rwanda",
    "Samoa",
    "San Marino",
    "Sao Tome & Principe",
    "Saudi Arabia",
    "Senegal",
    "Serbia",
    "Seychelles",
    "Sierra Leone",
    "Singapore",
    "Slovakia",
    "Slovenia",
    "Solomon Islands",
    "Somalia",
    "South Africa",
    "South Sudan",
    "Spain",
    "Sri Lanka",
    "St Kitts & Nevis",
    "St Lucia",
    "St Vincent & the Grenadines",
    "Sudan",
    "Suriname",
    "Swaziland",
    "Sweden",
    "Switzerland",
    "Syria",
    "Tajikistan",
    "Tanzania",
    "Thailand",
    "Timor-Leste",
    "Togo",
    "Tonga",
    "Trinidad & Tobago",
    "Tunisia",
    "Turkey",
    "Turkmenistan",
    "Tuvalu",
    "Uganda",
    "Ukraine",
    "United Arab Emirates",
    "United Kingdom",
    "United States",
    "Uruguay",
    "Uzbekistan",
    "Vanuatu",
    "Venezuela",
    "Viet Nam",
    "Yemen",
    "Zambia",
    "Zimbabwe",
];

/// Other spellings found in the corpus (year-csvs, report file names, HUDOC, Uwazi,
/// peachjam), compacted, with the UPR Info spelling they stand for.
const ALIASES: &[(&str, &str)] = &[
    ("korea", "Republic of Korea"),
    ("southkorea", "Republic of Korea"),
    ("democraticpeoplesrepublicofkorea", "DPR Korea"),
    ("northkorea", "DPR Korea"),
    ("russia", "Russian Federation"),
    ("congo", "Republic of Congo"),
    ("republicofthecongo", "Republic of Congo"),
    (
        "democraticrepublicofthecongo",
        "Democratic Republic of Congo",
    ),
    ("vietnam", "Viet Nam"),
    ("laopeoplesdemocraticrepublic", "Laos"),
    ("macedonia", "Macedonia FYR"),
    ("theformeryugoslavrepublicofmacedonia", "Macedonia FYR"),
    ("kyrgysztan", "Kyrgyzstan"),
    ("centeralafricanrepublic", "Central African Republic"),
    ("unitedstatesofamerica", "United States"),
    ("usa", "United States"),
    ("saintkittsandnevis", "St Kitts & Nevis"),
    ("saintlucia", "St Lucia"),
    (
        "saintvincentandthegrenadines",
        "St Vincent & the Grenadines",
    ),
    ("timorleste", "Timor-Leste"),
    ("cotedivoire", "Cote d'Ivoire"),
    ("côtedivoire", "Cote d'Ivoire"),
    ("capeverde", "Cape Verde"),
    ("caboverde", "Cape Verde"),
    ("iranislamicrepublicof", "Iran"),
    ("syrianarabrepublic", "Syria"),
    ("unitedrepublicoftanzania", "Tanzania"),
    ("republicofmoldova", "Moldova"),
    ("boliviaplurinationalstateof", "Bolivia"),
    ("venezuelabolivarianrepublicof", "Venezuela"),
    ("micronesiafederatedstatesof", "Micronesia"),
    ("theunitedkingdom", "United Kingdom"),
    (
        "unitedkingdomofgreatbritainandnorthernireland",
        "United Kingdom",
    ),
    ("federalrepublicofnigeria", "Nigeria"),
    ("eswatini", "Swaziland"),
    ("türkiye", "Turkey"),
    ("turkiye", "Turkey"),
];

/// The UPR Info spelling of a State name written in any of the corpus's forms, or
/// `None` when it is not a UN member State we know.
pub(crate) fn state_name(raw: &str) -> Option<&'static str> {
    let key = compact(raw);
    if key.is_empty() {
        return None;
    }
    STATES
        .iter()
        .copied()
        .find(|state| compact(state) == key)
        .or_else(|| {
            ALIASES
                .iter()
                .find(|(alias, _)| *alias == key)
                .map(|(_, state)| *state)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn responses_beyond_supported_and_noted_are_mapped() {
        assert_eq!(map_response("Accepted"), Some(Response::Supported));
        assert_eq!(map_response("Noted"), Some(Response::Noted));
        assert_eq!(map_response("Voluntary Pledge"), Some(Response::Other));
        assert_eq!(map_response("reject"), Some(Response::Noted));
        assert_eq!(map_response("consider"), Some(Response::Considered));
        assert_eq!(map_response(""), None);
    }

    #[test]
    fn state_names_are_normalized() {
        assert_eq!(
            state_name("bosniaandherzegovina"),
            Some("Bosnia & Herzegovina")
        );
        assert_eq!(state_name("SriLanka"), Some("Sri Lanka"));
        assert_eq!(
            state_name("Centeral African Republic"),
            Some("Central African Republic")
        );
        assert_eq!(state_name("guinea-bissau"), Some("Guinea Bissau"));
        assert_eq!(state_name("Atlantis"), None);
    }

    #[test]
    fn mac_roman_is_decoded() {
        assert_eq!(decode_legacy(b"Habr\x8e"), "Habré");
        assert_eq!(decode_legacy("Habré".as_bytes()), "Habré");
    }
}
