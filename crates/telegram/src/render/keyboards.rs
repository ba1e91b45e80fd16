//! The buttons under the bot's messages: 更多结果 / 原文段落 / 核对 under an answer, 改为搜索
//! under a fact-check, ◀ ▶ under a page of key figures or of articles, example questions
//! under /start and under an added article, the articles to remove and the confirmation.
//! Labels come from the interface texts; the data from [`Callback`].

use teloxide::types::{InlineKeyboardButton, InlineKeyboardButtonKind, InlineKeyboardMarkup};

use crate::render::callback::Callback;
use factbot_conversation::{FactsPage, Intro, Lang, Reply};
use factbot_engine::{ArticleKey, Response, SourceInfo};

/// Longest label of an article's button, in chars (Telegram cuts long labels anyway).
const LABEL_CHARS: usize = 48;

/// The buttons that go with a reply.
pub fn for_reply(reply: &Reply, lang: Lang) -> Option<InlineKeyboardMarkup> {
    match reply {
        Reply::Answer { response, .. } => answer(response, lang),
        Reply::Check { .. } => Some(InlineKeyboardMarkup::new(vec![vec![
            InlineKeyboardButton::callback(lang.texts().button_search, Callback::Search.encode()),
        ]])),
        Reply::Facts(page) => facts(page),
        _ => None,
    }
}

/// Under an answer: 更多结果 (when there are more), 原文段落, 核对.
fn answer(r: &Response, lang: Lang) -> Option<InlineKeyboardMarkup> {
    let t = lang.texts();
    let first = r.answers.first()?;
    let mut row = Vec::new();
    if r.answers.len() > 1 {
        row.push(InlineKeyboardButton::callback(
            t.button_more,
            Callback::More.encode(),
        ));
    }
    row.push(InlineKeyboardButton::callback(
        t.button_paragraph,
        Callback::Paragraph(first.source).encode(),
    ));
    row.push(InlineKeyboardButton::callback(
        t.button_check,
        Callback::Check.encode(),
    ));
    Some(InlineKeyboardMarkup::new(vec![row]))
}

/// ◀ ▶ under a page of key figures.
pub fn facts(page: &FactsPage) -> Option<InlineKeyboardMarkup> {
    let short_topic: String = page.topic.chars().take(16).collect();
    let to = |p: u32| Callback::Facts {
        page: p,
        topic: short_topic.clone(),
    };
    pager(page.page, page.pages, to).map(|row| InlineKeyboardMarkup::new(vec![row]))
}

/// The example questions of /start, one per row.
pub fn examples(intro: &Intro) -> Option<InlineKeyboardMarkup> {
    questions(&intro.examples)
}

/// Questions as buttons, one per row. A press asks the button's own label (see
/// [`label_of`]), so any list of questions can be offered this way.
pub fn questions(list: &[String]) -> Option<InlineKeyboardMarkup> {
    let rows: Vec<Vec<InlineKeyboardButton>> = list
        .iter()
        .take(u8::MAX as usize)
        .enumerate()
        .map(|(i, q)| {
            vec![InlineKeyboardButton::callback(
                q.clone(),
                Callback::Example(i as u8).encode(),
            )]
        })
        .collect();
    (!rows.is_empty()).then(|| InlineKeyboardMarkup::new(rows))
}

/// The label of the button with callback data `data` in `markup`: what an example button
/// asks, read from the message it was pressed under.
pub fn label_of(markup: Option<&InlineKeyboardMarkup>, data: &str) -> Option<String> {
    markup?
        .inline_keyboard
        .iter()
        .flatten()
        .find(|b| matches!(&b.kind, InlineKeyboardButtonKind::CallbackData(d) if d == data))
        .map(|b| b.text.clone())
}

/// ◀ ▶ for page `page` (0-based) of `pages`, pressing to `to(page)`; `None` for one page.
fn pager(
    page: usize,
    pages: usize,
    to: impl Fn(u32) -> Callback,
) -> Option<Vec<InlineKeyboardButton>> {
    let mut row = Vec::new();
    if page > 0 {
        row.push(InlineKeyboardButton::callback(
            "◀",
            to(page as u32 - 1).encode(),
        ));
    }
    if page + 1 < pages {
        row.push(InlineKeyboardButton::callback(
            "▶",
            to(page as u32 + 1).encode(),
        ));
    }
    (!row.is_empty()).then_some(row)
}

/// ◀ ▶ under a page of /articles.
pub fn articles(page: usize, pages: usize) -> Option<InlineKeyboardMarkup> {
    pager(page, pages, Callback::Articles).map(|row| InlineKeyboardMarkup::new(vec![row]))
}

/// The articles of a page of /remove, one per row, then ◀ ▶.
pub fn remove_list(items: &[SourceInfo], page: usize, pages: usize) -> InlineKeyboardMarkup {
    let mut rows: Vec<Vec<InlineKeyboardButton>> = items
        .iter()
        .map(|s| {
            let mut label: String = s.article.title.chars().take(LABEL_CHARS).collect();
            if let Some(date) = &s.article.published {
                label = format!("{label} · {date}");
            }
            vec![InlineKeyboardButton::callback(
                label,
                Callback::RemoveAsk(s.article.key).encode(),
            )]
        })
        .collect();
    rows.extend(pager(page, pages, Callback::RemoveList));
    InlineKeyboardMarkup::new(rows)
}

/// Remove / cancel under the question whether to remove an article.
pub fn confirm_removal(key: ArticleKey, lang: Lang) -> InlineKeyboardMarkup {
    let t = lang.texts();
    InlineKeyboardMarkup::new(vec![vec![
        InlineKeyboardButton::callback(t.button_remove, Callback::RemoveYes(key).encode()),
        InlineKeyboardButton::callback(t.button_cancel, Callback::RemoveNo.encode()),
    ]])
}
