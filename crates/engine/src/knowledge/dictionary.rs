//! The English → Chinese dictionary pruned from CC-CEDICT (`data/cedict/cedict-en.tsv`, one
//! line per English key: `english<TAB>zh1|zh2|…`, best term first).
//!
//! It is 2 MB and most questions are Chinese, so nothing is read when the engine opens: the
//! first English word looked up reads the file (a data folder's copy, else the one built into
//! the binary) and indexes its lines once for the whole process. Lookups are binary searches
//! over the sorted keys; the text itself is never copied into a map.

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The built-in dictionary (the file shipped in `data/cedict/`).
pub(crate) const DEFAULT_DICTIONARY: &str = include_str!("../../../../data/cedict/cedict-en.tsv");

/// Where a data folder may hold its own copy, relative to the folder.
pub(crate) const DICTIONARY_FILE: &str = "cedict/cedict-en.tsv";

/// Where the dictionary comes from.
#[derive(Debug, Clone)]
pub(crate) enum Source {
    /// No dictionary: only the hand-written glossary translates.
    None,
    /// The file built into the binary.
    Builtin,
    /// A file (a data folder's copy), read on first use.
    File(PathBuf),
    /// Text given whole (tests).
    #[cfg(test)]
    Text(String),
}

/// The dictionary, read on first use.
#[derive(Debug)]
pub(crate) struct Dictionary {
    source: Source,
    table: OnceLock<Table>,
}

/// The dictionary's text and, per line, where its key ends and its terms end.
#[derive(Debug, Default)]
struct Table {
    text: Cow<'static, str>,
    /// (line start, tab, line end) byte offsets, sorted by key.
    lines: Vec<(u32, u32, u32)>,
}

impl Default for Dictionary {
    fn default() -> Self {
        Dictionary::new(Source::None)
    }
}

impl Dictionary {
    pub(crate) fn new(source: Source) -> Dictionary {
        Dictionary {
            source,
            table: OnceLock::new(),
        }
    }

    /// Where the terms come from, for logs.
    pub(crate) fn origin(&self) -> String {
        match &self.source {
            Source::None => "no dictionary".into(),
            Source::Builtin => "built-in dictionary".into(),
            Source::File(p) => p.display().to_string(),
            #[cfg(test)]
            Source::Text(_) => "dictionary text".into(),
        }
    }

    /// The Chinese terms for an English key (lower case, words separated by one space),
    /// best first; empty when the key is unknown.
    pub(crate) fn get(&self, key: &str) -> Vec<&str> {
        let table = self.table.get_or_init(|| self.load());
        let text = table.text.as_ref();
        let key_of = |&(start, tab, _): &(u32, u32, u32)| &text[start as usize..tab as usize];
        match table.lines.binary_search_by(|l| key_of(l).cmp(key)) {
            Ok(i) => {
                let (_, tab, end) = table.lines[i];
                text[tab as usize + 1..end as usize]
                    .split('|')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .collect()
            }
            Err(_) => Vec::new(),
        }
    }

    /// Is the dictionary read yet? (For tests of the lazy loading.)
    #[cfg(test)]
    pub(crate) fn is_loaded(&self) -> bool {
        self.table.get().is_some()
    }

    fn load(&self) -> Table {
        let started = std::time::Instant::now();
        let text: Cow<'static, str> = match &self.source {
            Source::None => return Table::default(),
            Source::Builtin => Cow::Borrowed(DEFAULT_DICTIONARY),
            #[cfg(test)]
            Source::Text(t) => Cow::Owned(t.clone()),
            Source::File(p) => match std::fs::read_to_string(p) {
                Ok(t) => Cow::Owned(t),
                Err(e) => {
                    tracing::warn!(file = %p.display(), error = %e, "cannot read the dictionary; using the built-in one");
                    Cow::Borrowed(DEFAULT_DICTIONARY)
                }
            },
        };
        let table = Table::index(text);
        tracing::debug!(
            origin = %self.origin(),
            keys = table.lines.len(),
            us = started.elapsed().as_micros() as u64,
            "dictionary read"
        );
        table
    }
}

impl Table {
    /// Index the lines of `text` (`key<TAB>terms`; other lines skipped), sorted by key.
    fn index(text: Cow<'static, str>) -> Table {
        let mut lines: Vec<(u32, u32, u32)> = Vec::new();
        let bytes = text.as_bytes();
        let mut start = 0usize;
        // a file past 4 GB is no dictionary: the offsets are u32
        let limit = bytes.len().min(u32::MAX as usize);
        while start < limit {
            let end = memchr(b'\n', &bytes[start..limit]).map_or(limit, |n| start + n);
            let line_end = if end > start && bytes[end - 1] == b'\r' {
                end - 1
            } else {
                end
            };
            if let Some(tab) = memchr(b'\t', &bytes[start..line_end]) {
                if tab > 0 {
                    lines.push((start as u32, (start + tab) as u32, line_end as u32));
                }
            }
            start = end + 1;
        }
        let key = |&(s, t, _): &(u32, u32, u32)| &text[s as usize..t as usize];
        // the shipped file is sorted; a hand-edited copy may not be
        if !lines.is_sorted_by(|a, b| key(a) <= key(b)) {
            lines.sort_by(|a, b| key(a).cmp(key(b)));
        }
        Table { text, lines }
    }
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_up_keys_lazily() {
        let d = Dictionary::new(Source::Builtin);
        assert!(!d.is_loaded(), "nothing is read before the first lookup");
        assert_eq!(d.get("spring festival").first(), Some(&"春节"));
        assert!(d.is_loaded());
        assert!(d.get("hangzhou").contains(&"杭州"));
        assert!(d.get("no such english phrase").is_empty());
        assert!(Dictionary::default().get("hangzhou").is_empty());
    }

    #[test]
    fn an_unsorted_copy_is_sorted_on_reading() {
        let d = Dictionary::new(Source::Text(
            "zebra\t斑马\r\napple\t苹果|苹果树\nno tab here\n\tnothing\nmango\t芒果".into(),
        ));
        assert_eq!(d.get("apple"), ["苹果", "苹果树"]);
        assert_eq!(d.get("zebra"), ["斑马"]);
        assert_eq!(d.get("mango"), ["芒果"]);
        assert!(d.get("no tab here").is_empty());
    }

    #[test]
    fn the_shipped_file_is_sorted_by_key() {
        let keys: Vec<&str> = DEFAULT_DICTIONARY
            .lines()
            .filter_map(|l| l.split_once('\t').map(|(k, _)| k))
            .collect();
        assert!(keys.len() > 70_000);
        assert!(keys.is_sorted());
    }
}
