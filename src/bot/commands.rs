//! The bot's commands: the [`Command`] enum that teloxide parses (`/ask@thisbot …` included,
//! `/ask@otherbot` refused), the menus registered with setMyCommands in each language (the
//! public one, and one for each admin's chat with the admins' commands), and a lenient
//! second reading for commands typed with a full-width space or in capitals.

use std::sync::Arc;
use std::time::Instant;

use teloxide::requests::Requester;
use teloxide::types::{BotCommand, Me, Message};
use teloxide::utils::command::BotCommands;
use teloxide::RequestError;

use super::address::lang_of;
use super::converse::{self, Said};
use super::send::{Target, ANSWER_USEFUL};
use super::state::BotState;
use super::{archive, keyboards, render, HandlerResult};
use crate::conversation::ui::ADMIN_COMMANDS;
use crate::conversation::{self, fill, Lang, Setting, COMMANDS, QUESTION_CHARS};

/// The commands. Their menu descriptions come from the interface texts, in
/// [`COMMANDS`] order; `/remove` and `/stats` are for admins and only in their menu
/// ([`ADMIN_COMMANDS`]).
#[derive(BotCommands, Clone, Debug, PartialEq, Eq)]
#[command(rename_rule = "lowercase")]
pub enum Command {
    /// Greeting and example questions.
    Start,
    /// How to use the bot.
    Help,
    /// Ask a question.
    Ask(String),
    /// Fact-check a claim.
    Check(String),
    /// Key figures, about an optional topic.
    Facts(String),
    /// Where the articles come from.
    Source,
    /// The articles loaded, newest first, paged.
    Articles,
    /// Remove an article, chosen from a list or named (admins only).
    #[command(hide)]
    Remove(String),
    /// Counts and uptime (admins only).
    #[command(hide)]
    Stats,
}

/// The menu for setMyCommands in `lang`.
pub fn menu(lang: Lang) -> Vec<BotCommand> {
    COMMANDS
        .iter()
        .zip(lang.texts().command_descriptions)
        .map(|(c, d)| BotCommand::new(*c, d))
        .collect()
}

/// The menu of an admin's chat in `lang`: the public menu and the admins' commands.
pub fn admin_menu(lang: Lang) -> Vec<BotCommand> {
    let mut all = menu(lang);
    all.extend(
        ADMIN_COMMANDS
            .iter()
            .zip(lang.texts().admin_command_descriptions)
            .map(|(c, d)| BotCommand::new(*c, d)),
    );
    all
}

/// The command in `text` for this bot, read leniently: the name in any case, the arguments
/// after any kind of space (`/ask　问题`, `/ASK@FactBot 问题`). `None` for another bot's
/// command or no command.
pub fn lenient(text: &str, me: &Me) -> Option<Command> {
    let rest = text.trim_start().strip_prefix('/')?;
    let (head, args) = match rest.find(char::is_whitespace) {
        Some(i) => (&rest[..i], rest[i..].trim()),
        None => (rest, ""),
    };
    let normal = format!("/{} {args}", head.to_lowercase());
    Command::parse(normal.trim_end(), me.username()).ok()
}

/// True when `text` is a command addressed to another bot (`/ask@otherbot`).
pub fn for_another_bot(text: &str, me: &Me) -> bool {
    let Some(rest) = text.trim_start().strip_prefix('/') else {
        return false;
    };
    let head = rest.split(char::is_whitespace).next().unwrap_or("");
    head.split_once('@')
        .is_some_and(|(_, bot)| !bot.eq_ignore_ascii_case(me.username()))
}

/// A command for this bot, in a private chat or a group.
pub async fn run<R>(bot: R, msg: Message, cmd: Command, state: Arc<BotState>) -> HandlerResult
where
    R: Requester<Err = RequestError> + Clone + Send + Sync + 'static,
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
    out: &super::send::Outbox<R>,
    state: &Arc<BotState>,
    msg: &Message,
    lang: Lang,
    deadline: Instant,
) -> HandlerResult
where
    R: Requester<Err = RequestError> + Clone + Send + Sync + 'static,
{
    let worker = state.clone();
    let made = state
        .pool
        .run(move || {
            let intro = conversation::intro(&worker.engine);
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
    out: &super::send::Outbox<R>,
    state: &Arc<BotState>,
    msg: &Message,
    lang: Lang,
    deadline: Instant,
) -> HandlerResult
where
    R: Requester<Err = RequestError> + Clone + Send + Sync + 'static,
{
    let admin = msg.chat.is_private() && state.is_admin(msg.from.as_ref());
    let worker = state.clone();
    let made = state
        .pool
        .run(move || {
            let intro = conversation::intro(&worker.engine);
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
    out: &super::send::Outbox<R>,
    msg: &Message,
    lang: Lang,
    deadline: Instant,
) -> HandlerResult
where
    R: Requester<Err = RequestError> + Clone + Send + Sync + 'static,
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

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn me() -> Me {
        serde_json::from_value(serde_json::json!({
            "id": 42, "is_bot": true, "first_name": "factbot", "username": "factbot_test_bot",
            "can_join_groups": true, "can_read_all_group_messages": false, "supports_inline_queries": true,
            "can_connect_to_business": false, "has_main_web_app": false
        }))
        .unwrap()
    }

    #[test]
    fn commands_for_this_bot_only() {
        let me = me();
        let parse = |t: &str| Command::parse(t, me.username()).ok();
        assert_eq!(parse("/ask 进出口"), Some(Command::Ask("进出口".into())));
        assert_eq!(
            parse("/ask@factbot_test_bot 进出口"),
            Some(Command::Ask("进出口".into()))
        );
        assert_eq!(
            parse("/ask@FactBot_Test_Bot"),
            Some(Command::Ask("".into()))
        );
        assert_eq!(parse("/ask@other_bot 进出口"), None);
        assert_eq!(parse("/start"), Some(Command::Start));
        assert_eq!(
            parse("/start from-a-link"),
            Some(Command::Start),
            "deep links"
        );
        assert_eq!(parse("/stats"), Some(Command::Stats));
        assert_eq!(parse("/articles"), Some(Command::Articles));
        assert_eq!(parse("/remove"), Some(Command::Remove("".into())));
        assert_eq!(
            parse("/remove report.txt"),
            Some(Command::Remove("report.txt".into()))
        );
        assert_eq!(parse("进出口 /ask"), None);
        assert_eq!(parse("/"), None);
        // the lenient reading
        assert_eq!(
            lenient("/ASK@FactBot_Test_Bot 进出口", &me),
            Some(Command::Ask("进出口".into()))
        );
        assert_eq!(
            lenient("/ask\u{3000}进出口", &me),
            Some(Command::Ask("进出口".into()))
        );
        assert_eq!(lenient("/ask@other_bot 进出口", &me), None);
        assert!(for_another_bot("/ask@other_bot 进出口", &me));
        assert!(!for_another_bot("/ask@factbot_test_bot 进出口", &me));
        assert!(!for_another_bot("/nonsense", &me));
    }

    #[test]
    fn the_menu_follows_the_enum() {
        let names: Vec<String> = Command::bot_commands()
            .into_iter()
            .map(|c| c.command.trim_start_matches('/').to_string())
            .collect();
        assert_eq!(names, COMMANDS);
        for lang in [Lang::Zh, Lang::En] {
            assert_eq!(menu(lang).len(), COMMANDS.len());
            let admin: Vec<String> = admin_menu(lang).into_iter().map(|c| c.command).collect();
            assert_eq!(admin.len(), COMMANDS.len() + ADMIN_COMMANDS.len());
            for c in ADMIN_COMMANDS {
                assert!(admin.iter().any(|a| a == c));
                assert!(Command::parse(&format!("/{c}"), "factbot_test_bot").is_ok());
            }
        }
    }
}
