//! Restatements: a claim that copies the article's sentence (or a stretch of it) word for
//! word, its numbers aside, speaks of the figures in the same places. Comparing those
//! figures, not the best-ranked ones, keeps the check from calling the article's own
//! sentence wrong (a count read against another count of the same sentence).

use super::Claim;
use crate::corpus::ParsedArticle;
use crate::figures::compare::Quantity;

/// The least a restatement must hold besides its figures, in chars.
const RESTATED_CHARS: usize = 6;

/// Placeholder of a figure in a skeleton.
const SLOT: char = '\u{FFFC}';

/// A text with each figure replaced by [`SLOT`]: what a restatement keeps word for word.
pub(super) struct Skeleton {
    chars: Vec<char>,
    /// Where each figure's slot stands, in the order of the spans it was made from.
    slots: Vec<usize>,
}

impl Skeleton {
    /// The skeleton of `chars` with figures at `spans`.
    pub(super) fn of(chars: &[char], spans: &[std::ops::Range<usize>]) -> Skeleton {
        let mut out = Vec::with_capacity(chars.len());
        let mut slots = vec![usize::MAX; spans.len()];
        let mut i = 0;
        while i < chars.len() {
            match spans.iter().position(|s| s.start == i && s.end > i) {
                Some(k) => {
                    slots[k] = out.len();
                    out.push(SLOT);
                    i = spans[k].end;
                }
                None => {
                    out.push(chars[i]);
                    i += 1;
                }
            }
        }
        Skeleton { chars: out, slots }
    }

    /// Where the text starts and ends without the spaces and punctuation at its ends (a
    /// claim copied from a sentence may keep or drop its 。).
    fn words(&self) -> std::ops::Range<usize> {
        let edge = |c: &char| *c != SLOT && !c.is_alphanumeric();
        let start = self
            .chars
            .iter()
            .position(|c| !edge(c))
            .unwrap_or(self.chars.len());
        let end = self
            .chars
            .iter()
            .rposition(|c| !edge(c))
            .map_or(start, |e| e + 1);
        start..end
    }
}

/// Does the claim restate the article's sentence holding figure `fid`, its numbers aside
/// (the sentence, or a stretch of it, word for word, each figure in its place), with the
/// claimed figure at `span` standing where `fid` stands? Then `fid` is the figure the claim
/// speaks of, whatever its words or period.
pub(super) fn restates(
    claim: &Claim,
    span: &std::ops::Range<usize>,
    a: &ParsedArticle,
    fid: usize,
) -> bool {
    let f = &a.figures[fid];
    let sentence = &a.sentences[f.sentence];
    let spans: Vec<std::ops::Range<usize>> = sentence
        .figures
        .clone()
        .map(|g| a.figures[g].span.clone())
        .collect();
    let (Some(mine), Some(theirs)) = (
        claim.spans.iter().position(|s| s == span),
        spans.iter().position(|s| *s == f.span),
    ) else {
        return false;
    };
    let words = claim.skeleton.words();
    let restated = &claim.skeleton.chars[words.clone()];
    if restated.iter().filter(|&&c| c != SLOT).count() < RESTATED_CHARS {
        return false;
    }
    let article = Skeleton::of(&sentence.norm, &spans);
    let Some(at) = crate::corpus::find(&article.chars, restated, 0) else {
        return false;
    };
    let slot = claim.skeleton.slots[mine];
    words.contains(&slot) && slot - words.start + at == article.slots[theirs]
}

/// The same number, as precisely as the coarser of the two is written: both ends of a
/// range (4至6条 is not 4至5条).
pub(super) fn same_number(claim: &Quantity, article: &Quantity) -> bool {
    let step = claim.precision.max(article.precision).max(f64::EPSILON);
    let close = |a: f64, b: f64| (a - b).abs() < step / 2.0 + f64::EPSILON * a.abs();
    let high = match (claim.high, article.high) {
        (Some(a), Some(b)) => close(a, b),
        (None, None) => true,
        _ => false,
    };
    close(claim.value, article.value) && high
}
