//! Custom collectors: facet counts over fast fields, and the best paragraphs of each
//! candidate document (with the filter query that restricts paragraphs to candidates).

use crate::ranking::ParagraphRole;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::index::SegmentId;
use tantivy::query::{ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{
    DocAddress, DocId, DocSet, Score, Searcher, SegmentOrdinal, SegmentReader, TantivyError, Term,
    TERMINATED,
};

/// Counts, for each named string fast field, how many matching documents carry each
/// value; plus the distribution of an i64 fast field (the year).
pub(crate) struct FacetCollector {
    pub string_fields: Vec<&'static str>,
    pub year_field: &'static str,
}

impl FacetCollector {
    /// Takes the records at `addresses` back out of `fruit`: matching documents that
    /// search leaves out of its answer (a metadata-only record collapsed into its
    /// full-text twin). Reads the same fast fields as the counting, for these few
    /// records only; a value whose count falls to 0 is removed.
    pub(crate) fn subtract(
        &self,
        searcher: &Searcher,
        addresses: &[DocAddress],
        fruit: &mut FacetFruit,
    ) -> tantivy::Result<()> {
        for address in addresses {
            let fast_fields = searcher.segment_reader(address.segment_ord).fast_fields();
            for name in &self.string_fields {
                let Some(column) = fast_fields.str(name)? else {
                    continue;
                };
                let mut previous = None;
                for ord in column.term_ords(address.doc_id) {
                    // Counted once per document, as in `collect`.
                    if previous != Some(ord) {
                        let mut value = String::new();
                        if column.ord_to_str(ord, &mut value)? {
                            decrement(fruit, name, &value);
                        }
                    }
                    previous = Some(ord);
                }
            }
            if let Some(column) = fast_fields.column_opt::<i64>(self.year_field)? {
                if let Some(year) = column.first(address.doc_id) {
                    decrement(fruit, self.year_field, &year.to_string());
                }
            }
        }
        Ok(())
    }
}

fn decrement(fruit: &mut FacetFruit, name: &str, value: &str) {
    let Some(values) = fruit.get_mut(name) else {
        return;
    };
    if let Some(count) = values.get_mut(value) {
        *count = count.saturating_sub(1);
        if *count == 0 {
            values.remove(value);
        }
    }
}

pub(crate) struct FacetSegmentCollector {
    names: Vec<&'static str>,
    year_field: &'static str,
    columns: Vec<Option<StrColumn>>,
    counts: Vec<HashMap<u64, u64>>,
    year_column: Option<Column<i64>>,
    year_counts: HashMap<i64, u64>,
}

/// Field name → value → count (years as decimal text).
pub(crate) type FacetFruit = BTreeMap<&'static str, BTreeMap<String, u64>>;

impl Collector for FacetCollector {
    type Fruit = FacetFruit;
    type Child = FacetSegmentCollector;

    fn for_segment(
        &self,
        _segment_local_id: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let fast_fields = segment.fast_fields();
        let mut columns = Vec::with_capacity(self.string_fields.len());
        for field in &self.string_fields {
            columns.push(fast_fields.str(field)?);
        }
        Ok(FacetSegmentCollector {
            names: self.string_fields.clone(),
            year_field: self.year_field,
            counts: vec![HashMap::new(); columns.len()],
            columns,
            year_column: fast_fields.column_opt::<i64>(self.year_field)?,
            year_counts: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segment_fruits: Vec<FacetFruit>) -> tantivy::Result<FacetFruit> {
        let mut merged = FacetFruit::new();
        for fruit in segment_fruits {
            for (field, values) in fruit {
                let target = merged.entry(field).or_default();
                for (value, count) in values {
                    *target.entry(value).or_default() += count;
                }
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for FacetSegmentCollector {
    type Fruit = FacetFruit;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for (slot, column) in self.columns.iter().enumerate() {
            if let Some(column) = column {
                let mut previous = None;
                for ord in column.term_ords(doc) {
                    // A value listed twice on one document counts once.
                    if previous != Some(ord) {
                        *self.counts[slot].entry(ord).or_default() += 1;
                    }
                    previous = Some(ord);
                }
            }
        }
        if let Some(column) = &self.year_column {
            if let Some(year) = column.first(doc) {
                *self.year_counts.entry(year).or_default() += 1;
            }
        }
    }

    fn harvest(self) -> FacetFruit {
        let mut fruit = FacetFruit::new();
        for ((name, column), counts) in self.names.iter().zip(&self.columns).zip(self.counts) {
            let values = fruit.entry(*name).or_default();
            if let Some(column) = column {
                // Sorted, the ordinals resolve in one pass over the dictionary: each
                // block is decompressed once, not once per value.
                let mut counts: Vec<(u64, u64)> = counts.into_iter().collect();
                counts.sort_unstable();
                let ords: Vec<u64> = counts.iter().map(|(ord, _)| *ord).collect();
                let mut next = counts.iter();
                let _ = column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
                    let Some((_, count)) = next.next() else {
                        return;
                    };
                    if let Ok(text) = std::str::from_utf8(bytes) {
                        *values.entry(text.to_string()).or_default() += count;
                    }
                });
            }
        }
        let year_values = fruit.entry(self.year_field).or_default();
        for (year, count) in self.year_counts {
            *year_values.entry(year.to_string()).or_default() += count;
        }
        fruit
    }
}

/// The records (document and paragraph records alike) of a set of candidate documents,
/// found once per segment through the postings of their id keys (`doc_key`) in the
/// inverted index: a term lookup per key and segment, instead of reading every matching
/// record's key from a column. Records of one document may be in different segments.
#[derive(Debug, Default)]
pub(crate) struct CandidateRecords {
    by_segment: HashMap<SegmentId, Arc<SegmentRecords>>,
}

/// One segment's candidate records: alive doc ids, ascending, and the candidate slot
/// (position in the id list given to [`CandidateRecords::find`]) of each.
#[derive(Debug, Default)]
struct SegmentRecords {
    docs: Arc<[DocId]>,
    slots: Vec<u32>,
}

impl SegmentRecords {
    fn slot_of(&self, doc: DocId) -> Option<usize> {
        let position = self.docs.binary_search(&doc).ok()?;
        Some(self.slots[position] as usize)
    }
}

impl CandidateRecords {
    /// The records whose `key_field` holds one of `keys` (which must be distinct).
    pub(crate) fn find(
        searcher: &Searcher,
        key_field: Field,
        keys: &[u64],
    ) -> tantivy::Result<CandidateRecords> {
        let mut by_segment = HashMap::with_capacity(searcher.segment_readers().len());
        for segment in searcher.segment_readers() {
            let inverted_index = segment.inverted_index(key_field)?;
            let mut records: Vec<(DocId, u32)> = Vec::new();
            for (slot, key) in keys.iter().enumerate() {
                let term = Term::from_field_u64(key_field, *key);
                let Some(mut postings) =
                    inverted_index.read_postings(&term, IndexRecordOption::Basic)?
                else {
                    continue;
                };
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    if !segment.is_deleted(doc) {
                        records.push((doc, slot as u32));
                    }
                    doc = postings.advance();
                }
            }
            // A record holds one key.
            records.sort_unstable();
            records.dedup_by_key(|record| record.0);
            let docs: Arc<[DocId]> = records.iter().map(|record| record.0).collect();
            let slots = records.iter().map(|record| record.1).collect();
            by_segment.insert(
                segment.segment_id(),
                Arc::new(SegmentRecords { docs, slots }),
            );
        }
        Ok(CandidateRecords { by_segment })
    }

    fn segment(&self, segment: &SegmentReader) -> Arc<SegmentRecords> {
        self.by_segment
            .get(&segment.segment_id())
            .cloned()
            .unwrap_or_default()
    }
}

/// Matches the candidate records, with a score of 0 (a filter).
#[derive(Debug, Clone)]
pub(crate) struct CandidateRecordsQuery(pub Arc<CandidateRecords>);

impl Query for CandidateRecordsQuery {
    fn weight(&self, _enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for CandidateRecordsQuery {
    fn scorer(&self, reader: &SegmentReader, _boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let docs = Arc::clone(&self.0.segment(reader).docs);
        Ok(Box::new(ConstScorer::new(
            SortedDocs { docs, cursor: 0 },
            0.0,
        )))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        match self.0.segment(reader).slot_of(doc) {
            Some(_) => Ok(Explanation::new("candidate record", 0.0)),
            None => Err(TantivyError::InvalidArgument(format!(
                "document {doc} is not a candidate record"
            ))),
        }
    }
}

/// A strictly ascending list of doc ids as a [`DocSet`].
struct SortedDocs {
    docs: Arc<[DocId]>,
    cursor: usize,
}

impl DocSet for SortedDocs {
    fn advance(&mut self) -> DocId {
        self.cursor = (self.cursor + 1).min(self.docs.len());
        self.doc()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let rest = &self.docs[self.cursor..];
        self.cursor += rest.partition_point(|doc| *doc < target);
        self.doc()
    }

    fn doc(&self) -> DocId {
        self.docs.get(self.cursor).copied().unwrap_or(TERMINATED)
    }

    fn size_hint(&self) -> u32 {
        (self.docs.len() - self.cursor) as u32
    }
}

/// For each candidate document of a [`CandidateRecords`], the best `per_document`
/// matching paragraphs by score.
pub(crate) struct BestParagraphsCollector {
    pub candidates: Arc<CandidateRecords>,
    /// How many ids the candidates were found for.
    pub slots: usize,
    pub per_document: usize,
}

/// Best paragraphs by candidate slot, best first.
pub(crate) type BestParagraphs = Vec<Vec<(Score, DocAddress)>>;

pub(crate) struct BestParagraphsSegment {
    segment_ord: SegmentOrdinal,
    records: Arc<SegmentRecords>,
    per_document: usize,
    /// The paragraphs' [`ParagraphRole`] codes, whose weights scale their scores.
    roles: Option<Column<u64>>,
    best: Vec<Vec<(Score, DocId)>>,
}

fn keep_best<T: Copy>(list: &mut Vec<(Score, T)>, entry: (Score, T), limit: usize) {
    if list.len() < limit {
        list.push(entry);
    } else if let Some((worst_index, worst)) = list
        .iter()
        .enumerate()
        .min_by(|a, b| a.1 .0.total_cmp(&b.1 .0))
        .map(|(index, item)| (index, item.0))
    {
        if entry.0 > worst {
            list[worst_index] = entry;
        }
    }
}

impl Collector for BestParagraphsCollector {
    type Fruit = BestParagraphs;
    type Child = BestParagraphsSegment;

    fn for_segment(
        &self,
        segment_local_id: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(BestParagraphsSegment {
            segment_ord: segment_local_id,
            records: self.candidates.segment(segment),
            per_document: self.per_document,
            roles: segment.fast_fields().column_opt::<u64>("para_role")?,
            best: vec![Vec::new(); self.slots],
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, segment_fruits: Vec<BestParagraphs>) -> tantivy::Result<BestParagraphs> {
        let mut merged: BestParagraphs = vec![Vec::new(); self.slots];
        for fruit in segment_fruits {
            for (list, paragraphs) in merged.iter_mut().zip(fruit) {
                for paragraph in paragraphs {
                    keep_best(list, paragraph, self.per_document);
                }
            }
        }
        for list in &mut merged {
            list.sort_by(|a, b| b.0.total_cmp(&a.0));
        }
        Ok(merged)
    }
}

impl SegmentCollector for BestParagraphsSegment {
    type Fruit = BestParagraphs;

    fn collect(&mut self, doc: DocId, score: Score) {
        let Some(slot) = self.records.slot_of(doc) else {
            return;
        };
        let role = self
            .roles
            .as_ref()
            .and_then(|roles| roles.first(doc))
            .map_or(ParagraphRole::Body, ParagraphRole::from_code);
        let weight = role.weight();
        // Headings and tables of contents are never the paragraph to cite.
        if weight > 0.0 {
            keep_best(
                &mut self.best[slot],
                (score * weight, doc),
                self.per_document,
            );
        }
    }

    fn harvest(self) -> BestParagraphs {
        let segment_ord = self.segment_ord;
        self.best
            .into_iter()
            .map(|paragraphs| {
                paragraphs
                    .into_iter()
                    .map(|(score, doc)| (score, DocAddress::new(segment_ord, doc)))
                    .collect()
            })
            .collect()
    }
}
