//! Chinese word segmentation with jieba.
//!
//! One [`Segmenter`] is built per engine (loading jieba's dictionary takes a noticeable
//! fraction of a second) and shared by the index analyzer, the figure parser and the
//! question analyser, so all three cut text the same way.

use jieba_rs::Jieba;

/// A word of a segmented text, with char offsets into that text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Word {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// jieba's part-of-speech tag ("n", "ns", "m", "v" …), empty when unknown.
    pub tag: String,
}

impl Word {
    /// The word's class, from its tag.
    pub(crate) fn class(&self) -> WordClass {
        WordClass::of(&self.tag)
    }
}

/// What kind of word jieba took a word for: its part-of-speech tag as a type, so that code
/// asks `class.is_noun()` instead of comparing tag strings. Word lists in the lexicon may
/// still name tags (`filler_tags`, `name_tags`): those are data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordClass {
    /// n, ng, nt, nz …: a common noun or another name.
    Noun,
    /// nr, nrt, nrfg: a person's name.
    Person,
    /// ns: a place name.
    Place,
    /// j: an abbreviation (外贸, 规上).
    Abbreviation,
    /// eng: Latin letters.
    Latin,
    /// x: a word jieba does not know (or a symbol).
    Unknown,
    /// m: a numeral.
    Numeral,
    /// q: a classifier (个, 家).
    Classifier,
    /// t: a time word (今年).
    Time,
    /// f: a direction or position word (以上, 内).
    Direction,
    /// v and its kinds but vn: a verb.
    Verb,
    /// vn: a verb used as a noun (增长 in 出口增长).
    VerbalNoun,
    /// d: an adverb.
    Adverb,
    /// an: an adjective used as a noun.
    AdjectiveNoun,
    /// b: a distinguishing word (大型, 国有).
    Attributive,
    /// i: an idiom.
    Idiom,
    /// l: a set phrase.
    Phrase,
    /// uj, ul: the particles 的 and 了.
    Particle,
    /// Anything else, or no tag.
    Other,
}

impl WordClass {
    /// The class of a jieba tag.
    pub(crate) fn of(tag: &str) -> WordClass {
        match tag {
            "ns" => WordClass::Place,
            t if t.starts_with("nr") => WordClass::Person,
            t if t.starts_with('n') => WordClass::Noun,
            "j" => WordClass::Abbreviation,
            "eng" => WordClass::Latin,
            "x" => WordClass::Unknown,
            "m" => WordClass::Numeral,
            "q" => WordClass::Classifier,
            "t" => WordClass::Time,
            "f" => WordClass::Direction,
            "vn" => WordClass::VerbalNoun,
            t if t.starts_with('v') => WordClass::Verb,
            "d" => WordClass::Adverb,
            "an" => WordClass::AdjectiveNoun,
            "b" => WordClass::Attributive,
            t if t.starts_with('i') => WordClass::Idiom,
            t if t.starts_with('l') => WordClass::Phrase,
            "uj" | "ul" => WordClass::Particle,
            _ => WordClass::Other,
        }
    }

    /// Any noun: a common noun, a person's or a place's name (jieba's n…).
    pub(crate) fn is_noun(self) -> bool {
        matches!(self, WordClass::Noun | WordClass::Person | WordClass::Place)
    }

    /// A word that can name a thing asked about: a noun, an abbreviation, Latin letters or
    /// a word jieba does not know.
    pub(crate) fn is_nounish(self) -> bool {
        self.is_noun()
            || matches!(
                self,
                WordClass::Abbreviation | WordClass::Latin | WordClass::Unknown
            )
    }
}

pub(crate) struct Segmenter {
    jieba: Jieba,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Segmenter")
    }
}

impl Segmenter {
    /// jieba's default dictionary plus `extra` words (glossary terms), so that a term the
    /// glossary knows is always one word.
    pub(crate) fn new<'a>(extra: impl IntoIterator<Item = &'a str>) -> Segmenter {
        let mut jieba = Jieba::new();
        for w in extra {
            if w.chars().count() >= 2 && w.chars().count() <= 12 {
                jieba.add_word(w, None, Some("n"));
            }
        }
        Segmenter { jieba }
    }

    /// How often jieba's dictionary has `word` as a word of its own (0 when it is no word of
    /// the dictionary): common words of the language have thousands.
    pub(crate) fn frequency(&self, word: &str) -> usize {
        if self.jieba.has_word(word) {
            self.jieba.suggest_freq(word).saturating_sub(1)
        } else {
            0
        }
    }

    /// Words of normalised text in accurate mode, with part-of-speech tags.
    pub(crate) fn words(&self, text: &str) -> Vec<Word> {
        self.jieba
            .tag(text, true)
            .into_iter()
            .map(|t| Word {
                text: t.word.to_string(),
                start: t.start,
                end: t.end,
                tag: t.tag.to_string(),
            })
            .collect()
    }

    /// Words of normalised text in search mode: every word plus the dictionary words inside
    /// it (中华人民共和国 also gives 中华, 人民, 共和国), for recall.
    pub(crate) fn search_words(&self, text: &str) -> Vec<Word> {
        self.jieba
            .cut_for_search(text, true)
            .into_iter()
            .map(|t| Word {
                text: t.word.to_string(),
                start: t.start,
                end: t.end,
                tag: String::new(),
            })
            .collect()
    }

    /// Accurate-mode words, with long words split into the dictionary words that tile them
    /// exactly (汽车出口 → 汽车 + 出口), each tagged. For finding list items, where the
    /// boundary between an item and the words the items share matters.
    pub(crate) fn fine_words(&self, text: &str) -> Vec<Word> {
        let mut out = Vec::new();
        for w in self.words(text) {
            let n = w.text.chars().count();
            if n < 4 {
                out.push(w);
                continue;
            }
            let subs: Vec<jieba_rs::Token> = self
                .jieba
                .cut_for_search(&w.text, false)
                .into_iter()
                .filter(|t| t.end - t.start >= 2 && t.end - t.start < n)
                .collect();
            // greedy tiling, longest piece first at each position
            let mut tiles: Vec<(usize, usize)> = Vec::new();
            let mut at = 0;
            while at < n {
                match subs.iter().filter(|t| t.start == at).max_by_key(|t| t.end) {
                    Some(t) => {
                        tiles.push((t.start, t.end));
                        at = t.end;
                    }
                    None => break,
                }
            }
            if at != n || tiles.len() < 2 {
                out.push(w);
                continue;
            }
            let chars: Vec<char> = w.text.chars().collect();
            for (a, b) in tiles {
                let text: String = chars[a..b].iter().collect();
                let tag = self
                    .jieba
                    .tag(&text, false)
                    .first()
                    .map(|t| t.tag.to_string())
                    .unwrap_or_default();
                out.push(Word {
                    text,
                    start: w.start + a,
                    end: w.start + b,
                    tag,
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glossary_words_stay_whole() {
        let s = Segmenter::new(["新三样", "综试区"]);
        let words: Vec<String> = s
            .words("新三样产品出口")
            .into_iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(words[0], "新三样");
        let words: Vec<String> = s
            .words("跨境电商综试区")
            .into_iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(words.last().map(String::as_str), Some("综试区"));
        let fine: Vec<String> = s
            .fine_words("汽车出口")
            .into_iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(fine, vec!["汽车", "出口"]);
    }
}
