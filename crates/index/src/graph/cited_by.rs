//! Cited by: the documents citing a document (through every key of its decision) or a
//! key, each with its citing paragraphs and their snippets, self-citations excluded,
//! newest first, counted per system and as works, paged.

use super::keys::expanded;
use super::lookup::works_of;
use super::snippet::snippet;
use super::{
    paragraph_anchor, CitedByResponse, CitingDocument, CitingParagraph, DocumentRef, SystemCount,
    MAX_CITING_LIMIT,
};
use crate::schema::KIND_PARAGRAPH;
use crate::search::SearchIndex;
use crate::term_queries::any_term_query;
use crate::terms::identifier_terms;
use crate::IndexError;
use hrlex_model::{CitationKey, Document, Viewer};
use std::collections::{BTreeMap, HashSet};
use tantivy::collector::DocSetCollector;
use tantivy::query::Query;
use tantivy::{Searcher, Term};

impl SearchIndex {
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
        viewer: &Viewer,
        offset: usize,
        limit: usize,
    ) -> Result<Option<CitedByResponse>, IndexError> {
        let searcher = self.reader.searcher();
        let Some((_, asked)) = self.find_document(&searcher, id, viewer)? else {
            return Ok(None);
        };
        let (document, decision) = self.decision_of(&searcher, asked, viewer)?;
        // The decision's case name counts only when no other decision bears it.
        let mut own_keys: Vec<CitationKey> = Vec::new();
        for member in &decision {
            for key in &member.identifiers {
                if own_keys.contains(key) {
                    continue;
                }
                if !hrlex_cite::is_name_key(key)
                    || self.name_is_unique(&searcher, key, member, viewer)?
                {
                    own_keys.push(key.clone());
                }
            }
        }
        let (keys, bearing) = self.authority_terms(&searcher, &own_keys, viewer)?;
        let works = works_of(decision.iter().chain(bearing.iter()));
        let mut response = self.cited_by(&searcher, &keys, &works, viewer, offset, limit)?;
        response.document = Some(DocumentRef::of(&document));
        Ok(Some(response))
    }

    /// What cites `key` (or a key naming the same document, `comm:?:…` included for a
    /// communication), whether or not a document of the index bears it. Documents
    /// bearing the key themselves are not citing it.
    pub fn cited_by_key(
        &self,
        key: &CitationKey,
        viewer: &Viewer,
        offset: usize,
        limit: usize,
    ) -> Result<CitedByResponse, IndexError> {
        self.cited_by_keys(std::slice::from_ref(key), viewer, offset, limit)
    }

    /// [`SearchIndex::cited_by_key`] for documents citing any of `keys`.
    pub fn cited_by_keys(
        &self,
        keys: &[CitationKey],
        viewer: &Viewer,
        offset: usize,
        limit: usize,
    ) -> Result<CitedByResponse, IndexError> {
        let searcher = self.reader.searcher();
        let (keys, bearing) = self.authority_terms(&searcher, keys, viewer)?;
        let works = works_of(bearing.iter());
        self.cited_by(&searcher, &keys, &works, viewer, offset, limit)
    }

    fn cited_by(
        &self,
        searcher: &Searcher,
        keys: &[CitationKey],
        exclude_works: &[String],
        viewer: &Viewer,
        offset: usize,
        limit: usize,
    ) -> Result<CitedByResponse, IndexError> {
        if limit > MAX_CITING_LIMIT {
            return Err(IndexError::InvalidRequest(format!(
                "limit {limit} is above the maximum {MAX_CITING_LIMIT}"
            )));
        }
        let mut response = CitedByResponse {
            keys: keys.iter().map(|key| key.as_str().to_string()).collect(),
            ..CitedByResponse::empty(offset, limit)
        };
        if keys.is_empty() {
            return Ok(response);
        }
        let wanted: HashSet<&CitationKey> = keys.iter().collect();
        let paragraphs_by_document = self.citing_paragraphs(searcher, keys, &wanted, viewer)?;
        let documents = self.citing_documents(
            searcher,
            paragraphs_by_document,
            &wanted,
            exclude_works,
            viewer,
        )?;
        response.total = documents.len();
        response.works = works_of(documents.iter().map(|(document, _)| document)).len();
        response.systems = system_counts(&documents);
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

    /// The paragraphs (that `access` may see) citing one of `keys`, by the id of their
    /// document, each with the citation naming a key of `wanted`.
    fn citing_paragraphs(
        &self,
        searcher: &Searcher,
        keys: &[CitationKey],
        wanted: &HashSet<&CitationKey>,
        viewer: &Viewer,
    ) -> Result<BTreeMap<String, Vec<CitingParagraph>>, IndexError> {
        let paragraph_query = self.visible(KIND_PARAGRAPH, viewer, self.cites_query(keys));
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
                    anchor: paragraph_anchor(paragraph.n.as_deref(), index),
                    page: paragraph.page,
                    key: citation.key.as_str().to_string(),
                    pin: citation.pin.clone(),
                    surface: citation.surface.clone(),
                    snippet: snippet(&paragraph.text, &citation.surface),
                });
        }
        Ok(paragraphs_by_document)
    }

    /// The documents (that `access` may see) of `paragraphs_by_document` with their
    /// citing paragraphs in order, newest first, without self-citations: a document
    /// bearing a key of `wanted`, or a version of a work of `exclude_works`.
    fn citing_documents(
        &self,
        searcher: &Searcher,
        paragraphs_by_document: BTreeMap<String, Vec<CitingParagraph>>,
        wanted: &HashSet<&CitationKey>,
        exclude_works: &[String],
        viewer: &Viewer,
    ) -> Result<Vec<(Document, Vec<CitingParagraph>)>, IndexError> {
        let citing = self.documents_by_id(searcher, paragraphs_by_document.keys(), viewer)?;
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
        Ok(documents)
    }

    fn cites_query(&self, keys: &[CitationKey]) -> Box<dyn Query> {
        any_term_query(
            keys.iter()
                .map(|key| Term::from_field_text(self.fields.cites, key.as_str())),
        )
    }
}

/// How many of `documents` (and of their works) each system has, by decreasing count.
fn system_counts(documents: &[(Document, Vec<CitingParagraph>)]) -> Vec<SystemCount> {
    let mut per_system: BTreeMap<String, (usize, HashSet<String>)> = BTreeMap::new();
    for (document, _) in documents {
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
    systems
}
