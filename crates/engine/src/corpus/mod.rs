//! The corpus: each article cut into paragraphs, sentences and figures, with what holds
//! across sentences (scopes carried through a paragraph, sidebar repeats, each figure's
//! distinctive words).
//!
//! A [`ParsedArticle`] is self-contained: sentence and figure ids are positions in it, so
//! one article can be parsed, stored, loaded or dropped without touching the others. That is
//! what lets the archive keep thousands of them on disk and update one at a time.
//!
//! Owns: parsing an article into sentences and figures. May import `text`, `knowledge`,
//! `article`, `figures` and `views`; never the index, questions or ranking.

mod subject;
mod weights;

use std::collections::HashMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::article::ArticleInfo;
use crate::article::ArticleKey;
use crate::article::{Article, BlockKind, Paragraph, SourceFile};
use crate::figures::extract::is_decrease;
use crate::figures::scope::scope_at;
pub(crate) use crate::figures::UNKNOWN_YEAR;
use crate::figures::{
    change_end, read_sentence, Figure, Kind, Number, Reading, Scope, SentenceView,
};
use crate::knowledge::Lexicon;
use crate::text::sentences::split_sentences;
use crate::text::{normalize, CharSet, Segmenter, WordClass};
pub(crate) use weights::CharWeights;

/// One sentence of an article.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Sentence {
    /// Its position in the article.
    pub id: usize,
    /// Paragraph number within the article (1-based).
    pub paragraph: usize,
    pub kind: BlockKind,
    /// Verbatim.
    pub text: String,
    /// Normalised chars (same length as `text`).
    pub norm: Vec<char>,
    /// Word boundaries of `norm` (length + 1).
    pub bounds: Vec<bool>,
    /// Which chars `norm` holds: a word with another char is not in it, found unscanned.
    pub chars: CharSet,
    /// Positions of its figures in the article.
    pub figures: Range<usize>,
    /// Set on a sidebar, headline or caption sentence that repeats a body sentence.
    pub duplicate_of: Option<usize>,
    /// The scope in force at the start of the sentence.
    pub scope: Option<Scope>,
    /// The place names it names (jieba's place words), normalised.
    pub places: Vec<String>,
    /// Where change words (增长) and share words (占) stand, as whole words: what makes a
    /// figure near them a change or a share.
    pub change_words: Vec<Range<usize>>,
    pub share_words: Vec<Range<usize>>,
}

impl Sentence {
    /// Does the normalised sentence start with normalised `word`?
    pub(crate) fn norm_starts_with(&self, word: &str) -> bool {
        crate::knowledge::starts_with_at(&self.norm, 0, word)
    }
}

/// An article with its sentences and figures: what the archive stores for each file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct ParsedArticle {
    pub article: Article,
    pub sentences: Vec<Sentence>,
    pub figures: Vec<Figure>,
    /// Per figure: the weight of each char of its sentence (see `figures::context`).
    pub weights: Vec<CharWeights>,
    /// Per paragraph: its sentences.
    pub paragraph_sentences: Vec<Range<usize>>,
    /// The places it is about: the sidecar's, the title's, and the one its text names most.
    pub places: Vec<String>,
    /// The place its text names most (全市 there means this place).
    pub home_place: Option<String>,
    /// The names of the one thing it is about, when it is about one (an encyclopedia entry,
    /// a profile): every sentence without another subject is about it.
    #[serde(default)]
    pub subject: Vec<String>,
    /// The people it names: a sentence naming another than its subject is about that one.
    #[serde(default)]
    pub people: Vec<String>,
}

impl ParsedArticle {
    /// Parse one article file.
    pub(crate) fn parse(
        file: &SourceFile,
        lex: &Lexicon,
        seg: &Segmenter,
        fallback_year: i32,
    ) -> ParsedArticle {
        let article = Article::parse(
            &file.name,
            &file.path,
            &file.text,
            file.meta.clone(),
            lex,
            fallback_year,
        );
        let mut parsed = ParsedArticle {
            article,
            sentences: Vec::new(),
            figures: Vec::new(),
            weights: Vec::new(),
            paragraph_sentences: Vec::new(),
            places: Vec::new(),
            home_place: None,
            subject: Vec::new(),
            people: Vec::new(),
        };
        let mut counts: HashMap<String, usize> = HashMap::new();
        let mut people = subject::People::default();
        let paragraphs = parsed.article.paragraphs.clone();
        for p in &paragraphs {
            parsed.add_paragraph(p, lex, seg, (&mut counts, &mut people));
        }
        parsed.subject = subject::subject_names(lex, &parsed.article.title, &parsed.sentences);
        parsed
            .subject
            .extend(people.main().filter(|m| !parsed.subject.contains(m)));
        parsed.people = people.all();
        parsed.mark_duplicates();
        parsed.find_places(lex, seg, counts);
        parsed.find_core_terms(lex, seg);
        parsed
    }

    fn add_paragraph(
        &mut self,
        p: &Paragraph,
        lex: &Lexicon,
        seg: &Segmenter,
        (places, people): (&mut HashMap<String, usize>, &mut subject::People),
    ) {
        let first = self.sentences.len();
        // a scope carries to the later sentences of its paragraph
        let mut carried: Option<Scope> = None;
        let pchars: Vec<char> = p.text.chars().collect();
        for r in split_sentences(&p.text) {
            let text: String = pchars[r].iter().collect();
            let view = SentenceView::new(seg, &text);
            let named = place_words(lex, &view);
            for w in &named {
                *places.entry(w.clone()).or_default() += 1;
            }
            people.count(&view.words);
            let reading = read_sentence(lex, seg, &view, self.article.reference_year);
            let scope = scope_at(&reading.marks, 0, carried.as_ref())
                .or_else(|| reading.marks.first().map(|m| m.scope.clone()));
            let last_mark = reading.marks.last().map(|m| m.scope.clone());
            let sid = self.sentences.len();
            let fstart = self.figures.len();
            self.add_figures(lex, &view, reading, carried.as_ref(), (p.number, sid));
            if last_mark.is_some() {
                carried = last_mark;
            }
            let bounds = word_bounds(&view);
            self.sentences.push(Sentence {
                id: sid,
                paragraph: p.number,
                kind: p.kind,
                text,
                change_words: whole_words(&view.norm, &bounds, &lex.figures.change),
                share_words: whole_words(&view.norm, &bounds, &lex.figures.share),
                bounds,
                chars: CharSet::of(&view.norm),
                norm: view.norm,
                figures: fstart..self.figures.len(),
                duplicate_of: None,
                scope,
                places: named,
            });
        }
        self.paragraph_sentences.push(first..self.sentences.len());
    }

    /// Turn the figures found in a sentence into the article's figures, each with its scope:
    /// a date is its own time (the year it omits filled in), any other figure takes the last
    /// time expression before it, else the scope carried from earlier sentences.
    fn add_figures(
        &mut self,
        lex: &Lexicon,
        view: &SentenceView,
        reading: Reading,
        carried: Option<&Scope>,
        (paragraph, sentence): (usize, usize),
    ) {
        let marks = &reading.marks;
        for (f, ctx) in reading.found.into_iter().zip(reading.contexts) {
            let mut date = f.number.date;
            let scope = if matches!(f.number.kind, Kind::Date | Kind::Period) && date.is_some() {
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
                number: Number { date, ..f.number },
                scope,
                measure: Some(ctx.measure).filter(|m| !m.is_empty()),
                core: ctx.core,
                core_terms: Vec::new(),
                counted: normalize(&ctx.counted),
                decrease: is_decrease(lex, &view.norm, f.span.start),
                change_end: change_end(lex, &view.norm, &f.span),
                item: ctx.item,
                sentence,
                paragraph,
                span: f.span,
            });
            self.weights.push(CharWeights::from(ctx.weights));
        }
    }

    /// A sidebar bullet, headline or caption that states the same figures as a body sentence
    /// is the same fact: point it at the body sentence, which answers prefer.
    fn mark_duplicates(&mut self) {
        let quantity = |f: &Figure| {
            !matches!(f.number.kind, Kind::Date | Kind::Period) && f.number.value.is_some()
        };
        for i in 0..self.sentences.len() {
            let s = &self.sentences[i];
            let display = matches!(
                s.kind,
                BlockKind::Bullet | BlockKind::Headline | BlockKind::Subtitle | BlockKind::Caption
            );
            let mine: Vec<&Figure> = self.figures[s.figures.clone()]
                .iter()
                .filter(|f| quantity(f))
                .collect();
            if !display || mine.is_empty() {
                continue;
            }
            let best = self
                .sentences
                .iter()
                .filter(|b| b.kind == BlockKind::Body)
                .filter(|b| {
                    mine.iter().all(|f| {
                        self.figures[b.figures.clone()].iter().any(|g| {
                            g.number.value == f.number.value
                                && g.number.unit == f.number.unit
                                && g.number.kind == f.number.kind
                        })
                    })
                })
                .max_by_key(|b| shared_chars(&s.norm, &b.norm))
                .map(|b| b.id);
            self.sentences[i].duplicate_of = best;
        }
    }

    /// The places the article is about: the sidecar's, the headline's, and the one its text
    /// names most (its home).
    fn find_places(&mut self, lex: &Lexicon, seg: &Segmenter, counts: HashMap<String, usize>) {
        self.home_place = counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(p, _)| p);
        let title = SentenceView::new(seg, &self.article.title);
        let mut places: Vec<String> = self
            .article
            .meta
            .places
            .iter()
            .map(|p| place_name(lex, &normalize(p.trim())))
            .chain(place_words(lex, &title))
            .chain(self.home_place.clone())
            .filter(|p| !p.is_empty())
            .collect();
        places.sort();
        places.dedup();
        self.places = places;
    }

    /// The words of each figure's own phrase that tell it apart from others: not the
    /// article's own city, generic measure words, light verbs or stopwords (they are
    /// implicit in every figure).
    fn find_core_terms(&mut self, lex: &Lexicon, seg: &Segmenter) {
        let q = &lex.question;
        for f in &mut self.figures {
            let norm = normalize(&f.core);
            let mut terms: Vec<String> = Vec::new();
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
                        .as_ref()
                        .is_some_and(|h| t.starts_with(h.as_str()));
                if !skip && !terms.contains(&t) {
                    terms.push(t);
                }
            }
            f.core_terms = terms;
        }
    }

    /// Title, date and file, for frontends.
    pub(crate) fn info(&self) -> ArticleInfo {
        ArticleInfo {
            title: self.article.title.clone(),
            published: self.article.meta.published.clone(),
            file: self.article.file_name(),
            key: self.article.key,
        }
    }

    /// Its stable key.
    pub(crate) fn key(&self) -> ArticleKey {
        self.article.key
    }

    /// The sentence ids of the paragraph a sentence stands in.
    pub(crate) fn paragraph_of(&self, sentence: usize) -> Range<usize> {
        let s = &self.sentences[sentence];
        self.paragraph_sentences[s.paragraph - 1].clone()
    }

    /// Does sentence `sid` lean on the one before it in its paragraph, opening with a
    /// connective (其中, 同时 …: the lexicon's `lean_on_previous`)? Then it is about the
    /// subject before, and an answer quotes both.
    pub(crate) fn leans_on_previous(&self, lex: &Lexicon, sid: usize) -> bool {
        let s = &self.sentences[sid];
        sid > self.paragraph_of(sid).start
            && lex
                .derived
                .lean_on_previous
                .iter()
                .any(|w| s.norm_starts_with(w))
    }

    /// Does sentence `sid` continue the one before it: lean on it by a connective, or open,
    /// past its time words, with a verb (实现利润总额312.4亿元 continues the subject before)?
    pub(crate) fn continues_previous(&self, lex: &Lexicon, seg: &Segmenter, sid: usize) -> bool {
        if sid <= self.paragraph_of(sid).start {
            return false;
        }
        if self.leans_on_previous(lex, sid) {
            return true;
        }
        let s = &self.sentences[sid];
        let times: Vec<Range<usize>> = self.figures[s.figures.clone()]
            .iter()
            .filter(|g| matches!(g.number.kind, Kind::Date | Kind::Period))
            .map(|g| g.span.clone())
            .collect();
        let text: String = s.norm.iter().collect();
        let first = seg.words(&text).into_iter().find(|w| {
            w.text.chars().any(char::is_alphanumeric)
                && !matches!(
                    w.class(),
                    WordClass::Time
                        | WordClass::Numeral
                        | WordClass::Unknown
                        | WordClass::Classifier
                        | WordClass::Direction
                )
                && !times.iter().any(|r| r.contains(&w.start))
        });
        first.is_some_and(|w| {
            matches!(
                w.class(),
                WordClass::Verb | WordClass::VerbalNoun | WordClass::Adverb
            )
        })
    }

    /// The sentences of the heading a sentence stands under, if any.
    pub(crate) fn heading_sentences(&self, sentence: usize) -> Option<Range<usize>> {
        let s = &self.sentences[sentence];
        let heading = self.article.paragraph(s.paragraph)?.section?;
        self.paragraph_sentences.get(heading - 1).cloned()
    }

    /// Does normalised `term` occur in one of its sentences?
    #[cfg(test)]
    pub(crate) fn contains(&self, term: &str) -> bool {
        let t: Vec<char> = term.chars().collect();
        self.sentences
            .iter()
            .any(|s| find(&s.norm, &t, 0).is_some())
    }
}

/// The place words of a sentence (jieba's `ns` words of two chars or more), by name.
fn place_words(lex: &Lexicon, view: &SentenceView) -> Vec<String> {
    let mut out: Vec<String> = view
        .words
        .iter()
        .filter(|w| w.class() == WordClass::Place && w.text.chars().count() >= 2)
        .map(|w| place_name(lex, &w.text))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// A place's name without its administrative suffix: 青岛市 → 青岛, 山东省 → 山东.
pub(crate) fn place_name(lex: &Lexicon, place: &str) -> String {
    for suffix in lex.question.place_suffixes.iter() {
        if let Some(stem) = place.strip_suffix(suffix.as_str()) {
            if stem.chars().count() >= 2 {
                return stem.to_string();
            }
        }
    }
    place.to_string()
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

/// Where words of a list stand in a sentence as whole words (增加 in 增加值, value added,
/// is no change).
fn whole_words(norm: &[char], bounds: &[bool], words: &[String]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for x in words {
        let xc: Vec<char> = x.chars().collect();
        let mut from = 0;
        while let Some(at) = find(norm, &xc, from) {
            if bounds[at] && bounds[at + xc.len()] {
                out.push(at..at + xc.len());
            }
            from = at + 1;
        }
    }
    out
}

/// First occurrence of `needle` in `hay` at or after `from`.
pub(crate) fn find(hay: &[char], needle: &[char], from: usize) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let last = hay.len().checked_sub(needle.len())?;
    // compare the first char before the rest: most places fail there, cheaply
    (from..=last).find(|&i| hay[i] == first && hay[i + 1..i + needle.len()] == *rest)
}

fn shared_chars(a: &[char], b: &[char]) -> usize {
    let set: std::collections::HashSet<&char> = b.iter().collect();
    a.iter().filter(|c| set.contains(c)).count()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::sync::Arc;

    /// One article with `text`, parsed on the built-in word lists (the segmenter knows the
    /// glossary's terms, as the engine's does), 2024 as 今年.
    pub(crate) fn corpus_of(text: &str) -> (ParsedArticle, Lexicon, Arc<Segmenter>) {
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
        let parsed = ParsedArticle::parse(&file, &lex, &seg, 2024);
        (parsed, lex, seg)
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
        assert_eq!(
            c.sentences
                .iter()
                .filter(|s| s.duplicate_of.is_none())
                .count(),
            c.sentences.len() - 1
        );
        assert_eq!(c.places, Vec::<String>::new(), "no place named");
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
        assert!(c.contains("汽车出口") && !c.contains("飞机"));
    }
}

#[cfg(test)]
mod place_tests {
    use super::tests::corpus_of;

    #[test]
    fn an_article_is_about_the_place_it_names_most_and_its_titles() {
        let (c, _, _) =
            corpus_of("青岛外贸报告\n\n青岛市进出口增长5%。青岛港吞吐量增长3%，济南增长2%。\n");
        assert_eq!(c.home_place.as_deref(), Some("青岛"));
        assert!(c.places.contains(&"青岛".to_string()), "{:?}", c.places);
        let s = c
            .sentences
            .iter()
            .find(|s| s.text.contains("济南"))
            .unwrap();
        assert!(s.places.contains(&"济南".to_string()), "{:?}", s.places);
    }
}
