//! What a numeral counts or measures: its magnitude (万, 亿), its unit from the lexicon
//! (元, 家, 吨, 个百分点), and the kind of figure the unit makes.

use super::{scaled, Found, Scanner};
use crate::figures::numerals::{apply_magnitudes, cn_digit, is_cn_point, magnitude};
use crate::figures::{Kind, Qualifier, Sense};
use crate::knowledge::{match_at, starts_with_at, UnitClass};

impl Scanner<'_> {
    /// Magnitudes, 余/多, the unit, then qualifiers on both sides.
    pub(super) fn quantity(
        &self,
        start: usize,
        num_end: usize,
        value: f64,
        high: Option<f64>,
        chinese: bool,
    ) -> Option<Found> {
        let s = self.s;
        let n = s.len();
        let mut j = num_end;
        let mut mags = String::new();
        let mut inner_more: Option<String> = None;
        for _ in 0..2 {
            while j < n
                && magnitude(s[j]).is_some()
                && self.points_at(j).is_none()
                && !chinese
                && !self.unit_starts_with_magnitude(j)
            {
                mags.push(s[j]);
                j += 1;
            }
            let more =
                match_at(&self.lex.grammar.inner_more, s, j).filter(|_| inner_more.is_none());
            if let Some(more) = more {
                // 1700余家, 230多个, 2万多家 (but not 多元, 多种: those need a unit after)
                inner_more = Some(more.to_string());
                j += more.chars().count();
            } else {
                break;
            }
        }
        // 七十年代, 90年代: a decade is a time, not a count of years
        if let Some(w) = match_at(&self.lex.grammar.decade, s, j) {
            return Some(Found::at(start..j + w.chars().count(), Kind::Date));
        }
        let multiplier = apply_magnitudes(1.0, &mags);
        // a space between the number and its unit (实验室 15 个, 2007 年)
        if j + 1 < n
            && s[j] == ' '
            && self.unit_at(j, chinese).is_none()
            && self.unit_at(j + 1, chinese).is_some()
        {
            j += 1;
        }
        let (unit, kind, ulen, scale) = match self.unit_at(j, chinese) {
            Some(u) => u,
            None if chinese => return None,
            None if inner_more.is_some() && j < n && crate::text::is_han(s[j]) => {
                // 多 glued to a word (多元化): not a qualifier
                j -= inner_more.as_deref().map_or(0, |m| m.chars().count());
                inner_more = None;
                (None, Kind::Number, 0, 1.0)
            }
            None => (None, Kind::Number, 0, 1.0),
        };
        j += ulen;
        // 1034.6 × 1e8 must be 103460000000 exactly, not …99999.99998
        let decimals = s[start..num_end]
            .iter()
            .skip_while(|&&c| c != '.' && !is_cn_point(c))
            .skip(1)
            .take_while(|&&c| c.is_ascii_digit() || cn_digit(c).is_some())
            .count();
        let value = scaled(value, multiplier * scale, decimals);
        let high = high.map(|h| scaled(h, multiplier * scale, decimals));
        let mut f = Found::at(start..j, kind);
        (f.number.value, f.number.high, f.number.unit, f.magnitude) =
            (Some(value), high, unit, multiplier);
        if let Some(q) = inner_more {
            f.number.qualifier = Some(Qualifier {
                text: q,
                sense: Sense::More,
            });
        }
        self.qualify(&mut f, start);
        Some(f)
    }

    /// Is the magnitude char at `j` the start of a unit rather than a magnitude? 千, 百 and
    /// 兆 that start a unit word are the unit's (千瓦, 千米, 兆瓦, 百帕); 万 and 亿 are
    /// magnitudes of the unit after them (5万吨 is 50000 吨) unless none follows.
    pub(super) fn unit_starts_with_magnitude(&self, j: usize) -> bool {
        let s = self.s;
        match_at(&self.lex.derived.measure, s, j).is_some()
            && (magnitude(s[j]).is_some_and(|m| !(1e4..1e12).contains(&m))
                || self.unit_at(j + 1, false).is_none())
    }

    /// The unit at `j`: (unit in base form, kind, chars consumed, value scale).
    pub(super) fn unit_at(
        &self,
        j: usize,
        chinese: bool,
    ) -> Option<(Option<String>, Kind, usize, f64)> {
        let s = self.s;
        if j >= s.len() {
            return None;
        }
        let g = &self.lex.grammar;
        match s[j] {
            '%' => return Some((Some("%".into()), Kind::Percent, 1, 1.0)),
            '‰' => return Some((Some("%".into()), Kind::Percent, 1, 0.1)),
            _ => {}
        }
        if self.at(j, &g.multiple) {
            let unit = g.multiple.to_string();
            return Some((Some(unit), Kind::Multiple, g.multiple.chars().count(), 1.0));
        }
        let tenths = g.tenths.chars().count();
        if chinese && self.at(j, &g.tenths) && match_at(&g.not_tenths, s, j + tenths).is_none() {
            return Some((Some("%".into()), Kind::Percent, tenths, 10.0));
        }
        if let Some(w) = self.points_at(j) {
            return Some((
                Some(self.points_unit().to_string()),
                Kind::PercentagePoints,
                w.chars().count(),
                1.0,
            ));
        }
        let (w, class) = self.lex.unit_word_at(s, j)?;
        let kind = match class {
            UnitClass::Currency => Kind::Amount,
            UnitClass::Rank => Kind::Rank,
            // 月 and 日 alone are dates, handled before; 年 here is a duration (3年, 两年)
            UnitClass::Duration => Kind::Period,
            UnitClass::Measure => Kind::Quantity,
            UnitClass::Classifier => Kind::Count,
        };
        Some((Some(w.to_string()), kind, w.chars().count(), 1.0))
    }

    /// Does `word` start at `j`?
    pub(super) fn at(&self, j: usize, word: &str) -> bool {
        starts_with_at(self.s, j, word)
    }

    /// A percentage-point unit word at `j` (个百分点, 百分点).
    pub(super) fn points_at(&self, j: usize) -> Option<&str> {
        match_at(&self.lex.grammar.percentage_points, self.s, j)
    }

    /// The base form of the percentage-point unit: its shortest word (百分点).
    pub(super) fn points_unit(&self) -> &str {
        self.lex
            .grammar
            .percentage_points
            .last()
            .map(String::as_str)
            .unwrap_or_default()
    }
}
