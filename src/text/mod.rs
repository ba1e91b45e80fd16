//! Text utilities shared by every stage: normalisation (full-width, Traditional, case) and
//! Chinese word segmentation.
//!
//! The pipeline never compares raw strings: both the article and the question go through
//! [`normalize`] first, so 青島 matches 青岛 and ２０２３ matches 2023.

mod normalize;
mod segment;

pub(crate) use normalize::{is_han, normalize, normalize_char};
pub(crate) use segment::{Segmenter, Word};
