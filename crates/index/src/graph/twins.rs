//! One decision, two documents: a metadata-only record and the full-text decision
//! bearing the same identifiers (see the module doc of `graph`): when two documents are
//! one decision ([`same_decision`]), the documents of a decision (`decision_of`) and the
//! one holding its text ([`SearchIndex::decision_text_id`]), which documents have text,
//! and the full text preferred over the record among a key's targets.

use crate::schema::KIND_PARAGRAPH;
use crate::search::SearchIndex;
use crate::terms::{is_metadata_only, with_related, METADATA_ONLY_NOTE};
use crate::IndexError;
use hrlex_model::{CitationKey, Document, Viewer};
use std::collections::HashSet;
use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, Term};

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

impl SearchIndex {
    /// The id of the document holding the text of the decision `id` designates: `id`
    /// itself, unless it is a metadata-only record of a decision whose full text the
    /// index holds (then that full text, in the record's language when there is a
    /// choice). `None` when the document does not exist or `access` may not see it.
    pub fn decision_text_id(
        &self,
        id: &str,
        viewer: &Viewer,
    ) -> Result<Option<String>, IndexError> {
        let searcher = self.reader.searcher();
        let Some((_, asked)) = self.find_document(&searcher, id, viewer)? else {
            return Ok(None);
        };
        let has_text = self
            .documents_with_paragraphs(&searcher, std::iter::once(id))?
            .contains(id);
        if !is_metadata_only(&asked, has_text) {
            return Ok(Some(asked.id));
        }
        let (shown, _) = self.decision_of(&searcher, asked, viewer)?;
        Ok(Some(shown.id))
    }

    /// The documents of the decision `asked` belongs to: every language version of its
    /// work, and the metadata-only records and full-text decisions that are the same
    /// decision as one of them (`same_decision`) with their works' versions. Returns
    /// also the document to show for the decision: `asked` when it has text, else a
    /// full-text member (same language first), else `asked`.
    pub(super) fn decision_of(
        &self,
        searcher: &Searcher,
        asked: Document,
        viewer: &Viewer,
    ) -> Result<(Document, Vec<Document>), IndexError> {
        let mut members = self.work_versions(searcher, &asked.work_id, viewer)?;
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
            self.documents_bearing(searcher, &with_related(own_keys.into_iter()), viewer)?;
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
            for version in self.work_versions(searcher, &work_id, viewer)? {
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

    /// `documents` without the metadata-only records of a decision whose full text is
    /// among them; a record that is the only document of its decision stays.
    pub(super) fn prefer_full_text(
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
    pub(super) fn classify_text(
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
    pub(super) fn documents_with_paragraphs<'a>(
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
}
