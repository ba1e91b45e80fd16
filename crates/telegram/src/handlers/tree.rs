//! The handler tree, read top to bottom:
//!
//! 1. [`guard::contained`]: everything below runs in a task of its own; a panic is answered
//!    with an apology and stops nothing else.
//! 2. The per-user rate limit: a user past it hears so once, and their updates stop here.
//! 3. Messages: private chats (commands, then loose `/…`, then questions, then anything
//!    else), then groups (commands, loose `/…`, then questions addressed to the bot).
//! 4. Channel posts, button presses, inline queries.
//!
//! The engine and the bot's state come in by dependency injection (`Arc<BotState>`, the
//! requester `R`, and `Me`). The tree is generic over the [`Requester`], so the bot runs
//! with the throttled requester or, for load tests, a plain one. Telegram sends only the
//! update kinds in [`ALLOWED_UPDATES`]. In private chats a document is an article sent to
//! be added (`upload.rs`: admins only, others are refused politely).

use std::sync::Arc;
use std::time::{Duration, Instant};

use teloxide::dispatching::{UpdateFilterExt, UpdateHandler};
use teloxide::net::Download;
use teloxide::prelude::*;
use teloxide::types::{AllowedUpdate, InlineQueryResult, Me, UpdateKind};

use crate::address::command::Command;
use crate::address::{addressed, lang_of};
use crate::admin::upload;
use crate::gate::ratelimit::Verdict;
use crate::handlers::buttons;
use crate::handlers::chat;
use crate::handlers::commands;
use crate::handlers::guard;
use crate::handlers::inline;
use crate::send::Api;
use crate::send::{Target, ANSWER_USEFUL, QUERY_USEFUL};
use crate::state::BotState;
use crate::state::HandlerError;
use crate::state::HandlerResult;
use factbot_conversation::fill;

/// The update kinds the bot asks Telegram for.
pub const ALLOWED_UPDATES: [AllowedUpdate; 4] = [
    AllowedUpdate::Message,
    AllowedUpdate::ChannelPost,
    AllowedUpdate::CallbackQuery,
    AllowedUpdate::InlineQuery,
];

/// What an inline query costs against the rate limit (one keystroke is not a question).
const INLINE_COST: f64 = 0.25;

/// The handler tree.
pub fn schema<R>() -> UpdateHandler<HandlerError>
where
    R: Api + Download<StreamErr = reqwest::Error>,
    R: Clone + Send + Sync + 'static,
{
    guard::contained::<R>()
        .branch(dptree::filter_map(over_limit).endpoint(limited::<R>))
        .branch(
            Update::filter_message()
                .inspect(|msg: Message, state: Arc<BotState>| state.book.heard_from(msg.chat.id))
                .branch(private::<R>())
                .branch(group::<R>()),
        )
        .branch(Update::filter_channel_post().endpoint(chat::on_channel_post::<R>))
        .branch(Update::filter_callback_query().endpoint(buttons::on_press::<R>))
        .branch(Update::filter_inline_query().endpoint(inline::on_query::<R>))
}

fn starts_with_slash(msg: Message) -> bool {
    msg.text().is_some_and(|t| t.trim_start().starts_with('/'))
}

/// Private chats: every message is for the bot; a document is an article to add.
fn private<R>() -> UpdateHandler<HandlerError>
where
    R: Api + Download<StreamErr = reqwest::Error>,
    R: Clone + Send + Sync + 'static,
{
    dptree::filter(|msg: Message| msg.chat.is_private())
        .branch(teloxide::filter_command::<Command, _>().endpoint(commands::run::<R>))
        .branch(dptree::filter(starts_with_slash).endpoint(chat::on_slash::<R>))
        .branch(
            dptree::filter(|msg: Message| msg.text().is_some())
                .endpoint(chat::on_private_text::<R>),
        )
        .branch(
            dptree::filter(|msg: Message| msg.document().is_some())
                .endpoint(upload::on_document::<R>),
        )
        .endpoint(chat::on_non_text::<R>)
}

/// Groups and supergroups: only what is addressed to the bot.
fn group<R>() -> UpdateHandler<HandlerError>
where
    R: Api,
{
    dptree::filter(|msg: Message| msg.chat.is_group() || msg.chat.is_supergroup())
        .branch(teloxide::filter_command::<Command, _>().endpoint(commands::run::<R>))
        .branch(dptree::filter(starts_with_slash).endpoint(chat::on_slash::<R>))
        .branch(
            dptree::filter(|msg: Message, me: Me| addressed(&msg, &me))
                .endpoint(chat::on_group_question::<R>),
        )
}

/// An update past its user's rate limit: how long until the next question, and whether to
/// say so in a message (the first time).
#[derive(Debug, Clone, Copy)]
pub struct Limited {
    wait: Duration,
    tell: bool,
}

/// Is this update over its user's limit? (Takes from the user's bucket when it is not.)
/// Only what the bot would answer counts: not a group chat's talk among people.
fn over_limit(upd: Update, me: Me, state: Arc<BotState>) -> Option<Limited> {
    // only a message carries the notice; a press shows it anyway, an inline query cannot
    let (user, cost, tell) = match &upd.kind {
        UpdateKind::Message(m) if m.chat.is_private() || addressed(m, &me) => {
            (m.from.as_ref()?.id, 1.0, true)
        }
        UpdateKind::CallbackQuery(q) => (q.from.id, 1.0, false),
        UpdateKind::InlineQuery(q) => (q.from.id, INLINE_COST, false),
        _ => return None,
    };
    let Verdict::Over { wait, tell } = state.limiter.take(user.0, cost, tell) else {
        return None;
    };
    state.metrics.drop_update("rate_limited");
    Some(Limited { wait, tell })
}

/// Past the limit: one polite message; button presses are still answered (with the same
/// notice), inline queries get no results.
async fn limited<R>(bot: R, upd: Update, limit: Limited, state: Arc<BotState>) -> HandlerResult
where
    R: Api,
{
    let out = state.outbox(bot);
    let lang = lang_of(upd.from());
    let wait = limit.wait.as_secs().max(1);
    let text = fill(lang.texts().rate_limited, &[("seconds", &wait.to_string())]);
    match &upd.kind {
        UpdateKind::Message(m) if limit.tell => {
            tracing::info!(id = upd.id.0, "a user is over the rate limit; told once");
            out.text(Target::reply_to(m), &text, Instant::now() + ANSWER_USEFUL)
                .await;
        }
        UpdateKind::CallbackQuery(q) => {
            out.answer_callback(&q.id, Some(&text), Instant::now() + QUERY_USEFUL)
                .await
        }
        UpdateKind::InlineQuery(q) => {
            let none: Vec<InlineQueryResult> = Vec::new();
            out.answer_inline(&q.id, none, String::new(), Instant::now() + QUERY_USEFUL)
                .await
        }
        _ => {}
    }
    Ok(())
}
