//! The shapes numbers take beyond one numeral and its unit: a large number written in
//! parts (13万5978, 2亿3千4百万), a range whose ends both carry the unit (9800日元到14800日元,
//! 20万至30万粒), a score or a proportion (2–1, 30比0, 3.5:41.2:55.3), and digits that are
//! part of a name or a code (沃夫424, 苏-27, 201号班机), which are no quantity at all.

use super::{Found, Scanner, RANGE_DASHES};
use crate::figures::numerals::{cn_digit, magnitude, mixed_value, MixedPart};
use crate::figures::{Kind, Number};
use crate::knowledge::{match_at, Lexicon};
use crate::text::WordClass;

/// Marks between the parts of a proportion or a score (full-width ones are normalised to
/// these); 比 comes from the lexicon.
const RATIO_MARKS: &[char] = &[':'];

impl Scanner<'_> {
    /// A numeral in digit groups and magnitudes from `start` (13万5978, 4万3千, 2亿3千4百万):
    /// its end and value. `None` unless a digit group follows a magnitude.
    pub(super) fn compound(&self, start: usize) -> Option<(usize, f64)> {
        let s = self.s;
        let mut parts = Vec::new();
        let mut j = start;
        let mut after_magnitude_digits = false;
        loop {
            if j < s.len() && s[j].is_ascii_digit() {
                let (end, v) = self.read_arabic(j)?;
                after_magnitude_digits |= !parts.is_empty();
                parts.push(MixedPart::Number(v));
                j = end;
            } else if j < s.len() && cn_digit(s[j]).is_some() && !parts.is_empty() {
                after_magnitude_digits = true;
                parts.push(MixedPart::Number(cn_digit(s[j])? as f64));
                j += 1;
            } else {
                break;
            }
            let mut any = false;
            while j < s.len() && !self.unit_starts_with_magnitude(j) {
                let Some(m) = magnitude(s[j]).filter(|&m| m != 1e12) else {
                    break;
                };
                parts.push(MixedPart::Magnitude(m));
                j += 1;
                any = true;
            }
            if !any {
                break;
            }
        }
        // a digit group after a magnitude, or it is one number and its magnitude (8760亿)
        if !after_magnitude_digits {
            return None;
        }
        mixed_value(&parts).map(|v| (j, v))
    }

    /// A score or a proportion at `start`: digit groups joined by `:` or 比 (3.5:41.2:55.3,
    /// 30比0), or two joined by a dash where the second is not larger (2–1: a range runs
    /// upwards).
    pub(super) fn ratio(&self, start: usize) -> Option<Found> {
        let s = self.s;
        let (mut j, first) = self.read_arabic(start)?;
        let mut parts = 1;
        let mut last = first;
        loop {
            let joined = if j < s.len() && RATIO_MARKS.contains(&s[j]) {
                Some(j + 1)
            } else {
                match_at(&self.lex.grammar.ratio, s, j).map(|w| j + w.chars().count())
            };
            let dash = j < s.len() && RANGE_DASHES.contains(&s[j]) && parts == 1;
            let Some(next) = joined.or(dash.then_some(j + 1)) else {
                break;
            };
            if next >= s.len() || !s[next].is_ascii_digit() {
                break;
            }
            let (end, v) = self.read_arabic(next)?;
            if joined.is_none() && v > last {
                return None; // a dash upwards is a range (1-5月, 3-5亿元)
            }
            (j, last, parts) = (end, v, parts + 1);
        }
        let followed_by_unit = self.lex.unit_word_at(s, j).is_some()
            || j < s.len() && (s[j] == '%' || s[j].is_ascii_alphabetic());
        (parts >= 2 && !followed_by_unit).then(|| Found::at(start..j, Kind::Ratio))
    }
}

/// Join two figures that are the ends of one range written with the unit on both sides
/// (9800日元到14800日元, 60分钟到90分钟) or the magnitude on both (20万至30万粒): one figure
/// from the first's start to the second's end, valued from the low end, `high` the other.
pub(super) fn join_ranges(lex: &Lexicon, s: &[char], figs: &mut Vec<Found>) {
    let mut i = 0;
    while i + 1 < figs.len() {
        let (a, b) = (&figs[i], &figs[i + 1]);
        if let Some(joined) = range_of(lex, s, a, b) {
            figs[i] = joined;
            figs.remove(i + 1);
        }
        i += 1;
    }
}

fn range_of(lex: &Lexicon, s: &[char], a: &Found, b: &Found) -> Option<Found> {
    let between: String = s[a.span.end..b.span.start]
        .iter()
        .filter(|c| **c != ' ')
        .collect();
    let sep = between.chars().count() == 1 && between.chars().all(|c| RANGE_DASHES.contains(&c))
        || lex.grammar.range.contains(&between);
    let (x, y) = (&a.number, &b.number);
    let same_unit = x.unit.is_none() && x.kind == Kind::Number || x.unit == y.unit;
    let measured = matches!(
        y.kind,
        Kind::Amount | Kind::Count | Kind::Quantity | Kind::Period | Kind::Percent
    );
    let (lo, hi) = (x.value?, y.value?);
    let open = x.high.is_none() && y.high.is_none() && y.qualifier.is_none();
    if !(sep && same_unit && measured && open && lo < hi) {
        return None;
    }
    Some(Found {
        span: a.span.start..b.span.end,
        number: Number {
            value: Some(lo),
            high: Some(hi),
            ..y.clone()
        }
        .with_qualifier(x.qualifier.clone()),
        magnitude: b.magnitude,
    })
}

impl Scanner<'_> {
    /// Bare numbers that are part of a name or a code become [`Kind::Code`]: glued to Latin
    /// letters or joined by a hyphen (苏-27, F-16, 747-4B5), glued to the end of a name
    /// (沃夫424, 波音747), or naming a numbered thing (201号班机, 3号线).
    pub(super) fn mark_codes(&self, figs: &mut [Found]) {
        for f in figs.iter_mut() {
            if f.number.kind == Kind::Number && f.number.qualifier.is_none() && self.is_code(f) {
                f.number = Number::of_kind(Kind::Code);
            }
        }
    }

    /// A time of day is when, not how many: the hour and the minutes of 16时50分 become
    /// [`Kind::Date`] (no date value: it names no day).
    pub(super) fn mark_clock_times(&self, figs: &mut [Found]) {
        let g = &self.lex.grammar;
        let s = self.s;
        let mut minutes_at = Vec::new();
        for f in figs.iter_mut() {
            let Some(hour) = match_at(&g.clock_hour, s, f.span.end) else {
                continue;
            };
            let from = f.span.end + hour.chars().count();
            let Some((end, minute)) = self.read_arabic(from) else {
                continue;
            };
            let whole = |v: f64, max: f64| v.fract() == 0.0 && (0.0..=max).contains(&v);
            let hour_value = f.number.value.unwrap_or(-1.0);
            if whole(hour_value, 24.0)
                && whole(minute, 59.0)
                && match_at(&g.clock_minute, s, end).is_some()
            {
                f.number = Number::of_kind(Kind::Date);
                minutes_at.push(from);
            }
        }
        for f in figs
            .iter_mut()
            .filter(|f| minutes_at.contains(&f.span.start))
        {
            f.number = Number::of_kind(Kind::Date);
        }
    }

    fn is_code(&self, f: &Found) -> bool {
        let s = self.s;
        let (start, end) = (f.span.start, f.span.end);
        let before = start.checked_sub(1).map(|k| s[k]);
        let after = s.get(end).copied();
        let hyphen_before = before == Some('-')
            && start >= 2
            && (s[start - 2].is_alphanumeric() || crate::text::is_han(s[start - 2]));
        let hyphen_after =
            after == Some('-') && s.get(end + 1).is_some_and(|c| c.is_alphanumeric());
        let latin = before.is_some_and(|c| c.is_ascii_alphabetic())
            || after.is_some_and(|c| c.is_ascii_alphabetic());
        let numbered = match_at(&self.lex.grammar.numbered, s, end).is_some_and(|w| {
            s.get(end + w.chars().count())
                .is_some_and(|&c| crate::text::is_han(c))
        });
        latin
            || hyphen_before
            || hyphen_after
            || numbered
            || self.glued_to_a_name(start)
            || self.designates_a_noun(start, end)
    }

    /// A whole number of three digits or more glued to the noun after it, with no unit, no
    /// classifier and no magnitude between (747客机, 911事件): a model or a name, not a
    /// count; counts of that size take a classifier (379名乘客).
    fn designates_a_noun(&self, start: usize, end: usize) -> bool {
        let digits = &self.s[start..end];
        digits.len() >= 3
            && digits.iter().all(char::is_ascii_digit)
            && self
                .words
                .iter()
                .any(|w| w.start == end && matches!(w.class(), WordClass::Noun))
    }

    /// Does the word right before `start` (no space between) name something: a noun, a
    /// name, Latin letters or a word jieba does not know?
    fn glued_to_a_name(&self, start: usize) -> bool {
        self.words.iter().any(|w| {
            w.end == start
                && w.start < start
                && matches!(
                    w.class(),
                    WordClass::Noun
                        | WordClass::Person
                        | WordClass::Place
                        | WordClass::Latin
                        | WordClass::Unknown
                )
                && w.text
                    .chars()
                    .all(|c| crate::text::is_han(c) || c.is_ascii_alphabetic())
        })
    }
}

impl Number {
    /// The same number with `qualifier` when it has none of its own.
    fn with_qualifier(mut self, qualifier: Option<crate::figures::Qualifier>) -> Number {
        if self.qualifier.is_none() {
            self.qualifier = qualifier;
        }
        self
    }
}

#[cfg(test)]
mod tests {
    //! Numbers as text nobody here wrote has them: encyclopedias, features, Traditional
    //! Chinese (issue 16).
    use super::super::tests_support::{found, one};
    use crate::figures::Kind;

    /// (text, value, unit, kind) of the one figure of `text`.
    fn read(text: &str) -> (String, Option<f64>, Option<String>, Kind) {
        let f = one(text);
        (f.0, f.1, f.2, f.3)
    }

    fn q(
        text: &str,
        value: f64,
        unit: &str,
        kind: Kind,
    ) -> (String, Option<f64>, Option<String>, Kind) {
        (text.to_string(), Some(value), Some(unit.to_string()), kind)
    }

    #[test]
    fn units_of_any_dimension_and_numerals_of_any_script() {
        assert_eq!(
            read("体长可达76公分。"),
            q("76公分", 76.0, "公分", Kind::Quantity)
        );
        assert_eq!(
            read("他享年八十六岁。"),
            q("八十六岁", 86.0, "岁", Kind::Quantity)
        );
        assert_eq!(
            read("她享年八十六歲。"),
            q("八十六歲", 86.0, "岁", Kind::Quantity)
        );
        assert_eq!(
            read("距离约一億光年"),
            q("约一億光年", 1e8, "光年", Kind::Quantity)
        );
        assert_eq!(read("实验室 15 个"), q("15 个", 15.0, "个", Kind::Count));
        assert_eq!(
            read("年满45周歲者"),
            q("45周歲", 45.0, "周岁", Kind::Quantity)
        );
        assert_eq!(
            read("面积46,600m²"),
            q("46,600m²", 46600.0, "m²", Kind::Quantity)
        );
        assert_eq!(read("增长8.0％"), q("8.0％", 8.0, "%", Kind::Percent));
        assert_eq!(read("任期两年"), q("两年", 2.0, "年", Kind::Period));
        assert_eq!(read("距太阳440多光年").0, "440多光年");
    }

    #[test]
    fn numbers_written_in_parts_are_one_number() {
        assert_eq!(
            read("耗资2億3千4百萬美元"),
            q("2億3千4百萬美元", 234_000_000.0, "美元", Kind::Amount)
        );
        assert_eq!(
            read("全长13万5978公里"),
            q("13万5978公里", 135_978.0, "公里", Kind::Quantity)
        );
        assert_eq!(
            read("共有4萬3千人"),
            q("4萬3千人", 43_000.0, "人", Kind::Count)
        );
        // a magnitude that ends the number is the figure's own
        assert_eq!(
            read("进出口8760亿元"),
            q("8760亿元", 876_000_000_000.0, "元", Kind::Amount)
        );
    }

    #[test]
    fn ranges_keep_both_ends() {
        let range = |text: &str| {
            let all = found(text);
            assert_eq!(all.len(), 1, "{text}: {all:?}");
            all.into_iter().next().unwrap()
        };
        for (text, shown, lo, unit, kind) in [
            (
                "栖息于水深10至40公尺处",
                "10至40公尺",
                10.0,
                "公尺",
                Kind::Quantity,
            ),
            (
                "每集60分鐘到90分鐘",
                "60分鐘到90分鐘",
                60.0,
                "分钟",
                Kind::Period,
            ),
            ("可加速至4∼6節", "4∼6節", 4.0, "节", Kind::Quantity),
            (
                "售价9800日元到14800日元",
                "9800日元到14800日元",
                9800.0,
                "日元",
                Kind::Amount,
            ),
            (
                "产卵约20万至30万粒",
                "约20万至30万粒",
                200_000.0,
                "粒",
                Kind::Count,
            ),
            ("共赛一至五盘", "一至五盘", 1.0, "盘", Kind::Count),
        ] {
            let f = range(text);
            assert_eq!(
                (f.0.as_str(), f.1, f.2.as_deref(), f.3),
                (shown, Some(lo), Some(unit), kind),
                "{text}"
            );
        }
    }

    #[test]
    fn scores_proportions_and_codes_are_no_quantities() {
        let kinds = |text: &str| -> Vec<(String, Kind)> {
            found(text).into_iter().map(|f| (f.0, f.3)).collect()
        };
        assert_eq!(kinds("以2–1获胜"), [("2–1".to_string(), Kind::Ratio)]);
        assert_eq!(kinds("以30比0大胜"), [("30比0".to_string(), Kind::Ratio)]);
        assert_eq!(
            kinds("产业结构之比为3.5∶41.2∶55.3"),
            [("3.5∶41.2∶55.3".to_string(), Kind::Ratio)]
        );
        assert_eq!(
            kinds("战绩47勝35負"),
            [
                ("47勝".to_string(), Kind::Count),
                ("35負".to_string(), Kind::Count)
            ]
        );
        assert_eq!(kinds("沃夫424距离太阳"), [("424".to_string(), Kind::Code)]);
        assert_eq!(kinds("装备苏-27战机"), [("27".to_string(), Kind::Code)]);
        assert_eq!(kinds("乘坐201号班机"), [("201".to_string(), Kind::Code)]);
        assert_eq!(
            kinds("肇事的747客机投入服务"),
            [("747".to_string(), Kind::Code)]
        );
        // a time of day is no count: 16 of 16时50分, nor its minutes
        assert!(kinds("客机于16时50分起飞")
            .iter()
            .all(|(_, k)| *k == Kind::Date));
        assert_ne!(kinds("比赛持续了3小时")[0].1, Kind::Date);
        // a count keeps its classifier; a large count its magnitude
        assert_eq!(kinds("机上379名乘客"), [("379名".to_string(), Kind::Count)]);
        assert_eq!(kinds("约有1.25亿视杆细胞")[0].1, Kind::Number);
        assert!(kinds("行星HAT-P-2b和5G工厂").is_empty());
        // a range upwards stays a range
        assert_eq!(kinds("1-5月出口增长3%").len(), 2);
    }

    #[test]
    fn dates_written_with_spaces() {
        let f = one("於 2007 年 5 月 25 日開幕");
        assert_eq!((f.0.as_str(), f.3), ("2007 年 5 月 25 日", Kind::Date));
    }
}
