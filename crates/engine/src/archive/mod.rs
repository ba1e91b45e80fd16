//! The archive: every article of the data folder, parsed once and kept on disk beside the
//! search index, so that start-up never parses an unchanged article again and a question
//! loads only the articles it needs.
//!
//! Layout of the index folder: `manifest.bin` (one entry per article: its file's size,
//! modification time and hash, its metadata), `articles/KEY.bin` (each parsed article) and
//! `tantivy/` (the search index). [`sync`] brings all three up to date with the data
//! folder: it compares sizes and modification times, hashes only the files that changed,
//! and re-parses and re-indexes only the articles whose content changed.
//!
//! Owns: what is stored and when it is rebuilt. May import `text`, `knowledge`, `article`,
//! `corpus`, `index` and `views`; never the question, ranking or answer modules.

mod lookup;
mod manifest;
mod problems;
mod progress;
mod repair;
mod store;

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use crate::article::ArticleKey;
use crate::article::{read_listing, Listing, SourceFile};
use crate::corpus::ParsedArticle;
use crate::index::SearchIndex;
use crate::knowledge::Lexicon;
use crate::text::Segmenter;
pub(crate) use lookup::Lookup;
pub(crate) use manifest::{Entry, Manifest, MANIFEST, SNAPSHOT_FORMAT};
pub use progress::OnProgress;
use progress::Progress;
pub(crate) use repair::{move_aside, open_checked};
pub(crate) use store::Store;

/// One version of the archive: its entries, and the places and years drawn from them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Archive {
    entries: Vec<Entry>,
    by_key: HashMap<ArticleKey, usize>,
    by_place: HashMap<String, Vec<usize>>,
}

impl Archive {
    /// The archive of these entries (sorted by file name).
    pub(crate) fn new(mut entries: Vec<Entry>) -> Archive {
        entries.sort_by(|a, b| a.file.cmp(&b.file));
        let by_key = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.key, i))
            .collect();
        let mut by_place: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            for p in &e.places {
                by_place.entry(p.clone()).or_default().push(i);
            }
        }
        Archive {
            entries,
            by_key,
            by_place,
        }
    }

    /// Every article, by file name.
    pub(crate) fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The article with this key.
    pub(crate) fn entry(&self, key: ArticleKey) -> Option<&Entry> {
        self.by_key.get(&key).map(|&i| &self.entries[i])
    }

    /// Is some article about this place?
    pub(crate) fn knows_place(&self, place: &str) -> bool {
        self.by_place.contains_key(place)
    }

    /// The distinct years the articles' 今年 means.
    pub(crate) fn reference_years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self.entries.iter().map(|e| e.reference_year).collect();
        years.sort();
        years.dedup();
        years
    }
}

/// Where the parsed articles come from (the engine's store and cache): what the ranking
/// reads a candidate sentence from.
pub(crate) trait Articles {
    /// The parsed article with this key, if the archive holds it.
    fn article(&self, key: ArticleKey) -> Option<Arc<ParsedArticle>>;
}

/// What a sync did, for logs and `factbot index`.
#[derive(Debug, Clone, Default)]
pub(crate) struct SyncReport {
    /// Files parsed (new or changed).
    pub parsed: Vec<String>,
    /// Files gone from the data folder.
    pub removed: Vec<String>,
    /// Files that cannot be used, and why.
    pub skipped: Vec<(String, String)>,
    /// Articles parsed that name no year.
    pub undated: Vec<String>,
    /// Articles kept as they were.
    pub unchanged: usize,
    pub millis: u128,
}

impl SyncReport {
    /// Did anything change?
    pub(crate) fn changed(&self) -> bool {
        !self.parsed.is_empty() || !self.removed.is_empty()
    }
}

/// What a sync works with.
pub(crate) struct Syncer<'a> {
    pub lex: &'a Lexicon,
    pub seg: &'a Segmenter,
    pub index: &'a SearchIndex,
    pub store: &'a Store,
    /// The year 今年 means when an article says nothing of its date.
    pub fallback_year: i32,
    /// Told how far a build has come.
    pub progress: Option<&'a OnProgress>,
}

/// Parsed articles waiting to be written, at most: building a large archive needs memory
/// for these, not for the archive.
const PARSED_AHEAD: usize = 64;

/// A file read and parsed (its content hash and the article), or why it cannot be used.
type Parsed = Result<(String, ParsedArticle), String>;

impl Syncer<'_> {
    /// Bring the archive up to date with `listing`: keep what is unchanged, parse what is
    /// new or changed, drop what is gone. Returns the new entries.
    pub(crate) fn sync(
        &self,
        previous: &[Entry],
        listing: &[Listing],
    ) -> crate::error::Result<(Vec<Entry>, SyncReport)> {
        let started = Instant::now();
        let mut report = SyncReport::default();
        let (mut entries, to_parse) = self.classify(previous, listing, &mut report);
        report.unchanged = entries.len();
        let kept: std::collections::HashSet<&str> =
            entries.iter().map(|e| e.file.as_str()).collect();
        let parsing: std::collections::HashSet<&str> =
            to_parse.iter().map(|l| l.file.as_str()).collect();
        let gone: Vec<&Entry> = previous
            .iter()
            .filter(|e| !kept.contains(e.file.as_str()))
            .collect();
        if !gone.is_empty() || !to_parse.is_empty() {
            let added = self.apply(&gone, &to_parse, &mut report)?;
            report.parsed = added.iter().map(|e| e.file.clone()).collect();
            entries.extend(added);
        }
        for e in gone.iter().filter(|e| !parsing.contains(e.file.as_str())) {
            report.removed.push(e.file.clone());
        }
        problems::log_problems(&report);
        entries.sort_by(|a, b| a.file.cmp(&b.file));
        report.millis = started.elapsed().as_millis();
        Ok((entries, report))
    }

    /// Which listed files are unchanged (same size and time, or same content when only
    /// touched) and which must be parsed.
    fn classify<'l>(
        &self,
        previous: &[Entry],
        listing: &'l [Listing],
        report: &mut SyncReport,
    ) -> (Vec<Entry>, Vec<&'l Listing>) {
        let old: HashMap<&str, &Entry> = previous.iter().map(|e| (e.file.as_str(), e)).collect();
        let mut entries = Vec::new();
        let mut to_parse = Vec::new();
        for l in listing {
            let Some(prev) = old.get(l.file.as_str()).copied() else {
                to_parse.push(l);
                continue;
            };
            if prev.stamp == l.stamp {
                entries.push(prev.clone());
                continue;
            }
            match read_listing(l) {
                Err(why) => report.skipped.push((l.file.clone(), why)),
                // touched, not changed: only its stamp is new
                Ok(src) if src.content_hash() == prev.hash => entries.push(Entry {
                    stamp: l.stamp,
                    ..prev.clone()
                }),
                Ok(_) => to_parse.push(l),
            }
        }
        (entries, to_parse)
    }

    /// Parse, store and index the new and changed files batch by batch, and drop the
    /// documents of those gone, in one commit; then put the snapshots in place. A crash
    /// before the end leaves the old manifest, which the next start brings up to date.
    fn apply(
        &self,
        gone: &[&Entry],
        to_parse: &[&Listing],
        report: &mut SyncReport,
    ) -> crate::error::Result<Vec<Entry>> {
        let progress = Progress::new(to_parse.len(), self.progress);
        let w = self.index.writer()?;
        for e in gone {
            self.index.delete_article(&w, e.key);
        }
        let mut added = Vec::new();
        let mut written = Vec::new();
        self.parse_all(to_parse, &progress, |l, parsed| {
            let (src_hash, a) = match parsed {
                Ok(p) => p,
                Err(why) => {
                    report.skipped.push((l.file.clone(), why));
                    return Ok(());
                }
            };
            written.push((self.store.write(&a)?, a.key()));
            self.index.delete_article(&w, a.key());
            self.index.add_article(&w, &a)?;
            if a.article.reference_year == crate::corpus::UNKNOWN_YEAR {
                report.undated.push(l.file.clone());
            }
            let entry = Entry::of(&a, l.stamp, src_hash);
            self.store.keep(&entry.hash, Arc::new(a));
            added.push(entry);
            Ok(())
        })?;
        self.index.commit(w)?;
        for (tmp, key) in written {
            self.store.publish(&tmp, key)?;
        }
        let replaced: std::collections::HashSet<ArticleKey> = added.iter().map(|e| e.key).collect();
        for e in gone.iter().filter(|e| !replaced.contains(&e.key)) {
            self.store.remove(e.key);
        }
        Ok(added)
    }

    /// Read and parse `files` on every core, handing each result to `take` in the files'
    /// order while the next ones are parsed: writing an article (its snapshot, its
    /// documents) overlaps parsing the following ones, and at most [`PARSED_AHEAD`] parsed
    /// articles wait in memory. An error from `take` stops the parsing and is returned.
    fn parse_all<'l>(
        &self,
        files: &[&'l Listing],
        progress: &Progress<'_>,
        mut take: impl FnMut(&'l Listing, Parsed) -> crate::error::Result<()>,
    ) -> crate::error::Result<()> {
        let next = AtomicUsize::new(0);
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .min(files.len().max(1));
        std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Parsed)>(PARSED_AHEAD);
            for _ in 0..threads {
                let (tx, next) = (tx.clone(), &next);
                scope.spawn(move || loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(l) = files.get(i) else { break };
                    let parsed = self.parse_one(l);
                    progress.advance();
                    if tx.send((i, parsed)).is_err() {
                        break; // the writer stopped on an error
                    }
                });
            }
            drop(tx);
            // results arrive as they are done; they are taken in the files' order
            let mut waiting = std::collections::BTreeMap::new();
            let mut due = 0;
            for (i, parsed) in rx {
                waiting.insert(i, parsed);
                while let Some(parsed) = waiting.remove(&due) {
                    take(files[due], parsed)?;
                    due += 1;
                }
            }
            Ok(())
        })
    }

    fn parse_one(&self, l: &Listing) -> Parsed {
        let src: SourceFile = read_listing(l)?;
        let a = ParsedArticle::parse(&src, self.lex, self.seg, self.fallback_year);
        if a.sentences.is_empty() {
            return Err("holds no sentence".into());
        }
        Ok((src.content_hash(), a))
    }
}

/// Empty `dir` for a new index, refusing to touch a folder that is not an index: a wrong
/// `--index` must never delete someone's files.
pub(crate) fn clear_index_dir(dir: &Path) -> crate::error::Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| crate::error::Error::io(dir, e))?;
    let entries: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| crate::error::Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().is_some_and(|n| n != ".gitkeep"))
        .collect();
    if entries.is_empty() {
        return Ok(());
    }
    // this engine's layout, or the single-folder layout of earlier versions
    let ours = [
        "tantivy",
        "articles",
        MANIFEST,
        "manifest.json",
        "meta.json",
        "FINGERPRINT",
    ]
    .iter()
    .any(|n| dir.join(n).exists());
    if !ours {
        return Err(crate::error::Error::Index(format!(
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
        r.map_err(|e| crate::error::Error::io(&p, e))?;
    }
    Ok(())
}
