//! Knowledge as data: the word lists that drive parsing and question analysis
//! (`lexicon.toml`), the synonyms and English terms that map a reader's words onto an
//! article's (`glossary.toml`), and the English → Chinese dictionary pruned from CC-CEDICT
//! (`cedict/cedict-en.tsv`, read on the first English question).
//!
//! The files ship in `data/` and are built into the binary; a copy in the data folder
//! replaces the built-in one. Adding a beat (energy, housing) means adding lines there, not
//! code. Nothing here parses text: the other modules read these lists.
//!
//! Owns: the word lists and their file format. May import `text` only.

mod dictionary;
mod glossary;
mod lexicon;
mod words;

pub(crate) use dictionary::{Dictionary, Source as DictionarySource, DICTIONARY_FILE};
pub(crate) use glossary::{Glossary, Rendering, DEFAULT_GLOSSARY};
pub(crate) use lexicon::{Layout, Lexicon, UnitClass, DEFAULT_LEXICON, DURATION, PERCENT};
pub(crate) use words::{match_at, match_before, starts_with_at};
