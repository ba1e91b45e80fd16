//! A figure's weight for each char of its sentence, stored compactly.
//!
//! The weights take a handful of values (0, 0.35, 0.5, 0.7, 0.8, 0.9, 1.0: see
//! `figures::context`), all multiples of 1/20, so a snapshot stores one byte per char and
//! reads back exactly the same `f32`s.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Steps per unit of weight in storage.
const STEPS: f32 = 20.0;

/// Per-char weights of one figure.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CharWeights(Vec<f32>);

impl From<Vec<f32>> for CharWeights {
    fn from(w: Vec<f32>) -> CharWeights {
        CharWeights(w)
    }
}

impl std::ops::Deref for CharWeights {
    type Target = [f32];
    fn deref(&self) -> &[f32] {
        &self.0
    }
}

impl Serialize for CharWeights {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let bytes: Vec<u8> = self
            .0
            .iter()
            .map(|w| (w * STEPS).round().clamp(0.0, 255.0) as u8)
            .collect();
        serde_bytes_like(&bytes, s)
    }
}

impl<'de> Deserialize<'de> for CharWeights {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<CharWeights, D::Error> {
        let bytes: Vec<u8> = Deserialize::deserialize(d)?;
        Ok(CharWeights(
            bytes.into_iter().map(|b| b as f32 / STEPS).collect(),
        ))
    }
}

fn serde_bytes_like<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
    bytes.serialize(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::context::{CLAUSE, INHERITED, ITEM, OWN, SENTENCE, SENTENCE_LEFT, SHARED};

    #[test]
    fn every_weight_level_comes_back_exactly() {
        let levels = vec![
            0.0,
            SENTENCE,
            SENTENCE_LEFT,
            CLAUSE,
            SHARED,
            ITEM,
            OWN,
            INHERITED,
        ];
        let w = CharWeights::from(levels.clone());
        let bytes = postcard::to_allocvec(&w).unwrap();
        assert_eq!(bytes.len(), 1 + levels.len(), "one byte a char");
        let back: CharWeights = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(&back[..], &levels[..]);
    }
}
