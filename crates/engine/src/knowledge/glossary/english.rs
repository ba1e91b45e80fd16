//! English put into Chinese: an English run of a question is cut into the longest phrases
//! the glossary's `[english]` table or the dictionary knows, inflections undone, function
//! words dropped, and each phrase rendered as the term the articles hold.

use super::{Glossary, Slot, DICTIONARY_WORDS, NUMBER_SLOT};
use crate::text::is_han;

impl Glossary {
    /// Rewrite the English words of normalised `text` into Chinese terms, taking the first
    /// of several candidates. See [`Glossary::translate_english_keeping`].
    #[cfg(test)]
    pub(crate) fn translate_english(&self, text: &str) -> String {
        self.translate_english_in(text, &|_| false).text
    }

    /// [`Glossary::translate_english_keeping`] with no name to keep.
    #[cfg(test)]
    pub(crate) fn translate_english_in(
        &self,
        text: &str,
        contains: &dyn Fn(&str) -> bool,
    ) -> English {
        self.translate_english_keeping(text, contains, &[])
    }

    /// Rewrite the English words of normalised `text` into Chinese terms (longest phrase
    /// first, the glossary's table before the dictionary, inflected endings tried, function
    /// words dropped), keeping everything else. Of several candidates, the first that
    /// `contains` (the articles hold it) is taken, else the first; two neighbours the
    /// articles hold together are written together (新能源 + 汽车). A four-digit year becomes
    /// `2023年` so the time analysis reads it, and a range of months or years is written as
    /// one (`January to November` → `1月至11月`). Words neither knows stay as they are: an
    /// article may contain them (GDP, TEU); so do `names` (lower case): a Chinese
    /// question's capitalised Latin words name something (Apple Macintosh), they are no
    /// English to put into Chinese.
    pub(crate) fn translate_english_keeping(
        &self,
        text: &str,
        contains: &dyn Fn(&str) -> bool,
        names: &[String],
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
            i = run_end(&chars, i);
            let run: String = chars[start..i].iter().collect();
            // letters glued to digits make a code (5A级, 5G工厂, S213线, B2联赛): kept whole
            let glued_before = start > 0 && chars[start - 1].is_ascii_digit();
            if glued_before || chars.get(i).is_some_and(char::is_ascii_digit) {
                out.push_str(&run);
                continue;
            }
            let rendered = if self.keeps_as_written(&run, names) {
                run
            } else {
                self.render(&self.pieces(&run), contains, &mut renderings)
            };
            out.push(' ');
            out.push_str(&rendered);
            out.push(' ');
        }
        English {
            text: out,
            renderings,
        }
    }

    /// Is this run of Latin words a name, kept as written? One of `names`, or a code or a
    /// designation (WASP-331b, HAT-P-2b, F-16) the glossary does not translate.
    fn keeps_as_written(&self, run: &str, names: &[String]) -> bool {
        let named = !names.is_empty() && english_words(run).iter().all(|w| names.contains(w));
        named || (is_code(run) && !self.english.contains_key(&run.to_lowercase()))
    }

    /// The run of English words read into pieces, longest phrase first.
    pub(super) fn pieces(&self, run: &str) -> Vec<Piece> {
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
    pub(super) fn phrase_at(&self, words: &[String], i: usize) -> Option<(usize, Piece)> {
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
    pub(super) fn piece(&self, n: usize, phrase: &[String], slots: &[Slot]) -> (usize, Piece) {
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
    pub(super) fn senses(&self, key: &str) -> Vec<String> {
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
    pub(super) fn pattern(&self, phrase: &[String]) -> Option<Vec<Slot>> {
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
    pub(super) fn number(&self, word: &str) -> Option<u32> {
        if !word.is_empty() && word.len() <= 6 && word.chars().all(|c| c.is_ascii_digit()) {
            return word.parse().ok();
        }
        self.reading.numbers.get(word).copied()
    }

    /// A phrase as written, then with its last word's inflection undone (visitors →
    /// visitor, industries → industry, produced → produce, producing → produce, grew → grow).
    pub(super) fn forms(&self, phrase: &[String]) -> Vec<String> {
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
    pub(super) fn stems(&self, word: &str) -> Vec<String> {
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
    pub(super) fn render(
        &self,
        pieces: &[Piece],
        contains: &dyn Fn(&str) -> bool,
        renderings: &mut Vec<Rendering>,
    ) -> String {
        let (mut chosen, order) = slots_of(pieces);
        pick_terms(&mut chosen, contains);
        self.write_out(&order, &chosen, contains, renderings)
    }

    /// The chosen terms and the other pieces in reading order, one string per word.
    fn write_out(
        &self,
        order: &[Result<usize, &Piece>],
        chosen: &[Chosen],
        contains: &dyn Fn(&str) -> bool,
        renderings: &mut Vec<Rendering>,
    ) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut range = false;
        for item in order {
            let (text, glued) = match item {
                Ok(j) => {
                    let c = &chosen[*j];
                    renderings.push(c.rendering(contains));
                    (c.slot[c.pick].clone(), c.glued)
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
pub(super) enum Piece {
    /// Chinese terms for `english`; each slot is one term, with its alternatives.
    Terms { english: String, slots: Vec<Slot> },
    /// A word between the two ends of a range (`to`, `-`).
    Range,
    /// A function word, or a phrase the glossary maps to nothing.
    Drop,
    /// Kept as it is (an unknown word, a number; a year with its suffix).
    Keep(String),
}

pub(super) fn is_year(w: &str) -> bool {
    w.len() == 4
        && w.chars().all(|c| c.is_ascii_digit())
        && (w.starts_with("19") || w.starts_with("20"))
}

pub(super) fn starts_han(s: &str) -> bool {
    s.chars().next().is_some_and(is_han)
}

pub(super) fn ends_han(s: &str) -> bool {
    s.chars().last().is_some_and(is_han)
}

/// Lower-case English words of `s`, with possessive `'s` removed.
pub(super) fn english_words(s: &str) -> Vec<String> {
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

/// One slot of an English phrase and the term chosen for it.
struct Chosen<'a> {
    english: &'a str,
    slot: &'a Slot,
    pick: usize,
    /// Written together with the slot before.
    glued: bool,
    /// Next to the slot before in the English (no word between).
    adjacent: bool,
}

impl Chosen<'_> {
    /// What the slot became, with the other terms the articles hold for it (the same word
    /// to a reader; only those the articles hold can stand for it there).
    fn rendering(&self, contains: &dyn Fn(&str) -> bool) -> Rendering {
        let text = &self.slot[self.pick];
        Rendering {
            english: self.english.to_string(),
            chinese: text.clone(),
            others: self
                .slot
                .iter()
                .filter(|t| *t != text && contains(t))
                .cloned()
                .collect(),
        }
    }
}

/// Every slot of the pieces with its first term, and the reading order: `Ok(slot)` or the
/// piece that is not a term.
fn slots_of(pieces: &[Piece]) -> (Vec<Chosen<'_>>, Vec<Result<usize, &Piece>>) {
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
    (chosen, order)
}

/// One term per slot: a pair of neighbours the articles hold written together (glued),
/// else the first term the articles hold, else the first.
fn pick_terms(chosen: &mut [Chosen], contains: &dyn Fn(&str) -> bool) {
    for j in 0..chosen.len() {
        let (before, rest) = chosen.split_at_mut(j);
        let cur = &mut rest[0];
        if cur.adjacent {
            let prev = before.last_mut().expect("an adjacent slot has one before");
            if let Some((p, c)) = glued_pair(prev, cur, contains) {
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
}

/// Terms of two neighbouring slots that the articles hold written as one word.
fn glued_pair(
    prev: &Chosen,
    cur: &Chosen,
    contains: &dyn Fn(&str) -> bool,
) -> Option<(usize, usize)> {
    let prev_picks: Vec<usize> = if prev.glued {
        vec![prev.pick]
    } else {
        (0..prev.slot.len()).collect()
    };
    prev_picks.iter().find_map(|&p| {
        let left = &prev.slot[p];
        cur.slot
            .iter()
            .position(|right| {
                ends_han(left) && starts_han(right) && contains(&format!("{left}{right}"))
            })
            .map(|c| (p, c))
    })
}

/// A run of one word that mixes letters and digits (WASP-331b, F-16, 747-4B5): a name or a
/// designation, not English to translate.
fn is_code(run: &str) -> bool {
    !run.contains(' ')
        && run.chars().any(|c| c.is_ascii_alphabetic())
        && run.chars().any(|c| c.is_ascii_digit())
}

/// Where the run of English words starting at `i` ends: words joined by spaces, hyphens or
/// apostrophes, and digits that make a word (Fortune 500, G20), not a quantity (4.6%,
/// 3,561.8).
fn run_end(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() {
        let ch = chars[i];
        let joiner = matches!(ch, ' ' | '-' | '\'')
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_alphanumeric());
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
    i
}
