//! Fact-check: verify a reporter's sentence figure by figure against the articles.
//!
//! Each figure of the claim is turned into the question it answers: the claim with that
//! number replaced by 多少 (青岛对美国出口增长11.7% → 青岛对美国出口增长多少), asking for the
//! claimed figure's kind and unit. The ranking that answers questions then finds the article
//! figure that measures the same thing in the same period — by words, list item, kind and
//! scope, never by value, so a wrong number cannot pick itself a matching figure. The two
//! values are then compared ([`compare`]), with units, magnitudes, qualifiers and rounding.

pub(crate) mod compare;

use serde::Serialize;

use crate::engine::views::{ArticleInfo, ParagraphRef};
use crate::figures::context::{contexts, CLAUSE};
use crate::figures::extract::{scan, Found};
use crate::figures::scope::time_marks;
use crate::figures::{Figure, Kind};
use crate::question::Asked;
use crate::ranking::Ranker;
use crate::text::normalize;
use crate::Engine;
use compare::{Outcome, Quantity};

/// What the article says of a claim or of one of its figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The article gives the same figure for the same thing.
    Supported,
    /// The article gives another figure for the same thing.
    Contradicted,
    /// The article gives no figure that can be compared.
    Unverifiable,
}

/// One figure of the claim and what the article says of it.
#[derive(Debug, Clone, Serialize)]
pub struct CheckedFigure {
    /// As the claim writes it.
    pub claimed: String,
    /// What the article says of it.
    pub status: Verdict,
    /// The article's figure for the same thing (for contradicted and supported figures).
    pub article: Option<String>,
    /// The sentence the article figure stands in.
    pub excerpt: Option<String>,
    /// Why it is unverifiable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The article the compared figure comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<ArticleInfo>,
    /// The paragraph of the compared figure.
    #[serde(skip)]
    pub paragraph: Option<ParagraphRef>,
}

/// The verdict on a claim, figure by figure.
#[derive(Debug, Clone, Serialize)]
pub struct CheckResult {
    /// The claim as given.
    pub claim: String,
    /// Contradicted if any figure is, supported if all are, unverifiable otherwise.
    pub verdict: Verdict,
    /// Each checkable figure of the claim.
    pub figures: Vec<CheckedFigure>,
    /// Why there is nothing to check.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Check a claim against the engine's articles. Never fails: a claim without figures, or
/// about things the articles never mention, is unverifiable with a reason.
pub fn check(engine: &Engine, claim: &str) -> CheckResult {
    let unverifiable = |reason: &str| CheckResult {
        claim: claim.to_string(),
        verdict: Verdict::Unverifiable,
        figures: Vec::new(),
        reason: Some(reason.to_string()),
    };
    let trimmed = claim.trim();
    if trimmed.is_empty() {
        return unverifiable("empty claim");
    }
    if trimmed.chars().count() > crate::MAX_QUESTION_CHARS {
        return unverifiable("claim too long; check one sentence at a time");
    }
    let norm = engine.glossary.translate_english(&normalize(trimmed));
    let chars: Vec<char> = norm.chars().collect();
    let words = engine.seg.words(&norm);
    let all: Vec<Found> = scan(&engine.lex, &chars, &chars, &words);
    let checkable = |f: &Found| engine.lex.is_quantity(f.kind, f.unit.as_deref(), f.value);
    if !all.iter().any(checkable) {
        return unverifiable("the claim states no figure to check");
    }
    // which words of the claim belong to which figure: the same analysis as for articles
    let year = engine
        .corpus
        .articles
        .first()
        .map(|a| a.reference_year)
        .unwrap_or(2024);
    let marks = time_marks(&engine.lex, &chars, &chars, &all, year);
    let ctxs = contexts(
        &chars,
        &chars,
        &words,
        &engine.seg.fine_words(&norm),
        &all,
        &marks,
    );
    let ranker = engine.ranker();
    let figures: Vec<CheckedFigure> = all
        .iter()
        .zip(&ctxs)
        .filter(|(f, _)| checkable(f))
        .map(|(f, ctx)| {
            // its own clauses, and the time words before it (or anywhere, when none come
            // before: English puts "in 2023" last)
            let before = marks.iter().any(|m| m.span.end <= f.span.start);
            let keep: Vec<bool> = (0..chars.len())
                .map(|k| {
                    ctx.weights[k] >= CLAUSE
                        || marks
                            .iter()
                            .any(|m| m.span.contains(&k) && (!before || m.span.end <= f.span.start))
                })
                .collect();
            check_one(engine, &ranker, &chars, &keep, f)
        })
        .collect();
    let verdict = if figures.iter().any(|f| f.status == Verdict::Contradicted) {
        Verdict::Contradicted
    } else if figures.iter().all(|f| f.status == Verdict::Supported) {
        Verdict::Supported
    } else {
        Verdict::Unverifiable
    };
    CheckResult {
        claim: claim.to_string(),
        verdict,
        figures,
        reason: None,
    }
}

fn check_one(
    engine: &Engine,
    ranker: &Ranker,
    chars: &[char],
    keep: &[bool],
    f: &Found,
) -> CheckedFigure {
    let claimed: String = chars[f.span.clone()].iter().collect();
    let claim_fig = Figure {
        text: claimed.clone(),
        value: f.value,
        high: f.high,
        unit: f.unit.clone(),
        kind: f.kind,
        qualifier: f.qualifier.clone(),
        date: None,
        scope: None,
        measure: None,
        core: String::new(),
        core_terms: Vec::new(),
        counted: String::new(),
        decrease: crate::figures::extract::is_decrease(&engine.lex, chars, f.span.start),
        item: None,
        sentence: 0,
        article: 0,
        paragraph: 0,
        span: f.span.clone(),
    };
    let mut out = CheckedFigure {
        claimed,
        status: Verdict::Unverifiable,
        article: None,
        excerpt: None,
        reason: None,
        source: None,
        paragraph: None,
    };
    let Some(claimed_q) = Quantity::of(&claim_fig) else {
        out.reason = Some("not a number".into());
        return out;
    };
    // the question this figure answers: the claim with the figure asked for
    let asked_unit = match f.kind {
        Kind::Amount | Kind::Count | Kind::Quantity => f.unit.clone().unwrap_or_default(),
        _ => String::new(),
    };
    let rank = f.kind == Kind::Rank;
    let kept = |r: std::ops::Range<usize>| -> String {
        r.filter(|&k| keep[k]).map(|k| chars[k]).collect()
    };
    let mut question = kept(0..f.span.start);
    question.push_str(if rank { "第几" } else { "多少" });
    if rank {
        question.push_str(f.unit.as_deref().unwrap_or(""));
    } else {
        question.push_str(&asked_unit);
    }
    question.push_str(&kept(f.span.end..chars.len()));
    let mut q = engine.analyse(&question);
    q.asked = match f.kind {
        Kind::Amount | Kind::Quantity => Asked::Amount,
        Kind::Count => Asked::Count,
        Kind::Rank => Asked::Rank,
        Kind::PercentagePoints => Asked::Growth,
        Kind::Fraction => Asked::Share,
        _ => q.asked,
    };
    q.wants_number = true;
    let candidates = match ranker.figure_candidates(&q) {
        Ok(c) => c,
        Err(why) => {
            out.reason = Some(why);
            return out;
        }
    };
    // the best match whose kind compares with the claim's
    for (fid, _score) in candidates {
        let article_fig = &engine.corpus.figures[fid];
        let Some(article_q) = Quantity::of(article_fig) else {
            continue;
        };
        match compare::compare(&claimed_q, &article_q) {
            Outcome::Incomparable => continue,
            outcome => {
                out.status = if outcome == Outcome::Supported {
                    Verdict::Supported
                } else {
                    Verdict::Contradicted
                };
                out.article = Some(article_fig.text.clone());
                out.excerpt = Some(engine.corpus.sentences[article_fig.sentence].text.clone());
                let info = engine.corpus.article_info(article_fig.article);
                out.paragraph = Some(ParagraphRef {
                    article: info.key,
                    paragraph: article_fig.paragraph as u32,
                });
                out.source = Some(info);
                return out;
            }
        }
    }
    out.reason = Some("the article gives no comparable figure".into());
    out
}
