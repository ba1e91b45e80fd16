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
//! Telegram bot ([`bot`]) call only the engine. Telegram types live in `bot` alone: no engine
//! module imports it.

pub mod answer;
pub mod article;
pub mod bot;
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

    /// `n` example questions: the sidecars' `examples`, else questions made from the first
    /// figures with a measure.
    pub fn examples(&self, n: usize) -> Vec<String> {
        let mut out: Vec<String> = self
            .corpus
            .articles
            .iter()
            .flat_map(|a| a.meta.examples.iter().cloned())
            .collect();
        for f in self.key_figures("") {
            if out.len() >= n {
                break;
            }
            if let Some(m) = &self.corpus.figures[f].measure {
                let q = format!("{m}是多少");
                if !out.contains(&q) {
                    out.push(q);
                }
            }
        }
        out.truncate(n);
        out
    }

    /// The key figures, in reading order: quantities (no dates, no names such as 世界500强)
    /// with a measure, each fact once (sidebar repeats left out). With a topic, only those
    /// whose sentence or measure mentions it or a synonym.
    pub fn key_figures(&self, topic: &str) -> Vec<usize> {
        let topic = self
            .glossary
            .translate_english(&text::normalize(topic.trim()));
        let topic = topic.trim();
        let mut forms: Vec<Vec<char>> = Vec::new();
        if !topic.is_empty() {
            forms.push(topic.chars().collect());
            forms.extend(
                self.glossary
                    .synonyms(topic)
                    .into_iter()
                    .map(|s| s.chars().collect()),
            );
        }
        let mut seen = std::collections::HashSet::new();
        self.corpus
            .figures
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                self.lex.is_quantity(f.kind, f.unit.as_deref(), f.value) && f.measure.is_some()
            })
            .filter(|(_, f)| self.corpus.sentences[f.sentence].duplicate_of.is_none())
            .filter(|(_, f)| {
                forms.is_empty() || {
                    let s = &self.corpus.sentences[f.sentence].norm;
                    let m: Vec<char> = text::normalize(f.measure.as_deref().unwrap_or(""))
                        .chars()
                        .collect();
                    forms.iter().any(|t| {
                        corpus::find(s, t, 0).is_some() || corpus::find(&m, t, 0).is_some()
                    })
                }
            })
            .filter(|(_, f)| seen.insert((f.text.clone(), f.sentence)))
            .map(|(i, _)| i)
            .collect()
    }

    /// Figures for fact cards (inline mode): the answers' figures, the asked one first, or
    /// the key figures for an empty query; at most `max`.
    pub fn card_figures(&self, query: &str, max: usize) -> Vec<usize> {
        if query.trim().is_empty() {
            let mut v = self.key_figures("");
            v.truncate(max);
            return v;
        }
        let r = self.ask(query);
        let mut out: Vec<usize> = Vec::new();
        for a in &r.answers {
            for id in a.lead.into_iter().chain(a.figures.iter().map(|f| f.id)) {
                let f = &self.corpus.figures[id];
                if !out.contains(&id) && !matches!(f.kind, Kind::Date | Kind::Period) {
                    out.push(id);
                }
            }
        }
        if out.is_empty() && r.status == Status::NotFound {
            // a keyword rather than a question: the key figures about it
            out = self.key_figures(query);
        }
        out.truncate(max);
        out
    }

    /// Does the text state figures without asking anything (no question mark, no question
    /// word)? Then a chat treats it as a claim to check.
    pub fn looks_like_claim(&self, text: &str) -> bool {
        let norm = self.glossary.translate_english(&text::normalize(text));
        if norm.contains('?') || norm.contains('吗') || norm.contains('呢') {
            return false;
        }
        let q = &self.lex.question;
        let asks = [&q.date, &q.rank, &q.count, &q.entity, &q.question_phrases]
            .iter()
            .any(|l| l.iter().any(|w| norm.contains(w.as_str())))
            || norm.contains('几');
        if asks {
            return false;
        }
        question::figures_of(&self.lex, &self.seg, &norm)
            .iter()
            .any(|f| self.lex.is_quantity(f.kind, f.unit.as_deref(), f.value))
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
