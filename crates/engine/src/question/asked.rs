//! What kind of figure a question asks for: the asked kind and unit (多少亿元 → an amount
//! in 元), a gap or a multiple between two sides, and where the question's head noun is.

use super::terms::find_str;
use super::{Analyzer, Asked, Term};
use crate::figures::numerals::magnitude;
use crate::figures::ChangeEnd;
use crate::knowledge::{match_at, match_before, starts_with_at, Lexicon, UnitClass};
use crate::text::{Word, WordClass};
use std::ops::Range;

impl Analyzer<'_> {
    /// Where a how-many word (多少, 几) stands at `i`, the char after it.
    pub(super) fn how_many_at(&self, s: &[char], i: usize) -> Option<usize> {
        let q = &self.lex.question;
        if match_at(&q.not_how_many, s, i).is_some() {
            return None;
        }
        match_at(&q.how_many, s, i).map(|w| i + w.chars().count())
    }

    /// Skip magnitude chars (万, 亿 …) from `j`.
    pub(super) fn skip_magnitudes(s: &[char], mut j: usize) -> usize {
        while j < s.len() && magnitude(s[j]).is_some() {
            j += 1;
        }
        j
    }

    /// Where the noun after 多少 / 几+classifier starts, if the question has one.
    pub(super) fn head_position(&self, s: &[char]) -> Option<usize> {
        (0..s.len())
            .filter_map(|i| self.how_many_at(s, i))
            .find_map(|after| self.noun_head(s, after))
    }

    /// The head of the noun phrase after a how-many word ending at `after` (its unit
    /// skipped): its last noun (多少家世界500强企业 → 企业).
    pub(super) fn noun_head(&self, s: &[char], after: usize) -> Option<usize> {
        let mut j = Self::skip_magnitudes(s, after);
        if let Some((w, _)) = self.lex.unit_word_at(s, j) {
            j += w.chars().count();
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
            let nounish = w.class().is_nounish() || w.class() == WordClass::Numeral;
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
    pub(super) fn asked(&self, s: &[char], words: &[Word]) -> (Asked, Option<String>) {
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
            // 增加到多少 asks for the level reached, not the change
            let change = cues
                .last_end_before(&self.lex.derived.asks_change, ask)
                .filter(|&e| {
                    let to = match_at(&self.lex.figures.change_to, s, e);
                    to.is_none_or(|w| e + w.chars().count() != ask)
                });
            let kinds = [
                (Asked::Growth, change),
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
    pub(super) fn asked_gap(&self, s: &[char], cues: &Cues) -> Option<Gap> {
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
            // a comparison names what it compares with (高于全国多少); 超过多少 is a bound
            let (i, n) = q
                .compared
                .iter()
                .flat_map(|w| cues.occurrences(w))
                .find(|&(i, n)| i + n < ask)?;
            words.push(i..i + n);
        }
        let points = self.lex.grammar.percentage_points.last().cloned();
        Some(Gap {
            unit: if rate { points } else { None },
            words,
        })
    }

    /// The unit after a how-many word: 多少个百分点 → growth in 百分点, 多少亿元 → an
    /// amount in 元, 几家 → a count of 家, 几倍 → a multiple.
    pub(super) fn asked_unit(&self, s: &[char]) -> Option<(Asked, Option<String>)> {
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
            let kind = match self.lex.unit_word_at(s, j) {
                Some((_, UnitClass::Rank)) | None => continue,
                Some((w, UnitClass::Currency | UnitClass::Measure)) => (Asked::Amount, w),
                Some((w, UnitClass::Classifier)) => (Asked::Count, w),
                // 多少年, 几天: how long, in that unit
                Some((w, UnitClass::Duration)) => (Asked::Any, w),
            };
            return Some((kind.0, Some(kind.1.to_string())));
        }
        None
    }
}

/// What a comparing question asks: the gap's unit (points for a rate) and the words that
/// only frame the comparison (比 … 快), which are no words to look for.
pub(super) struct Gap {
    pub(super) unit: Option<String>,
    pub(super) words: Vec<Range<usize>>,
}

/// Cue words in a question, each counted only where it is a word of its own: 增加 in 增加值
/// (value added) is no cue.
pub(super) struct Cues<'a> {
    pub(super) lex: &'a Lexicon,
    pub(super) s: &'a [char],
    pub(super) words: &'a [Word],
}

impl Cues<'_> {
    pub(super) fn occurrences(&self, w: &str) -> Vec<(usize, usize)> {
        let s = self.s;
        let n = w.chars().count();
        (0..=s.len().saturating_sub(n))
            .filter(|&i| n > 0 && starts_with_at(s, i, w) && self.is_cue(i, n))
            .map(|i| (i, n))
            .collect()
    }

    pub(super) fn is_cue(&self, at: usize, n: usize) -> bool {
        !self
            .words
            .iter()
            .any(|w| w.start <= at && w.end >= at + n && w.end - w.start > n && w.class().is_noun())
    }

    pub(super) fn has(&self, list: &[String]) -> bool {
        list.iter().any(|w| !self.occurrences(w).is_empty())
    }

    /// Where the last cue of `list` ending at or before `ask` ends.
    pub(super) fn last_end_before(&self, list: &[String], ask: usize) -> Option<usize> {
        let _ = self.lex;
        list.iter()
            .flat_map(|w| self.occurrences(w))
            .filter(|&(i, n)| i + n <= ask)
            .map(|(i, n)| i + n)
            .max()
    }
}

impl Analyzer<'_> {
    /// Which end of a change the question asks for: the value after (降到多少, 通车后要多久,
    /// 现在) or before (原来, 通车前). A word counts only as a word of its own, not before a
    /// numeral (前三季度 asks for no end of a change).
    pub(super) fn asked_change_end(&self, s: &[char], jieba: &[Word]) -> Option<ChangeEnd> {
        let q = &self.lex.question;
        let is = |list: &[String], w: &Word| {
            list.contains(&w.text)
                && !s.get(w.end).is_some_and(|&c| {
                    crate::figures::numerals::is_cn_numeral(c) || c.is_ascii_digit()
                })
        };
        let after = jieba.iter().any(|w| is(&q.asks_after, w));
        let before = jieba.iter().any(|w| is(&q.asks_before, w));
        match (after, before) {
            (true, false) => Some(ChangeEnd::After),
            (false, true) => Some(ChangeEnd::Before),
            _ => None,
        }
    }
}

/// The dimensions a question asks for (length, age, duration …) and where the words that
/// say so stand.
#[derive(Debug, Default)]
pub(super) struct Dimensions {
    /// The dimensions asked, empty when the question names none.
    pub(super) asked: Vec<String>,
    /// Interrogatives that name a dimension (多长, 几岁): no words to look for.
    pub(super) asks: Vec<Range<usize>>,
    /// Dimension nouns the how-many word asks about (体长 in 体长是多少): words that help a
    /// sentence that has them and cost nothing to one that lacks them.
    pub(super) nouns: Vec<Range<usize>>,
    /// What the interrogatives ask, without their asking part (多高 → 高): optional words
    /// too, which a figure's own phrase may hold (桥面距谷底高达168米).
    pub(super) aspects: Vec<String>,
}

impl Analyzer<'_> {
    /// What dimension the question asks for: interrogatives that name one anywhere, dimension
    /// nouns right before the how-many word (体长是多少, 任期是多长); both together meet.
    pub(super) fn asked_dimensions(&self, s: &[char], jieba: &[Word]) -> Dimensions {
        let q = &self.lex.question;
        let mut words: Vec<(&str, &str)> = q
            .dimensions
            .iter()
            .flat_map(|(d, list)| list.iter().map(move |w| (d.as_str(), w.as_str())))
            .collect();
        words.sort_by_key(|(_, w)| std::cmp::Reverse(w.chars().count()));
        let mut taken = vec![false; s.len()];
        let (mut asks, mut nouns) = (Vec::new(), Vec::new());
        let (mut by_ask, mut by_noun): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
        for (dim, w) in words {
            let n = w.chars().count();
            for at in (0..s.len()).filter(|&at| starts_with_at(s, at, w)) {
                let span = at..at + n;
                let asking = q.dimension_asks.iter().any(|p| w.starts_with(p.as_str()));
                let own = !taken[span.clone()].iter().any(|&t| t);
                // 多大程度: an interrogative before a noun asks about the noun
                let determiner = jieba
                    .iter()
                    .any(|x| x.start == span.end && x.class().is_noun());
                if asking && !determiner {
                    if own || asks.contains(&span) {
                        by_ask.push(dim.to_string());
                        push_once(&mut asks, span.clone());
                    }
                } else if !asking
                    && (own || nouns.contains(&span))
                    && is_word(jieba, &span)
                    && self.asked_about(s, &span)
                {
                    by_noun.push(dim.to_string());
                    push_once(&mut nouns, span.clone());
                }
                if asks.contains(&span) || nouns.contains(&span) {
                    taken[span].iter_mut().for_each(|t| *t = true);
                }
            }
        }
        let aspects = asks
            .iter()
            .filter_map(|r| {
                let w: String = s[r.clone()].iter().collect();
                let prefix = q
                    .dimension_asks
                    .iter()
                    .find(|p| w.starts_with(p.as_str()))?;
                let rest = &w[prefix.len()..];
                (!rest.is_empty()).then(|| rest.to_string())
            })
            .collect();
        Dimensions {
            asked: meet(by_ask, by_noun),
            asks,
            nouns,
            aspects,
        }
    }

    /// The dimension nouns and aspects of the question as optional words to look for: a
    /// sentence that has them matches better, one that lacks them loses nothing (长约35公里
    /// answers 总长).
    pub(super) fn add_dimension_words(&self, terms: &mut Vec<Term>, s: &[char], dims: &Dimensions) {
        let nouns = dims
            .nouns
            .iter()
            .map(|r| s[r.clone()].iter().collect::<String>());
        for text in nouns.chain(dims.aspects.iter().cloned()) {
            if terms.iter().any(|t| t.text == text) {
                continue;
            }
            let mut t = self.term(text, String::new());
            t.optional = true;
            terms.push(t);
        }
    }

    /// The asked dimensions with those of the asked unit (多少公里: a length): where both
    /// speak and agree, what they agree on.
    pub(super) fn with_unit_dimensions(
        &self,
        asked: Vec<String>,
        unit: Option<&str>,
    ) -> Vec<String> {
        let of_unit: Vec<String> = unit
            .map(|u| {
                self.lex
                    .dimensions_of(u)
                    .into_iter()
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        match (asked.is_empty(), of_unit.is_empty()) {
            (true, _) => of_unit,
            (false, true) => asked,
            (false, false) => {
                let both: Vec<String> = asked
                    .iter()
                    .filter(|d| of_unit.contains(d))
                    .cloned()
                    .collect();
                if both.is_empty() {
                    asked
                } else {
                    both
                }
            }
        }
    }

    /// Is the dimension noun at `span` what the how-many word asks about: right before it,
    /// past link words (体长是多少, 任期是多长), right after it (多少百分比), or last in a
    /// question that asks (多少米为昆明的市中心高度?)?
    fn asked_about(&self, s: &[char], span: &Range<usize>) -> bool {
        let q = &self.lex.question;
        let mut j = span.end;
        while let Some(w) = match_at(&q.dimension_links, s, j) {
            j += w.chars().count();
        }
        let before =
            self.how_many_at(s, j).is_some() || match_at(&q.dimension_asks, s, j).is_some();
        let after = match_before(&q.how_many, s, span.start).is_some();
        let last = s[span.end..].iter().all(|c| !c.is_alphanumeric())
            && (0..span.start).any(|i| self.how_many_at(s, i).is_some());
        before || after || last
    }
}

/// Does `span` start and end where jieba's words do (长 is no word of its own in 增长)?
fn is_word(words: &[Word], span: &Range<usize>) -> bool {
    words.iter().any(|w| w.start == span.start) && words.iter().any(|w| w.end == span.end)
}

fn push_once(spans: &mut Vec<Range<usize>>, span: Range<usize>) {
    if !spans.contains(&span) {
        spans.push(span);
    }
}

/// The dimensions two sources name: where both speak and agree, what they agree on; else
/// all of them (each list deduplicated, in the order met).
fn meet(a: Vec<String>, b: Vec<String>) -> Vec<String> {
    let both: Vec<String> = a.iter().filter(|d| b.contains(d)).cloned().collect();
    let mut out = if both.is_empty() {
        a.into_iter().chain(b).collect()
    } else {
        both
    };
    let mut seen = Vec::new();
    out.retain(|d| {
        let new = !seen.contains(d);
        seen.push(d.clone());
        new
    });
    out
}
