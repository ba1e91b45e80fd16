//! The manifest: what the archive holds, one entry per article file, kept as
//! `index/manifest.bin` beside the snapshots and the search index.
//!
//! An entry records the file's size and modification time (and its sidecar's), so start-up
//! knows which files changed without reading them, the hash of what was parsed, and the
//! article's metadata, so listing the archive never loads an article.

use serde::{Deserialize, Serialize};

use crate::article::Stamp;
use crate::article::{ArticleInfo, ArticleKey};
use crate::corpus::ParsedArticle;

/// Bump when the snapshot format (the parsed article's serialised form) changes: an archive
/// of another format is rebuilt, never misread.
pub(crate) const SNAPSHOT_FORMAT: u32 = 3;

/// One article of the archive.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct Entry {
    pub key: ArticleKey,
    /// File name in the data folder.
    pub file: String,
    pub stamp: Stamp,
    /// Hash of the text and sidecar that were parsed.
    pub hash: String,
    pub title: String,
    pub published: Option<String>,
    pub source: Option<String>,
    pub reference_year: i32,
    /// Places the article is about (normalised names).
    pub places: Vec<String>,
    pub home_place: Option<String>,
    pub paragraphs: usize,
    pub sentences: usize,
    pub figures: usize,
    /// The sidecar's example questions.
    pub examples: Vec<String>,
}

impl Entry {
    /// The entry of a freshly parsed article.
    pub(crate) fn of(a: &ParsedArticle, stamp: Stamp, hash: String) -> Entry {
        Entry {
            key: a.key(),
            file: a.article.file_name(),
            stamp,
            hash,
            title: a.article.title.clone(),
            published: a.article.meta.published.clone(),
            source: a.article.meta.source.clone(),
            reference_year: a.article.reference_year,
            places: a.places.clone(),
            home_place: a.home_place.clone(),
            paragraphs: a.article.paragraphs.len(),
            sentences: a.sentences.len(),
            figures: a.figures.len(),
            examples: a.article.meta.examples.clone(),
        }
    }

    /// Title, date and file.
    pub(crate) fn info(&self) -> ArticleInfo {
        ArticleInfo {
            title: self.title.clone(),
            published: self.published.clone(),
            file: self.file.clone(),
            key: self.key,
        }
    }
}

/// The manifest file.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub(crate) struct Manifest {
    /// What built it: index and snapshot formats, engine version, word lists. Another
    /// value means a full rebuild.
    pub built_by: String,
    pub entries: Vec<Entry>,
}

impl Manifest {
    /// Read the manifest in `dir`: `Ok(None)` when there is none, `Err` saying what is wrong
    /// with one that cannot be read (truncated, zeroed, not this format).
    pub(crate) fn read(dir: &std::path::Path) -> Result<Option<Manifest>, String> {
        let path = dir.join(MANIFEST);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("{} cannot be read: {e}", path.display())),
        };
        let damaged = |why: String| format!("{} is damaged: {why}", path.display());
        let body = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or_else(|| damaged("it is not a factbot manifest".into()))?;
        match postcard::take_from_bytes::<Manifest>(body) {
            Ok((m, [])) => Ok(Some(m)),
            Ok(_) => Err(damaged("bytes follow its end".into())),
            Err(e) => Err(damaged(e.to_string())),
        }
    }

    /// Write it atomically (a temporary file renamed over the old one).
    pub(crate) fn write(&self, dir: &std::path::Path) -> crate::error::Result<()> {
        let tmp = dir.join(format!("{MANIFEST}.tmp"));
        let bytes = postcard::to_extend(self, MAGIC.to_vec())
            .map_err(|e| crate::error::Error::Index(e.to_string()))?;
        std::fs::write(&tmp, bytes).map_err(|e| crate::error::Error::write(&tmp, e))?;
        std::fs::rename(&tmp, dir.join(MANIFEST)).map_err(|e| crate::error::Error::write(dir, e))
    }
}

/// The manifest's file name. It is binary (postcard): at 100,000 articles the JSON it
/// replaced took 650 ms to read at every start.
pub(crate) const MANIFEST: &str = "manifest.bin";

/// What a manifest starts with.
const MAGIC: &[u8; 4] = b"FBMF";
