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

use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use super::dictionary::Dictionary;
use crate::text::{is_han, normalize};

/// The built-in glossary (the file shipped in `data/`).
pub(crate) const DEFAULT_GLOSSARY: &str = include_str!("../../../../data/glossary.toml");

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

/// An English word or phrase of a question, put into Chinese.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rendering {
    /// The English as read (lower case, `'s` dropped).
    pub english: String,
    /// The Chinese term chosen.
    pub chinese: String,
    /// The other terms it could have been that the articles hold too (the dictionary's next
    /// senses, the glossary's alternatives): the same word to a reader.
    pub others: Vec<String>,
}

/// A text with its English put into Chinese, and what each English phrase became.
#[derive(Debug, Clone, Default)]
pub(crate) struct English {
    pub text: String,
    pub renderings: Vec<Rendering>,
}

/// A stretch of an English run, as read.
#[derive(Debug)]
enum Piece {
    /// Chinese terms for `english`; each slot is one term, with its alternatives.
    Terms { english: String, slots: Vec<Slot> },
    /// A word between the two ends of a range (`to`, `-`).
    Range,
    /// A function word, or a phrase the glossary maps to nothing.
    Drop,
    /// Kept as it is (an unknown word, a number; a year with its suffix).
    Keep(String),
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

    /// Rewrite the English words of normalised `text` into Chinese terms, taking the first
    /// of several candidates. See [`Glossary::translate_english_in`].
    #[cfg(test)]
    pub(crate) fn translate_english(&self, text: &str) -> String {
        self.translate_english_in(text, &|_| false).text
    }

    /// Rewrite the English words of normalised `text` into Chinese terms (longest phrase
    /// first, the glossary's table before the dictionary, inflected endings tried, function
    /// words dropped), keeping everything else. Of several candidates, the first that
    /// `contains` (the articles hold it) is taken, else the first; two neighbours the
    /// articles hold together are written together (新能源 + 汽车). A four-digit year becomes
    /// `2023年` so the time analysis reads it, and a range of months or years is written as
    /// one (`January to November` → `1月至11月`). Words neither knows stay as they are: an
    /// article may contain them (GDP, TEU).
    pub(crate) fn translate_english_in(
        &self,
        text: &str,
        contains: &dyn Fn(&str) -> bool,
    ) -> English {
        let mut renderings = Vec::new();
        if !text.chars().any(|c| c.is_ascii_alphabetic()) {
            return English {
                text: text.to_string(),
                renderings,
            };
        }
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c.is_ascii_digit() {
                // numbers pass through whole (4.6%, 3,561.8, 1/4); a bare year gets 年
                let start = i;
                while i < chars.len()
                    && (chars[i].is_ascii_digit()
                        || (matches!(chars[i], '.' | ',' | '/')
                            && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())))
                {
                    i += 1;
                }
                let num: String = chars[start..i].iter().collect();
                let followed = chars.get(i).is_some_and(|&d| d == '%' || is_han(d));
                out.push_str(&num);
                if is_year(&num) && !followed {
                    out.push_str(&self.year_suffix);
                }
                continue;
            }
            if !c.is_ascii_alphabetic() {
                out.push(c);
                i += 1;
                continue;
            }
            // a run of English words separated by spaces, hyphens or apostrophes
            let start = i;
            while i < chars.len() {
                let ch = chars[i];
                let joiner = matches!(ch, ' ' | '-' | '\'')
                    && chars.get(i + 1).is_some_and(|n| n.is_ascii_alphanumeric());
                // digits belong to the run when they make a word (Fortune 500, G20), not
                // when they are a quantity (4.6%, 3,561.8)
                let word_digit = ch.is_ascii_digit() && {
                    let mut j = i;
                    while j < chars.len() && chars[j].is_ascii_digit() {
                        j += 1;
                    }
                    let after = chars.get(j).copied();
                    let glued = matches!(after, Some('.' | ',' | '/'))
                        && chars.get(j + 1).is_some_and(|d| d.is_ascii_digit());
                    !glued && !matches!(after, Some('%')) && !after.is_some_and(is_han)
                };
                if ch.is_ascii_alphabetic() || joiner || word_digit {
                    i += 1;
                } else {
                    break;
                }
            }
            let run: String = chars[start..i].iter().collect();
            let pieces = self.pieces(&run);
            let rendered = self.render(&pieces, contains, &mut renderings);
            out.push(' ');
            out.push_str(&rendered);
            out.push(' ');
        }
        English {
            text: out,
            renderings,
        }
    }

    /// The run of English words read into pieces, longest phrase first.
    fn pieces(&self, run: &str) -> Vec<Piece> {
        let mut words = english_words(run);
        let mut pieces = Vec::new();
        let mut i = 0;
        while i < words.len() {
            if let Some((n, piece)) = self.phrase_at(&words, i) {
                pieces.push(piece);
                i += n;
                continue;
            }
            let w = words[i].clone();
            let parts: Vec<&str> = w.split('-').collect();
            if parts.len() > 1 && parts.iter().all(|p| !p.is_empty()) {
                // an unknown hyphenated word is read part by part, the hyphen as a range
                // mark (January-November) that joins nothing elsewhere (star-rated)
                let mut spliced: Vec<String> = Vec::new();
                for (k, p) in parts.iter().enumerate() {
                    if k > 0 {
                        spliced.push("-".into());
                    }
                    spliced.push(p.to_string());
                }
                words.splice(i..=i, spliced);
                continue;
            }
            pieces.push(if w == "-" {
                Piece::Range
            } else if is_year(&w) {
                Piece::Keep(format!("{w}{}", self.year_suffix))
            } else {
                Piece::Keep(w)
            });
            i += 1;
        }
        pieces
    }

    /// The longest phrase starting at `words[i]` that the glossary or the dictionary knows
    /// (or a function word), and how many words it takes.
    fn phrase_at(&self, words: &[String], i: usize) -> Option<(usize, Piece)> {
        let longest = self.max_phrase.max(DICTIONARY_WORDS).min(words.len() - i);
        let r = &self.reading;
        for n in (1..=longest).rev() {
            let phrase = &words[i..i + n];
            if phrase.iter().any(|w| w == "-") {
                continue;
            }
            let forms = self.forms(phrase);
            let terms = |slots: Vec<Slot>| {
                Some((
                    n,
                    Piece::Terms {
                        english: phrase.join(" "),
                        slots,
                    },
                ))
            };
            // the glossary's own phrase first
            if let Some(slots) = self.english.get(&forms[0]) {
                return Some(self.piece(n, phrase, slots));
            }
            if let Some(slots) = self.pattern(phrase) {
                return terms(slots);
            }
            if n == 1 && r.range_words.contains(&phrase[0]) {
                return Some((1, Piece::Range));
            }
            if n == 1 && r.function_words.contains(&phrase[0]) {
                return Some((1, Piece::Drop));
            }
            // a dictionary phrase never starts or ends with a function word (`number of`)
            let function = |w: &String| r.function_words.contains(w) || r.range_words.contains(w);
            if n > 1 && (function(&phrase[0]) || function(&phrase[n - 1])) {
                continue;
            }
            // then each form, likeliest first, the glossary before the dictionary: `used`
            // is `use` before it is `us`
            for form in &forms {
                if let Some(slots) = self.english.get(form) {
                    return Some(self.piece(n, phrase, slots));
                }
                let senses = self.senses(form);
                if !senses.is_empty() {
                    return terms(vec![senses]);
                }
            }
        }
        None
    }

    /// The glossary's terms for `phrase` (`n` words) as a piece: none drops it.
    fn piece(&self, n: usize, phrase: &[String], slots: &[Slot]) -> (usize, Piece) {
        if slots.is_empty() {
            return (n, Piece::Drop);
        }
        (
            n,
            Piece::Terms {
                english: phrase.join(" "),
                slots: slots.to_vec(),
            },
        )
    }

    /// The first senses of the dictionary's terms for `key`, less the blacklisted ones.
    fn senses(&self, key: &str) -> Vec<String> {
        let banned = self.blacklist.get(key);
        self.dictionary
            .get(key)
            .into_iter()
            .filter(|t| !banned.is_some_and(|b| b.contains(*t)))
            .take(self.reading.senses)
            .map(str::to_string)
            .collect()
    }

    /// A phrase with a number slot that `phrase` fills: `first eleven months` → `前11个月`.
    fn pattern(&self, phrase: &[String]) -> Option<Vec<Slot>> {
        for (words, slots) in &self.patterns {
            if words.len() != phrase.len() {
                continue;
            }
            let mut number = None;
            let fits = words.iter().zip(phrase).all(|(w, p)| {
                if w == NUMBER_SLOT {
                    number = self.number(p);
                    number.is_some()
                } else {
                    w == p
                }
            });
            if let (true, Some(n)) = (fits, number) {
                let n = n.to_string();
                return Some(
                    slots
                        .iter()
                        .map(|s| s.iter().map(|t| t.replace(NUMBER_SLOT, &n)).collect())
                        .collect(),
                );
            }
        }
        None
    }

    /// The number a word spells: digits, or an English number word of the data.
    fn number(&self, word: &str) -> Option<u32> {
        if !word.is_empty() && word.len() <= 6 && word.chars().all(|c| c.is_ascii_digit()) {
            return word.parse().ok();
        }
        self.reading.numbers.get(word).copied()
    }

    /// A phrase as written, then with its last word's inflection undone (visitors →
    /// visitor, industries → industry, produced → produce, producing → produce, grew → grow).
    fn forms(&self, phrase: &[String]) -> Vec<String> {
        let whole = phrase.join(" ");
        let (head, last) = match whole.rsplit_once(' ') {
            Some((h, l)) => (format!("{h} "), l.to_string()),
            None => (String::new(), whole.clone()),
        };
        let mut out = vec![whole.clone()];
        for stem in self.stems(&last) {
            let form = format!("{head}{stem}");
            if !out.contains(&form) {
                out.push(form);
            }
        }
        out
    }

    /// Base forms `word` may be an inflection of, likeliest first.
    fn stems(&self, word: &str) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(base) = self.reading.forms.get(word) {
            out.push(base.clone());
        }
        if word.len() < 4 || !word.chars().all(|c| c.is_ascii_lowercase()) {
            return out;
        }
        let undoubled = |stem: &str| {
            let b = stem.as_bytes();
            (b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2])
                .then(|| stem[..stem.len() - 1].to_string())
        };
        if let Some(stem) = word.strip_suffix("ies") {
            out.push(format!("{stem}y"));
        }
        if let Some(stem) = word.strip_suffix('s').filter(|s| !s.ends_with('s')) {
            out.push(stem.to_string());
        }
        if let Some(stem) = word.strip_suffix("es") {
            out.push(stem.to_string());
        }
        if let Some(stem) = word.strip_suffix("ied") {
            out.push(format!("{stem}y"));
        }
        for suffix in ["ed", "ing"] {
            if let Some(stem) = word.strip_suffix(suffix).filter(|s| s.len() >= 2) {
                // produced → produce before produc; exported → export; planned → plan
                out.push(format!("{stem}e"));
                out.push(stem.to_string());
                out.extend(undoubled(stem));
            }
        }
        out
    }

    /// The pieces of a run written out: a term for each slot (the first the articles hold),
    /// neighbours the articles hold together written as one word, range ends joined.
    fn render(
        &self,
        pieces: &[Piece],
        contains: &dyn Fn(&str) -> bool,
        renderings: &mut Vec<Rendering>,
    ) -> String {
        struct Chosen<'a> {
            english: &'a str,
            slot: &'a Slot,
            pick: usize,
            /// Written together with the slot before.
            glued: bool,
            /// Next to the slot before in the English (no word between).
            adjacent: bool,
        }
        // 1. one term per slot
        let mut chosen: Vec<Chosen> = Vec::new();
        let mut order: Vec<Result<usize, &Piece>> = Vec::new();
        let mut adjacent = false;
        for piece in pieces {
            match piece {
                Piece::Terms { english, slots } => {
                    for (k, slot) in slots.iter().enumerate() {
                        chosen.push(Chosen {
                            english,
                            slot,
                            pick: 0,
                            glued: false,
                            adjacent: adjacent && k == 0,
                        });
                        order.push(Ok(chosen.len() - 1));
                    }
                    adjacent = true;
                }
                other => {
                    adjacent = false;
                    order.push(Err(other));
                }
            }
        }
        for j in 0..chosen.len() {
            let (before, rest) = chosen.split_at_mut(j);
            let cur = &mut rest[0];
            if cur.adjacent {
                let prev = before.last_mut().expect("an adjacent slot has one before");
                let prev_picks: Vec<usize> = if prev.glued {
                    vec![prev.pick]
                } else {
                    (0..prev.slot.len()).collect()
                };
                let pair = prev_picks.iter().find_map(|&p| {
                    let left = &prev.slot[p];
                    cur.slot
                        .iter()
                        .position(|right| {
                            ends_han(left)
                                && starts_han(right)
                                && contains(&format!("{left}{right}"))
                        })
                        .map(|c| (p, c))
                });
                if let Some((p, c)) = pair {
                    prev.pick = p;
                    cur.pick = c;
                    cur.glued = true;
                    continue;
                }
            }
            if let Some(c) = cur.slot.iter().position(|t| contains(t)) {
                cur.pick = c;
            }
        }
        // 2. written out
        let mut parts: Vec<String> = Vec::new();
        let mut range = false;
        for item in order {
            let (text, glued) = match item {
                Ok(j) => {
                    let c = &chosen[j];
                    let text = c.slot[c.pick].clone();
                    renderings.push(Rendering {
                        english: c.english.to_string(),
                        chinese: text.clone(),
                        // only those the articles hold can stand for it there
                        others: c
                            .slot
                            .iter()
                            .filter(|t| **t != text && contains(t))
                            .cloned()
                            .collect(),
                    });
                    (text, c.glued)
                }
                Err(Piece::Keep(w)) => (w.clone(), false),
                Err(Piece::Range) => {
                    range = true;
                    continue;
                }
                Err(_) => {
                    range = false;
                    continue;
                }
            };
            let numeric = |s: &str| s.starts_with(|c: char| c.is_ascii_digit());
            match parts.last_mut() {
                Some(last) if range && numeric(last) && numeric(&text) => {
                    last.push_str(&self.reading.range_join);
                    last.push_str(&text);
                }
                Some(last) if glued => last.push_str(&text),
                _ => parts.push(text),
            }
            range = false;
        }
        parts.join(" ")
    }
}

fn is_year(w: &str) -> bool {
    w.len() == 4
        && w.chars().all(|c| c.is_ascii_digit())
        && (w.starts_with("19") || w.starts_with("20"))
}

fn starts_han(s: &str) -> bool {
    s.chars().next().is_some_and(is_han)
}

fn ends_han(s: &str) -> bool {
    s.chars().last().is_some_and(is_han)
}

/// Lower-case English words of `s`, with possessive `'s` removed.
fn english_words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '\'' || c == '-' || c == '#'))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.trim_matches('\'').trim_matches('-');
            let w = w.strip_suffix("'s").unwrap_or(w);
            w.to_ascii_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
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
