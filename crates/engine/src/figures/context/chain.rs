//! Topic chains: a figure whose clause has no subject of its own takes the words of the
//! clause that opened the chain (全市进出口8760亿元，增长4.6%: the 4.6% is of 进出口).

use super::{date_alone, enclosing_item, raise, FigureContext, Frame, CLAUSE, INHERITED, ITEM};
use crate::figures::Kind;
use crate::text::WordClass;

/// Chinese drops the subject of later clauses (topic chains): 8家境外合作区新增企业39家，
/// 新增投资1亿美元 — the second clause is still about 境外合作区. A clause or list item that
/// opens with a change word (增长15.4%, 占比49.8%) measures what the clauses before it
/// name; one that opens with a verb shares their subject; a date clause (5月15日，…) dates
/// the clause after it.
pub(super) fn topic_chain(frame: &Frame, i: usize, ctx: &mut FigureContext) {
    let (s, f) = (frame.s(), &frame.figs[i]);
    let clauses = &frame.clauses;
    let ci = frame
        .clause_of(f.span.start)
        .min(clauses.len().saturating_sub(1));
    let clause = clauses[ci].clone();
    let item = enclosing_item(s, &clause, f.span.start);
    // skip an opening quote: “增长…
    let lead_start = (item.start..f.span.start)
        .find(|&k| !matches!(s[k], '“' | '"'))
        .unwrap_or(f.span.start);
    let change = lead_start < f.span.start && frame.subjectless_at(lead_start, f.span.start);
    if change && item.start > clause.start {
        // earlier items of the same clause: 进出口3561.8亿元、增长1.9%
        raise(&mut ctx.weights, clause.start..item.start, INHERITED);
    }
    let opens_with_verb = frame
        .view
        .words
        .iter()
        .find(|w| {
            w.start >= clause.start
                && w.start < clause.end
                && w.text.chars().any(|c| c.is_alphanumeric())
        })
        .is_some_and(|w| {
            w.start == clause.start
                && matches!(
                    w.class(),
                    WordClass::Verb | WordClass::VerbalNoun | WordClass::Adverb
                )
                && !matches!(f.number.kind, Kind::Date)
        });
    let clause_change = frame.subjectless_at(clause.start, clause.end);
    if change || clause_change || opens_with_verb {
        // 增长11.3% measures what the clause before names: that is its own measure
        let weight = if change || clause_change {
            INHERITED
        } else {
            CLAUSE
        };
        let mut k = ci;
        while k > 0 {
            k -= 1;
            raise(&mut ctx.weights, clauses[k].clone(), weight);
            if !frame.subjectless_at(clauses[k].start, clauses[k].end) {
                break;
            }
        }
    }
    if f.number.kind == Kind::Date && date_alone(frame, &clause, f) {
        if let Some(next) = clauses.get(ci + 1) {
            raise(&mut ctx.weights, next.clone(), ITEM);
        }
        for c in clauses.iter().skip(ci + 2) {
            raise(&mut ctx.weights, c.clone(), CLAUSE);
        }
    }
}
