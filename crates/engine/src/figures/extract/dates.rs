//! Dates and periods among the numbers: a year, a month, a day, a month range (1-5月),
//! each resolved to a calendar value.

use super::{Found, Scanner};
use crate::figures::{DateValue, Kind};
use crate::knowledge::match_at;

impl Scanner<'_> {
    /// The month (or month range) written after a year at `j`: 2024年5月15日, 2024年1-5月.
    /// Fills `d` and returns where it ends and whether it is a span.
    fn month_after_year(&self, j: usize, d: &mut DateValue) -> Option<(usize, bool)> {
        let (s, n, g) = (self.s, self.s.len(), &self.lex.grammar);
        let (m_end, m) = self.read_arabic(self.past_space(j))?;
        let mut m_hi = None;
        let mut k = self.past_space(m_end);
        let sep = self
            .range_sep_at(k)
            .filter(|&e| e < n && s[e].is_ascii_digit());
        if let Some((e2, h2)) = sep.and_then(|sep| self.read_arabic(sep)) {
            m_hi = Some(h2);
            k = e2;
        }
        if !(self.at(k, &g.month) && (1.0..=12.0).contains(&m)) {
            return None;
        }
        d.month = Some(m as u32);
        let end = k + g.month.chars().count();
        match m_hi {
            Some(h2) => {
                d.end_month = Some(h2 as u32);
                d.end_year = d.year;
                Some((end, true))
            }
            None => Some((self.day(end, d), false)),
        }
    }

    /// Years, months and days: 2023年, 5月15日, 1-5月, 2024年1-5月.
    pub(super) fn date(
        &self,
        start: usize,
        end: usize,
        value: f64,
        high: Option<f64>,
    ) -> Option<Found> {
        let s = self.s;
        let n = s.len();
        if value.fract() != 0.0 || end >= n {
            return None;
        }
        let v = value as i64;
        let mut d = DateValue::default();
        // 2007 年 5 月 25 日: dates written with spaces
        let mut j = match self.past_space(end) {
            k if self.at(k, &self.lex.grammar.year) || self.at(k, &self.lex.grammar.month) => k,
            _ => end,
        };
        let mut kind = Kind::Date;
        let g = &self.lex.grammar;
        if self.at(j, &g.year) && (1000..=2100).contains(&v) {
            d.year = Some(v as i32);
            if let Some(h) = high {
                d.end_year = Some(h as i32);
                kind = Kind::Period;
            }
            j += g.year.chars().count();
            // 2024年5月15日, 2024年1-5月
            if self.past_space(j) < n && s[self.past_space(j)].is_ascii_digit() && high.is_none() {
                if let Some((end, period)) = self.month_after_year(j, &mut d) {
                    j = end;
                    if period {
                        kind = Kind::Period;
                    }
                }
            }
            return Some(self.dated(start, j, d, kind, value));
        }
        if self.at(j, &g.month) && (1..=12).contains(&v) {
            d.month = Some(v as u32);
            j += g.month.chars().count();
            // 1月至4月: a span of months
            if let Some((last, end)) = self.month_range_after(j).filter(|_| high.is_none()) {
                if last > v as u32 {
                    d.end_month = Some(last);
                    return Some(self.dated(start, end, d, Kind::Period, value));
                }
            }
            if let Some(h) = high {
                if !(1.0..=12.0).contains(&h) {
                    return None;
                }
                d.end_month = Some(h as u32);
                kind = Kind::Period;
            } else {
                j = self.day(j, &mut d);
            }
            return Some(self.dated(start, j, d, kind, value));
        }
        if let Some(day) = self.day_unit_at(j) {
            if (1..=31).contains(&v) && high.is_none() {
                d.day = Some(v as u32);
                return Some(self.dated(start, j + day, d, Kind::Date, value));
            }
        }
        None
    }

    pub(super) fn day(&self, j: usize, d: &mut DateValue) -> usize {
        let s = self.s;
        let j0 = j;
        let j = self.past_space(j);
        if j < s.len() && s[j].is_ascii_digit() {
            if let Some((e, day)) = self.read_arabic(j) {
                let e = self.past_space(e);
                if let Some(unit) = self.day_unit_at(e).filter(|_| (1.0..=31.0).contains(&day)) {
                    d.day = Some(day as u32);
                    return e + unit;
                }
            }
        }
        j0
    }

    /// `j`, or the char after it when it is one space between digits and a date word.
    fn past_space(&self, j: usize) -> usize {
        let s = self.s;
        if j + 1 < s.len() && s[j] == ' ' && !s[j + 1].is_whitespace() {
            j + 1
        } else {
            j
        }
    }

    pub(super) fn dated(
        &self,
        start: usize,
        end: usize,
        d: DateValue,
        kind: Kind,
        value: f64,
    ) -> Found {
        let mut f = Found::at(start..end, kind);
        if d.month.is_none() && d.day.is_none() && kind == Kind::Date {
            f.number.value = Some(value);
            f.number.unit = Some(self.lex.grammar.year.to_string());
        }
        f.number.date = Some(d);
        f
    }

    /// A month range after a first month: `至4月`, `-4月`, `到四月` from `j` (right after the
    /// first 月). Returns the last month and where the range ends.
    pub(super) fn month_range_after(&self, j: usize) -> Option<(u32, usize)> {
        let s = self.s;
        let k = self.range_sep_at(j)?;
        let (end, m) = if s.get(k)?.is_ascii_digit() {
            self.read_arabic(k)?
        } else {
            self.read_chinese(k)?
        };
        let month = &self.lex.grammar.month;
        (self.at(end, month) && m.fract() == 0.0 && (1.0..=12.0).contains(&m))
            .then(|| (m as u32, end + month.chars().count()))
    }

    /// The length of a day unit at `j` (日, 号), unless it starts a word such as 日元.
    pub(super) fn day_unit_at(&self, j: usize) -> Option<usize> {
        let g = &self.lex.grammar;
        if match_at(&g.not_day, self.s, j).is_some() {
            return None;
        }
        match_at(&g.day, self.s, j).map(|w| w.chars().count())
    }
}
