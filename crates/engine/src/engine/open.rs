//! Opening the engine, and bringing it up to date with the data folder while it runs.

use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

use super::Options;
use super::{Engine, Shared, State, Stats};
use crate::archive::{
    clear_index_dir, move_aside, open_checked, Archive, Entry, Manifest, Store, SyncReport, Syncer,
};
use crate::article::{embedded, list_dir, read_listing, Listing};
use crate::corpus::ParsedArticle;
use crate::error::{Error, Result};
use crate::index::{SearchIndex, INDEX_FORMAT};
use crate::knowledge::{
    Dictionary, DictionarySource, Glossary, Lexicon, DEFAULT_GLOSSARY, DEFAULT_LEXICON,
    DICTIONARY_FILE,
};
use crate::text::{Segmenter, StableHash};

/// Parsed articles kept in memory (the rest wait in their snapshots).
const CACHE_ARTICLES: usize = 96;

/// How an opening treats the data folder.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Opening {
    /// Read the data folder first and bring the archive up to date.
    Synced,
    /// Parse and index every article again.
    Rebuilt,
    /// Answer from the archive as the last run left it; the caller brings it up to date
    /// after (a refresh, or the watcher's first one). Synced when there is no archive yet.
    AsLeft,
}

pub(super) fn open(opts: &Options, how: Opening) -> Result<Engine> {
    let force = how == Opening::Rebuilt;
    let started = Instant::now();
    let (lex, glossary, built_by) = word_lists(opts.data_dir.as_deref())?;
    let seg = Arc::new(Segmenter::new(glossary.chinese_terms()));
    let dir = &opts.index_dir;
    let manifest = usable_manifest(dir, &built_by, force);
    if manifest.is_none() {
        clear_index_dir(dir)?;
    }
    let (index, manifest) = match open_checked(&dir.join("tantivy"), &seg, manifest.as_ref()) {
        Ok(index) => (index, manifest),
        Err(damage) => {
            let aside = move_aside(dir)?;
            tracing::warn!(
                "the index in {} is damaged ({damage}); it was moved to {} and is being rebuilt from the data folder",
                dir.display(),
                aside.display()
            );
            let index = SearchIndex::open_or_create(&dir.join("tantivy"), seg.clone())?;
            (index, None)
        }
    };
    let store = Store::new(&dir.join("articles"), CACHE_ARTICLES)?;
    let index_ms = started.elapsed().as_millis();
    let shared = Arc::new(Shared {
        opts: opts.clone(),
        lex,
        glossary,
        seg,
        index,
        store,
        built_by: built_by.clone(),
        updating: Mutex::new(()),
    });
    let previous = manifest.map(|m| m.entries).unwrap_or_default();
    if how == Opening::AsLeft && !previous.is_empty() {
        // nothing proportional to the data folder is read: its listing waits for a refresh
        let state = shared.state(previous, &SyncReport::default(), index_ms);
        log_ready(&state.stats, started);
        return Ok(Engine {
            shared,
            state: RwLock::new(Arc::new(state)),
        });
    }
    let (entries, report) = shared.sync(&previous, &listing(opts)?)?;
    if entries.is_empty() {
        return Err(no_article(opts, &report));
    }
    if report.changed() || previous.is_empty() {
        Manifest {
            built_by,
            entries: entries.clone(),
        }
        .write(dir)?;
    }
    let state = shared.state(entries, &report, index_ms);
    log_ready(&state.stats, started);
    Ok(Engine {
        shared,
        state: RwLock::new(Arc::new(state)),
    })
}

/// The manifest of the archive in `dir` when it can be kept: none when a rebuild is asked
/// (`force`), when there is none, when it cannot be read (said once) or when other word lists
/// or another engine built it.
fn usable_manifest(dir: &Path, built_by: &str, force: bool) -> Option<Manifest> {
    let manifest = match Manifest::read(dir) {
        Ok(m) => m,
        Err(why) => {
            tracing::warn!("{why}; the archive is rebuilt from the data folder");
            return None;
        }
    };
    let manifest = manifest?;
    if force || manifest.built_by != built_by {
        tracing::info!(dir = %dir.display(), "building the archive (data or engine changed)");
        return None;
    }
    Some(manifest)
}

/// The word lists (the data folder's, else the built-in ones) and a hash of everything the
/// archive depends on besides the articles: formats, engine version, word lists.
///
/// The English dictionary is not in the hash: it is read only for questions (lazily, on the
/// first English one), and its terms are jieba's words already, so no article is segmented
/// or indexed differently with another copy of it.
fn word_lists(data_dir: Option<&Path>) -> Result<(Lexicon, Glossary, String)> {
    let read = |name: &str, builtin: &'static str| -> Result<(String, String)> {
        match data_dir.map(|d| d.join(name)).filter(|p| p.is_file()) {
            Some(p) => Ok((
                std::fs::read_to_string(&p).map_err(|e| Error::io(&p, e))?,
                p.display().to_string(),
            )),
            None => Ok((builtin.to_string(), format!("built-in {name}"))),
        }
    };
    let (lex_text, lex_origin) = read("lexicon.toml", DEFAULT_LEXICON)?;
    let (glo_text, glo_origin) = read("glossary.toml", DEFAULT_GLOSSARY)?;
    let lex = Lexicon::parse(&lex_text, &lex_origin)?;
    let dictionary = match data_dir
        .map(|d| d.join(DICTIONARY_FILE))
        .filter(|p| p.is_file())
    {
        Some(p) => DictionarySource::File(p),
        None => DictionarySource::Builtin,
    };
    let glossary =
        Glossary::parse(&glo_text, &glo_origin)?.with_dictionary(Dictionary::new(dictionary));
    let mut h = StableHash::new();
    let version = format!(
        "index {INDEX_FORMAT} snapshot {} factbot {} parser {}",
        crate::archive::SNAPSHOT_FORMAT,
        env!("CARGO_PKG_VERSION"),
        env!("FACTBOT_PARSER_HASH") // build.rs: a changed parser re-reads every article
    );
    h.add(version.as_bytes());
    h.add(lex_text.as_bytes());
    h.add(glo_text.as_bytes());
    Ok((lex, glossary, h.hex()))
}

fn listing(opts: &Options) -> Result<Vec<Listing>> {
    match &opts.data_dir {
        Some(dir) => list_dir(dir),
        None => Ok(embedded()),
    }
}

/// No article could be used: say which files were tried and why.
fn no_article(opts: &Options, report: &SyncReport) -> Error {
    let why = report
        .skipped
        .iter()
        .map(|(f, why)| format!("{f} {why}"))
        .collect::<Vec<_>>()
        .join("; ");
    Error::NoData {
        dir: opts.data_dir.clone().unwrap_or_default(),
        why: if why.is_empty() {
            "it holds no readable article".into()
        } else {
            format!("no article could be read ({why})")
        },
    }
}

fn log_ready(stats: &Stats, started: Instant) {
    tracing::info!(
        articles = stats.articles,
        figures = stats.figures,
        parsed = stats.parsed,
        removed = stats.removed,
        ms = started.elapsed().as_millis() as u64,
        "engine ready"
    );
}

impl Shared {
    fn syncer(&self) -> Syncer<'_> {
        Syncer {
            lex: &self.lex,
            seg: &self.seg,
            index: &self.index,
            store: &self.store,
            fallback_year: current_year(),
            progress: self.opts.progress.as_ref(),
        }
    }

    fn sync(&self, previous: &[Entry], listing: &[Listing]) -> Result<(Vec<Entry>, SyncReport)> {
        self.syncer().sync(previous, listing)
    }

    /// A new version of the state from the entries of a sync.
    fn state(&self, entries: Vec<Entry>, report: &SyncReport, index_ms: u128) -> State {
        let searcher = self.index.searcher();
        let stats = Stats {
            articles: entries.len(),
            paragraphs: entries.iter().map(|e| e.paragraphs).sum(),
            sentences: entries.iter().map(|e| e.sentences).sum(),
            figures: entries.iter().map(|e| e.figures).sum(),
            index_docs: searcher.num_docs(),
            index_rebuilt: report.changed(),
            parsed: report.parsed.len(),
            removed: report.removed.len(),
            skipped: report.skipped.clone(),
            parse_ms: report.millis,
            index_ms,
        };
        State {
            archive: Archive::new(entries),
            searcher,
            stats,
        }
    }

    /// Parse an article again from its file when its snapshot cannot be read, if the file
    /// still holds what the archive recorded (else the next refresh re-indexes it).
    pub(super) fn reparse(&self, entry: &Entry) -> Option<Arc<ParsedArticle>> {
        let listing = listing(&self.opts).ok()?;
        let l = listing.iter().find(|l| l.file == entry.file)?;
        let src = read_listing(l).ok()?;
        if src.content_hash() != entry.hash {
            return None;
        }
        tracing::warn!(file = %entry.file, "the article's snapshot is unreadable; parsing it again");
        let a = Arc::new(ParsedArticle::parse(
            &src,
            &self.lex,
            &self.seg,
            current_year(),
        ));
        if let Ok(tmp) = self.store.write(&a) {
            let _ = self.store.publish(&tmp, a.key());
        }
        self.store.keep(&entry.hash, a.clone());
        Some(a)
    }
}

impl Engine {
    /// Bring the engine up to date with the data folder: parse and index the articles that
    /// are new or changed, drop those that are gone. Questions keep being answered while it
    /// runs, from the version before until the new one is ready.
    pub fn refresh(&self) -> Result<Stats> {
        let _one_at_a_time = self
            .shared
            .updating
            .lock()
            .map_err(|_| Error::Index("an update failed before".into()))?;
        let started = Instant::now();
        let (_, _, built_by) = word_lists(self.shared.opts.data_dir.as_deref())?;
        if built_by != self.shared.built_by {
            tracing::warn!("the word lists changed: restart factbot (or run `factbot index`) to read every article with them");
        }
        let current = self.current();
        let (entries, report) = self
            .shared
            .sync(current.archive.entries(), &listing(&self.shared.opts)?)?;
        if !report.changed() {
            return Ok(Stats {
                index_rebuilt: false,
                parsed: 0,
                removed: 0,
                skipped: report.skipped,
                ..current.stats.clone()
            });
        }
        let built_by = self.shared.built_by.clone();
        Manifest {
            built_by,
            entries: entries.clone(),
        }
        .write(&self.shared.opts.index_dir)?;
        let state = self.shared.state(entries, &report, 0);
        tracing::info!(
            parsed = ?report.parsed,
            removed = ?report.removed,
            ms = started.elapsed().as_millis() as u64,
            "archive updated"
        );
        let stats = state.stats.clone();
        match self.state.write() {
            Ok(mut s) => *s = Arc::new(state),
            Err(poisoned) => *poisoned.into_inner() = Arc::new(state),
        }
        Ok(stats)
    }
}

/// The year of an article that names none (no sidecar `reference_year`, no date, no year in
/// its text): unknown, never the current year. Its periods are shown as written.
pub(super) fn current_year() -> i32 {
    crate::figures::UNKNOWN_YEAR
}
