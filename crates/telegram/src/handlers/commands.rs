//! What each command does: /start and /help introduce the bot, /ask and /check go to the
//! conversation, /facts, /source and /articles list, /remove and /stats are for admins.
//! Reading a command (the [`Command`] enum, the lenient reading) is [`crate::address`]'s job.

use std::sync::Arc;
use std::time::Instant;

use teloxide::types::Message;

use crate::address::command::Command;
use crate::address::lang_of;
use crate::admin::archive;
use crate::handlers::converse::{self, Said};
use crate::render;
use crate::render::keyboards;
use crate::send::Api;
use crate::send::{Target, ANSWER_USEFUL};
use crate::state::BotState;
use crate::state::HandlerResult;
use factbot_conversation::{self, fill, Lang, Setting, QUESTION_CHARS};

/// A command for this bot, in a private chat or a group.
pub async fn run<R>(bot: R, msg: Message, cmd: Command, state: Arc<BotState>) -> HandlerResult
where
    R: Api,
{
    let out = state.outbox(bot);
    let lang = lang_of(msg.from.as_ref());
    let setting = Setting {
        direct: msg.chat.is_private(),
    };
    let deadline = Instant::now() + ANSWER_USEFUL;
    let said = match cmd {
        Command::Start => return start(&out, &state, &msg, lang, deadline).await,
        Command::Help => return help(&out, &state, &msg, lang, deadline).await,
        Command::Articles => {
            archive::articles(&out, &state, &msg, lang).await;
            return Ok(());
        }
        Command::Remove(name) if state.is_admin(msg.from.as_ref()) => {
            archive::remove(&out, &state, &msg, name, lang).await;
            return Ok(());
        }
        Command::Remove(_) => {
            let t = lang.texts();
            out.text(Target::reply_to(&msg), t.admin_only, deadline)
                .await;
            return Ok(());
        }
        Command::Stats if state.is_admin(msg.from.as_ref()) => {
            out.text(Target::reply_to(&msg), &stats(&state, lang), deadline)
                .await;
            return Ok(());
        }
        Command::Stats => return unknown(&out, &msg, lang, deadline).await,
        Command::Ask(q) => Said::Ask(q),
        Command::Check(c) => Said::Check(c),
        // a topic is a few words; a 100,000-character one would keep the engine busy
        Command::Facts(topic) => Said::Facts(topic.chars().take(QUESTION_CHARS).collect()),
        Command::Source => Said::Source,
    };
    let target = Target::reply_to(&msg);
    converse::reply(&out, &state, target, said, setting, lang, deadline).await;
    Ok(())
}

/// /start: the greeting with the example questions as buttons.
async fn start<R>(
    out: &crate::send::Outbox<R>,
    state: &Arc<BotState>,
    msg: &Message,
    lang: Lang,
    deadline: Instant,
) -> HandlerResult
where
    R: Api,
{
    let worker = state.clone();
    let made = state
        .pool
        .run(move || {
            let intro = factbot_conversation::intro(&worker.engine);
            let text = render::start(&intro, lang);
            let pieces = render::pack(&[render::Block::plain(text)], render::MAX_MESSAGE);
            (pieces, keyboards::examples(&intro))
        })
        .await;
    let here = Target::beside(msg);
    match made {
        Ok((pieces, markup)) => out.pieces(here, &pieces, markup, deadline).await,
        Err(_) => out.text(here, lang.texts().error_generic, deadline).await,
    };
    Ok(())
}

/// /help: how to ask, the bot's own commands, and for an admin in a private chat how to
/// add and remove articles.
async fn help<R>(
    out: &crate::send::Outbox<R>,
    state: &Arc<BotState>,
    msg: &Message,
    lang: Lang,
    deadline: Instant,
) -> HandlerResult
where
    R: Api,
{
    let admin = msg.chat.is_private() && state.is_admin(msg.from.as_ref());
    let worker = state.clone();
    let made = state
        .pool
        .run(move || {
            let intro = factbot_conversation::intro(&worker.engine);
            let t = lang.texts();
            let mut blocks = vec![
                render::Block::plain(render::help(&intro, lang)),
                render::Block::plain(format!("\n{}", t.help_bot)),
            ];
            if admin {
                blocks.push(render::Block::plain(format!("\n{}", t.help_admin)));
            }
            render::pack(&blocks, render::MAX_MESSAGE)
        })
        .await;
    let here = Target::beside(msg);
    match made {
        Ok(pieces) => out.pieces(here, &pieces, None, deadline).await,
        Err(_) => out.text(here, lang.texts().error_generic, deadline).await,
    };
    Ok(())
}

/// A command this bot does not know: said so in private chats, silence in groups.
pub async fn unknown<R>(
    out: &crate::send::Outbox<R>,
    msg: &Message,
    lang: Lang,
    deadline: Instant,
) -> HandlerResult
where
    R: Api,
{
    if msg.chat.is_private() {
        out.text(
            Target::reply_to(msg),
            lang.texts().unknown_command,
            deadline,
        )
        .await;
    }
    Ok(())
}

fn stats(state: &BotState, lang: Lang) -> String {
    let s = state.engine.stats();
    fill(
        lang.texts().stats,
        &[
            ("articles", &s.articles.to_string()),
            ("paragraphs", &s.paragraphs.to_string()),
            ("sentences", &s.sentences.to_string()),
            ("figures", &s.figures.to_string()),
            ("docs", &s.index_docs.to_string()),
            ("uptime", &state.started.elapsed().as_secs().to_string()),
        ],
    )
}
