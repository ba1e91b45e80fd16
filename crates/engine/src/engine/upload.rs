//! Articles added and removed while the engine runs (an admin sends a file to the bot).
//!
//! An upload is checked before anything touches the data folder: a text file (`.txt` or
//! `.md`), UTF-8, at most [`MAX_UPLOAD`] bytes, not empty, with at least one sentence that
//! states a figure. It is then written under a temporary name and renamed into place, so a
//! crash never leaves half an article, and the engine is refreshed.

use std::path::{Path, PathBuf};

use super::Engine;
use crate::article::ArticleInfo;
use crate::article::ArticleKey;
use crate::article::{Meta, SourceFile};
use crate::corpus::ParsedArticle;
use crate::figures::is_quantity;

/// The largest article accepted, in bytes.
pub const MAX_UPLOAD: usize = 1 << 20;

/// An article sent to the engine.
#[derive(Debug, Clone, Default)]
pub struct Upload {
    /// The file name it came with (`report.txt`).
    pub file_name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// Its title, when given (else its first line).
    pub title: Option<String>,
    /// Its publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// The year its 今年 means.
    pub reference_year: Option<i32>,
}

/// Why an upload or a removal was refused. Nothing was written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UploadError {
    /// The engine reads the built-in article, not a data folder.
    #[error("factbot runs on its built-in article: start it with a data folder (--data) to add articles")]
    NoDataFolder,
    /// Not a `.txt` or `.md` file.
    #[error("{0} is not a .txt or .md file; send the article as plain text")]
    NotText(String),
    /// Larger than [`MAX_UPLOAD`].
    #[error("the file has {0} bytes; articles of at most 1 MB are accepted")]
    TooLarge(usize),
    /// Not UTF-8.
    #[error("the file is not UTF-8 text; save it as UTF-8 and send it again")]
    NotUtf8,
    /// Nothing in it.
    #[error("the file is empty")]
    Empty,
    /// No sentence states a figure.
    #[error("no sentence of the file states a figure; factbot answers with figures only")]
    NoFigures,
    /// No article with this key.
    #[error("there is no such article (it may have been removed already)")]
    Unknown,
    /// The only article left: without one, factbot cannot start.
    #[error("that is the only article; add another before removing it")]
    LastArticle,
    /// The data folder cannot be written.
    #[error("cannot write to the data folder: {0}")]
    Io(String),
}

/// What an added article holds.
#[derive(Debug, Clone, PartialEq)]
pub struct UploadReport {
    /// Title, date and file.
    pub article: ArticleInfo,
    /// Whether it replaced an article of the same file name.
    pub replaced: bool,
    /// Paragraphs read.
    pub paragraphs: usize,
    /// Figures found.
    pub figures: usize,
    /// Places it is about.
    pub places: Vec<String>,
    /// Three questions it can answer.
    pub examples: Vec<String>,
}

impl Engine {
    /// Check an article, write it into the data folder, and make it answerable.
    pub fn add_article(&self, up: Upload) -> Result<UploadReport, UploadError> {
        let dir = self
            .data_dir()
            .ok_or(UploadError::NoDataFolder)?
            .to_path_buf();
        let (name, ext) = file_name(&up.file_name)?;
        if up.bytes.len() > MAX_UPLOAD {
            return Err(UploadError::TooLarge(up.bytes.len()));
        }
        let text = String::from_utf8(up.bytes).map_err(|_| UploadError::NotUtf8)?;
        let text = text.trim_start_matches('\u{feff}').to_string();
        if text.trim().is_empty() {
            return Err(UploadError::Empty);
        }
        let meta = Meta {
            title: up.title,
            published: up.published,
            reference_year: up.reference_year,
            ..Meta::default()
        };
        let path = dir.join(format!("{name}.{ext}"));
        let parsed = self.check_upload(&name, &path, &text, &meta)?;
        let replaced = path.exists();
        write_atomically(&dir, &path, &meta, &text).map_err(|e| UploadError::Io(e.to_string()))?;
        self.refresh().map_err(|e| UploadError::Io(e.to_string()))?;
        Ok(UploadReport {
            article: parsed.info(),
            replaced,
            paragraphs: parsed.article.paragraphs.len(),
            figures: parsed.figures.len(),
            places: parsed.places.clone(),
            examples: self.with_view(|v| super::facts::examples_of(v, &parsed, 3)),
        })
    }

    /// Delete an article (and its sidecar) from the data folder, and from the engine.
    pub fn remove_article(&self, key: ArticleKey) -> Result<ArticleInfo, UploadError> {
        let dir = self
            .data_dir()
            .ok_or(UploadError::NoDataFolder)?
            .to_path_buf();
        let entry = self
            .current()
            .archive
            .entry(key)
            .cloned()
            .ok_or(UploadError::Unknown)?;
        if self.current().archive.entries().len() <= 1 {
            return Err(UploadError::LastArticle);
        }
        let path = dir.join(&entry.file);
        std::fs::remove_file(&path).map_err(|e| UploadError::Io(e.to_string()))?;
        let _ = std::fs::remove_file(path.with_extension("toml"));
        self.refresh().map_err(|e| UploadError::Io(e.to_string()))?;
        Ok(entry.info())
    }

    /// Parse an upload as the archive would, without writing anything.
    fn check_upload(
        &self,
        name: &str,
        path: &Path,
        text: &str,
        meta: &Meta,
    ) -> Result<ParsedArticle, UploadError> {
        let src = SourceFile {
            name: name.to_string(),
            path: path.to_path_buf(),
            text: text.to_string(),
            meta: meta.clone(),
            meta_text: String::new(),
        };
        let sh = &self.shared;
        let parsed = ParsedArticle::parse(&src, &sh.lex, &sh.seg, super::open::current_year());
        let figures = parsed.figures.iter().any(|f| {
            is_quantity(
                &sh.lex,
                f.number.kind,
                f.number.unit.as_deref(),
                f.number.value,
            )
        });
        if !figures {
            return Err(UploadError::NoFigures);
        }
        Ok(parsed)
    }
}

/// A safe file stem and extension from an uploaded name: letters, digits, Han, `-` and `_`
/// only; `.txt` or `.md`.
fn file_name(uploaded: &str) -> Result<(String, String), UploadError> {
    let base = Path::new(uploaded)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (stem, ext) = base.rsplit_once('.').unwrap_or((base.as_str(), ""));
    let ext = ext.to_ascii_lowercase();
    if ext != "txt" && ext != "md" {
        return Err(UploadError::NotText(base.clone()));
    }
    let stem: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect::<String>()
        .trim_matches('-')
        .chars()
        .take(80)
        .collect();
    let stem = if stem.is_empty() || stem.eq_ignore_ascii_case("readme") {
        format!("article-{}", std::process::id())
    } else {
        stem
    };
    Ok((stem, ext))
}

/// Write the sidecar (when there is metadata) and the text under hidden temporary names,
/// then rename them into place: the text last, so the article appears whole.
fn write_atomically(dir: &Path, path: &Path, meta: &Meta, text: &str) -> std::io::Result<()> {
    let tmp = |p: &Path| -> PathBuf {
        dir.join(format!(
            ".{}.tmp",
            p.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        ))
    };
    let sidecar = path.with_extension("toml");
    let has_meta =
        meta.title.is_some() || meta.published.is_some() || meta.reference_year.is_some();
    if has_meta {
        let toml = toml::to_string(meta).map_err(std::io::Error::other)?;
        std::fs::write(tmp(&sidecar), toml)?;
        std::fs::rename(tmp(&sidecar), &sidecar)?;
    }
    std::fs::write(tmp(path), text)?;
    std::fs::rename(tmp(path), path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploaded_names_become_safe_file_names() {
        assert_eq!(
            file_name("青岛 外贸.txt").unwrap(),
            ("青岛-外贸".into(), "txt".into())
        );
        assert_eq!(
            file_name("../../etc/passwd.md").unwrap(),
            ("passwd".into(), "md".into())
        );
        assert_eq!(file_name("report.TXT").unwrap().1, "txt");
        assert_eq!(
            file_name("photo.jpg"),
            Err(UploadError::NotText("photo.jpg".into()))
        );
        assert!(matches!(file_name("noext"), Err(UploadError::NotText(_))));
    }

    #[test]
    fn the_last_article_is_never_removed() {
        let (_dir, engine) = crate::engine::tests::engine_of(&[
            ("a", "甲市报告\n\n甲市出口增长5%。\n"),
            ("b", "乙市报告\n\n乙市出口增长7%。\n"),
        ]);
        let key = |file: &str| {
            let list = engine.sources();
            list.iter()
                .find(|s| s.article.file == file)
                .unwrap()
                .article
                .key
        };
        let b = key("b.txt");
        assert_eq!(engine.remove_article(b).unwrap().file, "b.txt");
        assert_eq!(engine.remove_article(b), Err(UploadError::Unknown));
        let a = key("a.txt");
        assert_eq!(engine.remove_article(a), Err(UploadError::LastArticle));
        assert_eq!(engine.sources().len(), 1);
    }
}
