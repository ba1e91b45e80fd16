//! The corpus: every article of the data folder, cut into paragraphs, sentences and figures,
//! held in flat vectors with global ids.
//!
//! Building it is cheap (milliseconds for a news article), so the corpus is always rebuilt
//! from the files at start-up; only the search index is kept on disk. Ids are stable for
//! the same files, which is what lets the on-disk index refer to them.
//!
//! Owns: the parsed articles and what holds across sentences (scopes carried through a
//! paragraph, sidebar repeats, each figure's distinctive words). May import `text`,
//! `knowledge`, `article`, `figures` and `views`; never the index, questions or ranking.

use std::ops::Range;

use std::collections::HashMap;

use crate::article::{Article, BlockKind, SourceFile};
use crate::figures::extract::is_decrease;
use crate::figures::scope::scope_at;
use crate::figures::{read_sentence, Figure, Kind, Reading, Scope, SentenceView};
use crate::knowledge::Lexicon;
use crate::text::sentences::split_sentences;
use crate::text::{normalize, Segmenter};

/// Where a sentence stands: its article, paragraph and global id.
#[derive(Debug, Clone, Copy)]
struct Position {
    article: usize,
    paragraph: usize,
    sentence: usize,
}

/// Count the place names (jieba's `ns` words) of a sentence: the article is about the most
/// frequent one.
fn count_places(view: &SentenceView, places: &mut HashMap<String, usize>) {
    for w in &view.words {
        if w.tag == "ns" && w.text.chars().count() >= 2 {
            *places.entry(w.text.clone()).or_default() += 1;
        }
    }
}

/// Word boundaries of a sentence: `true` at every char offset where a word starts or ends.
fn word_bounds(view: &SentenceView) -> Vec<bool> {
    let mut bounds = vec![false; view.norm.len() + 1];
    for w in &view.words {
        bounds[w.start] = true;
        bounds[w.end] = true;
    }
    bounds
}

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
                lex,
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
                    || lex.derived.light_start.contains(&t)
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
        let mut para_ranges = Vec::new();
        let mut places: HashMap<String, usize> = HashMap::new();
        for p in &article.paragraphs {
            let first = self.sentences.len();
            // a scope carries to the later sentences of its paragraph
            let mut carried: Option<Scope> = None;
            let pchars: Vec<char> = p.text.chars().collect();
            for r in split_sentences(&p.text) {
                let text: String = pchars[r].iter().collect();
                let view = SentenceView::new(seg, &text);
                count_places(&view, &mut places);
                let reading = read_sentence(lex, seg, &view, article.reference_year);
                let scope = scope_at(&reading.marks, 0, carried.as_ref())
                    .or_else(|| reading.marks.first().map(|m| m.scope.clone()));
                let last_mark = reading.marks.last().map(|m| m.scope.clone());
                let sid = self.sentences.len();
                let fstart = self.figures.len();
                let at = Position {
                    article: ai,
                    paragraph: p.number,
                    sentence: sid,
                };
                self.add_figures(lex, &view, reading, carried.as_ref(), at);
                if last_mark.is_some() {
                    carried = last_mark;
                }
                self.sentences.push(Sentence {
                    id: sid,
                    article: ai,
                    paragraph: p.number,
                    kind: p.kind,
                    text,
                    bounds: word_bounds(&view),
                    norm: view.norm,
                    figures: fstart..self.figures.len(),
                    duplicate_of: None,
                    scope,
                });
            }
            para_ranges.push(first..self.sentences.len());
        }
        let home = places
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(p, _)| p);
        self.home_place.push(home);
        self.paragraph_sentences.push(para_ranges);
        self.article_figures.push(first_figure..self.figures.len());
        self.articles.push(article);
    }

    /// Turn the figures found in a sentence into corpus figures, each with its scope: a date
    /// is its own time (the year it omits filled in), any other figure takes the last time
    /// expression before it, else the scope carried from earlier sentences.
    fn add_figures(
        &mut self,
        lex: &Lexicon,
        view: &SentenceView,
        reading: Reading,
        carried: Option<&Scope>,
        at: Position,
    ) {
        let marks = &reading.marks;
        for (f, ctx) in reading.found.into_iter().zip(reading.contexts) {
            let mut date = f.date;
            let scope = if matches!(f.kind, Kind::Date | Kind::Period) && date.is_some() {
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
                scope_at(marks, f.span.start, carried)
            };
            self.figures.push(Figure {
                text: view.original(f.span.clone()),
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
                decrease: is_decrease(lex, &view.norm, f.span.start),
                item: ctx.item,
                sentence: at.sentence,
                article: at.article,
                paragraph: at.paragraph,
                span: f.span,
            });
            self.weights.push(ctx.weights);
        }
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
    pub(crate) fn article_info(&self, article: usize) -> crate::views::ArticleInfo {
        let a = &self.articles[article];
        crate::views::ArticleInfo {
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::sync::Arc;

    /// A corpus of one article with `text`, on the built-in word lists (the segmenter knows
    /// the glossary's terms, as the engine's does), 2024 as 今年.
    pub(crate) fn corpus_of(text: &str) -> (Corpus, Lexicon, Arc<Segmenter>) {
        let lex = Lexicon::builtin();
        let glossary = crate::knowledge::Glossary::builtin();
        let seg = Arc::new(Segmenter::new(glossary.chinese_terms()));
        let file = SourceFile {
            name: "test".into(),
            path: "test.txt".into(),
            text: text.into(),
            meta: crate::article::Meta {
                reference_year: Some(2024),
                ..Default::default()
            },
            meta_text: String::new(),
        };
        let corpus = Corpus::build(&[file], &lex, &seg, 2024);
        (corpus, lex, seg)
    }

    #[test]
    fn sidebar_repeats_point_at_their_body_sentence() {
        let (c, _, _) = corpus_of("标题\n\n□本报记者 张三\n\n全市外贸企业达到2.5万家，增长8%。\n\n侧栏\n\n- 外贸企业2.5万家。\n");
        let bullet = c
            .sentences
            .iter()
            .find(|s| s.kind == BlockKind::Bullet)
            .unwrap();
        let body = c
            .sentences
            .iter()
            .find(|s| s.text.starts_with("全市外贸企业"))
            .unwrap();
        assert_eq!(bullet.duplicate_of, Some(body.id));
        assert_eq!(body.duplicate_of, None);
        assert_eq!(c.live_sentences(), c.sentences.len() - 1);
    }

    #[test]
    fn scopes_carry_through_a_paragraph_and_ids_are_global() {
        let (c, _, _) = corpus_of("标题\n\n今年1-5月，全市出口2000亿元。其中，汽车出口300亿元。\n\n2023年，全市出口4000亿元。\n");
        let scope = |t: &str| {
            c.figures
                .iter()
                .find(|f| f.text == t)
                .and_then(|f| f.scope.clone())
                .map(|s| s.describe())
        };
        assert_eq!(
            scope("300亿元").as_deref(),
            Some("2024-01..2024-05 (今年1-5月)")
        );
        assert_eq!(scope("4000亿元").as_deref(), Some("2023 (2023年)"));
        for (id, s) in c.sentences.iter().enumerate() {
            assert_eq!(s.id, id);
            for f in s.figures.clone() {
                assert_eq!(c.figures[f].sentence, id);
            }
        }
        assert_eq!(c.article_figures[0], 0..c.figures.len());
        assert!(c.contains("汽车出口") && !c.contains("飞机"));
        assert_eq!(c.doc_freq("出口"), 3);
    }
}
