//! The tantivy schema. One index holds three kinds of records, all written in the same
//! commit so that they can never disagree:
//!
//! - `doc`: one per [`hrlex_model::Document`]: the whole text in its language's field
//!   (document-level BM25), facet/filter fast fields, the metadata as stored JSON;
//! - `para`: one per paragraph: the paragraph text in its language's field (for
//!   paragraph hits and snippets), its number, and the paragraph as stored JSON;
//! - `file`: one per corpus file: the incremental-indexing manifest (size, mtime,
//!   content hash, outcome).

use hrlex_analysis::{analyzer_for, ANALYZER_CJK_BIGRAM, ANALYZER_IDENTIFIER};
use hrlex_model::Lang;
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST,
    INDEXED, STORED, STRING,
};

/// Bumped whenever the schema or what is written into it changes incompatibly.
pub const SCHEMA_VERSION: &str = "hrlex-index-11";

pub(crate) const KIND_DOCUMENT: &str = "doc";
pub(crate) const KIND_PARAGRAPH: &str = "para";
pub(crate) const KIND_FILE: &str = "file";

/// The languages that have their own text field, with the field's name. `Other` and
/// `Und` share the default field.
pub(crate) const LANGUAGE_FIELDS: [(Lang, &str); 8] = [
    (Lang::En, "text_en"),
    (Lang::Fr, "text_fr"),
    (Lang::Es, "text_es"),
    (Lang::Pt, "text_pt"),
    (Lang::Ru, "text_ru"),
    (Lang::Ar, "text_ar"),
    (Lang::Zh, "text_zh"),
    (Lang::Und, "text_default"),
];

/// The text field (index into [`Fields::text`]) holding text of `lang`.
pub(crate) fn language_slot(lang: Lang) -> usize {
    let lang = match lang {
        Lang::Other => Lang::Und,
        other => other,
    };
    LANGUAGE_FIELDS
        .iter()
        .position(|(field_lang, _)| *field_lang == lang)
        .unwrap_or(LANGUAGE_FIELDS.len() - 1)
}

/// The analyzer name of a language slot.
pub(crate) fn slot_analyzer(slot: usize) -> &'static str {
    analyzer_for(LANGUAGE_FIELDS[slot].0)
}

/// Every field, resolved once.
#[derive(Clone)]
pub(crate) struct Fields {
    pub kind: Field,
    pub doc_id: Field,
    pub work_id: Field,
    /// [`key_of`] the document id, on document and paragraph records: search joins a
    /// document to its paragraphs, and groups candidates, on this number rather than
    /// on strings (a string column's value is a dictionary lookup).
    pub doc_key: Field,
    /// Doc records: [`key_of`] the work id (absent when the document has none).
    pub work_key: Field,
    /// Doc records: [`key_of`] the normalized UN symbol (absent without one): a
    /// metadata-only record and its full-text twin share it.
    pub twin_key: Field,
    /// The manifest key of the file a `doc`/`para` record came from.
    pub source_file: Field,
    /// The manifest key on `file` records only (so that a file record can be replaced
    /// without touching the documents and vice versa).
    pub file_key: Field,
    pub text: Vec<Field>,
    pub text_cjk: Field,
    pub identifier: Field,
    /// Exact citation keys cited (doc: all paragraphs; para: that paragraph), with
    /// their related keys (`hrlex_cite::related_keys`).
    pub cites: Field,
    /// Exact citation keys of the document's own identifiers, with their related keys.
    pub identifier_key: Field,
    /// Doc records only: [`hrlex_analysis::title_key`] of the title and the case name,
    /// so that a query typing a whole title finds its document first.
    pub title_key: Field,
    pub system: Field,
    pub mechanism: Field,
    pub doc_type: Field,
    pub lang: Field,
    /// Lowercased, for filtering.
    pub state: Field,
    /// As written, for facet display.
    pub state_display: Field,
    pub theme: Field,
    pub theme_display: Field,
    pub outcome: Field,
    pub response: Field,
    pub status: Field,
    pub year: Field,
    /// `YYYYMMDD` (missing parts as 0); 0 when the date is unknown.
    pub date_sort: Field,
    pub access: Field,
    /// The groups that may see a non-public record.
    pub groups: Field,
    /// Doc records: the normalized UN symbol (`hrlex_cite::normalize_un_symbol`), so
    /// that search can tell a metadata-only record and its full-text twin without
    /// decoding the metadata JSON.
    pub symbol_key: Field,
    /// Doc records: 1 when the document has its text, 0 when it is metadata-only
    /// (`crate::terms::is_metadata_only`).
    pub has_text: Field,
    pub para_index: Field,
    /// Doc records: characters of text (`crate::ranking::length_prior`).
    pub text_chars: Field,
    /// Para records: the [`crate::ranking::ParagraphRole`] code.
    pub para_role: Field,
    pub metadata_json: Field,
    pub paragraph_json: Field,
    pub file_size: Field,
    pub file_mtime: Field,
    pub file_hash: Field,
    pub file_status: Field,
}

fn text_options(analyzer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

pub(crate) fn build_schema() -> Schema {
    let mut builder = Schema::builder();
    builder.add_text_field("kind", STRING | FAST);
    builder.add_text_field("doc_id", STRING | FAST | STORED);
    builder.add_text_field("work_id", STRING | FAST | STORED);
    builder.add_text_field("source_file", STRING | FAST);
    builder.add_text_field("file_key", STRING | STORED);
    for (lang, name) in LANGUAGE_FIELDS {
        builder.add_text_field(name, text_options(analyzer_for(lang)));
    }
    builder.add_text_field("text_cjk", text_options(ANALYZER_CJK_BIGRAM));
    builder.add_text_field("identifier", text_options(ANALYZER_IDENTIFIER));
    builder.add_text_field("cites", STRING);
    builder.add_text_field("identifier_key", STRING);
    builder.add_text_field("title_key", STRING);
    for name in [
        "system",
        "mechanism",
        "doc_type",
        "lang",
        "state",
        "state_display",
        "theme",
        "theme_display",
        "outcome",
        "response",
        "status",
    ] {
        builder.add_text_field(name, STRING | FAST);
    }
    let number = NumericOptions::default() | INDEXED | FAST;
    builder.add_i64_field("year", number.clone());
    builder.add_i64_field("date_sort", FAST);
    builder.add_u64_field("access", number);
    builder.add_text_field("groups", STRING);
    builder.add_u64_field("doc_key", NumericOptions::default() | INDEXED | FAST);
    builder.add_u64_field("work_key", FAST);
    builder.add_u64_field("twin_key", FAST);
    builder.add_text_field("symbol_key", FAST | STORED);
    builder.add_u64_field("has_text", FAST | STORED);
    builder.add_u64_field("para_index", FAST | STORED);
    builder.add_u64_field("text_chars", FAST);
    builder.add_u64_field("para_role", FAST);
    builder.add_text_field("metadata_json", STORED);
    builder.add_text_field("paragraph_json", STORED);
    builder.add_u64_field("file_size", STORED);
    builder.add_i64_field("file_mtime", STORED);
    builder.add_text_field("file_hash", STORED);
    builder.add_text_field("file_status", STORED);
    builder.build()
}

/// The 64-bit key of an id (the first 8 bytes of its BLAKE3 hash). Two ids share a key
/// with a probability of about n²/2⁶⁵ for n ids (3·10⁻⁸ at a million documents).
pub(crate) fn key_of(text: &str) -> u64 {
    let hash = blake3::hash(text.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&hash.as_bytes()[..8]);
    u64::from_le_bytes(first)
}

impl Fields {
    pub(crate) fn resolve(schema: &Schema) -> Result<Fields, tantivy::TantivyError> {
        let field = |name: &str| schema.get_field(name);
        let mut text = Vec::with_capacity(LANGUAGE_FIELDS.len());
        for (_, name) in LANGUAGE_FIELDS {
            text.push(field(name)?);
        }
        Ok(Fields {
            kind: field("kind")?,
            doc_id: field("doc_id")?,
            work_id: field("work_id")?,
            doc_key: field("doc_key")?,
            work_key: field("work_key")?,
            twin_key: field("twin_key")?,
            source_file: field("source_file")?,
            file_key: field("file_key")?,
            text,
            text_cjk: field("text_cjk")?,
            identifier: field("identifier")?,
            cites: field("cites")?,
            identifier_key: field("identifier_key")?,
            title_key: field("title_key")?,
            system: field("system")?,
            mechanism: field("mechanism")?,
            doc_type: field("doc_type")?,
            lang: field("lang")?,
            state: field("state")?,
            state_display: field("state_display")?,
            theme: field("theme")?,
            theme_display: field("theme_display")?,
            outcome: field("outcome")?,
            response: field("response")?,
            status: field("status")?,
            year: field("year")?,
            date_sort: field("date_sort")?,
            access: field("access")?,
            groups: field("groups")?,
            symbol_key: field("symbol_key")?,
            has_text: field("has_text")?,
            para_index: field("para_index")?,
            text_chars: field("text_chars")?,
            para_role: field("para_role")?,
            metadata_json: field("metadata_json")?,
            paragraph_json: field("paragraph_json")?,
            file_size: field("file_size")?,
            file_mtime: field("file_mtime")?,
            file_hash: field("file_hash")?,
            file_status: field("file_status")?,
        })
    }
}

/// Access levels as ordered numbers (a caller sees documents whose number is ≤ theirs).
pub(crate) fn access_rank(access: hrlex_model::Access) -> u64 {
    match access {
        hrlex_model::Access::Public => 0,
        hrlex_model::Access::Restricted => 1,
        hrlex_model::Access::Confidential => 2,
    }
}

/// The access level of a rank of [`access_rank`] (an unknown rank is the most
/// restricted).
pub(crate) fn access_of_rank(rank: u64) -> hrlex_model::Access {
    match rank {
        0 => hrlex_model::Access::Public,
        1 => hrlex_model::Access::Restricted,
        _ => hrlex_model::Access::Confidential,
    }
}

/// `YYYY[-MM[-DD]]` → `YYYYMMDD` with missing parts as 0; 0 when unparseable.
pub(crate) fn date_sort_key(date: Option<&str>) -> i64 {
    let Some(date) = date else { return 0 };
    let mut parts = date.trim().splitn(3, '-');
    let year: i64 = match parts.next().and_then(|part| part.get(..4)?.parse().ok()) {
        Some(year) => year,
        None => return 0,
    };
    let month: i64 = parts.next().and_then(|part| part.parse().ok()).unwrap_or(0);
    let day: i64 = parts
        .next()
        .and_then(|part| part.get(..2).unwrap_or(part).parse().ok())
        .unwrap_or(0);
    year * 10_000 + month.clamp(0, 12) * 100 + day.clamp(0, 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_sort_keys_order_partial_dates_before_full_ones() {
        assert_eq!(date_sort_key(Some("2009-11-16")), 20091116);
        assert_eq!(date_sort_key(Some("2009-11")), 20091100);
        assert_eq!(date_sort_key(Some("2009")), 20090000);
        assert_eq!(date_sort_key(Some("n.d.")), 0);
        assert_eq!(date_sort_key(None), 0);
    }

    #[test]
    fn other_languages_share_the_default_field() {
        assert_eq!(language_slot(Lang::Other), language_slot(Lang::Und));
        assert_ne!(language_slot(Lang::Fr), language_slot(Lang::En));
        assert!(Fields::resolve(&build_schema()).is_ok());
    }
}
