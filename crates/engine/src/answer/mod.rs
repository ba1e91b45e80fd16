//! Answers: the best-ranked figures turned into quoted excerpts, the asked figure first.
//!
//! The excerpt is the sentence that holds the figure, with the sentence before when it leans
//! on it (其中…, 同时…), and never more than [`MAX_EXCERPT`] chars: a longer sentence is cut
//! to whole clauses around the figure. When the ranking found nothing that fits, the response
//! is `not_found` with the reason: a nearby number is never offered instead.
//!
//! Owns: the answer contract (`Response`, `Answer`, `Computed`, `Op`), which both ways of
//! answering produce: [`single`] quotes the best-ranked figures of one question, [`several`]
//! computes over several quoted figures (the highest, a gap, a total …); [`quote`] cuts
//! the excerpt both show. May import `ranking` and the steps before it; never `check`, the
//! engine or a frontend.

mod quote;
pub(crate) mod several;
mod single;

use serde::Serialize;

use crate::article::{ArticleInfo, ParagraphRef};
use crate::figures::FigureInfo;
pub(crate) use quote::quote;
pub(crate) use single::{answer, within};

/// Longest excerpt, in chars.
pub const MAX_EXCERPT: usize = 300;
/// Up to this many answers.
pub const MAX_ANSWERS: usize = 3;

/// Whether the articles answer the question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// At least one answer.
    Answered,
    /// No answer; `reason` says why.
    NotFound,
}

/// A figure of an excerpt, as the JSON contract gives it.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerFigure {
    /// As written: `8760亿元`.
    pub text: String,
    /// In base units.
    pub value: Option<f64>,
    /// Base unit.
    pub unit: Option<String>,
    #[serde(skip)]
    pub(crate) id: usize,
}

/// One answer: an excerpt quoted from an article, with its figures.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    /// Verbatim text, at most [`MAX_EXCERPT`] chars.
    pub excerpt: String,
    /// The asked figure first, then the others of the excerpt in reading order.
    pub figures: Vec<AnswerFigure>,
    /// 1-based paragraph number in its article.
    pub paragraph: usize,
    /// The ranking score (higher is better).
    pub score: f32,
    /// The article it is quoted from.
    pub article: ArticleInfo,
    /// The figure that answers, with its period and measure (absent when the answer is a
    /// sentence, for which/who questions).
    #[serde(skip)]
    pub lead: Option<FigureInfo>,
    /// The paragraph, for "show the whole paragraph".
    #[serde(skip)]
    pub source: ParagraphRef,
    #[serde(skip)]
    pub(crate) lead_id: Option<usize>,
    /// The item of a list the figure belongs to (美国 in 对欧盟、东盟、美国出口分别增长…),
    /// in answers over several figures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
}

/// The engine's reply to a question.
#[derive(Debug, Clone, Serialize)]
pub struct Response {
    /// The question as asked.
    pub question: String,
    /// Answered or not.
    pub status: Status,
    /// Best first, at most [`MAX_ANSWERS`].
    pub answers: Vec<Answer>,
    /// Why there is no answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// For a question over several figures: what was computed from the quoted figures (the
    /// highest, a gap, a total …). Never a quote: each figure it comes from is an answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub computed: Option<Computed>,
    /// Why figures were not compared (other periods, other units); they are still shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A number factbot worked out from quoted figures, labelled as such wherever it is shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Computed {
    /// As shown: `7个百分点`, `3倍`, `4989.3亿元`, or the winner of a superlative.
    pub text: String,
    /// The number in `unit` (7.0 for 7个百分点; absent for a filter or a series).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// The unit of `value`: 百分点, 倍, or the base unit of the figures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// How it was worked out.
    pub op: Op,
    /// The quoted figures it comes from, as written, in the order used.
    pub from: Vec<String>,
}

/// How a computed number is worked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// The highest of a set.
    Max,
    /// The lowest of a set.
    Min,
    /// Those above or below a threshold.
    Filter,
    /// One minus the other (in percentage points for rates).
    Difference,
    /// One divided by the other.
    Ratio,
    /// The parts added up.
    Sum,
    /// One measure over several periods, oldest first.
    Series,
}

impl Response {
    /// A response without answers.
    pub fn not_found(question: &str, reason: impl Into<String>) -> Response {
        Response {
            question: question.to_string(),
            status: Status::NotFound,
            answers: Vec::new(),
            reason: Some(reason.into()),
            computed: None,
            note: None,
        }
    }
}
