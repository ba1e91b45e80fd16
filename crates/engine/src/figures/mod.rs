//! Figures: every number of an article, with what it is (value, unit, kind, qualifier), when
//! it holds (time scope) and what it measures.
//!
//! Stages, one module each: [`numerals`] parses a numeral; [`extract`] finds numbers, units
//! and qualifiers in a sentence; [`scope`] gives each figure its time; [`context`] ties each
//! figure to the words that say what it measures (resolving 分别 lists and enumerations).
//!
//! Owns: what a figure is. [`read_sentence`] is the one way in, for article sentences and
//! claims alike. May import `text` and `knowledge` only: it reads sentences, not articles or
//! questions.

pub(crate) mod compare;
pub(crate) mod context;
pub(crate) mod extract;
mod info;
pub(crate) mod numerals;
pub(crate) mod scope;

use serde::{Deserialize, Serialize};
use std::ops::Range;

use crate::knowledge::{match_at, match_before, Lexicon};
use crate::text::{normalize, Segmenter, Word};

pub use info::FigureInfo;
pub(crate) use scope::UNKNOWN_YEAR;
pub use scope::{Scope, ScopeKind};

/// A sentence ready for analysis: as written, normalised, and cut into words. Every stage
/// reads the same view, so offsets agree everywhere (normalising keeps one char per char).
#[derive(Debug, Clone)]
pub(crate) struct SentenceView {
    /// The chars as written: labels and excerpts quote these.
    pub orig: Vec<char>,
    /// The normalised chars (half-width, Simplified, lower case): matching reads these.
    pub norm: Vec<char>,
    /// jieba's words of `norm`, with part-of-speech tags.
    pub words: Vec<Word>,
}

impl SentenceView {
    /// Normalise and segment `text`.
    pub(crate) fn new(seg: &Segmenter, text: &str) -> SentenceView {
        let norm = normalize(text);
        SentenceView {
            orig: text.chars().collect(),
            words: seg.words(&norm),
            norm: norm.chars().collect(),
        }
    }

    /// The written text of a char range.
    pub(crate) fn original(&self, r: Range<usize>) -> String {
        self.orig[r].iter().collect()
    }

    /// The normalised text.
    pub(crate) fn norm_text(&self) -> String {
        self.norm.iter().collect()
    }
}

/// A top-N name rather than a quantity: 世界500强 (a unit of the lexicon's `rank` list).
pub(crate) fn is_top_n(lex: &Lexicon, kind: Kind, unit: Option<&str>) -> bool {
    kind == Kind::Rank && unit.is_some_and(|u| lex.units.rank.iter().any(|r| r == u))
}

/// A figure worth listing or checking: a value that is neither a date, a period, a top-N
/// name nor an ordinal naming an event (第135届, 第七批: only a place in a ranking, 第五位,
/// is a rank worth stating).
pub(crate) fn is_quantity(
    lex: &Lexicon,
    kind: Kind,
    unit: Option<&str>,
    value: Option<f64>,
) -> bool {
    let event = kind == Kind::Rank
        && unit.is_some_and(|u| !lex.units.position.iter().any(|p| p == u))
        && !is_top_n(lex, kind, unit);
    value.is_some()
        && !matches!(kind, Kind::Date | Kind::Period)
        && !is_top_n(lex, kind, unit)
        && !event
}

/// A figure that only approximates its value: bent by a qualifier (超四成, 近3600亿元,
/// 1700余家) or written in tenths (三成). A summary rounds what the body states exactly.
pub(crate) fn is_vague(lex: &Lexicon, text: &str, qualifier: Option<&Qualifier>) -> bool {
    qualifier.is_some() || crate::text::normalize(text).ends_with(&*lex.grammar.tenths)
}

/// What the figure stages find in one sentence: the figures, the time expressions, and for
/// each figure the words that belong to it.
pub(crate) struct Reading {
    pub found: Vec<extract::Found>,
    pub marks: Vec<scope::TimeMark>,
    pub contexts: Vec<context::FigureContext>,
}

/// Read a sentence's figures: scan the numbers, find the time expressions (resolved against
/// `reference_year`), and tie each figure to its words. The one entry point for article
/// sentences and claims alike.
pub(crate) fn read_sentence(
    lex: &Lexicon,
    seg: &Segmenter,
    view: &SentenceView,
    reference_year: i32,
) -> Reading {
    let found = extract::scan(lex, view);
    let marks = scope::time_marks(lex, view, &found, reference_year);
    let fine = seg.fine_words(&view.norm_text());
    let contexts = context::contexts(lex, view, &fine, &found, &marks);
    Reading {
        found,
        marks,
        contexts,
    }
}

/// The two ends of a change a sentence states (从3小时缩短到40分钟).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum ChangeEnd {
    /// The value it had before (after 从, 由).
    Before,
    /// The value it has after (after 到, 至, 为 … following a value before, or after a
    /// verb of change: 降到350元).
    After,
}

/// Which end of a change the figure at `span` is: right after a from-word (从3小时), or
/// right after a to-word (到40分钟) that follows a change verb or a from-figure.
pub(crate) fn change_end(lex: &Lexicon, s: &[char], span: &Range<usize>) -> Option<ChangeEnd> {
    let f = &lex.figures;
    if match_before(&f.change_from, s, span.start).is_some() {
        return Some(ChangeEnd::Before);
    }
    let to = match_before(&f.change_to, s, span.start)?;
    let before_to = span.start - to.chars().count();
    let clause_start = s[..before_to]
        .iter()
        .rposition(|c| crate::text::sentences::CLAUSE_SEPS.contains(c))
        .map_or(0, |i| i + 1);
    let clause = &s[clause_start..before_to];
    let from_in_clause = (0..clause.len()).any(|i| match_at(&f.change_from, clause, i).is_some());
    let verb_before = match_before(&f.change_verbs, s, before_to).is_some();
    (from_in_clause || verb_before).then_some(ChangeEnd::After)
}

/// What kind of quantity a figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    /// Digits inside a name or a code (沃夫424, 苏-27, 201号班机): no quantity.
    Code,
    /// A score or a proportion (2–1, 30比0, 3.5∶41.2∶55.3): no quantity of its own.
    Ratio,
}

impl Kind {
    /// The kind's name in JSON output: `percentage_points`.
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
            Kind::Code => "code",
            Kind::Ratio => "ratio",
        }
    }
}

/// Which way a qualifier bends a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sense {
    /// 余, 多, 以上, 超过, 突破, 过: the true value is above.
    More,
    /// 不足, 以下: below.
    Less,
    /// 约, 近, 左右: rounded.
    About,
}

/// A word that bends a figure: 1700余家, 超过50%, 约15亿美元.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Qualifier {
    /// As written: 余, 超过, 约.
    pub text: String,
    /// Which way it bends the figure.
    pub sense: Sense,
}

/// A calendar point or span a date or period figure names (months 1-12, days 1-31).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DateValue {
    /// The year, when written or resolved.
    pub year: Option<i32>,
    /// The month (of the start, for a span).
    pub month: Option<u32>,
    /// The day of the month.
    pub day: Option<u32>,
    /// Year of the end of a span.
    pub end_year: Option<i32>,
    /// End of a span (1-5月 → month 1, end_month 5).
    pub end_month: Option<u32>,
}

/// What a figure says, as the scanner reads it: a value in base units (and the upper end
/// of a range), its unit and kind, a qualifier that bends it, and the calendar value of a
/// date. A figure as found, as stored and as shown all hold one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Number {
    /// In base units: 8760亿元 → 876000000000 (元), 1/4 → 0.25, 第五位 → 5.
    pub value: Option<f64>,
    /// Upper end of a range (3-5亿元).
    pub high: Option<f64>,
    /// Base unit: 元, %, 家 …
    pub unit: Option<String>,
    /// What kind of quantity it is.
    pub kind: Kind,
    /// 余, 超过, 约 …: a bound or a rounding.
    pub qualifier: Option<Qualifier>,
    /// For dates and periods: the calendar value, years resolved.
    pub date: Option<DateValue>,
}

impl Number {
    /// A figure of `kind` with nothing else known yet.
    pub(crate) fn of_kind(kind: Kind) -> Number {
        Number {
            value: None,
            high: None,
            unit: None,
            kind,
            qualifier: None,
            date: None,
        }
    }
}

/// One figure of an article.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Figure {
    /// As written, with its qualifier: 1700余家, 超过50%.
    pub text: String,
    /// What it says: value, unit, kind, qualifier, date.
    pub number: Number,
    pub scope: Option<Scope>,
    /// What it measures, in the article's words: 进出口, 对欧盟出口增长.
    pub measure: Option<String>,
    /// What sets it apart from the other figures of its sentence (its own phrase).
    pub core: String,
    /// The words of `core` that tell figures apart (not the article's own city, generic
    /// measure words, light verbs or stopwords); the ranking weighs them by their idf.
    pub core_terms: Vec<String>,
    /// A fall (下降3.1%): compares as the opposite direction of a rise.
    pub decrease: bool,
    /// Which end of a change it is: 从3小时缩短到40分钟 makes 3小时 the value before, 40分钟
    /// the value after.
    #[serde(default)]
    pub change_end: Option<ChangeEnd>,
    /// For counts, the thing counted (企业 in 179家世界500强企业), normalised.
    pub counted: String,
    /// The list item a 分别 list or an enumeration ties it to: 欧盟.
    pub item: Option<String>,
    /// Its sentence, by position in the article.
    pub sentence: usize,
    /// Paragraph number within its article.
    pub paragraph: usize,
    /// Char range in its sentence.
    pub span: Range<usize>,
}
