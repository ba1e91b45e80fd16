//! The plain data the engine hands to its frontends: figures, articles, paragraphs and facts
//! as owned values, with no reference into the engine's internals. A frontend renders these;
//! it never needs the corpus.
//!
//! Owns: the data frontends receive. May import `text` and `figures` (for the figure's own
//! value types) only.

use serde::Serialize;

use crate::figures::{DateValue, Figure, Kind, Qualifier, Scope};

/// A stable name for an article: a hash of its file name, the same across restarts and
/// replicas (so a button made yesterday still finds its paragraph today).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
pub struct ArticleKey(pub u64);

impl ArticleKey {
    /// The key of the article stored in `file` (its file name, e.g. `report.txt`).
    pub fn of_file(file: &str) -> ArticleKey {
        let mut h = crate::text::StableHash::new();
        h.add(file.as_bytes());
        ArticleKey(h.value())
    }

    /// As 16 hex digits (for callback data and inline result ids).
    pub fn hex(self) -> String {
        format!("{:016x}", self.0)
    }

    /// The key from [`ArticleKey::hex`].
    pub fn from_hex(s: &str) -> Option<ArticleKey> {
        if s.len() != 16 {
            return None;
        }
        u64::from_str_radix(s, 16).ok().map(ArticleKey)
    }
}

/// Which article an answer or a fact comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleInfo {
    /// The headline, or the sidecar's `title`.
    pub title: String,
    /// The sidecar's `published` date (`YYYY-MM-DD`), if any.
    pub published: Option<String>,
    /// The article's file name in the data folder.
    pub file: String,
    /// Its stable key.
    #[serde(skip)]
    pub key: ArticleKey,
}

/// A paragraph of an article, by stable reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ParagraphRef {
    /// The article.
    pub article: ArticleKey,
    /// 1-based paragraph number, as a reader counts them.
    pub paragraph: u32,
}

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

/// One figure as a reader sees it: what is written and what it means.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureInfo {
    /// As written, with its qualifier: `1700余家`, `超过50%`.
    pub text: String,
    /// In base units: 8760亿元 → 876000000000.
    pub value: Option<f64>,
    /// Upper end of a range (3-5亿元).
    pub high: Option<f64>,
    /// Base unit: 元, %, 家 …
    pub unit: Option<String>,
    /// What kind of quantity it is.
    pub kind: Kind,
    /// 余, 超过, 约 …: a bound or a rounding.
    pub qualifier: Option<Qualifier>,
    /// For dates and periods: the calendar value.
    pub date: Option<DateValue>,
    /// The period it holds for.
    pub scope: Option<Scope>,
    /// What it measures, in the article's words.
    pub measure: Option<String>,
    /// Its item in a 分别 list or an enumeration.
    pub item: Option<String>,
    /// The paragraph it stands in (1-based).
    pub paragraph: u32,
}

impl FigureInfo {
    pub(crate) fn of(f: &Figure) -> FigureInfo {
        FigureInfo {
            text: f.text.clone(),
            value: f.value,
            high: f.high,
            unit: f.unit.clone(),
            kind: f.kind,
            qualifier: f.qualifier.clone(),
            date: f.date,
            scope: f.scope.clone(),
            measure: f.measure.clone(),
            item: f.item.clone(),
            paragraph: f.paragraph as u32,
        }
    }

    /// The value in base units, in words for logs and terminals: `876000000000 元`.
    pub fn value_text(&self) -> String {
        use crate::figures::numerals::format_value;
        match (self.value, &self.unit) {
            (Some(v), Some(u)) => format!("{} {}", format_value(v), u),
            (Some(v), None) => format_value(v),
            _ => "-".into(),
        }
    }

    /// The period as written (`今年1-5月`), if the figure has one.
    pub fn period_label(&self) -> Option<&str> {
        self.scope
            .as_ref()
            .map(|s| s.label.as_str())
            .filter(|l| !l.is_empty())
    }
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
