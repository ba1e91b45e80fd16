//! Figures as facts: the key figures of the archive, fact cards for inline queries, every
//! figure for `factbot facts`, and example questions.

use std::sync::Arc;

use super::{Engine, View};
use crate::answer::Status;
use crate::archive::Articles;
use crate::corpus::ParsedArticle;
use crate::figures::{is_quantity, Kind};
use crate::views::{Fact, FigureInfo, ParagraphRef};

/// At most this many key figures (two pages of `/facts`, and more for inline cards).
const MAX_KEY_FACTS: usize = 50;

impl Engine {
    /// `n` example questions: the sidecars' `examples` (newest article first), else
    /// questions made from the key figures' measures.
    pub fn examples(&self, n: usize) -> Vec<String> {
        self.with_view(|v| {
            let mut entries: Vec<_> = v.archive.entries().iter().collect();
            entries.sort_by(|a, b| b.published.cmp(&a.published));
            let mut out: Vec<String> = entries
                .iter()
                .flat_map(|e| e.examples.iter().cloned())
                .collect();
            for fact in key_facts(v, "").into_iter() {
                if out.len() >= n {
                    break;
                }
                if let Some(m) = &fact.figure.measure {
                    let q = v.lex.templates.question_about(m);
                    if !out.contains(&q) {
                        out.push(q);
                    }
                }
            }
            out.truncate(n);
            out
        })
    }

    /// The key figures (newest article first), optionally about a topic (a word or a
    /// synonym of it).
    pub fn key_facts(&self, topic: &str) -> Vec<Fact> {
        self.with_view(|v| key_facts(v, topic))
    }

    /// Figures for fact cards (inline mode): the answers' figures, the asked one first, or
    /// the key figures for an empty query; at most `max`.
    pub fn cards(&self, query: &str, max: usize) -> Vec<Fact> {
        if query.trim().is_empty() {
            let mut all = self.key_facts("");
            all.truncate(max);
            return all;
        }
        let r = self.ask(query);
        let mut out: Vec<Fact> = Vec::new();
        self.with_view(|v| {
            for a in &r.answers {
                let Some(article) = v.article(a.source.article) else {
                    continue;
                };
                let ids = a.lead_id.into_iter().chain(a.figures.iter().map(|f| f.id));
                for id in ids {
                    let f = &article.figures[id];
                    let fact = fact(&article, id);
                    if !matches!(f.kind, Kind::Date | Kind::Period)
                        && !out.iter().any(|o| o.id == fact.id)
                    {
                        out.push(fact);
                    }
                }
            }
        });
        if out.is_empty() && r.status == Status::NotFound {
            // a keyword rather than a question: the key figures about it
            out = self.key_facts(query);
        }
        out.truncate(max);
        out
    }

    /// Every figure of every article, article by article in file order, in reading order.
    pub fn facts(&self) -> Vec<Fact> {
        self.with_view(|v| {
            v.archive
                .entries()
                .iter()
                .filter_map(|e| v.article(e.key))
                .flat_map(|a| {
                    (0..a.figures.len())
                        .map(move |id| fact(&a, id))
                        .collect::<Vec<_>>()
                })
                .collect()
        })
    }
}

/// A figure of an article as a fact.
fn fact(a: &Arc<ParsedArticle>, id: usize) -> Fact {
    let f = &a.figures[id];
    Fact {
        id: format!("{}-{}", a.key().hex(), id),
        figure: FigureInfo::of(f),
        sentence: a.sentences[f.sentence].text.clone(),
        article: a.info(),
        source: ParagraphRef {
            article: a.key(),
            paragraph: f.paragraph as u32,
        },
    }
}

/// The key figures: quantities (no dates, no names such as 世界500强) with a measure, each
/// fact once (sidebar repeats left out), newest article first. With a topic, only those
/// whose sentence or measure mentions it or a synonym, from the articles that mention it.
fn key_facts(v: &View, topic: &str) -> Vec<Fact> {
    // an English topic in the articles' words (hotels: 酒店 where they say 酒店)
    let contains = |w: &str| v.searcher.contains(w);
    let cleaned = crate::question::clean_question(v.lex, v.glossary, v.seg, topic, &contains);
    let topic = cleaned.text.trim();
    let mut forms: Vec<String> = Vec::new();
    if !topic.is_empty() {
        forms.push(topic.to_string());
        forms.extend(v.glossary.synonyms(topic).into_iter().map(str::to_string));
        for r in cleaned.english.iter().filter(|r| r.chinese == topic) {
            forms.extend(r.others.iter().cloned());
        }
    }
    let mut entries: Vec<_> = v.archive.entries().iter().collect();
    entries.sort_by(|a, b| b.published.cmp(&a.published).then(a.file.cmp(&b.file)));
    let mut out = Vec::new();
    for e in entries {
        if !forms.is_empty() && !forms.iter().any(|f| v.searcher.contains(f)) {
            continue;
        }
        let Some(a) = v.article(e.key) else { continue };
        for id in key_figure_ids(v, &a, &forms) {
            out.push(fact(&a, id));
            if out.len() >= MAX_KEY_FACTS {
                return out;
            }
        }
    }
    out
}

/// The key figures of one article, in reading order.
fn key_figure_ids(v: &View, a: &ParsedArticle, forms: &[String]) -> Vec<usize> {
    let mut seen = std::collections::HashSet::new();
    let mentions = |id: usize| {
        let f = &a.figures[id];
        let s: String = a.sentences[f.sentence].norm.iter().collect();
        let m = crate::text::normalize(f.measure.as_deref().unwrap_or(""));
        forms
            .iter()
            .any(|t| s.contains(t.as_str()) || m.contains(t.as_str()))
    };
    (0..a.figures.len())
        .filter(|&id| {
            let f = &a.figures[id];
            is_quantity(v.lex, f.kind, f.unit.as_deref(), f.value) && f.measure.is_some()
        })
        .filter(|&id| a.sentences[a.figures[id].sentence].duplicate_of.is_none())
        .filter(|&id| forms.is_empty() || mentions(id))
        .filter(|&id| seen.insert((a.figures[id].text.clone(), a.figures[id].sentence)))
        .collect()
}

/// `n` questions one article can answer: its sidecar's examples, else questions about its
/// key figures' measures.
pub(super) fn examples_of(v: &View, a: &ParsedArticle, n: usize) -> Vec<String> {
    let mut out: Vec<String> = a.article.meta.examples.clone();
    for id in key_figure_ids(v, a, &[]) {
        if out.len() >= n {
            break;
        }
        if let Some(m) = &a.figures[id].measure {
            let q = v.lex.templates.question_about(m);
            if !out.contains(&q) {
                out.push(q);
            }
        }
    }
    out.truncate(n);
    out
}
