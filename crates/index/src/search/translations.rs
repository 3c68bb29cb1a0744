//! The other language versions of the works on a page.

use super::types::Translation;
use super::{io_engine, SearchIndex};
use crate::columns::IdReader;
use crate::schema::{access_of_rank, KIND_DOCUMENT};
use crate::visibility::HiddenRecords;
use crate::IndexError;
use hrlex_model::{Access, Lang};
use std::collections::HashMap;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, Searcher, Term, TERMINATED};

impl SearchIndex {
    /// The language versions of `works` (distinct work ids) not `hidden`, by
    /// work id, sorted by language then id. Read from the postings of the work ids and
    /// the `kind`, `access` and `lang` fast fields (whose dictionaries are a few values);
    /// a version's id from `known` (the page's documents) or else its `doc_id` column.
    pub(super) fn translations_of_works(
        &self,
        searcher: &Searcher,
        works: &[&str],
        hidden: &HiddenRecords,
        known: &HashMap<DocAddress, String>,
    ) -> Result<HashMap<String, Vec<Translation>>, IndexError> {
        const CONTEXT: &str = "listing translations";
        let mut by_work: HashMap<String, Vec<Translation>> = HashMap::new();
        let mut ids = IdReader::default();
        if works.is_empty() {
            return Ok(by_work);
        }
        for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
            let fast_fields = segment.fast_fields();
            let kinds = fast_fields
                .str("kind")
                .map_err(IndexError::engine(CONTEXT))?;
            let document_kind = match &kinds {
                Some(kinds) => kinds
                    .dictionary()
                    .term_ord(KIND_DOCUMENT)
                    .map_err(io_engine(CONTEXT))?,
                None => None,
            };
            let (Some(kinds), Some(document_kind)) = (kinds, document_kind) else {
                continue; // no document record in this segment
            };
            let access_column = fast_fields
                .column_opt::<u64>("access")
                .map_err(IndexError::engine(CONTEXT))?;
            let langs = fast_fields
                .str("lang")
                .map_err(IndexError::engine(CONTEXT))?;
            let mut lang_of_ord: HashMap<u64, Option<Lang>> = HashMap::new();
            let inverted_index = segment
                .inverted_index(self.fields.work_id)
                .map_err(IndexError::engine(CONTEXT))?;
            for work in works {
                let term = Term::from_field_text(self.fields.work_id, work);
                let Some(mut postings) = inverted_index
                    .read_postings(&term, IndexRecordOption::Basic)
                    .map_err(io_engine(CONTEXT))?
                else {
                    continue;
                };
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    let address = DocAddress::new(segment_ord as u32, doc);
                    let visible = !segment.is_deleted(doc)
                        && kinds.term_ords(doc).any(|ord| ord == document_kind)
                        && !hidden.contains(address);
                    if visible {
                        let access = access_column
                            .as_ref()
                            .and_then(|column| column.first(doc))
                            .map_or(Access::Confidential, access_of_rank);
                        let lang = match langs.as_ref().and_then(|l| l.term_ords(doc).next()) {
                            Some(ord) => *lang_of_ord.entry(ord).or_insert_with(|| {
                                let mut code = String::new();
                                let langs = langs.as_ref().expect("lang column");
                                match langs.ord_to_str(ord, &mut code) {
                                    Ok(true) => Lang::parse(&code),
                                    _ => None,
                                }
                            }),
                            None => None,
                        };
                        let translation = match (lang, known.get(&address)) {
                            (Some(lang), Some(id)) => Translation {
                                lang,
                                id: id.clone(),
                                access,
                            },
                            (Some(lang), None) => Translation {
                                lang,
                                id: ids.id(searcher, address)?,
                                access,
                            },
                            // Not expected: the language code did not parse.
                            (None, _) => {
                                let version = self.load_metadata(searcher, address)?;
                                Translation {
                                    lang: version.lang,
                                    id: version.id,
                                    access: version.access,
                                }
                            }
                        };
                        by_work
                            .entry((*work).to_string())
                            .or_default()
                            .push(translation);
                    }
                    doc = postings.advance();
                }
            }
        }
        for versions in by_work.values_mut() {
            versions.sort_by(|a, b| a.lang.cmp(&b.lang).then_with(|| a.id.cmp(&b.id)));
        }
        Ok(by_work)
    }
}
