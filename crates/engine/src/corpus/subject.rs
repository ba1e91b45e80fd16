//! What an article is about, when it is about one thing: an encyclopedia entry, a profile, a
//! feature on one place. Such articles name their subject in the title and the first
//! sentence (金纹鳍鲈（学名：…），又名金线石斑、黄纹鲈，是…), then write 本鱼, 该镇, 其, 它
//! or nothing at all (体长可达76公分。). Every sentence of the article is about its subject
//! unless it names another, so a question naming the subject matches them all.
//!
//! A news report's headline is no subject: it is a clause, and its first sentence does not
//! open on it.

use std::collections::HashMap;

use super::Sentence;
use crate::article::BlockKind;
use crate::knowledge::Lexicon;
use crate::text::sentences::CLAUSE_SEPS;
use crate::text::{normalize, Word, WordClass};

/// The people an article names, and how many sentences name each.
#[derive(Debug, Default)]
pub(crate) struct People(HashMap<String, usize>);

/// A profile's main person is named in this many sentences at least …
const MAIN_PERSON_SENTENCES: usize = 3;
/// … and this many times as often as anyone else.
const MAIN_PERSON_LEAD: usize = 2;

impl People {
    /// Count the people one sentence names (jieba's person names of two chars or more).
    pub(crate) fn count(&mut self, words: &[Word]) {
        let mut seen: Vec<&str> = words
            .iter()
            .filter(|w| w.class() == WordClass::Person && w.text.chars().count() >= 2)
            .map(|w| w.text.as_str())
            .collect();
        seen.sort();
        seen.dedup();
        for name in seen {
            *self.0.entry(name.to_string()).or_default() += 1;
        }
    }

    /// The person the article is about, when one is named far more often than any other (a
    /// profile: 陈文雄 in every other sentence, his master once).
    pub(crate) fn main(&self) -> Option<String> {
        let mut by_count: Vec<(&String, &usize)> = self.0.iter().collect();
        by_count.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let (name, &n) = *by_count.first()?;
        let second = by_count.get(1).map_or(0, |x| *x.1);
        (n >= MAIN_PERSON_SENTENCES && n >= MAIN_PERSON_LEAD * second).then(|| name.clone())
    }

    /// Everyone named, sorted.
    pub(crate) fn all(&self) -> Vec<String> {
        let mut names: Vec<String> = self.0.keys().cloned().collect();
        names.sort();
        names
    }
}

/// Longest subject name, in chars.
const MAX_NAME: usize = 24;
/// Body sentences naming a title that make it the article's subject, when the first
/// sentence does not open on it.
const TITLE_MENTIONS: usize = 2;
/// Sentences read for the subject's other names.
const ALIAS_SENTENCES: usize = 2;

/// The names of the article's subject, normalised: the title (without a bracketed
/// qualifier) when the first body sentence names it, and the other names that sentence
/// gives (又名, 简称 …). Empty when the article has no one subject.
pub(crate) fn subject_names(lex: &Lexicon, title: &str, sentences: &[Sentence]) -> Vec<String> {
    let title = normalize(title.trim());
    let base = without_brackets(&title);
    let mut body = sentences.iter().filter(|s| s.kind == BlockKind::Body);
    let Some(first) = body.next() else {
        return Vec::new();
    };
    let first_clause: String = first
        .norm
        .iter()
        .take_while(|c| !CLAUSE_SEPS.contains(c))
        .collect();
    // the first body sentence opens on it, or the body keeps naming it
    let body_mentions = |name: &str| {
        let name: Vec<char> = name.chars().collect();
        sentences
            .iter()
            .filter(|s| s.kind == BlockKind::Body)
            .filter(|s| s.norm.windows(name.len()).any(|w| w == name.as_slice()))
            .count()
    };
    let named = |name: &str| {
        let n = name.chars().count();
        (2..=MAX_NAME).contains(&n)
            && !name.chars().any(|c| CLAUSE_SEPS.contains(&c))
            && (first_clause.contains(name) || body_mentions(name) >= TITLE_MENTIONS)
    };
    let mut names: Vec<String> = [title.clone(), base]
        .into_iter()
        .filter(|n| named(n))
        .collect();
    if names.is_empty() {
        return names;
    }
    let firsts = std::iter::once(first).chain(body).take(ALIAS_SENTENCES);
    for s in firsts {
        names.extend(aliases(lex, &s.norm));
    }
    names.dedup();
    names
}

/// The name without a bracketed qualifier: 日落大道 (香港) → 日落大道.
fn without_brackets(name: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in name.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// The names after an alias marker (又名金线石斑、黄纹鲈，…), up to the end of the clause.
fn aliases(lex: &Lexicon, s: &[char]) -> Vec<String> {
    let mut out = Vec::new();
    for marker in lex.subject.aliases.iter() {
        let m: Vec<char> = marker.chars().collect();
        let Some(at) = (0..s.len()).find(|&i| s[i..].starts_with(&m)) else {
            continue;
        };
        let rest: String = s[at + m.len()..]
            .iter()
            .skip_while(|c| matches!(c, ':' | ' '))
            .take_while(|c| !CLAUSE_SEPS.contains(c) && !matches!(c, '(' | ')'))
            .collect();
        for name in rest.split(|c| lex.subject.separators.iter().any(|x| x.starts_with(c))) {
            let name = name.trim();
            if (2..=MAX_NAME).contains(&name.chars().count()) {
                out.push(name.to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::corpus::tests::corpus_of;

    fn subject(text: &str) -> Vec<String> {
        corpus_of(text).0.subject
    }

    #[test]
    fn an_entry_names_its_subject_in_title_and_first_sentence() {
        let text = "金纹鳍鲈\n\n金纹鳍鲈（学名：Chrysoperca aurilineata），又名金线石斑、黄纹鲈，是一种海水鱼。\n\n体长可达76公分。\n";
        // the scientific name after 学名 is one too (the marker list is in the lexicon)
        assert_eq!(
            subject(text),
            ["金纹鳍鲈", "金线石斑", "黄纹鲈", "chrysoperca aurilineata"]
        );
        // a bracketed qualifier in the title is no part of the name
        let text = "日落大道 (香港)\n\n日落大道是香港的一条道路，长约35公里。\n";
        assert_eq!(subject(text), ["日落大道"]);
    }

    #[test]
    fn a_news_headline_is_no_subject() {
        let text = "全市外贸稳中向好\n\n今年1-5月，全市进出口3000亿元，增长5%。\n";
        assert!(subject(text).is_empty());
    }
}
