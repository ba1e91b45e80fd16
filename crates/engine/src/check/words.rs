//! Which words of a claim belong to which of its figures: each figure's own clauses and
//! time words, and the phrases that are another figure's.

use crate::figures::context::{FigureContext, CLAUSE, OWN};
use crate::figures::extract::Found;
use crate::figures::scope::{ScopeKind, TimeMark};
use crate::knowledge::{match_at, Lexicon};

/// The words of the claim that belong to its figure `i` (`keep`: its own clauses, and the
/// time words before it, or anywhere when none come before, as English puts "in 2023"
/// last) and those that are another figure's own phrase (`foreign`: 利润总额 in
/// 186家企业利润总额增长3.6% belongs to 3.6%, not to the count).
pub(super) fn claim_words(
    lex: &Lexicon,
    chars: &[char],
    all: &[Found],
    ctxs: &[FigureContext],
    marks: &[TimeMark],
    quantities: &[usize],
    i: usize,
) -> (Vec<bool>, Vec<bool>) {
    let (f, ctx) = (&all[i], &ctxs[i]);
    let before = marks.iter().any(|m| m.span.end <= f.span.start);
    // a time in the figure's own clause is its time (從1990年的約二百一十家，減少到2023年的
    // 六十四家 gives 六十四家 2023); with none there, the times before it in the sentence
    let clause_break = |r: std::ops::Range<usize>| {
        r.clone()
            .any(|k| match_at(&lex.several.clause_marks, chars, k).is_some())
    };
    let in_clause =
        |m: &TimeMark| m.span.end <= f.span.start && !clause_break(m.span.end..f.span.start);
    let clause_has_time = marks.iter().any(in_clause);
    let own_before =
        |m: &TimeMark| m.span.end <= f.span.start && (!clause_has_time || in_clause(m));
    let placed = |m: &TimeMark| {
        if before {
            own_before(m)
        } else {
            m.span.start < f.span.end || !clause_break(f.span.end..m.span.start)
        }
    };
    // a date said beside 目前 is the time (目前已知最重的个体于2009年…捕获): 目前 then only
    // says "so far"
    let dated = marks
        .iter()
        .any(|m| placed(m) && m.scope.kind == ScopeKind::Calendar);
    let kept_mark = |m: &TimeMark| placed(m) && !(dated && m.scope.kind == ScopeKind::Now);
    let keep = (0..chars.len())
        .map(|k| {
            ctx.weights[k] >= CLAUSE || marks.iter().any(|m| m.span.contains(&k) && kept_mark(m))
        })
        .collect();
    let foreign = (0..chars.len())
        .map(|k| {
            ctx.weights[k] < OWN
                && quantities
                    .iter()
                    .any(|&j| j != i && ctxs[j].weights[k] >= OWN)
        })
        .collect();
    (keep, foreign)
}
