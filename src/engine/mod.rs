//! The engine: the parsed articles, their index and the word lists behind one small API.
//!
//! Frontends (the command line, the terminal chat, the Telegram bot) call only the methods
//! here, and get plain data back ([`crate::views`]): answers, checks, facts, paragraphs,
//! sources. They never see the corpus or the index.
//!
//! Owns: opening (reading, parsing, indexing) and the public API. May import every engine
//! step; never `conversation` or a frontend.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::answer::{Response, Status};
use crate::article::{self, Article};
use crate::check::CheckResult;
use crate::corpus::Corpus;
use crate::figures::Kind;
use crate::index::SearchIndex;
use crate::knowledge::{Glossary, Lexicon};
use crate::question::{Analyzer, Question};
use crate::ranking::Ranker;
use crate::text::Segmenter;
use crate::views::{ArticleKey, Fact, FigureInfo, ParagraphRef, ParagraphText, SourceInfo};
use crate::Result;

/// Questions longer than this are refused (a question is a sentence, not an article).
pub const MAX_QUESTION_CHARS: usize = 500;

/// Where the engine reads and writes.
#[derive(Debug, Clone)]
pub struct Options {
    /// The data folder; `None` reads the article built into the binary.
    pub data_dir: Option<PathBuf>,
    /// Where the search index lives (built on first run).
    pub index_dir: PathBuf,
}

/// Counts and timings of a start-up, for `factbot index` and the logs.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Stats {
    /// Articles read.
    pub articles: usize,
    /// Paragraphs in all articles.
    pub paragraphs: usize,
    /// Sentences in all articles.
    pub sentences: usize,
    /// Figures in all articles.
    pub figures: usize,
    /// Documents in the search index.
    pub index_docs: u64,
    /// Whether the index was (re)built at this start.
    pub index_rebuilt: bool,
    /// Time spent reading and parsing the articles.
    pub parse_ms: u128,
    /// Time spent opening or building the index.
    pub index_ms: u128,
}

/// The answer engine: the parsed corpus, its index, and the word lists.
pub struct Engine {
    pub(crate) corpus: Corpus,
    pub(crate) index: SearchIndex,
    pub(crate) seg: Arc<Segmenter>,
    pub(crate) lex: Lexicon,
    pub(crate) glossary: Glossary,
    stats: Stats,
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
                    Lexicon::load_or_builtin(dir)?,
                    Glossary::load_or_builtin(dir)?,
                )
            }
            None => {
                tracing::info!("reading the built-in article");
                (article::embedded(), Lexicon::builtin(), Glossary::builtin())
            }
        };
        let seg = Arc::new(Segmenter::new(glossary.chinese_terms()));
        let corpus = Corpus::build(&files, &lex, &seg, current_year());
        let parse_ms = t0.elapsed().as_millis();
        let fingerprint = crate::index::fingerprint(opts.data_dir.as_deref(), &files, &corpus);
        let (index, istats) =
            SearchIndex::open_or_build(&opts.index_dir, &fingerprint, force, &corpus, seg.clone())?;
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
        tracing::info!(
            articles = stats.articles,
            figures = stats.figures,
            rebuilt = stats.index_rebuilt,
            ms = t0.elapsed().as_millis() as u64,
            "engine ready"
        );
        Ok(Engine {
            corpus,
            index,
            seg,
            lex,
            glossary,
            stats,
        })
    }

    /// Counts and timings of this engine's start-up.
    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    /// Where the index lives.
    pub fn index_dir(&self) -> &Path {
        &self.index.dir
    }

    pub(crate) fn analyse(&self, question: &str) -> Question {
        Analyzer {
            lex: &self.lex,
            glossary: &self.glossary,
            seg: &self.seg,
            corpus: &self.corpus,
        }
        .analyse(question)
    }

    pub(crate) fn ranker(&self) -> Ranker<'_> {
        Ranker {
            corpus: &self.corpus,
            index: &self.index,
            lex: &self.lex,
        }
    }

    /// Answer a question. Never fails: an unusable question is `not_found` with a reason.
    pub fn ask(&self, question: &str) -> Response {
        let trimmed = question.trim();
        if trimmed.is_empty() {
            return Response::not_found(question, "empty question");
        }
        if trimmed.chars().count() > MAX_QUESTION_CHARS {
            return Response::not_found(
                question,
                format!(
                    "question longer than {MAX_QUESTION_CHARS} characters; ask about one figure at a time"
                ),
            );
        }
        let q = self.analyse(trimmed);
        let mut r = crate::answer::answer(&self.ranker(), &q);
        r.question = question.to_string();
        r
    }

    /// How a question was read and its best candidates, for `ask --explain`.
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
        for line in self.ranker().explain(&q) {
            out.push_str(&line);
            out.push('\n');
        }
        out
    }

    /// Fact-check a claim figure by figure. Never fails: see [`crate::check`].
    pub fn check(&self, claim: &str) -> CheckResult {
        crate::check::check(self, claim)
    }

    /// `n` example questions: the sidecars' `examples`, else questions made from the key
    /// figures' measures.
    pub fn examples(&self, n: usize) -> Vec<String> {
        let mut out: Vec<String> = self
            .corpus
            .articles
            .iter()
            .flat_map(|a| a.meta.examples.iter().cloned())
            .collect();
        for f in self.key_figure_ids("") {
            if out.len() >= n {
                break;
            }
            if let Some(m) = &self.corpus.figures[f].measure {
                let q = self.lex.templates.question_about(m);
                if !out.contains(&q) {
                    out.push(q);
                }
            }
        }
        out.truncate(n);
        out
    }

    /// The key figures, optionally about a topic (a word or a synonym of it).
    pub fn key_facts(&self, topic: &str) -> Vec<Fact> {
        self.key_figure_ids(topic)
            .into_iter()
            .map(|id| self.fact(id))
            .collect()
    }

    /// Figures for fact cards (inline mode): the answers' figures, the asked one first, or
    /// the key figures for an empty query; at most `max`.
    pub fn cards(&self, query: &str, max: usize) -> Vec<Fact> {
        let ids = if query.trim().is_empty() {
            self.key_figure_ids("")
        } else {
            self.card_figure_ids(query)
        };
        ids.into_iter().take(max).map(|id| self.fact(id)).collect()
    }

    /// Every figure of every article, in reading order.
    pub fn facts(&self) -> Vec<Fact> {
        (0..self.corpus.figures.len())
            .map(|id| self.fact(id))
            .collect()
    }

    /// A whole paragraph by reference; `None` when the article or paragraph is gone.
    pub fn paragraph(&self, r: ParagraphRef) -> Option<ParagraphText> {
        let (ai, a) = self.article_by_key(r.article)?;
        let p = a.paragraph(r.paragraph as usize)?;
        Some(ParagraphText {
            article: self.corpus.article_info(ai),
            number: r.paragraph,
            kind: p.kind.as_str(),
            text: p.text.clone(),
        })
    }

    /// The articles loaded, in data-folder order.
    pub fn sources(&self) -> Vec<SourceInfo> {
        self.corpus
            .articles
            .iter()
            .enumerate()
            .map(|(ai, a)| SourceInfo {
                article: self.corpus.article_info(ai),
                source: a.meta.source.clone(),
                reference_year: Some(a.reference_year),
                paragraphs: a.paragraphs.len(),
                figures: self
                    .corpus
                    .figures
                    .iter()
                    .filter(|f| f.article == ai)
                    .count(),
            })
            .collect()
    }

    /// Does the normalised text hold a figure worth checking (a quantity, not a date)?
    pub(crate) fn states_a_quantity(&self, text: &str) -> bool {
        let norm = self
            .glossary
            .translate_english(&crate::text::normalize(text));
        crate::question::figures_of(&self.lex, &self.seg, &norm)
            .iter()
            .any(|f| crate::figures::is_quantity(&self.lex, f.kind, f.unit.as_deref(), f.value))
    }

    /// Does the text ask something (a question mark, a question word)?
    pub(crate) fn asks_something(&self, text: &str) -> bool {
        let norm = self
            .glossary
            .translate_english(&crate::text::normalize(text));
        let q = &self.lex.question;
        [
            &q.asking,
            &q.date,
            &q.rank,
            &q.count,
            &q.entity,
            &q.question_phrases,
        ]
        .iter()
        .any(|l| l.iter().any(|w| norm.contains(w.as_str())))
    }

    fn article_by_key(&self, key: ArticleKey) -> Option<(usize, &Article)> {
        self.corpus
            .articles
            .iter()
            .enumerate()
            .find(|(_, a)| a.key == key)
    }

    fn fact(&self, id: usize) -> Fact {
        let f = &self.corpus.figures[id];
        let a = &self.corpus.articles[f.article];
        let first = self.corpus.article_figures[f.article].start;
        Fact {
            id: format!("{}-{}", a.key.hex(), id - first),
            figure: FigureInfo::of(f),
            sentence: self.corpus.sentences[f.sentence].text.clone(),
            article: self.corpus.article_info(f.article),
            source: ParagraphRef {
                article: a.key,
                paragraph: f.paragraph as u32,
            },
        }
    }

    /// The key figures, in reading order: quantities (no dates, no names such as 世界500强)
    /// with a measure, each fact once (sidebar repeats left out). With a topic, only those
    /// whose sentence or measure mentions it or a synonym.
    fn key_figure_ids(&self, topic: &str) -> Vec<usize> {
        let topic = self
            .glossary
            .translate_english(&crate::text::normalize(topic.trim()));
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
        let mentions = |id: usize| {
            let f = &self.corpus.figures[id];
            let s = &self.corpus.sentences[f.sentence].norm;
            let m: Vec<char> = crate::text::normalize(f.measure.as_deref().unwrap_or(""))
                .chars()
                .collect();
            forms.iter().any(|t| {
                crate::corpus::find(s, t, 0).is_some() || crate::corpus::find(&m, t, 0).is_some()
            })
        };
        (0..self.corpus.figures.len())
            .filter(|&id| {
                let f = &self.corpus.figures[id];
                crate::figures::is_quantity(&self.lex, f.kind, f.unit.as_deref(), f.value)
                    && f.measure.is_some()
            })
            .filter(|&id| {
                let f = &self.corpus.figures[id];
                self.corpus.sentences[f.sentence].duplicate_of.is_none()
            })
            .filter(|&id| forms.is_empty() || mentions(id))
            .filter(|&id| {
                let f = &self.corpus.figures[id];
                seen.insert((f.text.clone(), f.sentence))
            })
            .collect()
    }

    fn card_figure_ids(&self, query: &str) -> Vec<usize> {
        let r = self.ask(query);
        let mut out: Vec<usize> = Vec::new();
        for a in &r.answers {
            for id in a.lead_id.into_iter().chain(a.figures.iter().map(|f| f.id)) {
                let f = &self.corpus.figures[id];
                if !out.contains(&id) && !matches!(f.kind, Kind::Date | Kind::Period) {
                    out.push(id);
                }
            }
        }
        if out.is_empty() && r.status == Status::NotFound {
            // a keyword rather than a question: the key figures about it
            out = self.key_figure_ids(query);
        }
        out
    }
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("stats", &self.stats)
            .finish()
    }
}

fn current_year() -> i32 {
    // days since 1970 → year, good enough for a fallback reference year
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    1970 + (secs / 31_556_952) as i32
}
