//! Answers: the best-ranked figures turned into quoted excerpts, the asked figure first.
//!
//! The excerpt is the sentence that holds the figure, with the sentence before when it leans
//! on it (其中…, 同时…), and never more than [`MAX_EXCERPT`] chars: a longer sentence is cut
//! to whole clauses around the figure. When the ranking found nothing that fits, the response
//! is `not_found` with the reason: a nearby number is never offered instead.
//!
//! Owns: the answer contract (`Response`, `Answer`). May import `ranking` and the steps
//! before it; never `check`, the engine or a frontend.

use serde::Serialize;

use crate::corpus::{ParsedArticle, Sentence};
use crate::figures::compare::{compare, Outcome, Quantity};
use crate::figures::{Figure, Kind};
use crate::knowledge::Lexicon;
use crate::question::Question;
use crate::ranking::{Candidate, Ranker};
use crate::views::{ArticleInfo, FigureInfo, ParagraphRef};

/// Longest excerpt, in chars.
pub const MAX_EXCERPT: usize = 300;
/// Up to this many answers.
pub const MAX_ANSWERS: usize = 3;
/// Answers scoring this much below the best are not offered.
const SCORE_WINDOW: f32 = 0.6;

/// Whether the articles answer the question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// At least one answer.
    Answered,
    /// No answer; `reason` says why.
    NotFound,
}

/// A figure of an excerpt, as the JSON contract gives it.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerFigure {
    /// As written: `8760亿元`.
    pub text: String,
    /// In base units.
    pub value: Option<f64>,
    /// Base unit.
    pub unit: Option<String>,
    #[serde(skip)]
    pub(crate) id: usize,
}

/// One answer: an excerpt quoted from an article, with its figures.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    /// Verbatim text, at most [`MAX_EXCERPT`] chars.
    pub excerpt: String,
    /// The asked figure first, then the others of the excerpt in reading order.
    pub figures: Vec<AnswerFigure>,
    /// 1-based paragraph number in its article.
    pub paragraph: usize,
    /// The ranking score (higher is better).
    pub score: f32,
    /// The article it is quoted from.
    pub article: ArticleInfo,
    /// The figure that answers, with its period and measure (absent when the answer is a
    /// sentence, for which/who questions).
    #[serde(skip)]
    pub lead: Option<FigureInfo>,
    /// The paragraph, for "show the whole paragraph".
    #[serde(skip)]
    pub source: ParagraphRef,
    #[serde(skip)]
    pub(crate) lead_id: Option<usize>,
    /// The item of a list the figure belongs to (美国 in 对欧盟、东盟、美国出口分别增长…),
    /// in answers over several figures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
}

/// The engine's reply to a question.
#[derive(Debug, Clone, Serialize)]
pub struct Response {
    /// The question as asked.
    pub question: String,
    /// Answered or not.
    pub status: Status,
    /// Best first, at most [`MAX_ANSWERS`].
    pub answers: Vec<Answer>,
    /// Why there is no answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// For a question over several figures: what was computed from the quoted figures (the
    /// highest, a gap, a total …). Never a quote: each figure it comes from is an answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub computed: Option<Computed>,
    /// Why figures were not compared (other periods, other units); they are still shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A number factbot worked out from quoted figures, labelled as such wherever it is shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Computed {
    /// As shown: `7个百分点`, `3倍`, `4989.3亿元`, or the winner of a superlative.
    pub text: String,
    /// The number in `unit` (7.0 for 7个百分点; absent for a filter or a series).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// The unit of `value`: 百分点, 倍, or the base unit of the figures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// How it was worked out.
    pub op: Op,
    /// The quoted figures it comes from, as written, in the order used.
    pub from: Vec<String>,
}

/// How a computed number is worked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// The highest of a set.
    Max,
    /// The lowest of a set.
    Min,
    /// Those above or below a threshold.
    Filter,
    /// One minus the other (in percentage points for rates).
    Difference,
    /// One divided by the other.
    Ratio,
    /// The parts added up.
    Sum,
    /// One measure over several periods, oldest first.
    Series,
}

impl Response {
    /// A response without answers.
    pub fn not_found(question: &str, reason: impl Into<String>) -> Response {
        Response {
            question: question.to_string(),
            status: Status::NotFound,
            answers: Vec::new(),
            reason: Some(reason.into()),
            computed: None,
            note: None,
        }
    }
}

/// Answer a question: rank, then quote the best candidates (one answer per sentence).
pub(crate) fn answer(ranker: &Ranker, q: &Question) -> Response {
    let text = q.original.as_str();
    if q.terms.is_empty() {
        return Response::not_found(text, "the question names nothing to look for");
    }
    if let Some(u) = q.unknown.first() {
        return Response::not_found(text, format!("the article does not mention {u}"));
    }
    let mut ranked = ranker.candidates(q, true);
    exact_before_rounded(ranker.lex, &mut ranked.cands);
    let Some(best) = ranked.cands.first() else {
        return Response::not_found(text, ranked.why_none());
    };
    let floor = best.score - SCORE_WINDOW;
    let mut answers: Vec<Answer> = Vec::new();
    let mut used = std::collections::HashSet::new();
    for c in &ranked.cands {
        if answers.len() >= MAX_ANSWERS {
            break;
        }
        if c.score < floor || !used.insert((c.article.key(), c.sentence)) {
            continue;
        }
        answers.push(quote(c, &ranker.lex.derived.lean_on_previous));
    }
    newest_first_among_equals(&mut answers);
    Response {
        question: text.to_string(),
        status: Status::Answered,
        answers,
        reason: None,
        computed: None,
        note: None,
    }
}

/// A rounded figure (超四成, from a summary) and an exact one that lies within its bounds
/// (42.3%, from the body) state the same fact: the exact one answers first, the rounded one
/// after it. Only figures of one kind that score close together are taken for one fact.
fn exact_before_rounded(lex: &Lexicon, cands: &mut [Candidate]) {
    let vague = |c: &Candidate| {
        c.figure.is_some_and(|fi| {
            let f = &c.article.figures[fi];
            crate::figures::is_vague(lex, &f.text, f.qualifier.as_ref())
        })
    };
    for i in 0..cands.len() {
        if !vague(&cands[i]) {
            continue;
        }
        let floor = cands[i].score - SCORE_WINDOW;
        let exact = (i + 1..cands.len())
            .take_while(|&j| cands[j].score >= floor)
            .find(|&j| !vague(&cands[j]) && within(lex, &cands[j], &cands[i]));
        if let Some(j) = exact {
            cands[i..=j].rotate_right(1);
        }
    }
}

/// Does the exact figure of `exact` lie within the bounds of the rounded figure of `rounded`?
pub(crate) fn within(lex: &Lexicon, exact: &Candidate, rounded: &Candidate) -> bool {
    let (Some(e), Some(r)) = (exact.figure, rounded.figure) else {
        return false;
    };
    let (e, r) = (&exact.article.figures[e], &rounded.article.figures[r]);
    if e.kind != r.kind {
        return false;
    }
    match (Quantity::of(e, lex), Quantity::of(r, lex)) {
        (Some(e), Some(r)) => compare(&e, &r) == Outcome::Supported,
        _ => false,
    }
}

/// Answers from several articles that score alike (the same measure, place and period
/// reported twice) go newest first.
fn newest_first_among_equals(answers: &mut [Answer]) {
    const ALIKE: f32 = 0.01;
    let mut i = 0;
    while i < answers.len() {
        let mut j = i + 1;
        while j < answers.len() && (answers[i].score - answers[j].score).abs() <= ALIKE {
            j += 1;
        }
        answers[i..j].sort_by(|a, b| b.article.published.cmp(&a.article.published));
        i = j;
    }
}

/// The answer for one candidate: its excerpt and figures.
pub(crate) fn quote(c: &Candidate, lean_words: &[String]) -> Answer {
    let a: &ParsedArticle = &c.article;
    let s = &a.sentences[c.sentence];
    let para = a.paragraph_of(c.sentence);
    // the previous sentence when this one leans on it (其中, 同时 …) and both fit
    let mut first = c.sentence;
    if c.sentence > para.start && lean_words.iter().any(|w| s.norm_starts_with(w)) {
        let prev = &a.sentences[c.sentence - 1];
        if prev.text.chars().count() + s.text.chars().count() <= MAX_EXCERPT {
            first = c.sentence - 1;
        }
    }
    let mut excerpt = String::new();
    let mut ids: Vec<usize> = Vec::new();
    for sid in first..=c.sentence {
        excerpt.push_str(&a.sentences[sid].text);
        ids.extend(a.sentences[sid].figures.clone());
    }
    if excerpt.chars().count() > MAX_EXCERPT {
        let lead_span = c.figure.map(|f| a.figures[f].span.clone());
        let (e, kept) = window(s, lead_span, &a.figures[s.figures.clone()], s.figures.start);
        excerpt = e;
        ids = kept;
    }
    let mut figures: Vec<AnswerFigure> = Vec::new();
    if let Some(lead) = c.figure {
        figures.push(answer_figure(&a.figures[lead], lead));
    }
    for id in ids {
        let f = &a.figures[id];
        if Some(id) == c.figure || matches!(f.kind, Kind::Date | Kind::Period) && f.value.is_none()
        {
            continue;
        }
        figures.push(answer_figure(f, id));
    }
    Answer {
        excerpt,
        figures,
        paragraph: s.paragraph,
        score: (c.score * 1000.0).round() / 1000.0,
        article: a.info(),
        lead: c.figure.map(|f| FigureInfo::of(&a.figures[f])),
        source: ParagraphRef {
            article: a.key(),
            paragraph: s.paragraph as u32,
        },
        lead_id: c.figure,
        item: None,
    }
}

fn answer_figure(f: &Figure, id: usize) -> AnswerFigure {
    AnswerFigure {
        text: f.text.clone(),
        value: f.value,
        unit: f.unit.clone(),
        id,
    }
}

/// A window of whole clauses around `span` that fits in [`MAX_EXCERPT`] chars, with `…`
/// where it cuts. Returns the text and the ids of the figures kept.
fn window(
    s: &Sentence,
    span: Option<std::ops::Range<usize>>,
    figs: &[Figure],
    first_id: usize,
) -> (String, Vec<usize>) {
    let chars: Vec<char> = s.text.chars().collect();
    let norm = &s.norm;
    let clauses =
        crate::text::sentences::split_on(norm, 0..norm.len(), crate::text::sentences::CLAUSE_SEPS);
    let at = span.map(|r| r.start).unwrap_or(0);
    let mut lo = clauses.iter().position(|c| c.end >= at).unwrap_or(0);
    let mut hi = lo;
    let len = |lo: usize, hi: usize| clauses[hi].end + 1 - clauses[lo].start;
    loop {
        let grow_hi = hi + 1 < clauses.len() && len(lo, hi + 1) <= MAX_EXCERPT - 2;
        if grow_hi {
            hi += 1;
        }
        let grow_lo = lo > 0 && len(lo - 1, hi) <= MAX_EXCERPT - 2;
        if grow_lo {
            lo -= 1;
        }
        if !grow_hi && !grow_lo {
            break;
        }
    }
    let start = clauses[lo].start;
    let end = (clauses[hi].end + 1).min(chars.len());
    let mut text: String = chars[start..end].iter().collect();
    if text.chars().count() > MAX_EXCERPT - 2 {
        text = text.chars().take(MAX_EXCERPT - 2).collect();
    }
    if start > 0 {
        text.insert(0, '…');
    }
    if end < chars.len() {
        text.push('…');
    }
    let kept = figs
        .iter()
        .enumerate()
        .filter(|(_, f)| f.span.start >= start && f.span.end <= end)
        .map(|(i, _)| first_id + i)
        .collect();
    (text, kept)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::tests::corpus_of;

    #[test]
    fn a_long_sentence_is_cut_to_whole_clauses_around_the_figure() {
        let filler: String = (0..30)
            .map(|i| format!("第{i}个分句说了一些别的事情，"))
            .collect();
        let text = format!("标题\n\n{filler}全市出口增长12.5%，{filler}完。\n");
        let (c, _, _) = corpus_of(&text);
        let s = c
            .sentences
            .iter()
            .find(|s| s.text.contains("12.5%"))
            .unwrap();
        assert!(s.text.chars().count() > MAX_EXCERPT);
        let fid = s
            .figures
            .clone()
            .find(|&f| c.figures[f].text == "12.5%")
            .unwrap();
        let (excerpt, kept) = window(
            s,
            Some(c.figures[fid].span.clone()),
            &c.figures[s.figures.clone()],
            s.figures.start,
        );
        assert!(
            excerpt.chars().count() <= MAX_EXCERPT,
            "{}",
            excerpt.chars().count()
        );
        assert!(excerpt.contains("全市出口增长12.5%，"), "{excerpt}");
        assert!(
            excerpt.starts_with('…') && excerpt.ends_with('…'),
            "{excerpt}"
        );
        assert!(kept.contains(&fid));
        for id in kept {
            assert!(
                excerpt.contains(&c.figures[id].text),
                "kept figures are quoted"
            );
        }
    }

    #[test]
    fn a_sentence_that_leans_on_the_one_before_brings_it_along() {
        let (c, lex, _) =
            corpus_of("标题\n\n今年1-5月，全市出口2000亿元。其中，汽车出口300亿元。\n");
        let sid = c
            .sentences
            .iter()
            .position(|s| s.text.starts_with("其中"))
            .unwrap();
        let fid = c.sentences[sid].figures.start;
        let cand = Candidate::for_test(std::sync::Arc::new(c), sid, Some(fid), 1.0);
        let a = quote(&cand, &lex.derived.lean_on_previous);
        assert_eq!(
            a.excerpt,
            "今年1-5月，全市出口2000亿元。其中，汽车出口300亿元。"
        );
        let texts: Vec<&str> = a.figures.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(
            texts,
            ["300亿元", "2000亿元"],
            "the answering figure first, then the others"
        );
        assert_eq!(a.lead.as_ref().map(|f| f.text.as_str()), Some("300亿元"));
        assert_eq!((a.paragraph, a.source.paragraph), (2, 2));
    }

    #[test]
    fn an_exact_figure_answers_before_the_summary_that_rounds_it() {
        let (_dir, engine) = crate::engine::tests::engine_of(&[(
            "energy",
            "储能产业报告\n\n储能领域产值增长超四成，氢能领域产值增长近六成\n\n\
             1—11月，全市储能、氢能两大领域分别增长42.3%和57.8%。\n\n\
             光伏领域产值增长近两成。\n",
        )]);
        let first = |q: &str| {
            let r = engine.ask(q);
            r.answers
                .iter()
                .map(|a| a.figures[0].text.clone())
                .collect::<Vec<_>>()
        };
        // both are shown, the exact one first
        assert_eq!(first("储能领域产值增长了多少")[..2], ["42.3%", "超四成"]);
        assert_eq!(first("氢能领域产值增长多少")[..2], ["57.8%", "近六成"]);
        // a rounded figure with no exact one stays the answer
        assert_eq!(first("光伏领域产值增长多少")[0], "近两成");
    }

    #[test]
    fn a_figure_about_a_group_does_not_answer_for_one_member() {
        let (_dir, engine) = crate::engine::tests::engine_of(&[(
            "firms",
            "链主企业年报\n\n澜拓新能源、华澜储能等链主企业今年持续扩产。\
             1—11月，全市120家重点企业实现营业收入5863.7亿元，增长14.9%。\n\n\
             远曜光电今年实现营业收入88.6亿元。\n",
        )]);
        // the group's figure answers for the group
        let r = engine.ask("重点企业营业收入多少亿元");
        assert_eq!(r.status, Status::Answered);
        assert_eq!(r.answers[0].figures[0].text, "5863.7亿元");
        // a member named by the article has no figure of its own: the reason names the group
        let r = engine.ask("华澜储能营业收入多少");
        assert_eq!(r.status, Status::NotFound, "{:?}", r.answers);
        let reason = r.reason.unwrap_or_default();
        assert!(
            reason.contains("120家重点企业") && reason.contains("华澜储能"),
            "{reason}"
        );
        // a firm whose own sentence gives the figure is answered from that sentence
        let r = engine.ask("远曜光电营业收入多少");
        assert_eq!(r.answers[0].figures[0].text, "88.6亿元", "{:?}", r.reason);
    }

    #[test]
    fn a_stated_ordinal_must_be_the_one_the_sentence_holds() {
        let (_dir, engine) = crate::engine::tests::engine_of(&[
            (
                "port",
                "港口快讯\n\n今年1-5月，全市港口货物吞吐量3.2亿吨，增长5%。第3号港区吞吐量增长8%。\n",
            ),
            (
                "fair",
                "展会快讯\n\n第135届交易会上，全市企业签约项目58个。\n",
            ),
        ]);
        let r = engine.ask("第3号港区吞吐量增长多少");
        assert_eq!(r.answers[0].figures[0].text, "8%", "{:?}", r.reason);
        // the same ordinal written in Chinese numerals
        let r = engine.ask("第三号港区吞吐量增长多少");
        assert_eq!(r.answers[0].figures[0].text, "8%", "{:?}", r.reason);
        // another berth, another fair: nothing of the article is about them
        for (q, named) in [
            ("第5号港区吞吐量增长多少", "第5号港区"),
            ("第136届交易会签约项目多少个", "第136届"),
        ] {
            let r = engine.ask(q);
            assert_eq!(r.status, Status::NotFound, "{q}: {:?}", r.answers);
            let reason = r.reason.unwrap_or_default();
            assert!(reason.contains(named), "{q}: {reason}");
        }
        let r = engine.ask("第135届交易会签约项目多少个");
        assert_eq!(r.answers[0].figures[0].text, "58个", "{:?}", r.reason);
    }

    /// The first figure of each answer.
    fn firsts(engine: &crate::Engine, q: &str) -> Vec<String> {
        let r = engine.ask(q);
        assert_eq!(r.status, Status::Answered, "{q}: {:?}", r.reason);
        r.answers
            .iter()
            .map(|a| a.figures[0].text.clone())
            .collect()
    }

    #[test]
    fn the_whole_answers_before_its_parts() {
        let (_dir, engine) = crate::engine::tests::engine_of(&[(
            "census",
            "青岛市人口统计公报\n\n青岛市统计局发布2024年青岛市人口统计公报。\n\n\
             年末全市户籍人口520万人，其中，城镇人口360万人，乡村人口160万人。\n\n\
             年末全市常住人口900万人。其中，城镇常住人口600万人，占常住人口的66.7%。\n",
        )]);
        // the question names the whole: the whole, not a part that shares its words
        assert_eq!(firsts(&engine, "户籍人口多少")[0], "520万人");
        assert_eq!(firsts(&engine, "青岛常住人口有多少")[0], "900万人");
        // a part answers when the question names it
        assert_eq!(firsts(&engine, "城镇人口多少")[0], "360万人");
        assert_eq!(firsts(&engine, "乡村人口有多少")[0], "160万人");
        assert_eq!(firsts(&engine, "城镇常住人口多少")[0], "600万人");
    }

    #[test]
    fn a_sentence_opening_with_qizhong_inherits_the_subject_before() {
        let (_dir, engine) = crate::engine::tests::engine_of(&[(
            "trade",
            "海关统计\n\n今年1-5月，浙江省进出口总值1.5万亿元，增长6%。其中，出口9000亿元，增长7%。\n\n\
             另据统计，宁波舟山港货物吞吐量5亿吨。\n",
        )]);
        // 浙江省 is named only in the sentence before: the 其中 sentence is about it too
        assert_eq!(firsts(&engine, "浙江省出口多少")[0], "9000亿元");
        assert_eq!(firsts(&engine, "今年1-5月浙江出口增长多少")[0], "7%");
        // and the whole is still the whole
        assert_eq!(firsts(&engine, "浙江省进出口总值多少")[0], "1.5万亿元");
    }
}
