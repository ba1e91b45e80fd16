//! The factbot engine: reads news articles and answers questions about them with the exact
//! figures and the verbatim sentence they come from, and fact-checks claims figure by figure.
//!
//! The folders follow the data flow; each step imports only the steps before it
//! (`tests/layers.rs` checks this):
//!
//! ```text
//! text       normalising, segmenting, cutting sentences
//! knowledge  the word lists (data/lexicon.toml, data/glossary.toml) and the English dictionary
//! article    a file and its sidecar → typed paragraphs; article keys and paragraph references
//! figures    a sentence → its figures: numerals, units, qualifiers, periods, what each measures
//! corpus     an article → its sentences and figures, parsed once
//! index      the tantivy index of sentences and figures
//! archive    every article of the data folder, kept on disk, synced as files change
//! question   a question → the asked kind, unit, period, places and terms
//! ranking    candidates → scored figures, the asked one first
//! answer     scored figures → quoted excerpts; several figures → a computed line
//! check      a claim → a verdict per figure
//! engine     the public API: open, ask, check, facts, paragraphs, sources, uploads
//! ```
//!
//! [`Engine`] is all a frontend needs: it hands back plain data ([`Response`],
//! [`CheckResult`], [`Fact`] …) and never its insides. The engine draws nothing and knows
//! no frontend; a build tells its progress through [`Options::progress`].
//!
//! # Example
//!
//! ```
//! use factbot_engine::{Engine, Options, Status, Verdict};
//!
//! // the article built into the engine; its index goes to a folder of our own
//! let index = std::env::temp_dir().join(format!("factbot-doc-{}", std::process::id()));
//! let engine = Engine::open(&Options::new(None, index.clone()))?;
//!
//! let r = engine.ask("青岛对欧盟出口增长了多少");
//! assert_eq!(r.status, Status::Answered);
//! let first = &r.answers[0];
//! assert_eq!(first.figures[0].text, "17.4%");
//! assert!(first.excerpt.contains("对欧盟、东盟、美国出口分别增长17.4%"));
//!
//! let c = engine.check("青岛对欧盟出口增长了17.4%");
//! assert_eq!(c.verdict, Verdict::Supported);
//! let wrong = engine.check("青岛对欧盟出口增长了10.4%");
//! assert_eq!(wrong.verdict, Verdict::Contradicted);
//! # drop(engine);
//! # let _ = std::fs::remove_dir_all(index);
//! # Ok::<(), factbot_engine::Error>(())
//! ```

#![warn(missing_docs, unreachable_pub)]

mod answer;
mod archive;
mod article;
mod check;
mod corpus;
mod engine;
mod error;
mod figures;
mod index;
mod knowledge;
mod question;
mod ranking;
pub mod synthetic;
mod text;

pub use answer::{Answer, AnswerFigure, Computed, Op, Response, Status, MAX_ANSWERS, MAX_EXCERPT};
pub use archive::OnProgress;
pub use article::{ArticleInfo, ArticleKey, ParagraphRef};
pub use check::{CheckResult, CheckedFigure, Verdict};
pub use engine::{Engine, Options, Stats, Upload, UploadError, UploadReport, Watcher, MAX_UPLOAD};
pub use engine::{Fact, ParagraphText, SourceInfo};
pub use error::{Error, Result};
pub use figures::FigureInfo;
pub use figures::{DateValue, Kind, Qualifier, Scope, ScopeKind, Sense};
pub use question::MAX_QUESTION_CHARS;
pub use text::sentences::split_sentences;
