//! The archive in the chat: `/articles` lists the articles loaded (newest first, paged with
//! ◀ ▶ edited in place), and `/remove` lets an admin take one out: a list of buttons (or
//! `/remove FILE`), a question with 删除 / 取消, then the removal. Buttons name articles by
//! their stable key, so a list made before a restart, or by another replica, still works;
//! a button for an article that is gone says so.
//!
//! Engine work (the list of sources, the removal) runs on the engine pool.

use std::sync::Arc;
use std::time::Instant;

use teloxide::types::{InlineKeyboardMarkup, Message, User};

use crate::render::keyboards;
use crate::render::{self, Block};
use crate::send::Api;
use crate::send::{Outbox, Target, ANSWER_USEFUL};
use crate::state::BotState;
use factbot_conversation::{fill, Lang};
use factbot_engine::{ArticleInfo, ArticleKey, SourceInfo, UploadError};

/// Articles per page of `/articles`.
pub const ARTICLES_PAGE: usize = 10;
/// Articles per page of the `/remove` list.
pub const REMOVE_PAGE: usize = 8;
/// Longest title shown, in chars (so that a page always fits one message).
const TITLE_CHARS: usize = 120;

/// A message to send or to put in place of the pressed one.
pub type Shown = (String, Option<InlineKeyboardMarkup>);

/// One page of a list of articles.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// 0-based page shown (clamped to the last).
    pub page: usize,
    /// Number of pages (at least 1).
    pub pages: usize,
    /// Articles in all.
    pub count: usize,
    /// The position of the page's first article in the whole list (0-based).
    pub first: usize,
    /// The page's articles.
    pub items: Vec<SourceInfo>,
}

/// Page `page` of `list`, `per` a page.
pub fn page_of(list: Vec<SourceInfo>, page: usize, per: usize) -> Page {
    let count = list.len();
    let pages = count.div_ceil(per).max(1);
    let page = page.min(pages - 1);
    let first = page * per;
    Page {
        page,
        pages,
        count,
        first,
        items: list.into_iter().skip(first).take(per).collect(),
    }
}

fn short(title: &str) -> String {
    let mut s: String = title.chars().take(TITLE_CHARS).collect();
    if title.chars().count() > TITLE_CHARS {
        s.push('…');
    }
    s
}

/// One message: the first piece (every page fits one by construction).
fn one(blocks: &[Block]) -> String {
    render::pack(blocks, render::MAX_MESSAGE)
        .into_iter()
        .next()
        .unwrap_or_default()
}

/// A page of `/articles`: title, date and figure count of each article.
pub fn articles_message(p: &Page, lang: Lang) -> Shown {
    let t = lang.texts();
    let (page, pages) = ((p.page + 1).to_string(), p.pages.to_string());
    let mut blocks = vec![Block::bold(fill(
        t.articles_title,
        &[
            ("count", &p.count.to_string()),
            ("page", &page),
            ("pages", &pages),
        ],
    ))];
    for (i, s) in p.items.iter().enumerate() {
        blocks.push(Block::line(vec![
            Block::plain(format!("{}. ", p.first + i + 1)),
            Block::bold(short(&s.article.title)),
        ]));
        let date = s.article.published.as_deref().unwrap_or(t.undated);
        blocks.push(Block::plain(fill(
            t.articles_line,
            &[("date", date), ("figures", &s.figures.to_string())],
        )));
    }
    (one(&blocks), keyboards::articles(p.page, p.pages))
}

/// A page of the `/remove` list: the articles as buttons.
pub fn remove_list_message(p: &Page, lang: Lang) -> Shown {
    let t = lang.texts();
    let (page, pages) = ((p.page + 1).to_string(), p.pages.to_string());
    let text = fill(t.remove_choose, &[("page", &page), ("pages", &pages)]);
    (
        one(&[Block::plain(text)]),
        Some(keyboards::remove_list(&p.items, p.page, p.pages)),
    )
}

/// Remove this article? With 删除 / 取消.
pub fn confirm_message(a: &ArticleInfo, lang: Lang) -> Shown {
    let t = lang.texts();
    let text = fill(
        t.remove_confirm,
        &[("title", &short(&a.title)), ("file", &a.file)],
    );
    (
        one(&[Block::plain(text)]),
        Some(keyboards::confirm_removal(a.key, lang)),
    )
}

fn plain(text: impl Into<String>) -> Shown {
    (one(&[Block::plain(text)]), None)
}

/// The article `/remove NAME` means: its file name (with or without the extension, in any
/// case), else its exact title.
pub fn find<'a>(list: &'a [SourceInfo], name: &str) -> Option<&'a SourceInfo> {
    let name = name.trim();
    let stem = |f: &str| f.rsplit_once('.').map_or(f, |(s, _)| s).to_lowercase();
    let lower = name.to_lowercase();
    list.iter()
        .find(|s| s.article.file.to_lowercase() == lower)
        .or_else(|| list.iter().find(|s| stem(&s.article.file) == lower))
        .or_else(|| list.iter().find(|s| s.article.title.trim() == name))
}

fn deadline() -> Instant {
    Instant::now() + ANSWER_USEFUL
}

/// Run `make` on the engine pool and send what it shows, replying to `msg`.
async fn send<R>(
    out: &Outbox<R>,
    state: &Arc<BotState>,
    msg: &Message,
    lang: Lang,
    make: impl FnOnce(&BotState) -> Shown + Send + 'static,
) where
    R: Api,
{
    let worker = state.clone();
    let target = Target::reply_to(msg);
    match state.pool.run(move || make(&worker)).await {
        Ok((html, markup)) => {
            out.pieces(target, &[html], markup, deadline()).await;
        }
        Err(_) => {
            out.text(target, lang.texts().error_generic, deadline())
                .await;
        }
    }
}

/// Run `make` on the engine pool and put what it shows in place of the pressed message.
async fn edit<R>(
    out: &Outbox<R>,
    state: &Arc<BotState>,
    msg: &Message,
    lang: Lang,
    make: impl FnOnce(&BotState) -> Shown + Send + 'static,
) where
    R: Api,
{
    let worker = state.clone();
    match state.pool.run(move || make(&worker)).await {
        Ok((html, markup)) => {
            out.edit(msg.chat.id, msg.id, &html, markup, deadline())
                .await
        }
        Err(_) => {
            out.text(
                Target::reply_to(msg),
                lang.texts().error_generic,
                deadline(),
            )
            .await;
        }
    }
}

/// `/articles`: the first page.
pub async fn articles<R>(out: &Outbox<R>, state: &Arc<BotState>, msg: &Message, lang: Lang)
where
    R: Api,
{
    send(out, state, msg, lang, move |s| {
        articles_message(&page_of(s.engine.sources(), 0, ARTICLES_PAGE), lang)
    })
    .await;
}

/// ◀ ▶ under `/articles`: the page, edited in place.
pub async fn turn_articles<R>(
    out: &Outbox<R>,
    state: &Arc<BotState>,
    msg: &Message,
    page: usize,
    lang: Lang,
) where
    R: Api,
{
    edit(out, state, msg, lang, move |s| {
        articles_message(&page_of(s.engine.sources(), page, ARTICLES_PAGE), lang)
    })
    .await;
}

/// `/remove [NAME]` from an admin: the list to choose from, or the question for NAME.
pub async fn remove<R>(
    out: &Outbox<R>,
    state: &Arc<BotState>,
    msg: &Message,
    name: String,
    lang: Lang,
) where
    R: Api,
{
    if state.engine.data_dir().is_none() {
        let text = lang.texts().archive_read_only;
        out.text(Target::reply_to(msg), text, deadline()).await;
        return;
    }
    send(out, state, msg, lang, move |s| {
        let list = s.engine.sources();
        if name.trim().is_empty() {
            return remove_list_message(&page_of(list, 0, REMOVE_PAGE), lang);
        }
        match find(&list, &name) {
            Some(_) if list.len() <= 1 => plain(lang.texts().remove_last),
            Some(found) => confirm_message(&found.article, lang),
            None => {
                let name: String = name.trim().chars().take(TITLE_CHARS).collect();
                plain(fill(lang.texts().remove_unknown, &[("name", &name)]))
            }
        }
    })
    .await;
}

/// ◀ ▶ under the `/remove` list.
pub async fn turn_remove_list<R>(
    out: &Outbox<R>,
    state: &Arc<BotState>,
    msg: &Message,
    page: usize,
    lang: Lang,
) where
    R: Api,
{
    edit(out, state, msg, lang, move |s| {
        remove_list_message(&page_of(s.engine.sources(), page, REMOVE_PAGE), lang)
    })
    .await;
}

/// An article chosen from the list: the question, in place of the list; a new message when
/// the article is gone.
pub async fn ask<R>(
    out: &Outbox<R>,
    state: &Arc<BotState>,
    msg: &Message,
    key: ArticleKey,
    lang: Lang,
) where
    R: Api,
{
    let worker = state.clone();
    let made = state
        .pool
        .run(move || {
            let list = worker.engine.sources();
            match list.iter().find(|s| s.article.key == key) {
                None => None,
                Some(_) if list.len() <= 1 => Some(plain(lang.texts().remove_last)),
                Some(s) => Some(confirm_message(&s.article, lang)),
            }
        })
        .await;
    match made {
        Ok(Some((html, markup))) => {
            out.edit(msg.chat.id, msg.id, &html, markup, deadline())
                .await
        }
        Ok(None) => gone(out, msg, lang).await,
        Err(_) => {
            out.text(
                Target::reply_to(msg),
                lang.texts().error_generic,
                deadline(),
            )
            .await;
        }
    }
}

/// What a confirmed removal came to.
enum Removal {
    Removed(ArticleInfo),
    Gone,
    Last,
    Refused(UploadError),
}

/// 删除 pressed: the article is removed, and the question becomes the notice. A second
/// press (the article is gone) is answered in a message of its own, so the notice stays.
pub async fn confirm<R>(
    out: &Outbox<R>,
    state: &Arc<BotState>,
    msg: &Message,
    key: ArticleKey,
    by: &User,
    lang: Lang,
) where
    R: Api,
{
    let worker = state.clone();
    let made = state
        .pool
        .run(move || {
            let list = worker.engine.sources();
            if !list.iter().any(|s| s.article.key == key) {
                return Removal::Gone;
            }
            if list.len() <= 1 {
                return Removal::Last;
            }
            match worker.engine.remove_article(key) {
                Ok(info) => Removal::Removed(info),
                Err(UploadError::Unknown) => Removal::Gone,
                Err(UploadError::LastArticle) => Removal::Last,
                Err(e) => Removal::Refused(e),
            }
        })
        .await;
    let t = lang.texts();
    let shown = match made {
        Ok(Removal::Removed(a)) => {
            tracing::info!(user = by.id.0, file = %a.file, "an admin removed an article");
            plain(fill(
                t.removed,
                &[("title", &short(&a.title)), ("file", &a.file)],
            ))
        }
        Ok(Removal::Gone) => return gone(out, msg, lang).await,
        Ok(Removal::Last) => plain(t.remove_last),
        Ok(Removal::Refused(UploadError::NoDataFolder)) => plain(t.archive_read_only),
        Ok(Removal::Refused(e)) => {
            tracing::error!(error = %e, "an article could not be removed");
            plain(t.remove_failed)
        }
        Err(_) => plain(t.error_generic),
    };
    out.edit(msg.chat.id, msg.id, &shown.0, shown.1, deadline())
        .await;
}

/// 取消 pressed: the question becomes the notice that nothing was removed.
pub async fn cancel<R>(out: &Outbox<R>, msg: &Message, lang: Lang)
where
    R: Api,
{
    let (html, _) = plain(lang.texts().remove_cancelled);
    out.edit(msg.chat.id, msg.id, &html, None, deadline()).await;
}

async fn gone<R>(out: &Outbox<R>, msg: &Message, lang: Lang)
where
    R: Api,
{
    out.text(Target::reply_to(msg), lang.texts().remove_gone, deadline())
        .await;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(file: &str, title: &str, date: Option<&str>, figures: usize) -> SourceInfo {
        SourceInfo {
            article: ArticleInfo {
                title: title.into(),
                published: date.map(str::to_string),
                file: file.into(),
                key: ArticleKey::of_file(file),
            },
            source: None,
            reference_year: None,
            paragraphs: 3,
            figures,
        }
    }

    #[test]
    fn pages_of_articles_fit_and_turn() {
        let list: Vec<SourceInfo> = (0..25)
            .map(|i| {
                source(
                    &format!("a{i}.txt"),
                    &"Long title ".repeat(60),
                    Some("2024-07-04"),
                    i,
                )
            })
            .collect();
        let p = page_of(list.clone(), 2, ARTICLES_PAGE);
        assert_eq!(
            (p.page, p.pages, p.count, p.first, p.items.len()),
            (2, 3, 25, 20, 5)
        );
        assert_eq!(page_of(list.clone(), 99, ARTICLES_PAGE).page, 2, "clamped");
        for lang in [Lang::Zh, Lang::En] {
            for page in 0..3 {
                let (html, markup) = articles_message(&page_of(list.clone(), page, 10), lang);
                assert!(html.encode_utf16().count() <= render::MAX_MESSAGE);
                let row = &markup.unwrap().inline_keyboard[0];
                assert_eq!(row.len(), if page == 1 { 2 } else { 1 });
            }
            let (_, markup) = remove_list_message(&page_of(list.clone(), 0, REMOVE_PAGE), lang);
            let rows = markup.unwrap().inline_keyboard;
            assert_eq!(rows.len(), REMOVE_PAGE + 1);
        }
        assert_eq!(page_of(Vec::new(), 0, 10).pages, 1);
    }

    #[test]
    fn remove_finds_by_file_stem_or_title() {
        let list = vec![
            source("qingdao.txt", "Qingdao trade", None, 3),
            source("Notes.md", "Notes", None, 1),
        ];
        assert_eq!(
            find(&list, "qingdao.txt").unwrap().article.file,
            "qingdao.txt"
        );
        assert_eq!(
            find(&list, " QINGDAO ").unwrap().article.file,
            "qingdao.txt"
        );
        assert_eq!(find(&list, "notes.md").unwrap().article.file, "Notes.md");
        assert_eq!(
            find(&list, "Qingdao trade").unwrap().article.file,
            "qingdao.txt"
        );
        assert!(find(&list, "beijing").is_none());
    }
}
