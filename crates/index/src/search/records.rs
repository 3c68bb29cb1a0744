//! Reading records back: a whole document with its paragraphs, a document's metadata,
//! a paragraph, a record's id.

use super::SearchIndex;
use crate::schema::{KIND_DOCUMENT, KIND_PARAGRAPH};
use crate::IndexError;
use hrlex_model::{Document, Paragraph, Viewer};
use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument};

impl SearchIndex {
    /// The whole document with its numbered paragraphs and their citations, if it exists
    /// and `access` may see it.
    pub fn document(&self, id: &str, viewer: &Viewer) -> Result<Option<Document>, IndexError> {
        let searcher = self.reader.searcher();
        let Some((_, mut document)) = self.find_document(&searcher, id, viewer)? else {
            return Ok(None);
        };
        // Ids are unique per document (the writer refuses a second file with the same
        // id); the access clause keeps it so should a record ever disagree.
        let query = self.visible(KIND_PARAGRAPH, viewer, self.term_is(self.fields.doc_id, id));
        let addresses = searcher
            .search(&query, &DocSetCollector)
            .map_err(IndexError::engine("listing paragraphs"))?;
        let mut paragraphs = Vec::with_capacity(addresses.len());
        for address in addresses {
            let stored: TantivyDocument = searcher
                .doc(address)
                .map_err(IndexError::engine("reading a paragraph"))?;
            let index = stored
                .get_first(self.fields.para_index)
                .and_then(|value| value.as_u64())
                .unwrap_or(0);
            paragraphs.push((index, self.decode_paragraph(&stored, id)?));
        }
        paragraphs.sort_by_key(|(index, _)| *index);
        document.paragraphs = paragraphs
            .into_iter()
            .map(|(_, paragraph)| paragraph)
            .collect();
        Ok(Some(document))
    }

    pub(crate) fn find_document(
        &self,
        searcher: &Searcher,
        id: &str,
        viewer: &Viewer,
    ) -> Result<Option<(DocAddress, Document)>, IndexError> {
        let query = self.visible(KIND_DOCUMENT, viewer, self.term_is(self.fields.doc_id, id));
        let found = searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())
            .map_err(IndexError::engine("looking up a document"))?;
        match found.first() {
            Some((_, address)) => Ok(Some((*address, self.load_metadata(searcher, *address)?))),
            None => Ok(None),
        }
    }

    pub(crate) fn load_metadata(
        &self,
        searcher: &Searcher,
        address: DocAddress,
    ) -> Result<Document, IndexError> {
        let stored: TantivyDocument = searcher
            .doc(address)
            .map_err(IndexError::engine("reading a document"))?;
        self.decode_metadata(&stored)
    }

    /// The [`Document`] (without paragraphs) stored in a document record.
    pub(crate) fn decode_metadata(&self, stored: &TantivyDocument) -> Result<Document, IndexError> {
        let json = stored
            .get_first(self.fields.metadata_json)
            .and_then(|value| value.as_str())
            .unwrap_or_default();
        serde_json::from_str(json).map_err(|error| IndexError::CorruptRecord {
            document_id: stored
                .get_first(self.fields.doc_id)
                .and_then(|value| value.as_str())
                .unwrap_or("?")
                .to_string(),
            message: error.to_string(),
        })
    }

    pub(crate) fn decode_paragraph(
        &self,
        stored: &TantivyDocument,
        document_id: &str,
    ) -> Result<Paragraph, IndexError> {
        let json = stored
            .get_first(self.fields.paragraph_json)
            .and_then(|value| value.as_str())
            .unwrap_or_default();
        serde_json::from_str(json).map_err(|error| IndexError::CorruptRecord {
            document_id: document_id.to_string(),
            message: error.to_string(),
        })
    }
}
