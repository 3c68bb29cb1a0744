//! Reading the graph's documents: every language version of a work, documents by id,
//! and a citing paragraph with its document id and position. (Documents bearing a key
//! are looked up in `crate::authority`, which the graph builds on.)

use crate::schema::KIND_DOCUMENT;
use crate::search::SearchIndex;
use crate::term_queries::any_term_query;
use crate::IndexError;
use hrlex_model::{Document, Paragraph, Viewer};
use std::collections::HashMap;
use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

impl SearchIndex {
    /// Every language version of a work the caller may see.
    pub(super) fn work_versions(
        &self,
        searcher: &Searcher,
        work_id: &str,
        viewer: &Viewer,
    ) -> Result<Vec<Document>, IndexError> {
        let query = self.visible(
            KIND_DOCUMENT,
            viewer,
            self.term_is(self.fields.work_id, work_id),
        );
        self.load_documents(searcher, &query, "listing the versions of a work")
    }

    pub(super) fn documents_by_id<'a>(
        &self,
        searcher: &Searcher,
        ids: impl Iterator<Item = &'a String>,
        viewer: &Viewer,
    ) -> Result<HashMap<String, Document>, IndexError> {
        let ids = ids.map(|id| Term::from_field_text(self.fields.doc_id, id));
        let query = self.visible(KIND_DOCUMENT, viewer, any_term_query(ids));
        Ok(self
            .load_documents(searcher, &query, "reading citing documents")?
            .into_iter()
            .map(|document| (document.id.clone(), document))
            .collect())
    }

    pub(super) fn load_paragraph(
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
pub(super) fn works_of<'a>(documents: impl Iterator<Item = &'a Document>) -> Vec<String> {
    let mut works: Vec<String> = Vec::new();
    for document in documents {
        if !works.contains(&document.work_id) {
            works.push(document.work_id.clone());
        }
    }
    works
}
