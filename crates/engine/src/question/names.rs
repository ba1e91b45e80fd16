//! How a question names what it is about: proper names (a firm, a person, a fair),
//! places, and the names the articles know; a name the articles lack is said to be unknown.

use super::{Analyzer, Term, SYNONYM};
use crate::figures::SentenceView;
use crate::knowledge::{match_at, match_before, starts_with_at};
use crate::text::WordClass;
use std::ops::Range;

impl Analyzer<'_> {
    /// Mark the terms that are names (华澜储能), parts of a name, and subjects (a name or a
    /// place); returns each name with the phrase it stands in.
    pub(super) fn mark_names(
        &self,
        terms: &mut [Term],
        view: &SentenceView,
        places: &[String],
    ) -> Vec<(String, String)> {
        for t in terms.iter_mut() {
            t.name = self.is_name(t, places) && !self.coordinated(&view.norm, &t.text);
        }
        let names: Vec<String> = terms
            .iter()
            .filter(|t| t.name)
            .map(|t| t.text.clone())
            .collect();
        let norm_text = view.norm_text();
        for t in terms.iter_mut() {
            let noun = (WordClass::of(&t.tag).is_noun()
                || self.lex.question.name_tags.contains(&t.tag))
                && t.text.chars().count() >= 2;
            t.in_name = t.name
                || noun
                    && names.iter().any(|n| {
                        norm_text.contains(&format!("{n}{}", t.text))
                            || norm_text.contains(&format!("{}{n}", t.text))
                    });
        }
        for t in terms.iter_mut() {
            let place = WordClass::of(&t.tag) == WordClass::Place
                || places.contains(&crate::corpus::place_name(self.lex, &t.text));
            t.subject = t.in_name || place && t.weight >= 1.0;
        }
        let parts: Vec<&str> = terms
            .iter()
            .filter(|t| t.in_name)
            .map(|t| t.text.as_str())
            .collect();
        names
            .into_iter()
            .map(|n| {
                let phrase = name_phrase(&norm_text, &n, &parts);
                (n, phrase)
            })
            .collect()
    }

    /// The places the question names that some article is about: a search keeps to their
    /// articles (and to sentences that name them). A city named beside its province (青岛
    /// and 山东) is the subject; the province is the whole it is compared with.
    pub(super) fn places(&self, view: &SentenceView) -> Vec<String> {
        let mut out: Vec<String> = view
            .words
            .iter()
            .map(|w| crate::corpus::place_name(self.lex, &w.text))
            .filter(|p| self.archive.knows_place(p))
            .collect();
        let province = |p: &String| self.lex.question.provinces.contains(p);
        if out.iter().any(|p| !province(p)) {
            out.retain(|p| !province(p));
        }
        out.sort();
        out.dedup();
        out
    }

    /// Is a term a proper name the answer must hold: a content word with a name tag, not a
    /// place the articles are about (their sentences say 全市 for it) nor a word standing for
    /// one (全省, 全市)?
    pub(super) fn is_name(&self, t: &Term, places: &[String]) -> bool {
        let q = &self.lex.question;
        let alias = q.home_aliases.contains(&t.text) || q.province_aliases.contains(&t.text);
        let about = places.contains(&crate::corpus::place_name(self.lex, &t.text))
            || self
                .archive
                .knows_place(&crate::corpus::place_name(self.lex, &t.text));
        t.weight >= 1.0
            && t.text.chars().count() >= 2
            && t.text.chars().any(crate::text::is_han)
            && q.name_tags.contains(&t.tag)
            && !alias
            && !about
            && !t
                .alts
                .iter()
                .any(|(a, k)| *k >= SYNONYM && q.home_aliases.contains(a))
    }

    /// Does the question join the word to another with a conjunction (锂电池和光伏产品)?
    /// Then it asks about several things, and a sentence about one of them answers in part.
    pub(super) fn coordinated(&self, s: &[char], w: &str) -> bool {
        let conj = &self.lex.figures.conjunctions;
        let n = w.chars().count();
        let sep = |i: usize| s.get(i).is_some_and(|&c| c == '、');
        (0..s.len().saturating_sub(n - 1))
            .filter(|&i| starts_with_at(s, i, w))
            .any(|i| {
                match_at(conj, s, i + n).is_some()
                    || match_before(conj, s, i).is_some()
                    || sep(i + n)
                    || (i > 0 && sep(i - 1))
            })
    }

    /// Is a term (or a synonym, or sub-words covering all of it) in the corpus?
    /// Within the articles about `places` (all articles when none), since an answer can only
    /// come from there: a measure another city's article gives is no answer for this one.
    pub(super) fn known(&self, t: &Term, places: &[String]) -> bool {
        let contains = |w: &str| self.searcher.contains_about(w, places);
        if contains(&t.text) || t.alts.iter().any(|(a, k)| *k >= SYNONYM && contains(a)) {
            return true;
        }
        let chars: Vec<char> = t.text.chars().collect();
        let mut covered = vec![false; chars.len()];
        let subs: Vec<_> = self
            .seg
            .search_words(&t.text)
            .into_iter()
            .filter(|sub| sub.text != t.text && sub.text.chars().count() >= 2)
            .collect();
        for sub in &subs {
            if contains(&sub.text) {
                covered[sub.start..sub.end]
                    .iter_mut()
                    .for_each(|c| *c = true);
            }
        }
        // the head of a compound is its last word: 经济损失 is a kind of 损失
        let head = subs
            .iter()
            .filter(|w| w.end == chars.len())
            .max_by_key(|w| w.end - w.start);
        covered.iter().all(|&c| c) || head.is_some_and(|h| contains(&h.text))
    }

    /// A word jieba's model glued from a name and the char after it (杜林拥 from 杜林拥有)
    /// is read as the longest part of it the articles hold, its start first: the question
    /// re-cut against the articles.
    pub(super) fn unglue(&self, terms: &mut [Term], places: &[String]) {
        for t in terms.iter_mut() {
            let chars: Vec<char> = t.text.chars().collect();
            let han = chars.iter().all(|&c| crate::text::is_han(c));
            if !han || chars.len() < 3 || self.seg.frequency(&t.text) > 0 || self.known(t, places) {
                continue;
            }
            let contains = |w: &[char]| {
                let w: String = w.iter().collect();
                self.searcher.contains_about(&w, places)
            };
            let prefix = (2..chars.len()).rev().find(|&n| contains(&chars[..n]));
            let part = match prefix {
                Some(n) => &chars[..n],
                None => match (1..chars.len() - 1).find(|&k| contains(&chars[k..])) {
                    Some(k) => &chars[k..],
                    None => continue,
                },
            };
            t.text = part.iter().collect();
        }
    }

    /// May the articles' lacking this word make the question unanswerable? A word of jieba's
    /// dictionary that is not common (凤冠雉's 凤冠, 水球), a name (its tags), or a Latin
    /// word or code may; a common word may not, nor a word jieba's model made up from the
    /// question's chars (时能游 from 追捕猎物时能游多快: its absence says nothing; the
    /// match of the rest decides).
    pub(super) fn could_be_unknown(&self, t: &Term) -> bool {
        let named = self.lex.question.name_tags.contains(&t.tag);
        let latin = t.text.chars().any(|c| c.is_ascii_alphabetic());
        let in_dictionary = self.seg.frequency(&t.text) > 0;
        !self.is_common(t) && (in_dictionary || named || latin)
    }

    /// Is a word common in the language (jieba's dictionary counts it often), so that its
    /// absence from the articles says nothing about what they cover? Names of places and
    /// people are never common in this sense: a question naming another is about another.
    pub(super) fn is_common(&self, t: &Term) -> bool {
        let class = crate::text::WordClass::of(&t.tag);
        !matches!(
            class,
            crate::text::WordClass::Place | crate::text::WordClass::Person
        ) && self.seg.frequency(&t.text) >= self.lex.question.common_frequency
    }
}

/// An ordinal with the noun it names, as written (第5 → 第5号港区): the nouns, numbers and
/// classifiers right after it, a few chars at most.
pub(super) fn named_by(view: &SentenceView, span: Range<usize>) -> String {
    let mut end = span.end;
    for w in view.words.iter().filter(|w| w.start >= span.end) {
        let class = w.class();
        let nounish = class.is_noun()
            || matches!(
                class,
                WordClass::Numeral
                    | WordClass::Classifier
                    | WordClass::Unknown
                    | WordClass::Abbreviation
            );
        if w.start != end || !nounish || w.end - span.start > 8 {
            break;
        }
        end = w.end;
        if class.is_noun() {
            break;
        }
    }
    view.original(span.start..end)
}

/// A name grown by the words written together with it in the question (华澜 + 储能).
pub(super) fn name_phrase(question: &str, name: &str, parts: &[&str]) -> String {
    let mut phrase = name.to_string();
    loop {
        let longer = parts.iter().find_map(|p| {
            [format!("{phrase}{p}"), format!("{p}{phrase}")]
                .into_iter()
                .find(|c| question.contains(c.as_str()))
        });
        match longer {
            Some(l) => phrase = l,
            None => return phrase,
        }
    }
}
