//! Question analysis: what is asked (a growth, a share, a count …, in which unit), for which
//! period, about which things.
//!
//! The question is normalised like the article, English words are put into Chinese through
//! the glossary, and the lexicon's cue words decide the asked kind. Time words are resolved
//! per article (今年 is each article's own reference year). Terms keep their synonyms and
//! sub-words so the ranking can match 外贸 to 进出口 and 增长率 to 增长.

use serde::Serialize;

use crate::corpus::Corpus;
use crate::figures::extract::{scan, Found};
use crate::figures::scope::{time_marks, Scope};
use crate::figures::Kind;
use crate::knowledge::Glossary;
use crate::knowledge::{match_at, starts_with_at, Lexicon};
use crate::text::{normalize, Segmenter};

/// What kind of answer a question wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Asked {
    Growth,
    Share,
    Rank,
    Date,
    Count,
    Amount,
    /// Which / who / where: a name, not a number.
    Entity,
    Any,
}

/// A word of the question to look for, with what else may stand for it.
#[derive(Debug, Clone)]
pub(crate) struct Term {
    pub text: String,
    /// How much the term says about the subject (cue words count less).
    pub weight: f32,
    /// Other forms and how good a match they are: synonyms 0.9, sub-words 0.6.
    pub alts: Vec<(String, f32)>,
    /// jieba's part-of-speech tag.
    pub tag: String,
}

#[derive(Debug, Clone)]
pub(crate) struct Question {
    pub original: String,
    /// Normalised, English put into Chinese.
    pub norm: String,
    pub asked: Asked,
    /// The unit asked for (元, 美元, 家, 百分点 …).
    pub unit: Option<String>,
    /// The time asked about, resolved for each article (index = article id).
    pub scopes: Vec<Option<Scope>>,
    pub terms: Vec<Term>,
    /// Figures the question itself states (世界500强, 亿元以上): givens, not answers.
    pub given: Vec<String>,
    /// Significant words no article mentions: the corpus cannot answer.
    pub unknown: Vec<String>,
    /// Does the question ask for a number (多少, 几, a figure kind)? Then only a figure
    /// answers it, never a sentence without one.
    pub wants_number: bool,
    /// The word the question asks about most directly: the noun after 多少 (多少进出口额),
    /// else its last content word (…合同额).
    pub focus: Option<String>,
}

impl Question {
    pub(crate) fn scope_for(&self, article: usize) -> Option<&Scope> {
        self.scopes.get(article).and_then(|s| s.as_ref())
    }
}

pub(crate) struct Analyzer<'a> {
    pub lex: &'a Lexicon,
    pub glossary: &'a Glossary,
    pub seg: &'a Segmenter,
    pub corpus: &'a Corpus,
}

/// People are counted in 人, 名 and 位 alike.
pub(crate) fn same_unit(a: &str, b: &str) -> bool {
    const PEOPLE: [&str; 4] = ["人", "名", "位", "人次"];
    a == b || (PEOPLE.contains(&a) && PEOPLE.contains(&b))
}

impl<'a> Analyzer<'a> {
    pub(crate) fn analyse(&self, question: &str) -> Question {
        let norm0 = normalize(question.trim());
        let norm = self.glossary.translate_english(&norm0);
        let chars: Vec<char> = norm.chars().collect();
        let words = self.seg.words(&norm);
        let found = scan(self.lex, &chars, &chars, &words);
        let (asked, unit) = self.asked(&chars, &words);

        // time: resolved against each article's year
        let mut scopes = Vec::new();
        let mut masked = vec![false; chars.len()];
        for a in &self.corpus.articles {
            let marks = time_marks(self.lex, &chars, &chars, &found, a.reference_year);
            for m in &marks {
                masked[m.span.clone()].iter_mut().for_each(|x| *x = true);
            }
            scopes.push(marks.first().map(|m| m.scope.clone()));
        }
        let given: Vec<String> = found
            .iter()
            .filter(|f| !matches!(f.kind, Kind::Date | Kind::Period))
            .map(|f| chars[f.span.clone()].iter().collect())
            .collect();
        for f in &found {
            // dates are scope, stated quantities are givens: neither is a word to look for
            // (names such as 世界500强 or 第五届 stay searchable)
            // (a full date is finer than a scope and stays searchable too: 5月19日开通了什么航线)
            let name_like = f.kind == Kind::Rank;
            let day = f.date.is_some_and(|d| d.day.is_some());
            if !name_like && !day {
                masked[f.span.clone()].iter_mut().for_each(|x| *x = true);
            }
        }
        // question words and comparison bases, whatever way jieba would cut them (哪天 may
        // come out as 哪 + 天, 占比比去年 as 占 + 比比): masked before segmentation
        let ql = &self.lex.question;
        for list in [
            &ql.date,
            &ql.rank,
            &ql.count,
            &ql.entity,
            &ql.question_phrases,
            &self.lex.time.comparison,
        ] {
            for w in list.iter() {
                mask_all(&chars, w, &mut masked);
            }
        }
        // the focus: the noun right after 多少/几+classifier, else the last word asked about
        let head_at = self.head_position(&chars);

        let q = &self.lex.question;
        let homes: Vec<&String> = self.corpus.home_place.iter().flatten().collect();
        let mut terms: Vec<Term> = Vec::new();
        let mut focus: Option<String> = None;
        let mut i = 0;
        while i < chars.len() {
            if masked[i] {
                i += 1;
                continue;
            }
            let run_start = i;
            while i < chars.len() && !masked[i] {
                i += 1;
            }
            let run: String = chars[run_start..i].iter().collect();
            for w in self.seg.words(&run) {
                if !w.text.chars().any(|c| c.is_alphanumeric()) {
                    continue;
                }
                let t = w.text.trim().to_string();
                if t.is_empty() || q.stopwords.contains(&t) || terms.iter().any(|x| x.text == t) {
                    continue;
                }
                if head_at == Some(run_start + w.start) {
                    focus = Some(t.clone());
                }
                let cue = [&q.growth, &q.share, &q.amount]
                    .iter()
                    .any(|l| l.contains(&t));
                let generic = q.generic.contains(&t);
                let numeric = t.chars().all(|c| c.is_ascii_digit() || c == '.');
                let single = t.chars().count() == 1;
                let weight = if numeric || generic {
                    0.5
                } else if cue {
                    0.6
                } else if single {
                    0.4
                } else {
                    1.0
                };
                let mut alts: Vec<(String, f32)> = self
                    .glossary
                    .synonyms(&t)
                    .into_iter()
                    .map(|s| (s.to_string(), 0.9))
                    .collect();
                if homes.iter().any(|h| **h == t || t.starts_with(h.as_str())) {
                    for a in &q.home_aliases {
                        if a.chars().count() >= 2 {
                            alts.push((a.clone(), 0.9));
                        }
                    }
                }
                // only when the article names the province itself: then its 全省 is that province
                let province = q.provinces.iter().any(|p| t.starts_with(p.as_str()))
                    && self.corpus.contains(&t);
                if province {
                    for a in &q.province_aliases {
                        alts.push((a.clone(), 0.9));
                    }
                }
                // 进口额 also matches 进口: the measure of a thing is named by the thing
                for suffix in &q.measure_suffixes {
                    if let Some(stem) = t.strip_suffix(suffix.as_str()) {
                        if stem.chars().count() >= 2 && !alts.iter().any(|(a, _)| a == stem) {
                            alts.push((stem.to_string(), 0.9));
                        }
                        break;
                    }
                }
                if t.chars().count() >= 3 {
                    for sub in self.seg.search_words(&t) {
                        if sub.text != t
                            && sub.text.chars().count() >= 2
                            && !alts.iter().any(|(a, _)| *a == sub.text)
                        {
                            alts.push((sub.text, 0.6));
                        }
                    }
                }
                terms.push(Term {
                    text: t,
                    weight,
                    alts,
                    tag: w.tag.clone(),
                });
            }
        }
        for f in found
            .iter()
            .filter(|f| f.date.is_some_and(|d| d.day.is_some()))
        {
            let text: String = chars[f.span.clone()].iter().collect();
            terms.push(Term {
                text,
                weight: 1.0,
                alts: Vec::new(),
                tag: "t".into(),
            });
        }
        if focus.is_none() {
            focus = terms
                .iter()
                .rev()
                // share and growth cues say what kind of value is asked, not of what
                .find(|t| {
                    t.weight >= 0.5
                        && t.tag != "t"
                        && !self.lex.question.share.contains(&t.text)
                        && !self.lex.question.growth.contains(&t.text)
                })
                .map(|t| t.text.clone());
        }

        let unknown = terms
            .iter()
            .filter(|t| {
                t.weight >= 1.0 && t.text.chars().count() >= 2 && is_nounish(&t.tag, &t.text)
            })
            .filter(|t| !self.known(t))
            .map(|t| t.text.clone())
            .collect();

        let wants_number = !matches!(asked, Asked::Entity | Asked::Any)
            || contains(&chars, "多少")
            || chars.contains(&'几');
        Question {
            original: question.to_string(),
            norm,
            asked,
            unit,
            scopes,
            terms,
            given,
            unknown,
            focus,
            wants_number,
        }
    }

    /// Is a term (or a synonym, or sub-words covering all of it) in the corpus?
    fn known(&self, t: &Term) -> bool {
        if self.corpus.contains(&t.text)
            || t.alts
                .iter()
                .any(|(a, k)| *k >= 0.9 && self.corpus.contains(a))
        {
            return true;
        }
        let chars: Vec<char> = t.text.chars().collect();
        let mut covered = vec![false; chars.len()];
        for sub in self.seg.search_words(&t.text) {
            if sub.text != t.text
                && sub.text.chars().count() >= 2
                && self.corpus.contains(&sub.text)
            {
                covered[sub.start..sub.end]
                    .iter_mut()
                    .for_each(|c| *c = true);
            }
        }
        covered.iter().all(|&c| c)
    }

    /// Where the noun after 多少 / 几+classifier starts, if the question has one.
    fn head_position(&self, s: &[char]) -> Option<usize> {
        let u = &self.lex.units;
        for i in 0..s.len() {
            let mut j = if starts_with_at(s, i, "多少") {
                i + 2
            } else if s[i] == '几' {
                i + 1
            } else {
                continue;
            };
            while j < s.len() && matches!(s[j], '万' | '亿' | '千' | '百') {
                j += 1;
            }
            for list in [&u.currency, &u.classifier, &u.measure] {
                if let Some(w) = match_at(list, s, j) {
                    j += w.chars().count();
                    break;
                }
            }
            while j < s.len() && s[j] == ' ' {
                j += 1;
            }
            if j < s.len() && (crate::text::is_han(s[j]) || s[j].is_ascii_alphanumeric()) {
                // the head of the noun phrase is its last noun: 多少家世界500强企业 → 企业
                let rest: String = s[j..].iter().collect();
                let mut head = None;
                for w in self.seg.words(&rest) {
                    let nounish = w.tag.starts_with('n')
                        || matches!(w.tag.as_str(), "m" | "eng" | "x" | "j")
                        || w.text.trim().is_empty();
                    if !nounish {
                        break;
                    }
                    if !w.text.trim().is_empty() {
                        head = Some(j + w.start);
                    }
                }
                return head.or(Some(j));
            }
        }
        None
    }

    /// The asked kind and unit: 多少亿元 → (Amount, 元); 几项 → (Count, 项); 增长多少 → Growth.
    fn asked(&self, s: &[char], words: &[crate::text::Word]) -> (Asked, Option<String>) {
        let q = &self.lex.question;
        let u = &self.lex.units;
        if let Some(i) = find_str(s, "第几") {
            let j = i + 2;
            let unit = match_at(&u.classifier, s, j).map(str::to_string);
            return (Asked::Rank, unit);
        }
        for i in 0..s.len() {
            let after = if starts_with_at(s, i, "多少") {
                i + 2
            } else if s[i] == '几' && !starts_with_at(s, i, "几乎") {
                i + 1
            } else {
                continue;
            };
            let mut j = after;
            while j < s.len() && matches!(s[j], '万' | '亿' | '千' | '百') {
                j += 1;
            }
            if starts_with_at(s, j, "个百分点") || starts_with_at(s, j, "百分点") {
                return (Asked::Growth, Some("百分点".into()));
            }
            if let Some(w) = match_at(&u.currency, s, j) {
                return (Asked::Amount, Some(w.to_string()));
            }
            if let Some(w) = match_at(&u.measure, s, j) {
                return (Asked::Amount, Some(w.to_string()));
            }
            if let Some(w) = match_at(&u.classifier, s, j) {
                return (Asked::Count, Some(w.to_string()));
            }
        }
        // a cue inside a longer noun is no cue: 增加 in 增加值 (value added)
        let is_cue = |at: usize, n: usize| {
            !words.iter().any(|w| {
                w.start <= at && w.end >= at + n && w.end - w.start > n && w.tag.starts_with('n')
            })
        };
        let occurrences = |w: &String| -> Vec<(usize, usize)> {
            let n = w.chars().count();
            (0..=s.len().saturating_sub(n))
                .filter(|&i| n > 0 && starts_with_at(s, i, w) && is_cue(i, n))
                .map(|i| (i, n))
                .collect()
        };
        let has = |list: &Vec<String>| list.iter().any(|w| !occurrences(w).is_empty());
        if has(&q.date) {
            return (Asked::Date, None);
        }
        if has(&q.rank) {
            return (Asked::Rank, None);
        }
        // several cues (民营企业进出口占比提高了多少): the one right before 多少 is what is
        // asked; without 多少, the order below
        if let Some(ask) = find_str(s, "多少").or_else(|| s.iter().position(|&c| c == '几')) {
            let last_end = |list: &Vec<String>| {
                list.iter()
                    .flat_map(|w| occurrences(w))
                    .filter(|&(i, n)| i + n <= ask)
                    .map(|(i, n)| i + n)
                    .max()
            };
            let cues = [
                (Asked::Growth, last_end(&q.growth)),
                (Asked::Share, last_end(&q.share)),
                (Asked::Amount, last_end(&q.amount)),
            ];
            if let Some((kind, _)) = cues
                .iter()
                .filter(|(_, e)| e.is_some())
                .max_by_key(|(_, e)| *e)
            {
                return (*kind, None);
            }
        }
        if has(&q.share) || contains(s, "%") {
            return (Asked::Share, None);
        }
        if has(&q.growth) {
            return (Asked::Growth, None);
        }
        if has(&q.amount) {
            return (Asked::Amount, None);
        }
        if has(&q.count) {
            return (Asked::Count, None);
        }
        if has(&q.entity) {
            return (Asked::Entity, None);
        }
        (Asked::Any, None)
    }
}

fn mask_all(s: &[char], w: &str, masked: &mut [bool]) {
    let n = w.chars().count();
    if n == 0 || n > s.len() {
        return;
    }
    for i in 0..=(s.len() - n) {
        if starts_with_at(s, i, w) {
            masked[i..i + n].iter_mut().for_each(|m| *m = true);
        }
    }
}

fn is_nounish(tag: &str, text: &str) -> bool {
    tag.starts_with('n') || tag == "eng" || tag == "x" || tag == "j" || text.is_ascii()
}

fn find_str(s: &[char], w: &str) -> Option<usize> {
    let n = w.chars().count();
    (0..s.len().saturating_sub(n - 1)).find(|&i| starts_with_at(s, i, w))
}

fn contains(s: &[char], w: &str) -> bool {
    find_str(s, w).is_some()
}

/// Figures of a text (used by the fact-check to read a claim).
pub(crate) fn figures_of(lex: &Lexicon, seg: &Segmenter, norm: &str) -> Vec<Found> {
    let chars: Vec<char> = norm.chars().collect();
    scan(lex, &chars, &chars, &seg.words(norm))
}
