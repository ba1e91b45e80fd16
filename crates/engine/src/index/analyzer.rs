//! The Chinese analyzer registered with tantivy: normalise (full-width, Traditional, case),
//! then jieba in search mode, punctuation dropped.

use std::sync::Arc;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::text::{normalize, Segmenter};

pub(crate) const ANALYZER: &str = "factbot_zh";
/// The analyzer of the `grams` field: each char and each pair of neighbouring chars.
pub(crate) const GRAMS: &str = "factbot_grams";

#[derive(Clone)]
pub(crate) struct ZhTokenizer {
    seg: Arc<Segmenter>,
}

impl ZhTokenizer {
    pub(crate) fn new(seg: Arc<Segmenter>) -> ZhTokenizer {
        ZhTokenizer { seg }
    }

    /// The terms this analyzer makes of `text` (used to build queries from question words).
    pub(crate) fn terms(&self, text: &str) -> Vec<String> {
        let norm = normalize(text);
        self.seg
            .search_words(&norm)
            .into_iter()
            .filter(|w| w.text.chars().any(|c| c.is_alphanumeric()))
            .map(|w| w.text)
            .collect()
    }
}

pub(crate) struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for ZhTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let norm = normalize(text);
        let offsets: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .collect();
        let tokens = self
            .seg
            .search_words(&norm)
            .into_iter()
            .filter(|w| w.text.chars().any(|c| c.is_alphanumeric()))
            .enumerate()
            .map(|(position, w)| Token {
                offset_from: offsets[w.start.min(offsets.len() - 1)],
                offset_to: offsets[w.end.min(offsets.len() - 1)],
                position,
                text: w.text,
                position_length: 1,
            })
            .collect();
        VecTokenStream { tokens, next: 0 }
    }
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

/// Chars and char pairs of normalised text (letters, digits and Han only): what the
/// `grams` field indexes, and what a string must all have to occur in a sentence.
pub(crate) fn grams(chars: &[char]) -> Vec<String> {
    let ok = |c: &char| c.is_alphanumeric();
    let mut out: Vec<String> = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        if !ok(c) {
            continue;
        }
        out.push(c.to_string());
        if let Some(next) = chars.get(i + 1).filter(|n| ok(n)) {
            out.push(format!("{c}{next}"));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The tokenizer of the `grams` field (text is normalised already).
#[derive(Clone)]
pub(crate) struct GramTokenizer;

impl Tokenizer for GramTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let chars: Vec<char> = text.chars().collect();
        let tokens = grams(&chars)
            .into_iter()
            .enumerate()
            .map(|(position, text)| Token {
                offset_from: 0,
                offset_to: 0,
                position,
                text,
                position_length: 1,
            })
            .collect();
        VecTokenStream { tokens, next: 0 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_and_segments() {
        let mut t = ZhTokenizer::new(Arc::new(Segmenter::new([])));
        let mut stream = t.token_stream("青島進出口，增長４．６％");
        let mut texts = Vec::new();
        while stream.advance() {
            texts.push(stream.token().text.clone());
        }
        assert!(texts.contains(&"青岛".to_string()), "{texts:?}");
        assert!(texts.contains(&"进出口".to_string()), "{texts:?}");
        assert!(!texts.iter().any(|t| t == "，"));
    }
}
