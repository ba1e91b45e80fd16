//! factbot answers questions about news articles with the exact figures and the verbatim
//! sentence they come from, and fact-checks claims figure by figure.
//!
//! The data flow, one module per step:
//!
//! ```text
//! data/*.txt ─ article ─▶ paragraphs, sentences ─ figures ─▶ figures with scope and measure
//!            (layout, page-break repair)          (numerals, units, 分别 lists, time)
//!    corpus ─ index ─▶ tantivy (sentences, figures) in index/
//!  question ─ question ─▶ asked kind, unit, period, terms ─ ranking ─▶ scored figures
//!           ─ answer ─▶ quoted excerpts  ·  check ─▶ verdicts  ·  conversation ─▶ replies
//! ```
//!
//! [`Engine`] ties the steps together and is all a frontend needs. The command line
//! (`src/main.rs`, `src/cli/`) and the Telegram bot (`bot`, behind the default `telegram`
//! feature) call only the engine and the [`conversation`] layer; Telegram types live in
//! `bot` alone. Word lists are data: `data/lexicon.toml` and `data/glossary.toml`.
//!
//! # Example
//!
//! ```no_run
//! use factbot::{Engine, Options, Status};
//!
//! let engine = Engine::open(&Options {
//!     data_dir: None, // the article built into the binary
//!     index_dir: std::env::temp_dir().join("factbot-doc-index"),
//! })?;
//! let r = engine.ask("青岛对欧盟出口增长了多少");
//! assert_eq!(r.status, Status::Answered);
//! println!("{} — {}", r.answers[0].figures[0].text, r.answers[0].excerpt);
//! # Ok::<(), factbot::Error>(())
//! ```

#![warn(missing_docs, unreachable_pub)]

mod answer;
mod archive;
mod article;
pub mod check;
pub mod conversation;
mod corpus;
mod engine;
mod figures;
mod index;
mod knowledge;
mod question;
mod ranking;
mod several;
pub mod synthetic;
mod text;
mod views;

#[cfg(feature = "telegram")]
pub mod bot;

use std::path::{Path, PathBuf};

pub use answer::{Answer, AnswerFigure, Computed, Op, Response, Status, MAX_ANSWERS, MAX_EXCERPT};
pub use check::{CheckResult, CheckedFigure, Verdict};
pub use engine::{
    Engine, Options, Stats, Upload, UploadError, UploadReport, Watcher, MAX_QUESTION_CHARS,
    MAX_UPLOAD,
};
pub use figures::{DateValue, Kind, Qualifier, Scope, ScopeKind, Sense};
pub use views::{
    ArticleInfo, ArticleKey, Fact, FigureInfo, ParagraphRef, ParagraphText, SourceInfo,
};

/// Errors that stop the engine from starting; each says what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The data folder is missing or holds no article.
    #[error("no articles to read in {dir}: {why}. Put .txt or .md articles there, or point --data / FACTBOT_DATA at a folder that has them")]
    NoData {
        /// The folder.
        dir: PathBuf,
        /// What is wrong with it.
        why: String,
    },
    /// A file could not be read or written.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
    /// A data file is not what it should be.
    #[error("{path} {message}")]
    Data {
        /// The file.
        path: String,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// The search index cannot be used.
    #[error("index: {0}")]
    Index(String),
}

impl Error {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// The engine's result type.
pub type Result<T> = std::result::Result<T, Error>;
