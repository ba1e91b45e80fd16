//! Inline mode (`@bot 进出口` in any chat): fact cards for the query, the key figures when
//! it is empty, ten a page. Cards are in the asking user's language, so the answer is
//! personal (Telegram must not show one user's cached cards to another).

use std::sync::Arc;
use std::time::Instant;

use teloxide::types::{
    InlineQuery, InlineQueryResult, InlineQueryResultArticle, InputMessageContent,
    InputMessageContentText, LinkPreviewOptions, ParseMode,
};

use crate::address::lang_of;
use crate::render::{self, MAX_MESSAGE};
use crate::send::Api;
use crate::send::QUERY_USEFUL;
use crate::state::BotState;
use crate::state::HandlerResult;
use factbot_conversation::{Lang, QUESTION_CHARS};
use factbot_engine::Fact;

/// Results per page.
const PAGE: usize = 10;
/// Results at most, over all pages (Telegram allows 50 per answer).
const MAX: usize = 50;

/// Answer an inline query with a page of fact cards.
pub async fn on_query<R>(bot: R, q: InlineQuery, state: Arc<BotState>) -> HandlerResult
where
    R: Api,
{
    let deadline = Instant::now() + QUERY_USEFUL;
    let lang = lang_of(Some(&q.from));
    // Telegram sends at most 256 characters; take no more than a question's worth
    let query: String = q.query.trim().chars().take(QUESTION_CHARS).collect();
    let offset: usize = q.offset.parse().unwrap_or(0).min(MAX);
    let worker = state.clone();
    let page = state
        .pool
        .run(move || {
            let facts = worker.engine.cards(&query, MAX);
            let cards: Vec<InlineQueryResult> = facts
                .iter()
                .skip(offset)
                .take(PAGE)
                .map(|f| InlineQueryResult::Article(card(f, lang)))
                .collect();
            let more = offset + PAGE < facts.len();
            (
                cards,
                if more {
                    (offset + PAGE).to_string()
                } else {
                    String::new()
                },
            )
        })
        .await;
    let (results, next) = page.unwrap_or_default();
    let out = state.outbox(bot);
    out.answer_inline(&q.id, results, next, deadline).await;
    Ok(())
}

/// A fact card: title = the figure and what it measures, description = its sentence, the
/// sent message = the figure, the sentence and its source.
fn card(f: &Fact, lang: Lang) -> InlineQueryResultArticle {
    let title: String = match &f.figure.measure {
        Some(m) => format!("{} · {}", f.figure.text, m),
        None => f.figure.text.clone(),
    }
    .chars()
    .take(80)
    .collect();
    let html = render::pack(&render::fact_blocks(f, lang), MAX_MESSAGE)
        .into_iter()
        .next()
        .unwrap_or_default();
    let description: String = f.sentence.chars().take(120).collect();
    let content = InputMessageContentText::new(html)
        .parse_mode(ParseMode::Html)
        .link_preview_options(LinkPreviewOptions {
            is_disabled: true,
            url: None,
            prefer_small_media: false,
            prefer_large_media: false,
            show_above_text: false,
        });
    InlineQueryResultArticle::new(
        format!("f{}", f.id),
        title,
        InputMessageContent::Text(content),
    )
    .description(description)
}
