//! Articles: reading the files of the data folder and recognising the parts of a news text.
//!
//! Data flow: a `.txt`/`.md` file (plus an optional `NAME.toml` sidecar) → [`Article`] with
//! typed [`Paragraph`]s (headline, byline, heading, body, bullet, caption) → sentences
//! (see `text::sentences`). Paragraphs that a page break split mid-sentence are joined here,
//! so every later stage sees whole sentences.
//!
//! Owns: files, sidecars and page layout. May import `text` and `knowledge`; never a
//! later step (figures, corpus, index …). `tests/layers.rs` checks every module's imports.

mod structure;

use serde::{Deserialize, Serialize};

use crate::knowledge::{starts_with_at, Lexicon};
use std::path::{Path, PathBuf};

mod files;
mod key;

pub(crate) use files::{embedded, list_dir, read_listing, Listing, SourceFile, Stamp};
pub use key::{ArticleInfo, ArticleKey, ParagraphRef};
pub(crate) use structure::parse_blocks;

/// What a paragraph is in the layout of a news page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum BlockKind {
    Headline,
    Subtitle,
    Byline,
    Heading,
    Body,
    Bullet,
    Caption,
}

impl BlockKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            BlockKind::Headline => "headline",
            BlockKind::Subtitle => "subtitle",
            BlockKind::Byline => "byline",
            BlockKind::Heading => "heading",
            BlockKind::Body => "body",
            BlockKind::Bullet => "bullet",
            BlockKind::Caption => "caption",
        }
    }
}

/// Metadata from the optional sidecar `NAME.toml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub(crate) struct Meta {
    pub title: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    /// Publication date, `YYYY-MM-DD` (or just `YYYY`).
    pub published: Option<String>,
    /// The year 今年 means in the text; defaults to the publication year.
    pub reference_year: Option<i32>,
    pub language: Option<String>,
    /// Example questions the bot offers on /start.
    #[serde(default)]
    pub examples: Vec<String>,
    /// The places the article is about, besides those its text and title name most.
    #[serde(default)]
    pub places: Vec<String>,
}

/// One paragraph after layout recognition and page-break repair.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Paragraph {
    /// 1-based position among the article's paragraphs, as a reader counts them.
    pub number: usize,
    pub kind: BlockKind,
    /// Verbatim text, markers (`- `, `■`, `□`) removed, split halves joined.
    pub text: String,
    /// Number of the heading this paragraph stands under, if any.
    pub section: Option<usize>,
}

/// An article: its file, metadata and typed paragraphs.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Article {
    /// File stem, e.g. `qingdao-opening-up`.
    pub name: String,
    /// Stable key from the file name.
    pub key: ArticleKey,
    pub path: PathBuf,
    pub meta: Meta,
    pub title: String,
    pub reference_year: i32,
    pub paragraphs: Vec<Paragraph>,
}

impl Article {
    /// Parse an article from its text and metadata. `fallback_year` is used when the sidecar
    /// gives no year and the text has none either.
    pub(crate) fn parse(
        name: &str,
        path: &Path,
        text: &str,
        meta: Meta,
        lex: &Lexicon,
        fallback_year: i32,
    ) -> Article {
        let paragraphs = parse_blocks(text, &lex.layout);
        let title = meta
            .title
            .clone()
            .or_else(|| {
                paragraphs
                    .iter()
                    .find(|p| p.kind == BlockKind::Headline)
                    .map(|p| p.text.clone())
            })
            .unwrap_or_else(|| name.to_string());
        let reference_year = meta
            .reference_year
            .or_else(|| meta.published.as_deref().and_then(year_of))
            .or_else(|| latest_year_in(text, &lex.grammar.year).map(|y| y + 1))
            .unwrap_or(fallback_year);
        let file = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_else(|| name.to_string());
        Article {
            name: name.to_string(),
            key: ArticleKey::of_file(&file),
            path: path.to_path_buf(),
            meta,
            title,
            reference_year,
            paragraphs,
        }
    }

    pub(crate) fn paragraph(&self, number: usize) -> Option<&Paragraph> {
        self.paragraphs.get(number.checked_sub(1)?)
    }

    /// The article's file name in the data folder (`report.txt`).
    pub(crate) fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.name.clone())
    }
}

fn year_of(date: &str) -> Option<i32> {
    date.get(..4)?.parse().ok()
}

/// The latest `YYYY年` in a text: with no metadata, a report that gives 2023 as a full year
/// is most likely written in 2024.
fn latest_year_in(text: &str, year_word: &str) -> Option<i32> {
    let chars: Vec<char> = crate::text::normalize(text).chars().collect();
    let digits = |r: std::ops::Range<usize>| chars[r].iter().all(|c| c.is_ascii_digit());
    (0..chars.len().saturating_sub(4))
        .filter(|&i| i == 0 || !chars[i - 1].is_ascii_digit())
        .filter(|&i| digits(i..i + 4) && starts_with_at(&chars, i + 4, year_word))
        .filter_map(|i| chars[i..i + 4].iter().collect::<String>().parse().ok())
        .filter(|y| (1900..2100).contains(y))
        .max()
}
