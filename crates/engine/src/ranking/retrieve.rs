//! Retrieval: the sentences the index finds for a question's terms (kept to the places
//! and periods it names), and each term's weight by its inverse document frequency.

use super::sentence::asked_years;
use super::weights::WEIGHTS;
use super::{FigureCandidate, Form, Ranked, Ranker, Weighted, SEARCH_LIMIT};
use crate::index::Filter;
use crate::question::{Question, Term, SYNONYM};
use crate::text::WordClass;

impl Ranker<'_> {
    /// The sentences the index finds for `query`, within the places and years asked. When
    /// the years leave nothing, the search runs without them to tell "no figure for that
    /// period" from "nothing matches".
    pub(super) fn search(
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
        let ranked = self.candidates(q, false);
        // a claim's question holds the words of all its clauses: a name from another clause
        // does not rule a sentence out, so sentences lacking one are candidates here
        let lacking = ranked.lacking.iter().map(|(c, _, _)| c);
        let mut figs: Vec<FigureCandidate> = ranked
            .cands
            .iter()
            .chain(lacking)
            .filter(|c| c.gate >= WEIGHTS.min_recall_claim)
            .filter_map(|c| c.figure.map(|f| (c.article.clone(), f, c.score, c.recall)))
            .collect();
        figs.sort_by(|a, b| b.2.total_cmp(&a.2));
        if figs.is_empty() {
            return Err(ranked.why_none(&q.unmentioned));
        }
        Ok(figs)
    }

    /// Inverse document frequency of a word among the archive's sentences.
    pub(super) fn idf(&self, df: u64) -> f32 {
        let n = self.searcher.sentences().max(1) as f32;
        (1.0 + n / (1.0 + df as f32)).ln()
    }

    pub(super) fn weigh(&self, terms: &[Term]) -> Vec<Weighted> {
        let searcher = self.searcher;
        terms
            .iter()
            .map(|t| {
                let df = searcher.doc_freq(&t.text).max(
                    t.alts
                        .iter()
                        .filter(|(_, f)| *f >= SYNONYM)
                        .map(|(a, _)| searcher.doc_freq(a))
                        .max()
                        .unwrap_or(0),
                );
                let idf = self.idf(df);
                let background = background_idf(self.seg.frequency(&t.text));
                let mut forms = vec![Form::new(&t.text, 1.0)];
                forms.extend(t.alts.iter().map(|(a, f)| Form::new(a, *f)));
                Weighted {
                    forms,
                    weight: idf * t.weight,
                    gate_weight: background * t.weight,
                    optional: t.optional,
                    light: names_nothing(&t.tag),
                }
            })
            .collect()
    }
}

/// Does a word of this tag name nothing a figure is about (a verb, an adverb, a
/// preposition), as nouns, names and unknown words do?
fn names_nothing(tag: &str) -> bool {
    !tag.is_empty()
        && matches!(
            WordClass::of(tag),
            WordClass::Verb | WordClass::Adverb | WordClass::Other
        )
}

/// Words in jieba's dictionary, counted: what its frequencies are out of.
const DICTIONARY_TOTAL: f32 = 6.0e7;

/// How telling a word is in the language at large (jieba's dictionary counts): the same in
/// an archive of one article as of ten thousand.
fn background_idf(freq: usize) -> f32 {
    (1.0 + DICTIONARY_TOTAL / (1.0 + freq as f32)).ln() / 2.0
}
