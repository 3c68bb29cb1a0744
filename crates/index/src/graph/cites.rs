//! Cites: what a document cites, paragraph by paragraph, each key resolved to the
//! documents bearing it (full text before a metadata-only record) or dangling.

use super::keys::{expanded, system_of_key};
use super::{paragraph_anchors, CitationOccurrence, CitedKey, CitesResponse, DocumentRef};
use crate::search::SearchIndex;
use crate::terms::identifier_terms;
use crate::IndexError;
use hrlex_model::{CitationKey, Document, Viewer};
use std::collections::{HashMap, HashSet};

impl SearchIndex {
    /// What the document `id` cites, paragraph by paragraph, each key resolved to the
    /// documents bearing it (or dangling). `None` when the document does not exist or
    /// `access` may not see it.
    pub fn cites(&self, id: &str, viewer: &Viewer) -> Result<Option<CitesResponse>, IndexError> {
        let Some(document) = self.document(id, viewer)? else {
            return Ok(None);
        };
        let searcher = self.reader.searcher();
        let anchors = paragraph_anchors(&document);
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
                    anchor: anchors[index].clone(),
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
                .documents_bearing(&searcher, &candidates, viewer)?
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
}
