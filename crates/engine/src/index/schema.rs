//! The schema: sentence documents and figure documents, each with its own text field (so
//! BM25's statistics of one never mix with the other's), and the fields that filter a search
//! before ranking: the places a sentence is about and the years it speaks of.

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, STORED,
    STRING,
};
use tantivy::{doc, TantivyDocument};

use super::analyzer::{ANALYZER, GRAMS};
use crate::corpus::{ParsedArticle, Sentence};
use crate::figures::{Figure, Scope, ScopeKind};

/// The `year` value of a sentence without any period: it passes every year filter.
pub(super) const UNDATED: &str = "undated";

#[derive(Clone, Copy)]
pub(super) struct Fields {
    pub doctype: Field,
    /// The article's key.
    pub article: Field,
    /// The sentence's position in its article.
    pub sentence: Field,
    /// The figure's position in its article (figure documents).
    pub figure: Field,
    /// A sentence's words (jieba, search mode).
    pub text: Field,
    /// A sentence's chars and char pairs (for "does this string occur").
    pub grams: Field,
    /// A sentence's normalised text (stored, to check a string really occurs).
    pub norm: Field,
    /// A figure's measure, list item and own phrase.
    pub figure_text: Field,
    /// Sentence documents: the names of the article's subject (an entry's title, a
    /// profile's main person), so that a question naming it finds every sentence about it.
    pub subject: Field,
    /// Places the sentence's article is about, and places the sentence names.
    pub place: Field,
    /// Years the sentence or figure speaks of (`undated` when none).
    pub year: Field,
    pub kind: Field,
    pub unit: Field,
    pub value: Field,
}

pub(super) fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let words = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let grams = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(GRAMS)
            .set_index_option(IndexRecordOption::Basic),
    );
    let id = NumericOptions::default().set_indexed().set_fast();
    let fields = Fields {
        doctype: b.add_text_field("doctype", STRING),
        article: b.add_u64_field("article", id.clone()),
        sentence: b.add_u64_field("sentence", id.clone()),
        figure: b.add_u64_field("figure", id),
        text: b.add_text_field("text", words.clone()),
        grams: b.add_text_field("grams", grams),
        norm: b.add_text_field("norm", STORED),
        figure_text: b.add_text_field("figure_text", words.clone()),
        subject: b.add_text_field("subject", words),
        place: b.add_text_field("place", STRING),
        year: b.add_text_field("year", STRING),
        kind: b.add_text_field("kind", STRING),
        unit: b.add_text_field("unit", STRING),
        value: b.add_f64_field("value", NumericOptions::default().set_fast()),
    };
    (b.build(), fields)
}

impl Fields {
    pub(super) fn sentence_doc(&self, a: &ParsedArticle, s: &Sentence) -> TantivyDocument {
        let norm: String = s.norm.iter().collect();
        let mut d = doc!(
            self.doctype => "sentence",
            self.article => a.key().0,
            self.sentence => s.id as u64,
            self.text => s.text.as_str(),
            self.grams => norm.as_str(),
            self.norm => norm.as_str(),
        );
        for name in &a.subject {
            d.add_text(self.subject, name);
        }
        let mut places: Vec<&String> = a.places.iter().chain(&s.places).collect();
        places.sort();
        places.dedup();
        for p in places {
            d.add_text(self.place, p);
        }
        let scopes = s.scope.iter().chain(
            a.figures[s.figures.clone()]
                .iter()
                .filter_map(|f| f.scope.as_ref()),
        );
        add_years(&mut d, self.year, scopes);
        d
    }

    pub(super) fn figure_doc(&self, a: &ParsedArticle, fi: usize, f: &Figure) -> TantivyDocument {
        let text = format!(
            "{} {} {}",
            f.measure.as_deref().unwrap_or(""),
            f.item.as_deref().unwrap_or(""),
            f.core
        );
        let mut d = doc!(
            self.doctype => "figure",
            self.article => a.key().0,
            self.sentence => f.sentence as u64,
            self.figure => fi as u64,
            self.figure_text => text,
            self.kind => f.number.kind.as_str(),
        );
        for p in &a.places {
            d.add_text(self.place, p);
        }
        if let Some(v) = f.number.value {
            d.add_f64(self.value, v);
        }
        if let Some(u) = &f.number.unit {
            d.add_text(self.unit, u);
        }
        add_years(&mut d, self.year, f.scope.iter());
        d
    }
}

/// The years of some scopes, as `year` terms; `undated` when there are none.
fn add_years<'a>(d: &mut TantivyDocument, field: Field, scopes: impl Iterator<Item = &'a Scope>) {
    let mut years: Vec<i32> = Vec::new();
    for s in scopes {
        match s.kind {
            ScopeKind::Calendar => years.extend(s.start.0..=s.end.0),
            // as of now, and all time up to now: the reference year
            ScopeKind::YearToDate | ScopeKind::Now | ScopeKind::Cumulative => years.push(s.end.0),
        }
    }
    years.sort();
    years.dedup();
    if years.is_empty() {
        d.add_text(field, UNDATED);
    }
    for y in years {
        d.add_text(field, y.to_string());
    }
}
