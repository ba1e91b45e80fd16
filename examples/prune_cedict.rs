//! Regenerates `data/cedict/cedict-en.tsv`, the English → Chinese lookup table, from CC-CEDICT.
//!
//! ```text
//! cargo run --release --example prune_cedict -- PATH/cedict_ts.u8 > data/cedict/cedict-en.tsv
//! ```
//!
//! Input: the raw CC-CEDICT file (`cedict_ts.u8`, lines `Traditional Simplified [pin1 yin1]
//! /gloss 1/gloss 2/`), parsed with the `cedict` crate. Output on stdout: one line per English
//! key, `english<TAB>zh1|zh2|…`, sorted by key, at most six Chinese terms, best first.
//!
//! What is kept:
//! - entries whose simplified headword is a word of jieba's built-in dictionary (the segmenter
//!   factbot uses, so every term can also come out of an article's segmentation);
//! - English keys of one to four words, made from the glosses: lower case; parentheticals,
//!   `[pinyin]` references, classifier notes (`CL:…`), cross references (`variant of …`,
//!   `see …`, `abbr. for …`, `used in …`), surnames, literal readings (`lit. …`) and
//!   pinyin-only glosses dropped; a leading `to ` (verbs) and article (`a`, `an`, `the`)
//!   stripped; a final possessive `'s` dropped from each word, as factbot does to questions;
//! - for proper nouns (capitalised pinyin), the name that opens a gloss too: `Hangzhou
//!   subprovincial city and capital of Zhejiang …` gives `hangzhou`;
//! - an acronym in parentheses when it spells the words before it:
//!   `gross domestic product (GDP)` gives `gdp` as well;
//! - a plural key (`exports`) goes under its singular (`export`) when that is a key too and
//!   is what factbot's plural rule (drop a final `es`, else `s`) finds first; a plural that
//!   rule misses gets a line of its own, a copy of its singular's: `companies`, and `rates`
//!   (the rule would stop at `rat`).
//!
//! Order of the Chinese terms for a key: by jieba frequency, where a headword whose only
//! gloss is the key counts twenty times its frequency, and a gloss under a leading label
//! such as `(Tw)`, `(old)` or `(of a ship)`, or a single-character headword (mostly a bound
//! form), a twentieth of it (see `Candidate::score`).
//!
//! Single English function words (`in`, `of`, `how`, …) are left out: CC-CEDICT maps them to
//! particles that would only add noise to a question.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};

use jieba_rs::Jieba;

/// Longest English key, in words.
const MAX_WORDS: usize = 4;
/// Most Chinese terms listed for one key.
const MAX_TERMS: usize = 6;

/// Single-word keys never written: question words and particles.
const STOP_WORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as",
    "at", "be", "been", "before", "being", "both", "but", "by", "can", "could", "did", "do",
    "does", "doing", "each", "either", "else", "even", "ever", "every", "few", "for", "from",
    "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if",
    "in", "into", "is", "it", "its", "just", "may", "me", "might", "mine", "more", "most", "much",
    "must", "my", "neither", "no", "nor", "not", "of", "off", "oh", "on", "once", "one", "only",
    "or", "other", "our", "ours", "out", "over", "own", "same", "shall", "she", "should", "so",
    "some", "such", "than", "that", "the", "their", "theirs", "them", "then", "there", "these",
    "they", "this", "those", "though", "through", "thus", "to", "too", "under", "until", "up",
    "upon", "us", "very", "was", "we", "were", "what", "when", "where", "whether", "which",
    "while", "who", "whom", "whose", "why", "will", "with", "would", "yet", "you", "your", "yours",
];

/// Glosses that are cross references or notes, not meanings (compared in lower case).
const NOTE_PREFIXES: &[&str] = &[
    "cl:",
    "variant of",
    "old variant of",
    "archaic variant of",
    "erhua variant of",
    "japanese variant of",
    "see ",
    "see:",
    "also written",
    "also pr.",
    "also called",
    "also known as",
    "abbr. for",
    "abbr. of",
    "abbr. to",
    "used in",
    "used for",
    "surname ",
    "taiwan pr.",
    "pr. ",
    "classifier for",
    "radical ",
    "kangxi radical",
    "lit. ",
    "component in",
    "old name for",
    "former name",
    "sb's",
    "phonetic ",
];

/// How well a headword's glosses fit a key; lower is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Fit {
    /// The entry's only gloss is the key.
    Only,
    /// The key is one gloss among several.
    Among,
    /// The gloss carries a leading label: `(Tw)`, `(old)`, `(of a ship)`, …
    Labelled,
}

/// One candidate Chinese term for a key.
#[derive(Clone, Debug)]
struct Candidate {
    fit: Fit,
    single_char: bool,
    freq: usize,
}

/// What a better fit is worth, as a factor of jieba frequency (e^3 ≈ 20).
const FIT_STEP: f64 = 3.0;

impl Candidate {
    /// Log jieba frequency, raised for a headword whose only gloss is the key and lowered
    /// for a labelled gloss or a single character, each by a factor of about 20: an exact
    /// fit beats a word twenty times as frequent that has the key among other meanings
    /// (观光客 'tourist' and 游客 'traveler; tourist' stay in frequency order; 连队
    /// 'company (of troops)' does not outrank 公司 'company; firm; corporation').
    fn score(&self) -> f64 {
        let fit = match self.fit {
            Fit::Only => FIT_STEP,
            Fit::Among => 0.0,
            Fit::Labelled => -FIT_STEP,
        };
        let single = if self.single_char { -FIT_STEP } else { 0.0 };
        (self.freq.max(1) as f64).ln() + fit + single
    }
}

fn main() {
    if let Err(e) = run() {
        if e.kind() == io::ErrorKind::BrokenPipe {
            return;
        }
        eprintln!("prune_cedict: {e}");
        std::process::exit(1);
    }
}

fn run() -> io::Result<()> {
    let path = std::env::args_os().nth(1).ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            "usage: prune_cedict PATH/cedict_ts.u8 > data/cedict/cedict-en.tsv",
        )
    })?;
    let file = File::open(&path)
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.to_string_lossy())))?;

    let jieba = Jieba::new();
    let mut freq_cache: HashMap<String, usize> = HashMap::new();
    // key → simplified headword → best candidate
    let mut table: HashMap<String, HashMap<String, Candidate>> = HashMap::new();

    let (mut entries, mut kept, mut bad) = (0usize, 0usize, 0usize);
    let mut date = String::from("unknown");
    for line in BufReader::new(file).lines() {
        let line = line?;
        // `parse_line` splits a `#!` line at `=`, and panics without one
        if cedict::is_metadata(&line) && !line.contains('=') {
            continue;
        }
        let entry = match cedict::parse_line(&line) {
            cedict::Line::Entry(entry) => entry,
            cedict::Line::Metadata(k, v) => {
                if k == "date" {
                    date = v;
                }
                continue;
            }
            cedict::Line::Incorrect => {
                bad += 1;
                continue;
            }
            cedict::Line::Comment(_) | cedict::Line::Empty => continue,
        };
        entries += 1;
        let simp = entry.simplified();
        if !simp.chars().any(is_han) || !jieba.has_word(simp) {
            continue;
        }
        kept += 1;
        let proper = entry.pinyin().starts_with(|c: char| c.is_ascii_uppercase());
        let keys = entry_keys(
            &entry.definitions().collect::<Vec<_>>(),
            proper,
            simp,
            entry.pinyin(),
        );
        if keys.is_empty() {
            continue;
        }
        let freq = *freq_cache
            .entry(simp.to_string())
            .or_insert_with(|| word_freq(&jieba, simp));
        let single_char = simp.chars().count() == 1;
        for (key, fit) in keys {
            let slot = table.entry(key).or_default();
            let c = slot.entry(simp.to_string()).or_insert(Candidate {
                fit,
                single_char,
                freq,
            });
            c.fit = c.fit.min(fit);
        }
    }

    merge_plurals(&mut table);
    add_plural_aliases(&mut table);

    let sorted: BTreeMap<String, HashMap<String, Candidate>> = table.into_iter().collect();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut lines = 0usize;
    for (key, cands) in &sorted {
        let mut cands: Vec<(&String, &Candidate)> = cands.iter().collect();
        cands.sort_by(|(za, a), (zb, b)| b.score().total_cmp(&a.score()).then(za.cmp(zb)));
        let terms: Vec<&str> = cands
            .iter()
            .take(MAX_TERMS)
            .map(|(zh, _)| zh.as_str())
            .collect();
        writeln!(out, "{key}\t{}", terms.join("|"))?;
        lines += 1;
    }
    out.flush()?;
    eprintln!(
        "prune_cedict: CC-CEDICT of {date}: {entries} entries ({bad} unreadable lines), \
         {kept} with a jieba headword, {lines} English keys written"
    );
    Ok(())
}

/// Jieba's frequency for a dictionary word, through its public API. For a word jieba keeps
/// whole (cutting it alone, HMM off, gives the word back: 97% of its dictionary),
/// `suggest_freq` is the word's own count plus one. A word jieba always splits never comes
/// out of running text as one token; it counts 1, so it ranks last.
fn word_freq(jieba: &Jieba, word: &str) -> usize {
    if jieba.cut(word, false).len() == 1 {
        jieba.suggest_freq(word).saturating_sub(1).max(1)
    } else {
        1
    }
}

/// The English keys an entry gives, with how well each fits.
fn entry_keys(
    definitions: &[&str],
    proper: bool,
    simplified: &str,
    pinyin: &str,
) -> Vec<(String, Fit)> {
    // the slash-separated senses split at `;` too (`company; firm; enterprise`), without
    // their parentheticals; cross references and notes left out
    let glosses: Vec<(String, bool, Vec<String>)> = definitions
        .iter()
        .flat_map(|d| d.split(';'))
        .map(str::trim)
        .filter(|g| !g.is_empty() && !is_pinyin_only(g))
        .map(strip_parentheticals)
        .filter(|(text, _, _)| !text.is_empty() && !is_note(text))
        .collect();
    let mut keys: Vec<(String, Fit)> = Vec::new();
    let mut push = |key: String, fit: Fit| {
        if let Some(k) = keys.iter_mut().find(|(k, _)| *k == key) {
            k.1 = k.1.min(fit);
        } else {
            keys.push((key, fit));
        }
    };
    let only = glosses.len() == 1;
    for (text, labelled, acronyms) in glosses {
        let text = without_trailing_han(&text);
        let fit = if labelled {
            Fit::Labelled
        } else if only {
            Fit::Only
        } else {
            Fit::Among
        };
        if let Some(key) = english_key(text) {
            push(key, fit);
        }
        for a in acronyms {
            push(a, fit);
        }
        if proper {
            if let Some(name) = leading_name(text, simplified, pinyin) {
                push(name, fit);
            }
        }
    }
    keys
}

/// A name glossed with its Chinese cross reference, `United Kingdom 聯合王國|联合王国`, without
/// it. Other glosses keep theirs (`the character 人` is no key) and fail later.
fn without_trailing_han(text: &str) -> &str {
    let mut end = text.len();
    while let Some((head, last)) = text[..end].trim_end().rsplit_once(' ') {
        if !last.chars().any(is_han) {
            break;
        }
        end = head.len();
    }
    let head = &text[..end];
    if end < text.len() && head.starts_with(|c: char| c.is_ascii_uppercase()) {
        head.trim_end()
    } else {
        text
    }
}

fn is_note(text: &str) -> bool {
    let lower = text.to_lowercase();
    NOTE_PREFIXES.iter().any(|p| lower.starts_with(p))
}

/// `pa1`, `Hang2 zhou1`: a gloss made only of numbered pinyin syllables.
fn is_pinyin_only(gloss: &str) -> bool {
    let mut any = false;
    for w in gloss.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != ':');
        let Some(last) = w.chars().last() else {
            continue;
        };
        let body = &w[..w.len() - last.len_utf8()];
        if !('1'..='5').contains(&last)
            || body.is_empty()
            || !body
                .chars()
                .all(|c| c.is_ascii_alphabetic() || c == ':' || c == 'ü')
        {
            return false;
        }
        any = true;
    }
    any
}

/// The gloss without `(…)` and `[…]` parts; whether it opened with a label such as `(Tw)`;
/// and the acronyms among its parentheticals (`gross domestic product (GDP)` → `gdp`).
fn strip_parentheticals(gloss: &str) -> (String, bool, Vec<String>) {
    let mut text = String::new();
    let mut inner = String::new();
    let mut depth = 0usize;
    let mut labelled = false;
    let mut acronyms = Vec::new();
    for c in gloss.chars() {
        match c {
            '(' | '[' => {
                if depth == 0 {
                    inner.clear();
                }
                depth += 1;
            }
            ')' | ']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    if text.trim().is_empty() && c == ')' && !inner.trim().is_empty() {
                        labelled = true;
                    }
                    if c == ')' {
                        if let Some(a) = acronym_of(&text, inner.trim()) {
                            acronyms.push(a);
                        }
                    }
                    text.push(' ');
                }
            }
            _ if depth > 0 => inner.push(c),
            _ => text.push(c),
        }
    }
    (
        text.split_whitespace().collect::<Vec<_>>().join(" "),
        labelled,
        acronyms,
    )
}

/// `inner` as a lower-case key when it is an acronym of the words before it.
fn acronym_of(before: &str, inner: &str) -> Option<String> {
    let letters: Vec<char> = inner.chars().collect();
    if !(2..=6).contains(&letters.len())
        || !letters
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        || !letters[0].is_ascii_uppercase()
    {
        return None;
    }
    let wanted: String = letters.iter().filter(|c| c.is_ascii_alphabetic()).collect();
    let words: Vec<&str> = before
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    let initials = |skip_small: bool| -> String {
        words
            .iter()
            .filter(|w| !skip_small || !matches!(*w, &"of" | &"and" | &"the" | &"for" | &"&"))
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_ascii_alphabetic())
            .map(|c| c.to_ascii_uppercase())
            .collect()
    };
    // the acronym spells the initials of the words right before it, with or without the
    // small ones: `National Bureau of Statistics (NBS)`, not `State Council (PRC)`
    let spelled = |s: String| s.ends_with(&wanted);
    (spelled(initials(true)) || spelled(initials(false))).then(|| inner.to_ascii_lowercase())
}

/// A gloss as a key of one to four words, in the form factbot gives a question's words.
fn english_key(text: &str) -> Option<String> {
    let lower = text.trim().trim_end_matches(['.', '!', '?']).to_lowercase();
    let mut s = lower.as_str();
    if let Some(rest) = s.strip_prefix("fig. ") {
        s = rest;
    }
    if let Some(rest) = s.strip_prefix("to ") {
        s = rest;
    }
    for article in ["a ", "an ", "the "] {
        if let Some(rest) = s.strip_prefix(article) {
            s = rest;
            break;
        }
    }
    let mut words: Vec<String> = Vec::new();
    for w in s.split_whitespace() {
        if !w
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '\'' || c == '-')
        {
            return None;
        }
        // placeholders make a pattern, no phrase anyone asks: `to give sb sth`
        if matches!(
            w,
            "sb" | "sb's" | "sth" | "etc" | "oneself" | "one's" | "e.g" | "i.e"
        ) {
            return None;
        }
        // as factbot's `english_words`: outer quotes and hyphens trimmed, `'s` dropped
        let w = w.trim_matches('\'').trim_matches('-');
        let w = w.strip_suffix("'s").unwrap_or(w);
        if w.is_empty() {
            return None;
        }
        words.push(w.to_string());
    }
    if words.is_empty() || words.len() > MAX_WORDS {
        return None;
    }
    if !words
        .iter()
        .any(|w| w.chars().any(|c| c.is_ascii_lowercase()))
    {
        return None; // numbers pass through factbot untranslated
    }
    if words.len() == 1 && (words[0].len() < 2 || STOP_WORDS.contains(&words[0].as_str())) {
        return None;
    }
    Some(words.join(" "))
}

/// The name opening a proper noun's gloss, when the gloss goes on to describe it: its run
/// of capitalised words (small linking words allowed inside), ended by a comma and a
/// lower-case description (`Shandong, province in northeast China` → `shandong`), or by a
/// lower-case word when the name is the headword's own pinyin (`Hangzhou subprovincial city
/// …` → `hangzhou` for 杭州 and 杭州市; `Beijing opera` gives 京剧 no `beijing`).
fn leading_name(text: &str, simplified: &str, pinyin: &str) -> Option<String> {
    let mut name: Vec<&str> = Vec::new();
    let mut pending: Vec<&str> = Vec::new();
    let text = text.strip_prefix("the ").unwrap_or(text); // `the Yuan or Mongol dynasty`
    let mut words = text.split_whitespace();
    let mut comma = false;
    for raw in words.by_ref() {
        let w = raw.trim_end_matches([',', ';', ':', '.']);
        let capital = w.starts_with(|c: char| c.is_ascii_uppercase())
            && w.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '\'' || c == '-');
        if capital {
            name.append(&mut pending);
            name.push(w);
        } else if !name.is_empty() && matches!(w, "of" | "and" | "the" | "de" | "for" | "on") {
            pending.push(w);
        } else {
            comma = w.is_empty() && raw.starts_with(',');
            break;
        }
        if w.len() != raw.len() {
            comma = raw.ends_with(',');
            break;
        }
    }
    if name.is_empty() || name.len() > MAX_WORDS {
        return None;
    }
    // after a comma, a capitalised word makes a list (`China, Japan and Korea`), no name
    let described = comma
        && words
            .next()
            .is_some_and(|w| !w.starts_with(|c: char| c.is_ascii_uppercase()));
    if !described && !spells_headword(&name.join(""), simplified, pinyin) {
        return None;
    }
    english_key(&name.join(" "))
}

/// Whether `name` is the pinyin of the headword, or of all of it but a final 市, 省, 县…
fn spells_headword(name: &str, simplified: &str, pinyin: &str) -> bool {
    let name: String = name
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let syllables: Vec<String> = pinyin
        .split_whitespace()
        .map(|s| {
            s.chars()
                .filter(|c| c.is_ascii_alphabetic())
                .map(|c| c.to_ascii_lowercase())
                .collect()
        })
        .collect();
    let chars: Vec<char> = simplified.chars().collect();
    if name.is_empty() || syllables.len() != chars.len() {
        return false;
    }
    let mut spelled = String::new();
    for (i, s) in syllables.iter().enumerate() {
        spelled.push_str(s);
        if spelled == name {
            return chars[i + 1..]
                .iter()
                .all(|c| "市省县区镇乡村州岛".contains(*c));
        }
        if spelled.len() >= name.len() {
            return false;
        }
    }
    false
}

/// Moves a plural key under its singular when that is a key too and is the one factbot's
/// plural rule reaches first (a final `es` dropped, else a final `s`).
fn merge_plurals(table: &mut HashMap<String, HashMap<String, Candidate>>) {
    let mut moves: Vec<(String, String)> = Vec::new();
    for key in table.keys() {
        let (head, last) = match key.rsplit_once(' ') {
            Some((h, l)) => (format!("{h} "), l),
            None => (String::new(), key.as_str()),
        };
        // factbot tries `es` first: only when that gives a real singular (boxes, taxes,
        // businesses) does the `es` stem count; `uses` must not become `us`
        let ies = last
            .strip_suffix("ies")
            .filter(|s| s.len() >= 2)
            .map(|s| format!("{s}y"));
        let stems = [
            last.strip_suffix("es")
                .filter(|s| s.len() >= 2 && ends_like_es_plural(s))
                .map(str::to_string),
            last.strip_suffix('s')
                .filter(|s| s.len() >= 2 && !s.ends_with('s'))
                .map(str::to_string),
            // `cities` under `city`; `add_plural_aliases` writes it back as a copy
            ies,
        ];
        let es_stem_is_key = last
            .strip_suffix("es")
            .filter(|s| s.len() >= 2)
            .is_some_and(|s| table.contains_key(&format!("{head}{s}")));
        for (i, stem) in stems.iter().enumerate() {
            let Some(stem) = stem else { continue };
            let target = format!("{head}{stem}");
            if !table.contains_key(&target) {
                continue;
            }
            // past the `es` stem, that stem must not be a key: factbot would stop there
            if i >= 1 && es_stem_is_key {
                break;
            }
            // a plural with stronger words of its own has a meaning of its own: `news`
            // (新闻) is no plural of `new`, nor `customs` (海关) of `custom`
            if best_score(&table[key]) >= best_score(&table[&target]) {
                break;
            }
            moves.push((key.clone(), target));
            break;
        }
    }
    // no chains (`buses` → `bus` → `bu`): a key that moves takes in no other
    let sources: std::collections::HashSet<String> = moves.iter().map(|(f, _)| f.clone()).collect();
    moves.retain(|(_, to)| !sources.contains(to));
    for (from, to) in moves {
        if let Some(cands) = table.remove(&from) {
            let slot = table.entry(to).or_default();
            for (zh, c) in cands {
                match slot.get_mut(&zh) {
                    Some(old) => old.fit = old.fit.min(c.fit),
                    None => {
                        slot.insert(zh, c);
                    }
                }
            }
        }
    }
}

/// Plural keys factbot's plural rule cannot reach, as copies of their singular: `companies`
/// (no rule turns `ies` into `y`), and `rates` or `sites` when `rat` or `sit` is a key too
/// (the rule drops `es` first and would stop there).
fn add_plural_aliases(table: &mut HashMap<String, HashMap<String, Candidate>>) {
    let mut aliases: Vec<(String, String)> = Vec::new();
    for key in table.keys() {
        let (head, last) = match key.rsplit_once(' ') {
            Some((h, l)) => (format!("{h} "), l),
            None => (String::new(), key.as_str()),
        };
        let plural = if let Some(stem) = last.strip_suffix('y') {
            let consonant =
                stem.ends_with(|c: char| c.is_ascii_lowercase() && !"aeiou".contains(c));
            (consonant && stem.len() >= 2).then(|| format!("{head}{stem}ies"))
        } else if let Some(stem) = last.strip_suffix('e') {
            (stem.len() >= 2 && table.contains_key(&format!("{head}{stem}")))
                .then(|| format!("{head}{last}s"))
        } else {
            None
        };
        if let Some(plural) = plural {
            if !table.contains_key(&plural) {
                aliases.push((plural, key.clone()));
            }
        }
    }
    aliases.sort();
    for (plural, singular) in aliases {
        if !table.contains_key(&plural) {
            let cands = table[&singular].clone();
            table.insert(plural, cands);
        }
    }
}

fn best_score(cands: &HashMap<String, Candidate>) -> f64 {
    cands
        .values()
        .map(Candidate::score)
        .fold(f64::NEG_INFINITY, f64::max)
}

fn ends_like_es_plural(stem: &str) -> bool {
    ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| stem.ends_with(e))
}

fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x3007)
}
