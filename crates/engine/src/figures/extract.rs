//! Finding figures in a sentence: a numeral, its magnitude, its unit and its qualifiers.
//!
//! The scanner walks the normalised chars of one sentence. Arabic numerals are always
//! figures; a run of Chinese numerals is one only when it carries a unit (三条, 两个, 第七批)
//! and is not part of a word such as 进一步 or 一带一路 (the lexicon's `not_numbers`, and
//! jieba's idiom tags).

use std::ops::Range;

use super::numerals::{
    apply_magnitudes, cn_decimals, cn_digit, is_cn_numeral, is_cn_point, magnitude, parse_arabic,
    parse_chinese,
};
use super::SentenceView;
use super::{DateValue, Kind, Qualifier, Sense};
use crate::knowledge::{match_at, match_before, starts_with_at, Lexicon};

/// A figure as found, before it is tied to its sentence and scope.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    /// Chars of the whole figure, qualifiers included.
    pub span: Range<usize>,
    pub value: Option<f64>,
    pub high: Option<f64>,
    pub unit: Option<String>,
    pub kind: Kind,
    pub qualifier: Option<Qualifier>,
    pub date: Option<DateValue>,
    /// The multiplier the magnitude chars applied (亿 → 1e8), 1 when none.
    pub magnitude: f64,
}

/// Dashes and tildes between the two ends of a range (the lexicon adds words: 至, 到).
const RANGE_DASHES: &[char] = &['-', '~', '—', '–'];

pub(crate) struct Scanner<'a> {
    lex: &'a Lexicon,
    orig: &'a [char],
    s: &'a [char],
    bounds: Vec<bool>,
    blocked: Vec<bool>,
}

/// Find the figures of one sentence. `orig` and `norm` are the same sentence before and
/// after normalisation (same length); `words` its jieba words (of `norm`).
pub(crate) fn scan(lex: &Lexicon, view: &SentenceView) -> Vec<Found> {
    let (orig, norm, words) = (&view.orig[..], &view.norm[..], &view.words[..]);
    let n = norm.len();
    let mut bounds = vec![false; n + 1];
    bounds[0] = true;
    bounds[n] = true;
    let mut blocked = vec![false; n];
    for w in words {
        if w.start <= n && w.end <= n {
            bounds[w.start] = true;
            bounds[w.end] = true;
            if (w.tag.starts_with('i') || w.tag.starts_with('l'))
                && w.text.chars().any(is_cn_numeral)
            {
                blocked[w.start..w.end].iter_mut().for_each(|b| *b = true);
            }
        }
    }
    for phrase in lex.figures.not_numbers.iter() {
        let p: Vec<char> = phrase.chars().collect();
        if p.is_empty() || p.len() > n {
            continue;
        }
        for start in 0..=(n - p.len()) {
            if norm[start..start + p.len()] == p[..] {
                blocked[start..start + p.len()]
                    .iter_mut()
                    .for_each(|b| *b = true);
            }
        }
    }
    let scanner = Scanner {
        lex,
        orig,
        s: norm,
        bounds,
        blocked,
    };
    scanner.run()
}

impl<'a> Scanner<'a> {
    fn run(&self) -> Vec<Found> {
        let s = self.s;
        let n = s.len();
        let mut out: Vec<Found> = Vec::new();
        let mut i = 0;
        while i < n {
            let c = s[i];
            let next_is_num = i + 1 < n
                && (s[i + 1].is_ascii_digit() || (is_cn_numeral(s[i + 1]) && !self.blocked[i + 1]));
            if let Some(f) = self.doubling(i) {
                i = f.span.end;
                out.push(f);
                continue;
            }
            if next_is_num && self.at(i, &self.lex.grammar.ordinal) {
                if let Some(f) = self.ordinal(i) {
                    i = f.span.end;
                    if !self.inside_name(&f) {
                        out.push(f);
                    }
                    continue;
                }
            }
            if c.is_ascii_digit() {
                let glued = i > 0 && (s[i - 1].is_ascii_alphanumeric() || s[i - 1] == '.');
                if !glued {
                    if let Some(f) = self.arabic(i) {
                        i = f.span.end.max(i + 1);
                        out.push(f);
                        continue;
                    }
                }
                while i < n && (s[i].is_ascii_digit() || s[i] == '.' || s[i] == ',') {
                    i += 1;
                }
                continue;
            }
            if is_cn_numeral(c) && !self.blocked[i] {
                if let Some(f) = self.chinese(i) {
                    i = f.span.end.max(i + 1);
                    out.push(f);
                    continue;
                }
            }
            i += 1;
        }
        share_units(self.lex, self.s, &mut out);
        out
    }

    /// Digits with `,` thousands groups (only a real ASCII comma in the original, followed by
    /// exactly three digits) and a decimal part. Returns the end and the value.
    fn read_arabic(&self, start: usize) -> Option<(usize, f64)> {
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
    fn read_chinese(&self, start: usize) -> Option<(usize, f64)> {
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
    fn inside_name(&self, f: &Found) -> bool {
        let s = self.s;
        f.unit.is_none()
            && s.get(f.span.end).is_some_and(|&c| crate::text::is_han(c))
            && match_at(&self.lex.figures.trailing_particles, s, f.span.end).is_none()
    }

    fn ordinal(&self, at: usize) -> Option<Found> {
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
            value: Some(value),
            high: None,
            unit,
            kind: Kind::Rank,
            qualifier: None,
            date: None,
            magnitude: 1.0,
        })
    }

    fn arabic(&self, start: usize) -> Option<Found> {
        let s = self.s;
        let n = s.len();
        let (mut j, value) = self.read_arabic(start)?;
        if j < n && s[j].is_ascii_alphabetic() && match_at(&self.lex.units.measure, s, j).is_none()
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
            f.value = Some(value / den);
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

    fn chinese(&self, start: usize) -> Option<Found> {
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
                f.value = Some(num);
                f.unit = Some("%".into());
                f
            } else if value > 0.0 {
                let mut f = Found::at(start..end, Kind::Fraction);
                f.value = Some(num / value);
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
        let bare_magnitude = s[start..j].iter().all(|&c| magnitude(c).is_some());
        // 多少亿元, 几万人: the unit of a question word, not a figure
        if bare_magnitude && match_before(&self.lex.question.how_many, s, start).is_some() {
            return None;
        }
        let f = self.quantity(start, j, value, None, true)?;
        if bare_magnitude && !matches!(f.kind, Kind::Amount | Kind::Count | Kind::Quantity) {
            return None;
        }
        // a lone 一 before a classifier is an article, not a count: 一篇报道, 一列班列
        let lone_one = j - start == 1 && cn_digit(s[start]) == Some(1);
        if lone_one && f.kind == Kind::Count && f.qualifier.is_none() {
            return None;
        }
        Some(f)
    }

    fn after_qualifier(&self, at: usize) -> bool {
        let q = &self.lex.qualifiers;
        [&q.before_more, &q.before_less, &q.before_about]
            .iter()
            .any(|l| match_before(l, self.s, at).is_some())
    }

    /// Years, months and days: 2023年, 5月15日, 1-5月, 2024年1-5月.
    fn date(&self, start: usize, end: usize, value: f64, high: Option<f64>) -> Option<Found> {
        let s = self.s;
        let n = s.len();
        if value.fract() != 0.0 || end >= n {
            return None;
        }
        let v = value as i64;
        let mut d = DateValue::default();
        let mut j = end;
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
            if j < n && s[j].is_ascii_digit() && high.is_none() {
                if let Some((m_end, m)) = self.read_arabic(j) {
                    let mut m_hi = None;
                    let mut k = m_end;
                    let sep = self
                        .range_sep_at(k)
                        .filter(|&e| e < n && s[e].is_ascii_digit());
                    if let Some(sep) = sep {
                        if let Some((e2, h2)) = self.read_arabic(sep) {
                            m_hi = Some(h2);
                            k = e2;
                        }
                    }
                    if self.at(k, &g.month) && (1.0..=12.0).contains(&m) {
                        d.month = Some(m as u32);
                        j = k + g.month.chars().count();
                        if let Some(h2) = m_hi {
                            d.end_month = Some(h2 as u32);
                            d.end_year = d.year;
                            kind = Kind::Period;
                        } else {
                            j = self.day(j, &mut d);
                        }
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

    fn day(&self, j: usize, d: &mut DateValue) -> usize {
        let s = self.s;
        if j < s.len() && s[j].is_ascii_digit() {
            if let Some((e, day)) = self.read_arabic(j) {
                if let Some(unit) = self.day_unit_at(e).filter(|_| (1.0..=31.0).contains(&day)) {
                    d.day = Some(day as u32);
                    return e + unit;
                }
            }
        }
        j
    }

    fn dated(&self, start: usize, end: usize, d: DateValue, kind: Kind, value: f64) -> Found {
        let mut f = Found::at(start..end, kind);
        if d.month.is_none() && d.day.is_none() && kind == Kind::Date {
            f.value = Some(value);
            f.unit = Some(self.lex.grammar.year.to_string());
        }
        f.date = Some(d);
        f
    }

    /// Magnitudes, 余/多, the unit, then qualifiers on both sides.
    fn quantity(
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
        let multiplier = apply_magnitudes(1.0, &mags);
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
        (f.value, f.high, f.unit, f.magnitude) = (Some(value), high, unit, multiplier);
        if let Some(q) = inner_more {
            f.qualifier = Some(Qualifier {
                text: q,
                sense: Sense::More,
            });
        }
        self.qualify(&mut f, start);
        Some(f)
    }

    /// The unit at `j`: (unit in base form, kind, chars consumed, value scale).
    /// Is the magnitude char at `j` the start of a unit (千瓦, 千米), since no unit follows
    /// it alone (千 + 瓦 is none, while 万 + 吨 reads as 万 of 吨)?
    fn unit_starts_with_magnitude(&self, j: usize) -> bool {
        match_at(&self.lex.units.measure, self.s, j).is_some()
            && self.unit_at(j + 1, false).is_none()
    }

    fn unit_at(&self, j: usize, chinese: bool) -> Option<(Option<String>, Kind, usize, f64)> {
        let s = self.s;
        let u = &self.lex.units;
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
        if let Some(w) = match_at(&u.currency, s, j) {
            return Some((Some(w.to_string()), Kind::Amount, w.chars().count(), 1.0));
        }
        if let Some(w) = match_at(&u.rank, s, j) {
            return Some((Some(w.to_string()), Kind::Rank, w.chars().count(), 1.0));
        }
        if let Some(w) = match_at(&u.duration, s, j) {
            // 月 and 日 alone are dates, handled before; 年 here is a duration (3年, 两年)
            return Some((Some(w.to_string()), Kind::Period, w.chars().count(), 1.0));
        }
        if let Some(w) = match_at(&u.measure, s, j) {
            return Some((Some(w.to_string()), Kind::Quantity, w.chars().count(), 1.0));
        }
        if let Some(w) = match_at(&u.classifier, s, j) {
            return Some((Some(w.to_string()), Kind::Count, w.chars().count(), 1.0));
        }
        None
    }

    /// Attach the qualifiers before `start` and after the figure's end.
    fn qualify(&self, f: &mut Found, start: usize) {
        let s = self.s;
        let q = &self.lex.qualifiers;
        let after = [
            (&q.after_more, Sense::More),
            (&q.after_less, Sense::Less),
            (&q.after_about, Sense::About),
        ];
        for (list, sense) in after {
            if let Some(w) = match_at(list, s, f.span.end) {
                // 余/多 right after a unit are not qualifiers (家多 is rare; 以上 is common)
                let short_ok =
                    matches!(sense, Sense::About) && q.short_after_about.iter().any(|x| x == w);
                if w.chars().count() >= 2 || short_ok {
                    f.span.end += w.chars().count();
                    f.qualifier = Some(Qualifier {
                        text: w.to_string(),
                        sense,
                    });
                    break;
                }
            }
        }
        let before = [
            (&q.before_more, Sense::More),
            (&q.before_less, Sense::Less),
            (&q.before_about, Sense::About),
        ];
        for (list, sense) in before {
            if let Some(w) = match_before(list, s, start) {
                let at = start - w.chars().count();
                if self.bounds[at] || w.chars().count() >= 2 {
                    f.span.start = at;
                    let text = match &f.qualifier {
                        Some(existing) => format!("{w}…{}", existing.text),
                        None => w.to_string(),
                    };
                    f.qualifier = Some(Qualifier { text, sense });
                    break;
                }
            }
        }
    }

    /// A phrase that says "so many times" without a numeral and unit of its own: 翻一番 (2倍),
    /// 翻两番 (4倍).
    fn doubling(&self, i: usize) -> Option<Found> {
        let (word, times) = self
            .lex
            .grammar
            .multiples
            .iter()
            .find(|(w, _)| self.at(i, w))?;
        let mut f = Found::at(i..i + word.chars().count(), Kind::Multiple);
        f.value = Some(*times);
        f.unit = Some(self.lex.grammar.multiple.to_string());
        Some(f)
    }

    /// A month range after a first month: `至4月`, `-4月`, `到四月` from `j` (right after the
    /// first 月). Returns the last month and where the range ends.
    fn month_range_after(&self, j: usize) -> Option<(u32, usize)> {
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

    /// Does `word` start at `j`?
    fn at(&self, j: usize, word: &str) -> bool {
        starts_with_at(self.s, j, word)
    }

    /// A percentage-point unit word at `j` (个百分点, 百分点).
    fn points_at(&self, j: usize) -> Option<&str> {
        match_at(&self.lex.grammar.percentage_points, self.s, j)
    }

    /// The base form of the percentage-point unit: its shortest word (百分点).
    fn points_unit(&self) -> &str {
        self.lex
            .grammar
            .percentage_points
            .last()
            .map(String::as_str)
            .unwrap_or_default()
    }

    /// The length of a day unit at `j` (日, 号), unless it starts a word such as 日元.
    fn day_unit_at(&self, j: usize) -> Option<usize> {
        let g = &self.lex.grammar;
        if match_at(&g.not_day, self.s, j).is_some() {
            return None;
        }
        match_at(&g.day, self.s, j).map(|w| w.chars().count())
    }

    /// Where the high end starts when a range separator stands at `j` (1-5月, 1至5月).
    fn range_sep_at(&self, j: usize) -> Option<usize> {
        let s = self.s;
        if j < s.len() && RANGE_DASHES.contains(&s[j]) {
            return Some(j + 1);
        }
        match_at(&self.lex.grammar.range, s, j).map(|w| j + w.chars().count())
    }
}

impl Found {
    /// A figure of `kind` over `span`, with nothing else known yet.
    fn at(span: Range<usize>, kind: Kind) -> Found {
        Found {
            span,
            value: None,
            high: None,
            unit: None,
            kind,
            qualifier: None,
            date: None,
            magnitude: 1.0,
        }
    }
}

/// Is the figure starting at `start` a fall: a decrease word (下降, 减少 …) right before it,
/// with at most a 了/约/达/为 between (下降3.1%, 减少了5亿元)?
pub(crate) fn is_decrease(lex: &Lexicon, s: &[char], start: usize) -> bool {
    let mut end = start;
    while end > 0 && start - end < 2 {
        let gap = if s[end - 1] == ' ' {
            Some(1)
        } else {
            match_before(&lex.figures.decrease_gap, s, end).map(|w| w.chars().count())
        };
        match gap {
            Some(len) if len <= end => end -= len,
            _ => break,
        }
    }
    match_before(&lex.figures.decrease, s, end).is_some()
}

/// `value × factor`, rounded to the precision the written number had.
fn scaled(value: f64, factor: f64, decimals: usize) -> f64 {
    let places = (decimals as i32 - factor.log10().round() as i32).clamp(0, 12);
    let p = 10f64.powi(places);
    (value * factor * p).round() / p
}

/// In an enumeration the last item often carries the unit for all: 高于全国4.4个、全省2.9个
/// 百分点 (4.4 is in 百分点 too), 增长3、4成. Give earlier items that unit.
fn share_units(lex: &Lexicon, s: &[char], figs: &mut [Found]) {
    for i in (0..figs.len().saturating_sub(1)).rev() {
        let (a, b) = (&figs[i], &figs[i + 1]);
        let between: String = s[a.span.end..b.span.start].iter().collect();
        let only_list = between.contains('、')
            && !between.contains([',', '，', ';', '；', '。', ':'])
            && between.chars().count() <= 8;
        if !only_list {
            continue;
        }
        let bare = a.unit.is_none()
            || (a.unit.as_deref() == Some(&*lex.units.generic_classifier)
                && b.kind == Kind::PercentagePoints);
        if bare && b.unit.is_some() && !matches!(b.kind, Kind::Date | Kind::Period | Kind::Rank) {
            let (unit, kind, mag) = (b.unit.clone(), b.kind, b.magnitude);
            let a = &mut figs[i];
            a.unit = unit;
            a.kind = kind;
            if a.magnitude == 1.0 && mag != 1.0 {
                a.value = a.value.map(|v| v * mag);
                a.magnitude = mag;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Segmenter;

    /// A figure as the tests see it: text, value, unit, kind, qualifier.
    type Seen = (String, Option<f64>, Option<String>, Kind, Option<String>);

    fn found(text: &str) -> Vec<Seen> {
        let lex = Lexicon::builtin();
        let seg = Segmenter::new([]);
        let view = SentenceView::new(&seg, text);
        let orig = view.orig.clone();
        scan(&lex, &view)
            .into_iter()
            .map(|f| {
                let t: String = orig[f.span.clone()].iter().collect();
                (t, f.value, f.unit, f.kind, f.qualifier.map(|q| q.text))
            })
            .collect()
    }

    fn one(text: &str) -> Seen {
        let all = found(text);
        assert_eq!(all.len(), 1, "{text}: {all:?}");
        all.into_iter().next().unwrap()
    }

    #[test]
    fn a_unit_that_starts_with_a_magnitude_char_is_the_unit() {
        // 万 + 千瓦, not 万千 + nothing: 瓦 alone is no unit
        let f = one("新增并网光伏装机86.5万千瓦");
        assert_eq!(
            (f.0.as_str(), f.1, f.2.as_deref()),
            ("86.5万千瓦", Some(865_000.0), Some("千瓦"))
        );
        // 万 + 吨 still reads as 万 of 吨
        assert_eq!(one("产量5万吨").1, Some(50_000.0));
        assert_eq!(one("产量5万吨").2.as_deref(), Some("吨"));
    }

    #[test]
    fn money_with_magnitudes() {
        assert_eq!(
            one("完成进出口8760亿元"),
            (
                "8760亿元".into(),
                Some(876_000_000_000.0),
                Some("元".into()),
                Kind::Amount,
                None
            )
        );
        assert_eq!(one("增资到账4.3亿美元").1, Some(430_000_000.0));
        assert_eq!(one("约1.2万亿元").1, Some(1.2e12));
        assert_eq!(one("机电产品出口1034.6亿元").1, Some(103_460_000_000.0));
        assert_eq!(one("5‰").1, Some(0.5));
        let f = one("国际能源中心交易额突破千亿元");
        assert_eq!(
            (f.0.as_str(), f.1, f.4.as_deref()),
            ("突破千亿元", Some(1e11), Some("突破"))
        );
        assert_eq!(one("总额12,000元").1, Some(12000.0));
        assert_eq!(one("出口貨值為２４，５６８億港元").1, Some(2.4568e12));
        assert_eq!(found("完成12，345个")[0].1, Some(12.0)); // ASCII digits: a clause comma
    }

    #[test]
    fn counts_and_qualifiers() {
        let f = one("组织1700余家企业");
        assert_eq!(
            (f.0.as_str(), f.1, f.2.as_deref(), f.3, f.4.as_deref()),
            (
                "1700余家",
                Some(1700.0),
                Some("家"),
                Kind::Count,
                Some("余")
            )
        );
        assert_eq!(one("外贸企业2.5万家").1, Some(25000.0));
        let f = one("入驻企业过万家");
        assert_eq!(
            (f.0.as_str(), f.1, f.4.as_deref()),
            ("过万家", Some(10000.0), Some("过"))
        );
        assert_eq!(one("230多个国家和地区").0, "230多个");
        let f = one("占比超过50%");
        assert_eq!(
            (f.0.as_str(), f.3, f.4.as_deref()),
            ("超过50%", Kind::Percent, Some("超过"))
        );
        let f = one("全年新增企业1000家以上");
        assert_eq!((f.0.as_str(), f.4.as_deref()), ("1000家以上", Some("以上")));
        assert_eq!(one("三条新通道").1, Some(3.0));
        assert_eq!(one("两个市场").2.as_deref(), Some("个"));
        assert_eq!(one("近3年").4.as_deref(), Some("近"));
    }

    #[test]
    fn percent_points_fraction_rank() {
        let all = found("增速高于全国4.4个、全省2.9个百分点");
        assert_eq!(all.len(), 2);
        assert_eq!(
            (all[0].0.as_str(), all[0].3),
            ("4.4个", Kind::PercentagePoints)
        );
        assert_eq!(all[0].2.as_deref(), Some("百分点"));
        assert_eq!((all[1].0.as_str(), all[1].1), ("2.9个百分点", Some(2.9)));
        assert_eq!(one("出口规模占全省的1/4").1, Some(0.25));
        assert_eq!(one("占三分之一").1, Some(1.0 / 3.0));
        assert_eq!(one("百分之三十").1, Some(30.0));
        let f = one("居副省级城市第五位");
        assert_eq!(
            (f.0.as_str(), f.1, f.2.as_deref(), f.3),
            ("第五位", Some(5.0), Some("位"), Kind::Rank)
        );
        assert_eq!(one("第135届广交会").1, Some(135.0));
        assert_eq!(one("世界500强").3, Kind::Rank);
    }

    #[test]
    fn dates_and_periods() {
        let f = found("今年1-5月");
        assert_eq!(f[0].3, Kind::Period);
        let f = one("5月15日，航线开航");
        assert_eq!((f.0.as_str(), f.3), ("5月15日", Kind::Date));
        let f = one("2023年，青岛");
        assert_eq!((f.1, f.2.as_deref()), (Some(2023.0), Some("年")));
        assert_eq!(one("连续两年").3, Kind::Period);
    }

    proptest::proptest! {
        /// Whatever a sentence holds, scanning it never panics and every figure lies inside it.
        #[test]
        fn scanning_never_panics(text in "[0-9０-９.,，、%％/\\-~第余多约超过突破一二三十百千万亿元家个年月日号成倍 ]{0,24}") {
            static LEX: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
            static SEG: std::sync::OnceLock<crate::text::Segmenter> = std::sync::OnceLock::new();
            let lex = LEX.get_or_init(Lexicon::builtin);
            let view = SentenceView::new(SEG.get_or_init(|| crate::text::Segmenter::new([])), &text);
            for f in scan(lex, &view) {
                proptest::prop_assert!(f.span.start < f.span.end && f.span.end <= view.norm.len());
            }
        }
    }

    #[test]
    fn words_that_are_not_numbers() {
        assert!(found("进一步扩大开放，推动一带一路建设").is_empty());
        assert!(found("千方百计稳存量").is_empty());
        assert!(found("统一大市场，一般意义上").is_empty());
        assert!(found("5G网络").is_empty());
        let lex = Lexicon::builtin();
        let chars: Vec<char> = "第一产业增加值下降3.1%，增长4.9%".chars().collect();
        assert!(is_decrease(&lex, &chars, 9));
        assert!(!is_decrease(&lex, &chars, 17));
        assert!(found("完成进出口多少亿元，几万人").is_empty());
    }

    #[test]
    fn numbers_inside_names_and_articles_are_no_figures() {
        // an ordinal glued to its noun is part of a name; a place in a ranking stays
        assert!(found("首条第五航权货运航线开通").is_empty());
        assert!(found("第三产业增加值").is_empty());
        assert_eq!(found("增速居全省第二位").len(), 1);
        assert_eq!(found("排名第一的城市").len(), 1);
        // a lone 一 before a classifier is an article
        assert!(found("记者写了一篇报道，开行一列班列").is_empty());
        assert_eq!(found("新开三条航线").len(), 1);
        assert_eq!(found("一千七百余家企业").len(), 1);
        // an event's ordinal is an ordinal, but no statistic worth listing or checking
        let lex = Lexicon::builtin();
        let quantity = |f: &Seen| crate::figures::is_quantity(&lex, f.3, f.2.as_deref(), f.1);
        let fair = one("第135届广交会");
        assert_eq!((fair.3, fair.1), (Kind::Rank, Some(135.0)));
        assert!(!quantity(&fair));
        assert!(quantity(&one("居全省第二位")));
    }
}

#[cfg(test)]
mod mechanism_tests {
    //! Numbers as reporters write them: Chinese numerals in amounts and percentages, and
    //! periods written several ways (issue 9).
    use super::tests_support::*;
    use super::*;

    #[test]
    fn chinese_numerals_in_amounts_and_percentages() {
        let f = one("增长了百分之十七点四");
        assert_eq!(
            (f.0.as_str(), f.1, f.3),
            ("百分之十七点四", Some(17.4), Kind::Percent)
        );
        let f = one("组织一千七百余家企业");
        assert_eq!(
            (f.0.as_str(), f.1, f.2.as_deref(), f.4.as_deref()),
            ("一千七百余家", Some(1700.0), Some("家"), Some("余"))
        );
        let f = one("占比三成");
        assert_eq!((f.1, f.3), (Some(30.0), Kind::Percent));
        let f = one("增长超八成");
        assert_eq!(
            (f.0.as_str(), f.1, f.4.as_deref()),
            ("超八成", Some(80.0), Some("超"))
        );
        let f = one("出口是去年的两倍");
        assert_eq!((f.1, f.3), (Some(2.0), Kind::Multiple));
        let f = one("装机规模翻一番");
        assert_eq!(
            (f.0.as_str(), f.1, f.3),
            ("翻一番", Some(2.0), Kind::Multiple)
        );
        assert_eq!(one("收入翻两番").1, Some(4.0));
        assert!(found("共建一带一路").is_empty());
        assert_eq!(one("增长零点五个百分点").1, Some(0.5));
    }

    #[test]
    fn one_period_written_many_ways() {
        for text in [
            "1月至4月，产量增长",
            "1至4月，产量增长",
            "1—4月，产量增长",
            "1~4月，产量增长",
            "一至四月，产量增长",
            "1月到4月，产量增长",
            "一月至四月，产量增长",
        ] {
            let f = &found(text)[0];
            assert_eq!(f.3, Kind::Period, "{text}: {f:?}");
            let span_text: String = f.0.clone();
            assert!(span_text.ends_with('月'), "{text}: {span_text}");
        }
    }
}

#[cfg(test)]
mod tests_support {
    use super::*;
    use crate::text::Segmenter;

    /// A figure as the tests see it: text, value, unit, kind, qualifier.
    pub(super) type Seen = (String, Option<f64>, Option<String>, Kind, Option<String>);

    pub(super) fn found(text: &str) -> Vec<Seen> {
        static SEG: std::sync::OnceLock<Segmenter> = std::sync::OnceLock::new();
        let lex = Lexicon::builtin();
        let seg = SEG.get_or_init(|| Segmenter::new([]));
        let view = SentenceView::new(seg, text);
        let orig = view.orig.clone();
        scan(&lex, &view)
            .into_iter()
            .map(|f| {
                let t: String = orig[f.span.clone()].iter().collect();
                (t, f.value, f.unit, f.kind, f.qualifier.map(|q| q.text))
            })
            .collect()
    }

    pub(super) fn one(text: &str) -> Seen {
        let all = found(text);
        assert_eq!(all.len(), 1, "{text}: {all:?}");
        all.into_iter().next().unwrap()
    }
}
