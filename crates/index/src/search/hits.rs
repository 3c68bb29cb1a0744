//! The page's hits: each document's stored metadata, its best paragraphs with snippets,
//! and its work's other language versions.

use super::order::Scored;
use super::paragraphs::CandidateParagraphs;
use super::types::{ParagraphHit, SearchHit, SourceRef};
use super::SearchIndex;
use crate::highlight::Highlighter;
use crate::visibility::HiddenRecords;
use crate::IndexError;
use hrlex_analysis::analyzer_for;
use hrlex_model::Document;
use std::collections::HashMap;
use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument};

impl SearchIndex {
    /// The hits of `page`; with `details` (see [`super::SearchRequest::details`]), their
    /// paragraphs and translations.
    pub(super) fn build_hits(
        &self,
        searcher: &Searcher,
        page: Vec<Scored>,
        paragraphs: &CandidateParagraphs,
        highlighter: &mut Highlighter<'_>,
        hidden: &HiddenRecords,
        details: bool,
    ) -> Result<Vec<SearchHit>, IndexError> {
        let mut documents: Vec<(f32, Document, usize)> = Vec::with_capacity(page.len());
        let mut page_ids: HashMap<DocAddress, String> = HashMap::with_capacity(page.len());
        for (score, candidate, slot) in page {
            let stored: TantivyDocument = searcher
                .doc(candidate.address)
                .map_err(IndexError::engine("reading a document"))?;
            let document = self.decode_metadata(&stored)?;
            page_ids.insert(candidate.address, document.id.clone());
            documents.push((score, document, slot));
        }
        let mut works: Vec<&str> = documents
            .iter()
            .map(|(_, document, _)| document.work_id.as_str())
            .collect();
        works.sort_unstable();
        works.dedup();
        let translations = match details {
            true => self.translations_of_works(searcher, &works, hidden, &page_ids)?,
            false => HashMap::new(),
        };
        let mut hits = Vec::with_capacity(documents.len());
        for (score, document, slot) in documents {
            let shown = match details {
                true => {
                    self.paragraph_hits(searcher, &document, paragraphs.of(slot), highlighter)?
                }
                false => Vec::new(),
            };
            let other_versions = translations
                .get(document.work_id.as_str())
                .map(|versions| {
                    versions
                        .iter()
                        .filter(|version| version.id != document.id)
                        .cloned()
                        .collect()
                })
                .unwrap_or_default();
            hits.push(SearchHit {
                system: document.system().code().to_string(),
                mechanism: document.mechanism.code().to_string(),
                doc_type: document.doc_type.code().to_string(),
                source: SourceRef {
                    path: document.source.path.clone(),
                    record: document.source.record.clone(),
                },
                id: document.id,
                work_id: document.work_id,
                title: document.title,
                lang: document.lang,
                symbol: document.symbol,
                date: document.date,
                states: document.states,
                access: document.access,
                score,
                paragraphs: shown,
                translations: other_versions,
            });
        }
        Ok(hits)
    }

    /// `best` (paragraph records of `document`) with their numbers and snippets.
    fn paragraph_hits(
        &self,
        searcher: &Searcher,
        document: &Document,
        best: &[(f32, DocAddress)],
        highlighter: &mut Highlighter<'_>,
    ) -> Result<Vec<ParagraphHit>, IndexError> {
        let mut shown = Vec::with_capacity(best.len());
        for (_, address) in best {
            let stored: TantivyDocument = searcher
                .doc(*address)
                .map_err(IndexError::engine("reading a paragraph"))?;
            let index = stored
                .get_first(self.fields.para_index)
                .and_then(|value| value.as_u64())
                .unwrap_or(0) as usize;
            let paragraph = self.decode_paragraph(&stored, &document.id)?;
            let analyzer = analyzer_for(paragraph.lang.unwrap_or(document.lang));
            shown.push(ParagraphHit {
                n: paragraph.n.clone(),
                index,
                page: paragraph.page,
                snippet: highlighter.snippet(&paragraph, analyzer),
            });
        }
        Ok(shown)
    }
}
