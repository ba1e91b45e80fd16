//! The engine: the archive of parsed articles, their index and the word lists behind one
//! small API.
//!
//! Frontends (the command line, the terminal chat, the Telegram bot) call only the methods
//! here, and get plain data back ([`crate::views`]): answers, checks, facts, paragraphs,
//! sources. They never see the corpus or the index.
//!
//! The engine can change while it serves: [`Engine::refresh`] brings it up to date with the
//! data folder (a new, changed or removed article is parsed and indexed alone), and a
//! question in flight keeps the version it started with.
//!
//! Owns: opening, updating and the public API. May import every engine step; never
//! `conversation` or a frontend.

mod facts;
mod open;
mod upload;
mod views;
mod watch;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use crate::answer::Response;
use crate::archive::{Archive, Articles, Lookup, OnProgress, Store};
use crate::article::ArticleKey;
use crate::article::ParagraphRef;
use crate::check::CheckResult;
use crate::corpus::ParsedArticle;
use crate::error::Result;
use crate::index::{IndexSearcher, SearchIndex};
use crate::knowledge::{Glossary, Lexicon};
use crate::question::{Analyzer, MAX_QUESTION_CHARS};
use crate::ranking::Ranker;
use crate::text::Segmenter;
pub use upload::{Upload, UploadError, UploadReport, MAX_UPLOAD};
pub use views::{Fact, ParagraphText, SourceInfo};
pub use watch::Watcher;

/// Where the engine reads and writes, and who hears how a build goes.
#[derive(Clone)]
pub struct Options {
    /// The data folder; `None` reads the article built into the binary.
    pub data_dir: Option<PathBuf>,
    /// Where the archive and its search index live (built on first run).
    pub index_dir: PathBuf,
    /// Told (articles parsed, articles to parse) during a build; `None` logs every 100.
    pub progress: Option<OnProgress>,
}

impl Options {
    /// Read `data_dir` (`None`: the article built into the binary), keep the index in
    /// `index_dir`, log a build's progress.
    pub fn new(data_dir: Option<PathBuf>, index_dir: PathBuf) -> Options {
        Options {
            data_dir,
            index_dir,
            progress: None,
        }
    }
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("data_dir", &self.data_dir)
            .field("index_dir", &self.index_dir)
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

/// Counts and timings of an opening or an update, for `factbot index` and the logs.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Stats {
    /// Articles in the archive.
    pub articles: usize,
    /// Paragraphs in all articles.
    pub paragraphs: usize,
    /// Sentences in all articles.
    pub sentences: usize,
    /// Figures in all articles.
    pub figures: usize,
    /// Documents in the search index.
    pub index_docs: u64,
    /// Whether the index was built or updated (some article parsed or removed).
    pub index_rebuilt: bool,
    /// Articles parsed (new or changed).
    pub parsed: usize,
    /// Articles removed.
    pub removed: usize,
    /// Files skipped (not UTF-8, empty, no sentence), with why.
    pub skipped: Vec<(String, String)>,
    /// Time spent reading, parsing and indexing the changed articles.
    pub parse_ms: u128,
    /// Time spent opening the index and word lists.
    pub index_ms: u128,
}

/// What does not change while the engine runs: word lists, segmenter, index and store.
struct Shared {
    opts: Options,
    lex: Lexicon,
    glossary: Glossary,
    seg: Arc<Segmenter>,
    index: SearchIndex,
    store: Store,
    /// What built the archive (formats, version, word lists).
    built_by: String,
    /// One update at a time.
    updating: Mutex<()>,
}

/// One version of the archive and its index: what a question reads from start to end.
struct State {
    archive: Archive,
    searcher: IndexSearcher,
    stats: Stats,
}

/// The answer engine.
pub struct Engine {
    shared: Arc<Shared>,
    state: RwLock<Arc<State>>,
}

/// Parsed articles of one version of the archive: from the cache or their snapshots
/// (re-parsed from the file when a snapshot is missing or unreadable).
struct Reader<'a> {
    archive: &'a Archive,
    store: &'a Store,
    shared: &'a Shared,
}

impl Articles for Reader<'_> {
    fn article(&self, key: ArticleKey) -> Option<Arc<ParsedArticle>> {
        let entry = self.archive.entry(key)?;
        self.store
            .get(key, &entry.hash)
            .or_else(|| self.shared.reparse(entry))
    }
}

impl Engine {
    /// Read the data folder and open the archive, parsing only the articles that are new or
    /// changed since the last run (all of them the first time).
    pub fn open(opts: &Options) -> Result<Engine> {
        open::open(opts, open::Opening::Synced)
    }

    /// Like [`Engine::open`] but parse and index every article again.
    pub fn rebuild(opts: &Options) -> Result<Engine> {
        open::open(opts, open::Opening::Rebuilt)
    }

    /// Open the archive as the last run left it, without reading the data folder first:
    /// a server answers at once however large the archive, and [`Engine::watch`] (whose
    /// first refresh runs as it starts) or [`Engine::refresh`] catches up with what
    /// changed meanwhile. Like [`Engine::open`] when there is no archive yet.
    pub fn open_serving(opts: &Options) -> Result<Engine> {
        open::open(opts, open::Opening::AsLeft)
    }

    fn current(&self) -> Arc<State> {
        match self.state.read() {
            Ok(s) => s.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Run `f` on one version of the engine.
    pub(crate) fn with_view<T>(&self, f: impl FnOnce(&Lookup) -> T) -> T {
        let state = self.current();
        let sh = &self.shared;
        let reader = Reader {
            archive: &state.archive,
            store: &sh.store,
            shared: sh,
        };
        f(&Lookup {
            lex: &sh.lex,
            glossary: &sh.glossary,
            seg: &sh.seg,
            archive: &state.archive,
            searcher: &state.searcher,
            articles: &reader,
        })
    }

    /// Counts and timings of the last opening or update.
    pub fn stats(&self) -> Stats {
        self.current().stats.clone()
    }

    /// Where the archive and its index live.
    pub fn index_dir(&self) -> &Path {
        &self.shared.opts.index_dir
    }

    /// The data folder, when the engine reads one (not the built-in article).
    pub fn data_dir(&self) -> Option<&Path> {
        self.shared.opts.data_dir.as_deref()
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
        self.with_view(|v| {
            let analyzer = Analyzer::of(v);
            let q = analyzer.analyse(trimmed);
            let ranker = Ranker::of(v);
            let several = crate::answer::several::answer(&analyzer, &ranker, &q);
            let mut r = several.unwrap_or_else(|| crate::answer::answer(&ranker, &q));
            r.question = question.to_string();
            r
        })
    }

    /// How a question was read and its best candidates, for `ask --explain`.
    pub fn explain(&self, question: &str) -> String {
        self.with_view(|v| {
            let q = Analyzer::of(v).analyse(question.trim());
            let mut out = format!(
                "asked {:?}, unit {:?}, scope {:?}, places {:?}, given {:?}, unknown {:?}\n",
                q.asked,
                q.unit,
                q.scopes.values().flatten().next().map(|s| s.describe()),
                q.places,
                q.given,
                q.unknown
            );
            for line in Ranker::of(v).explain(&q) {
                out.push_str(&line);
                out.push('\n');
            }
            out
        })
    }

    /// Fact-check a claim figure by figure. Never fails: a claim it cannot read is unverifiable with the reason.
    pub fn check(&self, claim: &str) -> CheckResult {
        self.with_view(|v| crate::check::check(v, claim))
    }

    /// A whole paragraph by reference; `None` when the article or paragraph is gone.
    pub fn paragraph(&self, r: ParagraphRef) -> Option<ParagraphText> {
        self.with_view(|v| {
            let a = v.article(r.article)?;
            let p = a.article.paragraph(r.paragraph as usize)?;
            Some(ParagraphText {
                article: a.info(),
                number: r.paragraph,
                kind: p.kind.as_str(),
                text: p.text.clone(),
            })
        })
    }

    /// The articles of the archive, newest first (then by file name).
    pub fn sources(&self) -> Vec<SourceInfo> {
        let state = self.current();
        let mut list: Vec<SourceInfo> =
            state.archive.entries().iter().map(SourceInfo::of).collect();
        list.sort_by(|a, b| b.article.published.cmp(&a.article.published));
        list
    }

    /// Does the text hold a figure worth checking (a quantity, not a date)?
    pub fn states_a_quantity(&self, text: &str) -> bool {
        let sh = &self.shared;
        let norm = crate::question::clean_input(&sh.lex, &sh.glossary, &sh.seg, text);
        crate::question::figures_of(&sh.lex, &sh.seg, &norm)
            .iter()
            .any(|f| {
                crate::figures::is_quantity(
                    &sh.lex,
                    f.number.kind,
                    f.number.unit.as_deref(),
                    f.number.value,
                )
            })
    }

    /// Does the text ask something (a question mark, a question word)?
    pub fn asks_something(&self, text: &str) -> bool {
        let sh = &self.shared;
        let norm = crate::question::clean_input(&sh.lex, &sh.glossary, &sh.seg, text);
        let q = &sh.lex.question;
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
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("stats", &self.stats())
            .finish()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// An engine on articles written for a test (`NAME.txt` and its text; 今年 is 2024), in
    /// a temporary folder that lives as long as the returned guard.
    pub(crate) fn engine_of(articles: &[(&str, &str)]) -> (tempfile::TempDir, Engine) {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir_all(&data).unwrap();
        for (name, text) in articles {
            std::fs::write(data.join(format!("{name}.txt")), text).unwrap();
            std::fs::write(data.join(format!("{name}.toml")), "reference_year = 2024\n").unwrap();
        }
        let engine = Engine::open(&Options::new(Some(data), dir.path().join("index"))).unwrap();
        (dir, engine)
    }

    #[test]
    fn an_article_without_a_year_gets_none_invented() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir_all(&data).unwrap();
        // no sidecar, no date, no year in the text
        std::fs::write(
            data.join("port.txt"),
            "港口快讯\n\n今年1-5月，全市港口货物吞吐量3.2亿吨，增长5%。\n",
        )
        .unwrap();
        let engine = Engine::open(&Options::new(Some(data), dir.path().join("index"))).unwrap();
        let r = engine.ask("港口货物吞吐量多少");
        let lead = r.answers[0].lead.as_ref().unwrap();
        assert_eq!(lead.text, "3.2亿吨");
        // the period as written, never resolved against the current year
        let scope = lead.scope.as_ref().unwrap();
        assert_eq!(scope.describe(), "今年1-5月");
        assert_eq!(scope.end.0, crate::figures::UNKNOWN_YEAR);
        // 今年 questions match; a question naming a year cannot be checked against it
        assert_eq!(
            engine.ask("今年1-5月港口货物吞吐量多少").status,
            crate::answer::Status::Answered
        );
        for year in [2024, 2025, 2026, 2027] {
            let r = engine.ask(&format!("{year}年港口货物吞吐量多少"));
            assert_eq!(
                r.status,
                crate::answer::Status::NotFound,
                "{year}: {:?}",
                r.answers
            );
        }
    }

    #[test]
    fn a_question_sees_one_version_while_articles_change() {
        let (dir, engine) = engine_of(&[("a", "甲市报告\n\n甲市出口增长5%。\n")]);
        assert_eq!(
            engine.ask("甲市出口增长多少").answers[0].figures[0].text,
            "5%"
        );
        let data = dir.path().join("data");
        std::fs::write(data.join("b.txt"), "乙市报告\n\n乙市出口增长7%。\n").unwrap();
        let stats = engine.refresh().unwrap();
        assert_eq!((stats.articles, stats.parsed, stats.removed), (2, 1, 0));
        assert_eq!(
            engine.ask("乙市出口增长多少").answers[0].figures[0].text,
            "7%"
        );
        std::fs::remove_file(data.join("a.txt")).unwrap();
        let stats = engine.refresh().unwrap();
        assert_eq!((stats.articles, stats.parsed, stats.removed), (1, 0, 1));
        assert_eq!(
            engine.ask("甲市出口增长多少").status,
            crate::Status::NotFound
        );
    }
}
