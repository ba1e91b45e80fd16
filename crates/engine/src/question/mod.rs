//! Question analysis: what is asked (a growth, a share, a count …, in which unit), for which
//! period, about which things.
//!
//! The question is normalised like the article, filler (greetings, emoji, markup) dropped,
//! English words put into Chinese through the glossary, and the lexicon's cue words decide the asked kind. Time words are resolved
//! per article (今年 is each article's own reference year). Terms keep their synonyms and
//! sub-words so the ranking can match 外贸 to 进出口 and 增长率 to 增长.
//!
//! Owns: reading a question. May import `text`, `knowledge`, `figures`, `corpus`, and the
//! archive and index for what the articles hold (their places, years and words); never the
//! ranking.

mod clean;

pub(crate) use clean::{clean_input, clean_question};

use serde::Serialize;

use std::ops::Range;

use crate::archive::{Archive, Lookup};
use crate::figures::extract::{scan, Found};
use crate::figures::numerals::magnitude;
use crate::figures::scope::{time_marks, Scope, TimeMark};
use crate::figures::{Kind, SentenceView};
use crate::index::IndexSearcher;
use crate::knowledge::Glossary;
use crate::knowledge::{match_at, match_before, starts_with_at, Lexicon};
use crate::text::{Segmenter, Word};

/// Questions longer than this are refused (a question is a sentence, not an article).
pub const MAX_QUESTION_CHARS: usize = 500;

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
    /// The gap to another level: 比全省快多少, 高于全国多少 (points for rates).
    Difference,
    /// How many times: 几倍.
    Multiple,
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
    /// A word that helps when a sentence has it and costs nothing when it does not: generic
    /// words (总额) and the base of a comparison (去年同期 in 比去年同期高多少).
    pub optional: bool,
    /// A proper name (a firm, a person, a place the articles are not about): only a
    /// sentence that names it answers — a figure about a group it belongs to does not.
    pub name: bool,
    /// A name, or a noun written together with one (储能 in 华澜储能).
    pub in_name: bool,
    /// Says whose figure is asked (a place, a firm): a sentence opening with 其中 takes it
    /// from the sentence before, as it takes that sentence's period.
    pub subject: bool,
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
    pub scopes: std::collections::HashMap<i32, Option<Scope>>,
    /// Places the question names that articles are about (normalised): the search keeps
    /// to them.
    pub places: Vec<String>,
    pub terms: Vec<Term>,
    /// Figures the question itself states (世界500强, 亿元以上): givens, not answers.
    pub given: Vec<String>,
    /// The times it compares with (去年同期 in 比去年同期高多少): the answer's base.
    pub bases: Vec<String>,
    /// Significant words no article mentions: the corpus cannot answer.
    pub unknown: Vec<String>,
    /// Does the question ask for a number (多少, 几, a figure kind)? Then only a figure
    /// answers it, never a sentence without one.
    pub wants_number: bool,
    /// The word the question asks about most directly: the noun after 多少 (多少进出口额),
    /// else its last content word (…合同额).
    pub focus: Option<String>,
    /// Each name term with the name as the question writes it (华澜 → 华澜储能).
    pub name_phrases: Vec<(String, String)>,
    /// Ordinals and top-N names the question states (第3号港区, 第135届, 世界500强): only a
    /// sentence that holds the same one answers — 第3号港区's figure is not 第5号港区's.
    pub fixed: Vec<Fixed>,
}

/// An ordinal or a top-N name a question states, as a sentence must hold it.
#[derive(Debug, Clone)]
pub(crate) struct Fixed {
    /// As the question writes it, with the noun it names: 第5号港区.
    pub shown: String,
    pub value: f64,
    pub unit: Option<String>,
}

impl Question {
    /// The period asked, for an article whose 今年 is `article` (its reference year).
    pub(crate) fn scope_for(&self, article: i32) -> Option<&Scope> {
        self.scopes.get(&article).and_then(|s| s.as_ref())
    }
}

/// Reads questions against one archive (whose articles resolve the time words, and whose
/// index knows the words that are "known").
pub(crate) struct Analyzer<'a> {
    pub lex: &'a Lexicon,
    pub glossary: &'a Glossary,
    pub seg: &'a Segmenter,
    pub archive: &'a Archive,
    pub searcher: &'a IndexSearcher,
}

impl<'a> Analyzer<'a> {
    /// The analyzer of one request's lookup.
    pub(crate) fn of(look: &Lookup<'a>) -> Analyzer<'a> {
        Analyzer {
            lex: look.lex,
            glossary: look.glossary,
            seg: look.seg,
            archive: look.archive,
            searcher: look.searcher,
        }
    }
}

/// Are `a` and `b` the same unit for comparing? People are counted in 人, 名 and 位 alike.
pub(crate) fn same_unit(lex: &Lexicon, a: &str, b: &str) -> bool {
    let people = &lex.units.people;
    a == b || (people.iter().any(|p| p == a) && people.iter().any(|p| p == b))
}

impl<'a> Analyzer<'a> {
    /// Read a question: what kind of figure it asks for, in which unit and period, and the
    /// words to look for.
    pub(crate) fn analyse(&self, question: &str) -> Question {
        let contains = |w: &str| self.searcher.contains(w);
        let cleaned = clean_question(self.lex, self.glossary, self.seg, question, &contains);
        let norm = cleaned.text;
        let view = SentenceView::new(self.seg, &norm);
        let found = scan(self.lex, &view);
        let (asked, unit) = self.asked(&view.norm, &view.words);
        let (scopes, time_spans) = self.scopes(&view, &found);
        let cues = Cues {
            lex: self.lex,
            s: &view.norm,
            words: &view.words,
        };
        // the framing of a comparison (比 … 快, 较2019年同期) is no word to look for
        let mut framing = self
            .asked_gap(&view.norm, &cues)
            .map(|g| g.words)
            .unwrap_or_default();
        let bases = self.comparison_bases(&view.norm, &found);
        framing.extend(bases.iter().map(|(_, r)| r.clone()));
        let masked = self.masked(&view.norm, &found, &time_spans, &framing);
        let head_at = self.head_position(&view.norm);
        let (mut terms, focus) = self.terms(&view.norm, &masked, head_at);
        clean::add_english_alternatives(&mut terms, &cleaned.english);
        terms.extend(extra_terms(&view, &found, &bases));
        let focus = focus.or_else(|| self.last_content_word(&terms));
        let places = self.places(&view);
        let name_phrases = self.mark_names(&mut terms, &view, &places);
        let unknown = terms
            .iter()
            .filter(|t| {
                t.weight >= 1.0 && t.text.chars().count() >= 2 && is_nounish(&t.tag, &t.text)
            })
            .filter(|t| !self.known(t, &places))
            .map(|t| clean::as_typed(question, &cleaned.english, &t.text))
            .collect();
        let asks_how_many = self
            .lex
            .question
            .how_many
            .iter()
            .any(|w| find_str(&view.norm, w).is_some());
        let wants_number = !matches!(asked, Asked::Entity | Asked::Any) || asks_how_many;
        let (fixed, given) = stated(&view, &found);
        Question {
            original: question.to_string(),
            norm,
            asked,
            unit,
            scopes,
            places,
            terms,
            given,
            bases: bases.into_iter().map(|(b, _)| b).collect(),
            unknown,
            focus,
            wants_number,
            name_phrases,
            fixed,
        }
    }

    /// Mark the terms that are names (华澜储能), parts of a name, and subjects (a name or a
    /// place); returns each name with the phrase it stands in.
    fn mark_names(
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
            let noun = (t.tag.starts_with('n') || self.lex.question.name_tags.contains(&t.tag))
                && t.text.chars().count() >= 2;
            t.in_name = t.name
                || noun
                    && names.iter().any(|n| {
                        norm_text.contains(&format!("{n}{}", t.text))
                            || norm_text.contains(&format!("{}{n}", t.text))
                    });
        }
        for t in terms.iter_mut() {
            let place =
                t.tag == "ns" || places.contains(&crate::corpus::place_name(self.lex, &t.text));
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

    /// The period asked about, resolved for each reference year of the archive (今年 is
    /// each article's own year), and where the question's time words stand.
    fn scopes(
        &self,
        view: &SentenceView,
        found: &[Found],
    ) -> (
        std::collections::HashMap<i32, Option<Scope>>,
        Vec<Range<usize>>,
    ) {
        let mut spans = Vec::new();
        let mut scopes = std::collections::HashMap::new();
        for year in self.archive.reference_years() {
            let marks: Vec<TimeMark> = time_marks(self.lex, view, found, year);
            spans.extend(marks.iter().map(|m| m.span.clone()));
            scopes.insert(year, marks.first().map(|m| m.scope.clone()));
        }
        (scopes, spans)
    }

    /// The places the question names that some article is about: a search keeps to their
    /// articles (and to sentences that name them). A city named beside its province (青岛
    /// and 山东) is the subject; the province is the whole it is compared with.
    fn places(&self, view: &SentenceView) -> Vec<String> {
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

    /// The chars that are no words to look for: time words (they are the scope), figures
    /// the question states (givens: 亿元以上), question words and comparison bases — masked
    /// before segmentation, so jieba cannot glue them to a neighbour (占比比去年 must not
    /// yield 比比). The framing of a comparison (比 … 快) and movement words (涨跌) only say
    /// what kind of figure is asked. Names such as 世界500强 and full dates stay searchable.
    fn masked(
        &self,
        s: &[char],
        found: &[Found],
        time_spans: &[Range<usize>],
        framing: &[Range<usize>],
    ) -> Vec<bool> {
        let mut masked = vec![false; s.len()];
        for r in time_spans.iter().chain(framing) {
            masked[r.clone()].iter_mut().for_each(|x| *x = true);
        }
        // 几倍 asks; it names nothing
        for i in 0..s.len() {
            if let Some(after) = self.how_many_at(s, i) {
                if starts_with_at(s, after, &self.lex.grammar.multiple) {
                    let n = self.lex.grammar.multiple.chars().count();
                    masked[i..after + n].iter_mut().for_each(|x| *x = true);
                }
            }
        }
        for f in found {
            let name_like = f.kind == Kind::Rank;
            let day = f.date.is_some_and(|d| d.day.is_some());
            if !name_like && !day {
                masked[f.span.clone()].iter_mut().for_each(|x| *x = true);
            }
        }
        let ql = &self.lex.question;
        for list in [
            &ql.date,
            &ql.rank,
            &ql.count,
            &ql.entity,
            &ql.question_phrases,
            &ql.change,
            &self.lex.time.comparison,
        ] {
            for w in list.iter() {
                mask_all(s, w, &mut masked);
            }
        }
        masked
    }

    /// The words to look for, from the unmasked runs of the question, and the focus word
    /// when it starts at `head_at`.
    fn terms(
        &self,
        s: &[char],
        masked: &[bool],
        head_at: Option<usize>,
    ) -> (Vec<Term>, Option<String>) {
        let stopwords = &self.lex.question.stopwords;
        let mut terms: Vec<Term> = Vec::new();
        let mut focus = None;
        let mut i = 0;
        while i < s.len() {
            if masked[i] {
                i += 1;
                continue;
            }
            let run_start = i;
            while i < s.len() && !masked[i] {
                i += 1;
            }
            let run: String = s[run_start..i].iter().collect();
            for w in self.seg.words(&run) {
                let t = w.text.trim().to_string();
                let content = t.chars().any(|c| c.is_alphanumeric());
                if !content || stopwords.contains(&t) || terms.iter().any(|x| x.text == t) {
                    continue;
                }
                if head_at == Some(run_start + w.start) {
                    focus = Some(t.clone());
                }
                terms.push(self.term(t, w.tag));
            }
        }
        (terms, focus)
    }

    /// A question word with its weight and the other forms that may stand for it.
    fn term(&self, t: String, tag: String) -> Term {
        let q = &self.lex.question;
        let cue = [&self.lex.figures.change, &q.share, &q.amount]
            .iter()
            .any(|l| l.contains(&t));
        let numeric = t.chars().all(|c| c.is_ascii_digit() || c == '.');
        let weight = if numeric || q.generic.contains(&t) {
            0.5
        } else if cue {
            0.6
        } else if t.chars().count() == 1 {
            0.4
        } else {
            1.0
        };
        let alts = self.alternatives(&t);
        Term {
            optional: q.generic.contains(&t),
            name: false,
            in_name: false,
            subject: false,
            text: t,
            weight,
            alts,
            tag,
        }
    }

    /// Other forms of a term and how good a match they are: synonyms 0.9; the home city's
    /// aliases (全市) for its name; the province aliases (全省) for a province the articles
    /// name; the stem of a measure (进口额 → 进口) 0.9; sub-words 0.6.
    fn alternatives(&self, t: &str) -> Vec<(String, f32)> {
        let q = &self.lex.question;
        let mut alts: Vec<(String, f32)> = self
            .glossary
            .synonyms(t)
            .into_iter()
            .map(|s| (s.to_string(), 0.9))
            .collect();
        // 全市 stands for an article's own city, never for a province
        let is_province = q.provinces.iter().any(|p| t.starts_with(p.as_str()));
        let home = !is_province
            && self
                .archive
                .entries()
                .iter()
                .filter_map(|e| e.home_place.as_ref())
                .any(|h| t.starts_with(h.as_str()));
        if home {
            for a in q.home_aliases.iter().filter(|a| a.chars().count() >= 2) {
                alts.push((a.clone(), 0.9));
            }
        }
        let province =
            q.provinces.iter().any(|p| t.starts_with(p.as_str())) && self.searcher.contains(t);
        if province {
            alts.extend(q.province_aliases.iter().map(|a| (a.clone(), 0.9)));
        }
        // and the other way: 全省 is the province an article names (江苏省平均水平)
        if q.province_aliases.iter().any(|a| a == t) {
            let named = q.provinces.iter().filter(|p| self.searcher.contains(p));
            alts.extend(named.map(|p| (p.clone(), 0.9)));
        }
        if let Some(stem) = q
            .measure_suffixes
            .iter()
            .find_map(|s| t.strip_suffix(s.as_str()))
        {
            if stem.chars().count() >= 2 && !alts.iter().any(|(a, _)| a == stem) {
                alts.push((stem.to_string(), 0.9));
            }
        }
        if t.chars().count() >= 3 {
            for sub in self.seg.search_words(t) {
                let long = sub.text.chars().count() >= 2;
                if sub.text != t && long && !alts.iter().any(|(a, _)| *a == sub.text) {
                    alts.push((sub.text, 0.6));
                }
            }
        }
        alts
    }

    /// The last word asked about, when no noun follows 多少: share and change cues say what
    /// kind of value is asked, not of what.
    fn last_content_word(&self, terms: &[Term]) -> Option<String> {
        terms
            .iter()
            .rev()
            .find(|t| {
                t.weight >= 0.5
                    && t.tag != "t"
                    && !self.lex.question.share.contains(&t.text)
                    && !self.lex.figures.change.contains(&t.text)
            })
            .map(|t| t.text.clone())
    }

    /// Is a term a proper name the answer must hold: a content word with a name tag, not a
    /// place the articles are about (their sentences say 全市 for it) nor a word standing for
    /// one (全省, 全市)?
    fn is_name(&self, t: &Term, places: &[String]) -> bool {
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
                .any(|(a, k)| *k >= 0.9 && q.home_aliases.contains(a))
    }

    /// Does the question join the word to another with a conjunction (锂电池和光伏产品)?
    /// Then it asks about several things, and a sentence about one of them answers in part.
    fn coordinated(&self, s: &[char], w: &str) -> bool {
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
    fn known(&self, t: &Term, places: &[String]) -> bool {
        let contains = |w: &str| self.searcher.contains_about(w, places);
        if contains(&t.text) || t.alts.iter().any(|(a, k)| *k >= 0.9 && contains(a)) {
            return true;
        }
        let chars: Vec<char> = t.text.chars().collect();
        let mut covered = vec![false; chars.len()];
        for sub in self.seg.search_words(&t.text) {
            if sub.text != t.text && sub.text.chars().count() >= 2 && contains(&sub.text) {
                covered[sub.start..sub.end]
                    .iter_mut()
                    .for_each(|c| *c = true);
            }
        }
        covered.iter().all(|&c| c)
    }

    /// Where a how-many word (多少, 几) stands at `i`, the char after it.
    fn how_many_at(&self, s: &[char], i: usize) -> Option<usize> {
        let q = &self.lex.question;
        if match_at(&q.not_how_many, s, i).is_some() {
            return None;
        }
        match_at(&q.how_many, s, i).map(|w| i + w.chars().count())
    }

    /// Skip magnitude chars (万, 亿 …) from `j`.
    fn skip_magnitudes(s: &[char], mut j: usize) -> usize {
        while j < s.len() && magnitude(s[j]).is_some() {
            j += 1;
        }
        j
    }

    /// Where the noun after 多少 / 几+classifier starts, if the question has one.
    fn head_position(&self, s: &[char]) -> Option<usize> {
        (0..s.len())
            .filter_map(|i| self.how_many_at(s, i))
            .find_map(|after| self.noun_head(s, after))
    }

    /// The head of the noun phrase after a how-many word ending at `after` (its unit
    /// skipped): its last noun (多少家世界500强企业 → 企业).
    fn noun_head(&self, s: &[char], after: usize) -> Option<usize> {
        let u = &self.lex.units;
        let mut j = Self::skip_magnitudes(s, after);
        for list in [&u.currency, &u.classifier, &u.measure] {
            if let Some(w) = match_at(list, s, j) {
                j += w.chars().count();
                break;
            }
        }
        while j < s.len() && s[j] == ' ' {
            j += 1;
        }
        if j >= s.len() || !(crate::text::is_han(s[j]) || s[j].is_ascii_alphanumeric()) {
            return None;
        }
        let rest: String = s[j..].iter().collect();
        let mut head = None;
        for w in self.seg.words(&rest) {
            let blank = w.text.trim().is_empty();
            let nounish =
                w.tag.starts_with('n') || matches!(w.tag.as_str(), "m" | "eng" | "x" | "j");
            if !nounish && !blank {
                break;
            }
            if !blank {
                head = Some(j + w.start);
            }
        }
        head.or(Some(j))
    }

    /// The asked kind and unit: 多少亿元 → (Amount, 元); 几项 → (Count, 项); 增长多少 → Growth.
    fn asked(&self, s: &[char], words: &[Word]) -> (Asked, Option<String>) {
        if let Some(i) = find_str(s, &self.lex.templates.which_rank) {
            let j = i + self.lex.templates.which_rank.chars().count();
            let unit = match_at(&self.lex.units.classifier, s, j).map(str::to_string);
            return (Asked::Rank, unit);
        }
        let cues = Cues {
            lex: self.lex,
            s,
            words,
        };
        if let Some(gap) = self.asked_gap(s, &cues) {
            let stated = self.asked_unit(s).and_then(|(_, u)| u);
            return (Asked::Difference, gap.unit.or(stated));
        }
        if let Some(asked) = self.asked_unit(s) {
            return asked;
        }
        let q = &self.lex.question;
        if cues.has(&q.date) {
            return (Asked::Date, None);
        }
        if cues.has(&q.rank) {
            return (Asked::Rank, None);
        }
        // several cues (民营企业进出口占比提高了多少): the one right before 多少 is what is
        // asked; without 多少, the order below
        if let Some(ask) = (0..s.len()).find(|&i| self.how_many_at(s, i).is_some()) {
            let kinds = [
                (
                    Asked::Growth,
                    cues.last_end_before(&self.lex.derived.asks_change, ask),
                ),
                (Asked::Share, cues.last_end_before(&q.share, ask)),
                (Asked::Amount, cues.last_end_before(&q.amount, ask)),
            ];
            let nearest = kinds
                .iter()
                .filter(|(_, e)| e.is_some())
                .max_by_key(|(_, e)| *e);
            if let Some((kind, _)) = nearest {
                return (*kind, None);
            }
        }
        let order = [
            (Asked::Share, &q.share),
            (Asked::Growth, &self.lex.derived.asks_change),
            (Asked::Amount, &q.amount),
            (Asked::Count, &q.count),
            (Asked::Entity, &q.entity),
        ];
        for (kind, list) in order {
            if cues.has(list) || (kind == Asked::Share && s.contains(&'%')) {
                return (kind, None);
            }
        }
        (Asked::Any, None)
    }

    /// A question comparing with another level asks for the gap: a comparison marker, then
    /// a gap word right before the how-many word (比全省快多少, 比去年同期高了多少), or a
    /// comparison that carries its degree (高于全国多少). A rate moved against another time
    /// (占比比2023年末提高了多少) is a gap too. The gap of a rate is in points.
    fn asked_gap(&self, s: &[char], cues: &Cues) -> Option<Gap> {
        let q = &self.lex.question;
        let ask = (0..s.len()).find(|&i| self.how_many_at(s, i).is_some())?;
        let particle = match_before(&self.lex.figures.trailing_particles, s, ask);
        let end = ask - particle.map_or(0, |p| p.chars().count());
        let rate = q.rates.iter().any(|r| find_str(&s[..end], r).is_some());
        // 提高 ends in 高 but is a movement: a gap only for a rate
        let degree = match match_before(&q.rate_moves, s, end) {
            Some(moved) => rate.then_some(moved),
            None => match_before(&q.gap, s, end),
        };
        let mut words = Vec::new();
        if let Some(d) = degree {
            let start = end - d.chars().count();
            if let Some(marker) = self.marker_before(s, start) {
                words = vec![marker, start..end];
            }
        }
        if words.is_empty() {
            let (i, n) = q
                .compared
                .iter()
                .flat_map(|w| cues.occurrences(w))
                .find(|&(i, n)| i + n <= ask)?;
            words.push(i..i + n);
        }
        let points = self.lex.grammar.percentage_points.last().cloned();
        Some(Gap {
            unit: if rate { points } else { None },
            words,
        })
    }

    /// The last comparison marker before `end`. jieba glues 比 to its neighbours (占比比
    /// reads 占/比比), so the marker is found in the chars: any 比 that is not part of a
    /// rate or share word (占比, 比重, 比例).
    fn marker_before(&self, s: &[char], end: usize) -> Option<Range<usize>> {
        let q = &self.lex.question;
        let mut taken = vec![false; s.len()];
        for w in q.rates.iter().chain(q.share.iter()) {
            mask_all(s, w, &mut taken);
        }
        let mut found = None;
        for w in self.lex.time.comparison_markers.iter() {
            let n = w.chars().count();
            for i in 0..end.saturating_sub(n - 1).min(s.len()) {
                let free = !taken[i..i + n].iter().any(|&t| t);
                if starts_with_at(s, i, w)
                    && free
                    && found.as_ref().is_none_or(|f: &Range<usize>| f.start < i)
                {
                    found = Some(i..i + n);
                }
            }
        }
        found
    }

    /// The times a question compares with (去年同期 in 比去年同期高多少, 2019年同期 in
    /// 较2019年同期增长多少): not its period, but words the right sentence holds.
    /// Each with the chars it takes, marker included.
    fn comparison_bases(&self, s: &[char], found: &[Found]) -> Vec<(String, Range<usize>)> {
        let t = &self.lex.time;
        let mut bases = Vec::new();
        for i in 0..s.len() {
            let Some(marker) = match_at(&t.comparison_markers, s, i) else {
                continue;
            };
            let after = i + marker.chars().count();
            let end = if let Some(w) = match_at(&t.comparison, s, i) {
                i + w.chars().count()
            } else if let Some(f) = found
                .iter()
                .find(|f| f.span.start == after && matches!(f.kind, Kind::Date | Kind::Period))
            {
                let suffix = match_at(&t.comparison_suffixes, s, f.span.end);
                f.span.end + suffix.map_or(0, |w| w.chars().count())
            } else {
                continue;
            };
            if end > after {
                bases.push((s[after..end].iter().collect(), i..end));
            }
        }
        bases
    }

    /// The unit after a how-many word: 多少个百分点 → growth in 百分点, 多少亿元 → an
    /// amount in 元, 几家 → a count of 家, 几倍 → a multiple.
    fn asked_unit(&self, s: &[char]) -> Option<(Asked, Option<String>)> {
        let u = &self.lex.units;
        let points = &self.lex.grammar.percentage_points;
        for i in 0..s.len() {
            let Some(after) = self.how_many_at(s, i) else {
                continue;
            };
            if starts_with_at(s, after, &self.lex.grammar.multiple) {
                return Some((Asked::Multiple, None));
            }
            let j = Self::skip_magnitudes(s, after);
            if match_at(points, s, j).is_some() {
                let unit = points.last().cloned();
                return Some((Asked::Growth, unit));
            }
            for (kind, list) in [
                (Asked::Amount, &u.currency),
                (Asked::Amount, &u.measure),
                (Asked::Count, &u.classifier),
            ] {
                if let Some(w) = match_at(list, s, j) {
                    return Some((kind, Some(w.to_string())));
                }
            }
        }
        None
    }
}

/// What a comparing question asks: the gap's unit (points for a rate) and the words that
/// only frame the comparison (比 … 快), which are no words to look for.
struct Gap {
    unit: Option<String>,
    words: Vec<Range<usize>>,
}

/// Cue words in a question, each counted only where it is a word of its own: 增加 in 增加值
/// (value added) is no cue.
struct Cues<'a> {
    lex: &'a Lexicon,
    s: &'a [char],
    words: &'a [Word],
}

impl Cues<'_> {
    fn occurrences(&self, w: &str) -> Vec<(usize, usize)> {
        let s = self.s;
        let n = w.chars().count();
        (0..=s.len().saturating_sub(n))
            .filter(|&i| n > 0 && starts_with_at(s, i, w) && self.is_cue(i, n))
            .map(|i| (i, n))
            .collect()
    }

    fn is_cue(&self, at: usize, n: usize) -> bool {
        !self.words.iter().any(|w| {
            w.start <= at && w.end >= at + n && w.end - w.start > n && w.tag.starts_with('n')
        })
    }

    fn has(&self, list: &[String]) -> bool {
        list.iter().any(|w| !self.occurrences(w).is_empty())
    }

    /// Where the last cue of `list` ending at or before `ask` ends.
    fn last_end_before(&self, list: &[String], ask: usize) -> Option<usize> {
        let _ = self.lex;
        list.iter()
            .flat_map(|w| self.occurrences(w))
            .filter(|&(i, n)| i + n <= ask)
            .map(|(i, n)| i + n)
            .max()
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

/// An ordinal with the noun it names, as written (第5 → 第5号港区): the nouns, numbers and
/// classifiers right after it, a few chars at most.
fn named_by(view: &SentenceView, span: Range<usize>) -> String {
    let mut end = span.end;
    for w in view.words.iter().filter(|w| w.start >= span.end) {
        let nounish = w.tag.starts_with('n') || matches!(w.tag.as_str(), "m" | "q" | "x" | "j");
        if w.start != end || !nounish || w.end - span.start > 8 {
            break;
        }
        end = w.end;
        if w.tag.starts_with('n') {
            break;
        }
    }
    view.original(span.start..end)
}

/// A name grown by the words written together with it in the question (华澜 + 储能).
fn name_phrase(question: &str, name: &str, parts: &[&str]) -> String {
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

fn is_nounish(tag: &str, text: &str) -> bool {
    tag.starts_with('n') || tag == "eng" || tag == "x" || tag == "j" || text.is_ascii()
}

fn find_str(s: &[char], w: &str) -> Option<usize> {
    let n = w.chars().count();
    if n == 0 {
        return None;
    }
    (0..s.len().saturating_sub(n - 1)).find(|&i| starts_with_at(s, i, w))
}

/// Words to look for besides the question's words: a full date, finer than a scope
/// (5月19日开通了什么), and the base of a comparison (去年同期), which helps when a sentence
/// has it and costs nothing when it does not.
fn extra_terms(
    view: &SentenceView,
    found: &[Found],
    bases: &[(String, Range<usize>)],
) -> Vec<Term> {
    let term = |text: String, optional: bool| Term {
        text,
        weight: 1.0,
        alts: Vec::new(),
        tag: "t".into(),
        optional,
        name: false,
        in_name: false,
        subject: false,
    };
    let dates = found
        .iter()
        .filter(|f| f.date.is_some_and(|d| d.day.is_some()))
        .map(|f| term(view.original(f.span.clone()), false));
    dates
        .chain(bases.iter().map(|(b, _)| term(b.clone(), true)))
        .collect()
}

/// The figures a question states: its ordinals and top-N names, which a candidate must
/// hold (第5号港区), and every figure that is no time (世界500强, 亿元以上): givens.
fn stated(view: &SentenceView, found: &[Found]) -> (Vec<Fixed>, Vec<String>) {
    let fixed = found
        .iter()
        .filter(|f| f.kind == Kind::Rank)
        .filter_map(|f| {
            Some(Fixed {
                shown: named_by(view, f.span.clone()),
                value: f.value?,
                unit: f.unit.clone(),
            })
        })
        .collect();
    let given = found
        .iter()
        .filter(|f| !matches!(f.kind, Kind::Date | Kind::Period))
        .map(|f| view.original(f.span.clone()))
        .collect();
    (fixed, given)
}

/// Figures of a text (the conversation layer reads a claim's with it).
pub(crate) fn figures_of(lex: &Lexicon, seg: &Segmenter, norm: &str) -> Vec<Found> {
    scan(lex, &SentenceView::new(seg, norm))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::tests::engine_of;

    const ARTICLE: &str = "青岛外贸报告\n\n2023年，青岛市完成进出口8760亿元，增长4.6%，占全省比重27%。\n\n今年1-5月，全市179家世界500强企业对欧盟出口增长17.4%。\n";

    pub(super) fn read(q: &str) -> Question {
        let (_dir, engine) = engine_of(&[("qingdao", ARTICLE)]);
        engine.with_view(|v| Analyzer::of(v).analyse(q))
    }

    #[test]
    fn the_asked_kind_and_unit() {
        let cases = [
            ("2023年青岛进出口多少亿元", Asked::Amount, Some("元")),
            ("有多少家世界500强企业", Asked::Count, Some("家")),
            (
                "增速高于全省多少个百分点",
                Asked::Difference,
                Some("百分点"),
            ),
            ("进出口增长多少", Asked::Growth, None),
            // a gap to another level; a rate's gap is in points
            (
                "一季度工业增加值增速比全省快多少",
                Asked::Difference,
                Some("百分点"),
            ),
            ("增速比去年同期高了多少", Asked::Difference, Some("百分点")),
            (
                "进出口占比比2023年末提高了多少",
                Asked::Difference,
                Some("百分点"),
            ),
            ("出口比去年多多少亿元", Asked::Difference, Some("元")),
            ("出口比去年提高了多少", Asked::Growth, None),
            ("进出口占比多少", Asked::Share, None),
            // movement words ask for the change
            ("利润总额变化了多少", Asked::Growth, None),
            ("光伏出口涨跌多少", Asked::Growth, None),
            ("整车出口是去年同期的几倍", Asked::Multiple, None),
            ("进出口占全省比重是多少", Asked::Share, None),
            ("青岛排第几", Asked::Rank, None),
            ("哪个国家", Asked::Entity, None),
        ];
        for (q, asked, unit) in cases {
            let r = read(q);
            assert_eq!((r.asked, r.unit.as_deref()), (asked, unit), "{q}");
        }
        // a cue inside a longer noun is no cue: 增加值 is value added
        assert_ne!(read("第三产业增加值是多少").asked, Asked::Growth);
        assert!(read("进出口多少").wants_number && !read("哪个国家").wants_number);
    }

    #[test]
    fn periods_givens_focus_and_unknown_words() {
        let r = read("今年1-5月青岛对欧盟出口增长多少");
        let scope = r.scope_for(2024).unwrap();
        assert_eq!((scope.start, scope.end), ((2024, 1), (2024, 5)));
        let terms: Vec<&str> = r.terms.iter().map(|t| t.text.as_str()).collect();
        assert!(
            terms.contains(&"欧盟") && terms.contains(&"出口"),
            "{terms:?}"
        );
        assert!(
            !terms.iter().any(|t| t.contains('5')),
            "the period is no word to look for"
        );
        // stated figures are givens (never the answer); a name such as 世界500强 is also
        // still a word to look for
        let r = read("179家世界500强企业出口增长多少");
        assert_eq!(r.given, ["179家", "500强"]);
        assert!(
            r.terms.iter().any(|t| t.text.contains("500")),
            "{:?}",
            r.terms
        );
        assert_eq!(read("有多少家世界500强企业").focus.as_deref(), Some("企业"));
        assert_eq!(read("北京进出口多少").unknown, ["北京"]);
        assert!(
            read("外贸多少").unknown.is_empty(),
            "外贸 is a synonym of 进出口"
        );
    }

    #[test]
    fn people_units_compare_as_one() {
        let lex = Lexicon::builtin();
        assert!(same_unit(&lex, "人", "名") && same_unit(&lex, "元", "元"));
        assert!(!same_unit(&lex, "人", "家"));
    }
}
