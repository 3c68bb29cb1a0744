//! Custom collectors: facet counts over fast fields, and the best paragraphs of each
//! candidate document.

use std::collections::{BTreeMap, HashMap};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// Counts, for each named string fast field, how many matching documents carry each
/// value; plus the distribution of an i64 fast field (the year).
pub(crate) struct FacetCollector {
    pub string_fields: Vec<&'static str>,
    pub year_field: &'static str,
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
                let mut text = String::new();
                for (ord, count) in counts {
                    text.clear();
                    if column.ord_to_str(ord, &mut text).unwrap_or(false) {
                        *values.entry(text.clone()).or_default() += count;
                    }
                }
            }
        }
        let year_values = fruit.entry(self.year_field).or_default();
        for (year, count) in self.year_counts {
            *year_values.entry(year.to_string()).or_default() += count;
        }
        fruit
    }
}

/// For each document id (a string fast field), the best `per_document` matching
/// paragraphs by score.
pub(crate) struct BestParagraphsCollector {
    pub id_field: &'static str,
    pub per_document: usize,
}

pub(crate) type BestParagraphs = HashMap<String, Vec<(Score, DocAddress)>>;

pub(crate) struct BestParagraphsSegment {
    segment_ord: SegmentOrdinal,
    column: Option<StrColumn>,
    per_document: usize,
    best: HashMap<u64, Vec<(Score, DocId)>>,
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
            column: segment.fast_fields().str(self.id_field)?,
            per_document: self.per_document,
            best: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, segment_fruits: Vec<BestParagraphs>) -> tantivy::Result<BestParagraphs> {
        let mut merged = BestParagraphs::new();
        for fruit in segment_fruits {
            for (id, paragraphs) in fruit {
                let list = merged.entry(id).or_default();
                for paragraph in paragraphs {
                    keep_best(list, paragraph, self.per_document);
                }
            }
        }
        for list in merged.values_mut() {
            list.sort_by(|a, b| b.0.total_cmp(&a.0));
        }
        Ok(merged)
    }
}

impl SegmentCollector for BestParagraphsSegment {
    type Fruit = BestParagraphs;

    fn collect(&mut self, doc: DocId, score: Score) {
        let Some(column) = &self.column else { return };
        if let Some(ord) = column.term_ords(doc).next() {
            keep_best(
                self.best.entry(ord).or_default(),
                (score, doc),
                self.per_document,
            );
        }
    }

    fn harvest(self) -> BestParagraphs {
        let mut fruit = BestParagraphs::with_capacity(self.best.len());
        let Some(column) = &self.column else {
            return fruit;
        };
        let mut text = String::new();
        for (ord, paragraphs) in self.best {
            text.clear();
            if column.ord_to_str(ord, &mut text).unwrap_or(false) {
                fruit.insert(
                    text.clone(),
                    paragraphs
                        .into_iter()
                        .map(|(score, doc)| (score, DocAddress::new(self.segment_ord, doc)))
                        .collect(),
                );
            }
        }
        fruit
    }
}
