//! The files of the data folder: listing them cheaply (names, sizes, modification times) and
//! reading one when it is new or changed.
//!
//! Listing never reads a file: with thousands of articles, start-up compares each file's size
//! and modification time (and its sidecar's) with what the archive recorded, as cargo does,
//! and reads only the files that changed.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::Meta;

/// Size and modification time of an article file and of its sidecar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub(crate) struct Stamp {
    pub size: u64,
    /// Nanoseconds since 1970.
    pub modified: i128,
    pub meta_size: Option<u64>,
    pub meta_modified: Option<i128>,
}

/// An article file found in the data folder, not read yet.
#[derive(Debug, Clone)]
pub(crate) struct Listing {
    /// File stem: `qingdao-opening-up`.
    pub name: String,
    /// File name: `qingdao-opening-up.txt`.
    pub file: String,
    pub path: PathBuf,
    /// `NAME.toml` beside it, when there is one.
    pub sidecar: Option<PathBuf>,
    pub stamp: Stamp,
    /// The built-in article's text and sidecar (no file to read).
    builtin: Option<(&'static str, &'static str)>,
}

/// An article file of the data folder, read.
#[derive(Debug, Clone)]
pub(crate) struct SourceFile {
    pub name: String,
    pub path: PathBuf,
    pub text: String,
    pub meta: Meta,
    /// The sidecar's text (part of the article's hash).
    pub meta_text: String,
}

impl SourceFile {
    /// A stable hash of what the article is made of: its text and its sidecar.
    pub(crate) fn content_hash(&self) -> String {
        let mut h = crate::text::StableHash::new();
        h.add(self.text.as_bytes());
        h.add(self.meta_text.as_bytes());
        h.hex()
    }
}

/// The shipped article, built into the binary: what factbot reads when it is run with no
/// data folder at hand.
pub(crate) fn embedded() -> Vec<Listing> {
    const NAME: &str = "qingdao-opening-up";
    const TEXT: &str = include_str!("../../../../data/qingdao-opening-up.txt");
    const META: &str = include_str!("../../../../data/qingdao-opening-up.toml");
    vec![Listing {
        name: NAME.into(),
        file: format!("{NAME}.txt"),
        path: PathBuf::from(format!("(built-in)/{NAME}.txt")),
        sidecar: None,
        stamp: Stamp {
            size: TEXT.len() as u64,
            modified: 0,
            meta_size: Some(META.len() as u64),
            meta_modified: Some(0),
        },
        builtin: Some((TEXT, META)),
    }]
}

/// The `.txt`/`.md` articles of `dir`, sorted by name, with their sidecars' stamps.
pub(crate) fn list_dir(dir: &Path) -> crate::error::Result<Vec<Listing>> {
    if !dir.is_dir() {
        return Err(crate::error::Error::NoData {
            dir: dir.to_path_buf(),
            why: "it is not a folder".into(),
        });
    }
    let entries = std::fs::read_dir(dir).map_err(|e| crate::error::Error::io(dir, e))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| is_article(p) && p.is_file())
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(crate::error::Error::NoData {
            dir: dir.to_path_buf(),
            why: "it holds no .txt or .md article".into(),
        });
    }
    Ok(paths.into_iter().filter_map(listing).collect())
}

fn listing(path: PathBuf) -> Option<Listing> {
    let (size, modified) = stat(&path)?;
    let sidecar = Some(path.with_extension("toml")).filter(|p| p.is_file());
    let meta = sidecar.as_deref().and_then(stat);
    Some(Listing {
        name: path.file_stem()?.to_string_lossy().into_owned(),
        file: path.file_name()?.to_string_lossy().into_owned(),
        sidecar,
        stamp: Stamp {
            size,
            modified,
            meta_size: meta.map(|m| m.0),
            meta_modified: meta.map(|m| m.1),
        },
        path,
        builtin: None,
    })
}

fn stat(path: &Path) -> Option<(u64, i128)> {
    let m = std::fs::metadata(path).ok()?;
    let modified = m
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map(|d| d.as_nanos() as i128)
        .unwrap_or(0);
    Some((m.len(), modified))
}

/// Read a listed article and its sidecar. `Err` says, in a few words, why it cannot be used:
/// it is not UTF-8, it is empty, its sidecar is invalid.
pub(crate) fn read_listing(l: &Listing) -> Result<SourceFile, String> {
    let (text, meta_text) = match l.builtin {
        Some((text, meta)) => (text.to_string(), meta.to_string()),
        None => {
            let bytes = std::fs::read(&l.path).map_err(|e| format!("cannot be read: {e}"))?;
            let text = String::from_utf8(bytes)
                .map_err(|_| "is not UTF-8 text; save it as UTF-8 and try again".to_string())?;
            let meta_text = match &l.sidecar {
                Some(p) => std::fs::read_to_string(p)
                    .map_err(|e| format!("has a sidecar that cannot be read: {e}"))?,
                None => String::new(),
            };
            (text, meta_text)
        }
    };
    let text = text.trim_start_matches('\u{feff}').to_string();
    if text.trim().is_empty() {
        return Err("is empty".into());
    }
    let meta: Meta = if meta_text.trim().is_empty() {
        Meta::default()
    } else {
        toml::from_str(&meta_text)
            .map_err(|e| format!("has a sidecar that is not valid article metadata: {e}"))?
    };
    Ok(SourceFile {
        name: l.name.clone(),
        path: l.path.clone(),
        text,
        meta,
        meta_text,
    })
}

fn is_article(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref(),
        Some("txt") | Some("md")
    ) && !p
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') || n.eq_ignore_ascii_case("README.md"))
}
