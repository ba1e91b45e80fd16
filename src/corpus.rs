//! The corpus: every article of the data folder, cut into paragraphs, sentences and figures,
//! held in flat vectors with global ids.
//!
//! Building it is cheap (milliseconds for a news article), so the corpus is always rebuilt
//! from the files at start-up; only the search index is kept on disk. Ids are stable for
//! the same files, which is what lets the on-disk index refer to them.

use std::ops::Range;

use crate::article::sentences::split_sentences;
use crate::article::{Article, BlockKind, SourceFile};
use crate::figures::context::contexts;
use crate::figures::extract::scan;
use crate::figures::scope::{scope_at, time_marks};
use crate::figures::{Figure, Kind, Scope};
use crate::knowledge::Lexicon;
use crate::text::{normalize, Segmenter};

#[derive(Debug, Clone)]
pub(crate) struct Sentence {
    pub id: usize,
    pub article: usize,
    /// Paragraph number within the article (1-based).
    pub paragraph: usize,
    pub kind: BlockKind,
    /// Verbatim.
    pub text: String,
    /// Normalised chars (same length as `text`).
    pub norm: Vec<char>,
    /// Word boundaries of `norm` (length + 1).
    pub bounds: Vec<bool>,
    /// Global ids of its figures.
    pub figures: Range<usize>,
    /// Set on a sidebar, headline or caption sentence that repeats a body sentence.
    pub duplicate_of: Option<usize>,
    /// The scope in force at the start of the sentence.
    pub scope: Option<Scope>,
}

impl Sentence {
    /// Does the normalised sentence start with normalised `word`?
    pub(crate) fn norm_starts_with(&self, word: &str) -> bool {
        crate::knowledge::starts_with_at(&self.norm, 0, word)
    }
}

#[derive(Debug, Default)]
pub(crate) struct Corpus {
    pub articles: Vec<Article>,
    pub sentences: Vec<Sentence>,
    pub figures: Vec<Figure>,
    /// Per figure: the weight of each char of its sentence (see `figures::context`).
    pub weights: Vec<Vec<f32>>,
    /// Per article: its first sentence id, and per paragraph the sentence range.
    pub paragraph_sentences: Vec<Vec<Range<usize>>>,
    /// Per article: the place it is about (the most frequent place name), normalised.
    pub home_place: Vec<Option<String>>,
    /// Per article: the global ids of its figures.
    pub article_figures: Vec<Range<usize>>,
}

impl Corpus {
    pub(crate) fn build(
        files: &[SourceFile],
        lex: &Lexicon,
        seg: &Segmenter,
        fallback_year: i32,
    ) -> Corpus {
        let mut c = Corpus::default();
        for file in files {
            let article = Article::parse(
                &file.name,
                &file.path,
                &file.text,
                file.meta.clone(),
                fallback_year,
            );
            c.add_article(article, lex, seg);
        }
        c.mark_duplicates();
        c.weigh_cores(lex, seg);
        c
    }

    /// The words of each figure's own phrase that tell it apart from others, with their idf:
    /// not the article's own city, generic measure words, light verbs or stopwords (they are
    /// implicit in every figure).
    fn weigh_cores(&mut self, lex: &Lexicon, seg: &Segmenter) {
        let n = self.live_sentences().max(1) as f32;
        let q = &lex.question;
        let mut idf_of: std::collections::HashMap<String, f32> = Default::default();
        for i in 0..self.figures.len() {
            let norm = normalize(&self.figures[i].core);
            let mut terms = Vec::new();
            for w in seg.words(&norm) {
                let t = w.text;
                let skip = t.chars().count() < 2
                    || !t.chars().any(crate::text::is_han)
                    || q.stopwords.contains(&t)
                    || crate::figures::context::LIGHT_START.contains(&t.as_str())
                    || q.generic.contains(&t)
                    || q.home_aliases.contains(&t)
                    || self
                        .home_place
                        .iter()
                        .flatten()
                        .any(|h| t.starts_with(h.as_str()));
                if skip {
                    continue;
                }
                let idf = match idf_of.get(&t) {
                    Some(&v) => v,
                    None => {
                        let v = (1.0 + n / (1.0 + self.doc_freq(&t) as f32)).ln();
                        idf_of.insert(t.clone(), v);
                        v
                    }
                };
                terms.push((t, idf));
            }
            self.figures[i].core_terms = terms;
        }
    }

    fn add_article(&mut self, article: Article, lex: &Lexicon, seg: &Segmenter) {
        let ai = self.articles.len();
        let first_figure = self.figures.len();
        let year = article.reference_year;
        let mut para_ranges = Vec::new();
        let mut place_counts: std::collections::HashMap<String, usize> = Default::default();
        for p in &article.paragraphs {
            let first = self.sentences.len();
            let mut carried: Option<Scope> = None;
            let pchars: Vec<char> = p.text.chars().collect();
            for r in split_sentences(&p.text) {
                let text: String = pchars[r].iter().collect();
                let norm_s = normalize(&text);
                let norm: Vec<char> = norm_s.chars().collect();
                let orig: Vec<char> = text.chars().collect();
                let words = seg.words(&norm_s);
                for w in &words {
                    if w.tag == "ns" && w.text.chars().count() >= 2 {
                        *place_counts.entry(w.text.clone()).or_default() += 1;
                    }
                }
                let mut bounds = vec![false; norm.len() + 1];
                for w in &words {
                    bounds[w.start] = true;
                    bounds[w.end] = true;
                }
                let found = scan(lex, &orig, &norm, &words);
                let marks = time_marks(lex, &norm, &orig, &found, year);
                let fine = seg.fine_words(&norm_s);
                let ctxs = contexts(&norm, &orig, &words, &fine, &found, &marks);
                let sid = self.sentences.len();
                let fstart = self.figures.len();
                let sentence_scope = scope_at(&marks, 0, carried.as_ref())
                    .or_else(|| marks.first().map(|m| m.scope.clone()));
                for (f, ctx) in found.into_iter().zip(ctxs) {
                    let mut date = f.date;
                    let scope = if matches!(f.kind, Kind::Date | Kind::Period) && date.is_some() {
                        // a date is its own time; fill in the year it omits
                        let m = marks
                            .iter()
                            .find(|m| m.span.start <= f.span.start && m.span.end >= f.span.end);
                        if let (Some(d), Some(m)) = (date.as_mut(), m) {
                            d.year.get_or_insert(m.scope.start.0);
                            if d.end_month.is_some() {
                                d.end_year.get_or_insert(m.scope.end.0);
                            }
                        }
                        m.map(|m| m.scope.clone())
                    } else {
                        scope_at(&marks, f.span.start, carried.as_ref())
                    };
                    self.figures.push(Figure {
                        text: orig[f.span.clone()].iter().collect(),
                        value: f.value,
                        high: f.high,
                        unit: f.unit,
                        kind: f.kind,
                        qualifier: f.qualifier,
                        date,
                        scope,
                        measure: Some(ctx.measure).filter(|m| !m.is_empty()),
                        core: ctx.core,
                        core_terms: Vec::new(),
                        counted: normalize(&ctx.counted),
                        decrease: crate::figures::extract::is_decrease(lex, &norm, f.span.start),
                        item: ctx.item,
                        sentence: sid,
                        article: ai,
                        paragraph: p.number,
                        span: f.span,
                    });
                    self.weights.push(ctx.weights);
                }
                if let Some(last) = marks.last() {
                    carried = Some(last.scope.clone());
                }
                self.sentences.push(Sentence {
                    id: sid,
                    article: ai,
                    paragraph: p.number,
                    kind: p.kind,
                    text,
                    norm,
                    bounds,
                    figures: fstart..self.figures.len(),
                    duplicate_of: None,
                    scope: sentence_scope,
                });
            }
            para_ranges.push(first..self.sentences.len());
        }
        let home = place_counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(p, _)| p);
        self.home_place.push(home);
        self.paragraph_sentences.push(para_ranges);
        self.article_figures.push(first_figure..self.figures.len());
        self.articles.push(article);
    }

    /// A sidebar bullet, headline or caption that states the same figures as a body sentence
    /// is the same fact: point it at the body sentence, which answers prefer.
    fn mark_duplicates(&mut self) {
        let quantity =
            |f: &Figure| !matches!(f.kind, Kind::Date | Kind::Period) && f.value.is_some();
        for i in 0..self.sentences.len() {
            let s = &self.sentences[i];
            if !matches!(
                s.kind,
                BlockKind::Bullet | BlockKind::Headline | BlockKind::Subtitle | BlockKind::Caption
            ) {
                continue;
            }
            let mine: Vec<&Figure> = self.figures[s.figures.clone()]
                .iter()
                .filter(|f| quantity(f))
                .collect();
            if mine.is_empty() {
                continue;
            }
            let best = self
                .sentences
                .iter()
                .filter(|b| b.kind == BlockKind::Body && b.article == s.article)
                .filter(|b| {
                    mine.iter().all(|f| {
                        self.figures[b.figures.clone()]
                            .iter()
                            .any(|g| g.value == f.value && g.unit == f.unit && g.kind == f.kind)
                    })
                })
                .max_by_key(|b| shared_chars(&s.norm, &b.norm))
                .map(|b| b.id);
            self.sentences[i].duplicate_of = best;
        }
    }

    /// Title, date and file of an article, for frontends.
    pub(crate) fn article_info(&self, article: usize) -> crate::engine::views::ArticleInfo {
        let a = &self.articles[article];
        crate::engine::views::ArticleInfo {
            title: a.title.clone(),
            published: a.meta.published.clone(),
            file: a.file_name(),
            key: a.key,
        }
    }

    /// The sentence ids of the paragraph a sentence stands in.
    pub(crate) fn paragraph_of(&self, sentence: usize) -> Range<usize> {
        let s = &self.sentences[sentence];
        self.paragraph_sentences[s.article][s.paragraph - 1].clone()
    }

    /// The heading a sentence stands under, if any.
    pub(crate) fn heading_of(&self, sentence: usize) -> Option<&str> {
        let s = &self.sentences[sentence];
        let a = &self.articles[s.article];
        let p = a.paragraph(s.paragraph)?;
        p.section
            .and_then(|n| a.paragraph(n))
            .map(|h| h.text.as_str())
    }

    /// In how many (non-duplicate) sentences normalised `term` occurs.
    pub(crate) fn doc_freq(&self, term: &str) -> usize {
        let t: Vec<char> = term.chars().collect();
        self.sentences
            .iter()
            .filter(|s| s.duplicate_of.is_none() && find(&s.norm, &t, 0).is_some())
            .count()
    }

    /// Does normalised `term` occur anywhere in the corpus?
    pub(crate) fn contains(&self, term: &str) -> bool {
        let t: Vec<char> = term.chars().collect();
        self.sentences
            .iter()
            .any(|s| find(&s.norm, &t, 0).is_some())
    }

    pub(crate) fn live_sentences(&self) -> usize {
        self.sentences
            .iter()
            .filter(|s| s.duplicate_of.is_none())
            .count()
    }
}

/// First occurrence of `needle` in `hay` at or after `from`.
pub(crate) fn find(hay: &[char], needle: &[char], from: usize) -> Option<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    (from..=hay.len() - needle.len()).find(|&i| hay[i..i + needle.len()] == *needle)
}

fn shared_chars(a: &[char], b: &[char]) -> usize {
    let set: std::collections::HashSet<&char> = b.iter().collect();
    a.iter().filter(|c| set.contains(c)).count()
}
