//! A figure as a reader sees it: what is written and what it means, as an owned value the
//! answers, the key figures and the frontends carry.

use serde::Serialize;

use super::{Figure, Number, Scope};

/// One figure as a reader sees it: what is written and what it means.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureInfo {
    /// As written, with its qualifier: `1700余家`, `超过50%`.
    pub text: String,
    /// What it says: value, unit, kind, qualifier, date.
    #[serde(flatten)]
    pub number: Number,
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
            number: f.number.clone(),
            scope: f.scope.clone(),
            measure: f.measure.clone(),
            item: f.item.clone(),
            paragraph: f.paragraph as u32,
        }
    }

    /// The value in base units, in words for logs and terminals: `876000000000 元`.
    pub fn value_text(&self) -> String {
        use super::numerals::format_value;
        match (self.number.value, &self.number.unit) {
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
