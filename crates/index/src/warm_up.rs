//! A server's first query paid for everything built on first use (analyzers and their
//! stemmers, the concept vocabulary, query-language detection, the readers' caches): 1.6 s
//! in a debug build, enough to time out a hostile 1 KB query on a loaded machine. The
//! server runs one query in each script of the corpus before it accepts connections.

use crate::search::{SearchIndex, SearchRequest};

/// One word per script and family of analyzers: Latin (en, fr, es, pt), Cyrillic,
/// Arabic, Chinese.
const WARM_UP_QUERY: &str = "torture tortura пытки تعذيب 酷刑";

impl SearchIndex {
    /// Runs a query in every script so that later queries find everything built.
    /// Errors are ignored: a query that cannot run now will say so when a user asks.
    pub fn warm_up(&self) {
        let _ = self.search(&SearchRequest::new(WARM_UP_QUERY));
    }
}
