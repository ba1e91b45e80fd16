//! The buttons under the bot's messages: 更多结果 / 原文段落 / 核对 under an answer, 改为搜索
//! under a fact-check, ◀ ▶ under a page of key figures, example questions under /start.
//! Labels come from the interface texts; the data from [`Callback`].

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use super::callback::Callback;
use crate::conversation::{FactsPage, Intro, Lang, Reply};
use crate::Response;

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
    let turn = |label: &str, to: usize| {
        InlineKeyboardButton::callback(
            label,
            Callback::Facts {
                page: to as u32,
                topic: short_topic.clone(),
            }
            .encode(),
        )
    };
    let mut row = Vec::new();
    if page.page > 0 {
        row.push(turn("◀", page.page - 1));
    }
    if page.page + 1 < page.pages {
        row.push(turn("▶", page.page + 1));
    }
    (!row.is_empty()).then(|| InlineKeyboardMarkup::new(vec![row]))
}

/// The example questions of /start, one per row.
pub fn examples(intro: &Intro) -> Option<InlineKeyboardMarkup> {
    let rows: Vec<Vec<InlineKeyboardButton>> = intro
        .examples
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
