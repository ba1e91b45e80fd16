//! How well a sentence matches a question: each term found in it (or in the sentence it
//! leans on), the recall of the question's weight, a name the question asks that the
//! sentence lacks, and the comparison base.

use super::weights::{Weights, WEIGHTS};
use super::{may_answer, Candidate, Form, Lack, Parts, Ranked, Ranker, SentenceScoring, Weighted};
use crate::article::BlockKind;
use crate::corpus::{find, ParsedArticle, Sentence};
use crate::figures::context::ITEM;
use crate::figures::Kind;
use crate::knowledge::Lexicon;
use crate::question::{Asked, Question, SYNONYM};
use crate::text::CharSet;
use std::sync::Arc;

impl Ranker<'_> {
    pub(super) fn score_sentence(
        &self,
        q: &Question,
        terms: &[Weighted],
        (article, subject): (&Arc<ParsedArticle>, &SubjectNames),
        sid: usize,
        out: &mut Ranked,
    ) {
        let s = &article.sentences[sid];
        let w: &Weights = &WEIGHTS;
        let year = article.article.reference_year;
        let near = Nearby::of(article, sid);
        let lacks = self.missing_name(q, terms, article, sid);
        let (nearby, selector) = self.context_matches(q, terms, (article, subject), sid, &near);
        let sc = SentenceScoring {
            article,
            q,
            terms,
            sid,
            found: terms.iter().map(|t| occurrences(s, t)).collect(),
            nearby,
            selector,
            asked_scope: q.scope_for(year),
            focus: q
                .focus
                .as_ref()
                .and_then(|f| q.terms.iter().position(|t| &t.text == f)),
            year,
            display_penalty: display_penalty(s, w),
        };
        // a sentence lacking a name is also scored on the rest of the question: would it
        // have answered but for the name?
        let rest = match lacks {
            Some(_) => without_names(terms, q),
            None => Vec::new(),
        };
        let sc_rest = SentenceScoring {
            terms: &rest,
            found: rest.iter().map(|t| occurrences(s, t)).collect(),
            nearby: rest.iter().map(|t| nearby_match(&near, t)).collect(),
            selector: sc.selector.clone(),
            ..sc
        };
        let all = vec![1.0f32; s.norm.len()];
        let mut push = |c: Candidate| match &lacks {
            Some(name) => {
                let weights = c.figure.map_or(&all[..], |f| &article.weights[f][..]);
                let rest_recall = self.recall(&sc_rest, weights).gate;
                out.lacking.push((c, name.clone(), rest_recall))
            }
            None => out.cands.push(c),
        };
        if let Some(c) = self.sentence_candidate(&sc) {
            push(c);
        }
        if q.asked == Asked::Entity {
            return; // which / who / where: the sentence answers, not one of its numbers
        }
        for fid in s.figures.clone() {
            if !may_answer(self.lex, q, &article.figures[fid]) {
                continue;
            }
            match self.figure_candidate(&sc, fid) {
                Some(c) => push(c),
                None => out.scope_rejected = true,
            }
        }
    }

    /// For each word of the question: how well the sentence's context holds it (the text
    /// nearby, the sentence a 其中 leans on, the article's subject), and whether it picks the
    /// article rather than the sentence (the subject, a place the article is about).
    fn context_matches(
        &self,
        q: &Question,
        terms: &[Weighted],
        (article, subject): (&Arc<ParsedArticle>, &SubjectNames),
        sid: usize,
        near: &Nearby,
    ) -> (Vec<f32>, Vec<bool>) {
        // a sentence opening with 其中 is about the subject of the sentence before
        let inherited = article
            .leans_on_previous(self.lex, sid)
            .then(|| &article.sentences[sid - 1]);
        let subject = subject.in_sentence(&article.sentences[sid]);
        let nearby = terms
            .iter()
            .zip(&q.terms)
            .map(|(w, t)| {
                let nearby = match &inherited {
                    Some(prev) if t.subject => inherited_match(prev, w),
                    _ => nearby_match(near, w),
                };
                nearby.max(subject_match(subject, w))
            })
            .collect();
        let selector = terms
            .iter()
            .zip(&q.terms)
            .map(|(w, t)| subject_match(subject, w) > 0.0 || self.about_place(article, t))
            .collect();
        (nearby, selector)
    }

    /// The first name the question gives (a firm, a person: [`Term::name`]) that neither
    /// the sentence nor what it leans on holds — its heading, and the sentence before when it
    /// opens on it (其中…). Such a sentence cannot answer: its figures are about someone
    /// else, or about a whole group.
    pub(super) fn missing_name(
        &self,
        q: &Question,
        terms: &[Weighted],
        article: &ParsedArticle,
        sid: usize,
    ) -> Option<Lack> {
        if !q.terms.iter().any(|t| t.name) && q.fixed.is_empty() {
            return None;
        }
        let s = &article.sentences[sid];
        let mut text: Vec<char> = s.norm.clone();
        if let Some(h) = article.heading_sentences(sid) {
            for hs in &article.sentences[h] {
                text.push('|');
                text.extend(hs.norm.iter());
            }
        }
        for name in &article.subject {
            text.push('|');
            text.extend(name.chars());
        }
        let mut figures: Vec<usize> = s.figures.clone().collect();
        if article.leans_on_previous(self.lex, sid) {
            text.push('|');
            text.extend(article.sentences[sid - 1].norm.iter());
            figures.extend(article.sentences[sid - 1].figures.clone());
        }
        // an ordinal or top-N name stated in the question: the same one, by value and unit
        let holds = |x: &crate::question::Fixed| {
            figures.iter().map(|&f| &article.figures[f]).any(|f| {
                f.number.kind == Kind::Rank
                    && f.number.value == Some(x.value)
                    && (f.number.unit.is_none() || x.unit.is_none() || f.number.unit == x.unit)
            })
        };
        if let Some(x) = q.fixed.iter().find(|x| !holds(x)) {
            return Some(Lack {
                shown: x.shown.clone(),
                name: false,
            });
        }
        q.terms
            .iter()
            .zip(terms)
            .find(|(t, w)| {
                t.name
                    && !w
                        .forms
                        .iter()
                        .any(|f| f.factor >= SYNONYM && find(&text, &f.chars, 0).is_some())
            })
            .map(|(t, _)| Lack {
                shown: q
                    .name_phrases
                    .iter()
                    .find(|(n, _)| *n == t.text)
                    .map_or_else(|| t.text.clone(), |(_, p)| p.clone()),
                name: crate::text::WordClass::of(&t.tag) != crate::text::WordClass::Place,
            })
    }

    /// How much of the question `weights` cover in sentence `sc.sid` (words only near it
    /// counting less): by the archive's weights, for the score, and by the language's,
    /// with the words that pick the article counting little, for the decision to answer.
    pub(super) fn recall(&self, sc: &SentenceScoring, weights: &[f32]) -> Recall {
        let (mut covered, mut total) = ([0.0f32; 2], [0.0f32; 2]);
        for (i, t) in sc.terms.iter().enumerate() {
            let share = best_match(&sc.found[i], weights).max(sc.nearby[i]);
            let selector = if sc.selector[i] {
                WEIGHTS.selector
            } else {
                1.0
            };
            for (k, weight) in [t.weight, t.gate_weight * selector].into_iter().enumerate() {
                let got = weight * share;
                covered[k] += got;
                total[k] += match (t.optional, t.light) {
                    (true, _) => got,
                    (false, true) => got + (weight - got) * WEIGHTS.light_missing,
                    (false, false) => weight,
                };
            }
        }
        Recall {
            score: covered[0] / f32::max(total[0], 1e-6),
            gate: covered[1] / f32::max(total[1], 1e-6),
        }
    }

    /// The sentence as a whole: the answer to which/who/where questions, and to questions
    /// that ask for no number.
    pub(super) fn sentence_candidate(&self, sc: &SentenceScoring) -> Option<Candidate> {
        let s = &sc.article.sentences[sc.sid];
        let scope_ok = match (sc.asked_scope, &s.scope) {
            (Some(a), Some(scope)) => scope.fit(a, sc.year) > 0.0,
            (Some(a), None) => a.start.0 <= sc.year && a.end.0 >= sc.year,
            _ => true,
        };
        if !scope_ok || sc.q.wants_number {
            return None;
        }
        let Recall {
            score: recall,
            gate,
        } = self.recall(sc, &vec![1.0f32; s.norm.len()]);
        let bonus = if sc.q.asked == Asked::Entity {
            WEIGHTS.which_sentence
        } else {
            WEIGHTS.plain_sentence
        };
        Some(Candidate {
            article: sc.article.clone(),
            sentence: sc.sid,
            figure: None,
            score: recall + bonus - sc.display_penalty,
            recall,
            gate,
            parts: Parts::default(),
        })
    }
}

/// The heading and the sentence before, where a question's word counts a little: their
/// chars at once, their text only when some word may be in it (most are not).
pub(super) struct Nearby<'a> {
    article: &'a ParsedArticle,
    sid: usize,
    set: CharSet,
    text: std::cell::OnceCell<Vec<char>>,
}

impl<'a> Nearby<'a> {
    pub(super) fn of(a: &'a ParsedArticle, sid: usize) -> Nearby<'a> {
        let mut set = CharSet::default();
        if let Some(h) = a.heading_sentences(sid) {
            for s in &a.sentences[h] {
                set = set.union(s.chars);
            }
        }
        if sid > a.paragraph_of(sid).start {
            set = set
                .union(CharSet::of(&['|']))
                .union(a.sentences[sid - 1].chars);
        }
        Nearby {
            article: a,
            sid,
            set,
            text: Default::default(),
        }
    }

    fn holds(&self, form: &Form) -> bool {
        self.set.may_hold(form.set)
            && form.is_in(
                self.text
                    .get_or_init(|| nearby_text(self.article, self.sid)),
                self.set,
            )
    }
}

/// Heading and previous sentence of the paragraph, normalised.
fn nearby_text(a: &ParsedArticle, sid: usize) -> Vec<char> {
    let mut v: Vec<char> = Vec::new();
    if let Some(h) = a.heading_sentences(sid) {
        for s in &a.sentences[h] {
            v.extend(s.norm.iter());
        }
    }
    let para = a.paragraph_of(sid);
    if sid > para.start {
        v.push('|');
        v.extend(a.sentences[sid - 1].norm.iter());
    }
    v
}

/// The names of an article's subject as a question sees them (read once per article),
/// and the other people the article names.
pub(super) struct SubjectNames {
    /// Each name, and whether the question writes it whole.
    names: Vec<(Vec<char>, bool)>,
    /// The people named in the article who are not its subject.
    others: Vec<(Vec<char>, CharSet)>,
}

impl SubjectNames {
    pub(super) fn of(a: &ParsedArticle, q: &Question) -> SubjectNames {
        let question: Vec<char> = q.norm.chars().collect();
        let names = a
            .subject
            .iter()
            .map(|name| {
                let name: Vec<char> = name.chars().collect();
                let whole = find(&question, &name, 0).is_some();
                (name, whole)
            })
            .collect();
        let others = a
            .people
            .iter()
            .filter(|p| !a.subject.contains(p))
            .map(|p| (p.chars().collect(), CharSet::of_str(p)))
            .collect();
        SubjectNames { names, others }
    }

    /// The subject's names as one sentence sees them: none when the sentence names another
    /// person, which it is then about (当年带他入行的师傅黄金水…).
    pub(super) fn in_sentence(&self, s: &Sentence) -> &[(Vec<char>, bool)] {
        let other = self
            .others
            .iter()
            .any(|(p, set)| s.chars.may_hold(*set) && find(&s.norm, p, 0).is_some());
        if other {
            &[]
        } else {
            &self.names
        }
    }
}

/// A word of the question that names the article's subject (a name of the entry, a part of
/// it): every sentence of the article is about it, so it counts as the sentence's own. A
/// word of one char counts only inside a name the question writes whole (大沙地站 cut into
/// 大 / 沙地 / 站).
pub(super) fn subject_match(names: &[(Vec<char>, bool)], t: &Weighted) -> f32 {
    t.forms
        .iter()
        .filter(|f| {
            f.factor >= SYNONYM
                && names.iter().any(|(name, whole)| {
                    (f.chars.len() >= 2 || *whole) && find(name, &f.chars, 0).is_some()
                })
        })
        .map(|f| f.factor)
        .fold(0.0, f32::max)
}

/// A subject word in the sentence a 其中 sentence leans on: it counts as the sentence's own
/// (at the form's factor), not as a mere neighbour.
pub(super) fn inherited_match(prev: &Sentence, t: &Weighted) -> f32 {
    t.forms
        .iter()
        .filter(|f| f.is_in(&prev.norm, prev.chars))
        .map(|f| f.factor)
        .fold(0.0, f32::max)
}

/// The years a question's period covers, for every reference year of the archive.
pub(super) fn asked_years(q: &Question) -> Vec<i32> {
    let mut years: Vec<i32> = q
        .scopes
        .values()
        .flatten()
        .flat_map(|s| s.start.0.max(s.end.0 - 50)..=s.end.0)
        .collect();
    years.sort();
    years.dedup();
    years
}

/// Where a term's form occurs in a sentence: its chars, how good a form it is, and whether
/// it is a whole word there.
#[derive(Debug, Clone)]
pub(super) struct Occurrence {
    pub(super) at: std::ops::Range<usize>,
    /// The form's factor (1 for the term, less for synonyms and sub-words), less again
    /// inside a longer word (出口 in 进出口).
    pub(super) factor: f32,
}

/// Every occurrence of a term's forms in a sentence.
pub(super) fn occurrences(s: &Sentence, t: &Weighted) -> Vec<Occurrence> {
    let mut out = Vec::new();
    for Form {
        chars: form,
        factor,
        set,
    } in &t.forms
    {
        if !s.chars.may_hold(*set) {
            continue;
        }
        let mut from = 0;
        while let Some(at) = find(&s.norm, form, from) {
            let end = at + form.len();
            let whole = s.bounds[at] && s.bounds[end];
            out.push(Occurrence {
                at: at..end,
                factor: factor * if whole { 1.0 } else { WEIGHTS.inside_word },
            });
            from = at + 1;
        }
    }
    out
}

/// Best match of a term under a figure's per-char weights: an occurrence counts with the
/// lowest weight of its chars.
pub(super) fn best_match(found: &[Occurrence], weights: &[f32]) -> f32 {
    found
        .iter()
        .map(|o| {
            let w = weights[o.at.clone()]
                .iter()
                .copied()
                .fold(f32::INFINITY, f32::min);
            w * o.factor
        })
        .fold(0.0, f32::max)
}

/// A term's best match in the heading or the sentence before (weighing less).
pub(super) fn nearby_match(nearby: &Nearby, t: &Weighted) -> f32 {
    t.forms
        .iter()
        .filter(|f| nearby.holds(f))
        .map(|f| f.factor * WEIGHTS.nearby)
        .fold(0.0, f32::max)
}

/// A date or a period is an answer only to a question asking when (or how long: 几个月):
/// 2023年 from a headline never answers how much something grew.
/// How a figure's comparison fits the one a question names (较2019年同期): the same base
/// in its own phrase counts for it; another comparison there (同比, 较去年) against it.
pub(super) fn base_fit(lex: &Lexicon, q: &Question, s: &Sentence, weights: &[f32]) -> f32 {
    if q.bases.is_empty() {
        return 0.0;
    }
    let own = |at: usize, n: usize| weights[at..at + n].iter().all(|&w| w >= ITEM);
    let holds = |w: &str| {
        let w: Vec<char> = w.chars().collect();
        let mut from = 0;
        while let Some(at) = find(&s.norm, &w, from) {
            if own(at, w.len()) {
                return true;
            }
            from = at + 1;
        }
        false
    };
    if q.bases.iter().any(|b| holds(b)) {
        WEIGHTS.same_base
    } else if lex.time.comparison.iter().any(|c| holds(c)) {
        -WEIGHTS.other_base
    } else {
        0.0
    }
}

/// The question's terms with those of its names made optional: what a sentence lacking a
/// name is also scored on.
fn without_names(terms: &[Weighted], q: &Question) -> Vec<Weighted> {
    terms
        .iter()
        .zip(&q.terms)
        .map(|(w, t)| Weighted {
            forms: w
                .forms
                .iter()
                .map(|f| Form {
                    chars: f.chars.clone(),
                    ..*f
                })
                .collect(),
            weight: w.weight,
            optional: w.optional || t.in_name,
            light: w.light,
            gate_weight: w.gate_weight,
        })
        .collect()
}

/// Headlines, subtitles and captions answer second to the body that states the same.
fn display_penalty(s: &Sentence, w: &Weights) -> f32 {
    match s.kind {
        BlockKind::Headline | BlockKind::Subtitle | BlockKind::Caption => w.display_block,
        _ => 0.0,
    }
}

/// The two shares of the question a candidate covers.
pub(super) struct Recall {
    /// By the archive's weights: part of the score.
    pub(super) score: f32,
    /// By the language's weights: whether it answers at all.
    pub(super) gate: f32,
}

impl Ranker<'_> {
    /// Is the term a place the article is about (青岛 in a report on Qingdao)? It picks the
    /// article; inside it, it tells no sentence from another.
    fn about_place(&self, a: &ParsedArticle, t: &crate::question::Term) -> bool {
        crate::text::WordClass::of(&t.tag) == crate::text::WordClass::Place
            && a.places
                .contains(&crate::corpus::place_name(self.lex, &t.text))
    }
}
