//! One question, one figure: the best-ranked candidates quoted, the asked figure first, an
//! exact figure before the summary that rounds it, and equal answers newest first.

use super::{quote, Answer, Response, Status, MAX_ANSWERS};
use crate::figures::compare::{compare, Outcome, Quantity};
use crate::knowledge::Lexicon;
use crate::question::Question;
use crate::ranking::{Candidate, Ranker};

/// Answers scoring this much below the best are not offered.
const SCORE_WINDOW: f32 = 0.6;

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
        return Response::not_found(text, ranked.why_none(&q.unmentioned));
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
        answers.push(quote(c, ranker.lex));
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
            crate::figures::is_vague(lex, &f.text, f.number.qualifier.as_ref())
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
    if e.number.kind != r.number.kind {
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

#[cfg(test)]
mod tests {
    use super::*;

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
