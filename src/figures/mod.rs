//! Figures: every number of an article, with what it is (value, unit, kind, qualifier), when
//! it holds (time scope) and what it measures.
//!
//! Stages, one module each: [`numerals`] parses a numeral; [`extract`] finds numbers, units
//! and qualifiers in a sentence; [`scope`] gives each figure its time; [`context`] ties each
//! figure to the words that say what it measures (resolving 分别 lists and enumerations).

pub mod context;
pub mod extract;
pub mod numerals;
pub mod scope;

use serde::Serialize;
use std::ops::Range;

pub use scope::Scope;

/// What kind of quantity a figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Money: 8760亿元, 4.3亿美元.
    Amount,
    /// Counted things: 1700余家, 406个, 430名.
    Count,
    /// 4.6%.
    Percent,
    /// 2.9个百分点.
    PercentagePoints,
    /// 1/4, 三分之一.
    Fraction,
    /// 第五位, 第135届.
    Rank,
    /// 2023年, 5月15日.
    Date,
    /// 1-5月, 连续两年.
    Period,
    /// Physical measures: 5万吨, 300平方米.
    Quantity,
    /// 2倍.
    Multiple,
    /// A number with no unit.
    Number,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Amount => "amount",
            Kind::Count => "count",
            Kind::Percent => "percent",
            Kind::PercentagePoints => "percentage_points",
            Kind::Fraction => "fraction",
            Kind::Rank => "rank",
            Kind::Date => "date",
            Kind::Period => "period",
            Kind::Quantity => "quantity",
            Kind::Multiple => "multiple",
            Kind::Number => "number",
        }
    }

    /// Kinds that state a proportion (a percent or a fraction can answer a "share" question).
    pub fn is_ratio(self) -> bool {
        matches!(
            self,
            Kind::Percent | Kind::Fraction | Kind::PercentagePoints
        )
    }
}

/// Which way a qualifier bends a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sense {
    /// 余, 多, 以上, 超过, 突破, 过: the true value is above.
    More,
    /// 不足, 以下: below.
    Less,
    /// 约, 近, 左右: rounded.
    About,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Qualifier {
    pub text: String,
    pub sense: Sense,
}

/// A calendar point or span a date or period figure names (months 1-12, days 1-31).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct DateValue {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    /// End of a span (1-5月 → month 1, end_month 5).
    pub end_year: Option<i32>,
    pub end_month: Option<u32>,
}

/// One figure of an article.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// As written, with its qualifier: 1700余家, 超过50%.
    pub text: String,
    /// In base units: 8760亿元 → 876000000000 (元), 1/4 → 0.25, 第五位 → 5.
    pub value: Option<f64>,
    /// Upper end of a range (3-5亿元).
    pub high: Option<f64>,
    pub unit: Option<String>,
    pub kind: Kind,
    pub qualifier: Option<Qualifier>,
    /// For dates and periods: the calendar value, years resolved.
    pub date: Option<DateValue>,
    pub scope: Option<Scope>,
    /// What it measures, in the article's words: 进出口, 对欧盟出口增长.
    pub measure: Option<String>,
    /// What sets it apart from the other figures of its sentence (its own phrase).
    #[serde(skip)]
    pub core: String,
    /// The words of `core` that tell figures apart, each with its idf in the corpus (filled
    /// once when the corpus is built; the ranking's precision reads them on every question).
    #[serde(skip)]
    pub core_terms: Vec<(String, f32)>,
    /// A fall (下降3.1%): compares as the opposite direction of a rise.
    #[serde(skip)]
    pub decrease: bool,
    /// For counts, the thing counted (企业 in 179家世界500强企业), normalised.
    #[serde(skip)]
    pub counted: String,
    /// The list item a 分别 list or an enumeration ties it to: 欧盟.
    pub item: Option<String>,
    /// Global ids.
    pub sentence: usize,
    pub article: usize,
    /// Paragraph number within its article.
    pub paragraph: usize,
    /// Char range in its sentence.
    #[serde(skip)]
    pub span: Range<usize>,
}

impl Figure {
    /// The value as a reader would compare it: percent and fractions both as a ratio.
    pub fn ratio(&self) -> Option<f64> {
        match self.kind {
            Kind::Percent => self.value.map(|v| v / 100.0),
            Kind::Fraction => self.value,
            _ => None,
        }
    }
}
