//! What the engine hands its frontends beyond answers and checks: a figure with its
//! sentence and source, a whole paragraph, an article of the archive. Built here, at the
//! engine's boundary, from the steps' own types; no step below imports them.

use serde::Serialize;

use crate::archive::Entry;
use crate::article::{ArticleInfo, ParagraphRef};
use crate::figures::FigureInfo;

/// A whole paragraph, for "show me the paragraph".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParagraphText {
    /// The article it belongs to.
    pub article: ArticleInfo,
    /// 1-based paragraph number.
    pub number: u32,
    /// What the paragraph is in the page layout: `body`, `headline`, `bullet` …
    pub kind: &'static str,
    /// Verbatim text.
    pub text: String,
}

/// A figure with its sentence and source: a fact card, a key figure, a line of `facts`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    /// A stable id (article key and the figure's position in it), at most 40 bytes.
    pub id: String,
    /// The figure.
    pub figure: FigureInfo,
    /// The sentence it is quoted from, verbatim.
    pub sentence: String,
    /// The article.
    pub article: ArticleInfo,
    /// Its paragraph.
    pub source: ParagraphRef,
}

/// An article of the archive, for `/source` and `/articles`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceInfo {
    /// Title, date and file.
    pub article: ArticleInfo,
    /// The publication, from the sidecar's `source`.
    pub source: Option<String>,
    /// The year 今年 means in the text.
    pub reference_year: Option<i32>,
    /// Number of paragraphs.
    pub paragraphs: usize,
    /// Number of figures.
    pub figures: usize,
}

impl SourceInfo {
    /// What `/source` shows of an archive entry.
    pub(crate) fn of(e: &Entry) -> SourceInfo {
        SourceInfo {
            article: e.info(),
            source: e.source.clone(),
            reference_year: Some(e.reference_year),
            paragraphs: e.paragraphs,
            figures: e.figures,
        }
    }
}
