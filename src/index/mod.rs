//! The tantivy index of the corpus's sentences and figures, kept in `index/`.
//!
//! Owns: the schema (each document type with its own text field), the Chinese analyzer, the
//! fingerprint that says when to rebuild, and the searches. It reads the corpus and never
//! the question or ranking modules: callers hand it analysed terms.
//!
//! It is built on first run and rebuilt by itself when the data files or this engine's index
//! format change: a fingerprint of both is stored beside the index. Queries are built in code
//! from analysed terms ([`TermQuery`], [`BooleanQuery`], [`BoostQuery`]); user text never
//! reaches a query parser, so quotes, colons and `AND(` are just text.

pub(crate) mod analyzer;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, Value,
    STORED, STRING,
};
use tantivy::{doc, Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

use crate::article::SourceFile;
use crate::corpus::Corpus;
use crate::knowledge::{DEFAULT_GLOSSARY, DEFAULT_LEXICON};
use crate::text::{Segmenter, StableHash};
use analyzer::{ZhTokenizer, ANALYZER};

/// Bump when the schema or the analyzer changes: old indexes are then rebuilt.
pub(crate) const INDEX_FORMAT: u32 = 4;
const FINGERPRINT_FILE: &str = "FINGERPRINT";

/// The schema's fields. Sentence documents and figure documents each have their own text
/// field, so the statistics of one (document frequencies for BM25) never mix with the other's.
#[derive(Clone, Copy)]
struct Fields {
    doctype: Field,
    article: Field,
    paragraph: Field,
    sentence: Field,
    figure: Field,
    /// A sentence's text.
    text: Field,
    /// A figure's measure and list item.
    figure_text: Field,
    value: Field,
    unit: Field,
    kind: Field,
}

pub(crate) struct SearchIndex {
    reader: IndexReader,
    fields: Fields,
    analyzer: ZhTokenizer,
    pub dir: PathBuf,
}

/// What opening the index did, for the log and `factbot index`.
#[derive(Debug, Clone)]
pub(crate) struct IndexStats {
    pub rebuilt: bool,
    pub docs: u64,
    pub millis: u128,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text_opts = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let id = NumericOptions::default()
        .set_stored()
        .set_indexed()
        .set_fast();
    let fields = Fields {
        doctype: b.add_text_field("doctype", STRING | STORED),
        article: b.add_u64_field("article", id.clone()),
        paragraph: b.add_u64_field("paragraph", id.clone()),
        sentence: b.add_u64_field("sentence", id.clone()),
        figure: b.add_u64_field("figure", id.clone()),
        text: b.add_text_field("text", text_opts.clone()),
        figure_text: b.add_text_field("figure_text", text_opts),
        value: b.add_f64_field("value", id),
        unit: b.add_text_field("unit", STRING | STORED),
        kind: b.add_text_field("kind", STRING | STORED),
    };
    (b.build(), fields)
}

/// The fingerprint of an index: a stable hash that starts from this engine's index format
/// and version, so any change of either changes every fingerprint.
pub(crate) fn format_hash() -> StableHash {
    let mut f = StableHash::new();
    f.add(format!("factbot-index-{INDEX_FORMAT}-{}", env!("CARGO_PKG_VERSION")).as_bytes());
    f
}

/// The fingerprint of what an index is built from: the article files, their sidecars, the
/// word lists, and how this engine cut them.
pub(crate) fn fingerprint(
    data_dir: Option<&Path>,
    files: &[SourceFile],
    corpus: &Corpus,
) -> String {
    let mut fp = format_hash();
    for f in files {
        fp.add(f.name.as_bytes());
        fp.add(f.text.as_bytes());
        fp.add(f.meta_text.as_bytes());
    }
    // the word lists change what is extracted: their texts (not their in-memory form,
    // whose hash maps iterate in a different order every run) are part of the fingerprint
    for (name, builtin) in [
        ("lexicon.toml", DEFAULT_LEXICON),
        ("glossary.toml", DEFAULT_GLOSSARY),
    ] {
        let text = data_dir.and_then(|d| std::fs::read_to_string(d.join(name)).ok());
        fp.add(text.as_deref().unwrap_or(builtin).as_bytes());
    }
    // the index refers to sentences and figures by position: it must be rebuilt whenever
    // the engine would cut the same files differently (a code change in the same version)
    for s in &corpus.sentences {
        fp.add(s.text.as_bytes());
    }
    for f in &corpus.figures {
        fp.add(
            format!(
                "{}|{}|{}",
                f.sentence,
                f.text,
                f.measure.as_deref().unwrap_or("")
            )
            .as_bytes(),
        );
    }
    fp.hex()
}

impl SearchIndex {
    /// Open the index in `dir` if its fingerprint matches (and `force` is false), else
    /// (re)build it from `corpus`.
    pub(crate) fn open_or_build(
        dir: &Path,
        fingerprint: &str,
        force: bool,
        corpus: &Corpus,
        seg: Arc<Segmenter>,
    ) -> crate::Result<(SearchIndex, IndexStats)> {
        let started = std::time::Instant::now();
        let (schema, fields) = schema();
        let analyzer = ZhTokenizer::new(seg);
        let stored = std::fs::read_to_string(dir.join(FINGERPRINT_FILE)).ok();
        let current = !force
            && stored.as_deref().map(str::trim) == Some(fingerprint)
            && dir.join("meta.json").is_file();
        let mut rebuilt = false;
        let index = if current {
            tracing::debug!(dir = %dir.display(), "opening index (fingerprint {fingerprint} matches)");
            match Index::open_in_dir(dir) {
                Ok(i) => i,
                Err(e) => {
                    tracing::warn!(
                        "index in {} cannot be opened ({e}); rebuilding",
                        dir.display()
                    );
                    rebuilt = true;
                    Self::build(dir, &schema, fields, fingerprint, corpus, &analyzer)?
                }
            }
        } else {
            tracing::info!(dir = %dir.display(), "building the index (data or engine changed)");
            rebuilt = true;
            Self::build(dir, &schema, fields, fingerprint, corpus, &analyzer)?
        };
        index.tokenizers().register(ANALYZER, analyzer.clone());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| {
                crate::Error::Index(format!("cannot read the index in {}: {e}", dir.display()))
            })?;
        let docs = reader.searcher().num_docs();
        let stats = IndexStats {
            rebuilt,
            docs,
            millis: started.elapsed().as_millis(),
        };
        Ok((
            SearchIndex {
                reader,
                fields,
                analyzer,
                dir: dir.to_path_buf(),
            },
            stats,
        ))
    }

    fn build(
        dir: &Path,
        schema: &Schema,
        f: Fields,
        fingerprint: &str,
        corpus: &Corpus,
        analyzer: &ZhTokenizer,
    ) -> crate::Result<Index> {
        let ierr = |e: tantivy::TantivyError| {
            crate::Error::Index(format!("cannot build the index in {}: {e}", dir.display()))
        };
        clear_index_dir(dir)?;
        let index = Index::create_in_dir(dir, schema.clone()).map_err(ierr)?;
        index.tokenizers().register(ANALYZER, analyzer.clone());
        let mut writer: tantivy::IndexWriter =
            index.writer_with_num_threads(1, 20_000_000).map_err(ierr)?;
        for s in &corpus.sentences {
            writer
                .add_document(doc!(
                    f.doctype => "sentence",
                    f.article => s.article as u64,
                    f.paragraph => s.paragraph as u64,
                    f.sentence => s.id as u64,
                    f.text => s.text.as_str(),
                ))
                .map_err(ierr)?;
        }
        for (fi, fig) in corpus.figures.iter().enumerate() {
            let mut d = doc!(
                f.doctype => "figure",
                f.article => fig.article as u64,
                f.paragraph => fig.paragraph as u64,
                f.sentence => fig.sentence as u64,
                f.figure => fi as u64,
                f.kind => fig.kind.as_str(),
                f.figure_text => format!("{} {}", fig.measure.as_deref().unwrap_or(""), fig.item.as_deref().unwrap_or("")),
            );
            if let Some(v) = fig.value {
                d.add_f64(f.value, v);
            }
            if let Some(u) = &fig.unit {
                d.add_text(f.unit, u);
            }
            writer.add_document(d).map_err(ierr)?;
        }
        writer.commit().map_err(ierr)?;
        writer.wait_merging_threads().map_err(ierr)?;
        std::fs::write(dir.join(FINGERPRINT_FILE), fingerprint)
            .map_err(|e| crate::Error::io(dir, e))?;
        Ok(index)
    }

    /// Sentences matching any of `terms` (each with a boost), best BM25 first.
    pub(crate) fn search_sentences(
        &self,
        terms: &[(String, f32)],
        limit: usize,
    ) -> crate::Result<Vec<(usize, f32)>> {
        let mut shoulds: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (term, boost) in terms {
            for token in self.analyzer.terms(term) {
                if !seen.insert(token.clone()) {
                    continue;
                }
                let q = TermQuery::new(
                    Term::from_field_text(self.fields.text, &token),
                    IndexRecordOption::WithFreqs,
                );
                shoulds.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(q), *boost)),
                ));
            }
        }
        if shoulds.is_empty() {
            return Ok(Vec::new());
        }
        let query = BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(self.fields.doctype, "sentence"),
                    IndexRecordOption::Basic,
                )),
            ),
            (Occur::Must, Box::new(BooleanQuery::new(shoulds))),
        ]);
        self.collect(&query, limit, self.fields.sentence)
    }

    fn collect(
        &self,
        query: &dyn Query,
        limit: usize,
        id_field: Field,
    ) -> crate::Result<Vec<(usize, f32)>> {
        let searcher = self.reader.searcher();
        let hits = searcher
            .search(query, &TopDocs::with_limit(limit.max(1)).order_by_score())
            .map_err(|e| crate::Error::Index(format!("search failed: {e}")))?;
        let mut out = Vec::with_capacity(hits.len());
        for (score, addr) in hits {
            let d: TantivyDocument = searcher
                .doc(addr)
                .map_err(|e| crate::Error::Index(format!("cannot read a hit: {e}")))?;
            if let Some(id) = d.get_first(id_field).and_then(|v| v.as_u64()) {
                out.push((id as usize, score));
            }
        }
        Ok(out)
    }
}

/// Empty `dir` for a new index, refusing to touch a folder that is not an index: a wrong
/// `--index` must never delete someone's files.
fn clear_index_dir(dir: &Path) -> crate::Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| crate::Error::io(dir, e))?;
    let entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| crate::Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().is_some_and(|n| n != ".gitkeep"))
        .collect();
    if entries.is_empty() {
        return Ok(());
    }
    let ours = dir.join("meta.json").is_file()
        || dir.join(FINGERPRINT_FILE).is_file()
        || dir.join(".tantivy-meta.lock").exists();
    if !ours {
        return Err(crate::Error::Index(format!(
            "{} is not empty and holds no factbot index; choose an empty folder with --index or FACTBOT_INDEX",
            dir.display()
        )));
    }
    for p in entries {
        let r = if p.is_dir() {
            std::fs::remove_dir_all(&p)
        } else {
            std::fs::remove_file(&p)
        };
        r.map_err(|e| crate::Error::io(&p, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::tests::corpus_of;

    const TEXT: &str =
        "标题\n\n今年1-5月，全市完成进出口3561.8亿元、增长1.9%。\n\n港口货物吞吐量3.5亿吨。\n";

    #[test]
    fn finds_sentences_by_analysed_terms_and_rebuilds_only_when_asked() {
        let (corpus, _lex, seg) = corpus_of(TEXT);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index");
        let (index, stats) =
            SearchIndex::open_or_build(&path, "fp1", false, &corpus, seg.clone()).unwrap();
        assert!(stats.rebuilt);
        assert_eq!(
            stats.docs as usize,
            corpus.sentences.len() + corpus.figures.len()
        );
        let hits = index
            .search_sentences(&[("吞吐量".into(), 1.0)], 10)
            .unwrap();
        let texts: Vec<&str> = hits
            .iter()
            .map(|(id, _)| corpus.sentences[*id].text.as_str())
            .collect();
        assert_eq!(texts, ["港口货物吞吐量3.5亿吨。"]);
        // query syntax in the terms is plain text: it matches nothing and breaks nothing
        let none = index
            .search_sentences(&[("进出口 AND(".into(), 1.0), ("*".into(), 1.0)], 10)
            .unwrap();
        assert_eq!(none.len(), 1, "only the words of the text count: {none:?}");
        drop(index);
        let (_, again) =
            SearchIndex::open_or_build(&path, "fp1", false, &corpus, seg.clone()).unwrap();
        assert!(!again.rebuilt, "the same fingerprint reuses the index");
        let (_, changed) = SearchIndex::open_or_build(&path, "fp2", false, &corpus, seg).unwrap();
        assert!(changed.rebuilt, "another fingerprint rebuilds it");
    }

    #[test]
    fn the_format_is_part_of_every_fingerprint() {
        assert_ne!(format_hash().value(), StableHash::new().value());
    }
}
