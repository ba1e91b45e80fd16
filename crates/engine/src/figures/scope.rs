//! Time scopes: the period a figure holds for.
//!
//! News text states time once and lets it carry: "今年1-5月，全市完成进出口3561.8亿元…。
//! 其中，…" — the second sentence is still about January to May. A scope is found in the
//! sentence (the nearest time expression before the figure) or carried from the previous
//! sentences of the paragraph. Relative words (今年, 去年, 今年以来, 目前) are resolved
//! against the article's reference year, so answers can name the absolute period.

use serde::{Deserialize, Serialize};
use std::ops::Range;

use super::extract::Found;
use super::Kind;
use crate::figures::SentenceView;
use crate::knowledge::{match_at, starts_with_at, Lexicon};

/// The reference year of an article that names no year: its 今年 is unknown, and years
/// resolved against it are shown as written, never as the current year.
pub(crate) const UNKNOWN_YEAR: i32 = 0;

/// What kind of period a scope is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScopeKind {
    /// A calendar year or a span of months or a day.
    Calendar,
    /// Since the start of the reference year (今年以来).
    YearToDate,
    /// At the time of writing (目前).
    Now,
    /// All time up to now (累计).
    Cumulative,
}

/// A resolved time scope: months `start ..= end` as (year, month).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    /// As written: 今年1-5月.
    pub label: String,
    /// Calendar span, year to date, now or cumulative.
    pub kind: ScopeKind,
    /// First month, as (year, month).
    pub start: (i32, u32),
    /// Last month, as (year, month).
    pub end: (i32, u32),
}

impl Scope {
    /// The whole calendar year `y`, labelled as written.
    pub(crate) fn year(label: &str, y: i32) -> Scope {
        Scope {
            label: label.into(),
            kind: ScopeKind::Calendar,
            start: (y, 1),
            end: (y, 12),
        }
    }

    fn relative(label: &str, kind: ScopeKind, y: i32) -> Scope {
        let start = if kind == ScopeKind::Cumulative {
            (0, 1)
        } else {
            (y, 1)
        };
        Scope {
            label: label.into(),
            kind,
            start,
            end: (y, 12),
        }
    }

    /// Human-readable, absolute: `2024-01..2024-05 (今年1-5月)`; as written (今年1-5月)
    /// when the article's year is unknown.
    pub fn describe(&self) -> String {
        if self.end.0 == UNKNOWN_YEAR && !self.label.is_empty() {
            return self.label.clone();
        }
        let period = match self.kind {
            ScopeKind::Calendar
                if self.start == (self.end.0, 1)
                    && self.end.1 == 12
                    && self.start.0 == self.end.0 =>
            {
                format!("{}", self.start.0)
            }
            ScopeKind::Calendar if self.start == self.end => {
                format!("{}-{:02}", self.start.0, self.start.1)
            }
            ScopeKind::Calendar => format!(
                "{}-{:02}..{}-{:02}",
                self.start.0, self.start.1, self.end.0, self.end.1
            ),
            ScopeKind::YearToDate => format!("{}-01..now", self.end.0),
            ScopeKind::Now => format!("now ({})", self.end.0),
            ScopeKind::Cumulative => format!("cumulative to {}", self.end.0),
        };
        if self.label.is_empty() {
            period
        } else {
            format!("{period} ({})", self.label)
        }
    }

    fn months(&self) -> (i64, i64) {
        let m = |(y, mo): (i32, u32)| y as i64 * 12 + mo as i64 - 1;
        (m(self.start), m(self.end))
    }

    /// How well a figure's scope (`self`) fits the scope a question asks for: 1 for the
    /// same period; less for the year so far when a whole year is asked (1-5月 for 今年),
    /// and for another time of that year (春节 for 今年春节); 0 for any other period — a part of the asked period (一季度 for 1-11月) or a period
    /// around it (1-11月 for 三季度) is another figure. `reference_year` is the article's
    /// 今年.
    pub fn fit(&self, asked: &Scope, reference_year: i32) -> f32 {
        match self.kind {
            ScopeKind::YearToDate | ScopeKind::Now | ScopeKind::Cumulative => {
                // "as of now" facts answer questions about the reference year only
                let covers = asked.start.0 <= reference_year && asked.end.0 >= reference_year;
                if !covers {
                    return 0.0;
                }
                if asked.kind == self.kind {
                    return 1.0;
                }
                return if asked.kind == ScopeKind::Calendar
                    && asked.start.1 == 1
                    && asked.end.1 == 12
                {
                    0.7
                } else {
                    0.5
                };
            }
            ScopeKind::Calendar => {}
        }
        let (a0, a1) = asked.months();
        let (f0, f1) = self.months();
        if asked.kind != ScopeKind::Calendar {
            // asked 今年以来 / 目前: any period of the reference year
            return if f1 / 12 == reference_year as i64 {
                0.8
            } else {
                0.0
            };
        }
        let whole_year = asked.start.1 == 1 && asked.end.1 == 12 && asked.start.0 == asked.end.0;
        if a0 == f0 && a1 == f1 {
            1.0
        } else if whole_year && f0 == a0 && f1 <= a1 {
            0.75 // the year so far: a year asked, Jan-May given
        } else if whole_year && f0 >= a0 && f1 <= a1 {
            0.6 // a time of the asked year: 今年春节 asks for the festival of that year
        } else {
            0.0
        }
    }
}

/// A time expression found in a sentence.
#[derive(Debug, Clone)]
pub(crate) struct TimeMark {
    pub span: Range<usize>,
    pub scope: Scope,
}

/// What a relative time word says, before it is resolved against a reference year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RelativeTime {
    /// 今年以来.
    YearToDate,
    /// 今年.
    ThisYear,
    /// 去年.
    LastYear,
    /// 前年.
    YearBefore,
    /// 明年.
    NextYear,
    /// 目前.
    Now,
    /// 累计.
    Cumulative,
}

impl RelativeTime {
    fn resolve(self, label: &str, y: i32) -> Scope {
        match self {
            RelativeTime::YearToDate => Scope::relative(label, ScopeKind::YearToDate, y),
            RelativeTime::ThisYear => Scope::year(label, y),
            RelativeTime::LastYear => Scope::year(label, y - 1),
            RelativeTime::YearBefore => Scope::year(label, y - 2),
            RelativeTime::NextYear => Scope::year(label, y + 1),
            RelativeTime::Now => Scope::relative(label, ScopeKind::Now, y),
            RelativeTime::Cumulative => Scope::relative(label, ScopeKind::Cumulative, y),
        }
    }
}

/// Find the time expressions of a sentence. `figures` are its figures (dates and periods
/// among them are time expressions too); labels keep the sentence's written form.
pub(crate) fn time_marks(
    lex: &Lexicon,
    view: &SentenceView,
    figures: &[Found],
    reference_year: i32,
) -> Vec<TimeMark> {
    let s = &view.norm;
    let masked = comparison_bases(lex, s, figures);
    let mut marks = relative_marks(lex, view, &masked, reference_year);
    span_marks(lex, view, &masked, figures, reference_year, &mut marks);
    date_marks(view, &masked, figures, reference_year, &mut marks);
    marks.sort_by_key(|m| m.span.start);
    marks
}

/// Chars inside a comparison base: they set no scope. The listed bases (较去年同期), and a
/// time right after a comparison marker (比2023年末, 较2019年同期).
fn comparison_bases(lex: &Lexicon, s: &[char], figures: &[Found]) -> Vec<bool> {
    let n = s.len();
    let mut masked = vec![false; n];
    let mut mask = |r: Range<usize>| {
        masked[r.start..r.end.min(n)]
            .iter_mut()
            .for_each(|m| *m = true)
    };
    let t = &lex.time;
    for at in 0..n {
        if let Some(w) = match_at(&t.comparison, s, at) {
            mask(at..at + w.chars().count());
        }
        let Some(marker) = match_at(&t.comparison_markers, s, at) else {
            continue;
        };
        let after = at + marker.chars().count();
        let time_end = figures
            .iter()
            .find(|f| f.span.start == after && matches!(f.number.kind, Kind::Date | Kind::Period))
            .map(|f| f.span.end)
            .or_else(|| relative_word_at(lex, s, after).map(|w| after + w.chars().count()));
        if let Some(end) = time_end {
            let suffix = match_at(&t.comparison_suffixes, s, end).map_or(0, |w| w.chars().count());
            mask(at..end + suffix);
        }
    }
    masked
}

/// A relative time word (今年, 去年, 年初 …) starting at `at`.
fn relative_word_at<'a>(lex: &'a Lexicon, s: &[char], at: usize) -> Option<&'a str> {
    let t = &lex.time;
    [
        &t.this_year,
        &t.last_year,
        &t.year_before,
        &t.next_year,
        &t.ytd,
        &t.now,
    ]
    .into_iter()
    .find_map(|list| match_at(list, s, at))
}

/// Relative time words (今年, 去年, 今年以来, 目前 …), the longest across all lists first.
fn relative_marks(
    lex: &Lexicon,
    view: &SentenceView,
    masked: &[bool],
    reference_year: i32,
) -> Vec<TimeMark> {
    let s = &view.norm;
    let t = &lex.time;
    let lists: [(&[String], RelativeTime); 7] = [
        (&t.ytd, RelativeTime::YearToDate),
        (&t.this_year, RelativeTime::ThisYear),
        (&t.last_year, RelativeTime::LastYear),
        (&t.year_before, RelativeTime::YearBefore),
        (&t.next_year, RelativeTime::NextYear),
        (&t.now, RelativeTime::Now),
        (&t.cumulative, RelativeTime::Cumulative),
    ];
    let mut marks = Vec::new();
    let mut at = 0;
    while at < s.len() {
        if masked[at] {
            at += 1;
            continue;
        }
        let best = lists
            .iter()
            .filter_map(|(list, what)| match_at(list, s, at).map(|w| (w.chars().count(), *what)))
            .max_by_key(|(len, _)| *len);
        let Some((len, what)) = best else {
            at += 1;
            continue;
        };
        let label = view.original(at..at + len);
        marks.push(TimeMark {
            span: at..at + len,
            scope: what.resolve(&label, reference_year),
        });
        at += len;
    }
    marks
}

/// Parts of a year (上半年, 一季度, 全年) and the first N months (前5个月), in the year a
/// year word or figure right before gives (去年上半年, 2023年一季度), else the reference year.
fn span_marks(
    lex: &Lexicon,
    view: &SentenceView,
    masked: &[bool],
    figures: &[Found],
    reference_year: i32,
    marks: &mut Vec<TimeMark>,
) {
    let s = &view.norm;
    let mut at = 0;
    while at < s.len() {
        if masked[at] || marks.iter().any(|m| m.span.contains(&at)) {
            at += 1;
            continue;
        }
        let span = lex
            .time
            .spans
            .iter()
            .find(|(w, _)| starts_with_at(s, at, w))
            .map(|(w, m)| (w.chars().count(), *m))
            .or_else(|| first_months(lex, s, at));
        let Some((len, (m0, m1))) = span else {
            at += 1;
            continue;
        };
        let before = marks.iter().position(|m| {
            m.span.end == at
                && m.scope.kind == ScopeKind::Calendar
                && m.scope.start.1 == 1
                && m.scope.end.1 == 12
        });
        let year_fig = year_figure_before(figures, at);
        let year = before
            .map(|i| marks[i].scope.start.0)
            .or(year_fig.map(|(y, _)| y))
            .unwrap_or(reference_year);
        let start = before
            .map(|i| marks[i].span.start)
            .or(year_fig.map(|(_, s)| s))
            .unwrap_or(at);
        if let Some(i) = before {
            marks.remove(i);
        }
        marks.push(TimeMark {
            span: start..at + len,
            scope: Scope {
                label: view.original(start..at + len),
                kind: ScopeKind::Calendar,
                start: (year, m0),
                end: (year, m1),
            },
        });
        at += len;
    }
}

/// Dates and periods among the figures (2023年, 1-5月), those inside a mark aside; a relative
/// year word right before gives the year (今年1-5月, 去年12月).
fn date_marks(
    view: &SentenceView,
    masked: &[bool],
    figures: &[Found],
    reference_year: i32,
    marks: &mut Vec<TimeMark>,
) {
    for f in figures {
        let inside = marks
            .iter()
            .any(|m| m.span.start <= f.span.start && m.span.end >= f.span.end);
        let dated = matches!(f.number.kind, Kind::Date | Kind::Period)
            && !masked.get(f.span.start).copied().unwrap_or(false);
        let Some(d) = f.number.date.filter(|_| dated && !inside) else {
            continue;
        };
        if d.month.is_none() && d.year.is_none() {
            continue; // a bare day (15日) or a duration (两年)
        }
        let before = marks
            .iter()
            .position(|m| m.span.end == f.span.start && m.scope.kind == ScopeKind::Calendar);
        let year = d
            .year
            .or_else(|| before.map(|i| marks[i].scope.start.0))
            .unwrap_or(reference_year);
        let (m0, m1) = match (d.month, d.end_month) {
            (Some(a), Some(b)) => (a, b),
            (Some(a), None) => (a, a),
            _ => (1, 12),
        };
        let start = before.map(|i| marks[i].span.start).unwrap_or(f.span.start);
        let scope = Scope {
            label: view.original(start..f.span.end),
            kind: ScopeKind::Calendar,
            start: (year, m0),
            end: (d.end_year.unwrap_or(year), m1),
        };
        if let Some(i) = before {
            marks.remove(i);
        }
        marks.push(TimeMark {
            span: start..f.span.end,
            scope,
        });
    }
}

/// 前5个月 / 前五个月 / 前5月 at `at`: (chars, (1, N)).
fn first_months(lex: &Lexicon, s: &[char], at: usize) -> Option<(usize, (u32, u32))> {
    let g = &lex.grammar;
    if !starts_with_at(s, at, &g.first_months) {
        return None;
    }
    let mut j = at + g.first_months.chars().count();
    let mut n: u32 = 0;
    if j < s.len() && s[j].is_ascii_digit() {
        while j < s.len() && s[j].is_ascii_digit() {
            n = n.checked_mul(10)?.checked_add(s[j].to_digit(10)?)?;
            j += 1;
        }
    } else {
        let mut run = String::new();
        while j < s.len() && super::numerals::is_cn_numeral(s[j]) {
            run.push(s[j]);
            j += 1;
        }
        n = super::numerals::parse_chinese(&run)? as u32;
    }
    let unit = match_at(&g.month_units, s, j)?;
    (1..=12)
        .contains(&n)
        .then(|| (j + unit.chars().count() - at, (1, n)))
}

/// The year figure right before `at`, or ending in the span word's first char (2023年末:
/// 年末 starts at the 年 of 2023年).
fn year_figure_before(figures: &[Found], at: usize) -> Option<(i32, usize)> {
    let f = figures
        .iter()
        .find(|f| (f.span.end == at || f.span.end == at + 1) && f.number.kind == Kind::Date)?;
    let d = f.number.date.filter(|d| d.month.is_none())?;
    Some((d.year?, f.span.start))
}

/// The scope for a figure at `at`: the last time mark before it in the sentence, else the
/// scope `carried` from earlier sentences of the paragraph.
pub(crate) fn scope_at(marks: &[TimeMark], at: usize, carried: Option<&Scope>) -> Option<Scope> {
    marks
        .iter()
        .rev()
        .find(|m| m.span.end <= at)
        .map(|m| m.scope.clone())
        .or_else(|| carried.cloned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::extract::scan;
    use crate::text::Segmenter;

    fn marks(text: &str) -> Vec<Scope> {
        let lex = Lexicon::builtin();
        let seg = Segmenter::new([]);
        let view = SentenceView::new(&seg, text);
        let figs = scan(&lex, &view);
        time_marks(&lex, &view, &figs, 2024)
            .into_iter()
            .map(|m| m.scope)
            .collect()
    }

    #[test]
    fn a_time_after_a_comparison_marker_is_a_base() {
        // 比2023年末 and 较2019年同期 compare; the sentence is about now
        let m = marks("截至11月底，占比比2023年末提高4.2个百分点");
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].end, (2024, 11));
        assert!(marks("较2019年同期增长15.3%").is_empty());
        assert!(marks("比去年提高2个百分点").is_empty());
        // a time with no marker before it is the period
        assert!(
            marks("2023年末达到5%").iter().all(|m| m.start.0 == 2023),
            "{:?}",
            marks("2023年末达到5%")
        );
        assert_eq!(marks("2023年末达到5%").len(), 1);
    }

    #[test]
    fn resolves_relative_time() {
        let m = marks("今年1-5月，全市完成进出口3561.8亿元");
        assert_eq!(m.len(), 1);
        assert_eq!((m[0].start, m[0].end), ((2024, 1), (2024, 5)));
        assert_eq!(m[0].describe(), "2024-01..2024-05 (今年1-5月)");
        let m = marks("2023年，青岛市完成进出口8760亿元");
        assert_eq!(m[0].describe(), "2023 (2023年)");
        assert_eq!(
            marks("今年以来，青岛市组织企业")[0].kind,
            ScopeKind::YearToDate
        );
        assert_eq!(marks("去年，青岛")[0].start, (2023, 1));
        assert_eq!(marks("目前，我市有企业")[0].kind, ScopeKind::Now);
        assert!(marks("较去年同期提高18个百分点").is_empty());
        assert_eq!(
            marks("今年前五个月，全市")[0].describe(),
            "2024-01..2024-05 (今年前五个月)"
        );
        assert_eq!(marks("前5个月")[0].end, (2024, 5));
        let m = marks("去年上半年，出口");
        assert_eq!((m.len(), m[0].start, m[0].end), (1, (2023, 1), (2023, 6)));
        let m = marks("2023年一季度");
        assert_eq!((m[0].start, m[0].end), ((2023, 1), (2023, 3)));
    }

    #[test]
    fn fit_between_scopes() {
        let jan_may = Scope {
            label: String::new(),
            kind: ScopeKind::Calendar,
            start: (2024, 1),
            end: (2024, 5),
        };
        let y2023 = Scope::year("", 2023);
        let y2024 = Scope::year("", 2024);
        assert_eq!(jan_may.fit(&jan_may, 2024), 1.0);
        assert_eq!(jan_may.fit(&y2023, 2024), 0.0);
        assert!(jan_may.fit(&y2024, 2024) > 0.5);
        // a part of the asked period, or a period around it, is another figure
        let q = |start: u32, end: u32| Scope {
            label: String::new(),
            kind: ScopeKind::Calendar,
            start: (2024, start),
            end: (2024, end),
        };
        assert_eq!(q(1, 3).fit(&q(1, 11), 2024), 0.0);
        assert_eq!(q(1, 11).fit(&q(7, 9), 2024), 0.0);
        assert_eq!(y2024.fit(&q(1, 3), 2024), 0.0);
        assert_eq!(q(4, 6).fit(&y2024, 2024), 0.6);
        assert_eq!(q(4, 6).fit(&q(1, 11), 2024), 0.0);
        let now = Scope::relative("目前", ScopeKind::Now, 2024);
        assert_eq!(now.fit(&Scope::year("", 2021), 2024), 0.0);
        assert!(now.fit(&y2024, 2024) > 0.0);
    }
}
