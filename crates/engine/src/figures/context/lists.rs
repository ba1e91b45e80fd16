//! Lists: a 分别 list gives each of its figures the item it stands for (对欧盟、东盟、美国
//! 出口分别增长17.4%、11.7%、18.7%), and an enumeration gives each figure its label.

use super::{
    first_words, is_name_like, last_words, raise, words_in, FigureContext, Frame, ITEM, OWN, SHARED,
};
use crate::knowledge::{match_at, starts_with_at};
use crate::text::sentences::{split_on, ITEM_SEPS};
use crate::text::{Word, WordClass};
use std::ops::Range;

/// 分别 lists: the values after 分别 map one to one onto the items before it, or, when the
/// clause has no list of its own, onto the items of the 分别 list before (`earlier`).
/// Returns the items when the clause had such a list and it was resolved.
pub(super) fn respectively(
    frame: &Frame,
    clause: &Range<usize>,
    idx: &[usize],
    earlier: Option<&ListItems>,
    out: &mut [FigureContext],
) -> Option<ListItems> {
    let s = frame.s();
    let p = (clause.start..clause.end)
        .find(|&i| match_at(&frame.lex.figures.respectively, s, i).is_some())?;
    let listed: Vec<usize> = idx
        .iter()
        .copied()
        .filter(|&i| frame.figs[i].span.start > p)
        .collect();
    if listed.len() < 2 {
        return None;
    }
    let (items, joiner) = list_items(frame, clause.start..p, listed.len()).or_else(|| {
        earlier
            .filter(|(items, _)| items.len() == listed.len())
            .cloned()
    })?;
    for (pos, &fi) in listed.iter().enumerate() {
        let ctx = &mut out[fi];
        // the whole clause is its phrase (shared prefix, predicate), other items are not
        ctx.weights[clause.clone()]
            .iter_mut()
            .for_each(|x| *x = OWN);
        for (other, r) in items.iter().enumerate() {
            if other != pos {
                ctx.weights[r.clone()].iter_mut().for_each(|x| *x = 0.0);
            }
        }
        ctx.weights[items[pos].clone()]
            .iter_mut()
            .for_each(|x| *x = x.max(OWN));
        ctx.item = Some(s[items[pos].clone()].iter().collect());
        if let Some(j) = &joiner {
            ctx.weights[j.clone()].iter_mut().for_each(|x| *x = 0.0);
        }
    }
    Some((items, joiner))
}

/// The `count` items of a list in `before` (the text before 分别): 、-separated parts, the
/// last two maybe joined by a conjunction (内地、美国和欧盟). The first part may hold a lead
/// the items share (对欧盟: 对), the last a shared suffix (美国出口: 出口): they are cut to
/// the nouns that make the item. Also returns where the conjunction stands.
/// The items of a list, and where a conjunction joins its last two.
pub(super) type ListItems = (Vec<Range<usize>>, Option<Range<usize>>);

pub(super) fn list_items(frame: &Frame, before: Range<usize>, count: usize) -> Option<ListItems> {
    let (s, words, fine) = (frame.s(), &frame.view.words[..], frame.fine);
    let mut parts = split_on(s, before, ITEM_SEPS);
    let mut joiner = None;
    if parts.len() + 1 == count {
        let last = parts.pop()?;
        let conj = (last.start + 1..last.end).find_map(|i| {
            match_at(&frame.lex.figures.conjunctions, s, i).map(|w| i..i + w.chars().count())
        });
        match conj {
            Some(c) if c.end < last.end => {
                parts.push(last.start..c.start);
                parts.push(c.end..last.end);
                joiner = Some(c);
            }
            _ => parts.push(last),
        }
    }
    if parts.len() != count {
        return None;
    }
    let k = parts.len();
    let word_count = |r: &Range<usize>| words_in(words, r).len().max(1);
    let mut items: Vec<Range<usize>> = parts.clone();
    // 全市新能源汽车 → 新能源汽车 (the nouns at its end); when that finds nothing, as many
    // words as its neighbour
    items[0] = noun_run(frame, &parts[0], true)
        .unwrap_or_else(|| last_words(words, &parts[0], word_count(&parts[1])));
    // the words after the last item are mostly the shared measure (航线数量, 产品出口): keep
    // the last item no longer than its neighbour
    let m_last = words_in(fine, &parts[k - 2]).len().max(1);
    items[k - 1] = match noun_run(frame, &parts[k - 1], false) {
        Some(run) => first_words(fine, &run, m_last),
        None => first_words(words, &parts[k - 1], word_count(&parts[k - 2])),
    };
    Some((items, joiner))
}

/// Parallel enumerations: 、-separated items in one clause, each with one figure of the same
/// kind. Each figure keeps its own label; the clause text outside the labels is shared.
/// Returns the labels, the items a later 分别 list without its own maps onto.
pub(super) fn enumeration(
    frame: &Frame,
    clause: &Range<usize>,
    idx: &[usize],
    out: &mut [FigureContext],
) -> Option<ListItems> {
    let (s, figs) = (frame.s(), frame.figs);
    let segs = split_on(s, clause.clone(), ITEM_SEPS);
    if segs.len() < 2 {
        return None;
    }
    // one quantity figure per segment, for a run of consecutive segments
    let run: Vec<(usize, usize)> = segs
        .iter()
        .enumerate()
        .filter_map(|(si, seg)| {
            idx.iter()
                .copied()
                .rfind(|&i| seg.contains(&figs[i].span.start) && !is_name_like(&figs[i]))
                .map(|fi| (si, fi))
        })
        .collect();
    if run.len() < 2 {
        return None;
    }
    let kind = figs[run[0].1].number.kind;
    if run.iter().any(|&(_, fi)| figs[fi].number.kind != kind) {
        return None; // 进出口3561.8亿元、增长1.9%: a measure and its growth, not a list
    }
    let labels = enumeration_labels(frame, &segs, &run, idx);
    let possessive = &frame.lex.figures.possessive;
    for (pos, &(_, fi)) in run.iter().enumerate() {
        let ctx = &mut out[fi];
        for (other, &(osi, _)) in run.iter().enumerate() {
            let seg = &segs[osi];
            if other == pos {
                // only the label is the item's own phrase; the lead is shared
                ctx.weights[seg.clone()].iter_mut().for_each(|x| *x = ITEM);
                ctx.weights[labels[other].clone()]
                    .iter_mut()
                    .for_each(|x| *x = OWN);
            } else {
                raise(&mut ctx.weights, seg.clone(), SHARED);
                ctx.weights[labels[other].clone()]
                    .iter_mut()
                    .for_each(|x| *x = 0.0);
            }
        }
        let mut label = labels[pos].clone();
        if starts_with_at(s, label.start, possessive) && label.len() > possessive.chars().count() {
            label.start += possessive.chars().count();
        }
        ctx.item = Some(s[label].iter().collect());
    }
    Some((labels, None))
}

/// The label of each item of an enumeration: before its number (全省2.9个) or after it
/// (67%的实际利用外资). `run` pairs each item's segment with its figure.
pub(super) fn enumeration_labels(
    frame: &Frame,
    segs: &[Range<usize>],
    run: &[(usize, usize)],
    idx: &[usize],
) -> Vec<Range<usize>> {
    let (figs, words) = (frame.figs, &frame.view.words[..]);
    let before = |si: usize, fi: usize| segs[si].start..figs[fi].span.start;
    let after = |si: usize, fi: usize| figs[fi].span.end..segs[si].end;
    let labels_after = run[1..].iter().all(|&(si, fi)| before(si, fi).is_empty())
        && !after(run[1].0, run[1].1).is_empty();
    run.iter()
        .enumerate()
        .map(|(pos, &(si, fi))| {
            if labels_after {
                return after(si, fi);
            }
            if pos > 0 {
                return before(si, fi);
            }
            // the first item's text holds the shared lead: keep as many words as the next label
            let m = words_in(words, &before(run[1].0, run[1].1)).len().max(1);
            let mut own = before(si, fi);
            // start after any other figure of the segment (12家…贡献了全市73%)
            if let Some(prev_end) = idx
                .iter()
                .map(|&i| &figs[i])
                .filter(|g| g.span.end <= figs[fi].span.start && segs[si].contains(&g.span.start))
                .map(|g| g.span.end)
                .max()
            {
                own.start = own.start.max(prev_end);
            }
            last_words(words, &own, m)
        })
        .collect()
}

/// The run of nouns at the end (`from_end`) or the start of `r`, if it is shorter than `r`
/// or `r` holds nothing else. Words that lead a list (全市, 其中) are no item nouns.
pub(super) fn noun_run(frame: &Frame, r: &Range<usize>, from_end: bool) -> Option<Range<usize>> {
    let inside = words_in(frame.fine, r);
    let leads = &frame.lex.derived.list_leads;
    let nounish = |w: &Word| {
        (w.class().is_noun() && w.class() != WordClass::Person
            || matches!(
                w.class(),
                WordClass::Abbreviation
                    | WordClass::Latin
                    | WordClass::AdjectiveNoun
                    | WordClass::Attributive
                    | WordClass::Numeral
            ))
            && !leads.contains(&w.text)
    };
    let run: Vec<&&Word> = if from_end {
        inside.iter().rev().take_while(|w| nounish(w)).collect()
    } else {
        inside.iter().take_while(|w| nounish(w)).collect()
    };
    let (first, last) = if from_end {
        (run.last()?, run.first()?)
    } else {
        (run.first()?, run.last()?)
    };
    Some(first.start..last.end)
}
