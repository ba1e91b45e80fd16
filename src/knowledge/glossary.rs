//! Synonyms and English terms, loaded from `glossary.toml`.
//!
//! A question rarely uses the article's exact words: 外贸 for 进出口, "exports" for 出口. The
//! glossary maps them onto the article's vocabulary. It is a data file so that a new beat
//! (energy, housing) adds its own terms without touching code.

use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

use crate::text::normalize;

/// The built-in glossary (the file shipped in `data/`).
pub(crate) const DEFAULT_GLOSSARY: &str = include_str!("../../data/glossary.toml");

#[derive(Debug, Deserialize)]
struct GlossaryFile {
    #[serde(default)]
    synonyms: Vec<SynonymGroup>,
    #[serde(default)]
    english: BTreeMap<String, Vec<String>>,
    /// What follows a bare year in English text once it is put into Chinese (2023 → 2023年).
    year_suffix: String,
}

#[derive(Debug, Deserialize)]
struct SynonymGroup {
    terms: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Glossary {
    groups: Vec<Vec<String>>,
    by_term: HashMap<String, Vec<usize>>,
    /// English phrase (as words) → Chinese terms; longest phrases first.
    english: Vec<(Vec<String>, Vec<String>)>,
    max_phrase: usize,
    year_suffix: String,
}

impl Glossary {
    pub(crate) fn parse(text: &str, origin: &str) -> crate::Result<Glossary> {
        let file: GlossaryFile = toml::from_str(text).map_err(|e| crate::Error::Data {
            path: origin.to_string(),
            message: format!("not a valid glossary: {e}"),
        })?;
        let mut g = Glossary {
            year_suffix: normalize(file.year_suffix.trim()),
            ..Glossary::default()
        };
        for group in file.synonyms {
            let terms: Vec<String> = group
                .terms
                .iter()
                .map(|t| normalize(t.trim()))
                .filter(|t| !t.is_empty())
                .collect();
            if terms.len() < 2 {
                continue;
            }
            let id = g.groups.len();
            for t in &terms {
                g.by_term.entry(t.clone()).or_default().push(id);
            }
            g.groups.push(terms);
        }
        for (phrase, zh) in file.english {
            let words = english_words(&normalize(&phrase));
            if words.is_empty() {
                continue;
            }
            g.max_phrase = g.max_phrase.max(words.len());
            g.english
                .push((words, zh.iter().map(|z| normalize(z)).collect()));
        }
        g.english.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
        Ok(g)
    }

    #[cfg(test)]
    pub(crate) fn builtin() -> Glossary {
        Glossary::parse(DEFAULT_GLOSSARY, "built-in glossary")
            .expect("the built-in glossary parses")
    }

    /// The other members of every synonym group `term` belongs to.
    pub(crate) fn synonyms(&self, term: &str) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        if let Some(ids) = self.by_term.get(term) {
            for &id in ids {
                for t in &self.groups[id] {
                    if t != term && !out.contains(&t.as_str()) {
                        out.push(t);
                    }
                }
            }
        }
        out
    }

    /// Every Chinese term the glossary knows, for the segmenter's dictionary.
    pub(crate) fn chinese_terms(&self) -> impl Iterator<Item = &str> {
        self.groups
            .iter()
            .flatten()
            .chain(self.english.iter().flat_map(|(_, zh)| zh.iter()))
            .map(|s| s.as_str())
            .filter(|s| s.chars().any(crate::text::is_han))
    }

    /// Rewrite the English words of normalised `text` into Chinese terms (longest phrase
    /// first, plural and possessive endings dropped), keeping everything else. A four-digit
    /// year becomes `2023年` so the time analysis reads it. Words the glossary does not know
    /// stay as they are: an article may contain them (GDP, TEU).
    pub(crate) fn translate_english(&self, text: &str) -> String {
        if !text.chars().any(|c| c.is_ascii_alphabetic()) {
            return text.to_string();
        }
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c.is_ascii_digit() {
                // numbers pass through whole (4.6%, 3,561.8, 1/4); a bare year gets 年
                let start = i;
                while i < chars.len()
                    && (chars[i].is_ascii_digit()
                        || (matches!(chars[i], '.' | ',' | '/')
                            && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())))
                {
                    i += 1;
                }
                let num: String = chars[start..i].iter().collect();
                let year = num.len() == 4 && (num.starts_with("19") || num.starts_with("20"));
                let followed = chars
                    .get(i)
                    .is_some_and(|&d| d == '%' || crate::text::is_han(d));
                out.push_str(&num);
                if year && !followed {
                    out.push_str(&self.year_suffix);
                }
                continue;
            }
            if !c.is_ascii_alphabetic() {
                out.push(c);
                i += 1;
                continue;
            }
            // a run of English words separated by spaces, hyphens or apostrophes
            let start = i;
            while i < chars.len() {
                let ch = chars[i];
                let joiner = matches!(ch, ' ' | '-' | '\'')
                    && chars.get(i + 1).is_some_and(|n| n.is_ascii_alphanumeric());
                // digits belong to the run when they make a word (Fortune 500, G20), not
                // when they are a quantity (4.6%, 3,561.8)
                let word_digit = ch.is_ascii_digit() && {
                    let mut j = i;
                    while j < chars.len() && chars[j].is_ascii_digit() {
                        j += 1;
                    }
                    let after = chars.get(j).copied();
                    let glued = matches!(after, Some('.' | ',' | '/'))
                        && chars.get(j + 1).is_some_and(|d| d.is_ascii_digit());
                    !glued && !matches!(after, Some('%')) && !after.is_some_and(crate::text::is_han)
                };
                if ch.is_ascii_alphabetic() || joiner || word_digit {
                    i += 1;
                } else {
                    break;
                }
            }
            let run: String = chars[start..i].iter().collect();
            out.push(' ');
            out.push_str(&self.translate_run(&run));
            out.push(' ');
        }
        out
    }

    fn translate_run(&self, run: &str) -> String {
        let words = english_words(run);
        let mut out: Vec<String> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let mut matched = false;
            for n in (1..=self.max_phrase.min(words.len() - i)).rev() {
                let candidate: Vec<String> = words[i..i + n].to_vec();
                if let Some(zh) = self.lookup(&candidate) {
                    out.extend(zh.iter().cloned());
                    i += n;
                    matched = true;
                    break;
                }
            }
            if !matched {
                let w = &words[i];
                if w.len() == 4
                    && w.chars().all(|c| c.is_ascii_digit())
                    && (w.starts_with("19") || w.starts_with("20"))
                {
                    out.push(format!("{w}{}", self.year_suffix));
                } else {
                    out.push(w.clone());
                }
                i += 1;
            }
        }
        out.join(" ")
    }

    fn lookup(&self, words: &[String]) -> Option<&Vec<String>> {
        let find = |ws: &[String]| {
            self.english
                .iter()
                .find(|(p, _)| p.as_slice() == ws)
                .map(|(_, z)| z)
        };
        if let Some(z) = find(words) {
            return Some(z);
        }
        // plural / third person: drop a final s or es from the last word
        let last = words.last()?;
        for suffix in ["es", "s"] {
            if let Some(stem) = last.strip_suffix(suffix) {
                if stem.len() >= 2 {
                    let mut w = words.to_vec();
                    *w.last_mut().unwrap() = stem.to_string();
                    if let Some(z) = find(&w) {
                        return Some(z);
                    }
                }
            }
        }
        None
    }
}

/// Lower-case English words of `s`, with possessive `'s` removed.
fn english_words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.trim_matches('\'').trim_matches('-');
            let w = w.strip_suffix("'s").unwrap_or(w);
            w.to_ascii_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_are_symmetric() {
        let g = Glossary::builtin();
        assert!(g.synonyms("外贸").contains(&"进出口"));
        assert!(g.synonyms("进出口").contains(&"外贸"));
        assert!(g.synonyms("没有这个词").is_empty());
    }

    #[test]
    fn english_phrases_longest_first() {
        let g = Glossary::builtin();
        let t = g.translate_english(&normalize(
            "How many foreign trade enterprises does Qingdao have?",
        ));
        assert!(t.contains("外贸"), "{t}");
        assert!(t.contains("企业"), "{t}");
        assert!(t.contains("青岛"), "{t}");
        assert!(!t.contains("foreign"), "{t}");
        let t = g.translate_english("what share of shandong's exports in 2023");
        assert!(
            t.contains("山东") && t.contains("出口") && t.contains("2023年"),
            "{t}"
        );
    }
}
