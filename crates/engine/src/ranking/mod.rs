//! Ranking: which figures of which sentences answer a question, best first.
//!
//! Candidates come from the index (BM25 over sentences); each figure of a candidate sentence
//! is then scored on:
//! - recall: how much of the question (idf-weighted) its own words cover, using the
//!   per-figure weights from `figures::context` (so 17.4% is about 欧盟, not 东盟);
//! - precision: how much of what the figure measures the question names (新三样's share is
//!   not the city's share);
//! - fit of kind, unit and time scope to what is asked.
//!
//! A figure of another period, or one covering too little of the question, is dropped: the
//! answer stage ([`crate::answer`]) then says `not_found` rather than offering it.
//!
//! Owns: scoring, with every weight named in [`weights`]. May import the steps before it
//! (`corpus`, `index`, `question` …); never `answer`, `check` or a frontend.

mod weights;

mod explain;
mod figure;
mod retrieve;
mod sentence;

use figure::group_of;
use sentence::{Occurrence, SubjectNames};

use std::collections::HashMap;
use std::sync::Arc;

use crate::archive::{Articles, Lookup};
use crate::article::ArticleKey;
use crate::corpus::{find, ParsedArticle};
use crate::figures::{Figure, Kind, Scope};
use crate::index::IndexSearcher;
use crate::knowledge::{Lexicon, DURATION};
use crate::question::{Asked, Question};
use crate::text::CharSet;
use weights::WEIGHTS;

/// The scored candidates of a question, best first, and why some were dropped.
#[derive(Default)]
pub(crate) struct Ranked {
    pub(crate) cands: Vec<Candidate>,
    /// Candidates that lack a name the question gives (华澜储能营业收入 against a sentence
    /// about 186家重点企业), with the name: no answers, but the reason when nothing else is.
    /// Each with how much of the rest of the question it covers.
    lacking: Vec<(Candidate, Lack, f32)>,
    weak: bool,
    scope_rejected: bool,
    error: Option<String>,
}

/// An article figure that may answer the question: (article, figure id, score, recall).
pub(crate) type FigureCandidate = (Arc<ParsedArticle>, usize, f32, f32);

/// A sentence, or one figure of it, that may answer the question.
pub(crate) struct Candidate {
    pub(crate) article: Arc<ParsedArticle>,
    pub(crate) sentence: usize,
    pub(crate) figure: Option<usize>,
    pub(crate) score: f32,
    recall: f32,
    /// The share of the question it covers by the language's weights: whether it answers.
    gate: f32,
    /// The parts of the score, for `--explain`.
    parts: Parts,
}

/// The parts of a figure's score, for `--explain`.
#[derive(Debug, Clone, Copy, Default)]
struct Parts {
    kind: f32,
    unit: f32,
    precision: f32,
    focus: f32,
    /// The fit of its period (-1 when none was asked).
    scope: f32,
}

impl std::fmt::Display for Parts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "kind {:+.2} unit {:+.2} prec {:.2} focus {:+.2} scope {:.2}",
            self.kind, self.unit, self.precision, self.focus, self.scope
        )
    }
}

/// One way a question's term may be written: the term itself, a synonym or a sub-word,
/// with how much a match of it counts, and its chars' signature (to skip the texts that
/// cannot hold it without scanning them).
struct Form {
    chars: Vec<char>,
    factor: f32,
    set: CharSet,
}

impl Form {
    fn new(text: &str, factor: f32) -> Form {
        let chars: Vec<char> = text.chars().collect();
        let set = CharSet::of(&chars);
        Form { chars, factor, set }
    }

    /// Is it anywhere in `text`, whose chars are `set`?
    fn is_in(&self, text: &[char], set: CharSet) -> bool {
        set.may_hold(self.set) && find(text, &self.chars, 0).is_some()
    }
}

/// Ranks the archive's figures for a question.
pub(crate) struct Ranker<'a> {
    pub(crate) articles: &'a dyn Articles,
    pub(crate) searcher: &'a IndexSearcher,
    pub(crate) lex: &'a Lexicon,
    pub(crate) seg: &'a crate::text::Segmenter,
}

impl<'a> Ranker<'a> {
    /// The ranker of one request's lookup.
    pub(crate) fn of(look: &Lookup<'a>) -> Ranker<'a> {
        Ranker {
            articles: look.articles,
            searcher: look.searcher,
            lex: look.lex,
            seg: look.seg,
        }
    }
}

/// Sentences searched per question, at most: the place and period named narrow the search
/// before this limit applies.
const SEARCH_LIMIT: usize = 400;
/// Articles read per question, at most: the best-matching first. A question that names a
/// place is kept to that place's articles before; one that names none is answered from the
/// best matches of the archive, and near-copies beyond these add nothing.
const ARTICLE_LIMIT: usize = 48;

/// What scoring one candidate sentence needs to know once: the question's weighted terms,
/// the sentence, its neighbourhood, the asked period and the focus word.
struct SentenceScoring<'q> {
    article: &'q Arc<ParsedArticle>,
    q: &'q Question,
    terms: &'q [Weighted],
    sid: usize,
    /// Per term: where its forms occur in the sentence (found once for all its figures).
    found: Vec<Vec<Occurrence>>,
    /// Per term: its best match in the heading or the sentence before.
    nearby: Vec<f32>,
    /// Per term: does it pick the article rather than the sentence (its subject, a place it
    /// is about)?
    selector: Vec<bool>,

    asked_scope: Option<&'q Scope>,
    /// The focus word's term.
    focus: Option<usize>,
    year: i32,
    display_penalty: f32,
}

/// A term with its idf and the forms to look for.
struct Weighted {
    forms: Vec<Form>,
    weight: f32,
    /// Its weight by how telling it is in the language at large: what the decision to
    /// answer reads, the same whatever else the archive holds.
    gate_weight: f32,
    /// A generic word (总额, 规模): it counts when a sentence has it, and is no loss when
    /// it does not — however rare the index finds it.
    optional: bool,
    /// A word that names nothing (a verb, an adverb: 使用, 普遍): a sentence lacking it
    /// loses only part of its weight, as questions word their verbs freely.
    light: bool,
}

impl<'a> Ranker<'a> {
    /// Score every candidate the index finds, best first. With `strict`, candidates that
    /// cover too little of the question are dropped.
    pub(crate) fn candidates(&self, q: &Question, strict: bool) -> Ranked {
        let weighted = self.weigh(&q.terms);
        let query: Vec<(String, f32)> = q
            .terms
            .iter()
            .flat_map(|t| {
                std::iter::once((t.text.clone(), t.weight))
                    .chain(t.alts.iter().map(|(a, f)| (a.clone(), t.weight * f)))
            })
            .collect();
        let mut ranked = Ranked::default();
        let hits = match self.search(q, &query, &mut ranked) {
            Ok(h) => h,
            Err(e) => {
                ranked.error = Some(format!("search failed: {e}"));
                return ranked;
            }
        };
        let t_load = std::time::Instant::now();
        let mut by_article: HashMap<ArticleKey, Option<(Arc<ParsedArticle>, SubjectNames)>> =
            HashMap::new();
        let mut seen = std::collections::HashSet::new();
        for hit in hits {
            if !by_article.contains_key(&hit.article) && by_article.len() >= ARTICLE_LIMIT {
                continue;
            }
            let loaded = by_article.entry(hit.article).or_insert_with(|| {
                let a = self.articles.article(hit.article)?;
                let subject = SubjectNames::of(&a, q);
                Some((a, subject))
            });
            let Some((article, subject)) = loaded else {
                continue;
            };
            let Some(s) = article.sentences.get(hit.sentence) else {
                continue;
            };
            let sid = s.duplicate_of.unwrap_or(hit.sentence);
            if seen.insert((hit.article, sid)) {
                self.score_sentence(q, &weighted, (article, subject), sid, &mut ranked);
            }
        }
        tracing::debug!(
            sentences = seen.len(),
            articles = by_article.len(),
            ms = t_load.elapsed().as_secs_f64() * 1000.0,
            "scored candidates"
        );
        if strict {
            // a candidate that covers too little of the question is no answer at all
            // and one of a kind the question does not ask (a count for 增长多少) answers only
            // when it covers nearly all of it
            let w = &WEIGHTS;
            let enough = |c: &Candidate| {
                c.gate >= w.min_recall
                    && (c.parts.kind > w.kind.wrong || c.gate >= w.min_recall_other_kind)
            };
            ranked.weak = !ranked.cands.is_empty() && !ranked.cands.iter().any(enough);
            ranked.cands.retain(enough);
        }
        ranked.cands.sort_by(|a, b| b.score.total_cmp(&a.score));
        ranked
            .lacking
            .sort_by(|a, b| b.0.score.total_cmp(&a.0.score));
        ranked
    }
}

/// May a figure of this kind answer at all? A date or a period only when a date is asked
/// or the asked unit is a duration.
fn may_answer(lex: &Lexicon, q: &Question, f: &Figure) -> bool {
    match f.number.kind {
        Kind::Date | Kind::Period => {
            q.asked == Asked::Date
                || q.dimensions.iter().any(|d| d == DURATION)
                || q.unit
                    .as_deref()
                    .is_some_and(|u| lex.units.duration.iter().any(|d| d == u))
        }
        // digits of a name, a score: nothing a how-many question asks
        Kind::Code | Kind::Ratio => false,
        _ => true,
    }
}

#[cfg(test)]
impl Candidate {
    /// A candidate with the given score, for tests of the answer stage.
    pub(crate) fn for_test(
        article: Arc<ParsedArticle>,
        sentence: usize,
        figure: Option<usize>,
        score: f32,
    ) -> Candidate {
        Candidate {
            article,
            sentence,
            figure,
            score,
            recall: 1.0,
            gate: 1.0,
            parts: Parts::default(),
        }
    }
}

/// What a sentence lacks that the question names.
#[derive(Debug, Clone)]
struct Lack {
    /// The name or ordinal as the question writes it.
    shown: String,
    /// A name that may be a member of a group (a firm, a person), not an ordinal nor a
    /// place (a country belongs to no group of firms).
    name: bool,
}

impl Ranked {
    /// Every candidate, those set aside for lacking a name included, best first: a
    /// question naming several things (A和B一共…) is answered by sentences each holding one.
    pub(crate) fn with_lacking(&self) -> Vec<&Candidate> {
        let mut all: Vec<&Candidate> = self
            .cands
            .iter()
            .chain(self.lacking.iter().map(|(c, _, _)| c))
            .collect();
        all.sort_by(|a, b| b.score.total_cmp(&a.score));
        all
    }

    /// The candidates lacking a name that cover the rest of the question, the best first.
    fn would_answer(&self) -> impl Iterator<Item = &(Candidate, Lack, f32)> {
        let mut v: Vec<&(Candidate, Lack, f32)> = self
            .lacking
            .iter()
            .filter(|(c, _, rest)| {
                *rest >= WEIGHTS.min_recall
                    && (c.parts.kind > WEIGHTS.kind.wrong || *rest >= WEIGHTS.min_recall_other_kind)
            })
            .collect();
        v.sort_by(|a, b| b.2.total_cmp(&a.2).then(b.0.score.total_cmp(&a.0.score)));
        v.into_iter()
    }

    /// Why nothing was found, in words.
    /// Why nothing answers; `unmentioned` are question words no article holds, named when
    /// the best matches covered too little of the question.
    pub(crate) fn why_none(&self, unmentioned: &[String]) -> String {
        if let Some(e) = &self.error {
            e.clone()
        } else if let Some((_, lack, _)) = self.would_answer().next() {
            // the best matches would have answered but for the name: one about a group
            // the name may belong to says which group
            let group = self
                .would_answer()
                .filter(|(_, l, _)| l.name)
                .find_map(|(c, _, _)| group_of(c));
            match group {
                Some(group) => format!(
                    "the article gives that figure only for {group} together, not for {}",
                    lack.shown
                ),
                None => format!("the article gives no figure for {}", lack.shown),
            }
        } else if self.weak {
            match unmentioned.first() {
                Some(u) => format!("the article does not mention {u}"),
                None => "the article does not say".into(),
            }
        } else if self.scope_rejected {
            "the article gives no figure for that period".into()
        } else {
            "nothing in the article matches the question".into()
        }
    }
}
