//! Finding figures in a sentence: a numeral, its magnitude, its unit and its qualifiers.
//!
//! The scanner walks the normalised chars of one sentence. Arabic numerals are always
//! figures; a run of Chinese numerals is one only when it carries a unit (三条, 两个, 第七批)
//! and is not part of a word such as 进一步 or 一带一路 (the lexicon's `not_numbers`, and
//! jieba's idiom tags).
//!
//! [`numbers`] reads the numeral, [`units`] its magnitude and unit, [`dates`] a date or
//! period, [`qualifiers`] a bound or a range; this module walks the sentence and ties them.

mod dates;
mod numbers;
mod qualifiers;
mod shapes;
mod units;

use std::ops::Range;

use super::numerals::is_cn_numeral;
use super::SentenceView;
use super::{Kind, Number};
use crate::knowledge::{match_before, Lexicon};
use crate::text::Word;
use crate::text::WordClass;

/// A figure as found, before it is tied to its sentence and scope.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    /// Chars of the whole figure, qualifiers included.
    pub span: Range<usize>,
    /// What it says.
    pub number: Number,
    /// The multiplier the magnitude chars applied (亿 → 1e8), 1 when none.
    pub magnitude: f64,
}

/// Dashes and tildes between the two ends of a range (the lexicon adds words: 至, 到).
const RANGE_DASHES: &[char] = &['-', '~', '—', '–'];

pub(crate) struct Scanner<'a> {
    lex: &'a Lexicon,
    orig: &'a [char],
    s: &'a [char],
    /// jieba's words of `s`.
    words: &'a [Word],
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
            if matches!(w.class(), WordClass::Idiom | WordClass::Phrase)
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
        words,
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
                if let Some(f) = self.ratio(i).filter(|_| !glued) {
                    i = f.span.end;
                    out.push(f);
                    continue;
                }
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
        shapes::join_ranges(self.lex, self.s, &mut out);
        self.mark_codes(&mut out);
        self.mark_clock_times(&mut out);
        out
    }
}

impl Found {
    /// A figure of `kind` over `span`, with nothing else known yet.
    fn at(span: Range<usize>, kind: Kind) -> Found {
        Found {
            span,
            number: Number::of_kind(kind),
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
        let bare = a.number.unit.is_none()
            || (a.number.unit.as_deref() == Some(&*lex.units.generic_classifier)
                && b.number.kind == Kind::PercentagePoints);
        if bare
            && b.number.unit.is_some()
            && !matches!(b.number.kind, Kind::Date | Kind::Period | Kind::Rank)
        {
            let (unit, kind, mag) = (b.number.unit.clone(), b.number.kind, b.magnitude);
            let a = &mut figs[i];
            a.number.unit = unit;
            a.number.kind = kind;
            if a.magnitude == 1.0 && mag != 1.0 {
                a.number.value = a.number.value.map(|v| v * mag);
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
                (
                    t,
                    f.number.value,
                    f.number.unit,
                    f.number.kind,
                    f.number.qualifier.map(|q| q.text),
                )
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
                (
                    t,
                    f.number.value,
                    f.number.unit,
                    f.number.kind,
                    f.number.qualifier.map(|q| q.text),
                )
            })
            .collect()
    }

    pub(super) fn one(text: &str) -> Seen {
        let all = found(text);
        assert_eq!(all.len(), 1, "{text}: {all:?}");
        all.into_iter().next().unwrap()
    }
}
