//! A damaged index heals itself: it is derived data, always rebuilt from the data folder.
//!
//! At open, the search index must open, every file of its segments must be there with its
//! footer intact (each is opened, none read through), and it must hold exactly the documents of the manifest's articles. One that does not is
//! moved aside (kept once, for a look) and built again; the manifest is written only after
//! the search index has committed, so an index cut short (a crash, a full disk) never
//! matches its manifest and is never trusted. Snapshots heal on their own when read
//! (`Shared::reparse`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Manifest;
use crate::error::{Error, Result};
use crate::index::SearchIndex;
use crate::text::Segmenter;

/// The search index in `dir`, checked against `manifest`: `Err` says what is wrong with it.
pub(crate) fn open_checked(
    dir: &Path,
    seg: &Arc<Segmenter>,
    manifest: Option<&Manifest>,
) -> std::result::Result<SearchIndex, String> {
    // a damaged file may make tantivy panic rather than fail: that is damage too
    let opened = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        SearchIndex::open_or_create(dir, seg.clone())
    }));
    let index = match opened {
        Ok(Ok(index)) => index,
        Ok(Err(e)) => return Err(e.to_string()),
        Err(_) => return Err("reading it failed".into()),
    };
    if let Some(file) = index.damaged_files().first() {
        return Err(format!("segment file {file}"));
    }
    if let Some(m) = manifest {
        let expected: u64 = m
            .entries
            .iter()
            .map(|e| (e.sentences + e.figures) as u64)
            .sum();
        let found = index.searcher().num_docs();
        if found != expected {
            return Err(format!(
                "it holds {found} documents where its manifest lists {expected}"
            ));
        }
    }
    Ok(index)
}

/// Move everything in the index folder to `<folder>.damaged` beside it (replacing an older
/// copy), so the index is built again in place and the damaged one can still be looked at.
pub(crate) fn move_aside(dir: &Path) -> Result<PathBuf> {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "index".into());
    let aside = dir.with_file_name(format!("{name}.damaged"));
    if aside.exists() {
        std::fs::remove_dir_all(&aside).map_err(|e| Error::write(&aside, e))?;
    }
    std::fs::create_dir_all(&aside).map_err(|e| Error::write(&aside, e))?;
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        if entry.file_name() == ".gitkeep" {
            continue;
        }
        let to = aside.join(entry.file_name());
        std::fs::rename(entry.path(), &to).map_err(|e| Error::write(&to, e))?;
    }
    Ok(aside)
}
