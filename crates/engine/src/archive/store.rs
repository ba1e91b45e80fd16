//! Snapshots: each parsed article stored in `index/articles/KEY.bin` (postcard, with a magic
//! number and the format version first), loaded when a question needs it and kept in a
//! small cache of the most recently used.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::manifest::SNAPSHOT_FORMAT;
use crate::article::ArticleKey;
use crate::corpus::ParsedArticle;

/// What a snapshot starts with.
const MAGIC: &[u8; 4] = b"FBAR";

/// Parsed articles on disk, with a cache.
pub(crate) struct Store {
    dir: PathBuf,
    cache: Mutex<Cache>,
}

/// The most recently used articles, at most `capacity`.
struct Cache {
    capacity: usize,
    clock: u64,
    items: HashMap<(ArticleKey, String), (Arc<ParsedArticle>, u64)>,
}

impl Store {
    /// The snapshots in `dir`, keeping up to `capacity` articles in memory.
    pub(crate) fn new(dir: &Path, capacity: usize) -> crate::error::Result<Store> {
        std::fs::create_dir_all(dir).map_err(|e| crate::error::Error::io(dir, e))?;
        Ok(Store {
            dir: dir.to_path_buf(),
            cache: Mutex::new(Cache {
                capacity: capacity.max(1),
                clock: 0,
                items: HashMap::new(),
            }),
        })
    }

    fn path(&self, key: ArticleKey) -> PathBuf {
        self.dir.join(format!("{}.bin", key.hex()))
    }

    /// Write an article's snapshot (to a temporary name; [`Store::publish`] puts it in place).
    pub(crate) fn write(&self, a: &ParsedArticle) -> crate::error::Result<PathBuf> {
        let mut bytes = MAGIC.to_vec();
        bytes.extend(SNAPSHOT_FORMAT.to_le_bytes());
        let body =
            postcard::to_allocvec(a).map_err(|e| crate::error::Error::Index(e.to_string()))?;
        bytes.extend(body);
        let tmp = self.dir.join(format!("{}.bin.tmp", a.key().hex()));
        std::fs::write(&tmp, bytes).map_err(|e| crate::error::Error::write(&tmp, e))?;
        Ok(tmp)
    }

    /// Move a written snapshot into place.
    pub(crate) fn publish(&self, tmp: &Path, key: ArticleKey) -> crate::error::Result<()> {
        std::fs::rename(tmp, self.path(key)).map_err(|e| crate::error::Error::write(tmp, e))
    }

    /// Forget an article.
    pub(crate) fn remove(&self, key: ArticleKey) {
        let _ = std::fs::remove_file(self.path(key));
        if let Ok(mut c) = self.cache.lock() {
            c.items.retain(|(k, _), _| *k != key);
        }
    }

    /// The article `key` as parsed from content `hash`: from the cache, else its snapshot.
    /// `None` when the snapshot is missing, of another format, or of other content.
    pub(crate) fn get(&self, key: ArticleKey, hash: &str) -> Option<Arc<ParsedArticle>> {
        let id = (key, hash.to_string());
        if let Some(a) = self.cache.lock().ok().and_then(|mut c| c.get(&id)) {
            return Some(a);
        }
        let bytes = std::fs::read(self.path(key)).ok()?;
        let a = Arc::new(decode(&bytes)?);
        if let Ok(mut c) = self.cache.lock() {
            c.put(id, a.clone());
        }
        Some(a)
    }

    /// Keep a freshly parsed article in the cache.
    pub(crate) fn keep(&self, hash: &str, a: Arc<ParsedArticle>) {
        if let Ok(mut c) = self.cache.lock() {
            c.put((a.key(), hash.to_string()), a);
        }
    }
}

fn decode(bytes: &[u8]) -> Option<ParsedArticle> {
    let body = bytes.strip_prefix(MAGIC.as_slice())?;
    let (version, body) = body.split_at_checked(4)?;
    if u32::from_le_bytes(version.try_into().ok()?) != SNAPSHOT_FORMAT {
        return None;
    }
    postcard::from_bytes(body).ok()
}

impl Cache {
    fn get(&mut self, id: &(ArticleKey, String)) -> Option<Arc<ParsedArticle>> {
        self.clock += 1;
        let clock = self.clock;
        self.items.get_mut(id).map(|(a, used)| {
            *used = clock;
            a.clone()
        })
    }

    fn put(&mut self, id: (ArticleKey, String), a: Arc<ParsedArticle>) {
        self.clock += 1;
        self.items.retain(|(k, _), _| *k != id.0);
        if self.items.len() >= self.capacity {
            if let Some(oldest) = self
                .items
                .iter()
                .min_by_key(|(_, (_, used))| *used)
                .map(|(k, _)| k.clone())
            {
                self.items.remove(&oldest);
            }
        }
        self.items.insert(id, (a, self.clock));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::tests::corpus_of;

    #[test]
    fn a_snapshot_reads_back_and_another_format_is_refused() {
        let (a, _, _) = corpus_of("标题\n\n全市出口增长12.5%。\n");
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path(), 2).unwrap();
        let tmp = store.write(&a).unwrap();
        store.publish(&tmp, a.key()).unwrap();
        let back = store.get(a.key(), "h1").unwrap();
        assert_eq!(back.sentences[0].text, a.sentences[0].text);
        assert_eq!(back.figures[0].text, "12.5%");
        assert_eq!(&back.weights[0][..], &a.weights[0][..]);
        let mut bytes = std::fs::read(store.path(a.key())).unwrap();
        bytes[4] = bytes[4].wrapping_add(1); // another format version
        assert!(decode(&bytes).is_none());
        assert!(decode(b"junk").is_none());
    }
}
