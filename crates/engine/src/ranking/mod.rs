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

use std::collections::HashMap;
use std::sync::Arc;

use crate::archive::{Articles, Lookup};
use crate::article::ArticleKey;
use crate::article::BlockKind;
use crate::corpus::{find, ParsedArticle, Sentence};
use crate::figures::context::ITEM;
use crate::figures::{Figure, Kind, Scope};
use crate::index::{Filter, IndexSearcher};
use crate::knowledge::{match_at, Lexicon};
use crate::question::{same_unit, Asked, Question, Term};
use weights::{KindEvidence, Weights, WEIGHTS};

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

/// Ranks the archive's figures for a question.
pub(crate) struct Ranker<'a> {
    pub(crate) articles: &'a dyn Articles,
    pub(crate) searcher: &'a IndexSearcher,
    pub(crate) lex: &'a Lexicon,
}

impl<'a> Ranker<'a> {
    /// The ranker of one request's lookup.
    pub(crate) fn of(look: &Lookup<'a>) -> Ranker<'a> {
        Ranker {
            articles: look.articles,
            searcher: look.searcher,
            lex: look.lex,
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

    asked_scope: Option<&'q Scope>,
    /// The focus word's term.
    focus: Option<usize>,
    year: i32,
    display_penalty: f32,
}

/// A term with its idf and the forms to look for.
struct Weighted {
    forms: Vec<(Vec<char>, f32)>,
    weight: f32,
    /// A generic word (总额, 规模): it counts when a sentence has it, and is no loss when
    /// it does not — however rare the index finds it.
    optional: bool,
}

impl<'a> Ranker<'a> {
    /// The scored candidates, best first, as text lines (for `ask --explain`).
    pub(crate) fn explain(&self, q: &Question) -> Vec<String> {
        let weighted = self.weigh(&q.terms);
        let mut lines: Vec<String> = q
            .terms
            .iter()
            .zip(&weighted)
            .map(|(t, w)| {
                format!(
                    "term {} (tag {}, weight {:.2}, alts {:?})",
                    t.text, t.tag, w.weight, t.alts
                )
            })
            .collect();
        let ranked = self.candidates(q, false);
        let lacking = ranked
            .lacking
            .iter()
            .take(6)
            .map(|(c, n, _)| (c, Some(&n.shown)));
        let listed = ranked
            .cands
            .iter()
            .take(12)
            .map(|c| (c, None))
            .chain(lacking);
        for (c, lacks) in listed {
            let fig = c
                .figure
                .map(|f| c.article.figures[f].text.clone())
                .unwrap_or_else(|| "(sentence)".into());
            let core = c
                .figure
                .map(|f| c.article.figures[f].core_terms.join("/"))
                .unwrap_or_default();
            let text: String = c.article.sentences[c.sentence]
                .text
                .chars()
                .take(40)
                .collect();
            let mark = lacks.map(|n| format!("lacks {n}: ")).unwrap_or_default();
            lines.push(format!(
                "{mark}{:>6.3} recall {:.2} {:<12} {} [{core}] | {}",
                c.score, c.recall, fig, c.parts, text
            ));
        }
        lines
    }

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
        let mut by_article: HashMap<ArticleKey, Option<Arc<ParsedArticle>>> = HashMap::new();
        let mut seen = std::collections::HashSet::new();
        for hit in hits {
            if !by_article.contains_key(&hit.article) && by_article.len() >= ARTICLE_LIMIT {
                continue;
            }
            let article = by_article
                .entry(hit.article)
                .or_insert_with(|| self.articles.article(hit.article));
            let Some(article) = article.clone() else {
                continue;
            };
            let Some(s) = article.sentences.get(hit.sentence) else {
                continue;
            };
            let sid = s.duplicate_of.unwrap_or(hit.sentence);
            if seen.insert((hit.article, sid)) {
                self.score_sentence(q, &weighted, &article, sid, &mut ranked);
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
            let min = WEIGHTS.min_recall;
            ranked.weak = !ranked.cands.is_empty() && ranked.cands.iter().all(|c| c.recall < min);
            ranked.cands.retain(|c| c.recall >= min);
        }
        ranked.cands.sort_by(|a, b| b.score.total_cmp(&a.score));
        ranked
            .lacking
            .sort_by(|a, b| b.0.score.total_cmp(&a.0.score));
        ranked
    }

    /// The sentences the index finds for `query`, within the places and years asked. When
    /// the years leave nothing, the search runs without them to tell "no figure for that
    /// period" from "nothing matches".
    fn search(
        &self,
        q: &Question,
        query: &[(String, f32)],
        ranked: &mut Ranked,
    ) -> crate::error::Result<Vec<crate::index::Hit>> {
        let mut filter = Filter {
            places: q.places.clone(),
            years: asked_years(q),
        };
        let searcher = self.searcher;
        let hits = searcher.candidates(query, &filter, SEARCH_LIMIT)?;
        if hits.is_empty() && !filter.years.is_empty() {
            filter.years.clear();
            ranked.scope_rejected = !searcher.candidates(query, &filter, 1)?.is_empty();
        }
        Ok(hits)
    }

    /// The article figures that could answer `q`, best first: (article, figure id, score,
    /// recall), or why there are none. Used by the fact-check.
    pub(crate) fn figure_candidates(&self, q: &Question) -> Result<Vec<FigureCandidate>, String> {
        if let Some(u) = q.unknown.first() {
            return Err(format!("the article does not mention {u}"));
        }
        let ranked = self.candidates(q, true);
        // a claim's question holds the words of all its clauses: a name from another clause
        // does not rule a sentence out, so sentences lacking one are candidates here
        let lacking = ranked
            .lacking
            .iter()
            .map(|(c, _, _)| c)
            .filter(|c| c.recall >= WEIGHTS.min_recall);
        let mut figs: Vec<FigureCandidate> = ranked
            .cands
            .iter()
            .chain(lacking)
            .filter_map(|c| c.figure.map(|f| (c.article.clone(), f, c.score, c.recall)))
            .collect();
        figs.sort_by(|a, b| b.2.total_cmp(&a.2));
        if figs.is_empty() {
            return Err(ranked.why_none());
        }
        Ok(figs)
    }

    /// Inverse document frequency of a word among the archive's sentences.
    fn idf(&self, df: u64) -> f32 {
        let n = self.searcher.sentences().max(1) as f32;
        (1.0 + n / (1.0 + df as f32)).ln()
    }

    fn weigh(&self, terms: &[Term]) -> Vec<Weighted> {
        let searcher = self.searcher;
        terms
            .iter()
            .map(|t| {
                let df = searcher.doc_freq(&t.text).max(
                    t.alts
                        .iter()
                        .filter(|(_, f)| *f >= 0.9)
                        .map(|(a, _)| searcher.doc_freq(a))
                        .max()
                        .unwrap_or(0),
                );
                let idf = self.idf(df);
                let mut forms = vec![(t.text.chars().collect::<Vec<char>>(), 1.0)];
                forms.extend(t.alts.iter().map(|(a, f)| (a.chars().collect(), *f)));
                Weighted {
                    forms,
                    weight: idf * t.weight,
                    optional: t.optional,
                }
            })
            .collect()
    }

    fn score_sentence(
        &self,
        q: &Question,
        terms: &[Weighted],
        article: &Arc<ParsedArticle>,
        sid: usize,
        out: &mut Ranked,
    ) {
        let s = &article.sentences[sid];
        let w: &Weights = &WEIGHTS;
        let year = article.article.reference_year;
        let near = nearby_text(article, sid);
        let lacks = self.missing_name(q, terms, article, sid);
        // a sentence opening with 其中 is about the subject of the sentence before
        let inherited = self
            .leans(article, sid)
            .then(|| &article.sentences[sid - 1].norm);
        let sc = SentenceScoring {
            article,
            q,
            terms,
            sid,
            found: terms.iter().map(|t| occurrences(s, t)).collect(),
            nearby: terms
                .iter()
                .zip(&q.terms)
                .map(|(w, t)| match &inherited {
                    Some(prev) if t.subject => inherited_match(prev, w),
                    _ => nearby_match(&near, w),
                })
                .collect(),

            asked_scope: q.scope_for(year),
            focus: q
                .focus
                .as_ref()
                .and_then(|f| q.terms.iter().position(|t| &t.text == f)),
            year,
            display_penalty: match s.kind {
                BlockKind::Headline | BlockKind::Subtitle | BlockKind::Caption => w.display_block,
                _ => 0.0,
            },
        };
        // a sentence lacking a name is also scored on the rest of the question: would it
        // have answered but for the name?
        let rest: Vec<Weighted> = terms
            .iter()
            .zip(&q.terms)
            .filter(|_| lacks.is_some())
            .map(|(w, t)| Weighted {
                forms: w.forms.clone(),
                weight: w.weight,
                optional: w.optional || t.in_name,
            })
            .collect();
        let sc_rest = SentenceScoring {
            terms: &rest,
            found: rest.iter().map(|t| occurrences(s, t)).collect(),
            nearby: rest.iter().map(|t| nearby_match(&near, t)).collect(),
            ..sc
        };
        let all = vec![1.0f32; s.norm.len()];
        let mut push = |c: Candidate| match &lacks {
            Some(name) => {
                let weights = c.figure.map_or(&all[..], |f| &article.weights[f][..]);
                let rest_recall = self.recall(&sc_rest, weights);
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

    /// Does the sentence open on the one before it in its paragraph (其中, 同时 …)?
    fn leans(&self, article: &ParsedArticle, sid: usize) -> bool {
        let s = &article.sentences[sid];
        sid > article.paragraph_of(sid).start
            && self
                .lex
                .derived
                .lean_on_previous
                .iter()
                .any(|w| s.norm_starts_with(w))
    }

    /// The first name the question gives (a firm, a person: [`Term::name`]) that neither
    /// the sentence nor what it leans on holds — its heading, and the sentence before when it
    /// opens on it (其中…). Such a sentence cannot answer: its figures are about someone
    /// else, or about a whole group.
    fn missing_name(
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
        let mut figures: Vec<usize> = s.figures.clone().collect();
        if self.leans(article, sid) {
            text.push('|');
            text.extend(article.sentences[sid - 1].norm.iter());
            figures.extend(article.sentences[sid - 1].figures.clone());
        }
        // an ordinal or top-N name stated in the question: the same one, by value and unit
        let holds = |x: &crate::question::Fixed| {
            figures.iter().map(|&f| &article.figures[f]).any(|f| {
                f.kind == Kind::Rank
                    && f.value == Some(x.value)
                    && (f.unit.is_none() || x.unit.is_none() || f.unit == x.unit)
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
                        .any(|(f, k)| *k >= 0.9 && find(&text, f, 0).is_some())
            })
            .map(|(t, _)| Lack {
                shown: q
                    .name_phrases
                    .iter()
                    .find(|(n, _)| *n == t.text)
                    .map_or_else(|| t.text.clone(), |(_, p)| p.clone()),
                name: true,
            })
    }

    /// How much of the question `weights` cover in sentence `sc.sid` (words only near it
    /// counting less).
    fn recall(&self, sc: &SentenceScoring, weights: &[f32]) -> f32 {
        let mut covered = 0.0;
        let mut total = 0.0;
        for ((t, found), near) in sc.terms.iter().zip(&sc.found).zip(&sc.nearby) {
            let got = t.weight * best_match(found, weights).max(*near);
            covered += got;
            total += if t.optional { got } else { t.weight };
        }
        covered / f32::max(total, 1e-6)
    }

    /// The sentence as a whole: the answer to which/who/where questions, and to questions
    /// that ask for no number.
    fn sentence_candidate(&self, sc: &SentenceScoring) -> Option<Candidate> {
        let s = &sc.article.sentences[sc.sid];
        let scope_ok = match (sc.asked_scope, &s.scope) {
            (Some(a), Some(scope)) => scope.fit(a, sc.year) > 0.0,
            (Some(a), None) => a.start.0 <= sc.year && a.end.0 >= sc.year,
            _ => true,
        };
        if !scope_ok || sc.q.wants_number {
            return None;
        }
        let recall = self.recall(sc, &vec![1.0f32; s.norm.len()]);
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
            parts: Parts::default(),
        })
    }

    /// One figure of the sentence; `None` when its period is not the asked one (a figure of
    /// another period is no answer at all).
    fn figure_candidate(&self, sc: &SentenceScoring, fid: usize) -> Option<Candidate> {
        let w: &Weights = &WEIGHTS;
        let (q, s) = (sc.q, &sc.article.sentences[sc.sid]);
        let f = &sc.article.figures[fid];
        let weights = &sc.article.weights[fid];
        let scope_fit = match (sc.asked_scope, &f.scope) {
            (None, _) => None,
            (Some(a), Some(scope)) => Some(scope.fit(a, sc.year)),
            (Some(a), None) => Some(if a.start.0 <= sc.year && a.end.0 >= sc.year {
                w.unscoped_fit
            } else {
                0.0
            }),
        };
        if scope_fit == Some(0.0) {
            return None;
        }
        let recall = self.recall(sc, weights);
        let fit = self.kind_fit(sc, f, weights);
        let ufit = unit_fit(self.lex, q.unit.as_deref(), f);
        let prec = self.precision(q, f);
        let focused = sc.focus.map_or(0.0, |fi| {
            focus_bonus(&sc.found[fi], f, weights, &sc.terms[fi])
        });
        let given = if is_given(q, s, f) { w.given } else { 0.0 };
        let part = if self.unasked_part(sc, f) {
            w.part_unasked
        } else {
            0.0
        };
        // no period asked: the latest facts first, a year gone by after them
        let past = sc.asked_scope.is_none() && f.scope.as_ref().is_some_and(|x| x.end.0 < sc.year);
        let base = base_fit(self.lex, q, s, weights);
        let score = recall + w.scope * scope_fit.unwrap_or(0.0) - given - part + base
            - if past { w.past_unasked } else { 0.0 }
            + fit
            + ufit
            + w.precision * prec
            + focused
            - sc.display_penalty;
        let parts = Parts {
            kind: fit,
            unit: ufit,
            precision: prec,
            focus: focused,
            scope: scope_fit.unwrap_or(-1.0),
        };
        Some(Candidate {
            article: sc.article.clone(),
            sentence: sc.sid,
            figure: Some(fid),
            score,
            recall,
            parts,
        })
    }

    /// Is the figure a part of a whole stated before it (after 其中) that the question does
    /// not name? The question names the part when one of its words stands, as a word of its
    /// own, between the marker and the figure but not in the whole (城镇 in 城镇人口; not
    /// 人口, which the whole has too).
    fn unasked_part(&self, sc: &SentenceScoring, f: &Figure) -> bool {
        let s = &sc.article.sentences[sc.sid];
        let markers = &self.lex.figures.part_markers;
        let Some((marker_at, after)) = (0..f.span.start)
            .rev()
            .find_map(|i| match_at(markers, &s.norm, i).map(|m| (i, i + m.chars().count())))
            .filter(|&(_, a)| a <= f.span.start)
        else {
            return false;
        };
        let whole_here = 0..marker_at;
        let part = after..f.span.start;
        let prev = (sc.sid > sc.article.paragraph_of(sc.sid).start && marker_at == 0)
            .then(|| &sc.article.sentences[sc.sid - 1]);
        let named_in = |s: &Sentence, r: &std::ops::Range<usize>, t: &Weighted| {
            t.forms.iter().filter(|(_, k)| *k >= 0.9).any(|(form, _)| {
                let mut from = r.start;
                while let Some(at) = find(&s.norm, form, from) {
                    let end = at + form.len();
                    if end > r.end {
                        break;
                    }
                    if s.bounds[at] && s.bounds[end] {
                        return true;
                    }
                    from = at + 1;
                }
                false
            })
        };
        !sc.terms.iter().zip(&sc.q.terms).any(|(w, t)| {
            !w.optional
                && t.weight >= 0.5
                && named_in(s, &part, w)
                && !named_in(s, &whole_here, w)
                && !prev.is_some_and(|p| named_in(p, &(0..p.norm.len()), w))
        })
    }

    /// The fit of a figure's kind to the asked kind; a kind read from a cue word weighs
    /// less than one read from an asked unit.
    fn kind_fit(&self, sc: &SentenceScoring, f: &Figure, w: &[f32]) -> f32 {
        let (lex, q) = (self.lex, sc.q);
        let s = &sc.article.sentences[sc.sid];
        let evidence = KindEvidence {
            kind: f.kind,
            change_words: owns_any(&s.change_words, w),
            share_words: owns_any(&s.share_words, w) || of_whole(lex, s, f),
            name_like: crate::figures::is_top_n(lex, f.kind, f.unit.as_deref()),
        };
        let fit = WEIGHTS.kind.of(q.asked, evidence);
        let from_cue = q.unit.is_none() && matches!(q.asked, Asked::Amount | Asked::Count);
        if fit < 0.0 && from_cue {
            fit * WEIGHTS.cue_kind
        } else {
            fit
        }
    }

    /// Share of the figure's measure (idf-weighted words) that the question names.
    fn precision(&self, q: &Question, f: &Figure) -> f32 {
        let qn: Vec<char> = q.norm.chars().collect();
        let (mut covered, mut total) = (0.0f32, 0.0f32);
        for t in &f.core_terms {
            let idf = self.idf(self.searcher.doc_freq(t));
            total += idf;
            let tc: Vec<char> = t.chars().collect();
            let hit = find(&qn, &tc, 0).is_some()
                || q.terms.iter().any(|qt| {
                    qt.text.contains(t.as_str())
                        || (qt.text.chars().count() >= 2 && t.starts_with(&qt.text))
                        || qt
                            .alts
                            .iter()
                            .any(|(a, k)| *k >= 0.9 && (a == t || t.contains(a.as_str())))
                });
            if hit {
                covered += idf;
            }
        }
        if total == 0.0 {
            WEIGHTS.precision_unknown
        } else {
            covered / total
        }
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

/// A subject word in the sentence a 其中 sentence leans on: it counts as the sentence's own
/// (at the form's factor), not as a mere neighbour.
fn inherited_match(prev: &[char], t: &Weighted) -> f32 {
    t.forms
        .iter()
        .filter(|(f, _)| find(prev, f, 0).is_some())
        .map(|(_, k)| *k)
        .fold(0.0, f32::max)
}

/// The years a question's period covers, for every reference year of the archive.
fn asked_years(q: &Question) -> Vec<i32> {
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
struct Occurrence {
    at: std::ops::Range<usize>,
    /// The form's factor (1 for the term, less for synonyms and sub-words), less again
    /// inside a longer word (出口 in 进出口).
    factor: f32,
}

/// Every occurrence of a term's forms in a sentence.
fn occurrences(s: &Sentence, t: &Weighted) -> Vec<Occurrence> {
    let mut out = Vec::new();
    for (form, factor) in &t.forms {
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
fn best_match(found: &[Occurrence], weights: &[f32]) -> f32 {
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
fn nearby_match(nearby: &[char], t: &Weighted) -> f32 {
    t.forms
        .iter()
        .filter(|(f, _)| find(nearby, f, 0).is_some())
        .map(|(_, k)| k * WEIGHTS.nearby)
        .fold(0.0, f32::max)
}

/// The focus bonus: the focus word in the figure's own phrase, and as what a count counts
/// (how many X: 179家…企业, not 406个项目).
fn focus_bonus(found: &[Occurrence], f: &Figure, weights: &[f32], focus: &Weighted) -> f32 {
    let own = crate::figures::context::OWN;
    let mut bonus = 0.0;
    if found
        .iter()
        .any(|o| weights[o.at.clone()].iter().all(|&w| w >= own))
    {
        bonus += WEIGHTS.focus;
    }
    let counted: Vec<char> = f.counted.chars().collect();
    if focus
        .forms
        .iter()
        .any(|(form, _)| find(&counted, form, 0).is_some())
    {
        bonus += WEIGHTS.focus;
    }
    bonus
}

/// A date or a period is an answer only to a question asking when (or how long: 几个月):
/// 2023年 from a headline never answers how much something grew.
/// How a figure's comparison fits the one a question names (较2019年同期): the same base
/// in its own phrase counts for it; another comparison there (同比, 较去年) against it.
fn base_fit(lex: &Lexicon, q: &Question, s: &Sentence, weights: &[f32]) -> f32 {
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

fn may_answer(lex: &Lexicon, q: &Question, f: &Figure) -> bool {
    match f.kind {
        Kind::Date | Kind::Period => {
            q.asked == Asked::Date
                || q.unit
                    .as_deref()
                    .is_some_and(|u| lex.units.duration.iter().any(|d| d == u))
        }
        _ => true,
    }
}

/// Is the figure one the question itself states (a given, not the answer)?
fn is_given(q: &Question, s: &Sentence, f: &Figure) -> bool {
    if q.given.is_empty() {
        return false;
    }
    let text: String = s.norm[f.span.clone()].iter().collect();
    q.given
        .iter()
        .any(|g| g.contains(&text) || text.contains(g.as_str()))
}

/// Does one of these words belong to the figure (its chars weigh at least an item's)?
fn owns_any(at: &[std::ops::Range<usize>], w: &[f32]) -> bool {
    at.iter().any(|r| w[r.clone()].iter().all(|&v| v >= ITEM))
}

/// The possessive right before the number: 达到全省的1/3, 占全省的17.4%.
fn of_whole(lex: &Lexicon, s: &Sentence, f: &Figure) -> bool {
    let p = &lex.figures.possessive;
    let n = p.chars().count();
    f.span.start >= n && crate::knowledge::starts_with_at(&s.norm, f.span.start - n, p)
}

fn unit_fit(lex: &Lexicon, asked: Option<&str>, f: &Figure) -> f32 {
    let Some(a) = asked else { return 0.0 };
    let generic = a == &*lex.units.generic_classifier;
    match f.unit.as_deref() {
        Some(u) if same_unit(lex, a, u) => WEIGHTS.unit_match,
        Some(_) if generic && f.kind == Kind::Count => WEIGHTS.unit_generic,
        _ => WEIGHTS.unit_mismatch,
    }
}

/// The group a candidate's figure covers: a count of firms, projects or people standing
/// before it in its sentence whose counted thing is part of what the figure measures
/// (186家新能源重点企业 in 186家新能源重点企业实现营业收入5863.7亿元), as written.
fn group_of(c: &Candidate) -> Option<String> {
    let a = &c.article;
    let s = &a.sentences[c.sentence];
    let lead = &a.figures[c.figure?];
    let measure = lead.measure.as_deref().unwrap_or_default();
    s.figures
        .clone()
        .map(|id| &a.figures[id])
        .rfind(|f| {
            f.kind == Kind::Count
                && f.span.end <= lead.span.start
                && !f.counted.is_empty()
                && measure.contains(&f.counted)
        })
        .map(|f| format!("{}{}", f.text, f.counted))
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
            parts: Parts::default(),
        }
    }
}

/// What a sentence lacks that the question names.
#[derive(Debug, Clone)]
struct Lack {
    /// The name or ordinal as the question writes it.
    shown: String,
    /// A name (a member of a group may be one), not an ordinal.
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
            .filter(|(_, _, rest)| *rest >= WEIGHTS.min_recall)
            .collect();
        v.sort_by(|a, b| b.2.total_cmp(&a.2).then(b.0.score.total_cmp(&a.0.score)));
        v.into_iter()
    }

    /// Why nothing was found, in words.
    pub(crate) fn why_none(&self) -> String {
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
            "the article does not say".into()
        } else if self.scope_rejected {
            "the article gives no figure for that period".into()
        } else {
            "nothing in the article matches the question".into()
        }
    }
}
