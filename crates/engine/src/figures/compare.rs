//! Comparing a claimed figure with an article figure.
//!
//! Each side becomes an interval of values it allows, in base units:
//! - an article's plain number allows what rounds to it (3561.8亿元: 3561.75亿 … 3561.85亿);
//!   a claim's plain number must match exactly (3600亿元 is not 3561.8亿元, 约3600亿元 is);
//! - 余/多 allow the next step up (1700余家: 1700 … 1800), 超过/以上/突破/过 everything above,
//!   不足/以下 everything below, 约/左右 5% either side, 近 up to 5% below;
//! - percent and fractions compare as ratios (1/4 = 25%); percentage points only with
//!   percentage points (a share that rose 2个百分点 did not rise 2%); money only in the same
//!   currency, physical quantities only in the same unit.
//!
//! A claim is supported when its interval fits the article's, contradicted when it cannot.

use super::extract::Found;
use super::{Figure, Kind, Qualifier, Sense};
use crate::knowledge::Lexicon;

/// What a qualifier allows around the written value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bound {
    /// No qualifier: the value as written (rounded, on the article's side).
    Exact,
    /// 余, 多: more, by less than one step of the last digit (1700余家: 1700 … 1800).
    Step,
    /// 超过, 以上: anything above.
    Above,
    /// 不足, 以下: anything below.
    Below,
    /// 近, 接近: a little under.
    Nearly,
    /// 约, 左右: either side.
    About,
}

impl Bound {
    /// The bound a qualifier sets, by the lexicon's lists.
    pub(crate) fn of(q: Option<&Qualifier>, lex: &Lexicon) -> Bound {
        let Some(q) = q else { return Bound::Exact };
        // a combined qualifier (近…余) is read by its last part
        let last = q.text.rsplit('…').next().unwrap_or(&q.text);
        let is = |list: &[String]| list.iter().any(|w| last.ends_with(w.as_str()));
        match q.sense {
            Sense::More if is(&lex.qualifiers.step_more) => Bound::Step,
            Sense::More => Bound::Above,
            Sense::Less => Bound::Below,
            Sense::About if lex.qualifiers.nearly.iter().any(|w| w == last) => Bound::Nearly,
            Sense::About => Bound::About,
        }
    }
}

/// A figure reduced to what comparison needs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Quantity {
    pub value: f64,
    pub high: Option<f64>,
    pub kind: Kind,
    pub unit: Option<String>,
    pub bound: Bound,
    /// The step its last written digit stands for, in base units (3561.8亿 → 1亿 × 0.1).
    pub precision: f64,
    /// A fall (下降3.1%).
    pub decrease: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Supported,
    Contradicted,
    /// The two figures are not the same kind of thing (a count against an amount).
    Incomparable,
}

impl Quantity {
    pub(crate) fn of(f: &Figure, lex: &Lexicon) -> Option<Quantity> {
        let value = f.number.value?;
        Some(Quantity {
            value,
            high: f.number.high,
            kind: f.number.kind,
            unit: compared_unit(f.number.unit.as_deref(), lex),
            bound: Bound::of(f.number.qualifier.as_ref(), lex),
            precision: precision_of(&f.text, value, lex),
            decrease: f.decrease,
        })
    }

    /// A figure as found in a claim (`text` as written).
    pub(crate) fn found(f: &Found, text: &str, lex: &Lexicon) -> Quantity {
        Quantity {
            value: f.number.value.unwrap_or_default(),
            high: f.number.high,
            kind: f.number.kind,
            unit: compared_unit(f.number.unit.as_deref(), lex),
            bound: Bound::of(f.number.qualifier.as_ref(), lex),
            precision: precision_of(text, f.number.value.unwrap_or_default(), lex),
            decrease: false,
        }
    }

    /// The interval of values this figure allows. `rounded`: a plain number stands for
    /// everything that rounds to it (true for the article, whose reporter rounded; a claim
    /// without 约 must match exactly).
    fn interval(&self, ratio: bool, rounded: bool) -> (f64, f64) {
        let scale = if ratio && self.kind == Kind::Percent {
            0.01
        } else {
            1.0
        };
        let v = self.value * scale;
        let step = if rounded { self.precision * scale } else { 0.0 };
        let hi_v = self.high.map(|h| h * scale).unwrap_or(v);
        let tiny = v.abs().max(1.0) * 1e-9;
        match self.bound {
            Bound::Exact => (v - step / 2.0 - tiny, hi_v + step / 2.0 + tiny),
            Bound::Step => (
                v - tiny,
                hi_v + step_up(self.value, self.precision.max(1e-12)) * scale + tiny,
            ),
            Bound::Above => (v - tiny, f64::INFINITY),
            Bound::Below => (f64::NEG_INFINITY, hi_v + tiny),
            Bound::Nearly => (v * ABOUT_LOW - tiny, hi_v + step / 2.0 + tiny),
            Bound::About => (v.min(hi_v) * ABOUT_LOW - tiny, hi_v * ABOUT_HIGH + tiny),
        }
    }
}

/// The precision of a written figure; a fraction (1/4, 三分之一) is exact.
fn precision_of(text: &str, value: f64, lex: &Lexicon) -> f64 {
    if crate::text::normalize(text).contains(&*lex.grammar.fraction) {
        0.0
    } else {
        written_precision(text, value)
    }
}

/// How far 约/左右 reach below and above a value, and 近 below it.
const ABOUT_LOW: f64 = 0.95;
const ABOUT_HIGH: f64 = 1.05;

/// The step 余/多 add: one unit of the last non-zero digit's place (1700 → 100, 230 → 10).
fn step_up(value: f64, precision: f64) -> f64 {
    if precision < 1.0 || value <= 0.0 {
        return precision.max(f64::MIN_POSITIVE);
    }
    let mut step = precision;
    let mut v = (value / precision).round();
    while v >= 10.0 && v % 10.0 == 0.0 {
        v /= 10.0;
        step *= 10.0;
    }
    step
}

/// The place value of the last written digit, in base units: 3561.8亿元 → 1e7, 0.88万亿 →
/// 1e10, 1700 → 1, 1/4 → 0 (exact).
pub(crate) fn written_precision(text: &str, value: f64) -> f64 {
    let digits: String = text
        .chars()
        .map(crate::text::normalize_char)
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .filter(|c| *c != ',')
        .collect();
    if text.contains('/') {
        return 0.0;
    }
    let Ok(written) = digits.parse::<f64>() else {
        return 1.0; // Chinese numerals: whole units
    };
    let decimals = digits.split('.').nth(1).map(|d| d.len()).unwrap_or(0) as i32;
    let multiplier = if written == 0.0 { 1.0 } else { value / written };
    10f64.powi(-decimals) * multiplier
}

/// Compare a claimed quantity with an article quantity.
pub(crate) fn compare(claim: &Quantity, article: &Quantity) -> Outcome {
    use Kind::*;
    let ratio = |k: Kind| matches!(k, Percent | Fraction);
    let comparable = match (claim.kind, article.kind) {
        (a, b) if ratio(a) && ratio(b) => true,
        (PercentagePoints, PercentagePoints) => true,
        // a change in points is not a change in percent, either way round
        (PercentagePoints, Percent) | (Percent, PercentagePoints) => return Outcome::Contradicted,
        (Amount, Amount) => {
            if claim.unit != article.unit {
                return Outcome::Contradicted; // 8760亿美元 is not 8760亿元
            }
            true
        }
        // another measure or another counted thing (三座 against 48间, 4.1天文单位 against a
        // bare 0.28): the same value may agree, another says nothing
        (Quantity, Quantity) | (Count, Count) if claim.unit != article.unit => {
            return agreeing_or_incomparable(claim, article);
        }
        (Number, b) | (b, Number) if b != Number => {
            return agreeing_or_incomparable(claim, article)
        }
        (Quantity, Quantity) | (Count, Count) | (Rank, Rank) | (Multiple, Multiple) => true,
        (Number, Number) => true,
        (Period, Period) => claim.unit == article.unit,
        _ => false,
    };
    if !comparable {
        return Outcome::Incomparable;
    }
    // a fall is not a rise of the same size (增长3.1% vs 下降3.1%)
    if claim.decrease != article.decrease && (claim.value != 0.0 || article.value != 0.0) {
        return Outcome::Contradicted;
    }
    if overlap(claim, article, ratio(claim.kind) && ratio(article.kind)) {
        Outcome::Supported
    } else {
        Outcome::Contradicted
    }
}

/// Do the values the two figures allow (qualifiers and rounding read) overlap?
fn overlap(claim: &Quantity, article: &Quantity, as_ratio: bool) -> bool {
    let (c0, c1) = claim.interval(as_ratio, false);
    let (a0, a1) = article.interval(as_ratio, true);
    c0 <= a1 && a0 <= c1
}

/// The unit as compared: people are counted in 人, 名 and 位 alike (the lexicon's
/// `people`, written as its first).
fn compared_unit(unit: Option<&str>, lex: &Lexicon) -> Option<String> {
    let people = &lex.units.people;
    match unit {
        Some(u) if people.iter().any(|p| p == u) => people.first().cloned(),
        u => u.map(str::to_string),
    }
}

/// Supported when the two values agree, else incomparable: for figures that may measure
/// other things (a bare number against a measure, two different counted things).
fn agreeing_or_incomparable(claim: &Quantity, article: &Quantity) -> Outcome {
    if claim.decrease == article.decrease && overlap(claim, article, false) {
        Outcome::Supported
    } else {
        Outcome::Incomparable
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(
        value: f64,
        kind: Kind,
        unit: Option<&str>,
        qual: Option<(&str, Sense)>,
        text: &str,
    ) -> Quantity {
        let qualifier = qual.map(|(t, s)| Qualifier {
            text: t.into(),
            sense: s,
        });
        Quantity {
            value,
            high: None,
            kind,
            unit: unit.map(str::to_string),
            bound: Bound::of(qualifier.as_ref(), &Lexicon::builtin()),
            precision: precision_of(text, value, &Lexicon::builtin()),
            decrease: false,
        }
    }
    fn yuan(value: f64, text: &str, qual: Option<(&str, Sense)>) -> Quantity {
        q(value, Kind::Amount, Some("元"), qual, text)
    }
    fn pct(value: f64, text: &str) -> Quantity {
        q(value, Kind::Percent, Some("%"), None, text)
    }

    #[test]
    fn units_and_magnitudes() {
        // 1.2万亿元 = 12000亿元 ≠ 12万亿元
        let a = yuan(1.2e12, "1.2万亿元", None);
        assert_eq!(
            compare(&yuan(1.2e12, "12000亿元", None), &a),
            Outcome::Supported
        );
        assert_eq!(
            compare(&yuan(1.2e13, "12万亿元", None), &a),
            Outcome::Contradicted
        );
        // 3.5万人 = 35000人
        let people = q(35_000.0, Kind::Count, Some("人"), None, "3.5万人");
        assert_eq!(
            compare(
                &q(35_000.0, Kind::Count, Some("人"), None, "35000人"),
                &people
            ),
            Outcome::Supported
        );
        assert_eq!(
            compare(
                &q(3_500.0, Kind::Count, Some("人"), None, "3500人"),
                &people
            ),
            Outcome::Contradicted
        );
        // another currency is another figure
        let usd = q(8.76e11, Kind::Amount, Some("美元"), None, "8760亿美元");
        assert_eq!(
            compare(&usd, &yuan(8.76e11, "8760亿元", None)),
            Outcome::Contradicted
        );
    }

    #[test]
    fn percent_points_and_fractions() {
        // a share that rose 2个百分点 did not rise 2%
        let points = q(
            2.0,
            Kind::PercentagePoints,
            Some("百分点"),
            None,
            "2个百分点",
        );
        assert_eq!(compare(&pct(2.0, "2%"), &points), Outcome::Contradicted);
        assert_eq!(compare(&points, &pct(2.0, "2%")), Outcome::Contradicted);
        assert_eq!(
            compare(
                &q(
                    2.0,
                    Kind::PercentagePoints,
                    Some("百分点"),
                    None,
                    "2个百分点"
                ),
                &points
            ),
            Outcome::Supported
        );
        // 1/4 = 25%
        let quarter = q(0.25, Kind::Fraction, None, None, "1/4");
        assert_eq!(compare(&pct(25.0, "25%"), &quarter), Outcome::Supported);
        assert_eq!(compare(&pct(40.0, "40%"), &quarter), Outcome::Contradicted);
        assert_eq!(
            compare(
                &q(0.25, Kind::Fraction, None, None, "四分之一"),
                &pct(25.0, "25%")
            ),
            Outcome::Supported
        );
        assert_eq!(
            compare(&pct(2.9, "2.9%"), &pct(1.9, "1.9%")),
            Outcome::Contradicted
        );
    }

    #[test]
    fn qualifiers() {
        // 1700余家 is supported by "more than 1700" and contradicted by 1500家
        let article = q(
            1700.0,
            Kind::Count,
            Some("家"),
            Some(("余", Sense::More)),
            "1700余家",
        );
        let more = q(
            1700.0,
            Kind::Count,
            Some("家"),
            Some(("超过", Sense::More)),
            "超过1700家",
        );
        assert_eq!(compare(&more, &article), Outcome::Supported);
        assert_eq!(
            compare(
                &q(
                    1700.0,
                    Kind::Count,
                    Some("家"),
                    Some(("多", Sense::More)),
                    "1700多家"
                ),
                &article
            ),
            Outcome::Supported
        );
        assert_eq!(
            compare(
                &q(1500.0, Kind::Count, Some("家"), None, "1500家"),
                &article
            ),
            Outcome::Contradicted
        );
        assert_eq!(
            compare(
                &q(1750.0, Kind::Count, Some("家"), None, "1750家"),
                &article
            ),
            Outcome::Supported
        );
        assert_eq!(
            compare(
                &q(1900.0, Kind::Count, Some("家"), None, "1900家"),
                &article
            ),
            Outcome::Contradicted
        );
        // 以上: anything above
        let above = q(
            50.0,
            Kind::Percent,
            Some("%"),
            Some(("以上", Sense::More)),
            "50%以上",
        );
        assert_eq!(compare(&pct(60.0, "60%"), &above), Outcome::Supported);
        assert_eq!(compare(&pct(40.0, "40%"), &above), Outcome::Contradicted);
    }

    #[test]
    fn rounding_that_the_claim_signals() {
        let article = yuan(3.5618e11, "3561.8亿元", None);
        // 约3600亿元 is supported by 3561.8亿元; 3600亿元 without 约 is not
        assert_eq!(
            compare(
                &yuan(3.6e11, "3600亿元", Some(("约", Sense::About))),
                &article
            ),
            Outcome::Supported
        );
        assert_eq!(
            compare(&yuan(3.6e11, "3600亿元", None), &article),
            Outcome::Contradicted
        );
        assert_eq!(
            compare(
                &yuan(3.6e11, "3600亿元", Some(("左右", Sense::About))),
                &article
            ),
            Outcome::Supported
        );
        assert_eq!(
            compare(
                &yuan(3.6e11, "3600亿元", Some(("近", Sense::About))),
                &article
            ),
            Outcome::Supported
        );
        assert_eq!(
            compare(
                &yuan(3.5e11, "3500亿元", Some(("近", Sense::About))),
                &article
            ),
            Outcome::Contradicted
        );
        // without 约 a claim must match: 0.88万亿元 is 8800亿, not 8760亿
        let y2023 = yuan(8.76e11, "8760亿元", None);
        assert_eq!(
            compare(&yuan(8.8e11, "0.88万亿元", None), &y2023),
            Outcome::Contradicted
        );
        assert_eq!(
            compare(
                &yuan(8.8e11, "0.88万亿元", Some(("约", Sense::About))),
                &y2023
            ),
            Outcome::Supported
        );
        assert_eq!(
            compare(&yuan(8.76e11, "0.876万亿元", None), &y2023),
            Outcome::Supported
        );
        assert_eq!(
            compare(
                &q(30_000.0, Kind::Count, Some("家"), None, "3万家"),
                &q(25_000.0, Kind::Count, Some("家"), None, "2.5万家")
            ),
            Outcome::Contradicted
        );
        // the article's own rounding: 3561.83亿元 is what 3561.8亿元 reports
        assert_eq!(
            compare(&yuan(3.56183e11, "3561.83亿元", None), &article),
            Outcome::Supported
        );
        assert_eq!(
            compare(&yuan(8.76e11, "8760亿元", None), &y2023),
            Outcome::Supported
        );
    }

    #[test]
    fn a_fall_is_not_a_rise() {
        let fall = Quantity {
            decrease: true,
            ..pct(3.1, "3.1%")
        };
        assert_eq!(compare(&pct(3.1, "3.1%"), &fall), Outcome::Contradicted);
        assert_eq!(
            compare(
                &Quantity {
                    decrease: true,
                    ..pct(3.1, "3.1%")
                },
                &fall
            ),
            Outcome::Supported
        );
    }

    #[test]
    fn kinds_that_do_not_compare() {
        assert_eq!(
            compare(
                &q(406.0, Kind::Count, Some("个"), None, "406个"),
                &yuan(4.06e10, "406亿元", None)
            ),
            Outcome::Incomparable
        );
    }

    #[test]
    fn precision_of_written_numbers() {
        assert!((written_precision("3561.8亿元", 3.5618e11) - 1e7).abs() < 1.0);
        assert!((written_precision("0.88万亿元", 8.8e11) - 1e10).abs() < 1.0);
        assert_eq!(written_precision("1700余家", 1700.0), 1.0);
        assert_eq!(written_precision("1/4", 0.25), 0.0);
        assert_eq!(step_up(1700.0, 1.0), 100.0);
        assert_eq!(step_up(230.0, 1.0), 10.0);
    }
}
