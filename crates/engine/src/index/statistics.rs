//! The statistics BM25 reads (tokens per field, documents, documents per term), read from
//! the segments once per version of the index and then kept: every question asks them
//! again for its terms, and they cannot change while a searcher lives.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// Terms remembered at most: past that, a term's count is read from the segments each time
/// (questions can hold any string; memory must not grow with them).
pub(super) const MAX_TERMS: usize = 100_000;

/// What one version of the index has told already.
#[derive(Default)]
pub(super) struct Statistics {
    tokens: Mutex<HashMap<Field, u64>>,
    docs: OnceLock<u64>,
    doc_freq: Mutex<HashMap<Term, u64>>,
}

/// The statistics of `searcher`, remembered in `known`.
pub(super) struct Provider<'a> {
    pub(super) searcher: &'a Searcher,
    pub(super) known: &'a Statistics,
}

impl Bm25StatisticsProvider for Provider<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        if let Some(n) = self
            .known
            .tokens
            .lock()
            .ok()
            .and_then(|m| m.get(&field).copied())
        {
            return Ok(n);
        }
        let n = self.searcher.total_num_tokens(field)?;
        if let Ok(mut m) = self.known.tokens.lock() {
            m.insert(field, n);
        }
        Ok(n)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        if let Some(&n) = self.known.docs.get() {
            return Ok(n);
        }
        let n = self.searcher.total_num_docs()?;
        Ok(*self.known.docs.get_or_init(|| n))
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        if let Some(n) = self
            .known
            .doc_freq
            .lock()
            .ok()
            .and_then(|m| m.get(term).copied())
        {
            return Ok(n);
        }
        let n = self.searcher.doc_freq(term)?;
        if let Ok(mut m) = self.known.doc_freq.lock() {
            if m.len() < MAX_TERMS {
                m.insert(term.clone(), n);
            }
        }
        Ok(n)
    }
}
