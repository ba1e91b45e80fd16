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

use crate::archive::Lookup;
use crate::figures::extract::Found;
use crate::figures::{read_sentence, Kind, Reading, SentenceView};
use crate::question::Analyzer;
use crate::question::{Asked, Question};
use crate::ranking::Ranker;
use crate::text::WordClass;
use std::sync::Arc;

use crate::corpus::ParsedArticle;

use crate::article::ArticleInfo;
use crate::article::ParagraphRef;
use crate::figures::compare::{self, Outcome, Quantity};

mod restate;
mod words;
use restate::{restates, same_number, Skeleton};
use words::claim_words;

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
    /// The article's figure for the same thing (for contradicted and supported figures), or
    /// for an unverifiable one the nearest figure, which measures something else (`reason`
    /// says what).
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
pub(crate) fn check(engine: &Lookup, claim: &str) -> CheckResult {
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
    if trimmed.chars().count() > crate::question::MAX_QUESTION_CHARS {
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
    let checkable = |f: &Found| {
        crate::figures::is_quantity(
            engine.lex,
            f.number.kind,
            f.number.unit.as_deref(),
            f.number.value,
        )
    };
    if !all.iter().any(checkable) {
        return unverifiable("the claim states no figure to check");
    }
    let chars = &view.norm;
    let ranker = Ranker::of(engine);
    let quantities: Vec<usize> = (0..all.len()).filter(|&i| checkable(&all[i])).collect();
    let spans: Vec<std::ops::Range<usize>> = all.iter().map(|f| f.span.clone()).collect();
    let skeleton = Skeleton::of(chars, &spans);
    let found: Vec<(&Found, Matches)> = quantities
        .iter()
        .map(|&i| {
            let (keep, foreign) =
                claim_words(engine.lex, chars, &all, &ctxs, &marks, &quantities, i);
            let claim = Claim {
                chars,
                keep: &keep,
                foreign: &foreign,
                spans: &spans,
                skeleton: &skeleton,
            };
            (&all[i], matches(engine, &ranker, &claim, &all[i]))
        })
        .collect();
    let picks = pick_together(&found.iter().map(|(_, m)| m).collect::<Vec<_>>());
    let figures: Vec<CheckedFigure> = found
        .iter()
        .zip(picks)
        .map(|((f, m), pick)| checked(chars, f, m, pick))
        .collect();
    CheckResult {
        claim: claim.to_string(),
        verdict: claim_verdict(&figures),
        figures,
        reason: None,
    }
}

/// Scores this close to a figure's best match count as ties: among them, the sentence that
/// holds the claim's other figures wins (签约项目20个，总投资30亿美元 is read against one
/// sentence).
const SAME_SENTENCE_MARGIN: f32 = 0.5;

/// An article figure that could be the claimed one, compared with it.
struct Match {
    article: Arc<ParsedArticle>,
    figure: usize,
    score: f32,
    status: Verdict,
    /// Why it may measure something else than the claimed figure (a word of the claim it
    /// lacks, another list item, another period): it then only shows what the article has
    /// nearby.
    other_thing: Option<String>,
    /// The same thing for a period gone by, when the claim names none.
    other_period: bool,
    /// The claim restates the article's sentence here: the words on both sides of the
    /// claimed figure are those around this one. It is the figure the claim speaks of.
    aligned: bool,
}

/// The comparable article figures for one claimed figure, best first, or why there are none.
type Matches = Result<Vec<Match>, String>;

/// The claim as one of its figures reads it.
struct Claim<'a> {
    chars: &'a [char],
    /// The chars that belong to the figure (its clauses and time words).
    keep: &'a [bool],
    /// The chars that are another figure's own phrase.
    foreign: &'a [bool],
    /// Where each figure the claim states stands (quantities, dates, ranks alike).
    spans: &'a [std::ops::Range<usize>],
    /// The claim with its figures taken out, to tell a restatement.
    skeleton: &'a Skeleton,
}

/// The article figures whose kind compares with the claimed figure's, best first, each with
/// its comparison and whether it measures the same thing.
fn matches(engine: &Lookup, ranker: &Ranker, claim_text: &Claim, f: &Found) -> Matches {
    let (chars, keep) = (claim_text.chars, claim_text.keep);
    let claimed: String = chars[f.span.clone()].iter().collect();
    let claim = Quantity {
        decrease: crate::figures::extract::is_decrease(engine.lex, chars, f.span.start),
        ..Quantity::found(f, &claimed, engine.lex)
    };
    let q = claim_question(engine, chars, keep, f);
    let candidates = ranker.figure_candidates(&q)?;
    tracing::debug!(question = %q.original, "claim figure {claimed}");
    let mut out = Vec::new();
    for (article, fid, score, recall) in candidates {
        let article_fig = &article.figures[fid];
        let Some(article_q) = Quantity::of(article_fig, engine.lex) else {
            continue;
        };
        let status = match compare::compare(&claim, &article_q) {
            Outcome::Incomparable => continue,
            Outcome::Supported => Verdict::Supported,
            Outcome::Contradicted => Verdict::Contradicted,
        };
        let aligned = restates(claim_text, &f.span, &article, fid);
        let period = other_period(&q, &article, fid).filter(|_| !aligned);
        let thing = other_thing(engine, &q, claim_text, &article, fid).filter(|_| !aligned);
        let other_period = period.is_some() && thing.is_none();
        let other_thing = thing.or(period);
        // a restatement gives the article's number: a bound or a range it only falls in
        // (超过88万 against 超过68万) is not what the article says
        let status = if aligned && status == Verdict::Supported && !same_number(&claim, &article_q)
        {
            Verdict::Unverifiable
        } else {
            status
        };
        tracing::debug!(
            "  {score:.3} recall {recall:.2} {} {status:?} {other_thing:?}",
            article_fig.text
        );
        out.push(Match {
            article,
            figure: fid,
            score,
            status,
            other_thing,
            other_period,
            aligned,
        });
    }
    Ok(out)
}

/// Contradicted if any figure is, supported if all are, unverifiable otherwise.
fn claim_verdict(figures: &[CheckedFigure]) -> Verdict {
    if figures.iter().any(|f| f.status == Verdict::Contradicted) {
        Verdict::Contradicted
    } else if figures.iter().all(|f| f.status == Verdict::Supported) {
        Verdict::Supported
    } else {
        Verdict::Unverifiable
    }
}

/// For each claimed figure, the match to compare with (an index into its matches): the best
/// one that measures the same thing, preferring, among near-ties, the sentence that holds
/// most of the claim's figures; `None` when no match measures the same thing.
fn pick_together(all: &[&Matches]) -> Vec<Option<usize>> {
    type Place = (crate::article::ArticleKey, usize);
    let place = |m: &Match| (m.article.key(), m.article.figures[m.figure].sentence);
    // each figure's near-best matches that measure the same thing
    let near: Vec<Vec<(usize, Place)>> = all
        .iter()
        .map(|ms| {
            let Ok(ms) = ms else { return Vec::new() };
            let same = || {
                ms.iter()
                    .enumerate()
                    .filter(|(_, m)| m.other_thing.is_none())
            };
            let Some((_, best)) = same().next() else {
                return Vec::new();
            };
            same()
                .filter(|(_, m)| m.score >= best.score - SAME_SENTENCE_MARGIN)
                .map(|(k, m)| (k, place(m)))
                .collect()
        })
        .collect();
    let votes = |p: &Place| {
        near.iter()
            .filter(|n| n.iter().any(|(_, q)| q == p))
            .count()
    };
    near.iter()
        .zip(all)
        .map(|(n, ms)| {
            // a restated figure is the one; else the first (best) of those in the sentence
            // with the most votes
            if let Some(k) = ms
                .as_ref()
                .ok()
                .and_then(|ms| ms.iter().position(|m| m.aligned))
            {
                return Some(k);
            }
            let most = n.iter().map(|(_, p)| votes(p)).max()?;
            n.iter().find(|(_, p)| votes(p) == most).map(|(k, _)| *k)
        })
        .collect()
}

/// One claimed figure's verdict from its pick: supported or contradicted by the picked
/// article figure; else unverifiable, showing the best candidate and why it is not the same
/// thing.
fn checked(chars: &[char], f: &Found, ms: &Matches, pick: Option<usize>) -> CheckedFigure {
    let mut out = CheckedFigure {
        claimed: chars[f.span.clone()].iter().collect(),
        status: Verdict::Unverifiable,
        article: None,
        excerpt: None,
        reason: None,
        source: None,
        paragraph: None,
    };
    let ms = match ms {
        Ok(ms) => ms,
        Err(why) => {
            out.reason = Some(why.clone());
            return out;
        }
    };
    let shown = match pick {
        Some(k) => &ms[k],
        None => match ms.first() {
            Some(m) => m,
            None => {
                out.reason = Some("the article gives no comparable figure".into());
                return out;
            }
        },
    };
    // a claim without a period that states what the article gives for a period gone by
    // is not wrong, only unclear
    let earlier = ms
        .iter()
        .find(|m| m.other_period && m.status == Verdict::Supported);
    match (pick, earlier) {
        (Some(_), Some(m)) if shown.status == Verdict::Contradicted => {
            out.reason = m.other_thing.clone();
            let (article, article_fig) = (&m.article, &m.article.figures[m.figure]);
            out.article = Some(article_fig.text.clone());
            out.excerpt = Some(article.sentences[article_fig.sentence].text.clone());
            return out;
        }
        (Some(_), _) => {
            out.status = shown.status;
            if shown.status == Verdict::Unverifiable {
                out.reason = Some(format!(
                    "the article says {}, which does not settle the claimed figure",
                    shown.article.figures[shown.figure].text
                ));
            }
        }
        (None, _) => out.reason = shown.other_thing.clone(),
    }
    let (article, article_fig) = (&shown.article, &shown.article.figures[shown.figure]);
    let info = article.info();
    out.article = Some(article_fig.text.clone());
    out.excerpt = Some(article.sentences[article_fig.sentence].text.clone());
    out.paragraph = Some(ParagraphRef {
        article: info.key,
        paragraph: article_fig.paragraph as u32,
    });
    out.source = Some(info);
    out
}

/// Why an article figure may measure something else than the claimed one, if it may: a
/// noun of the claim that neither its sentence nor the text it leans on holds (华澜储能 against
/// a figure of 186家重点企业, 新能源汽车 against a rank of 动力电池), or a list item the claim
/// does not name (进出港航班's growth against a claim about 旅客).
fn other_thing(
    engine: &Lookup,
    q: &Question,
    claim: &Claim,
    a: &ParsedArticle,
    fid: usize,
) -> Option<String> {
    let f = &a.figures[fid];
    let context = context_text(engine, a, f);
    let find_in = |hay: &[char], form: &str, from: usize| {
        let form: Vec<char> = form.chars().collect();
        crate::corpus::find(hay, &form, from).map(|at| at..at + form.len())
    };
    let holds = |form: &str| find_in(&context, form, 0).is_some();
    // a word of the claim that only another figure's own phrase holds is that figure's
    let foreign = |word: &str| {
        let mut from = 0;
        let mut any = false;
        while let Some(r) = find_in(claim.chars, word, from) {
            if !claim.foreign[r.clone()].iter().all(|&x| x) {
                return false;
            }
            any = true;
            from = r.start + 1;
        }
        any
    };
    let missing = q.terms.iter().find(|t| {
        is_thing(engine, t, q)
            && !foreign(&t.text)
            && !holds(&t.text)
            && !t
                .alts
                .iter()
                .any(|(a, k)| *k >= SUBWORD && a.chars().count() >= 2 && holds(a))
    });
    if let Some(t) = missing {
        return Some(format!(
            "the article's figure {} is not about {}",
            f.text, t.text
        ));
    }
    let item = f.item.as_deref().filter(|i| !i.is_empty())?;
    let item = crate::text::normalize(item);
    let named = q.norm.contains(&item)
        || q.terms.iter().any(|t| {
            std::iter::once((t.text.as_str(), 1.0))
                .chain(t.alts.iter().map(|(a, k)| (a.as_str(), *k)))
                .any(|(w, k)| k >= SYNONYM && w.chars().count() >= 2 && item.contains(w))
        });
    (!named).then(|| format!("the article's figure {} is about {item}", f.text))
}

/// Why an article figure is for another period than the claim's: a claim that names no
/// period means the article's current one, not a year gone by (去年…).
fn other_period(q: &Question, a: &ParsedArticle, fid: usize) -> Option<String> {
    let f = &a.figures[fid];
    let year = a.article.reference_year;
    if q.scope_for(year).is_some() {
        return None; // the ranking kept only figures of the asked period
    }
    let scope = f.scope.as_ref().filter(|s| s.end.0 < year)?;
    Some(format!(
        "the article's figure {} is for {}",
        f.text, scope.label
    ))
}

/// A synonym's factor in a term's forms (sub-words have less).
const SYNONYM: f32 = 0.9;
/// A sub-word's factor (春节 in 春节假期).
const SUBWORD: f32 = 0.6;

/// Does a question term name the thing measured (a noun, not a place, a period, a unit, nor a
/// word of what kind of figure it is: 比重, 增速, 总额)?
fn is_thing(engine: &Lookup, t: &crate::question::Term, q: &Question) -> bool {
    let class = WordClass::of(&t.tag);
    let noun = class.is_noun() && class != WordClass::Place || class == WordClass::Abbreviation;
    let (f, qw) = (&engine.lex.figures, &engine.lex.question);
    let kind_word = [
        &f.share,
        &f.change,
        &f.decrease,
        &f.measure_nouns,
        &qw.rates,
    ]
    .iter()
    .any(|list| list.iter().any(|w| w == &t.text));
    noun && !kind_word && !t.optional && !q.places.iter().any(|p| p == &t.text)
}

/// The text a figure's words may come from: its sentence, its section's heading, and the
/// sentence before when this one leans on it (opens with a verb or a connective: 实现利润总额…
/// continues the subject of the sentence before).
fn context_text(engine: &Lookup, a: &ParsedArticle, f: &crate::figures::Figure) -> Vec<char> {
    let sid = f.sentence;
    let s = &a.sentences[sid];
    let mut v: Vec<char> = s.norm.clone();
    if let Some(h) = a.heading_sentences(sid) {
        for hs in &a.sentences[h] {
            v.push('|');
            v.extend(hs.norm.iter());
        }
    }
    if a.continues_previous(engine.lex, engine.seg, sid) {
        v.push('|');
        v.extend(a.sentences[sid - 1].norm.iter());
    }
    v
}

/// The question a claimed figure answers: the claim's words that belong to the figure (and
/// its time words), with the figure asked for (增长11.7% → 增长多少; 第五位 → 第几位), asking
/// for the claimed figure's kind.
fn claim_question(engine: &Lookup, chars: &[char], keep: &[bool], f: &Found) -> Question {
    let kept = |r: std::ops::Range<usize>| -> String {
        r.filter(|&k| keep[k]).map(|k| chars[k]).collect()
    };
    let templates = &engine.lex.templates;
    let unit = f.number.unit.as_deref().unwrap_or("");
    let ask = match f.number.kind {
        Kind::Rank => format!("{}{unit}", &*templates.which_rank),
        Kind::Amount | Kind::Count | Kind::Quantity => format!("{}{unit}", &*templates.how_many),
        _ => templates.how_many.to_string(),
    };
    let question = format!(
        "{}{ask}{}",
        kept(0..f.span.start),
        kept(f.span.end..chars.len())
    );
    let mut q = Analyzer::of(engine).analyse(&question);
    q.asked = match f.number.kind {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::tests::engine_of;

    const TRADE: &str = "海关快讯\n\n2023年，全市进出口8760亿元，增长4.6%。\n";

    fn verdicts(claim: &str) -> (Verdict, Vec<(String, Verdict)>) {
        let (_dir, engine) = engine_of(&[("trade", TRADE)]);
        let r = engine.with_view(|v| check(v, claim));
        let each = r
            .figures
            .iter()
            .map(|f| (f.claimed.clone(), f.status))
            .collect();
        (r.verdict, each)
    }

    #[test]
    fn each_figure_gets_its_verdict_and_the_claim_the_worst() {
        let (v, each) = verdicts("2023年全市进出口8760亿元，增长4.6%");
        assert_eq!(v, Verdict::Supported, "{each:?}");
        // the same amount written in 万亿 is the same figure
        assert_eq!(
            verdicts("2023年全市进出口0.876万亿元").0,
            Verdict::Supported
        );
        // one wrong figure makes the claim contradicted, the other stays supported
        let (v, each) = verdicts("2023年全市进出口8760亿元，增长5.6%");
        assert_eq!(v, Verdict::Contradicted);
        assert_eq!(
            each,
            [
                ("8760亿元".to_string(), Verdict::Supported),
                ("5.6%".to_string(), Verdict::Contradicted)
            ]
        );
        // nothing to check
        assert_eq!(verdicts("全市进出口稳中向好").0, Verdict::Unverifiable);
    }
}
