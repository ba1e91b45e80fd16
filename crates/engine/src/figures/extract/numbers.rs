//! Reading the numeral itself: Arabic digits with thousands groups and decimals, runs of
//! Chinese numerals, ordinals (第七批), doubling (翻一番), and numerals that belong to a
//! name rather than a quantity.

use super::{Found, Scanner};
use crate::figures::numerals::{
    cn_decimals, cn_digit, is_cn_numeral, is_cn_point, magnitude, parse_arabic, parse_chinese,
};
use crate::figures::Kind;
use crate::figures::Number;
use crate::knowledge::{match_at, match_before};

impl Scanner<'_> {
    /// Digits with `,` thousands groups (only a real ASCII comma in the original, followed by
    /// exactly three digits) and a decimal part. Returns the end and the value.
    pub(super) fn read_arabic(&self, start: usize) -> Option<(usize, f64)> {
        let s = self.s;
        let n = s.len();
        let mut j = start;
        while j < n && s[j].is_ascii_digit() {
            j += 1;
        }
        loop {
            // a real ASCII comma, or a full-width one between full-width digits (２４，５６８):
            // a Chinese clause comma after ASCII digits is never a thousands separator
            let full_width = |c: &char| ('０'..='９').contains(c);
            let group = j + 4 <= n
                && s[j] == ','
                && (self.orig[j] == ','
                    || (self.orig[j] == '，'
                        && full_width(&self.orig[j - 1])
                        && full_width(&self.orig[j + 1])))
                && s[j + 1..j + 4].iter().all(|c| c.is_ascii_digit())
                && (j + 4 == n || !s[j + 4].is_ascii_digit());
            if group {
                j += 4;
            } else {
                break;
            }
        }
        if j + 1 < n && s[j] == '.' && s[j + 1].is_ascii_digit() {
            j += 1;
            while j < n && s[j].is_ascii_digit() {
                j += 1;
            }
        }
        let text: String = s[start..j].iter().collect();
        parse_arabic(&text).map(|v| (j, v))
    }

    /// A run of Chinese numerals (digits, 十百千, 万亿) from `start`.
    pub(super) fn read_chinese(&self, start: usize) -> Option<(usize, f64)> {
        let s = self.s;
        let mut j = start;
        while j < s.len() && is_cn_numeral(s[j]) && !self.blocked[j] {
            j += 1;
        }
        if j == start {
            return None;
        }
        // keep a trailing magnitude that starts a unit word (百分点) out of the run
        if self.points_at(j.saturating_sub(1)).is_some() {
            j -= 1;
        }
        let text: String = s[start..j].iter().collect();
        let whole = parse_chinese(&text)?;
        // a decimal part: 十七点四, 零点五
        if j + 1 < s.len() && is_cn_point(s[j]) && cn_digit(s[j + 1]).is_some() {
            let mut k = j + 1;
            while k < s.len() && cn_digit(s[k]).is_some() && !self.blocked[k] {
                k += 1;
            }
            if let Some(frac) = cn_decimals(&s[j + 1..k]) {
                return Some((k, whole + frac));
            }
        }
        Some((j, whole))
    }

    /// An ordinal without a unit glued to the noun after it is part of a name (第五航权,
    /// 第三产业), not a place in a ranking (位居全省第一, 排名第一的).
    pub(super) fn inside_name(&self, f: &Found) -> bool {
        let s = self.s;
        f.number.unit.is_none()
            && s.get(f.span.end).is_some_and(|&c| crate::text::is_han(c))
            && match_at(&self.lex.figures.trailing_particles, s, f.span.end).is_none()
    }

    pub(super) fn ordinal(&self, at: usize) -> Option<Found> {
        let s = self.s;
        let (end, value) = if s[at + 1].is_ascii_digit() {
            self.read_arabic(at + 1)?
        } else {
            self.read_chinese(at + 1)?
        };
        let mut j = end;
        let mut unit = None;
        let units = &self.lex.units;
        if let Some(u) =
            match_at(&units.classifier, s, j).or_else(|| match_at(&units.ordinal, s, j))
        {
            unit = Some(u.to_string());
            j += u.chars().count();
        }
        Some(Found {
            span: at..j,
            number: Number {
                value: Some(value),
                unit,
                ..Number::of_kind(Kind::Rank)
            },
            magnitude: 1.0,
        })
    }

    pub(super) fn arabic(&self, start: usize) -> Option<Found> {
        let s = self.s;
        let n = s.len();
        if let Some((end, value)) = self.compound(start) {
            return self.quantity(start, end, value, None, false);
        }
        let (mut j, value) = self.read_arabic(start)?;
        if j < n
            && s[j].is_ascii_alphabetic()
            && match_at(&self.lex.derived.measure, s, j).is_none()
        {
            return None; // 5G, A股 codes: not a quantity
        }
        // fraction 1/4
        if j + 1 < n && s[j] == '/' && s[j + 1].is_ascii_digit() {
            let (end, den) = self.read_arabic(j + 1)?;
            if den == 0.0 {
                return None;
            }
            let mut f = Found::at(start..end, Kind::Fraction);
            f.number.value = Some(value / den);
            self.qualify(&mut f, start);
            return Some(f);
        }
        // a range 1-5月, 3-5亿元
        let mut high = None;
        if let Some(sep) = self
            .range_sep_at(j)
            .filter(|&k| k < n && s[k].is_ascii_digit())
        {
            if let Some((end, hi)) = self.read_arabic(sep) {
                if hi > value {
                    high = Some(hi);
                    j = end;
                }
            }
        }
        if let Some(f) = self.date(start, j, value, high) {
            return Some(f);
        }
        self.quantity(start, j, value, high, false)
    }

    pub(super) fn chinese(&self, start: usize) -> Option<Found> {
        let s = self.s;
        if !self.bounds[start] && !self.after_qualifier(start) {
            return None; // inside a word: 统一, 之一
        }
        let (j, value) = self.read_chinese(start)?;
        // fractions: 三分之一, 百分之三十
        let fraction = &self.lex.grammar.fraction;
        if self.at(j, fraction) {
            let (end, num) = self.read_chinese(j + fraction.chars().count())?;
            let mut f = if value == 100.0 {
                let mut f = Found::at(start..end, Kind::Percent);
                f.number.value = Some(num);
                f.number.unit = Some("%".into());
                f
            } else if value > 0.0 {
                let mut f = Found::at(start..end, Kind::Fraction);
                f.number.value = Some(num / value);
                f
            } else {
                return None;
            };
            self.qualify(&mut f, start);
            return Some(f);
        }
        let g = &self.lex.grammar;
        let all_digits = s[start..j].iter().all(|&c| cn_digit(c).is_some());
        if all_digits && j - start == 4 && self.at(j, &g.year) {
            return self.date(start, j, value, None);
        }
        if self.at(j, &g.month)
            && (1.0..=12.0).contains(&value)
            && value.fract() == 0.0
            && match_at(&g.month_since, s, j).is_none()
        {
            return self.date(start, j, value, None);
        }
        // 一至四月: the first month of a span written without its 月
        if let Some(k) = self
            .range_sep_at(j)
            .filter(|_| (1.0..=12.0).contains(&value))
        {
            if let Some((hi_end, hi)) = self.read_chinese(k) {
                if self.at(hi_end, &g.month) && hi > value && hi <= 12.0 {
                    return self.date(start, hi_end, value, Some(hi));
                }
            }
        }
        // 一至五盘, 三到五年: a range of Chinese numerals with the unit after the high end
        if let Some((hi_end, hi)) = self
            .range_sep_at(j)
            .and_then(|k| self.read_chinese(k))
            .filter(|&(_, hi)| hi > value)
        {
            if let Some(f) = self.quantity(start, hi_end, value, Some(hi), true) {
                return Some(f);
            }
        }
        let bare_magnitude = s[start..j].iter().all(|&c| magnitude(c).is_some());
        // 多少亿元, 几万人: the unit of a question word, not a figure
        if bare_magnitude && match_before(&self.lex.question.how_many, s, start).is_some() {
            return None;
        }
        let f = self.quantity(start, j, value, None, true)?;
        if bare_magnitude && !matches!(f.number.kind, Kind::Amount | Kind::Count | Kind::Quantity) {
            return None;
        }
        // a lone 一 before a classifier is an article, not a count: 一篇报道, 一列班列
        // (after 只有, 仅有 it counts: 只有一个中央窝)
        let lone_one = j - start == 1
            && cn_digit(s[start]) == Some(1)
            && match_before(&self.lex.figures.one_counts_after, s, start).is_none();
        if lone_one && f.number.kind == Kind::Count && f.number.qualifier.is_none() {
            return None;
        }
        Some(f)
    }

    /// A phrase that says "so many times" without a numeral and unit of its own: 翻一番 (2倍),
    /// 翻两番 (4倍).
    pub(super) fn doubling(&self, i: usize) -> Option<Found> {
        let (word, times) = self
            .lex
            .grammar
            .multiples
            .iter()
            .find(|(w, _)| self.at(i, w))?;
        let mut f = Found::at(i..i + word.chars().count(), Kind::Multiple);
        f.number.value = Some(*times);
        f.number.unit = Some(self.lex.grammar.multiple.to_string());
        Some(f)
    }
}
