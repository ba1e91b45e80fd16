//! Text utilities shared by every stage: normalisation (full-width, Traditional, case),
//! Chinese word segmentation, and sentence and clause splitting.
//!
//! Owns: how text is compared and cut. Imports nothing of the crate: every other module may
//! use it, it uses none of them.
//!
//! The pipeline never compares raw strings: both the article and the question go through
//! [`normalize`] first, so 青島 matches 青岛 and ２０２３ matches 2023.

mod charset;
mod hash;
mod normalize;
mod segment;
pub(crate) mod sentences;

pub(crate) use charset::CharSet;
pub(crate) use hash::StableHash;
pub(crate) use normalize::{is_han, normalize, normalize_char};
pub(crate) use segment::{Segmenter, Word, WordClass};
