//! What a figure measures: the words of its sentence that belong to it.
//!
//! Each figure gets a weight for every char of its sentence: 1 for its own phrase, less for
//! the rest of its list item, clause and sentence, and 0 for words that belong to another
//! figure of a list. Two list forms are resolved item by item:
//!
//! - 分别 lists: 对欧盟、东盟、美国出口分别增长17.4%、11.7%、18.7% — 17.4% is about 欧盟 and
//!   出口 and 增长, and never about 东盟.
//! - parallel enumerations: 高于全国4.4个、全省2.9个百分点, 全市73%的进出口额、67%的实际利用
//!   外资 — each number has its own label, the rest of the clause is shared.
//!
//! The ranking scores question words against these weights, so "青岛对东盟出口增长多少" finds
//! 11.7% and not the first number of the sentence.

use std::ops::Range;

use super::extract::Found;
use super::scope::TimeMark;
use super::{Kind, SentenceView};
use crate::knowledge::{match_at, match_before, starts_with_at, Lexicon};
use crate::text::sentences::{split_on, CLAUSE_SEPS, ITEM_SEPS};
use crate::text::Word;

pub(crate) const OWN: f32 = 1.0;
pub(crate) const ITEM: f32 = 0.9;
pub(crate) const CLAUSE: f32 = 0.7;
pub(crate) const SHARED: f32 = 0.8;
/// The thing a subjectless change (增长11.3%) measures, named in the clause before.
pub(crate) const INHERITED: f32 = 1.0;
pub(crate) const SENTENCE: f32 = 0.35;
pub(crate) const SENTENCE_LEFT: f32 = 0.5;

/// What one figure's words are: a weight per char of its sentence, and the labels read off
/// them.
#[derive(Debug, Clone)]
pub(crate) struct FigureContext {
    /// Weight of each char of the sentence for this figure.
    pub weights: Vec<f32>,
    /// The list item the figure belongs to (欧盟), if it stands in a list.
    pub item: Option<String>,
    /// What it measures, in the article's words.
    pub measure: String,
    /// For counts: the noun phrase right after the classifier (179家世界500强企业 → 世界500强
    /// 企业), the thing counted.
    pub counted: String,
    /// The same from its own phrase only (the item label of a list, without the lead the
    /// items share): what sets it apart from its neighbours.
    pub core: String,
}

/// A sentence being read: its view, clauses and figures.
struct Frame<'a> {
    lex: &'a Lexicon,
    view: &'a SentenceView,
    fine: &'a [Word],
    figs: &'a [Found],
    clauses: Vec<Range<usize>>,
}

impl Frame<'_> {
    fn s(&self) -> &[char] {
        &self.view.norm
    }

    /// The clause holding char `at` (the first when none does).
    fn clause_of(&self, at: usize) -> usize {
        self.clauses
            .iter()
            .position(|c| c.contains(&at))
            .unwrap_or(0)
    }

    /// Does the text `at..end` start with a word of the subjectless list?
    fn subjectless_at(&self, at: usize, end: usize) -> bool {
        self.lex
            .derived
            .subjectless
            .iter()
            .any(|w| w.chars().count() <= end - at && starts_with_at(self.s(), at, w))
    }
}

/// The words of each figure of a sentence. `fine` are the sentence's finer words (long words
/// split) and `marks` its time expressions.
pub(crate) fn contexts(
    lex: &Lexicon,
    view: &SentenceView,
    fine: &[Word],
    figs: &[Found],
    marks: &[TimeMark],
) -> Vec<FigureContext> {
    let n = view.norm.len();
    let frame = Frame {
        lex,
        view,
        fine,
        figs,
        clauses: split_on(&view.norm, 0..n, CLAUSE_SEPS),
    };
    let mut out: Vec<FigureContext> = (0..figs.len()).map(|i| own_words(&frame, i)).collect();
    for (i, ctx) in out.iter_mut().enumerate() {
        topic_chain(&frame, i, ctx);
    }
    // the items of the last 分别 list: a later 分别 without its own items maps onto them
    // (对日本、韩国分别出口120亿元、80亿元，分别增长3.2%和5.1%)
    let mut items_before: Option<ListItems> = None;
    for clause in &frame.clauses {
        let in_clause: Vec<usize> = (0..figs.len())
            .filter(|&i| clause.contains(&figs[i].span.start))
            .collect();
        if in_clause.len() < 2 {
            continue;
        }
        // an enumeration's labels are items too: 保障航班5126架次、运送旅客78.3万人次，
        // 分别增长14.6%和22.1%
        items_before = respectively(&frame, clause, &in_clause, items_before.as_ref(), &mut out)
            .or_else(|| enumeration(&frame, clause, &in_clause, &mut out))
            .or(items_before);
    }
    for (i, ctx) in out.iter_mut().enumerate() {
        silence_other_figures(figs, marks, i, ctx);
    }
    for (i, f) in figs.iter().enumerate() {
        if matches!(f.kind, Kind::Count | Kind::Quantity) {
            out[i].counted = counted_phrase(&view.orig, &view.words, f.span.end);
        }
    }
    for i in 0..figs.len() {
        out[i].measure = measure(&frame, i, &out, ITEM);
        out[i].core = measure(&frame, i, &out, OWN);
    }
    out
}

/// The first weights of figure `i`: the sentence around it, its clause, its list item and
/// its own phrase, each nearer part weighing more.
fn own_words(frame: &Frame, i: usize) -> FigureContext {
    let (s, figs) = (frame.s(), frame.figs);
    let n = s.len();
    let f = &figs[i];
    let ci = frame.clause_of(f.span.start);
    let clause = frame.clauses.get(ci).cloned().unwrap_or(0..n);
    // clauses before a figure usually hold its topic (topic chains run forward)
    let mut w: Vec<f32> = (0..n)
        .map(|k| {
            if k < clause.start {
                SENTENCE_LEFT
            } else {
                SENTENCE
            }
        })
        .collect();
    // a short opening clause without quantities frames the whole sentence:
    // “港澳山东周”期间，… / 在吸引外资方面，…
    if let Some(first) = frame.clauses.first() {
        let framed = ci > 0
            && first.len() <= 16
            && !figs.iter().any(|g| {
                first.contains(&g.span.start) && !matches!(g.kind, Kind::Date | Kind::Period)
            });
        if framed {
            w[first.clone()].iter_mut().for_each(|x| *x = CLAUSE);
        }
    }
    w[clause.clone()].iter_mut().for_each(|x| *x = CLAUSE);
    let seg = enclosing_item(s, &clause, f.span.start);
    w[seg.clone()].iter_mut().for_each(|x| *x = ITEM);
    // own phrase: between the neighbouring figures of the same item (names such as
    // 世界500强 do not split it)
    let splitters: Vec<&Found> = figs
        .iter()
        .filter(|g| g.span != f.span && seg.contains(&g.span.start) && !is_name_like(g))
        .collect();
    let own_start = splitters
        .iter()
        .filter(|g| g.span.end <= f.span.start)
        .map(|g| g.span.end)
        .max()
        .unwrap_or(seg.start);
    let own_end = splitters
        .iter()
        .filter(|g| g.span.start >= f.span.end)
        .map(|g| g.span.start)
        .min()
        .unwrap_or(seg.end);
    w[own_start..own_end].iter_mut().for_each(|x| *x = OWN);
    FigureContext {
        weights: w,
        item: None,
        measure: String::new(),
        core: String::new(),
        counted: String::new(),
    }
}

/// Chinese drops the subject of later clauses (topic chains): 8家境外合作区新增企业39家，
/// 新增投资1亿美元 — the second clause is still about 境外合作区. A clause or list item that
/// opens with a change word (增长15.4%, 占比49.8%) measures what the clauses before it
/// name; one that opens with a verb shares their subject; a date clause (5月15日，…) dates
/// the clause after it.
fn topic_chain(frame: &Frame, i: usize, ctx: &mut FigureContext) {
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
                && (w.tag == "v" || w.tag == "vn" || w.tag == "d")
                && !matches!(f.kind, Kind::Date)
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
    if f.kind == Kind::Date && date_alone(frame, &clause, f) {
        if let Some(next) = clauses.get(ci + 1) {
            raise(&mut ctx.weights, next.clone(), ITEM);
        }
        for c in clauses.iter().skip(ci + 2) {
            raise(&mut ctx.weights, c.clone(), CLAUSE);
        }
    }
}

/// Is a date alone in its clause (5月15日，… / 5月15日上午，…)?
fn date_alone(frame: &Frame, clause: &Range<usize>, f: &Found) -> bool {
    let s = frame.s();
    let mut end = clause.end;
    while end > clause.start {
        match match_before(&frame.lex.grammar.time_of_day, s, end) {
            Some(w) => end -= w.chars().count(),
            None => break,
        }
    }
    end - clause.start <= f.span.len() + 2
}

/// Raise the weights of `range` to at least `to`.
fn raise(weights: &mut [f32], range: Range<usize>, to: f32) {
    weights[range].iter_mut().for_each(|x| *x = x.max(to));
}

/// Other figures and time expressions are not words about figure `i`, and neither is the
/// figure itself.
fn silence_other_figures(figs: &[Found], marks: &[TimeMark], i: usize, ctx: &mut FigureContext) {
    for (j, g) in figs.iter().enumerate() {
        if i != j && !is_name_like(g) {
            ctx.weights[g.span.clone()]
                .iter_mut()
                .for_each(|x| *x = 0.0);
        }
    }
    for m in marks {
        ctx.weights[m.span.clone()]
            .iter_mut()
            .for_each(|x| *x = 0.0);
    }
    ctx.weights[figs[i].span.clone()]
        .iter_mut()
        .for_each(|x| *x = 0.0);
}

/// Figures that are part of a name (世界500强, 第五届 峰会) rather than a quantity.
fn is_name_like(f: &Found) -> bool {
    f.kind == Kind::Rank || f.kind == Kind::Date
}

fn enclosing_item(s: &[char], clause: &Range<usize>, at: usize) -> Range<usize> {
    crate::text::sentences::enclosing(s, clause.clone(), at, ITEM_SEPS)
}

/// 分别 lists: the values after 分别 map one to one onto the items before it, or, when the
/// clause has no list of its own, onto the items of the 分别 list before (`earlier`).
/// Returns the items when the clause had such a list and it was resolved.
fn respectively(
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
type ListItems = (Vec<Range<usize>>, Option<Range<usize>>);

fn list_items(frame: &Frame, before: Range<usize>, count: usize) -> Option<ListItems> {
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
fn enumeration(
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
    let kind = figs[run[0].1].kind;
    if run.iter().any(|&(_, fi)| figs[fi].kind != kind) {
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
fn enumeration_labels(
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
fn noun_run(frame: &Frame, r: &Range<usize>, from_end: bool) -> Option<Range<usize>> {
    let inside = words_in(frame.fine, r);
    let leads = &frame.lex.derived.list_leads;
    let nounish = |w: &Word| {
        (w.tag.starts_with('n') && w.tag != "nr"
            || matches!(w.tag.as_str(), "j" | "eng" | "an" | "b" | "m"))
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

/// The words that lie inside `r`.
fn words_in<'w>(words: &'w [Word], r: &Range<usize>) -> Vec<&'w Word> {
    words
        .iter()
        .filter(|w| w.start >= r.start && w.end <= r.end)
        .collect()
}

/// The last `m` words of `r` (all of `r` when it has no more).
fn last_words(words: &[Word], r: &Range<usize>, m: usize) -> Range<usize> {
    let inside = words_in(words, r);
    if inside.len() <= m {
        return r.clone();
    }
    inside[inside.len() - m].start..r.end
}

/// The first `m` words of `r` (all of `r` when it has no more).
fn first_words(words: &[Word], r: &Range<usize>, m: usize) -> Range<usize> {
    let inside = words_in(words, r);
    if inside.len() <= m {
        return r.clone();
    }
    r.start..inside[m - 1].end
}

/// Chars picked out of a sentence (not always contiguous), normalised and as written.
#[derive(Debug, Clone, Default)]
struct Picked {
    norm: Vec<char>,
    orig: Vec<char>,
}

impl Picked {
    /// The chars of `lo..hi` whose weight for `ctx` is at least `min`, punctuation aside.
    fn from(view: &SentenceView, ctx: &FigureContext, lo: usize, hi: usize, min: f32) -> Picked {
        let keep = |k: &usize| ctx.weights[*k] >= min && !is_punct(view.norm[*k]);
        Picked {
            norm: (lo..hi).filter(keep).map(|k| view.norm[k]).collect(),
            orig: (lo..hi).filter(keep).map(|k| view.orig[k]).collect(),
        }
    }

    fn is_empty(&self) -> bool {
        self.norm.is_empty()
    }

    fn starts_with_any(&self, words: &[String]) -> bool {
        match_at(words, &self.norm, 0).is_some()
    }

    fn cut(&mut self, from: usize, to: usize) {
        self.norm.drain(from..to);
        self.orig.drain(from..to);
    }

    /// Remove leading words of `lead` (while something remains), trailing words of `tail`,
    /// and every occurrence of `anywhere`.
    fn strip(&mut self, lead: &[String], tail: &[String], anywhere: &[String]) {
        while let Some(w) = match_at(lead, &self.norm, 0) {
            let n = w.chars().count();
            if n >= self.norm.len() {
                break;
            }
            self.cut(0, n);
        }
        while let Some(w) = match_before(tail, &self.norm, self.norm.len()) {
            let n = self.norm.len();
            self.cut(n - w.chars().count(), n);
        }
        let mut k = 0;
        while k < self.norm.len() {
            match match_at(anywhere, &self.norm, k) {
                Some(w) => self.cut(k, k + w.chars().count()),
                None => k += 1,
            }
        }
    }

    /// Trim whitespace and chars of `set` at both ends.
    fn trim(&mut self, set: &[char]) {
        let trimmed = |c: &char| set.contains(c) || c.is_whitespace();
        while self.norm.first().is_some_and(trimmed) {
            self.cut(0, 1);
        }
        while self.norm.last().is_some_and(trimmed) {
            let n = self.norm.len();
            self.cut(n - 1, n);
        }
    }

    fn push(&mut self, other: &Picked) {
        self.norm.extend(&other.norm);
        self.orig.extend(&other.orig);
    }

    fn written(&self) -> String {
        self.orig.iter().collect()
    }
}

/// Opening and closing quotation marks.
const QUOTES: &[char] = &['“', '”', '"', '‘', '’'];

/// A readable measure: the figure's own phrase without the number, time words and light
/// verbs; a bare 增长/占比 takes the thing named by the figure before it.
fn measure(frame: &Frame, i: usize, all: &[FigureContext], min: f32) -> String {
    let (view, figs, lex) = (frame.view, frame.figs, frame.lex);
    let f = &figs[i];
    let clean = |mut p: Picked| {
        p.trim(&[]);
        p.strip(
            &lex.derived.light_start,
            &lex.figures.trailing_particles,
            &[],
        );
        p.trim(QUOTES);
        p
    };
    let before = clean(Picked::from(view, &all[i], 0, f.span.start, min));
    // the phrase right after the number, while it stays the figure's own: 406个项目,
    // 73%的进出口额
    let run_end = (f.span.end..view.norm.len())
        .find(|&k| all[i].weights[k] < min)
        .unwrap_or(view.norm.len());
    let after = clean(Picked::from(view, &all[i], f.span.end, run_end, min));
    let movement = &lex.derived.movement;
    let ratio_kind = matches!(
        f.kind,
        Kind::Percent | Kind::PercentagePoints | Kind::Fraction | Kind::Multiple
    );
    let mut m = before.clone();
    if ratio_kind && (before.is_empty() || before.starts_with_any(movement)) {
        // the growth of what? the nearest earlier figure of the sentence that names a thing
        // (walking back past other bare 增长/占比 figures)
        for prev in (0..i).rev().filter(|&j| !is_name_like(&figs[j])) {
            let base = clean(Picked::from(
                view,
                &all[prev],
                0,
                figs[prev].span.start,
                min,
            ));
            if !base.is_empty() && !base.starts_with_any(movement) {
                m = base;
                m.push(&before);
                break;
            }
        }
    }
    m.push(&after);
    m.strip(&[], &lex.figures.conjunctions, &lex.figures.respectively);
    let possessive: Vec<char> = lex.figures.possessive.chars().collect();
    m.trim(&possessive);
    m.written()
}

/// Nouns (and names and numbers inside them) right after `at`, up to the first verb,
/// preposition, particle or punctuation.
fn counted_phrase(orig: &[char], words: &[Word], at: usize) -> String {
    let mut end = at;
    for w in words.iter().filter(|w| w.start >= at) {
        if w.start != end {
            break;
        }
        let nounish = w.tag.starts_with('n')
            || matches!(w.tag.as_str(), "m" | "eng" | "x" | "j" | "an" | "b" | "vn");
        if !nounish || !w.text.chars().all(|c| c.is_alphanumeric()) {
            break;
        }
        end = w.end;
        if end - at >= 12 {
            break;
        }
    }
    orig[at..end].iter().collect()
}

fn is_punct(c: char) -> bool {
    !(c.is_alphanumeric() || c == '%' || c == '-' || c == '/')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::Lexicon;
    use crate::text::Segmenter;

    /// (figure text, list item) for every figure of a sentence.
    fn items(text: &str) -> Vec<(String, Option<String>)> {
        let lex = Lexicon::builtin();
        let seg = Segmenter::new([]);
        let view = SentenceView::new(&seg, text);
        let r = crate::figures::read_sentence(&lex, &seg, &view, 2024);
        r.found
            .iter()
            .zip(r.contexts)
            .map(|(f, c)| (view.original(f.span.clone()), c.item))
            .collect()
    }

    #[test]
    fn respectively_lists_item_by_item() {
        let got = items("对欧盟、东盟、美国出口分别增长17.4%、11.7%、18.7%");
        let want: Vec<(String, Option<String>)> =
            [("17.4%", "欧盟"), ("11.7%", "东盟"), ("18.7%", "美国")]
                .iter()
                .map(|(a, b)| (a.to_string(), Some(b.to_string())))
                .collect();
        assert_eq!(got, want);
        // a conjunction before the last item, Traditional characters, full-width digits
        let got = items("輸往內地、美國和歐盟的出口分別增長１５．３％、７．２％和４．１％");
        let got: Vec<Option<String>> = got.into_iter().map(|(_, i)| i).collect();
        assert_eq!(
            got,
            [
                Some("内地".to_string()),
                Some("美国".to_string()),
                Some("欧盟".to_string())
            ]
        );
        // a lead shared by all items, and one word that jieba keeps whole (汽车出口)
        let got: Vec<Option<String>> =
            items("全市新能源汽车、锂电池、光伏产品出口分别增长86.2%、41.7%、23.5%")
                .into_iter()
                .map(|(_, i)| i)
                .collect();
        assert_eq!(got[0].as_deref(), Some("新能源汽车"));
        assert_eq!(got[1].as_deref(), Some("锂电池"));
        let got: Vec<Option<String>> = items("船舶、家电、汽车出口分别增长43.4%、25.6%、17%")
            .into_iter()
            .map(|(_, i)| i)
            .collect();
        assert_eq!(got[2].as_deref(), Some("汽车"));
    }

    #[test]
    fn a_second_respectively_list_maps_onto_the_same_items() {
        let got = items("对日本、韩国分别出口120亿元、80亿元，分别增长3.2%和5.1%");
        let got: Vec<(&str, Option<&str>)> = got
            .iter()
            .map(|(f, i)| (f.as_str(), i.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("120亿元", Some("日本")),
                ("80亿元", Some("韩国")),
                ("3.2%", Some("日本")),
                ("5.1%", Some("韩国")),
            ]
        );
        // values closed by 和, items joined by 以及
        let got = items("对日本、韩国以及东盟出口分别增长3.2%、4.1%和5.1%");
        let got: Vec<Option<&str>> = got.iter().map(|(_, i)| i.as_deref()).collect();
        assert_eq!(got, [Some("日本"), Some("韩国"), Some("东盟")]);
    }

    #[test]
    fn a_respectively_list_maps_onto_the_enumeration_before_it() {
        let got = items("铁路局开行货运班列1200列、运送旅客35.6万人次，分别增长12.5%和8.3%");
        let got: Vec<(&str, Option<&str>)> = got
            .iter()
            .map(|(f, i)| (f.as_str(), i.as_deref()))
            .collect();
        assert_eq!(got[2].0, "12.5%");
        assert_eq!(got[3].0, "8.3%");
        assert_eq!(got[2].1, got[0].1);
        assert_eq!(got[3].1, got[1].1);
        assert!(got[3].1.is_some_and(|i| i.contains("旅客")), "{got:?}");
    }

    #[test]
    fn enumerations_give_each_number_its_label() {
        let got = items("增速高于全国4.4个、全省2.9个百分点");
        assert_eq!(got[0].1.as_deref(), Some("全国"));
        assert_eq!(got[1].1.as_deref(), Some("全省"));
        let got = items("12家省级以上经济开发区贡献了全市73%的进出口额、67%的实际利用外资");
        assert_eq!(got[1].1.as_deref(), Some("进出口额"));
        assert_eq!(got[2].1.as_deref(), Some("实际利用外资"));
    }
}
