//! The citation graph: what a document cites (each key resolved to documents, or
//! dangling) and what cites a document or a key (citing documents with their citing
//! paragraphs, counted per system), and the language versions of a work.
//!
//! Edges are not stored: they are computed at query time from the indexed `cites`
//! (paragraph and document records) and `identifier_key` (document records) terms, so
//! reindexing a changed document updates its edges in both directions by construction.
//! Both fields hold, beside each key, the keys that name the same document
//! ([`hrlex_cite::related_keys`]: D-symbol → communication, general-comment symbol ↔
//! `gc:` key, ECtHR ECLI → application, advisory opinion ↔ Series A, Security Council
//! resolution with year → without), so that resolution is a term lookup.
//!
//! Resolution rules: a document is a target of a key when the key, or a key related to
//! it, is one of its identifiers; a communication cited without its body
//! (`comm:?:1153/2003`) resolves to that communication of any body. Self-citations (a document citing one of its own
//! identifiers, or any language version of its own work) are not edges. A key that
//! names no document in the index is *dangling*: it is still listed under what a
//! document cites, and "cited by" works for it.
//!
//! One authority, one set of keys: "what cites" a document or a key asks for every key of
//! the authority it names — joined at query time by the authority table
//! ([`hrlex_cite::authority_keys`]: application number = Series A number = ECLI = case
//! name in English and French…) and by the identifiers of the documents bearing a key
//! (`crate::authority`) — so that each key of one decision gives the same citing
//! documents, counted also as works (`works`: language versions count once).
//!
//! A case cited by name only (`Mutombo v. Switzerland, Views adopted on 27 April 1994`)
//! has a `name:` key (`name:mutombo v switzerland`, [`hrlex_cite::case_name_key`]);
//! documents deciding a case bear the key of their case name, so the edge is resolved by
//! the same term lookup, both ways; an occurrence's `surface` is the name as written.
//!
//! One decision, two documents: a metadata-only record (the OHCHR export's entry for a
//! treaty-body decision: symbol, case name, dates, no text) and the full-text decision
//! bear the same identifiers. Where a key resolves to both, the full text is the target
//! and the record is dropped (`SearchIndex::prefer_full_text`); a record that is the
//! only document bearing a key stays the target (the index knows the decision, not its
//! text). Asked "what cites" the record, the answer is the full-text decision's.

use crate::schema::{KIND_DOCUMENT, KIND_PARAGRAPH};
use crate::search::{SearchIndex, Translation};
use crate::term_queries::any_term_query;
use crate::IndexError;
use hrlex_model::{Access, CitationKey, CitationKind, Document, Paragraph, System};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use tantivy::collector::{Count, DocSetCollector};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

/// Characters of paragraph text kept on each side of the citation in a snippet.
const SNIPPET_CONTEXT_CHARS: usize = 160;
/// The largest page of citing documents.
pub const MAX_CITING_LIMIT: usize = 500;

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

/// `key`, its related keys and the keys the authority table joins to them
/// ([`hrlex_cite::authority_keys`]): every key naming the document `key` names.
fn expanded(key: &CitationKey) -> Vec<CitationKey> {
    let related = with_related(std::iter::once(key));
    let aliases: Vec<CitationKey> = related
        .iter()
        .flat_map(hrlex_cite::authority_keys)
        .collect();
    with_related(related.iter().chain(aliases.iter()))
}

/// The note code importers put on a document made of metadata without the text.
const METADATA_ONLY_NOTE: &str = "metadata-only";

/// A document is metadata-only when its importer says so (the OHCHR export; ECOWAS
/// records whose one paragraph is a summary) or when it has no paragraph.
pub(crate) fn is_metadata_only(document: &Document, has_paragraphs: bool) -> bool {
    !has_paragraphs
        || document
            .notes
            .iter()
            .any(|note| note.code == METADATA_ONLY_NOTE)
}

/// `record` and `full_text` are the same decision: the same symbol when both have one
/// (an admissibility decision and the views on the same communication share the
/// communication key, not the symbol), else an identifier in common other than a case
/// name (`name:x v switzerland` is borne by many decisions).
fn same_decision(record: &Document, full_text: &Document) -> bool {
    match (&record.symbol, &full_text.symbol) {
        (Some(a), Some(b)) => {
            hrlex_cite::normalize_un_symbol(a) == hrlex_cite::normalize_un_symbol(b)
        }
        _ => record.identifiers.iter().any(|key| {
            !key.as_str().starts_with(hrlex_cite::NAME_KEY_PREFIX)
                && full_text.identifiers.contains(key)
        }),
    }
}

/// The system a key points into when no document resolves it.
pub fn system_of_key(key: &CitationKey) -> System {
    match key.kind() {
        CitationKind::Un | CitationKind::Comm | CitationKind::Gc | CitationKind::Upr => System::Un,
        CitationKind::Ecthr | CitationKind::Ehrr | CitationKind::Hudoc => System::European,
        CitationKind::Ecli if key.as_str().starts_with("ecli:CE:") => System::European,
        CitationKind::Iacthr | CitationKind::Iachr | CitationKind::Oas => System::InterAmerican,
        CitationKind::Achpr | CitationKind::Afchpr => System::African,
        _ => System::Other,
    }
}

/// A document as listed in the graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentRef {
    pub id: String,
    pub work_id: String,
    pub title: String,
    pub lang: String,
    pub system: String,
    pub mechanism: String,
    pub doc_type: String,
    pub symbol: Option<String>,
    pub date: Option<String>,
}

impl DocumentRef {
    pub fn of(document: &Document) -> Self {
        DocumentRef {
            id: document.id.clone(),
            work_id: document.work_id.clone(),
            title: document.title.clone(),
            lang: document.lang.code().to_string(),
            system: document.system().code().to_string(),
            mechanism: document.mechanism.code().to_string(),
            doc_type: document.doc_type.code().to_string(),
            symbol: document.symbol.clone(),
            date: document.date.clone(),
        }
    }
}

/// One place where a document cites a key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CitationOccurrence {
    /// 0-based position of the paragraph in the citing document.
    pub index: usize,
    /// The paragraph number as printed.
    pub n: Option<String>,
    pub page: Option<u32>,
    /// Pinpoints into the cited document (`para:18(c)`, `para:75-77`).
    pub pin: Vec<String>,
    /// The citation as written; for a case named without its number, the case name.
    pub surface: String,
}

/// One key a document cites, where, and what it resolves to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CitedKey {
    pub key: String,
    /// The targets' system, or the one the key's family points into when dangling.
    pub system: String,
    /// No document of the index (that the caller may see) bears this key.
    pub dangling: bool,
    /// Documents bearing the key (every language version), ordered by work and language.
    pub targets: Vec<DocumentRef>,
    pub occurrences: Vec<CitationOccurrence>,
}

/// What a document cites.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CitesResponse {
    pub document: DocumentRef,
    /// Distinct keys cited (self-citations excluded).
    pub total: usize,
    /// Keys resolved to at least one document.
    pub resolved: usize,
    /// In order of first citation.
    pub citations: Vec<CitedKey>,
}

/// A paragraph that cites the target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CitingParagraph {
    pub index: usize,
    pub n: Option<String>,
    pub page: Option<u32>,
    /// The key as cited (`un:CCPR/C/85/D/1153/2003`, `comm:CCPR:1153/2003`…).
    pub key: String,
    pub pin: Vec<String>,
    pub surface: String,
    /// The paragraph text around the citation, HTML-escaped, the citation in `<mark>`.
    pub snippet: String,
}

/// A document citing the target, with every citing paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CitingDocument {
    #[serde(flatten)]
    pub document: DocumentRef,
    pub paragraphs: Vec<CitingParagraph>,
}

/// How many documents (and works) of one system cite the target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SystemCount {
    pub system: String,
    pub documents: usize,
    /// Distinct works (a judgment in three languages is one work).
    pub works: usize,
}

/// What cites a document or a key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CitedByResponse {
    /// The document asked about, when asked by document.
    pub document: Option<DocumentRef>,
    /// The keys looked for (the document's identifiers, or the key asked), with the
    /// keys naming the same documents.
    pub keys: Vec<String>,
    /// Citing documents (self-citations excluded), all of them, before paging.
    pub total: usize,
    /// Distinct citing works among them (the language versions of one work count once).
    pub works: usize,
    pub offset: usize,
    pub limit: usize,
    /// Per system, by decreasing count; all citing documents, not only this page.
    pub systems: Vec<SystemCount>,
    /// This page, newest first.
    pub documents: Vec<CitingDocument>,
}

impl CitedByResponse {
    /// `cited by 3 UN documents, 3 Inter-American documents`.
    pub fn summary(&self) -> String {
        if self.systems.is_empty() {
            return "cited by no document".to_string();
        }
        let parts: Vec<String> = self
            .systems
            .iter()
            .map(|count| {
                let noun = if count.documents == 1 {
                    "document"
                } else {
                    "documents"
                };
                format!("{} {} {noun}", count.documents, system_label(&count.system))
            })
            .collect();
        format!("cited by {}", parts.join(", "))
    }
}

/// A system code as written in prose.
pub fn system_label(code: &str) -> &str {
    match code {
        "un" => "UN",
        "european" => "European",
        "inter-american" => "Inter-American",
        "african" => "African",
        "national" => "national",
        _ => "other",
    }
}

impl SearchIndex {
    /// The other language versions of the document `id`'s work; `None` when the
    /// document does not exist or `access` may not see it.
    pub fn translations(
        &self,
        id: &str,
        access: Access,
    ) -> Result<Option<Vec<Translation>>, IndexError> {
        let searcher = self.reader.searcher();
        let Some((_, document)) = self.find_document(&searcher, id, access)? else {
            return Ok(None);
        };
        let mut versions: Vec<Translation> = self
            .work_versions(&searcher, &document.work_id, access)?
            .into_iter()
            .filter(|version| version.id != document.id)
            .map(|version| Translation {
                lang: version.lang,
                id: version.id,
            })
            .collect();
        versions.sort_by(|a, b| a.lang.cmp(&b.lang).then_with(|| a.id.cmp(&b.id)));
        Ok(Some(versions))
    }

    /// What the document `id` cites, paragraph by paragraph, each key resolved to the
    /// documents bearing it (or dangling). `None` when the document does not exist or
    /// `access` may not see it.
    pub fn cites(&self, id: &str, access: Access) -> Result<Option<CitesResponse>, IndexError> {
        let Some(document) = self.document(id, access)? else {
            return Ok(None);
        };
        let searcher = self.reader.searcher();
        let mut by_key: Vec<CitedKey> = Vec::new();
        let mut position_of: HashMap<CitationKey, usize> = HashMap::new();
        for (index, paragraph) in document.paragraphs.iter().enumerate() {
            for citation in &paragraph.citations {
                let position = *position_of.entry(citation.key.clone()).or_insert_with(|| {
                    by_key.push(CitedKey {
                        key: citation.key.as_str().to_string(),
                        system: String::new(),
                        dangling: true,
                        targets: Vec::new(),
                        occurrences: Vec::new(),
                    });
                    by_key.len() - 1
                });
                by_key[position].occurrences.push(CitationOccurrence {
                    index,
                    n: paragraph.n.clone(),
                    page: paragraph.page,
                    pin: citation.pin.clone(),
                    surface: citation.surface.clone(),
                });
            }
        }
        let own_keys: HashSet<CitationKey> = identifier_terms(document.identifiers.iter())
            .into_iter()
            .collect();
        let mut citations = Vec::with_capacity(by_key.len());
        for mut cited in by_key {
            let key = CitationKey::new(cited.key.clone());
            let candidates = expanded(&key);
            // A document naming its own number or symbol is not citing anything.
            if candidates
                .iter()
                .any(|candidate| own_keys.contains(candidate))
            {
                continue;
            }
            let bearing: Vec<Document> = self
                .documents_bearing(&searcher, &candidates, access)?
                .into_iter()
                .filter(|target| target.work_id != document.work_id)
                .collect();
            let mut targets = self.prefer_full_text(&searcher, bearing)?;
            targets.sort_by(|a, b| {
                a.work_id
                    .cmp(&b.work_id)
                    .then_with(|| a.lang.cmp(&b.lang))
                    .then_with(|| a.id.cmp(&b.id))
            });
            cited.dangling = targets.is_empty();
            cited.system = match targets.first() {
                Some(target) => target.system().code().to_string(),
                None => system_of_key(&key).code().to_string(),
            };
            cited.targets = targets.iter().map(DocumentRef::of).collect();
            citations.push(cited);
        }
        Ok(Some(CitesResponse {
            document: DocumentRef::of(&document),
            total: citations.len(),
            resolved: citations.iter().filter(|cited| !cited.dangling).count(),
            citations,
        }))
    }

    /// What cites the document `id` (through any identifier of any language version of
    /// its work), excluding its own work. `None` when the document does not exist or
    /// `access` may not see it. A document without identifiers is cited by nothing.
    ///
    /// A decision held both as full text and as a metadata-only record (same symbol) is
    /// one target: asked about either, the answer is the same, its `document` the full
    /// text (in the record's language when there is a choice).
    pub fn cited_by_document(
        &self,
        id: &str,
        access: Access,
        offset: usize,
        limit: usize,
    ) -> Result<Option<CitedByResponse>, IndexError> {
        let searcher = self.reader.searcher();
        let Some((_, asked)) = self.find_document(&searcher, id, access)? else {
            return Ok(None);
        };
        let (document, decision) = self.decision_of(&searcher, asked, access)?;
        // The decision's case name counts only when no other decision bears it.
        let mut own_keys: Vec<CitationKey> = Vec::new();
        for member in &decision {
            for key in &member.identifiers {
                if own_keys.contains(key) {
                    continue;
                }
                if !hrlex_cite::is_name_key(key)
                    || self.name_is_unique(&searcher, key, member, access)?
                {
                    own_keys.push(key.clone());
                }
            }
        }
        let (keys, bearing) = self.authority_terms(&searcher, &own_keys, access)?;
        let works = works_of(decision.iter().chain(bearing.iter()));
        let mut response = self.cited_by(&searcher, &keys, &works, access, offset, limit)?;
        response.document = Some(DocumentRef::of(&document));
        Ok(Some(response))
    }

    /// The id of the document holding the text of the decision `id` designates: `id`
    /// itself, unless it is a metadata-only record of a decision whose full text the
    /// index holds (then that full text, in the record's language when there is a
    /// choice). `None` when the document does not exist or `access` may not see it.
    pub fn decision_text_id(&self, id: &str, access: Access) -> Result<Option<String>, IndexError> {
        let searcher = self.reader.searcher();
        let Some((_, asked)) = self.find_document(&searcher, id, access)? else {
            return Ok(None);
        };
        let has_text = self
            .documents_with_paragraphs(&searcher, std::iter::once(id))?
            .contains(id);
        if !is_metadata_only(&asked, has_text) {
            return Ok(Some(asked.id));
        }
        let (shown, _) = self.decision_of(&searcher, asked, access)?;
        Ok(Some(shown.id))
    }

    /// The documents of the decision `asked` belongs to: every language version of its
    /// work, and the metadata-only records and full-text decisions that are the same
    /// decision as one of them (`same_decision`) with their works' versions. Returns
    /// also the document to show for the decision: `asked` when it has text, else a
    /// full-text member (same language first), else `asked`.
    fn decision_of(
        &self,
        searcher: &Searcher,
        asked: Document,
        access: Access,
    ) -> Result<(Document, Vec<Document>), IndexError> {
        let mut members = self.work_versions(searcher, &asked.work_id, access)?;
        if !members.iter().any(|member| member.id == asked.id) {
            members.push(asked.clone());
        }
        // Name keys are shared by unrelated decisions (`X v. Switzerland`): not a lookup.
        let own_keys: Vec<&CitationKey> = members
            .iter()
            .flat_map(|member| member.identifiers.iter())
            .filter(|key| !key.as_str().starts_with(hrlex_cite::NAME_KEY_PREFIX))
            .collect();
        if own_keys.is_empty() {
            return Ok((asked, members));
        }
        let bearing =
            self.documents_bearing(searcher, &with_related(own_keys.into_iter()), access)?;
        let with_text = self.documents_with_paragraphs(
            searcher,
            members
                .iter()
                .chain(bearing.iter())
                .map(|document| document.id.as_str()),
        )?;
        let metadata_only =
            |document: &Document| is_metadata_only(document, with_text.contains(&document.id));
        let mut twin_works: Vec<String> = Vec::new();
        for candidate in &bearing {
            if members
                .iter()
                .any(|member| member.work_id == candidate.work_id)
            {
                continue;
            }
            let twin = members.iter().any(|member| {
                (metadata_only(member) || metadata_only(candidate))
                    && same_decision(member, candidate)
            });
            if twin && !twin_works.contains(&candidate.work_id) {
                twin_works.push(candidate.work_id.clone());
            }
        }
        for work_id in twin_works {
            for version in self.work_versions(searcher, &work_id, access)? {
                if !members.iter().any(|member| member.id == version.id) {
                    members.push(version);
                }
            }
        }
        if !metadata_only(&asked) {
            return Ok((asked, members));
        }
        let shown = members
            .iter()
            .filter(|member| with_text.contains(&member.id) && !metadata_only(member))
            .min_by(|a, b| {
                (a.lang != asked.lang)
                    .cmp(&(b.lang != asked.lang))
                    .then_with(|| a.id.cmp(&b.id))
            })
            .cloned()
            .unwrap_or(asked);
        Ok((shown, members))
    }

    /// What cites `key` (or a key naming the same document, `comm:?:…` included for a
    /// communication), whether or not a document of the index bears it. Documents
    /// bearing the key themselves are not citing it.
    pub fn cited_by_key(
        &self,
        key: &CitationKey,
        access: Access,
        offset: usize,
        limit: usize,
    ) -> Result<CitedByResponse, IndexError> {
        self.cited_by_keys(std::slice::from_ref(key), access, offset, limit)
    }

    /// [`SearchIndex::cited_by_key`] for documents citing any of `keys`.
    pub fn cited_by_keys(
        &self,
        keys: &[CitationKey],
        access: Access,
        offset: usize,
        limit: usize,
    ) -> Result<CitedByResponse, IndexError> {
        let searcher = self.reader.searcher();
        let (keys, bearing) = self.authority_terms(&searcher, keys, access)?;
        let works = works_of(bearing.iter());
        self.cited_by(&searcher, &keys, &works, access, offset, limit)
    }

    /// The id of the document `value` designates: a document id, else the first
    /// document (by id) bearing `value` as a citation key (`un:CCPR/C/85/D/1153/2003`,
    /// or a bare symbol `CCPR/C/85/D/1153/2003`, read as `un:`).
    pub fn resolve_document_id(
        &self,
        value: &str,
        access: Access,
    ) -> Result<Option<String>, IndexError> {
        let searcher = self.reader.searcher();
        if self.find_document(&searcher, value, access)?.is_some() {
            return Ok(Some(value.to_string()));
        }
        let bearing = self.documents_bearing(&searcher, &key_candidates(value), access)?;
        let mut documents = self.classify_text(&searcher, bearing)?;
        // The decision's text before its metadata-only record (or another record).
        documents
            .sort_by(|(a, a_text), (b, b_text)| b_text.cmp(a_text).then_with(|| a.id.cmp(&b.id)));
        Ok(documents
            .into_iter()
            .next()
            .map(|(document, _)| document.id))
    }

    /// `documents` without the metadata-only records of a decision whose full text is
    /// among them; a record that is the only document of its decision stays.
    fn prefer_full_text(
        &self,
        searcher: &Searcher,
        documents: Vec<Document>,
    ) -> Result<Vec<Document>, IndexError> {
        Ok(self
            .classify_text(searcher, documents)?
            .into_iter()
            .map(|(document, _)| document)
            .collect())
    }

    /// `SearchIndex::prefer_full_text`, each document paired with whether it has
    /// text (is not metadata-only).
    fn classify_text(
        &self,
        searcher: &Searcher,
        documents: Vec<Document>,
    ) -> Result<Vec<(Document, bool)>, IndexError> {
        // Paragraph counts are looked up only where two documents are one decision.
        let any_pair = documents.iter().enumerate().any(|(position, a)| {
            documents[position + 1..]
                .iter()
                .any(|b| a.work_id != b.work_id && same_decision(a, b))
        });
        if !any_pair {
            return Ok(documents
                .into_iter()
                .map(|document| {
                    let text = !document
                        .notes
                        .iter()
                        .any(|note| note.code == METADATA_ONLY_NOTE);
                    (document, text)
                })
                .collect());
        }
        let with_text = self.documents_with_paragraphs(
            searcher,
            documents.iter().map(|document| document.id.as_str()),
        )?;
        let classified: Vec<(Document, bool)> = documents
            .into_iter()
            .map(|document| {
                let text = !is_metadata_only(&document, with_text.contains(&document.id));
                (document, text)
            })
            .collect();
        let keep: Vec<bool> = classified
            .iter()
            .map(|(document, text)| {
                *text
                    || !classified
                        .iter()
                        .any(|(other, other_text)| *other_text && same_decision(document, other))
            })
            .collect();
        Ok(classified
            .into_iter()
            .zip(keep)
            .filter_map(|(entry, keep)| keep.then_some(entry))
            .collect())
    }

    /// The ids among `ids` of documents that have at least one paragraph.
    fn documents_with_paragraphs<'a>(
        &self,
        searcher: &Searcher,
        ids: impl Iterator<Item = &'a str>,
    ) -> Result<HashSet<String>, IndexError> {
        let mut with_text = HashSet::new();
        for id in ids {
            if with_text.contains(id) {
                continue;
            }
            let query = BooleanQuery::new(vec![
                (
                    Occur::Must,
                    Box::new(self.kind_query(KIND_PARAGRAPH)) as Box<dyn Query>,
                ),
                (
                    Occur::Must,
                    Box::new(TermQuery::new(
                        Term::from_field_text(self.fields.doc_id, id),
                        IndexRecordOption::Basic,
                    )),
                ),
            ]);
            let count = searcher
                .search(&query, &Count)
                .map_err(IndexError::engine("counting paragraphs"))?;
            if count > 0 {
                with_text.insert(id.to_string());
            }
        }
        Ok(with_text)
    }

    fn cited_by(
        &self,
        searcher: &Searcher,
        keys: &[CitationKey],
        exclude_works: &[String],
        access: Access,
        offset: usize,
        limit: usize,
    ) -> Result<CitedByResponse, IndexError> {
        if limit > MAX_CITING_LIMIT {
            return Err(IndexError::InvalidRequest(format!(
                "limit {limit} is above the maximum {MAX_CITING_LIMIT}"
            )));
        }
        let mut response = CitedByResponse {
            document: None,
            keys: keys.iter().map(|key| key.as_str().to_string()).collect(),
            total: 0,
            works: 0,
            offset,
            limit,
            systems: Vec::new(),
            documents: Vec::new(),
        };
        if keys.is_empty() {
            return Ok(response);
        }
        let wanted: HashSet<&CitationKey> = keys.iter().collect();
        let paragraph_query = BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(self.kind_query(KIND_PARAGRAPH)) as Box<dyn Query>,
            ),
            (Occur::Must, self.access_query(access)),
            (Occur::Must, self.cites_query(keys)),
        ]);
        let addresses = searcher
            .search(&paragraph_query, &DocSetCollector)
            .map_err(IndexError::engine("finding citing paragraphs"))?;
        let mut paragraphs_by_document: BTreeMap<String, Vec<CitingParagraph>> = BTreeMap::new();
        for address in addresses {
            let (document_id, index, paragraph) = self.load_paragraph(searcher, address)?;
            // The key as cited: the first citation of the paragraph naming the target, a
            // number before a case name (`Sabri Günes v. Turkey, Gran Cámara, (No.
            // 27396/06)` is cited by its number).
            let naming_target: Vec<&hrlex_model::ParagraphCitation> = paragraph
                .citations
                .iter()
                .filter(|citation| {
                    expanded(&citation.key)
                        .iter()
                        .any(|candidate| wanted.contains(candidate))
                })
                .collect();
            let Some(citation) = naming_target
                .iter()
                .find(|citation| !hrlex_cite::is_name_key(&citation.key))
                .or(naming_target.first())
                .copied()
            else {
                continue;
            };
            paragraphs_by_document
                .entry(document_id)
                .or_default()
                .push(CitingParagraph {
                    index,
                    n: paragraph.n.clone(),
                    page: paragraph.page,
                    key: citation.key.as_str().to_string(),
                    pin: citation.pin.clone(),
                    surface: citation.surface.clone(),
                    snippet: snippet(&paragraph.text, &citation.surface),
                });
        }
        let citing = self.documents_by_id(searcher, paragraphs_by_document.keys(), access)?;
        let mut documents: Vec<(Document, Vec<CitingParagraph>)> = Vec::new();
        for (document_id, mut paragraphs) in paragraphs_by_document {
            let Some(document) = citing.get(&document_id) else {
                continue;
            };
            // A document bearing the key it cites (its own number, a running header) is
            // not citing itself.
            let bears_key = identifier_terms(document.identifiers.iter())
                .iter()
                .any(|own| wanted.contains(own));
            // Nor is another language version of the work asked about (or of its
            // metadata-only record's twin).
            if bears_key || exclude_works.contains(&document.work_id) {
                continue;
            }
            paragraphs.sort_by_key(|paragraph| paragraph.index);
            documents.push((document.clone(), paragraphs));
        }
        documents.sort_by(|(a, _), (b, _)| {
            b.date
                .cmp(&a.date)
                .then_with(|| a.work_id.cmp(&b.work_id))
                .then_with(|| a.lang.cmp(&b.lang))
                .then_with(|| a.id.cmp(&b.id))
        });
        let mut per_system: BTreeMap<String, (usize, HashSet<String>)> = BTreeMap::new();
        for (document, _) in &documents {
            let entry = per_system
                .entry(document.system().code().to_string())
                .or_default();
            entry.0 += 1;
            entry.1.insert(document.work_id.clone());
        }
        let mut systems: Vec<SystemCount> = per_system
            .into_iter()
            .map(|(system, (count, works))| SystemCount {
                system,
                documents: count,
                works: works.len(),
            })
            .collect();
        systems.sort_by(|a, b| {
            b.documents
                .cmp(&a.documents)
                .then_with(|| a.system.cmp(&b.system))
        });
        response.total = documents.len();
        response.works = works_of(documents.iter().map(|(document, _)| document)).len();
        response.systems = systems;
        response.documents = documents
            .into_iter()
            .skip(offset)
            .take(limit)
            .map(|(document, paragraphs)| CitingDocument {
                document: DocumentRef::of(&document),
                paragraphs,
            })
            .collect();
        Ok(response)
    }

    fn cites_query(&self, keys: &[CitationKey]) -> Box<dyn Query> {
        any_term_query(
            keys.iter()
                .map(|key| Term::from_field_text(self.fields.cites, key.as_str())),
        )
    }

    /// Documents (any language) whose identifiers include one of `keys`.
    pub(crate) fn documents_bearing(
        &self,
        searcher: &Searcher,
        keys: &[CitationKey],
        access: Access,
    ) -> Result<Vec<Document>, IndexError> {
        let query = BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(self.kind_query(KIND_DOCUMENT)) as Box<dyn Query>,
            ),
            (Occur::Must, self.access_query(access)),
            (
                Occur::Must,
                any_term_query(
                    keys.iter()
                        .map(|key| Term::from_field_text(self.fields.identifier_key, key.as_str())),
                ),
            ),
        ]);
        self.load_documents(searcher, &query, "resolving a citation key")
    }

    /// Every language version of a work the caller may see.
    fn work_versions(
        &self,
        searcher: &Searcher,
        work_id: &str,
        access: Access,
    ) -> Result<Vec<Document>, IndexError> {
        let query = BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(self.kind_query(KIND_DOCUMENT)) as Box<dyn Query>,
            ),
            (Occur::Must, self.access_query(access)),
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(self.fields.work_id, work_id),
                    IndexRecordOption::Basic,
                )),
            ),
        ]);
        self.load_documents(searcher, &query, "listing the versions of a work")
    }

    fn documents_by_id<'a>(
        &self,
        searcher: &Searcher,
        ids: impl Iterator<Item = &'a String>,
        access: Access,
    ) -> Result<HashMap<String, Document>, IndexError> {
        let query = BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(self.kind_query(KIND_DOCUMENT)) as Box<dyn Query>,
            ),
            (Occur::Must, self.access_query(access)),
            (
                Occur::Must,
                any_term_query(ids.map(|id| Term::from_field_text(self.fields.doc_id, id))),
            ),
        ]);
        Ok(self
            .load_documents(searcher, &query, "reading citing documents")?
            .into_iter()
            .map(|document| (document.id.clone(), document))
            .collect())
    }

    fn load_documents(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        context: &'static str,
    ) -> Result<Vec<Document>, IndexError> {
        let addresses = searcher
            .search(query, &DocSetCollector)
            .map_err(IndexError::engine(context))?;
        let mut documents = Vec::with_capacity(addresses.len());
        for address in addresses {
            documents.push(self.load_metadata(searcher, address)?);
        }
        Ok(documents)
    }

    fn load_paragraph(
        &self,
        searcher: &Searcher,
        address: DocAddress,
    ) -> Result<(String, usize, Paragraph), IndexError> {
        let stored: TantivyDocument = searcher
            .doc(address)
            .map_err(IndexError::engine("reading a citing paragraph"))?;
        let document_id = stored
            .get_first(self.fields.doc_id)
            .and_then(|value| value.as_str())
            .unwrap_or_default()
            .to_string();
        let index = stored
            .get_first(self.fields.para_index)
            .and_then(|value| value.as_u64())
            .unwrap_or(0) as usize;
        let paragraph = self.decode_paragraph(&stored, &document_id)?;
        Ok((document_id, index, paragraph))
    }
}

/// The distinct works of `documents`, in order of first appearance.
fn works_of<'a>(documents: impl Iterator<Item = &'a Document>) -> Vec<String> {
    let mut works: Vec<String> = Vec::new();
    for document in documents {
        if !works.contains(&document.work_id) {
            works.push(document.work_id.clone());
        }
    }
    works
}

/// `CCPR/C/85/D/1153/2003` → also `un:CCPR/C/85/D/1153/2003`; a case name
/// (`Mutombo v. Switzerland`, `Mutombo c. Suisse`) → also its `name:` key; keys as given.
fn key_candidates(value: &str) -> Vec<CitationKey> {
    let value = value.trim();
    let has_family = value.split_once(':').is_some_and(|(family, _)| {
        !family.is_empty() && family.chars().all(|c| c.is_ascii_lowercase())
    });
    let mut keys = vec![CitationKey::new(value)];
    if !has_family {
        keys.push(CitationKey::new(format!(
            "un:{}",
            hrlex_cite::normalize_un_symbol(value)
        )));
        keys.extend(hrlex_cite::case_name_key(value));
    }
    with_related(keys.iter())
}

/// Up to [`SNIPPET_CONTEXT_CHARS`] characters each side of `surface` in `text`,
/// HTML-escaped, `surface` in `<mark>`; the start of the text when `surface` is absent.
fn snippet(text: &str, surface: &str) -> String {
    let found = (!surface.is_empty()).then(|| text.find(surface)).flatten();
    let (start, end) = match found {
        Some(start) => (start, start + surface.len()),
        None => (0, 0),
    };
    let before_start = text[..start]
        .char_indices()
        .rev()
        .nth(SNIPPET_CONTEXT_CHARS.saturating_sub(1))
        .map_or(0, |(position, _)| position);
    let after_end = text[end..]
        .char_indices()
        .nth(if found.is_some() {
            SNIPPET_CONTEXT_CHARS
        } else {
            2 * SNIPPET_CONTEXT_CHARS
        })
        .map_or(text.len(), |(position, _)| end + position);
    let mut output = String::new();
    if before_start > 0 {
        output.push('…');
    }
    escape_into(&mut output, &text[before_start..start]);
    if found.is_some() {
        output.push_str("<mark>");
        escape_into(&mut output, &text[start..end]);
        output.push_str("</mark>");
    }
    escape_into(&mut output, &text[end..after_end]);
    if after_end < text.len() {
        output.push('…');
    }
    output
}

fn escape_into(output: &mut String, text: &str) {
    for character in text.chars() {
        match character {
            '&' => output.push_str("&amp;"),
            '<' => output.push_str("&lt;"),
            '>' => output.push_str("&gt;"),
            '"' => output.push_str("&quot;"),
            '\'' => output.push_str("&#39;"),
            other => output.push(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn related_keys_meet() {
        let keys: Vec<String> = with_related(
            [
                CitationKey::new("un:CCPR/C/85/D/1153/2003"),
                CitationKey::new("gc:CAT:2"),
            ]
            .iter(),
        )
        .into_iter()
        .map(|key| key.as_str().to_string())
        .collect();
        assert_eq!(
            keys,
            [
                "comm:CCPR:1153/2003",
                "gc:CAT:2",
                "un:CAT/C/GC/2",
                "un:CCPR/C/85/D/1153/2003"
            ]
        );
        assert_eq!(
            key_candidates("CCPR/C/85/D/1153/2003")
                .iter()
                .map(CitationKey::as_str)
                .collect::<Vec<_>>(),
            [
                "CCPR/C/85/D/1153/2003",
                "comm:CCPR:1153/2003",
                "un:CCPR/C/85/D/1153/2003"
            ]
        );
    }

    #[test]
    fn a_case_name_is_a_key_candidate_in_any_language() {
        for written in [
            "Mutombo v. Switzerland",
            "Mutombo c. Suisse",
            "Мутомбо против Швейцарии",
        ] {
            let candidates = key_candidates(written);
            let name_keys: Vec<&str> = candidates
                .iter()
                .map(CitationKey::as_str)
                .filter(|key| key.starts_with("name:"))
                .collect();
            assert_eq!(name_keys.len(), 1, "{written}: {candidates:?}");
            assert!(name_keys[0].ends_with(" v switzerland"), "{written}");
        }
        assert!(key_candidates("CCPR/C/85/D/1153/2003")
            .iter()
            .all(|key| !key.as_str().starts_with("name:")));
    }

    #[test]
    fn snippets_mark_the_citation_and_escape() {
        assert_eq!(
            snippet(
                "See <b> K.N.L.H. v. Peru, CCPR/C/85/D/1153/2003.",
                "CCPR/C/85/D/1153/2003"
            ),
            "See &lt;b&gt; K.N.L.H. v. Peru, <mark>CCPR/C/85/D/1153/2003</mark>."
        );
        let long = format!("{}X{}", "a".repeat(500), "b".repeat(500));
        let cut = snippet(&long, "X");
        assert!(cut.starts_with('…') && cut.ends_with('…'));
        assert_eq!(
            cut.chars().count(),
            2 * SNIPPET_CONTEXT_CHARS + "<mark>X</mark>".len() + 2
        );
        assert_eq!(snippet("plain", "absent"), "plain");
    }

    #[test]
    fn summaries_count_per_system() {
        let response = CitedByResponse {
            document: None,
            keys: Vec::new(),
            total: 4,
            works: 2,
            offset: 0,
            limit: 10,
            systems: vec![
                SystemCount {
                    system: "inter-american".to_string(),
                    documents: 3,
                    works: 1,
                },
                SystemCount {
                    system: "un".to_string(),
                    documents: 1,
                    works: 1,
                },
            ],
            documents: Vec::new(),
        };
        assert_eq!(
            response.summary(),
            "cited by 3 Inter-American documents, 1 UN document"
        );
    }
}
