//! How the rest of the engine and its frontends name an article and a paragraph of it: a
//! key stable across restarts and replicas, the article's title and date, and a paragraph
//! reference (so a button made yesterday still finds its paragraph today).

use serde::Serialize;

/// A stable name for an article: a hash of its file name, the same across restarts and
/// replicas (so a button made yesterday still finds its paragraph today).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
pub struct ArticleKey(pub u64);

impl ArticleKey {
    /// The key of the article stored in `file` (its file name, e.g. `report.txt`).
    pub fn of_file(file: &str) -> ArticleKey {
        let mut h = crate::text::StableHash::new();
        h.add(file.as_bytes());
        ArticleKey(h.value())
    }

    /// As 16 hex digits (for callback data and inline result ids).
    pub fn hex(self) -> String {
        format!("{:016x}", self.0)
    }

    /// The key from [`ArticleKey::hex`].
    pub fn from_hex(s: &str) -> Option<ArticleKey> {
        if s.len() != 16 {
            return None;
        }
        u64::from_str_radix(s, 16).ok().map(ArticleKey)
    }
}

/// Which article an answer or a fact comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleInfo {
    /// The headline, or the sidecar's `title`.
    pub title: String,
    /// The sidecar's `published` date (`YYYY-MM-DD`), if any.
    pub published: Option<String>,
    /// The article's file name in the data folder.
    pub file: String,
    /// Its stable key.
    #[serde(skip)]
    pub key: ArticleKey,
}

/// A paragraph of an article, by stable reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ParagraphRef {
    /// The article.
    pub article: ArticleKey,
    /// 1-based paragraph number, as a reader counts them.
    pub paragraph: u32,
}
