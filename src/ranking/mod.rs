//! Ranking: which figures of which sentences answer a question, best first.
//!
//! Candidates come from the index (BM25 over sentences); each figure of a candidate sentence
//! is then scored on:
//! - recall: how much of the question (idf-weighted) its own words cover, using the
//!   per-figure weights from `figures::context` (so 17.4% is about 欧盟, not 东盟);
//! - precision: how much of what the figure measures the question names (新三样's share is
//!   not the city's share);
//! - fit of kind, unit and time scope to what is asked.
//!
//! A figure of another period, or one covering too little of the question, is dropped: the
//! answer stage ([`crate::answer`]) then says `not_found` rather than offering it.

use crate::corpus::{find, Corpus, Sentence};
use crate::figures::context::ITEM;
use crate::figures::{Figure, Kind};
use crate::index::SearchIndex;
use crate::knowledge::Lexicon;
use crate::question::{same_unit, Asked, Question, Term};

/// The least share of the question a figure's words must cover to be offered.
const MIN_RECALL: f32 = 0.5;
/// Bonus when the question's focus word (the noun after 多少, or its last word) is in the
/// figure's own phrase.
const FOCUS_BONUS: f32 = 0.25;
/// How much the share of a figure's measure named by the question counts.
const PRECISION_WEIGHT: f32 = 0.5;
/// Weight of words found only in the heading or the previous sentence.
const NEARBY: f32 = 0.3;

/// The scored candidates of a question, best first, and why some were dropped.
#[derive(Default)]
pub(crate) struct Ranked {
    pub(crate) cands: Vec<Candidate>,
    weak: bool,
    scope_rejected: bool,
    error: Option<String>,
}

/// A sentence, or one figure of it, that may answer the question.
pub(crate) struct Candidate {
    pub(crate) sentence: usize,
    pub(crate) figure: Option<usize>,
    pub(crate) score: f32,
    recall: f32,
    /// The parts of the score, for `--explain`.
    why: String,
}

/// Ranks the corpus's figures for a question.
pub(crate) struct Ranker<'a> {
    pub(crate) corpus: &'a Corpus,
    pub(crate) index: &'a SearchIndex,
    pub(crate) lex: &'a Lexicon,
}

/// A term with its idf and the forms to look for.
struct Weighted {
    forms: Vec<(Vec<char>, f32)>,
    weight: f32,
}

impl<'a> Ranker<'a> {
    /// The scored candidates, best first, as text lines (for `ask --explain`).
    pub(crate) fn explain(&self, q: &Question) -> Vec<String> {
        let weighted = self.weigh(&q.terms);
        let mut lines: Vec<String> = q
            .terms
            .iter()
            .zip(&weighted)
            .map(|(t, w)| {
                format!(
                    "term {} (tag {}, weight {:.2}, alts {:?})",
                    t.text, t.tag, w.weight, t.alts
                )
            })
            .collect();
        let ranked = self.candidates(q, false);
        for c in ranked.cands.iter().take(12) {
            let fig = c
                .figure
                .map(|f| self.corpus.figures[f].text.clone())
                .unwrap_or_else(|| "(sentence)".into());
            let text: String = self.corpus.sentences[c.sentence]
                .text
                .chars()
                .take(40)
                .collect();
            lines.push(format!(
                "{:>6.3} recall {:.2} {:<12} {} | {}",
                c.score, c.recall, fig, c.why, text
            ));
        }
        lines
    }

    /// Score every candidate the index finds, best first. With `strict`, candidates that
    /// cover too little of the question are dropped.
    pub(crate) fn candidates(&self, q: &Question, strict: bool) -> Ranked {
        let weighted = self.weigh(&q.terms);
        let query: Vec<(String, f32)> = q
            .terms
            .iter()
            .flat_map(|t| {
                std::iter::once((t.text.clone(), t.weight))
                    .chain(t.alts.iter().map(|(a, f)| (a.clone(), t.weight * f)))
            })
            .collect();
        let mut ranked = Ranked::default();
        let hits = match self.index.search_sentences(&query, 80) {
            Ok(h) => h,
            Err(e) => {
                ranked.error = Some(format!("search failed: {e}"));
                return ranked;
            }
        };
        let mut seen = std::collections::HashSet::new();
        for (sid, _bm25) in hits {
            let sid = self
                .corpus
                .sentences
                .get(sid)
                .and_then(|s| s.duplicate_of)
                .unwrap_or(sid);
            if seen.insert(sid) {
                self.score_sentence(
                    q,
                    &weighted,
                    sid,
                    &mut ranked.cands,
                    &mut ranked.scope_rejected,
                );
            }
        }
        if strict {
            // a candidate that covers too little of the question is no answer at all
            ranked.weak =
                !ranked.cands.is_empty() && ranked.cands.iter().all(|c| c.recall < MIN_RECALL);
            ranked.cands.retain(|c| c.recall >= MIN_RECALL);
        }
        ranked.cands.sort_by(|a, b| b.score.total_cmp(&a.score));
        ranked
    }

    /// The article figures that could answer `q`, best first: (figure id, score), or why
    /// there are none. Used by the fact-check.
    pub(crate) fn figure_candidates(&self, q: &Question) -> Result<Vec<(usize, f32)>, String> {
        if let Some(u) = q.unknown.first() {
            return Err(format!("the article does not mention {u}"));
        }
        let ranked = self.candidates(q, true);
        let figs: Vec<(usize, f32)> = ranked
            .cands
            .iter()
            .filter_map(|c| c.figure.map(|f| (f, c.score)))
            .collect();
        if figs.is_empty() {
            return Err(ranked.why_none());
        }
        Ok(figs)
    }

    fn weigh(&self, terms: &[Term]) -> Vec<Weighted> {
        let n = self.corpus.live_sentences().max(1) as f32;
        terms
            .iter()
            .map(|t| {
                let df = self.corpus.doc_freq(&t.text).max(
                    t.alts
                        .iter()
                        .filter(|(_, f)| *f >= 0.9)
                        .map(|(a, _)| self.corpus.doc_freq(a))
                        .max()
                        .unwrap_or(0),
                );
                let idf = (1.0 + n / (1.0 + df as f32)).ln();
                let mut forms = vec![(t.text.chars().collect::<Vec<char>>(), 1.0)];
                forms.extend(t.alts.iter().map(|(a, f)| (a.chars().collect(), *f)));
                Weighted {
                    forms,
                    weight: idf * t.weight,
                }
            })
            .collect()
    }

    fn score_sentence(
        &self,
        q: &Question,
        terms: &[Weighted],
        sid: usize,
        out: &mut Vec<Candidate>,
        scope_rejected: &mut bool,
    ) {
        let s = &self.corpus.sentences[sid];
        let total: f32 = terms.iter().map(|t| t.weight).sum::<f32>().max(1e-6);
        let nearby = self.nearby_text(sid);
        let nearby_match = |t: &Weighted| -> f32 {
            t.forms
                .iter()
                .filter(|(f, _)| find(&nearby, f, 0).is_some())
                .map(|(_, k)| k * NEARBY)
                .fold(0.0, f32::max)
        };
        let block_penalty = match s.kind {
            crate::article::BlockKind::Headline
            | crate::article::BlockKind::Subtitle
            | crate::article::BlockKind::Caption => 0.1,
            _ => 0.0,
        };
        let asked_scope = q.scope_for(s.article);
        let focus: Option<&Weighted> = q
            .focus
            .as_ref()
            .and_then(|f| q.terms.iter().position(|t| &t.text == f))
            .map(|i| &terms[i]);
        let year = self.corpus.articles[s.article].reference_year;

        // the sentence as a whole (for which/who/where questions and sentences without figures)
        let flat = vec![1.0f32; s.norm.len()];
        let recall_s = terms
            .iter()
            .map(|t| t.weight * match_term(s, &flat, t).max(nearby_match(t)))
            .sum::<f32>()
            / total;
        let scope_ok_s = match (asked_scope, &s.scope) {
            (Some(a), Some(sc)) => sc.fit(a, year) > 0.0,
            (Some(a), None) => a.start.0 <= year && a.end.0 >= year,
            _ => true,
        };
        if scope_ok_s && !q.wants_number {
            let bonus = if q.asked == Asked::Entity { 0.2 } else { -0.15 };
            out.push(Candidate {
                sentence: sid,
                figure: None,
                score: recall_s + bonus - block_penalty,
                recall: recall_s,
                why: String::new(),
            });
        }

        if q.asked == Asked::Entity {
            return; // which / who / where: the sentence answers, not one of its numbers
        }
        for fid in s.figures.clone() {
            let f = &self.corpus.figures[fid];
            let w = &self.corpus.weights[fid];
            let recall = terms
                .iter()
                .map(|t| t.weight * match_term(s, w, t).max(nearby_match(t)))
                .sum::<f32>()
                / total;
            // time: a figure of another period is no answer at all
            let scope_fit = match (asked_scope, &f.scope) {
                (None, _) => None,
                (Some(a), Some(sc)) => Some(sc.fit(a, year)),
                (Some(a), None) => Some(if a.start.0 <= year && a.end.0 >= year {
                    0.5
                } else {
                    0.0
                }),
            };
            if scope_fit == Some(0.0) {
                *scope_rejected = true;
                continue;
            }
            // a figure the question itself states is a given, not the answer
            let ftext: String = s.norm[f.span.clone()].iter().collect();
            let given = q
                .given
                .iter()
                .any(|g| g.contains(&ftext) || ftext.contains(g.as_str()));
            let mut fit = kind_fit(q.asked, f, s, w, self.lex);
            if fit < 0.0 && q.unit.is_none() && matches!(q.asked, Asked::Amount | Asked::Count) {
                // a kind read from a cue word (…进出口额) is weaker than an asked unit
                // (多少亿元): the article may give that measure as a share
                fit *= 0.4;
            }
            let ufit = unit_fit(q.unit.as_deref(), f);
            let prec = self.precision(q, f);
            let mut focused = 0.0;
            if let Some(fw) = focus {
                if match_term(s, &own_only(w), fw) > 0.0 {
                    focused += FOCUS_BONUS;
                }
                // how many X: X is what the count counts (179家…企业, not 406个项目)
                let counted: Vec<char> = f.counted.chars().collect();
                if fw
                    .forms
                    .iter()
                    .any(|(form, _)| find(&counted, form, 0).is_some())
                {
                    focused += FOCUS_BONUS;
                }
            }
            let score = recall + 0.25 * scope_fit.unwrap_or(0.0) - if given { 1.0 } else { 0.0 }
                + fit
                + ufit
                + PRECISION_WEIGHT * prec
                + focused
                - block_penalty;
            let why = format!(
                "kind {fit:+.2} unit {ufit:+.2} prec {prec:.2} focus {focused:+.2} scope {:.2}",
                scope_fit.unwrap_or(-1.0)
            );
            out.push(Candidate {
                sentence: sid,
                figure: Some(fid),
                score,
                recall,
                why,
            });
        }
    }

    /// Heading and previous sentence of the paragraph, normalised.
    fn nearby_text(&self, sid: usize) -> Vec<char> {
        let mut v: Vec<char> = Vec::new();
        if let Some(h) = self.corpus.heading_of(sid) {
            v.extend(crate::text::normalize(h).chars());
        }
        let para = self.corpus.paragraph_of(sid);
        if sid > para.start {
            v.push('|');
            v.extend(self.corpus.sentences[sid - 1].norm.iter());
        }
        v
    }

    /// Share of the figure's measure (idf-weighted words) that the question names.
    fn precision(&self, q: &Question, f: &Figure) -> f32 {
        let qn: Vec<char> = q.norm.chars().collect();
        let (mut covered, mut total) = (0.0f32, 0.0f32);
        for (t, idf) in &f.core_terms {
            total += idf;
            let tc: Vec<char> = t.chars().collect();
            let hit = find(&qn, &tc, 0).is_some()
                || q.terms.iter().any(|qt| {
                    qt.text.contains(t.as_str())
                        || (qt.text.chars().count() >= 2 && t.starts_with(&qt.text))
                        || qt
                            .alts
                            .iter()
                            .any(|(a, k)| *k >= 0.9 && (a == t || t.contains(a.as_str())))
                });
            if hit {
                covered += idf;
            }
        }
        if total == 0.0 {
            0.5
        } else {
            covered / total
        }
    }
}

/// Best match of a term in a sentence under per-char weights: an occurrence counts with the
/// lowest weight of its chars, fully when it is a whole word, less inside a longer word
/// (出口 in 进出口).
fn match_term(s: &Sentence, weights: &[f32], t: &Weighted) -> f32 {
    let mut best = 0.0f32;
    for (form, factor) in &t.forms {
        let mut from = 0;
        while let Some(at) = find(&s.norm, form, from) {
            let end = at + form.len();
            let w = weights[at..end]
                .iter()
                .copied()
                .fold(f32::INFINITY, f32::min);
            let whole = s.bounds[at] && s.bounds[end];
            let m = w * factor * if whole { 1.0 } else { 0.75 };
            best = best.max(m);
            from = at + 1;
        }
    }
    best
}

/// Weights reduced to the figure's own phrase.
fn own_only(w: &[f32]) -> Vec<f32> {
    w.iter()
        .map(|&x| {
            if x >= crate::figures::context::OWN {
                1.0
            } else {
                0.0
            }
        })
        .collect()
}

/// Words near a figure that say it is a change (增长 4.6%) or a share (占 27%).
fn own_words_have(s: &Sentence, w: &[f32], words: &[&str]) -> bool {
    words.iter().any(|x| {
        let xc: Vec<char> = x.chars().collect();
        let mut from = 0;
        while let Some(at) = find(&s.norm, &xc, from) {
            // a whole word: 增加 in 增加值 (value added) is no change
            let whole = s.bounds[at] && s.bounds[at + xc.len()];
            if whole && w[at..at + xc.len()].iter().all(|&v| v >= ITEM) {
                return true;
            }
            from = at + 1;
        }
        false
    })
}

const CHANGE: &[&str] = &[
    "增长", "增速", "下降", "提高", "提升", "增加", "减少", "增幅", "降幅", "上涨", "回落",
];
const SHARE: &[&str] = &["占", "比重", "占比", "份额", "比例"];

fn kind_fit(asked: Asked, f: &Figure, s: &Sentence, w: &[f32], lex: &Lexicon) -> f32 {
    let name_like = lex.is_top_n(f.kind, f.unit.as_deref());
    match asked {
        Asked::Growth => match f.kind {
            Kind::Percent | Kind::Multiple if own_words_have(s, w, CHANGE) => 0.35,
            Kind::PercentagePoints => 0.2,
            Kind::Percent => 0.0,
            _ => -0.4,
        },
        Asked::Share => match f.kind {
            // a fraction is a share by nature; so is a percent "of" a whole (全省的17.4%)
            Kind::Fraction => 0.35,
            Kind::Percent if own_words_have(s, w, SHARE) || of_whole(s, f) => 0.35,
            Kind::Percent => 0.05,
            _ => -0.4,
        },
        Asked::Rank => match f.kind {
            Kind::Rank if !name_like => 0.35,
            _ => -0.4,
        },
        Asked::Date => match f.kind {
            Kind::Date => 0.35,
            Kind::Period => 0.1,
            _ => -0.5,
        },
        Asked::Count => match f.kind {
            Kind::Count => 0.3,
            Kind::Amount | Kind::Quantity => -0.1,
            _ => -0.4,
        },
        Asked::Amount => match f.kind {
            Kind::Amount | Kind::Quantity => 0.3,
            Kind::Count => -0.1,
            _ => -0.4,
        },
        Asked::Entity => -0.2,
        Asked::Any => match f.kind {
            Kind::Date | Kind::Period => -0.2,
            _ if name_like => -0.3,
            _ => 0.0,
        },
    }
}

/// 的 right before the number: 达到全省的1/3, 占全省的17.4%.
fn of_whole(s: &Sentence, f: &Figure) -> bool {
    f.span.start > 0 && s.norm[f.span.start - 1] == '的'
}

fn unit_fit(asked: Option<&str>, f: &Figure) -> f32 {
    let Some(a) = asked else { return 0.0 };
    match f.unit.as_deref() {
        Some(u) if same_unit(a, u) => 0.25,
        Some(_) if a == "个" && f.kind == Kind::Count => 0.05,
        _ => -0.4,
    }
}

impl Ranked {
    /// Why nothing was found, in words.
    pub(crate) fn why_none(&self) -> String {
        if let Some(e) = &self.error {
            e.clone()
        } else if self.weak {
            "the article does not say".into()
        } else if self.scope_rejected {
            "the article gives no figure for that period".into()
        } else {
            "nothing in the article matches the question".into()
        }
    }
}
