//! What can stop the engine from starting or updating, each error saying what to do about
//! it. A leaf: every step may use it, it uses none.

use std::path::{Path, PathBuf};

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
    #[error("cannot read {path}: {error}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The system's error (in the message, not a source: it is said once).
        error: std::io::Error,
    },
    /// A file of the index could not be written (a full disk, a size limit, no permission).
    #[error("cannot write {path}: {error}. Nothing half-written is used: free space on that disk (or point --index / FACTBOT_INDEX at a folder on another one) and start again")]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// The system's error (in the message, not a source: it is said once).
        error: std::io::Error,
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
    pub(crate) fn io(path: &Path, error: std::io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            error,
        }
    }

    pub(crate) fn write(path: &Path, error: std::io::Error) -> Error {
        Error::Write {
            path: path.to_path_buf(),
            error,
        }
    }
}

/// The engine's result type.
pub type Result<T> = std::result::Result<T, Error>;
