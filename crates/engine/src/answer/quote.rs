//! The excerpt of an answer: the sentence that holds the figure, with the sentence before
//! when it leans on it, cut to whole clauses when longer than [`MAX_EXCERPT`].

use super::{Answer, AnswerFigure, MAX_EXCERPT};
use crate::article::ParagraphRef;
use crate::corpus::{ParsedArticle, Sentence};
use crate::figures::{Figure, FigureInfo, Kind};
use crate::knowledge::Lexicon;
use crate::ranking::Candidate;

/// The answer for one candidate: its excerpt and figures.
pub(crate) fn quote(c: &Candidate, lex: &Lexicon) -> Answer {
    let a: &ParsedArticle = &c.article;
    let s = &a.sentences[c.sentence];
    // the previous sentence when this one leans on it (其中, 同时 …) and both fit
    let mut first = c.sentence;
    if a.leans_on_previous(lex, c.sentence) {
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
        if Some(id) == c.figure
            || matches!(f.number.kind, Kind::Date | Kind::Period) && f.number.value.is_none()
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
        value: f.number.value,
        unit: f.number.unit.clone(),
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
        let a = quote(&cand, &lex);
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
}
