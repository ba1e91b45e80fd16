//! The bot's commands as they are read: the [`Command`] enum that teloxide parses
//! (`/ask@thisbot …` included, `/ask@otherbot` refused), the menus registered with
//! setMyCommands in each language (the public one, and one for each admin's chat with the
//! admins' commands), and a lenient second reading for commands typed with a full-width
//! space or in capitals.

use teloxide::types::{BotCommand, Me};
use teloxide::utils::command::BotCommands;

use factbot_conversation::ui::ADMIN_COMMANDS;
use factbot_conversation::{Lang, COMMANDS};

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
