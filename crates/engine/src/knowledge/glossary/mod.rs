//! Synonyms and English terms, loaded from `glossary.toml`, and English put into Chinese.
//!
//! A question rarely uses the article's exact words: 外贸 for 进出口, "exports" for 出口. The
//! glossary maps them onto the article's vocabulary. It is a data file so that a new beat
//! (energy, housing) adds its own terms without touching code.
//!
//! English is read in two layers: the hand-written `[english]` table of the glossary, and the
//! CC-CEDICT dictionary ([`Dictionary`]) for every phrase the table lacks. The table wins
//! wherever it has the phrase; the longest phrase wins over shorter ones. Where a phrase has
//! several Chinese terms, the caller's `contains` (what the articles hold) picks one.

mod english;

use english::english_words;
pub(crate) use english::Rendering;

use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use super::dictionary::Dictionary;
use crate::text::{is_han, normalize};

/// The built-in glossary (the file shipped in `data/`).
pub(crate) const DEFAULT_GLOSSARY: &str = include_str!("../../../../../data/glossary.toml");

/// Longest English phrase the dictionary lists, in words.
const DICTIONARY_WORDS: usize = 4;

/// What separates the alternatives of one term in the `[english]` table: `"营业收入|营收"`.
const ALTERNATIVES: char = '|';

/// The number slot of an `[english]` phrase: `"first # months" = ["前#个月"]`.
const NUMBER_SLOT: &str = "#";

#[derive(Debug, Deserialize)]
struct GlossaryFile {
    #[serde(default)]
    synonyms: Vec<SynonymGroup>,
    #[serde(default)]
    english: BTreeMap<String, Vec<String>>,
    /// What follows a bare year in English text once it is put into Chinese (2023 → 2023年).
    year_suffix: String,
    #[serde(default)]
    english_reading: ReadingFile,
    #[serde(default)]
    dictionary_blacklist: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize)]
struct SynonymGroup {
    terms: Vec<String>,
}

/// `[english_reading]`: how English questions are read, beyond the words themselves.
#[derive(Debug, Deserialize, Default)]
struct ReadingFile {
    #[serde(default)]
    function_words: Vec<String>,
    #[serde(default)]
    forms: BTreeMap<String, String>,
    #[serde(default)]
    numbers: BTreeMap<String, u32>,
    #[serde(default)]
    range_words: Vec<String>,
    #[serde(default)]
    range_join: String,
    #[serde(default)]
    senses: Option<usize>,
}

/// One term of an English phrase: its alternatives, best first (`"营业收入|营收"`).
type Slot = Vec<String>;

#[derive(Debug, Clone, Default)]
struct Reading {
    function_words: HashSet<String>,
    forms: HashMap<String, String>,
    numbers: HashMap<String, u32>,
    range_words: HashSet<String>,
    range_join: String,
    senses: usize,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Glossary {
    groups: Vec<Vec<String>>,
    by_term: HashMap<String, Vec<usize>>,
    /// English phrase (words joined by one space) → its terms.
    english: HashMap<String, Vec<Slot>>,
    /// Phrases with a number slot (`first # months`), as words.
    patterns: Vec<(Vec<String>, Vec<Slot>)>,
    max_phrase: usize,
    year_suffix: String,
    reading: Reading,
    /// English key → dictionary terms never used for it.
    blacklist: HashMap<String, HashSet<String>>,
    dictionary: Arc<Dictionary>,
}

impl Glossary {
    pub(crate) fn parse(text: &str, origin: &str) -> crate::error::Result<Glossary> {
        let file: GlossaryFile = toml::from_str(text).map_err(|e| crate::error::Error::Data {
            path: origin.to_string(),
            message: format!("not a valid glossary: {e}"),
        })?;
        let mut g = Glossary {
            year_suffix: normalize(file.year_suffix.trim()),
            ..Glossary::default()
        };
        for group in file.synonyms {
            let terms: Vec<String> = group
                .terms
                .iter()
                .map(|t| normalize(t.trim()))
                .filter(|t| !t.is_empty())
                .collect();
            if terms.len() < 2 {
                continue;
            }
            let id = g.groups.len();
            for t in &terms {
                g.by_term.entry(t.clone()).or_default().push(id);
            }
            g.groups.push(terms);
        }
        for (phrase, zh) in file.english {
            let words = english_words(&normalize(&phrase));
            if words.is_empty() {
                continue;
            }
            let slots: Vec<Slot> = zh
                .iter()
                .map(|z| {
                    normalize(z)
                        .split(ALTERNATIVES)
                        .map(|a| a.trim().to_string())
                        .filter(|a| !a.is_empty())
                        .collect::<Slot>()
                })
                .filter(|s| !s.is_empty())
                .collect();
            g.max_phrase = g.max_phrase.max(words.len());
            if words.iter().any(|w| w == NUMBER_SLOT) {
                g.patterns.push((words, slots));
            } else {
                g.english.insert(words.join(" "), slots);
            }
        }
        let r = file.english_reading;
        let lower = |w: &String| normalize(w.trim());
        g.reading = Reading {
            function_words: r.function_words.iter().map(lower).collect(),
            forms: r.forms.iter().map(|(k, v)| (lower(k), lower(v))).collect(),
            numbers: r.numbers.iter().map(|(k, v)| (lower(k), *v)).collect(),
            range_words: r.range_words.iter().map(lower).collect(),
            range_join: normalize(r.range_join.trim()),
            senses: r.senses.unwrap_or(3).max(1),
        };
        g.blacklist = file
            .dictionary_blacklist
            .iter()
            .map(|(k, zh)| {
                let key = english_words(&normalize(k)).join(" ");
                (key, zh.iter().map(|z| normalize(z.trim())).collect())
            })
            .collect();
        Ok(g)
    }

    /// The glossary with `dictionary` for the English phrases its own table lacks.
    pub(crate) fn with_dictionary(mut self, dictionary: Dictionary) -> Glossary {
        self.dictionary = Arc::new(dictionary);
        self
    }

    /// The built-in glossary and dictionary.
    #[cfg(test)]
    pub(crate) fn builtin() -> Glossary {
        Glossary::parse(DEFAULT_GLOSSARY, "built-in glossary")
            .expect("the built-in glossary parses")
            .with_dictionary(Dictionary::new(super::dictionary::Source::Builtin))
    }

    /// The other members of every synonym group `term` belongs to.
    pub(crate) fn synonyms(&self, term: &str) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        if let Some(ids) = self.by_term.get(term) {
            for &id in ids {
                for t in &self.groups[id] {
                    if t != term && !out.contains(&t.as_str()) {
                        out.push(t);
                    }
                }
            }
        }
        out
    }

    /// Every Chinese term the glossary knows, for the segmenter's dictionary. (The
    /// dictionary's terms are jieba's words already.)
    pub(crate) fn chinese_terms(&self) -> impl Iterator<Item = &str> {
        self.groups
            .iter()
            .flatten()
            .chain(self.english.values().flatten().flatten())
            .map(|s| s.as_str())
            .filter(|s| s.chars().any(is_han))
    }
}

#[cfg(test)]
mod tests {
    use super::english::English;
    use super::*;
    use crate::knowledge::dictionary::Source;

    /// A glossary from a table written for the test and a dictionary of a few lines.
    fn glossary(table: &str, dictionary: &str) -> Glossary {
        let text = format!(
            "year_suffix = \"年\"\n\
             [english_reading]\n\
             function_words = [\"how\", \"many\", \"much\", \"did\", \"the\", \"of\", \"in\", \"what\", \"was\", \"from\", \"over\"]\n\
             range_words = [\"to\"]\n\
             range_join = \"至\"\n\
             senses = 2\n\
             forms = {{ grew = \"grow\" }}\n\
             numbers = {{ eleven = 11 }}\n\
             [dictionary_blacklist]\n\
             \"growth\" = [\"肿块\"]\n\
             [english]\n{table}"
        );
        Glossary::parse(&text, "test glossary")
            .unwrap()
            .with_dictionary(Dictionary::new(Source::Text(dictionary.into())))
    }

    const DICTIONARY: &str = "\
city\t城市|市\n\
energy\t精力|能量|能源\n\
festival\t节日|节庆\n\
growth\t肿块|发展|成长\n\
industry\t工业|产业|行业\n\
new\t新|新生\n\
number of\t套数\n\
output value\t产值\n\
produce\t生产|产生\n\
spring\t春天|弹簧\n\
spring festival\t春节\n\
tourist\t游人|游客\n\
vehicle\t车辆|车\n\
visitor\t客人|观众|游客\n";

    fn read(g: &Glossary, text: &str, held: &[&str]) -> English {
        g.translate_english_in(&normalize(text), &|w| held.iter().any(|h| h.contains(w)))
    }

    #[test]
    fn synonyms_are_symmetric() {
        let g = Glossary::builtin();
        assert!(g.synonyms("外贸").contains(&"进出口"));
        assert!(g.synonyms("进出口").contains(&"外贸"));
        assert!(g.synonyms("没有这个词").is_empty());
    }

    #[test]
    fn english_phrases_longest_first() {
        let g = Glossary::builtin();
        let t = g.translate_english(&normalize(
            "How many foreign trade enterprises does Qingdao have?",
        ));
        assert!(t.contains("外贸"), "{t}");
        assert!(t.contains("企业"), "{t}");
        assert!(t.contains("青岛"), "{t}");
        assert!(!t.contains("foreign"), "{t}");
        let t = g.translate_english("what share of shandong's exports in 2023");
        assert!(
            t.contains("山东") && t.contains("出口") && t.contains("2023年"),
            "{t}"
        );
        // the dictionary's two-word phrase beats its words, one by one
        let g = glossary("", DICTIONARY);
        assert_eq!(read(&g, "spring festival", &[]).text.trim(), "春节");
        assert_eq!(read(&g, "the output value", &[]).text.trim(), "产值");
        // the table's longer phrase beats the dictionary's shorter ones
        let g = glossary("\"new energy vehicle\" = [\"新能源汽车\"]\n", DICTIONARY);
        assert_eq!(
            read(&g, "new energy vehicles", &[]).text.trim(),
            "新能源汽车"
        );
    }

    #[test]
    fn inflections_are_undone() {
        let g = glossary("", DICTIONARY);
        let words = |t: &str| {
            read(&g, t, &[])
                .text
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(words("visitors"), ["客人"]);
        assert_eq!(words("industries"), ["工业"]);
        assert_eq!(words("cities"), ["城市"]);
        assert_eq!(words("produced"), ["生产"]);
        assert_eq!(words("producing"), ["生产"]);
        assert_eq!(words("produces"), ["生产"]);
        // an irregular form from the data's list
        let g = glossary("\"grow\" = [\"增长\"]\n", DICTIONARY);
        assert_eq!(read(&g, "grew", &[]).text.trim(), "增长");
    }

    #[test]
    fn the_hand_glossary_beats_the_dictionary() {
        let g = glossary(
            "\"visitor\" = [\"游客\"]\n\"growth\" = [\"增长\"]\n",
            DICTIONARY,
        );
        assert_eq!(read(&g, "visitors", &[]).text.trim(), "游客");
        assert_eq!(read(&g, "growth", &[]).text.trim(), "增长");
        // without it, the dictionary's blacklisted sense is skipped
        let g = glossary("", DICTIONARY);
        assert_eq!(read(&g, "growth", &[]).text.trim(), "发展");
    }

    #[test]
    fn the_candidate_the_articles_hold_is_chosen() {
        let g = glossary("\"revenue\" = [\"营业收入|营收\"]\n", DICTIONARY);
        // the first of the senses used (two here), unless the articles hold another
        assert_eq!(read(&g, "industry", &[]).text.trim(), "工业");
        let e = read(&g, "industry", &["全市产业", "行业"]);
        assert_eq!(e.text.trim(), "产业");
        // 行业 is the third sense: not used
        assert_eq!(read(&g, "industry", &["行业"]).text.trim(), "工业");
        // the glossary's alternatives likewise, and the others the articles hold are kept
        let e = read(&g, "revenue", &["营收", "营业收入"]);
        assert_eq!(e.text.trim(), "营业收入");
        assert_eq!(
            e.renderings,
            [Rendering {
                english: "revenue".into(),
                chinese: "营业收入".into(),
                others: vec!["营收".into()],
            }]
        );
        assert_eq!(read(&g, "revenue", &["营收"]).text.trim(), "营收");
        // neighbours the articles hold together are written together, each the sense that
        // makes the compound (能源 is the third sense of energy: two are used here)
        let g = glossary("\"energy\" = [\"精力|能源\"]\n", DICTIONARY);
        let e = read(&g, "new energy industry", &["新能源产业", "工业"]);
        assert_eq!(e.text.trim(), "新能源产业");
    }

    #[test]
    fn function_words_go_and_unknown_words_stay() {
        let g = glossary("\"how many\" = [\"多少\"]\n", DICTIONARY);
        let e = read(&g, "how many tourists did the city receive in 2024", &[]);
        assert_eq!(
            e.text.split_whitespace().collect::<Vec<_>>(),
            ["多少", "游人", "城市", "receive", "2024年"]
        );
        // a dictionary phrase that ends in a function word is no phrase: `number of`
        assert_eq!(
            read(&g, "number of tourists", &[])
                .text
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["number", "游人"]
        );
    }

    #[test]
    fn periods_and_ranges() {
        let g = glossary(
            "\"january\" = [\"1月\"]\n\"november\" = [\"11月\"]\n\"first # months\" = [\"前#个月\"]\n",
            DICTIONARY,
        );
        assert_eq!(
            read(&g, "from january to november", &[]).text.trim(),
            "1月至11月"
        );
        assert_eq!(read(&g, "january-november", &[]).text.trim(), "1月至11月");
        assert_eq!(
            read(&g, "from 2019 to 2023", &[]).text.trim(),
            "2019年至2023年"
        );
        assert_eq!(
            read(&g, "in the first eleven months", &[]).text.trim(),
            "前11个月"
        );
        assert_eq!(read(&g, "first 11 months", &[]).text.trim(), "前11个月");
        // a range word elsewhere joins nothing
        assert_eq!(
            read(&g, "visitor to city", &[])
                .text
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["客人", "城市"]
        );
    }

    #[test]
    fn the_shipped_glossary_mends_the_dictionary() {
        let g = Glossary::builtin();
        let t = |s: &str, held: &[&str]| {
            read(&g, s, held)
                .text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(
            t(
                "How many visitors did Hangzhou receive over the Spring Festival?",
                &["接待"]
            ),
            "多少 游客 杭州 接待 春节 ?"
        );
        assert_eq!(t("growth", &[]), "增长");
        assert_eq!(t("China", &[]), "中国");
        assert_eq!(t("revenue", &["营业收入"]), "营业收入");
        assert_eq!(t("first quarter", &[]), "一季度");
        assert_eq!(t("power generation", &[]), "发电量");
        assert_eq!(
            t("Changzhou's new energy vehicles", &["新能源汽车"]),
            "常州 新能源汽车"
        );
        assert_eq!(t("first eleven months", &[]), "前11个月");
        assert_eq!(t("January to November", &[]), "1月至11月");
        assert_eq!(t("Shandong", &[]), "山东");
    }
}
