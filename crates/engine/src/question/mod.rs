//! Question analysis: what is asked (a growth, a share, a count …, in which unit), for which
//! period, about which things.
//!
//! The question is normalised like the article, filler (greetings, emoji, markup) dropped,
//! English words put into Chinese through the glossary, and the lexicon's cue words decide the asked kind. Time words are resolved
//! per article (今年 is each article's own reference year). Terms keep their synonyms and
//! sub-words so the ranking can match 外贸 to 进出口 and 增长率 to 增长.
//!
//! One module per part of the reading: [`clean`] (filler, English), [`asked`] (the kind
//! and unit asked), [`periods`] (when), [`names`] (about whom), [`terms`] (the words to
//! look for); [`Analyzer::analyse`] runs them in order.
//!
//! Owns: reading a question. May import `text`, `knowledge`, `figures`, `corpus`, and the
//! archive and index for what the articles hold (their places, years and words); never the
//! ranking.

mod asked;
mod clean;
mod names;
mod periods;
mod terms;

use asked::Cues;
pub(crate) use clean::{clean_input, clean_question};
use terms::{extra_terms, find_str, stated};

use serde::Serialize;

use crate::archive::{Archive, Lookup};
use crate::figures::extract::{scan, Found};
use crate::figures::scope::Scope;
use crate::figures::{ChangeEnd, SentenceView};
use crate::index::IndexSearcher;
use crate::knowledge::Glossary;
use crate::knowledge::Lexicon;
use crate::text::{Segmenter, WordClass};

/// How good a match another form of a term is when it is the same word to a reader: a
/// synonym (外贸 for 进出口), the stem of a measure (进口 for 进口额), the home city's or
/// province's other name, another sense of an English word the articles hold.
pub(crate) const SYNONYM: f32 = 0.9;
/// How good a match a word inside a term is (出口 for 汽车出口).
pub(crate) const SUB_WORD: f32 = 0.6;

/// Questions longer than this are refused (a question is a sentence, not an article).
pub const MAX_QUESTION_CHARS: usize = 500;

/// What kind of answer a question wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Asked {
    Growth,
    Share,
    Rank,
    Date,
    Count,
    Amount,
    /// Which / who / where: a name, not a number.
    Entity,
    /// The gap to another level: 比全省快多少, 高于全国多少 (points for rates).
    Difference,
    /// How many times: 几倍.
    Multiple,
    Any,
}

/// A word of the question to look for, with what else may stand for it.
#[derive(Debug, Clone)]
pub(crate) struct Term {
    pub text: String,
    /// How much the term says about the subject (cue words count less).
    pub weight: f32,
    /// Other forms and how good a match they are: [`SYNONYM`], [`SUB_WORD`].
    pub alts: Vec<(String, f32)>,
    /// jieba's part-of-speech tag.
    pub tag: String,
    /// A word that helps when a sentence has it and costs nothing when it does not: generic
    /// words (总额) and the base of a comparison (去年同期 in 比去年同期高多少).
    pub optional: bool,
    /// A proper name (a firm, a person, a place the articles are not about): only a
    /// sentence that names it answers — a figure about a group it belongs to does not.
    pub name: bool,
    /// A name, or a noun written together with one (储能 in 华澜储能).
    pub in_name: bool,
    /// Says whose figure is asked (a place, a firm): a sentence opening with 其中 takes it
    /// from the sentence before, as it takes that sentence's period.
    pub subject: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Question {
    pub original: String,
    /// Normalised, English put into Chinese.
    pub norm: String,
    pub asked: Asked,
    /// The dimensions a figure must measure to answer (length, age, duration, percent …):
    /// empty when the question names none.
    pub dimensions: Vec<String>,
    /// Which end of a change is asked (降到多少: the value after), if the question says.
    pub change_end: Option<ChangeEnd>,
    /// The unit asked for (元, 美元, 家, 百分点 …).
    pub unit: Option<String>,
    /// The time asked about, resolved for each article (index = article id).
    pub scopes: std::collections::HashMap<i32, Option<Scope>>,
    /// Places the question names that articles are about (normalised): the search keeps
    /// to them.
    pub places: Vec<String>,
    pub terms: Vec<Term>,
    /// Figures the question itself states (世界500强, 亿元以上): givens, not answers.
    pub given: Vec<String>,
    /// The times it compares with (去年同期 in 比去年同期高多少): the answer's base.
    pub bases: Vec<String>,
    /// Significant words no article mentions: the corpus cannot answer.
    pub unknown: Vec<String>,
    /// Every content word no article mentions, common ones too (大学): named when nothing
    /// matches enough of the question.
    pub unmentioned: Vec<String>,
    /// Does the question ask for a number (多少, 几, a figure kind)? Then only a figure
    /// answers it, never a sentence without one.
    pub wants_number: bool,
    /// The word the question asks about most directly: the noun after 多少 (多少进出口额),
    /// else its last content word (…合同额).
    pub focus: Option<String>,
    /// Each name term with the name as the question writes it (华澜 → 华澜储能).
    pub name_phrases: Vec<(String, String)>,
    /// Ordinals and top-N names the question states (第3号港区, 第135届, 世界500强): only a
    /// sentence that holds the same one answers — 第3号港区's figure is not 第5号港区's.
    pub fixed: Vec<Fixed>,
}

/// An ordinal or a top-N name a question states, as a sentence must hold it.
#[derive(Debug, Clone)]
pub(crate) struct Fixed {
    /// As the question writes it, with the noun it names: 第5号港区.
    pub shown: String,
    pub value: f64,
    pub unit: Option<String>,
}

impl Question {
    /// The period asked, for an article whose 今年 is `article` (its reference year).
    pub(crate) fn scope_for(&self, article: i32) -> Option<&Scope> {
        self.scopes.get(&article).and_then(|s| s.as_ref())
    }
}

/// Reads questions against one archive (whose articles resolve the time words, and whose
/// index knows the words that are "known").
pub(crate) struct Analyzer<'a> {
    pub lex: &'a Lexicon,
    pub glossary: &'a Glossary,
    pub seg: &'a Segmenter,
    pub archive: &'a Archive,
    pub searcher: &'a IndexSearcher,
}

impl<'a> Analyzer<'a> {
    /// The analyzer of one request's lookup.
    pub(crate) fn of(look: &Lookup<'a>) -> Analyzer<'a> {
        Analyzer {
            lex: look.lex,
            glossary: look.glossary,
            seg: look.seg,
            archive: look.archive,
            searcher: look.searcher,
        }
    }
}

/// Are `a` and `b` the same unit for comparing? People are counted in 人, 名 and 位 alike.
pub(crate) fn same_unit(lex: &Lexicon, a: &str, b: &str) -> bool {
    let people = &lex.units.people;
    a == b || (people.iter().any(|p| p == a) && people.iter().any(|p| p == b))
}

impl<'a> Analyzer<'a> {
    /// Read a question: what kind of figure it asks for, in which unit and period, and the
    /// words to look for.
    pub(crate) fn analyse(&self, question: &str) -> Question {
        let contains = |w: &str| self.searcher.contains(w);
        let cleaned = clean_question(self.lex, self.glossary, self.seg, question, &contains);
        let norm = cleaned.text;
        let view = SentenceView::new(self.seg, &norm);
        let found = scan(self.lex, &view);
        let (asked, unit) = self.asked(&view.norm, &view.words);
        let (scopes, time_spans) = self.scopes(&view, &found);
        let cues = Cues {
            lex: self.lex,
            s: &view.norm,
            words: &view.words,
        };
        // the framing of a comparison (比 … 快, 较2019年同期) is no word to look for
        let mut framing = self
            .asked_gap(&view.norm, &cues)
            .map(|g| g.words)
            .unwrap_or_default();
        let bases = self.comparison_bases(&view.norm, &found);
        framing.extend(bases.iter().map(|(_, r)| r.clone()));
        // the dimension asked (体长是多少, 多久): its words say what kind of figure answers
        let dims = self.asked_dimensions(&view.norm, &view.words);
        framing.extend(dims.asks.iter().chain(&dims.nouns).cloned());
        let masked = self.masked(&view.norm, &found, &time_spans, &framing);
        let head_at = self.head_position(&view.norm);
        let (mut terms, focus) = self.terms(&view.norm, &masked, head_at);
        clean::add_english_alternatives(&mut terms, &cleaned.english);
        terms.extend(extra_terms(&view, &found, &bases));
        self.add_dimension_words(&mut terms, &view.norm, &dims);
        let focus = focus.or_else(|| self.last_content_word(&terms));
        let places = self.places(&view);
        self.unglue(&mut terms, &places);
        let name_phrases = self.mark_names(&mut terms, &view, &places);
        let unmentioned: Vec<&Term> = terms
            .iter()
            .filter(|t| {
                t.weight >= 1.0
                    && !t.optional
                    && t.text.chars().count() >= 2
                    && (WordClass::of(&t.tag).is_nounish() || t.text.is_ascii())
            })
            .filter(|t| !self.known(t, &places))
            .collect();
        let typed = |t: &&Term| clean::as_typed(question, &cleaned.english, &t.text);
        let unknown = unmentioned
            .iter()
            .filter(|t| self.could_be_unknown(t))
            .map(typed)
            .collect();
        let unmentioned = unmentioned.iter().map(typed).collect();
        let asks_how_many = self
            .lex
            .question
            .how_many
            .iter()
            .any(|w| find_str(&view.norm, w).is_some());
        let wants_number = !matches!(asked, Asked::Entity | Asked::Any) || asks_how_many;
        let (fixed, given) = stated(&view, &found);
        let dimensions = self.with_unit_dimensions(dims.asked, unit.as_deref());
        let change_end = self.asked_change_end(&view.norm, &view.words);
        Question {
            original: question.to_string(),
            norm,
            asked,
            dimensions,
            change_end,
            unit,
            scopes,
            places,
            terms,
            given,
            bases: bases.into_iter().map(|(b, _)| b).collect(),
            unknown,
            unmentioned,
            focus,
            wants_number,
            name_phrases,
            fixed,
        }
    }
}

/// Figures of a text (the conversation layer reads a claim's with it).
pub(crate) fn figures_of(lex: &Lexicon, seg: &Segmenter, norm: &str) -> Vec<Found> {
    scan(lex, &SentenceView::new(seg, norm))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::tests::engine_of;

    const ARTICLE: &str = "青岛外贸报告\n\n2023年，青岛市完成进出口8760亿元，增长4.6%，占全省比重27%。\n\n今年1-5月，全市179家世界500强企业对欧盟出口增长17.4%。\n";

    pub(super) fn read(q: &str) -> Question {
        let (_dir, engine) = engine_of(&[("qingdao", ARTICLE)]);
        engine.with_view(|v| Analyzer::of(v).analyse(q))
    }

    #[test]
    fn the_asked_kind_and_unit() {
        let cases = [
            ("2023年青岛进出口多少亿元", Asked::Amount, Some("元")),
            ("有多少家世界500强企业", Asked::Count, Some("家")),
            (
                "增速高于全省多少个百分点",
                Asked::Difference,
                Some("百分点"),
            ),
            ("进出口增长多少", Asked::Growth, None),
            // a gap to another level; a rate's gap is in points
            (
                "一季度工业增加值增速比全省快多少",
                Asked::Difference,
                Some("百分点"),
            ),
            ("增速比去年同期高了多少", Asked::Difference, Some("百分点")),
            (
                "进出口占比比2023年末提高了多少",
                Asked::Difference,
                Some("百分点"),
            ),
            ("出口比去年多多少亿元", Asked::Difference, Some("元")),
            ("出口比去年提高了多少", Asked::Growth, None),
            ("进出口占比多少", Asked::Share, None),
            // movement words ask for the change
            ("利润总额变化了多少", Asked::Growth, None),
            ("光伏出口涨跌多少", Asked::Growth, None),
            ("整车出口是去年同期的几倍", Asked::Multiple, None),
            ("进出口占全省比重是多少", Asked::Share, None),
            ("青岛排第几", Asked::Rank, None),
            ("哪个国家", Asked::Entity, None),
        ];
        for (q, asked, unit) in cases {
            let r = read(q);
            assert_eq!((r.asked, r.unit.as_deref()), (asked, unit), "{q}");
        }
        // a cue inside a longer noun is no cue: 增加值 is value added
        assert_ne!(read("第三产业增加值是多少").asked, Asked::Growth);
        assert!(read("进出口多少").wants_number && !read("哪个国家").wants_number);
    }

    #[test]
    fn periods_givens_focus_and_unknown_words() {
        let r = read("今年1-5月青岛对欧盟出口增长多少");
        let scope = r.scope_for(2024).unwrap();
        assert_eq!((scope.start, scope.end), ((2024, 1), (2024, 5)));
        let terms: Vec<&str> = r.terms.iter().map(|t| t.text.as_str()).collect();
        assert!(
            terms.contains(&"欧盟") && terms.contains(&"出口"),
            "{terms:?}"
        );
        assert!(
            !terms.iter().any(|t| t.contains('5')),
            "the period is no word to look for"
        );
        // stated figures are givens (never the answer); a name such as 世界500强 is also
        // still a word to look for
        let r = read("179家世界500强企业出口增长多少");
        assert_eq!(r.given, ["179家", "500强"]);
        assert!(
            r.terms.iter().any(|t| t.text.contains("500")),
            "{:?}",
            r.terms
        );
        assert_eq!(read("有多少家世界500强企业").focus.as_deref(), Some("企业"));
        assert_eq!(read("北京进出口多少").unknown, ["北京"]);
        assert!(
            read("外贸多少").unknown.is_empty(),
            "外贸 is a synonym of 进出口"
        );
    }

    #[test]
    fn people_units_compare_as_one() {
        let lex = Lexicon::builtin();
        assert!(same_unit(&lex, "人", "名") && same_unit(&lex, "元", "元"));
        assert!(!same_unit(&lex, "人", "家"));
    }
}
