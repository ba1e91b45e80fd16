//! Articles sent to the bot as documents, by admins in a private chat.
//!
//! Everything that can be checked before the download is: who sent it (a non-admin is
//! thanked and refused, nothing is fetched), whether there is a data folder, the file's name
//! (`.txt` or `.md`), its size as Telegram gives it (at most [`MAX_UPLOAD`]) and the caption
//! (see `caption.rs`). Then the file is fetched (getFile and the file download, read up to
//! [`MAX_UPLOAD`] bytes within [`DOWNLOAD_TIME`]) and handed to the engine on the engine
//! pool, which checks the text, writes it atomically into the data folder and refreshes.
//! The reply says what the engine found, with three questions to tap; a refusal says why,
//! and the data folder is left as it was.

use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::StreamExt;
use teloxide::net::Download;
use teloxide::requests::Request;
use teloxide::types::{FileId, Message};

use crate::address::lang_of;
use crate::admin::caption;
use crate::render::keyboards;
use crate::render::{self, Block};
use crate::send::Api;
use crate::send::{describe, Outbox, Target, ANSWER_USEFUL};
use crate::state::BotState;
use crate::state::HandlerResult;
use factbot_conversation::{fill, Lang};
use factbot_engine::{Upload, UploadError, UploadReport, MAX_UPLOAD};

/// How long a download may take.
pub const DOWNLOAD_TIME: Duration = Duration::from_secs(60);

/// Telegram's placeholder when it gives no size.
const UNKNOWN_SIZE: u32 = u32::MAX;

/// Why an upload was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The sender is no admin.
    NotAdmin,
    /// The caption has a value that cannot be read.
    Caption(String),
    /// Telegram would not hand the file over.
    Download,
    /// The file (or the engine) says no.
    Upload(UploadError),
    /// The engine failed (a panic, caught).
    Failed,
}

/// What to say for a refusal.
pub fn refusal_text(r: &Refusal, lang: Lang) -> String {
    let t = lang.texts();
    match r {
        Refusal::NotAdmin => t.upload_not_admin.into(),
        Refusal::Caption(value) => fill(t.upload_bad_caption, &[("value", value)]),
        Refusal::Download => t.upload_download_failed.into(),
        Refusal::Upload(e) => upload_error_text(e, lang),
        Refusal::Failed => t.error_generic.into(),
    }
}

/// What to say for an engine's refusal of an upload or a removal.
pub fn upload_error_text(e: &UploadError, lang: Lang) -> String {
    let t = lang.texts();
    match e {
        UploadError::NoDataFolder => t.archive_read_only.into(),
        UploadError::NotText(file) => fill(t.upload_not_text, &[("file", file)]),
        UploadError::TooLarge(n) => fill(
            t.upload_too_large,
            &[("size", &size_text(*n)), ("max", &size_text(MAX_UPLOAD))],
        ),
        UploadError::NotUtf8 => t.upload_not_utf8.into(),
        UploadError::Empty => t.upload_empty.into(),
        UploadError::NoFigures => t.upload_no_figures.into(),
        UploadError::Unknown => t.remove_gone.into(),
        UploadError::LastArticle => t.remove_last.into(),
        UploadError::Io(_) => t.upload_io.into(),
    }
}

/// A size for people: `900 B`, `12 KB`, `1 MB`, `2.5 MB`.
pub fn size_text(bytes: usize) -> String {
    const KB: usize = 1 << 10;
    const MB: usize = 1 << 20;
    if bytes >= MB {
        let tenths = (bytes * 10).div_ceil(MB);
        if tenths.is_multiple_of(10) {
            format!("{} MB", tenths / 10)
        } else {
            format!("{}.{} MB", tenths / 10, tenths % 10)
        }
    } else if bytes >= KB {
        format!("{} KB", bytes.div_ceil(KB))
    } else {
        format!("{bytes} B")
    }
}

/// Is this the name of a text file the engine reads?
fn is_text_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".txt") || lower.ends_with(".md")
}

/// A document in a private chat.
pub async fn on_document<R>(bot: R, msg: Message, state: Arc<BotState>) -> HandlerResult
where
    R: Api + Download<StreamErr = reqwest::Error>,
    R: Clone + Send + Sync + 'static,
{
    let out = state.outbox(bot.clone());
    let lang = lang_of(msg.from.as_ref());
    let deadline = Instant::now() + ANSWER_USEFUL;
    let target = Target::reply_to(&msg);
    match add(&bot, &out, &state, &msg, deadline).await {
        Ok(report) => {
            let (pieces, markup) = report_message(&report, lang);
            out.pieces(target, &pieces, markup, deadline).await;
        }
        Err(refusal) => {
            let user = msg.from.as_ref().map_or(0, |u| u.id.0);
            tracing::info!(user, ?refusal, "an upload was refused");
            out.text(target, &refusal_text(&refusal, lang), deadline)
                .await;
        }
    }
    Ok(())
}

/// Check, fetch and add the document of `msg`.
async fn add<R>(
    bot: &R,
    out: &Outbox<R>,
    state: &Arc<BotState>,
    msg: &Message,
    deadline: Instant,
) -> Result<UploadReport, Refusal>
where
    R: Api + Download<StreamErr = reqwest::Error>,
    R: Clone + Send + Sync + 'static,
{
    let Some(doc) = msg.document() else {
        return Err(Refusal::Download);
    };
    if !state.is_admin(msg.from.as_ref()) {
        return Err(Refusal::NotAdmin);
    }
    if state.engine.data_dir().is_none() {
        return Err(Refusal::Upload(UploadError::NoDataFolder));
    }
    let name = doc.file_name.clone().unwrap_or_default();
    if !is_text_name(&name) {
        return Err(Refusal::Upload(UploadError::NotText(name)));
    }
    let size = doc.file.size;
    if size != UNKNOWN_SIZE && size as usize > MAX_UPLOAD {
        return Err(Refusal::Upload(UploadError::TooLarge(size as usize)));
    }
    if size == 0 {
        return Err(Refusal::Upload(UploadError::Empty));
    }
    let caption = caption::parse(msg.caption().unwrap_or_default())
        .map_err(|caption::Unreadable(value)| Refusal::Caption(value))?;
    let bytes = fetch(bot, out, doc.file.id.clone(), deadline).await?;
    let upload = Upload {
        file_name: name.clone(),
        bytes,
        title: caption.title,
        published: caption.published,
        reference_year: caption.reference_year,
    };
    let engine = state.engine.clone();
    let added = state
        .pool
        .run(move || engine.add_article(upload))
        .await
        .map_err(|_| Refusal::Failed)?;
    match added {
        Ok(report) => {
            tracing::info!(
                user = msg.from.as_ref().map_or(0, |u| u.id.0),
                file = %report.article.file,
                paragraphs = report.paragraphs,
                figures = report.figures,
                replaced = report.replaced,
                "an admin added an article"
            );
            Ok(report)
        }
        Err(UploadError::Io(e)) => {
            tracing::error!(file = %name, error = %e, "an upload could not be written");
            Err(Refusal::Upload(UploadError::Io(e)))
        }
        Err(e) => Err(Refusal::Upload(e)),
    }
}

/// The file's bytes: getFile, then the download, at most [`MAX_UPLOAD`] bytes and
/// [`DOWNLOAD_TIME`].
async fn fetch<R>(
    bot: &R,
    out: &Outbox<R>,
    id: FileId,
    deadline: Instant,
) -> Result<Vec<u8>, Refusal>
where
    R: Api + Download<StreamErr = reqwest::Error>,
    R: Clone + Send + Sync + 'static,
{
    let file = out
        .attempt("getFile", deadline, || bot.get_file(id.clone()).send())
        .await
        .map_err(|e| {
            tracing::warn!(error = %describe(&e), "getFile failed");
            Refusal::Download
        })?;
    if file.size != UNKNOWN_SIZE && file.size as usize > MAX_UPLOAD {
        return Err(Refusal::Upload(UploadError::TooLarge(file.size as usize)));
    }
    let mut stream = Box::pin(bot.download_file_stream(&file.path));
    let mut bytes: Vec<u8> = Vec::new();
    let read = async {
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|e| {
                tracing::warn!(error = %download_error(&e), "the download failed");
                Refusal::Download
            })?;
            if bytes.len() + chunk.len() > MAX_UPLOAD {
                return Err(Refusal::Upload(UploadError::TooLarge(
                    bytes.len() + chunk.len(),
                )));
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(())
    };
    match tokio::time::timeout(DOWNLOAD_TIME, read).await {
        Ok(Ok(())) => Ok(bytes),
        Ok(Err(refusal)) => Err(refusal),
        Err(_) => {
            tracing::warn!("the download took too long");
            Err(Refusal::Download)
        }
    }
}

/// A download error in words, without its URL (it holds the token).
fn download_error(e: &reqwest::Error) -> String {
    if let Some(status) = e.status() {
        format!("HTTP {status}")
    } else if e.is_timeout() {
        "timed out".into()
    } else if e.is_connect() {
        "could not connect".into()
    } else {
        "transfer failed".into()
    }
}

/// What an added article holds, and its example questions as buttons.
pub fn report_message(
    r: &UploadReport,
    lang: Lang,
) -> (Vec<String>, Option<teloxide::types::InlineKeyboardMarkup>) {
    let t = lang.texts();
    let head = if r.replaced {
        t.upload_replaced
    } else {
        t.upload_added
    };
    let mut blocks = vec![Block::bold(fill(head, &[("title", &r.article.title)]))];
    let mut lines: Vec<String> = Vec::new();
    if let Some(date) = &r.article.published {
        lines.push(format!("{}{date}", t.date_label));
    }
    lines.push(format!("{}{}", t.file_label, r.article.file));
    lines.push(fill(
        t.article_counts,
        &[
            ("paragraphs", &r.paragraphs.to_string()),
            ("figures", &r.figures.to_string()),
        ],
    ));
    if !r.places.is_empty() {
        let places = r.places.join(t.list_separator);
        lines.push(fill(t.upload_places, &[("places", &places)]));
    }
    blocks.push(Block::plain(lines.join("\n")));
    if !r.examples.is_empty() {
        blocks.push(Block::plain(t.upload_examples));
    }
    (
        render::pack(&blocks, render::MAX_MESSAGE),
        keyboards::questions(&r.examples),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_for_people() {
        assert_eq!(size_text(900), "900 B");
        assert_eq!(size_text(12 * 1024 - 5), "12 KB");
        assert_eq!(size_text(MAX_UPLOAD), "1 MB");
        assert_eq!(size_text(MAX_UPLOAD + 1), "1.1 MB");
        assert_eq!(size_text(5 << 19), "2.5 MB");
    }

    #[test]
    fn every_refusal_has_a_text_in_both_languages() {
        let all = [
            Refusal::NotAdmin,
            Refusal::Caption("x".into()),
            Refusal::Download,
            Refusal::Failed,
            Refusal::Upload(UploadError::NoDataFolder),
            Refusal::Upload(UploadError::NotText("a.pdf".into())),
            Refusal::Upload(UploadError::TooLarge(2 << 20)),
            Refusal::Upload(UploadError::NotUtf8),
            Refusal::Upload(UploadError::Empty),
            Refusal::Upload(UploadError::NoFigures),
            Refusal::Upload(UploadError::Unknown),
            Refusal::Upload(UploadError::Io("disk full".into())),
        ];
        for lang in [Lang::Zh, Lang::En] {
            for r in &all {
                let text = refusal_text(r, lang);
                assert!(!text.is_empty() && !text.contains('{'), "{text}");
            }
        }
        assert!(
            refusal_text(&Refusal::Upload(UploadError::TooLarge(2 << 20)), Lang::En)
                .contains("2 MB")
        );
        assert!(is_text_name("Report.TXT") && is_text_name("a.md") && !is_text_name("a.pdf"));
    }
}
