//! Who a message is for and what it asks: mentions of the bot, replies to it, the question
//! left once the addressing is taken off, and the user's interface language.

pub mod command;

use teloxide::types::{Me, Message, MessageEntityKind, User};

use factbot_conversation::Lang;

/// The interface language of a user.
pub fn lang_of(user: Option<&User>) -> Lang {
    Lang::from_code(user.and_then(|u| u.language_code.as_deref()))
}

/// Does the message mention this bot (@username, or a text mention of it)?
pub fn mentions_me(msg: &Message, me: &Me) -> bool {
    let Some(entities) = msg.parse_entities() else {
        return false;
    };
    entities.iter().any(|e| match e.kind() {
        MessageEntityKind::Mention => e
            .text()
            .trim_start_matches('@')
            .eq_ignore_ascii_case(me.username()),
        MessageEntityKind::TextMention { user } => user.id == me.id,
        _ => false,
    })
}

/// Is the message a reply to one of the bot's own messages?
pub fn replies_to_me(msg: &Message, me: &Me) -> bool {
    msg.reply_to_message()
        .and_then(|m| m.from.as_ref())
        .is_some_and(|u| u.id == me.id)
}

/// Is a group message for the bot: a command for it, a mention, a reply to it?
pub fn addressed(msg: &Message, me: &Me) -> bool {
    let text = msg.text().unwrap_or_default();
    command::lenient(text, me).is_some() || mentions_me(msg, me) || replies_to_me(msg, me)
}

/// The text without the bot's @username.
pub fn without_mention(text: &str, me: &Me) -> String {
    let tag = format!("@{}", me.username());
    let lower = text.to_lowercase();
    match lower.find(&tag.to_lowercase()) {
        Some(i) if text.is_char_boundary(i) && text.is_char_boundary(i + tag.len()) => {
            format!("{}{}", &text[..i], &text[i + tag.len()..])
                .trim()
                .to_string()
        }
        _ => text.trim().to_string(),
    }
}

/// The text of a message without how it addressed the bot: a leading /command and
/// @mentions (for buttons that re-read the question an answer replied to).
pub fn strip_addressing(text: &str) -> String {
    let mut t = text.trim();
    if t.starts_with('/') {
        t = t
            .split_once(char::is_whitespace)
            .map(|(_, rest)| rest)
            .unwrap_or("");
    }
    t.split_whitespace()
        .filter(|w| !w.starts_with('@'))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addressing_comes_off() {
        assert_eq!(strip_addressing("/ask@bot 青岛 出口"), "青岛 出口");
        assert_eq!(strip_addressing("@bot 青岛出口"), "青岛出口");
        assert_eq!(strip_addressing("/start"), "");
    }
}
