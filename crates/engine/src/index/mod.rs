//! The tantivy index of the archive's sentences and figures, kept in `index/tantivy/`.
//!
//! Owns: the schema (each document type with its own text field), the analyzers, the
//! searches and the statistics (how many sentences hold a word; does any). It reads parsed
//! articles and never the question or ranking modules: callers hand it analysed terms.
//!
//! Each document names its article by key and its sentence by position in the article, so
//! one article is re-indexed by deleting its documents and adding the new ones. Queries are
//! built in code from analysed terms ([`TermQuery`], [`BooleanQuery`], [`BoostQuery`]); user
//! text never reaches a query parser, so quotes, colons and `AND(` are just text.

pub(crate) mod analyzer;
mod schema;
mod statistics;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{Bm25StatisticsProvider, BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term};

use crate::article::ArticleKey;
use crate::corpus::ParsedArticle;
use crate::text::Segmenter;
use analyzer::{grams, GramTokenizer, ZhTokenizer, ANALYZER, GRAMS};
use schema::{Fields, UNDATED};
use statistics::{Provider, Statistics, MAX_TERMS};

/// Bump when the schema or the analyzers change: old indexes are then rebuilt.
pub(crate) const INDEX_FORMAT: u32 = 6;

/// Memory for the index writer's arena (tantivy's floor is 15 MB).
const WRITER_ARENA: usize = 30_000_000;

/// A sentence the search found, by article and position, with its BM25 score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Hit {
    pub article: ArticleKey,
    pub sentence: usize,
    pub score: f32,
}

/// What narrows a search before ranking: the places named (any of them) and the years
/// asked (sentences without a period pass too).
#[derive(Debug, Clone, Default)]
pub(crate) struct Filter {
    pub places: Vec<String>,
    pub years: Vec<i32>,
}

/// The index on disk and a reader of it.
pub(crate) struct SearchIndex {
    /// Where it lives, for messages.
    dir: std::path::PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    analyzer: ZhTokenizer,
}

impl SearchIndex {
    /// Open the index in `dir`, or create an empty one.
    pub(crate) fn open_or_create(
        dir: &Path,
        seg: Arc<Segmenter>,
    ) -> crate::error::Result<SearchIndex> {
        let ierr = |e: tantivy::TantivyError| {
            crate::error::Error::Index(format!("cannot open the index in {}: {e}", dir.display()))
        };
        std::fs::create_dir_all(dir).map_err(|e| crate::error::Error::io(dir, e))?;
        let (schema, fields) = schema::schema();
        let index = if dir.join("meta.json").is_file() {
            Index::open_in_dir(dir).map_err(ierr)?
        } else {
            Index::create_in_dir(dir, schema).map_err(ierr)?
        };
        let analyzer = ZhTokenizer::new(seg);
        index.tokenizers().register(ANALYZER, analyzer.clone());
        index.tokenizers().register(GRAMS, GramTokenizer);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(ierr)?;
        Ok(SearchIndex {
            dir: dir.to_path_buf(),
            index,
            reader,
            fields,
            analyzer,
        })
    }

    /// The segment files that are missing or whose footer is damaged (a cheap check: each
    /// file is opened, none is read through), with why.
    pub(crate) fn damaged_files(&self) -> Vec<String> {
        use tantivy::directory::Directory;
        use tantivy::index::SegmentComponent as C;
        let metas = match self.index.searchable_segment_metas() {
            Ok(m) => m,
            Err(e) => return vec![format!("the segment list: {e}")],
        };
        let mut damaged = Vec::new();
        for meta in metas {
            let mut parts = vec![
                C::Postings,
                C::Positions,
                C::Terms,
                C::Store,
                C::FastFields,
                C::FieldNorms,
            ];
            if meta.has_deletes() {
                parts.push(C::Delete);
            }
            for part in parts {
                let path = meta.relative_path(part);
                if let Err(e) = self.index.directory().open_read(&path) {
                    damaged.push(format!("{}: {e}", path.display()));
                }
            }
        }
        damaged
    }

    /// A writer for one batch of changes (only one may exist at a time, across processes).
    pub(crate) fn writer(&self) -> crate::error::Result<IndexWriter> {
        self.index
            .writer_with_num_threads(1, WRITER_ARENA)
            .map_err(|e| self.write_error(e))
    }

    /// A failed write (a full disk, a size limit): the folder and what to do. What was
    /// written is never committed, so no start trusts it.
    fn write_error(&self, e: tantivy::TantivyError) -> crate::error::Error {
        crate::error::Error::Index(format!(
            "cannot write the index in {}: {e}. Nothing half-written is used: free space on that disk (or point --index / FACTBOT_INDEX at a folder on another one) and start again",
            self.dir.display()
        ))
    }

    /// Remove every document of an article.
    pub(crate) fn delete_article(&self, w: &IndexWriter, key: ArticleKey) {
        w.delete_term(Term::from_field_u64(self.fields.article, key.0));
    }

    /// Add the documents of a parsed article: one per sentence, one per figure.
    pub(crate) fn add_article(
        &self,
        w: &IndexWriter,
        a: &ParsedArticle,
    ) -> crate::error::Result<()> {
        for s in &a.sentences {
            w.add_document(self.fields.sentence_doc(a, s))
                .map_err(|e| self.write_error(e))?;
        }
        for (fi, f) in a.figures.iter().enumerate() {
            w.add_document(self.fields.figure_doc(a, fi, f))
                .map_err(|e| self.write_error(e))?;
        }
        Ok(())
    }

    /// Commit a writer's changes and make them visible to new searchers.
    pub(crate) fn commit(&self, mut w: IndexWriter) -> crate::error::Result<()> {
        w.commit().map_err(|e| self.write_error(e))?;
        w.wait_merging_threads().map_err(|e| self.write_error(e))?;
        self.reader.reload().map_err(|e| {
            crate::error::Error::Index(format!(
                "cannot read the index in {} again: {e}",
                self.dir.display()
            ))
        })
    }

    /// A searcher on the index as it is now: it keeps seeing this version while later
    /// commits happen.
    pub(crate) fn searcher(&self) -> IndexSearcher {
        IndexSearcher {
            searcher: self.reader.searcher(),
            fields: self.fields,
            analyzer: self.analyzer.clone(),
            df: Default::default(),
            sentences: Default::default(),
            statistics: Default::default(),
            contained: Default::default(),
        }
    }
}

/// One version of the index, for searching and statistics.
pub(crate) struct IndexSearcher {
    searcher: Searcher,
    fields: Fields,
    analyzer: ZhTokenizer,
    /// Document frequencies asked already (the ranking asks for the same words often).
    df: std::sync::Mutex<HashMap<String, u64>>,
    sentences: std::sync::OnceLock<u64>,
    /// BM25's statistics, read once.
    statistics: Statistics,
    /// Whether a string occurs (within places), asked already.
    contained: std::sync::Mutex<HashMap<String, bool>>,
}

impl IndexSearcher {
    /// Documents in the index.
    pub(crate) fn num_docs(&self) -> u64 {
        self.searcher.num_docs()
    }

    /// Sentences in the index.
    pub(crate) fn sentences(&self) -> u64 {
        *self
            .sentences
            .get_or_init(|| self.count(&self.doctype("sentence")).unwrap_or(0))
    }

    /// Sentences matching any of `terms` (each with a boost) in their text or in the measure
    /// of one of their figures, within `filter`, best BM25 first, at most `limit`.
    pub(crate) fn candidates(
        &self,
        terms: &[(String, f32)],
        filter: &Filter,
        limit: usize,
    ) -> crate::error::Result<Vec<Hit>> {
        let f = &self.fields;
        let mut shoulds: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (term, boost) in terms {
            for token in self.analyzer.terms(term) {
                if !seen.insert(token.clone()) {
                    continue;
                }
                for field in [f.text, f.figure_text, f.subject] {
                    let term = Term::from_field_text(field, &token);
                    // a word no document holds in this field adds nothing to any score:
                    // skipping it saves building its BM25 weight
                    if self.statistics().doc_freq(&term).unwrap_or(1) == 0 {
                        continue;
                    }
                    let q = TermQuery::new(term, IndexRecordOption::WithFreqs);
                    shoulds.push((
                        Occur::Should,
                        Box::new(BoostQuery::new(Box::new(q), *boost)),
                    ));
                }
            }
        }
        if shoulds.is_empty() {
            return Ok(Vec::new());
        }
        let mut musts: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, Box::new(BooleanQuery::new(shoulds)))];
        if !filter.places.is_empty() {
            musts.push((Occur::Must, self.any_of(f.place, &filter.places)));
        }
        if !filter.years.is_empty() {
            let mut years: Vec<String> = filter.years.iter().map(|y| y.to_string()).collect();
            years.push(UNDATED.to_string());
            musts.push((Occur::Must, self.any_of(f.year, &years)));
        }
        self.hits(&BooleanQuery::new(musts), limit)
    }

    /// How many sentences hold normalised `term` (as a string, as the ranking matches it:
    /// 出口 also in 进出口). Exact for one or two chars; for longer terms, the sentences that
    /// have all of its char pairs.
    pub(crate) fn doc_freq(&self, term: &str) -> u64 {
        let cached = self.df.lock().ok().and_then(|m| m.get(term).copied());
        if let Some(n) = cached {
            return n;
        }
        let chars: Vec<char> = term.chars().collect();
        let n = if chars.len() <= 2 && chars.iter().all(|c| c.is_alphanumeric()) {
            let t = Term::from_field_text(self.fields.grams, term);
            self.searcher.doc_freq(&t).unwrap_or(0)
        } else {
            self.count(&self.all_grams(&chars)).unwrap_or(0)
        };
        if let Ok(mut m) = self.df.lock() {
            if m.len() < MAX_TERMS {
                m.insert(term.to_string(), n);
            }
        }
        n
    }

    /// Sentences that have every char and char pair of `chars`.
    fn all_grams(&self, chars: &[char]) -> BooleanQuery {
        let musts: Vec<(Occur, Box<dyn Query>)> = grams(chars)
            .iter()
            .map(|g| {
                let t = Term::from_field_text(self.fields.grams, g);
                let q: Box<dyn Query> = Box::new(TermQuery::new(t, IndexRecordOption::Basic));
                (Occur::Must, q)
            })
            .collect();
        BooleanQuery::new(musts)
    }

    /// Does normalised `term` occur in any sentence, as a string (not only as a word)? Found
    /// by its chars and char pairs, then checked on the sentences' text.
    pub(crate) fn contains(&self, term: &str) -> bool {
        self.contains_about(term, &[])
    }

    /// Like [`IndexSearcher::contains`], within the sentences about any of `places` (their
    /// articles are about it, or they name it); all sentences when `places` is empty.
    /// Remembered for this version of the index: questions ask about the same words.
    pub(crate) fn contains_about(&self, term: &str, places: &[String]) -> bool {
        let key = std::iter::once(term)
            .chain(places.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join("\u{1}");
        if let Some(known) = self
            .contained
            .lock()
            .ok()
            .and_then(|m| m.get(&key).copied())
        {
            return known;
        }
        let found = self.search_contains(term, places);
        if let Ok(mut m) = self.contained.lock() {
            if m.len() < MAX_TERMS {
                m.insert(key, found);
            }
        }
        found
    }

    fn search_contains(&self, term: &str, places: &[String]) -> bool {
        let chars: Vec<char> = term.chars().collect();
        if grams(&chars).is_empty() {
            return false;
        }
        let mut query = self.all_grams(&chars);
        if !places.is_empty() {
            query = BooleanQuery::new(vec![
                (Occur::Must, Box::new(query) as Box<dyn Query>),
                (Occur::Must, self.any_of(self.fields.place, places)),
            ]);
        }
        if chars.len() <= 2 {
            // a char or a pair is its own gram: a match is the string
            return self.count(&query).unwrap_or(0) > 0;
        }
        let Ok(top) = self.searcher.search_with_statistics_provider(
            &query,
            &TopDocs::with_limit(64).order_by_score(),
            &self.statistics(),
        ) else {
            return false;
        };
        top.into_iter().any(|(_, addr)| {
            self.searcher
                .doc::<TantivyDocument>(addr)
                .ok()
                .and_then(|d| {
                    d.get_first(self.fields.norm)
                        .and_then(|v| v.as_str().map(str::to_string))
                })
                .is_some_and(|norm| norm.contains(term))
        })
    }

    /// BM25's statistics of this version, each read from the segments once.
    fn statistics(&self) -> Provider<'_> {
        Provider {
            searcher: &self.searcher,
            known: &self.statistics,
        }
    }

    fn doctype(&self, t: &str) -> TermQuery {
        TermQuery::new(
            Term::from_field_text(self.fields.doctype, t),
            IndexRecordOption::Basic,
        )
    }

    fn any_of(&self, field: tantivy::schema::Field, values: &[String]) -> Box<dyn Query> {
        let shoulds: Vec<(Occur, Box<dyn Query>)> = values
            .iter()
            .map(|v| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(field, v),
                    IndexRecordOption::Basic,
                ));
                (Occur::Should, q)
            })
            .collect();
        Box::new(BooleanQuery::new(shoulds))
    }

    fn count(&self, query: &dyn Query) -> crate::error::Result<u64> {
        self.searcher
            .search(query, &Count)
            .map(|n| n as u64)
            .map_err(|e| crate::error::Error::Index(format!("search failed: {e}")))
    }

    /// The best `limit` documents as sentences (a figure's document stands for its
    /// sentence), each sentence once with its best score.
    fn hits(&self, query: &dyn Query, limit: usize) -> crate::error::Result<Vec<Hit>> {
        let top = self
            .searcher
            .search_with_statistics_provider(
                query,
                &TopDocs::with_limit(limit.max(1)).order_by_score(),
                &self.statistics(),
            )
            .map_err(|e| crate::error::Error::Index(format!("search failed: {e}")))?;
        let mut columns: HashMap<
            u32,
            (
                tantivy::columnar::Column<u64>,
                tantivy::columnar::Column<u64>,
            ),
        > = HashMap::new();
        let mut out: Vec<Hit> = Vec::with_capacity(top.len());
        let mut seen: HashMap<(ArticleKey, usize), usize> = HashMap::new();
        for (score, addr) in top {
            let cols = match columns.entry(addr.segment_ord) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(v) => {
                    let ff = self.searcher.segment_reader(addr.segment_ord).fast_fields();
                    let article = ff
                        .u64("article")
                        .map_err(|e| crate::error::Error::Index(e.to_string()))?;
                    let sentence = ff
                        .u64("sentence")
                        .map_err(|e| crate::error::Error::Index(e.to_string()))?;
                    v.insert((article, sentence))
                }
            };
            let (Some(a), Some(s)) = (cols.0.first(addr.doc_id), cols.1.first(addr.doc_id)) else {
                continue;
            };
            let key = (ArticleKey(a), s as usize);
            match seen.get(&key) {
                Some(&i) => out[i].score = out[i].score.max(score),
                None => {
                    seen.insert(key, out.len());
                    out.push(Hit {
                        article: key.0,
                        sentence: key.1,
                        score,
                    });
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::tests::corpus_of;

    const TEXT: &str = "青岛外贸\n\n今年1-5月，青岛市完成进出口3561.8亿元、增长1.9%。\n\n2023年，港口货物吞吐量3.5亿吨。\n";

    fn indexed(text: &str) -> (tempfile::TempDir, SearchIndex, crate::corpus::ParsedArticle) {
        let (article, _lex, seg) = corpus_of(text);
        let dir = tempfile::tempdir().unwrap();
        let index = SearchIndex::open_or_create(&dir.path().join("t"), seg).unwrap();
        let w = index.writer().unwrap();
        index.add_article(&w, &article).unwrap();
        index.commit(w).unwrap();
        (dir, index, article)
    }

    #[test]
    fn finds_sentences_by_words_filtered_by_place_and_year() {
        let (_dir, index, article) = indexed(TEXT);
        assert_eq!(index.damaged_files(), Vec::<String>::new());
        let s = index.searcher();
        assert_eq!(s.sentences() as usize, article.sentences.len());
        assert_eq!(
            s.num_docs() as usize,
            article.sentences.len() + article.figures.len()
        );
        let sentence = |hits: &[Hit]| -> Vec<String> {
            hits.iter()
                .map(|h| article.sentences[h.sentence].text.clone())
                .collect()
        };
        let all = Filter::default();
        let hits = s.candidates(&[("吞吐量".into(), 1.0)], &all, 10).unwrap();
        assert_eq!(sentence(&hits), ["2023年，港口货物吞吐量3.5亿吨。"]);
        let qingdao = Filter {
            places: vec!["青岛".into()],
            years: vec![],
        };
        assert_eq!(
            s.candidates(&[("吞吐量".into(), 1.0)], &qingdao, 10)
                .unwrap()
                .len(),
            1,
            "the article is about 青岛"
        );
        let dalian = Filter {
            places: vec!["大连".into()],
            years: vec![],
        };
        assert!(s
            .candidates(&[("吞吐量".into(), 1.0)], &dalian, 10)
            .unwrap()
            .is_empty());
        let y2021 = Filter {
            places: vec![],
            years: vec![2021],
        };
        assert!(s
            .candidates(&[("吞吐量".into(), 1.0)], &y2021, 10)
            .unwrap()
            .is_empty());
        let y2023 = Filter {
            places: vec![],
            years: vec![2023],
        };
        assert_eq!(
            s.candidates(&[("吞吐量".into(), 1.0)], &y2023, 10)
                .unwrap()
                .len(),
            1
        );
        // query syntax in the terms is plain text
        let hits = s
            .candidates(&[("进出口 AND(".into(), 1.0), ("*".into(), 1.0)], &all, 10)
            .unwrap();
        assert_eq!(
            sentence(&hits),
            ["今年1-5月，青岛市完成进出口3561.8亿元、增长1.9%。"]
        );
    }

    #[test]
    fn statistics_come_from_the_index() {
        let (_dir, index, _) = indexed(TEXT);
        let s = index.searcher();
        assert_eq!(s.doc_freq("进出口"), 1);
        assert_eq!(s.doc_freq("出口"), 1, "a string inside a word counts");
        assert_eq!(s.doc_freq("港"), 1);
        assert_eq!(s.doc_freq("年"), 2);
        assert_eq!(s.doc_freq("飞机"), 0);
        assert!(s.contains("货物吞吐") && s.contains("吞") && s.contains("港口货物"));
        assert!(
            !s.contains("吞吐港口") && !s.contains("飞机"),
            "every pair there, but not in order"
        );
    }

    #[test]
    fn an_article_is_replaced_by_deleting_its_documents() {
        let (_dir, index, article) = indexed(TEXT);
        let w = index.writer().unwrap();
        index.delete_article(&w, article.key());
        index.commit(w).unwrap();
        assert_eq!(index.searcher().num_docs(), 0);
    }
}
