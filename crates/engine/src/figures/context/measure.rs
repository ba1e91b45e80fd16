//! The measure phrase of a figure, in the article's words (对欧盟出口增长), and the thing a
//! count counts (企业 in 179家世界500强企业).

use super::{is_name_like, FigureContext, Frame};
use crate::figures::{Kind, SentenceView};
use crate::knowledge::{match_at, match_before};
use crate::text::{Word, WordClass};

/// Chars picked out of a sentence (not always contiguous), normalised and as written.
#[derive(Debug, Clone, Default)]
pub(super) struct Picked {
    norm: Vec<char>,
    orig: Vec<char>,
}

impl Picked {
    /// The chars of `lo..hi` whose weight for `ctx` is at least `min`, punctuation aside.
    pub(super) fn from(
        view: &SentenceView,
        ctx: &FigureContext,
        lo: usize,
        hi: usize,
        min: f32,
    ) -> Picked {
        let keep = |k: &usize| ctx.weights[*k] >= min && !is_punct(view.norm[*k]);
        Picked {
            norm: (lo..hi).filter(keep).map(|k| view.norm[k]).collect(),
            orig: (lo..hi).filter(keep).map(|k| view.orig[k]).collect(),
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.norm.is_empty()
    }

    pub(super) fn starts_with_any(&self, words: &[String]) -> bool {
        match_at(words, &self.norm, 0).is_some()
    }

    pub(super) fn cut(&mut self, from: usize, to: usize) {
        self.norm.drain(from..to);
        self.orig.drain(from..to);
    }

    /// Remove leading words of `lead` (while something remains), trailing words of `tail`,
    /// and every occurrence of `anywhere`.
    pub(super) fn strip(&mut self, lead: &[String], tail: &[String], anywhere: &[String]) {
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
    pub(super) fn trim(&mut self, set: &[char]) {
        let trimmed = |c: &char| set.contains(c) || c.is_whitespace();
        while self.norm.first().is_some_and(trimmed) {
            self.cut(0, 1);
        }
        while self.norm.last().is_some_and(trimmed) {
            let n = self.norm.len();
            self.cut(n - 1, n);
        }
    }

    pub(super) fn push(&mut self, other: &Picked) {
        self.norm.extend(&other.norm);
        self.orig.extend(&other.orig);
    }

    pub(super) fn written(&self) -> String {
        self.orig.iter().collect()
    }
}

/// Opening and closing quotation marks.
pub(super) const QUOTES: &[char] = &['“', '”', '"', '‘', '’'];

/// A readable measure: the figure's own phrase without the number, time words and light
/// verbs; a bare 增长/占比 takes the thing named by the figure before it.
pub(super) fn measure(frame: &Frame, i: usize, all: &[FigureContext], min: f32) -> String {
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
        f.number.kind,
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
pub(super) fn counted_phrase(orig: &[char], words: &[Word], at: usize) -> String {
    let mut end = at;
    for w in words.iter().filter(|w| w.start >= at) {
        if w.start != end {
            break;
        }
        let nounish = w.class().is_nounish()
            || matches!(
                w.class(),
                WordClass::Numeral
                    | WordClass::AdjectiveNoun
                    | WordClass::Attributive
                    | WordClass::VerbalNoun
            );
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

pub(super) fn is_punct(c: char) -> bool {
    !(c.is_alphanumeric() || c == '%' || c == '-' || c == '/')
}
