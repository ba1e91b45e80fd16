//! Word lists as the lexicon holds them: normalised and sorted longest first when read, and
//! the scans that find their entries in a text.

use serde::Deserialize;

/// A word list, normalised and sorted longest first when it is read, so a scan can stop at
/// the first entry that matches.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(from = "Vec<String>")]
pub(crate) struct Words(Vec<String>);

impl From<Vec<String>> for Words {
    fn from(mut list: Vec<String>) -> Words {
        for w in list.iter_mut() {
            *w = crate::text::normalize(w.trim());
        }
        list.retain(|w| !w.is_empty());
        list.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        list.dedup();
        Words(list)
    }
}

impl std::ops::Deref for Words {
    type Target = [String];
    fn deref(&self) -> &[String] {
        &self.0
    }
}

impl<'a> IntoIterator for &'a Words {
    type Item = &'a String;
    type IntoIter = std::slice::Iter<'a, String>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl Words {
    /// The entries of several lists, as one list.
    pub(crate) fn union(lists: &[&Words]) -> Words {
        Words::from(
            lists
                .iter()
                .flat_map(|l| l.0.iter().cloned())
                .collect::<Vec<_>>(),
        )
    }
}

/// One word, normalised when it is read.
#[derive(Debug, Clone, Deserialize)]
#[serde(from = "String")]
pub(crate) struct Word(String);

impl From<String> for Word {
    fn from(w: String) -> Word {
        Word(crate::text::normalize(w.trim()))
    }
}

impl std::ops::Deref for Word {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

/// The longest entry of `list` (sorted longest first) that `chars[at..]` starts with.
pub(crate) fn match_at<'a>(list: &'a [String], chars: &[char], at: usize) -> Option<&'a str> {
    list.iter()
        .find(|w| starts_with_at(chars, at, w))
        .map(|s| s.as_str())
}

/// The longest entry of `list` that `chars[..end]` ends with.
pub(crate) fn match_before<'a>(list: &'a [String], chars: &[char], end: usize) -> Option<&'a str> {
    list.iter()
        .find(|w| {
            let n = w.chars().count();
            n <= end && starts_with_at(chars, end - n, w)
        })
        .map(|s| s.as_str())
}

/// Does `chars[at..]` start with `word`?
pub(crate) fn starts_with_at(chars: &[char], at: usize, word: &str) -> bool {
    let mut rest = chars.get(at..).unwrap_or(&[]).iter();
    word.chars().all(|c| rest.next() == Some(&c))
}
