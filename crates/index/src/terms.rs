//! The mapping of a document to its index records and terms: one document record
//! (metadata, whole text, identifiers, cited keys, facet values, priors' inputs), one
//! record per paragraph, and the manifest's file record. Also the keys a document is
//! indexed under for the citation graph ([`with_related`], [`identifier_terms`]) and
//! whether it is metadata-only ([`is_metadata_only`]): the graph and the authority
//! lookups read the same mapping at query time.

use crate::analysis::has_cjk;
use crate::ranking::{paragraph_roles, ParagraphRole};
use crate::schema::{
    access_rank, date_sort_key, key_of, language_slot, Fields, KIND_DOCUMENT, KIND_PARAGRAPH,
};
use crate::IndexError;
use hrlex_analysis::{printed_identifiers, title_key};
use hrlex_model::{CitationKey, Document, Lang, Paragraph};
use std::collections::BTreeSet;
use tantivy::{IndexWriter, TantivyDocument};

/// The identifier strings under which a citation key is searchable: the whole key, the
/// key without its family (`A/HRC/15/56`), and for numbered applications and
/// communications the bare number (`30696/09`).
pub(crate) fn identifier_values(key: &CitationKey) -> Vec<String> {
    let key = key.as_str();
    let mut values = vec![key.to_string()];
    if let Some((_, rest)) = key.split_once(':') {
        values.push(rest.to_string());
        if let Some((_, last)) = rest.rsplit_once(':') {
            if last.contains('/') {
                values.push(last.to_string());
            }
        }
    }
    values
}

/// `keys` and the keys naming the same documents, deduplicated, in a stable order.
pub(crate) fn with_related<'a>(keys: impl Iterator<Item = &'a CitationKey>) -> Vec<CitationKey> {
    let mut seen: BTreeSet<CitationKey> = BTreeSet::new();
    for key in keys {
        if seen.insert(key.clone()) {
            for related in hrlex_cite::related_keys(key) {
                seen.insert(related);
            }
        }
    }
    seen.into_iter().collect()
}

/// The keys under which a document bearing `identifiers` is cited: [`with_related`],
/// and for each communication `comm:CCPR:1153/2003` the context-free form
/// `comm:?:1153/2003` that a citing document of unknown body gives (a Special
/// Rapporteur's `communication No. 1153/2003`).
pub(crate) fn identifier_terms<'a>(
    identifiers: impl Iterator<Item = &'a CitationKey>,
) -> Vec<CitationKey> {
    let mut terms = with_related(identifiers);
    let unknown_body: Vec<CitationKey> = terms
        .iter()
        .filter_map(|key| {
            let rest = key.as_str().strip_prefix("comm:")?;
            let (body, number) = rest.split_once(':')?;
            (body != "?").then(|| CitationKey::new(format!("comm:?:{number}")))
        })
        .collect();
    for key in unknown_body {
        if !terms.contains(&key) {
            terms.push(key);
        }
    }
    terms
}

/// The note code importers put on a document made of metadata without the text.
pub(crate) const METADATA_ONLY_NOTE: &str = "metadata-only";

/// A document is metadata-only when its importer says so (the OHCHR export; ECOWAS
/// records whose one paragraph is a summary) or when it has no paragraph.
pub(crate) fn is_metadata_only(document: &Document, has_paragraphs: bool) -> bool {
    !has_paragraphs
        || document
            .notes
            .iter()
            .any(|note| note.code == METADATA_ONLY_NOTE)
}

/// Queues the records of `document` (from the file `source_key`).
pub(crate) fn add_document(
    writer: &IndexWriter,
    fields: &Fields,
    source_key: &str,
    mut document: Document,
) -> Result<(), IndexError> {
    let record = document_record(fields, source_key, &mut document)?;
    writer
        .add_document(record)
        .map_err(IndexError::engine("adding a document"))?;

    let roles = paragraph_roles(
        document
            .paragraphs
            .iter()
            .map(|paragraph| paragraph.text.as_str()),
    );
    for (paragraph_index, paragraph) in document.paragraphs.iter().enumerate() {
        let record = paragraph_record(
            fields,
            source_key,
            &document,
            paragraph_index,
            paragraph,
            roles[paragraph_index],
        )?;
        writer
            .add_document(record)
            .map_err(IndexError::engine("adding a paragraph"))?;
    }
    Ok(())
}

/// The document record of `document`: its metadata, whole text, identifiers, cited
/// keys, facet values and priors' inputs, and the metadata JSON (the document without
/// its paragraphs, which are put back).
fn document_record(
    fields: &Fields,
    source_key: &str,
    document: &mut Document,
) -> Result<TantivyDocument, IndexError> {
    let mut record = TantivyDocument::new();
    add_identity(&mut record, fields, source_key, document);
    let cited_keys = add_text(&mut record, fields, document);
    add_identifiers(&mut record, fields, document, &cited_keys);
    add_facets(&mut record, fields, document);
    // The metadata is the document without its paragraphs (stored in their own records);
    // taken out and put back rather than cloning the whole text.
    let paragraphs = std::mem::take(&mut document.paragraphs);
    let metadata_json = serde_json::to_string(&document).map_err(|error| IndexError::Engine {
        context: "encoding document metadata",
        message: error.to_string(),
    })?;
    document.paragraphs = paragraphs;
    record.add_text(fields.metadata_json, metadata_json);
    Ok(record)
}

/// The record kind, id, work, source file, and title and case name (as text and as
/// title keys).
fn add_identity(
    record: &mut TantivyDocument,
    fields: &Fields,
    source_key: &str,
    document: &Document,
) {
    record.add_text(fields.kind, KIND_DOCUMENT);
    record.add_text(fields.doc_id, &document.id);
    record.add_u64(fields.doc_key, key_of(&document.id));
    record.add_text(fields.work_id, &document.work_id);
    if !document.work_id.is_empty() {
        record.add_u64(fields.work_key, key_of(&document.work_id));
    }
    record.add_text(fields.source_file, source_key);
    let document_slot = language_slot(document.lang);
    if !document.title.is_empty() {
        record.add_text(fields.text[document_slot], &document.title);
    }
    if let Some(case_name) = &document.case_name {
        record.add_text(fields.text[document_slot], case_name);
    }
    let titles = std::iter::once(&document.title).chain(document.case_name.as_ref());
    let title_keys: BTreeSet<String> = titles.filter_map(|title| title_key(title)).collect();
    for key in &title_keys {
        record.add_text(fields.title_key, key);
    }
}

/// The text of every paragraph (in its language's field, and the CJK field); returns
/// the keys the paragraphs cite.
fn add_text<'a>(
    record: &mut TantivyDocument,
    fields: &Fields,
    document: &'a Document,
) -> BTreeSet<&'a str> {
    let mut cited_keys: BTreeSet<&str> = BTreeSet::new();
    for paragraph in &document.paragraphs {
        let slot = language_slot(paragraph.lang.unwrap_or(document.lang));
        record.add_text(fields.text[slot], &paragraph.text);
        if document.lang == Lang::Zh || has_cjk(&paragraph.text) {
            record.add_text(fields.text_cjk, &paragraph.text);
        }
        for citation in &paragraph.citations {
            cited_keys.insert(citation.key.as_str());
        }
    }
    cited_keys
}

/// The symbol, whether the document has its text, the identifier values of its own and
/// cited keys and of identifiers printed in its text, and the terms the graph looks up
/// (`identifier_key`, `cites`).
fn add_identifiers(
    record: &mut TantivyDocument,
    fields: &Fields,
    document: &Document,
    cited_keys: &BTreeSet<&str>,
) {
    if let Some(symbol) = &document.symbol {
        record.add_text(fields.identifier, symbol);
        let symbol_key = hrlex_cite::normalize_un_symbol(symbol);
        record.add_u64(fields.twin_key, key_of(&symbol_key));
        record.add_text(fields.symbol_key, symbol_key);
    }
    let has_text = !is_metadata_only(document, !document.paragraphs.is_empty());
    record.add_u64(fields.has_text, u64::from(has_text));
    for key in &document.identifiers {
        for value in identifier_values(key) {
            record.add_text(fields.identifier, &value);
        }
    }
    // The graph resolves keys by term lookup: own identifiers and cited keys are both
    // indexed with the keys naming the same document (`with_related`).
    for key in identifier_terms(document.identifiers.iter()) {
        record.add_text(fields.identifier_key, key.as_str());
    }
    for key in cited_keys {
        for value in identifier_values(&CitationKey::new(*key)) {
            record.add_text(fields.identifier, &value);
        }
    }
    let printed: BTreeSet<&str> = document
        .paragraphs
        .iter()
        .flat_map(|paragraph| printed_identifiers(&paragraph.text))
        .collect();
    for value in printed {
        record.add_text(fields.identifier, value);
    }
    let cited: Vec<CitationKey> = cited_keys
        .iter()
        .map(|key| CitationKey::new(*key))
        .collect();
    for key in with_related(cited.iter()) {
        record.add_text(fields.cites, key.as_str());
    }
}

/// The facet values (system, mechanism, type, language, states, themes, outcome,
/// recommendation), the year, sort date, access rank and text length.
fn add_facets(record: &mut TantivyDocument, fields: &Fields, document: &Document) {
    record.add_text(fields.system, document.system().code());
    record.add_text(fields.mechanism, document.mechanism.code());
    record.add_text(fields.doc_type, document.doc_type.code());
    record.add_text(fields.lang, document.lang.code());
    for state in &document.states {
        record.add_text(fields.state, state.to_lowercase());
        record.add_text(fields.state_display, state);
    }
    for theme in &document.themes {
        record.add_text(fields.theme, theme.to_lowercase());
        record.add_text(fields.theme_display, theme);
    }
    if let Some(outcome) = &document.outcome {
        record.add_text(fields.outcome, outcome.to_lowercase());
    }
    if let Some(recommendation) = &document.recommendation {
        if let Some(response) = recommendation.response {
            record.add_text(fields.response, response.code());
        }
        if let Some(status) = recommendation.implementation {
            record.add_text(fields.status, status.code());
        }
    }
    if let Some(year) = document.year() {
        record.add_i64(fields.year, i64::from(year));
    }
    record.add_i64(fields.date_sort, date_sort_key(document.date.as_deref()));
    add_access(record, fields, document);
    let text_chars: usize = document
        .paragraphs
        .iter()
        .map(|paragraph| paragraph.text.chars().count())
        .sum();
    record.add_u64(fields.text_chars, text_chars as u64);
}

/// Who may see the record: the access rank and, when not public, the document's groups
/// (every record of a document carries both, so that each is filtered on its own).
fn add_access(record: &mut TantivyDocument, fields: &Fields, document: &Document) {
    record.add_u64(fields.access, access_rank(document.access));
    if document.access != hrlex_model::Access::Public {
        for group in &document.groups {
            record.add_text(fields.groups, group);
        }
    }
}

/// The record of the paragraph `paragraph_index` of `document`, of role `role`.
fn paragraph_record(
    fields: &Fields,
    source_key: &str,
    document: &Document,
    paragraph_index: usize,
    paragraph: &Paragraph,
    role: ParagraphRole,
) -> Result<TantivyDocument, IndexError> {
    let mut record = TantivyDocument::new();
    record.add_text(fields.kind, KIND_PARAGRAPH);
    record.add_u64(fields.para_role, role as u64);
    record.add_text(fields.doc_id, &document.id);
    record.add_u64(fields.doc_key, key_of(&document.id));
    record.add_text(fields.source_file, source_key);
    record.add_u64(fields.para_index, paragraph_index as u64);
    let slot = language_slot(paragraph.lang.unwrap_or(document.lang));
    record.add_text(fields.text[slot], &paragraph.text);
    if document.lang == Lang::Zh || has_cjk(&paragraph.text) {
        record.add_text(fields.text_cjk, &paragraph.text);
    }
    for citation in &paragraph.citations {
        for value in identifier_values(&citation.key) {
            record.add_text(fields.identifier, &value);
        }
    }
    for value in printed_identifiers(&paragraph.text) {
        record.add_text(fields.identifier, value);
    }
    for key in with_related(paragraph.citations.iter().map(|citation| &citation.key)) {
        record.add_text(fields.cites, key.as_str());
    }
    add_access(&mut record, fields, document);
    let paragraph_json = serde_json::to_string(paragraph).map_err(|error| IndexError::Engine {
        context: "encoding a paragraph",
        message: error.to_string(),
    })?;
    record.add_text(fields.paragraph_json, paragraph_json);
    Ok(record)
}
