//! Fact-check: verify a reporter's sentence figure by figure against the articles.
//!
//! Each figure of the claim is turned into the question it answers: the claim with that
//! number replaced by 多少 (青岛对美国出口增长11.7% → 青岛对美国出口增长多少), asking for the
//! claimed figure's kind and unit. The ranking that answers questions then finds the article
//! figure that measures the same thing in the same period — by words, list item, kind and
//! scope, never by value, so a wrong number cannot pick itself a matching figure. The two
//! values are then compared (`figures::compare`), with units, magnitudes, qualifiers and rounding.
//!
//! Owns: verdicts. Uses the engine's question analysis and ranking; never a frontend.

use serde::Serialize;

use crate::engine::View;
use crate::figures::context::CLAUSE;
use crate::figures::extract::Found;
use crate::figures::{read_sentence, Kind, Reading, SentenceView};
use crate::question::{Asked, Question};
use crate::ranking::Ranker;

use crate::figures::compare::{self, Outcome, Quantity};
use crate::views::{ArticleInfo, ParagraphRef};

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
pub(crate) fn check(engine: &View, claim: &str) -> CheckResult {
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
    let norm = crate::question::clean_input(engine.lex, engine.glossary, engine.seg, trimmed);
    let view = SentenceView::new(engine.seg, &norm);
    // which words of the claim belong to which figure: the same reading as for articles.
    // Its time words only mark words here; their years are resolved per article when each
    // figure's question is analysed, so any article's year does.
    let year = engine
        .archive
        .reference_years()
        .first()
        .copied()
        .unwrap_or_default();
    let Reading {
        found: all,
        marks,
        contexts: ctxs,
    } = read_sentence(engine.lex, engine.seg, &view, year);
    let checkable =
        |f: &Found| crate::figures::is_quantity(engine.lex, f.kind, f.unit.as_deref(), f.value);
    if !all.iter().any(checkable) {
        return unverifiable("the claim states no figure to check");
    }
    let chars = &view.norm;
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
            check_one(engine, &ranker, chars, &keep, f)
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

/// Check one figure of a claim: find the article figure that answers the question the
/// claimed figure answers, and compare the two.
fn check_one(
    engine: &View,
    ranker: &Ranker,
    chars: &[char],
    keep: &[bool],
    f: &Found,
) -> CheckedFigure {
    let claimed: String = chars[f.span.clone()].iter().collect();
    let mut out = CheckedFigure {
        claimed: claimed.clone(),
        status: Verdict::Unverifiable,
        article: None,
        excerpt: None,
        reason: None,
        source: None,
        paragraph: None,
    };
    let claim = Quantity {
        decrease: crate::figures::extract::is_decrease(engine.lex, chars, f.span.start),
        ..Quantity::found(f, &claimed, engine.lex)
    };
    let q = claim_question(engine, chars, keep, f);
    let candidates = match ranker.figure_candidates(&q) {
        Ok(c) => c,
        Err(why) => {
            out.reason = Some(why);
            return out;
        }
    };
    // the best match whose kind compares with the claim's
    for (article, fid, _score) in candidates {
        let article_fig = &article.figures[fid];
        let Some(article_q) = Quantity::of(article_fig, engine.lex) else {
            continue;
        };
        let status = match compare::compare(&claim, &article_q) {
            Outcome::Incomparable => continue,
            Outcome::Supported => Verdict::Supported,
            Outcome::Contradicted => Verdict::Contradicted,
        };
        let info = article.info();
        out.status = status;
        out.article = Some(article_fig.text.clone());
        out.excerpt = Some(article.sentences[article_fig.sentence].text.clone());
        out.paragraph = Some(ParagraphRef {
            article: info.key,
            paragraph: article_fig.paragraph as u32,
        });
        out.source = Some(info);
        return out;
    }
    out.reason = Some("the article gives no comparable figure".into());
    out
}

/// The question a claimed figure answers: the claim's words that belong to the figure (and
/// its time words), with the figure asked for (增长11.7% → 增长多少; 第五位 → 第几位), asking
/// for the claimed figure's kind.
fn claim_question(engine: &View, chars: &[char], keep: &[bool], f: &Found) -> Question {
    let kept = |r: std::ops::Range<usize>| -> String {
        r.filter(|&k| keep[k]).map(|k| chars[k]).collect()
    };
    let templates = &engine.lex.templates;
    let unit = f.unit.as_deref().unwrap_or("");
    let ask = match f.kind {
        Kind::Rank => format!("{}{unit}", &*templates.which_rank),
        Kind::Amount | Kind::Count | Kind::Quantity => format!("{}{unit}", &*templates.how_many),
        _ => templates.how_many.to_string(),
    };
    let question = format!(
        "{}{ask}{}",
        kept(0..f.span.start),
        kept(f.span.end..chars.len())
    );
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
    q
}
