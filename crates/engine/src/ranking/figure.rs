//! How well a figure of a matching sentence answers: its kind and unit against the asked
//! ones, its period, whether it is the whole or a part, a figure the question itself
//! states, and the words that are its own.

use super::sentence::base_fit;
use super::sentence::Occurrence;
use super::weights::{KindEvidence, Weights, WEIGHTS};
use super::{Candidate, Parts, Ranker, SentenceScoring, Weighted};
use crate::corpus::{find, Sentence};
use crate::figures::context::ITEM;
use crate::figures::{Figure, Kind};
use crate::knowledge::{match_at, Lexicon, PERCENT};
use crate::question::{same_unit, Asked, Question, SYNONYM};

impl Ranker<'_> {
    /// One figure of the sentence; `None` when its period is not the asked one (a figure of
    /// another period is no answer at all).
    pub(super) fn figure_candidate(&self, sc: &SentenceScoring, fid: usize) -> Option<Candidate> {
        let w: &Weights = &WEIGHTS;
        let (q, s) = (sc.q, &sc.article.sentences[sc.sid]);
        let f = &sc.article.figures[fid];
        let weights = &sc.article.weights[fid];
        let scope_fit = match (sc.asked_scope, &f.scope) {
            (None, _) => None,
            (Some(a), Some(scope)) => Some(scope.fit(a, sc.year)),
            (Some(a), None) => Some(if a.start.0 <= sc.year && a.end.0 >= sc.year {
                w.unscoped_fit
            } else {
                0.0
            }),
        };
        if scope_fit == Some(0.0) {
            return None;
        }
        // a figure of another dimension is no answer (a length for 多少人, a count for 多长)
        let dfit = match dimension_fit(self.lex, q, f)? {
            Some(true) => w.dimension_match,
            Some(false) => 0.0,
            None => w.dimension_unknown,
        };
        let super::sentence::Recall {
            score: recall,
            gate,
        } = self.recall(sc, weights);
        let (fit, ufit) = self.kind_and_unit_fit(sc, f, weights);
        let ufit = ufit + dfit;
        let prec = self.precision(q, f);
        let focused = sc.focus.map_or(0.0, |fi| {
            focus_bonus(&sc.found[fi], f, weights, &sc.terms[fi])
        });
        // a figure the question itself states is what it asks about, never the answer
        if is_given(q, s, f) {
            return None;
        }
        let part = if self.unasked_part(sc, f) {
            w.part_unasked
        } else {
            0.0
        };
        // no period asked: the latest facts first, a year gone by after them
        let past = sc.asked_scope.is_none() && f.scope.as_ref().is_some_and(|x| x.end.0 < sc.year);
        let base = base_fit(self.lex, q, s, weights);
        let score = recall + w.scope * scope_fit.unwrap_or(0.0) - part + base
            - if past { w.past_unasked } else { 0.0 }
            + fit
            + ufit
            + w.precision * prec
            + focused
            - sc.display_penalty;
        let parts = Parts {
            kind: fit,
            unit: ufit,
            precision: prec,
            focus: focused,
            scope: scope_fit.unwrap_or(-1.0),
        };
        Some(Candidate {
            article: sc.article.clone(),
            sentence: sc.sid,
            figure: Some(fid),
            score,
            recall,
            gate,
            parts,
        })
    }

    /// How the figure's kind and unit fit the question's (a change's end counted with the
    /// unit: 降到多少 asks for the value a change ends at, not the one it starts from).
    fn kind_and_unit_fit(&self, sc: &SentenceScoring, f: &Figure, weights: &[f32]) -> (f32, f32) {
        let (w, q, s) = (&WEIGHTS, sc.q, &sc.article.sentences[sc.sid]);
        let end_fit = match (q.change_end, f.change_end) {
            (Some(a), Some(b)) if a == b => w.change_end,
            (Some(_), Some(_)) => -w.change_end,
            _ => 0.0,
        };
        // 1.25億視杆細胞 for 多少個視杆細胞: a bare number before the counted noun counts it
        if counts_focus(self.lex, q, s, f) {
            let as_count = KindEvidence {
                kind: Kind::Count,
                change_words: false,
                share_words: false,
                name_like: false,
            };
            return (w.kind.of(q.asked, as_count), w.unit_match + end_fit);
        }
        let unit = unit_fit(self.lex, q.unit.as_deref(), f);
        (self.kind_fit(sc, f, weights), unit + end_fit)
    }

    /// Is the figure a part of a whole stated before it (after 其中) that the question does
    /// not name? The question names the part when one of its words stands, as a word of its
    /// own, between the marker and the figure but not in the whole (城镇 in 城镇人口; not
    /// 人口, which the whole has too).
    pub(super) fn unasked_part(&self, sc: &SentenceScoring, f: &Figure) -> bool {
        let s = &sc.article.sentences[sc.sid];
        let markers = &self.lex.figures.part_markers;
        let Some((marker_at, after)) = (0..f.span.start)
            .rev()
            .find_map(|i| match_at(markers, &s.norm, i).map(|m| (i, i + m.chars().count())))
            .filter(|&(_, a)| a <= f.span.start)
            .or_else(|| self.open_bracket_before(&s.norm, f.span.start))
        else {
            return false;
        };
        let whole_here = 0..marker_at;
        let part = after..f.span.start;
        let prev = (sc.sid > sc.article.paragraph_of(sc.sid).start && marker_at == 0)
            .then(|| &sc.article.sentences[sc.sid - 1]);
        let named_in = |s: &Sentence, r: &std::ops::Range<usize>, t: &Weighted| {
            t.forms
                .iter()
                .filter(|f| f.factor >= SYNONYM && s.chars.may_hold(f.set))
                .any(|form| {
                    let mut from = r.start;
                    while let Some(at) = find(&s.norm, &form.chars, from) {
                        let end = at + form.chars.len();
                        if end > r.end {
                            break;
                        }
                        if s.bounds[at] && s.bounds[end] {
                            return true;
                        }
                        from = at + 1;
                    }
                    false
                })
        };
        !sc.terms.iter().zip(&sc.q.terms).any(|(w, t)| {
            !w.optional
                && t.weight >= 0.5
                && named_in(s, &part, w)
                && !named_in(s, &whole_here, w)
                && !prev.is_some_and(|p| named_in(p, &(0..p.norm.len()), w))
        })
    }

    /// The bracket a figure at `at` stands inside, after a figure stated before it (where
    /// it opens, where its text starts): 8700余人 in 5万余人死亡（…郯城死亡8700余人）.
    fn open_bracket_before(&self, s: &[char], at: usize) -> Option<(usize, usize)> {
        self.lex.figures.part_brackets.iter().find_map(|pair| {
            let mut pair = pair.chars();
            let (open, close) = (pair.next()?, pair.next()?);
            let opened = s[..at].iter().rposition(|&c| c == open || c == close)?;
            let whole_before = s[..opened].iter().any(char::is_ascii_digit);
            (s[opened] == open && whole_before).then_some((opened, opened + 1))
        })
    }

    /// The fit of a figure's kind to the asked kind; a kind read from a cue word weighs
    /// less than one read from an asked unit.
    pub(super) fn kind_fit(&self, sc: &SentenceScoring, f: &Figure, w: &[f32]) -> f32 {
        let (lex, q) = (self.lex, sc.q);
        let s = &sc.article.sentences[sc.sid];
        let evidence = KindEvidence {
            kind: f.number.kind,
            change_words: owns_any(&s.change_words, w),
            share_words: owns_any(&s.share_words, w) || of_whole(lex, s, f),
            name_like: crate::figures::is_top_n(lex, f.number.kind, f.number.unit.as_deref()),
        };
        let fit = WEIGHTS.kind.of(q.asked, evidence);
        let from_cue = q.unit.is_none() && matches!(q.asked, Asked::Amount | Asked::Count);
        if fit < 0.0 && from_cue {
            fit * WEIGHTS.cue_kind
        } else {
            fit
        }
    }

    /// Share of the figure's measure (idf-weighted words) that the question names.
    pub(super) fn precision(&self, q: &Question, f: &Figure) -> f32 {
        let qn: Vec<char> = q.norm.chars().collect();
        let (mut covered, mut total) = (0.0f32, 0.0f32);
        for t in &f.core_terms {
            let idf = self.idf(self.searcher.doc_freq(t));
            total += idf;
            let tc: Vec<char> = t.chars().collect();
            let hit = find(&qn, &tc, 0).is_some()
                || q.terms.iter().any(|qt| {
                    qt.text.contains(t.as_str())
                        || (qt.text.chars().count() >= 2 && t.starts_with(&qt.text))
                        || qt
                            .alts
                            .iter()
                            .any(|(a, k)| *k >= SYNONYM && (a == t || t.contains(a.as_str())))
                });
            if hit {
                covered += idf;
            }
        }
        if total == 0.0 {
            WEIGHTS.precision_unknown
        } else {
            covered / total
        }
    }
}

/// The focus bonus: the focus word in the figure's own phrase, and as what a count counts
/// (how many X: 179家…企业, not 406个项目).
pub(super) fn focus_bonus(
    found: &[Occurrence],
    f: &Figure,
    weights: &[f32],
    focus: &Weighted,
) -> f32 {
    let own = crate::figures::context::OWN;
    let mut bonus = 0.0;
    if found
        .iter()
        .any(|o| weights[o.at.clone()].iter().all(|&w| w >= own))
    {
        bonus += WEIGHTS.focus;
    }
    let counted: Vec<char> = f.counted.chars().collect();
    if focus
        .forms
        .iter()
        .any(|form| find(&counted, &form.chars, 0).is_some())
    {
        bonus += WEIGHTS.focus;
    }
    bonus
}

/// Is the figure one the question itself states (a given, not the answer)?
pub(super) fn is_given(q: &Question, s: &Sentence, f: &Figure) -> bool {
    if q.given.is_empty() {
        return false;
    }
    let text: String = s.norm[f.span.clone()].iter().collect();
    q.given
        .iter()
        .any(|g| g.contains(&text) || text.contains(g.as_str()))
}

/// Does one of these words belong to the figure (its chars weigh at least an item's)?
pub(super) fn owns_any(at: &[std::ops::Range<usize>], w: &[f32]) -> bool {
    at.iter().any(|r| w[r.clone()].iter().all(|&v| v >= ITEM))
}

/// The possessive right before the number: 达到全省的1/3, 占全省的17.4%.
pub(super) fn of_whole(lex: &Lexicon, s: &Sentence, f: &Figure) -> bool {
    let p = &lex.figures.possessive;
    let n = p.chars().count();
    f.span.start >= n && crate::knowledge::starts_with_at(&s.norm, f.span.start - n, p)
}

/// A bare number written right before the noun a how-many question counts (1.25億視杆細胞
/// for 多少個視杆細胞, 600万人口 for 多少人口): it counts that noun, its classifier left out
/// as written Chinese does with large numbers.
fn counts_focus(lex: &Lexicon, q: &Question, s: &Sentence, f: &Figure) -> bool {
    // a unit asked (多少人) is what is counted: 747客机 counts no 人
    let generic = q
        .unit
        .as_deref()
        .is_none_or(|u| u == &*lex.units.generic_classifier);
    let bare = generic && f.number.unit.is_none() && f.number.kind == Kind::Number;
    let Some(focus) = q
        .focus
        .as_deref()
        .filter(|_| bare && q.asked == Asked::Count)
    else {
        return false;
    };
    let focus: Vec<char> = focus.chars().collect();
    let after = s.norm.get(f.span.end..f.span.end + focus.len());
    focus.len() >= 2 && after == Some(&focus[..])
}

pub(super) fn unit_fit(lex: &Lexicon, asked: Option<&str>, f: &Figure) -> f32 {
    let Some(a) = asked else { return 0.0 };
    let generic = a == &*lex.units.generic_classifier;
    match f.number.unit.as_deref() {
        Some(u) if same_unit(lex, a, u) => WEIGHTS.unit_match,
        Some(_) if generic && f.number.kind == Kind::Count => WEIGHTS.unit_generic,
        _ => WEIGHTS.unit_mismatch,
    }
}

/// The group a candidate's figure covers: a count of firms, projects or people standing
/// before it in its sentence whose counted thing is part of what the figure measures
/// (186家新能源重点企业 in 186家新能源重点企业实现营业收入5863.7亿元), as written.
pub(super) fn group_of(c: &Candidate) -> Option<String> {
    let a = &c.article;
    let s = &a.sentences[c.sentence];
    let lead = &a.figures[c.figure?];
    let measure = lead.measure.as_deref().unwrap_or_default();
    s.figures
        .clone()
        .map(|id| &a.figures[id])
        .rfind(|f| {
            f.number.kind == Kind::Count
                && f.span.end <= lead.span.start
                && !f.counted.is_empty()
                && measure.contains(&f.counted)
        })
        .map(|f| format!("{}{}", f.text, f.counted))
}

/// The dimensions a figure measures: its unit's (`[dimensions]`, the units of time), and
/// `percent` for rates and shares; `None` for a bare number, whose unit nothing says.
pub(super) fn dimensions_of<'l>(lex: &'l Lexicon, f: &Figure) -> Option<Vec<&'l str>> {
    match (f.number.kind, f.number.unit.as_deref()) {
        (Kind::Percent | Kind::Fraction | Kind::PercentagePoints, _) => Some(vec![PERCENT]),
        (Kind::Number, None) => None,
        // a date is when, not how long
        (Kind::Date, _) => Some(Vec::new()),
        (_, Some(u)) => Some(lex.dimensions_of(u)),
        (_, None) => Some(Vec::new()),
    }
}

/// How a figure fits the dimensions asked: `Some(Some(true))` a dimension asked,
/// `Some(Some(false))` none asked, `Some(None)` a bare number (nothing known), `None` a figure
/// of another dimension, which is no answer.
fn dimension_fit(lex: &Lexicon, q: &Question, f: &Figure) -> Option<Option<bool>> {
    if q.dimensions.is_empty() {
        return Some(Some(false));
    }
    match dimensions_of(lex, f) {
        None => Some(None),
        Some(dims) => dims
            .iter()
            .any(|d| q.dimensions.iter().any(|a| a == d))
            .then_some(Some(true)),
    }
}

#[cfg(test)]
mod tests {
    use crate::archive::Lookup;
    use crate::engine::tests::engine_of;
    use crate::question::Analyzer;
    use crate::ranking::Ranker;

    const TRADE: &str = "海关快讯\n\n2023年，全市进出口8760亿元，增长4.6%。\n";

    /// The figures of the candidates of `q`, best first, with their scores.
    fn ranked(v: &Lookup, q: &str) -> Vec<(String, f32)> {
        let q = Analyzer::of(v).analyse(q);
        let ranked = Ranker::of(v).candidates(&q, true);
        ranked
            .cands
            .iter()
            .filter_map(|c| Some((c.article.figures[c.figure?].text.clone(), c.score)))
            .collect()
    }

    #[test]
    fn the_asked_kind_picks_the_figure_of_the_sentence() {
        let (_dir, engine) = engine_of(&[("trade", TRADE)]);
        engine.with_view(|v| {
            // a change is asked: the rate fits, the amount of the same sentence does not
            let growth = ranked(v, "2023年全市进出口增长多少");
            assert_eq!(growth[0].0, "4.6%", "{growth:?}");
            // an amount is asked: the other way round
            let amount = ranked(v, "2023年全市进出口多少亿元");
            assert_eq!(amount[0].0, "8760亿元", "{amount:?}");
            // the rate of the same sentence stays a candidate, far behind: a rate is no
            // amount in 元
            let rate = amount.iter().find(|(t, _)| t == "4.6%").map(|c| c.1);
            assert!(rate.is_none_or(|r| amount[0].1 - r >= 1.0), "{amount:?}");
        });
    }
}
