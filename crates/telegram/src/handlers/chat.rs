//! Messages in chats: questions in private chats (where a statement of figures is checked
//! instead), questions addressed to the bot in groups, channel posts that ask, non-text
//! messages and commands the bot does not know.

use std::sync::Arc;
use std::time::Instant;

use teloxide::types::{Me, Message};

use crate::address::command::{self, Command};
use crate::address::{lang_of, mentions_me, without_mention};
use crate::handlers::commands;
use crate::handlers::converse::{self, Said};
use crate::send::Api;
use crate::send::{Target, ANSWER_USEFUL};
use crate::state::BotState;
use crate::state::HandlerResult;
use factbot_conversation::{self, Lang, Setting};

fn deadline() -> Instant {
    Instant::now() + ANSWER_USEFUL
}

/// A text in a private chat: every message is for the bot.
pub async fn on_private_text<R>(bot: R, msg: Message, state: Arc<BotState>) -> HandlerResult
where
    R: Api,
{
    let text = msg.text().unwrap_or_default().to_string();
    let out = state.outbox(bot);
    let lang = lang_of(msg.from.as_ref());
    let setting = Setting { direct: true };
    let target = Target::reply_to(&msg);
    converse::reply(
        &out,
        &state,
        target,
        Said::Text(text),
        setting,
        lang,
        deadline(),
    )
    .await;
    Ok(())
}

/// A sticker, photo or voice message in a private chat: a hint.
pub async fn on_non_text<R>(bot: R, msg: Message, state: Arc<BotState>) -> HandlerResult
where
    R: Api,
{
    let lang = lang_of(msg.from.as_ref());
    let example = state.examples.first().map(String::as_str).unwrap_or("");
    let hint = factbot_conversation::fill(lang.texts().non_text, &[("example", example)]);
    let out = state.outbox(bot);
    out.text(Target::reply_to(&msg), &hint, deadline()).await;
    Ok(())
}

/// A text starting with `/` that is no command of the menu as typed: the same command
/// typed loosely, another bot's command (ignored), or an unknown one.
pub async fn on_slash<R>(bot: R, msg: Message, me: Me, state: Arc<BotState>) -> HandlerResult
where
    R: Api,
{
    let text = msg.text().unwrap_or_default();
    if let Some(cmd) = command::lenient(text, &me) {
        return commands::run(bot, msg, cmd, state).await;
    }
    if command::for_another_bot(text, &me) {
        return Ok(());
    }
    let out = state.outbox(bot);
    commands::unknown(&out, &msg, lang_of(msg.from.as_ref()), deadline()).await
}

/// A group message addressed to the bot by a mention or a reply to it.
pub async fn on_group_question<R>(
    bot: R,
    msg: Message,
    me: Me,
    state: Arc<BotState>,
) -> HandlerResult
where
    R: Api,
{
    let question = without_mention(msg.text().unwrap_or_default(), &me);
    let out = state.outbox(bot);
    let lang = lang_of(msg.from.as_ref());
    let target = Target::reply_to(&msg);
    if question.trim().is_empty() {
        out.text(target, lang.texts().empty_mention, deadline())
            .await;
        return Ok(());
    }
    let setting = Setting { direct: false };
    converse::reply(
        &out,
        &state,
        target,
        Said::Text(question),
        setting,
        lang,
        deadline(),
    )
    .await;
    Ok(())
}

/// A channel post: answered when it starts with /ask or mentions the bot.
pub async fn on_channel_post<R>(bot: R, msg: Message, me: Me, state: Arc<BotState>) -> HandlerResult
where
    R: Api,
{
    let Some(text) = msg.text() else {
        return Ok(());
    };
    let question = match command::lenient(text, &me) {
        Some(Command::Ask(q)) if !q.trim().is_empty() => q,
        Some(_) => return Ok(()),
        None if mentions_me(&msg, &me) => without_mention(text, &me),
        None => return Ok(()),
    };
    let out = state.outbox(bot);
    let setting = Setting { direct: false };
    let target = Target::reply_to(&msg);
    converse::reply(
        &out,
        &state,
        target,
        Said::Ask(question),
        setting,
        Lang::Zh,
        deadline(),
    )
    .await;
    Ok(())
}
