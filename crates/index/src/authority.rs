//! One authority, one set of keys: the keys under which the graph looks for what cites a
//! decision, whichever of them the caller asked with.
//!
//! A decision is cited by application number, Series A or C number, ECLI, HUDOC item
//! id, communication number, UN symbol or by its case name. The keys are joined at query
//! time (the index stores each citation under the key written, so that a better table
//! needs no reindex), from two sources:
//!
//! 1. the embedded authority table ([`hrlex_cite::authority_keys`], built from the
//!    corpus gazetteers): `ecthr:app:14038/88` = `ecthr:seriesA:161` =
//!    `name:soering v united kingdom` even when no document of the index is *Soering*;
//! 2. the documents of the index bearing one of the keys, that the caller may see: their
//!    identifiers (symbol, communication, case name…) name the same decision.
//!
//! A `name:` key borne by documents of several decisions (`name:x v switzerland`) joins
//! none of them: it would make every *X v. Switzerland* cite every other.
//!
//! The lookup of the documents bearing a key ([`SearchIndex::documents_bearing`]) lives
//! here, below the graph, which resolves cited keys with it.

use crate::columns::all_str;
use crate::schema::KIND_DOCUMENT;
use crate::search::SearchIndex;
use crate::term_queries::any_term_query;
use crate::terms::{identifier_terms, with_related};
use crate::IndexError;
use hrlex_cite::is_name_key;
use hrlex_model::{CitationKey, Document, Viewer};
use std::collections::{BTreeSet, HashSet};
use tantivy::collector::{Count, DocSetCollector};
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::{Searcher, Term};

/// Rounds of joining (table → documents → table): enough for a name that the table
/// joins to a number that a document joins to its symbol.
const JOIN_ROUNDS: usize = 3;

/// `keys` with the keys the authority table joins to them, each with its related keys
/// (`hrlex_cite::related_keys`) and, for a communication, its body-less form.
pub(crate) fn with_table_aliases(keys: &[CitationKey]) -> Vec<CitationKey> {
    let mut all: BTreeSet<CitationKey> = identifier_terms(keys.iter()).into_iter().collect();
    let aliases: Vec<CitationKey> = all.iter().flat_map(hrlex_cite::authority_keys).collect();
    all.extend(identifier_terms(aliases.iter()));
    all.into_iter().collect()
}

impl SearchIndex {
    /// Every key of the authorities `keys` name (see the module doc), the keys given
    /// included, in a stable order; with the documents (that `access` may see) that bear
    /// one of them.
    pub(crate) fn authority_terms(
        &self,
        searcher: &Searcher,
        keys: &[CitationKey],
        viewer: &Viewer,
    ) -> Result<(Vec<CitationKey>, Vec<Document>), IndexError> {
        let mut terms: BTreeSet<CitationKey> = with_table_aliases(keys).into_iter().collect();
        let mut bearing: Vec<Document> = Vec::new();
        let mut looked_up: HashSet<CitationKey> = HashSet::new();
        for _ in 0..JOIN_ROUNDS {
            let fresh: Vec<CitationKey> = terms
                .iter()
                .filter(|key| !looked_up.contains(*key))
                .cloned()
                .collect();
            if fresh.is_empty() {
                break;
            }
            looked_up.extend(fresh.iter().cloned());
            let mut found = Vec::new();
            // `comm:?:13/1993` (a communication of any body) names no one decision.
            let (names, numbers): (Vec<CitationKey>, Vec<CitationKey>) = fresh
                .into_iter()
                .filter(|key| !key.as_str().contains(":?:"))
                .partition(is_name_key);
            if !numbers.is_empty() {
                found.extend(self.documents_bearing(searcher, &numbers, viewer)?);
            }
            for name in names {
                let named = self.documents_bearing(searcher, &[name], viewer)?;
                if one_decision(&named) {
                    found.extend(named);
                }
            }
            let mut new_keys: Vec<CitationKey> = Vec::new();
            for document in found {
                if bearing.iter().any(|known| known.id == document.id) {
                    continue;
                }
                for key in &document.identifiers {
                    let unique = !is_name_key(key)
                        || self.name_is_unique(searcher, key, &document, viewer)?;
                    if unique && !terms.contains(key) {
                        new_keys.push(key.clone());
                    }
                }
                bearing.push(document);
            }
            if new_keys.is_empty() {
                break;
            }
            terms.extend(with_table_aliases(&new_keys));
        }
        Ok((terms.into_iter().collect(), bearing))
    }

    /// Documents (any language) whose identifiers include one of `keys`.
    pub(crate) fn documents_bearing(
        &self,
        searcher: &Searcher,
        keys: &[CitationKey],
        viewer: &Viewer,
    ) -> Result<Vec<Document>, IndexError> {
        let query = self.visible(KIND_DOCUMENT, viewer, self.identifier_key_query(keys));
        self.load_documents(searcher, &query, "resolving a citation key")
    }

    /// The metadata of every document record `query` matches.
    pub(crate) fn load_documents(
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

    /// True when every document (that `access` may see) bearing `name` is one decision
    /// with `document`: bears one of `document`'s other keys.
    pub(crate) fn name_is_unique(
        &self,
        searcher: &Searcher,
        name: &CitationKey,
        document: &Document,
        viewer: &Viewer,
    ) -> Result<bool, IndexError> {
        let numbers: Vec<CitationKey> =
            with_related(document.identifiers.iter().filter(|key| !is_name_key(key)));
        let bearing_name = self.count_bearing(searcher, name, &[], viewer)?;
        if numbers.is_empty() {
            return Ok(bearing_name <= 1);
        }
        Ok(bearing_name == self.count_bearing(searcher, name, &numbers, viewer)?)
    }

    /// Documents bearing `key`, and one of `also` when given.
    fn count_bearing(
        &self,
        searcher: &Searcher,
        key: &CitationKey,
        also: &[CitationKey],
        viewer: &Viewer,
    ) -> Result<usize, IndexError> {
        let bearing = self.visible(
            KIND_DOCUMENT,
            viewer,
            self.term_is(self.fields.identifier_key, key.as_str()),
        );
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, Box::new(bearing))];
        if !also.is_empty() {
            clauses.push((Occur::Must, self.identifier_key_query(also)));
        }
        searcher
            .search(&BooleanQuery::new(clauses), &Count)
            .map_err(IndexError::engine("counting documents bearing a case name"))
    }

    pub(crate) fn identifier_key_query(&self, keys: &[CitationKey]) -> Box<dyn Query> {
        any_term_query(
            keys.iter()
                .map(|key| Term::from_field_text(self.fields.identifier_key, key.as_str())),
        )
    }

    /// For each document of `ids`, how many distinct **works** cite it (language versions
    /// of a citing work count once), among the documents `access` may see: the ranking
    /// prior "cited by N works". An id that does not exist, or that `access` may not see,
    /// counts 0.
    ///
    /// The keys of a document are its own identifiers with their related keys and the
    /// authority table's aliases (`Soering`'s application number also counts citations
    /// of Series A no. 161 and of the case name); its `name:` key only when no other
    /// decision bears it. Citing works are the document records whose `cites` holds one
    /// of the keys, without the document's own work and the documents bearing a key
    /// themselves (a running header, a metadata-only twin): the same rules as
    /// [`SearchIndex::cited_by_document`], without its join through other documents.
    ///
    /// Cost per id: one stored-document read, one or two counts per `name:` key, and one
    /// term-set query on the `cites` postings of its keys (usually 3 to 10 terms) whose
    /// hits are read from the `work_id` fast column; no stored field of a citing document
    /// is read. About 0.1–0.5 ms per id on the whole corpus (see BENCHMARKS.md).
    pub fn cited_by_work_counts(
        &self,
        ids: &[&str],
        viewer: &Viewer,
    ) -> Result<Vec<usize>, IndexError> {
        let searcher = self.reader.searcher();
        let mut counts = Vec::with_capacity(ids.len());
        for id in ids {
            let Some((_, document)) = self.find_document(&searcher, id, viewer)? else {
                counts.push(0);
                continue;
            };
            let mut own: Vec<CitationKey> = Vec::new();
            for key in &document.identifiers {
                if !is_name_key(key) || self.name_is_unique(&searcher, key, &document, viewer)? {
                    own.push(key.clone());
                }
            }
            if own.is_empty() {
                counts.push(0);
                continue;
            }
            let keys = with_table_aliases(&own);
            counts.push(self.citing_work_count(&searcher, &keys, &document.work_id, viewer)?);
        }
        Ok(counts)
    }

    /// Distinct works of the document records citing one of `keys`, without `own_work`
    /// and the documents bearing one of `keys`.
    fn citing_work_count(
        &self,
        searcher: &Searcher,
        keys: &[CitationKey],
        own_work: &str,
        viewer: &Viewer,
    ) -> Result<usize, IndexError> {
        let cites = keys
            .iter()
            .map(|key| Term::from_field_text(self.fields.cites, key.as_str()));
        let citing = self.visible(KIND_DOCUMENT, viewer, any_term_query(cites));
        let query = BooleanQuery::new(vec![
            (Occur::Must, Box::new(citing) as Box<dyn Query>),
            (Occur::MustNot, self.identifier_key_query(keys)),
            (Occur::MustNot, self.term_is(self.fields.work_id, own_work)),
        ]);
        let addresses = searcher
            .search(&query, &DocSetCollector)
            .map_err(IndexError::engine("counting citing works"))?;
        let mut works: HashSet<String> = HashSet::new();
        for address in addresses {
            let fast_fields = searcher.segment_reader(address.segment_ord).fast_fields();
            let column = fast_fields
                .str("work_id")
                .map_err(IndexError::engine("reading work ids"))?;
            let Some(column) = column else { continue };
            works.extend(
                all_str(&column, address.doc_id)
                    .map_err(|error| IndexError::engine("reading work ids")(error.into()))?,
            );
        }
        Ok(works.len())
    }
}

/// True when `documents` are one decision: linked by shared keys other than case names
/// (the language versions and the metadata-only record of one decision share its
/// symbol or communication), or fewer than two.
fn one_decision(documents: &[Document]) -> bool {
    let Some((first, rest)) = documents.split_first() else {
        return true;
    };
    let mut component: HashSet<CitationKey> =
        with_related(first.identifiers.iter().filter(|key| !is_name_key(key)))
            .into_iter()
            .collect();
    let mut works: HashSet<&str> = HashSet::from([first.work_id.as_str()]);
    let mut pending: Vec<&Document> = rest.iter().collect();
    loop {
        let before = pending.len();
        pending.retain(|document| {
            let keys = with_related(document.identifiers.iter().filter(|key| !is_name_key(key)));
            let linked = works.contains(document.work_id.as_str())
                || keys.iter().any(|key| component.contains(key));
            if linked {
                component.extend(keys);
                works.insert(document.work_id.as_str());
            }
            !linked
        });
        if pending.is_empty() {
            return true;
        }
        if pending.len() == before {
            return false;
        }
    }
}
