//! The words a question looks for: its content terms with their weights and alternatives
//! (synonyms, sub-words), the words masked as question words, and the figures it states.

use super::names::named_by;
use super::{Analyzer, Fixed, Term, SUB_WORD, SYNONYM};
use crate::figures::extract::Found;
use crate::figures::{Kind, SentenceView};
use crate::knowledge::{match_at, match_before, starts_with_at};
use crate::text::WordClass;
use std::ops::Range;

impl Analyzer<'_> {
    /// The chars that are no words to look for: time words (they are the scope), figures
    /// the question states (givens: 亿元以上), question words and comparison bases — masked
    /// before segmentation, so jieba cannot glue them to a neighbour (占比比去年 must not
    /// yield 比比). The framing of a comparison (比 … 快) and movement words (涨跌) only say
    /// what kind of figure is asked. Names such as 世界500强 and full dates stay searchable.
    pub(super) fn masked(
        &self,
        s: &[char],
        found: &[Found],
        time_spans: &[Range<usize>],
        framing: &[Range<usize>],
    ) -> Vec<bool> {
        let mut masked = vec![false; s.len()];
        for r in time_spans.iter().chain(framing) {
            masked[r.clone()].iter_mut().for_each(|x| *x = true);
            // 2012年时, 几岁时: the suffix of a time is part of it
            if let Some(w) = match_at(&self.lex.time.suffixes, s, r.end) {
                masked[r.end..r.end + w.chars().count()]
                    .iter_mut()
                    .for_each(|x| *x = true);
            }
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
        // hedges, bounds and totals right before a how-many word (约有多少, 至少超过多少, 共计
        // 有几位): they only ask;
        // so does the unit right after it (多少支, 几座), which is the asked unit
        for i in (0..s.len()).filter(|&i| self.how_many_at(s, i).is_some()) {
            let after = self.how_many_at(s, i).unwrap_or(i);
            if let Some((unit, _)) = self.lex.unit_word_at(s, after) {
                let end = after + unit.chars().count();
                masked[i..end].iter_mut().for_each(|x| *x = true);
            }
            let mut end = i;
            let qual = &self.lex.qualifiers;
            let before = |end: usize| {
                match_before(&self.lex.question.dimension_links, s, end)
                    .or_else(|| match_before(&qual.before_more, s, end))
                    .or_else(|| match_before(&qual.before_less, s, end))
                    .or_else(|| match_before(&qual.before_about, s, end))
            };
            while let Some(w) = before(end) {
                let n = w.chars().count();
                masked[end - n..end].iter_mut().for_each(|x| *x = true);
                end -= n;
            }
        }
        for f in found {
            let name_like = f.number.kind == Kind::Rank;
            let day = f.number.date.is_some_and(|d| d.day.is_some());
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
    pub(super) fn terms(
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
    pub(super) fn term(&self, t: String, tag: String) -> Term {
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

    /// Other forms of a term and how good a match they are: synonyms [`SYNONYM`]; the home city's
    /// aliases (全市) for its name; the province aliases (全省) for a province the articles
    /// name; the stem of a measure (进口额 → 进口) likewise; sub-words [`SUB_WORD`].
    pub(super) fn alternatives(&self, t: &str) -> Vec<(String, f32)> {
        let q = &self.lex.question;
        let mut alts: Vec<(String, f32)> = self
            .glossary
            .synonyms(t)
            .into_iter()
            .map(|s| (s.to_string(), SYNONYM))
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
                alts.push((a.clone(), SYNONYM));
            }
        }
        let province =
            q.provinces.iter().any(|p| t.starts_with(p.as_str())) && self.searcher.contains(t);
        if province {
            alts.extend(q.province_aliases.iter().map(|a| (a.clone(), SYNONYM)));
        }
        // and the other way: 全省 is the province an article names (江苏省平均水平)
        if q.province_aliases.iter().any(|a| a == t) {
            let named = q.provinces.iter().filter(|p| self.searcher.contains(p));
            alts.extend(named.map(|p| (p.clone(), SYNONYM)));
        }
        if let Some(stem) = q
            .measure_suffixes
            .iter()
            .find_map(|s| t.strip_suffix(s.as_str()))
        {
            if stem.chars().count() >= 2 && !alts.iter().any(|(a, _)| a == stem) {
                alts.push((stem.to_string(), SYNONYM));
            }
        }
        if t.chars().count() >= 3 {
            for sub in self.seg.search_words(t) {
                let long = sub.text.chars().count() >= 2;
                if sub.text != t && long && !alts.iter().any(|(a, _)| *a == sub.text) {
                    alts.push((sub.text, SUB_WORD));
                }
            }
        }
        alts
    }

    /// The last word asked about, when no noun follows 多少: share and change cues say what
    /// kind of value is asked, not of what.
    pub(super) fn last_content_word(&self, terms: &[Term]) -> Option<String> {
        terms
            .iter()
            .rev()
            .find(|t| {
                t.weight >= 0.5
                    && WordClass::of(&t.tag) != WordClass::Time
                    && !self.lex.question.share.contains(&t.text)
                    && !self.lex.figures.change.contains(&t.text)
            })
            .map(|t| t.text.clone())
    }
}

pub(super) fn mask_all(s: &[char], w: &str, masked: &mut [bool]) {
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

pub(super) fn find_str(s: &[char], w: &str) -> Option<usize> {
    let n = w.chars().count();
    if n == 0 {
        return None;
    }
    (0..s.len().saturating_sub(n - 1)).find(|&i| starts_with_at(s, i, w))
}

/// Words to look for besides the question's words: a full date, finer than a scope
/// (5月19日开通了什么), and the base of a comparison (去年同期), which helps when a sentence
/// has it and costs nothing when it does not.
pub(super) fn extra_terms(
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
        .filter(|f| f.number.date.is_some_and(|d| d.day.is_some()))
        .map(|f| term(view.original(f.span.clone()), false));
    dates
        .chain(bases.iter().map(|(b, _)| term(b.clone(), true)))
        .collect()
}

/// The figures a question states: its ordinals and top-N names, which a candidate must
/// hold (第5号港区), and every figure that is no time (世界500强, 亿元以上): givens.
pub(super) fn stated(view: &SentenceView, found: &[Found]) -> (Vec<Fixed>, Vec<String>) {
    let fixed = found
        .iter()
        .filter(|f| f.number.kind == Kind::Rank)
        .filter_map(|f| {
            Some(Fixed {
                shown: named_by(view, f.span.clone()),
                value: f.number.value?,
                unit: f.number.unit.clone(),
            })
        })
        .collect();
    let given = found
        .iter()
        .filter(|f| !matches!(f.number.kind, Kind::Date | Kind::Period))
        .map(|f| view.original(f.span.clone()))
        .collect();
    (fixed, given)
}
