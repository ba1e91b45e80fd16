//! What a question, a claim or a key-figure listing reads, in one bundle: the word lists,
//! the segmenter, one version of the archive, its search index and the parsed articles.
//! The engine makes one per request; the steps after the archive (question, ranking,
//! answer, check) take it and never reach for the engine that made it.

use std::sync::Arc;

use super::{Archive, Articles};
use crate::article::ArticleKey;
use crate::corpus::ParsedArticle;
use crate::index::IndexSearcher;
use crate::knowledge::{Glossary, Lexicon};
use crate::text::Segmenter;

/// One request's view of the archive and everything needed to read it.
pub(crate) struct Lookup<'a> {
    pub lex: &'a Lexicon,
    pub glossary: &'a Glossary,
    pub seg: &'a Segmenter,
    pub archive: &'a Archive,
    pub searcher: &'a IndexSearcher,
    /// Where parsed articles come from (the engine's cache and snapshots).
    pub articles: &'a dyn Articles,
}

impl Lookup<'_> {
    /// The parsed article with this key, if the archive holds it.
    pub(crate) fn article(&self, key: ArticleKey) -> Option<Arc<ParsedArticle>> {
        self.articles.article(key)
    }
}
