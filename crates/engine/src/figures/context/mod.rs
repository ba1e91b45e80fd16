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

mod chain;
mod lists;
mod measure;

use chain::topic_chain;
use lists::{enumeration, respectively, ListItems};
use measure::{counted_phrase, measure};

use std::ops::Range;

use super::extract::Found;
use super::scope::TimeMark;
use super::{Kind, SentenceView};
use crate::knowledge::{match_before, starts_with_at, Lexicon};
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
        if matches!(f.number.kind, Kind::Count | Kind::Quantity) {
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
                first.contains(&g.span.start) && !matches!(g.number.kind, Kind::Date | Kind::Period)
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
    f.number.kind == Kind::Rank || f.number.kind == Kind::Date
}

fn enclosing_item(s: &[char], clause: &Range<usize>, at: usize) -> Range<usize> {
    crate::text::sentences::enclosing(s, clause.clone(), at, ITEM_SEPS)
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
