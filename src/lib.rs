//! factbot: answers questions about news articles with the exact figures and the verbatim
//! sentence they come from.
//!
//! The data flow, one module per step:
//!
//! ```text
//! data/*.txt ─ article ─▶ paragraphs, sentences ─ figures ─▶ figures with scope and measure
//!            (layout, page-break repair)          (numerals, units, 分别 lists, time)
//!      corpus ─ index ─▶ tantivy (sentences, paragraphs, figures) in index/
//!   question ─ question ─▶ asked kind, unit, scope, terms ─ answer ─▶ ranked excerpts
//! ```
//!
//! [`Engine`] ties them together; the command line (`src/main.rs`, `src/cli/`) and the
//! Telegram bot call only the engine, and no Telegram type enters this library.

pub mod answer;
pub mod article;
pub mod check;
pub mod corpus;
pub mod figures;
pub mod glossary;
pub mod index;
pub mod lexicon;
pub mod question;
pub mod text;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

pub use answer::{Answer, AnswerFigure, Response, Status};
pub use corpus::Corpus;
pub use figures::{Figure, Kind};

/// Errors that stop the engine from starting; each says what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no articles to read in {dir}: {why}. Put .txt or .md articles there, or point --data / FACTBOT_DATA at a folder that has them")]
    NoData { dir: PathBuf, why: String },
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} {message}")]
    Data { path: String, message: String },
    #[error("index: {0}")]
    Index(String),
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// Where the engine reads and writes.
#[derive(Debug, Clone)]
pub struct Options {
    /// The data folder; `None` reads the article built into the binary.
    pub data_dir: Option<PathBuf>,
    pub index_dir: PathBuf,
}

/// Counts and timings of a start-up, for `factbot index` and the logs.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Stats {
    pub articles: usize,
    pub paragraphs: usize,
    pub sentences: usize,
    pub figures: usize,
    pub index_docs: u64,
    pub index_rebuilt: bool,
    pub parse_ms: u128,
    pub index_ms: u128,
}

/// The answer engine: the parsed corpus, its index, and the word lists.
pub struct Engine {
    pub corpus: Corpus,
    pub index: index::SearchIndex,
    pub seg: Arc<text::Segmenter>,
    pub lex: lexicon::Lexicon,
    pub glossary: glossary::Glossary,
    pub stats: Stats,
}

impl Engine {
    /// Read the data folder, parse every article, and open the index (building it when the
    /// data or the engine changed).
    pub fn open(opts: &Options) -> Result<Engine> {
        Self::open_inner(opts, false)
    }

    /// Like [`Engine::open`] but always rebuild the index.
    pub fn rebuild(opts: &Options) -> Result<Engine> {
        Self::open_inner(opts, true)
    }

    fn open_inner(opts: &Options, force: bool) -> Result<Engine> {
        let t0 = Instant::now();
        let (files, lex, glossary) = match &opts.data_dir {
            Some(dir) => {
                tracing::info!(dir = %dir.display(), "reading articles");
                (
                    article::read_dir(dir)?,
                    lexicon::Lexicon::load_or_builtin(dir)?,
                    glossary::Glossary::load_or_builtin(dir)?,
                )
            }
            None => {
                tracing::info!("reading the built-in article");
                (
                    article::embedded(),
                    lexicon::Lexicon::builtin(),
                    glossary::Glossary::builtin(),
                )
            }
        };
        let seg = Arc::new(text::Segmenter::new(glossary.chinese_terms()));
        let corpus = Corpus::build(&files, &lex, &seg, current_year());
        let parse_ms = t0.elapsed().as_millis();

        let mut fp = index::Fingerprint::new();
        for f in &files {
            fp.add(f.name.as_bytes());
            fp.add(f.text.as_bytes());
            fp.add(f.meta_text.as_bytes());
        }
        // the word lists change what is extracted: their texts (not their in-memory form,
        // whose hash maps iterate in a different order every run) are part of the fingerprint
        for (name, builtin) in [
            ("lexicon.toml", lexicon::DEFAULT_LEXICON),
            ("glossary.toml", glossary::DEFAULT_GLOSSARY),
        ] {
            let text = opts
                .data_dir
                .as_ref()
                .and_then(|d| std::fs::read_to_string(d.join(name)).ok());
            fp.add(text.as_deref().unwrap_or(builtin).as_bytes());
        }
        let (idx, istats) = index::SearchIndex::open_or_build(
            &opts.index_dir,
            &fp.hex(),
            force,
            &corpus,
            seg.clone(),
        )?;
        let stats = Stats {
            articles: corpus.articles.len(),
            paragraphs: corpus.articles.iter().map(|a| a.paragraphs.len()).sum(),
            sentences: corpus.sentences.len(),
            figures: corpus.figures.len(),
            index_docs: istats.docs,
            index_rebuilt: istats.rebuilt,
            parse_ms,
            index_ms: istats.millis,
        };
        tracing::info!(?stats, "engine ready");
        Ok(Engine {
            corpus,
            index: idx,
            seg,
            lex,
            glossary,
            stats,
        })
    }

    /// Analyse a question the way [`Engine::ask`] does (for explanations and tests).
    pub fn analyse(&self, question: &str) -> question::Question {
        question::Analyzer {
            lex: &self.lex,
            glossary: &self.glossary,
            seg: &self.seg,
            corpus: &self.corpus,
        }
        .analyse(question)
    }

    /// Answer a question. Never fails: an unusable question is `not_found` with a reason.
    pub fn ask(&self, question: &str) -> Response {
        let trimmed = question.trim();
        if trimmed.is_empty() {
            return Response::not_found(question, "empty question");
        }
        if trimmed.chars().count() > MAX_QUESTION_CHARS {
            return Response::not_found(question, format!("question longer than {MAX_QUESTION_CHARS} characters; ask about one figure at a time"));
        }
        let q = self.analyse(trimmed);
        let mut r = answer::Ranker {
            corpus: &self.corpus,
            index: &self.index,
            seg: &self.seg,
            lex: &self.lex,
        }
        .answer(&q);
        r.question = question.to_string();
        r
    }

    /// The analysis of a question and its best candidates, for `ask --explain`.
    pub fn explain(&self, question: &str) -> String {
        let q = self.analyse(question.trim());
        let mut out = format!(
            "asked {:?}, unit {:?}, scope {:?}, given {:?}, unknown {:?}\n",
            q.asked,
            q.unit,
            q.scopes.iter().flatten().next().map(|s| s.describe()),
            q.given,
            q.unknown
        );
        for line in (answer::Ranker {
            corpus: &self.corpus,
            index: &self.index,
            seg: &self.seg,
            lex: &self.lex,
        })
        .explain(&q)
        {
            out.push_str(&line);
            out.push('\n');
        }
        out
    }

    /// Fact-check a claim figure by figure. Never fails: see [`check::check`].
    pub fn check(&self, claim: &str) -> check::CheckResult {
        check::check(self, claim)
    }

    /// Every figure of every article.
    pub fn figures(&self) -> &[Figure] {
        &self.corpus.figures
    }

    /// The sentence a figure stands in.
    pub fn sentence_of(&self, f: &Figure) -> &str {
        &self.corpus.sentences[f.sentence].text
    }
}

/// Questions longer than this are refused (a question is a sentence, not an article).
pub const MAX_QUESTION_CHARS: usize = 500;

fn current_year() -> i32 {
    // days since 1970 → year, good enough for a fallback reference year
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    1970 + (secs / 31_556_952) as i32
}
