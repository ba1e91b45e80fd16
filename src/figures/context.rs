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
use super::Kind;
use crate::article::sentences::{split_on, CLAUSE_SEPS, ITEM_SEPS};
use crate::text::Word;

pub(crate) const OWN: f32 = 1.0;
pub(crate) const ITEM: f32 = 0.9;
pub(crate) const CLAUSE: f32 = 0.7;
pub(crate) const SHARED: f32 = 0.8;
/// The thing a subjectless change (增长11.3%) measures, named in the clause before.
pub(crate) const INHERITED: f32 = 1.0;
pub(crate) const SENTENCE: f32 = 0.35;
pub(crate) const SENTENCE_LEFT: f32 = 0.5;

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

/// Leading words that carry no meaning for a measure.
pub(crate) const LIGHT_START: &[&str] = &[
    "其中", "同时", "此外", "另外", "包括", "完成", "实现", "达到", "已", "共", "累计", "还", "并",
    "且", "其", "为", "是", "达",
];
/// Clause openings that leave the subject to the clause before: 增长4.6% is the growth of
/// what the previous clause names.
const SUBJECTLESS: &[&str] = &[
    "增长",
    "同比",
    "增速",
    "下降",
    "提高",
    "提升",
    "增加",
    "减少",
    "占",
    "比重",
    "增幅",
    "降幅",
    "较",
    "比上年",
    "比去年",
    "分别",
    "其中",
    "达到",
    "为",
    "约",
    "上涨",
    "回落",
    // generic measure nouns: 规模占全省比重27% is the scale of what came before
    "规模",
    "总额",
    "总量",
    "金额",
    "数量",
    "比例",
    "份额",
];
/// Words that only say how a measure moved: a figure after one of these measures the thing
/// named before it (增长4.6% is the growth of 进出口).
const CHANGE_WORDS: &[&str] = &[
    "同比增长",
    "增长",
    "增速",
    "下降",
    "提高",
    "提升",
    "增加",
    "减少",
    "占比",
    "比重",
    "占",
    "规模占全省比重",
    "较去年同期提高",
    "增幅",
    "降幅",
];

pub(crate) fn contexts(
    s: &[char],
    orig: &[char],
    words: &[Word],
    fine: &[Word],
    figs: &[Found],
    marks: &[TimeMark],
) -> Vec<FigureContext> {
    let n = s.len();
    let clauses = split_on(s, 0..n, CLAUSE_SEPS);
    let clause_of = |at: usize| clauses.iter().position(|c| c.contains(&at)).unwrap_or(0);
    let mut out: Vec<FigureContext> = figs
        .iter()
        .map(|f| {
            let ci = clause_of(f.span.start);
            let clause = clauses.get(ci).cloned().unwrap_or(0..n);
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
            if let Some(first) = clauses.first() {
                let framed = ci > 0
                    && first.len() <= 16
                    && !figs.iter().any(|g| {
                        first.contains(&g.span.start)
                            && !matches!(g.kind, Kind::Date | Kind::Period)
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
        })
        .collect();

    // Chinese drops the subject of later clauses (topic chains): 8家境外合作区新增企业39家，
    // 新增投资1亿美元 — the second clause is still about 境外合作区. A clause or list item that
    // opens with a change word (增长15.4%, 占比49.8%) measures what the clauses before it
    // name; one that opens with a verb shares their subject; a date clause (5月15日，…)
    // dates the clause after it.
    for (i, f) in figs.iter().enumerate() {
        let ci = clause_of(f.span.start).min(clauses.len().saturating_sub(1));
        let clause = clauses[ci].clone();
        let item = enclosing_item(s, &clause, f.span.start);
        let lead: String = s[item.start..f.span.start].iter().collect();
        let lead = lead.trim_start_matches(['“', '"']).to_string();
        let change = !lead.is_empty() && SUBJECTLESS.iter().any(|w| lead.starts_with(w));
        if change && item.start > clause.start {
            // earlier items of the same clause: 进出口3561.8亿元、增长1.9%
            out[i].weights[clause.start..item.start]
                .iter_mut()
                .for_each(|x| *x = x.max(INHERITED));
        }
        let clause_text: String = s[clause.clone()].iter().collect();
        let opens_with_verb = words
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
        let clause_change = SUBJECTLESS.iter().any(|w| clause_text.starts_with(w));
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
                let c = &clauses[k];
                out[i].weights[c.clone()]
                    .iter_mut()
                    .for_each(|x| *x = x.max(weight));
                let text: String = s[c.clone()].iter().collect();
                if !SUBJECTLESS.iter().any(|w| text.starts_with(w)) {
                    break;
                }
            }
        }
        let alone: String = clause_text.trim_end_matches(['上', '下', '午']).to_string();
        if f.kind == Kind::Date && alone.chars().count() <= f.span.len() + 2 {
            if let Some(next) = clauses.get(ci + 1) {
                out[i].weights[next.clone()]
                    .iter_mut()
                    .for_each(|x| *x = x.max(ITEM));
            }
            for c in clauses.iter().skip(ci + 2) {
                out[i].weights[c.clone()]
                    .iter_mut()
                    .for_each(|x| *x = x.max(CLAUSE));
            }
        }
    }

    for clause in &clauses {
        let in_clause: Vec<usize> = (0..figs.len())
            .filter(|&i| clause.contains(&figs[i].span.start))
            .collect();
        if in_clause.len() < 2 {
            continue;
        }
        if !respectively(s, words, fine, clause, figs, &in_clause, &mut out) {
            enumeration(s, words, clause, figs, &in_clause, &mut out);
        }
    }
    // other figures and time expressions are not words about this figure
    for (i, ctx) in out.iter_mut().enumerate() {
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
    for (i, f) in figs.iter().enumerate() {
        if matches!(f.kind, Kind::Count | Kind::Quantity) {
            out[i].counted = counted_phrase(orig, words, f.span.end);
        }
    }
    for i in 0..figs.len() {
        out[i].measure = measure(orig, s, &out[i], figs, i, &out, ITEM);
        out[i].core = measure(orig, s, &out[i], figs, i, &out, OWN);
    }
    out
}

/// Figures that are part of a name (世界500强, 第五届 峰会) rather than a quantity.
fn is_name_like(f: &Found) -> bool {
    f.kind == Kind::Rank || f.kind == Kind::Date
}

fn enclosing_item(s: &[char], clause: &Range<usize>, at: usize) -> Range<usize> {
    crate::article::sentences::enclosing(s, clause.clone(), at, ITEM_SEPS)
}

/// 分别 lists. Returns true when the clause had one and it was resolved.
fn respectively(
    s: &[char],
    words: &[Word],
    fine: &[Word],
    clause: &Range<usize>,
    figs: &[Found],
    idx: &[usize],
    out: &mut [FigureContext],
) -> bool {
    let Some(p) =
        (clause.start..clause.end.saturating_sub(1)).find(|&i| s[i] == '分' && s[i + 1] == '别')
    else {
        return false;
    };
    let listed: Vec<usize> = idx
        .iter()
        .copied()
        .filter(|&i| figs[i].span.start > p)
        .collect();
    if listed.len() < 2 {
        return false;
    }
    // the items: 、-separated parts before 分别, back to the clause start
    let mut parts = split_on(s, clause.start..p, ITEM_SEPS);
    let mut joiner: Option<usize> = None;
    if parts.len() + 1 == listed.len() {
        // 内地、美国和欧盟: the last two items joined by a conjunction
        if let Some(last) = parts.pop() {
            let conj = (last.start..last.end).find(|&i| matches!(s[i], '和' | '及' | '与' | '同'));
            match conj {
                Some(c) if c > last.start && c + 1 < last.end => {
                    parts.push(last.start..c);
                    parts.push(c + 1..last.end);
                    joiner = Some(c);
                }
                _ => parts.push(last),
            }
        }
    }
    if parts.len() != listed.len() {
        return false;
    }
    let k = parts.len();
    let word_count = |r: &Range<usize>| {
        words
            .iter()
            .filter(|w| w.start >= r.start && w.end <= r.end)
            .count()
            .max(1)
    };
    let mut items: Vec<Range<usize>> = parts.clone();
    // the first part may hold a shared prefix (对欧盟: 对), the last a shared suffix
    // (美国出口: 出口): size them like their neighbours
    // 全市新能源汽车 → 新能源汽车 (the nouns at its end), 光伏产品出口 → 光伏产品 (the nouns
    // at its start); when that finds nothing, size them like their neighbours
    items[0] = noun_run(fine, &parts[0], true)
        .unwrap_or_else(|| last_words(words, &parts[0], word_count(&parts[1])));
    // the words after the last item are mostly the shared measure (航线数量, 产品出口): keep
    // the last item no longer than its neighbour
    let m_last = fine
        .iter()
        .filter(|w| w.start >= parts[k - 2].start && w.end <= parts[k - 2].end)
        .count()
        .max(1);
    items[k - 1] = match noun_run(fine, &parts[k - 1], false) {
        Some(run) => first_words(fine, &run, m_last),
        None => first_words(words, &parts[k - 1], word_count(&parts[k - 2])),
    };
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
        ctx.item = Some(s[items[pos].clone()].iter().collect());
        if let Some(c) = joiner {
            ctx.weights[c] = 0.0;
        }
    }
    true
}

/// Parallel enumerations: 、-separated items in one clause, each with one figure of the same
/// kind. Each figure keeps its own label; the clause text outside the labels is shared.
fn enumeration(
    s: &[char],
    words: &[Word],
    clause: &Range<usize>,
    figs: &[Found],
    idx: &[usize],
    out: &mut [FigureContext],
) {
    let segs = split_on(s, clause.clone(), ITEM_SEPS);
    if segs.len() < 2 {
        return;
    }
    // one quantity figure per segment, for a run of consecutive segments
    let mut per_seg: Vec<Option<usize>> = Vec::new();
    for seg in &segs {
        let inside: Vec<usize> = idx
            .iter()
            .copied()
            .filter(|&i| seg.contains(&figs[i].span.start) && !is_name_like(&figs[i]))
            .collect();
        per_seg.push(inside.last().copied());
    }
    let run: Vec<(usize, usize)> = per_seg
        .iter()
        .enumerate()
        .filter_map(|(si, f)| f.map(|fi| (si, fi)))
        .collect();
    if run.len() < 2 {
        return;
    }
    let kind = figs[run[0].1].kind;
    if run.iter().any(|&(_, fi)| figs[fi].kind != kind) {
        return; // 进出口3561.8亿元、增长1.9%: a measure and its growth, not a list
    }
    // label of each item: before its number (全省2.9个) or after it (67%的实际利用外资)
    let before = |si: usize, fi: usize| segs[si].start..figs[fi].span.start;
    let after = |si: usize, fi: usize| figs[fi].span.end..segs[si].end;
    let labels_after = run[1..].iter().all(|&(si, fi)| before(si, fi).is_empty())
        && !after(run[1].0, run[1].1).is_empty();
    let mut labels: Vec<Range<usize>> = Vec::new();
    for (pos, &(si, fi)) in run.iter().enumerate() {
        let label = if labels_after {
            after(si, fi)
        } else if pos == 0 {
            // the first item's text holds the shared lead: keep as many words as the next label
            let next = before(run[1].0, run[1].1);
            let m = words
                .iter()
                .filter(|w| w.start >= next.start && w.end <= next.end)
                .count()
                .max(1);
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
        } else {
            before(si, fi)
        };
        labels.push(label);
    }
    for (pos, &(si, fi)) in run.iter().enumerate() {
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
                ctx.weights[seg.clone()]
                    .iter_mut()
                    .for_each(|x| *x = x.max(SHARED));
                ctx.weights[labels[other].clone()]
                    .iter_mut()
                    .for_each(|x| *x = 0.0);
            }
        }
        let _ = si;
        ctx.item = Some(
            s[labels[pos].clone()]
                .iter()
                .collect::<String>()
                .trim_start_matches('的')
                .to_string(),
        );
    }
}

/// Words that lead a list without belonging to its first item.
const LEAD_WORDS: &[&str] = &[
    "全市", "我市", "本市", "全省", "全国", "其中", "同时", "今年", "去年",
];

/// The run of nouns at the end (`from_end`) or the start of `r`, if it is shorter than `r`
/// or `r` holds nothing else.
fn noun_run(fine: &[Word], r: &Range<usize>, from_end: bool) -> Option<Range<usize>> {
    let inside: Vec<&Word> = fine
        .iter()
        .filter(|w| w.start >= r.start && w.end <= r.end)
        .collect();
    let nounish = |w: &Word| {
        (w.tag.starts_with('n') && w.tag != "nr"
            || matches!(w.tag.as_str(), "j" | "eng" | "an" | "b" | "m"))
            && !LEAD_WORDS.contains(&w.text.as_str())
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

/// A readable measure: the figure's own phrase without the number, time words and light
/// verbs; a bare 增长/占比 takes the thing named by the figure before it.
fn measure(
    orig: &[char],
    s: &[char],
    ctx: &FigureContext,
    figs: &[Found],
    i: usize,
    all: &[FigureContext],
    min: f32,
) -> String {
    let f = &figs[i];
    let pick = |lo: usize, hi: usize, c: &FigureContext| -> String {
        (lo..hi)
            .filter(|&k| c.weights[k] >= min && !is_punct(s[k]))
            .map(|k| orig[k])
            .collect::<String>()
    };
    let before = clean(&pick(0, f.span.start, ctx));
    // the phrase right after the number, while it stays the figure's own: 406个项目,
    // 73%的进出口额
    let run_end = (f.span.end..s.len())
        .find(|&k| ctx.weights[k] < min)
        .unwrap_or(s.len());
    let after = clean(&pick(f.span.end, run_end, ctx));
    let core_is_change = before.is_empty()
        || CHANGE_WORDS
            .iter()
            .any(|w| before == *w || before.starts_with(w));
    let mut m = before.clone();
    if core_is_change
        && matches!(
            f.kind,
            Kind::Percent | Kind::PercentagePoints | Kind::Fraction | Kind::Multiple
        )
    {
        // the growth of what? the nearest earlier figure of the sentence that names a thing
        // (walking back past other bare 增长/占比 figures)
        for prev in (0..i).rev().filter(|&j| !is_name_like(&figs[j])) {
            let base = clean(&pick(0, figs[prev].span.start, &all[prev]));
            if !base.is_empty()
                && !CHANGE_WORDS
                    .iter()
                    .any(|w| base == *w || base.starts_with(w))
            {
                m = format!("{base}{before}");
                break;
            }
        }
    }
    if !after.is_empty() {
        m.push_str(&after);
    }
    m.replace("分别", "")
        .replace("分別", "")
        .trim_end_matches(['和', '及', '与'])
        .to_string()
        .trim_matches(|c: char| c == '的' || c.is_whitespace())
        .to_string()
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

fn clean(text: &str) -> String {
    let mut t = text.trim().to_string();
    let mut changed = true;
    while changed {
        changed = false;
        for w in LIGHT_START {
            if let Some(rest) = t.strip_prefix(w) {
                if !rest.is_empty() {
                    t = rest.to_string();
                    changed = true;
                }
            }
        }
    }
    let t = t.trim_end_matches(['的', '了', '达', '为', '是']);
    t.trim_matches(['“', '”', '"', '‘', '’']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::extract::scan;
    use crate::figures::scope::time_marks;
    use crate::knowledge::Lexicon;
    use crate::text::{normalize, Segmenter};

    /// (figure text, list item) for every figure of a sentence.
    fn items(text: &str) -> Vec<(String, Option<String>)> {
        let lex = Lexicon::builtin();
        let seg = Segmenter::new([]);
        let norm = normalize(text);
        let chars: Vec<char> = norm.chars().collect();
        let orig: Vec<char> = text.chars().collect();
        let words = seg.words(&norm);
        let found = scan(&lex, &orig, &chars, &words);
        let marks = time_marks(&lex, &chars, &orig, &found, 2024);
        let ctxs = contexts(
            &chars,
            &orig,
            &words,
            &seg.fine_words(&norm),
            &found,
            &marks,
        );
        found
            .iter()
            .zip(ctxs)
            .map(|(f, c)| (orig[f.span.clone()].iter().collect(), c.item))
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
    fn enumerations_give_each_number_its_label() {
        let got = items("增速高于全国4.4个、全省2.9个百分点");
        assert_eq!(got[0].1.as_deref(), Some("全国"));
        assert_eq!(got[1].1.as_deref(), Some("全省"));
        let got = items("12家省级以上经济开发区贡献了全市73%的进出口额、67%的实际利用外资");
        assert_eq!(got[1].1.as_deref(), Some("进出口额"));
        assert_eq!(got[2].1.as_deref(), Some("实际利用外资"));
    }
}
