//! A text's chars as a 128-bit signature: a text that lacks one of a word's chars cannot
//! hold the word, and two masks tell so without scanning the text.
//!
//! The ranking looks for every form of every question word in every candidate sentence,
//! its heading and the sentence before; most are not there, and the signature rules those
//! out in one instruction. It never rules out a text that holds the word (each char sets
//! one bit, the same in both), so what is found is exactly what a scan finds.

use serde::{Deserialize, Serialize};

/// Which chars a text may hold: one bit per char, by a hash of the char.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct CharSet([u64; 2]);

impl CharSet {
    /// The chars of `text`.
    pub(crate) fn of(text: &[char]) -> CharSet {
        Self::of_iter(text.iter().copied())
    }

    /// The chars of `text`.
    pub(crate) fn of_str(text: &str) -> CharSet {
        Self::of_iter(text.chars())
    }

    fn of_iter(chars: impl Iterator<Item = char>) -> CharSet {
        let mut set = CharSet::default();
        for c in chars {
            let bit = bit(c);
            set.0[bit / 64] |= 1 << (bit % 64);
        }
        set
    }

    /// The chars of both texts.
    pub(crate) fn union(self, other: CharSet) -> CharSet {
        CharSet([self.0[0] | other.0[0], self.0[1] | other.0[1]])
    }

    /// May a text of these chars hold a word of `word`'s chars? `false` is certain; `true`
    /// means a scan must tell.
    pub(crate) fn may_hold(self, word: CharSet) -> bool {
        word.0[0] & !self.0[0] == 0 && word.0[1] & !self.0[1] == 0
    }
}

/// A char's bit: Fibonacci hashing spreads neighbouring code points (the Han block) over
/// all 128 bits.
fn bit(c: char) -> usize {
    ((c as u32).wrapping_mul(0x9E37_79B1) >> 25) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_lacking_a_char_of_the_word_cannot_hold_it() {
        let sentence = CharSet::of_str("2023年青岛进出口总额8760亿元");
        assert!(sentence.may_hold(CharSet::of_str("进出口")));
        assert!(sentence.may_hold(CharSet::of_str("")));
        assert!(!sentence.may_hold(CharSet::of_str("外资")));
    }

    #[test]
    fn every_part_of_a_text_and_of_two_joined_texts_may_be_held() {
        let (a, b): (Vec<char>, Vec<char>) = (
            "外贸进出口增长4.6%".chars().collect(),
            "青島市".chars().collect(),
        );
        let both = CharSet::of(&a).union(CharSet::of(&b));
        for text in [&a, &b] {
            for i in 0..text.len() {
                for j in i..=text.len() {
                    assert!(both.may_hold(CharSet::of(&text[i..j])));
                }
            }
        }
    }

    #[test]
    fn the_bits_spread_over_the_han_block() {
        let bits: std::collections::HashSet<usize> = ('\u{4e00}'..'\u{4e80}').map(bit).collect();
        assert!(bits.len() > 70, "{} distinct bits of 128", bits.len());
    }
}
