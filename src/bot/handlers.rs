//! The handler tree: which updates the bot listens to and what it does with each.
//!
//! One dptree tree, read top to bottom: messages (private chats, groups), channel posts,
//! button presses, inline queries. The engine and the bot's state come in by dependency
//! injection. The tree is generic over the [`Requester`], so tests drive it with a plain
//! `Bot` and production with the throttled one. Telegram only sends the update kinds this
//! tree names (`allowed_updates` is derived from it).

use std::collections::{HashSet, VecDeque};
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use teloxide::dispatching::{UpdateFilterExt, UpdateHandler};
use teloxide::payloads::{
    AnswerCallbackQuerySetters, AnswerInlineQuerySetters, EditMessageTextSetters,
    SendMessageSetters,
};
use teloxide::prelude::*;
use teloxide::requests::Requester;
use teloxide::types::{
    ChatId, InlineKeyboardButton, InlineKeyboardMarkup, InlineQueryResult,
    InlineQueryResultArticle, InputMessageContent, InputMessageContentText, LinkPreviewOptions, Me,
    MessageEntityKind, MessageId, ParseMode, ReplyParameters,
};
use teloxide::RequestError;

use super::callback::Callback;
use super::render::{self, Block, MAX_MESSAGE};
use crate::conversation::{self, Lang, Reply, Setting};
use crate::{Engine, Fact, Response};

/// What a handler may fail with.
pub type HandlerError = Box<dyn std::error::Error + Send + Sync>;
/// What a handler returns.
pub type HandlerResult = Result<(), HandlerError>;

/// Inline results per page, and at most in all (Telegram allows 50).
const INLINE_PAGE: usize = 10;
const INLINE_MAX: usize = 50;

/// What the handlers share: the engine, example questions, and the update ids already
/// handled (an update is never answered twice).
pub struct BotState {
    /// The answer engine.
    pub engine: Arc<Engine>,
    /// The example questions of /start, in button order.
    pub examples: Vec<String>,
    /// Telegram user ids allowed to use /stats.
    pub admins: Vec<u64>,
    seen: Mutex<(VecDeque<u32>, HashSet<u32>)>,
    started: Instant,
}

impl BotState {
    /// State for `engine`, without admins.
    pub fn new(engine: Arc<Engine>) -> BotState {
        BotState::with_admins(engine, Vec::new())
    }

    /// State for `engine` with the Telegram user ids allowed to use admin commands.
    pub fn with_admins(engine: Arc<Engine>, admins: Vec<u64>) -> BotState {
        let examples = conversation::intro(&engine).examples;
        BotState {
            engine,
            examples,
            admins,
            seen: Mutex::new((VecDeque::new(), HashSet::new())),
            started: Instant::now(),
        }
    }

    /// True the first time an update id is seen (the last 10,000 are remembered).
    pub fn first_time(&self, id: u32) -> bool {
        let mut seen = match self.seen.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        let (order, set) = &mut *seen;
        if !set.insert(id) {
            return false;
        }
        order.push_back(id);
        if order.len() > 10_000 {
            if let Some(old) = order.pop_front() {
                set.remove(&old);
            }
        }
        true
    }
}

/// The handler tree.
pub fn schema<R>() -> UpdateHandler<HandlerError>
where
    R: Requester<Err = RequestError> + Clone + Send + Sync + 'static,
{
    let fresh = |upd: Update, state: Arc<BotState>| state.first_time(upd.id.0);
    dptree::entry()
        .branch(
            Update::filter_message()
                .filter(fresh)
                .endpoint(on_message::<R>),
        )
        .branch(
            Update::filter_channel_post()
                .filter(fresh)
                .endpoint(on_channel_post::<R>),
        )
        .branch(
            Update::filter_callback_query()
                .filter(fresh)
                .endpoint(on_callback::<R>),
        )
        .branch(
            Update::filter_inline_query()
                .filter(fresh)
                .endpoint(on_inline::<R>),
        )
}

/// The commands, with descriptions in English and Chinese (for setMyCommands).
pub fn commands(lang: Lang) -> Vec<teloxide::types::BotCommand> {
    conversation::COMMANDS
        .iter()
        .zip(lang.texts().command_descriptions)
        .map(|(c, d)| teloxide::types::BotCommand::new(*c, d))
        .collect()
}

/// A command addressed to this bot: (`ask`, `args`) from `/ask@thisbot args`. `None` when the
/// text is not a command or names another bot.
fn parse_command<'a>(text: &'a str, me: &Me) -> Option<(String, &'a str)> {
    let rest = text.trim_start().strip_prefix('/')?;
    let (head, args) = match rest.find(char::is_whitespace) {
        Some(i) => (&rest[..i], rest[i..].trim()),
        None => (rest, ""),
    };
    let (cmd, target) = match head.split_once('@') {
        Some((c, t)) => (c, Some(t)),
        None => (head, None),
    };
    if let Some(t) = target {
        if !t.eq_ignore_ascii_case(me.username()) {
            return None;
        }
    }
    if cmd.is_empty() || !cmd.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    Some((cmd.to_ascii_lowercase(), args))
}

/// Does the message mention this bot (@username, or a text mention of it)?
fn mentions_me(msg: &Message, me: &Me) -> bool {
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

fn without_mention(text: &str, me: &Me) -> String {
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
fn strip_addressing(text: &str) -> String {
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

fn lang_of(user: Option<&teloxide::types::User>) -> Lang {
    Lang::from_code(user.and_then(|u| u.language_code.as_deref()))
}

/// Run an engine call so that a panic inside it cannot take the bot down: it becomes an
/// error reply for this one message.
fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok()
}

/// Send a request, waiting out Telegram's 429 (retry_after) and retrying network errors.
async fn with_retry<T, F, Fut>(mut send: F) -> Result<T, RequestError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, RequestError>>,
{
    let mut attempt = 0;
    loop {
        match send().await {
            Err(RequestError::RetryAfter(wait)) if attempt < 3 => {
                let secs = wait.seconds().min(60) as u64;
                tracing::warn!(secs, "Telegram asked to slow down (429); waiting");
                tokio::time::sleep(Duration::from_secs(secs)).await;
            }
            Err(RequestError::Network(e)) if attempt < 3 => {
                tracing::warn!(error = %e, attempt, "network error talking to Telegram; retrying");
                tokio::time::sleep(Duration::from_millis(500 << attempt)).await;
            }
            other => return other,
        }
        attempt += 1;
    }
}

/// Send HTML pieces to a chat; the first replies to `reply_to`, the last carries `markup`.
async fn send_pieces<R>(
    bot: &R,
    chat: ChatId,
    pieces: &[String],
    reply_to: Option<MessageId>,
    markup: Option<InlineKeyboardMarkup>,
) -> Result<(), RequestError>
where
    R: Requester<Err = RequestError>,
{
    let n = pieces.len();
    for (i, piece) in pieces.iter().enumerate() {
        let markup = if i + 1 == n { markup.clone() } else { None };
        with_retry(|| {
            let mut req = bot
                .send_message(chat, piece.clone())
                .parse_mode(ParseMode::Html)
                .link_preview_options(no_preview());
            if let (0, Some(id)) = (i, reply_to) {
                req = req.reply_parameters(ReplyParameters::new(id).allow_sending_without_reply());
            }
            if let Some(m) = markup.clone() {
                req = req.reply_markup(m);
            }
            req.send()
        })
        .await?;
    }
    Ok(())
}

/// Send one plain line (escaped like everything else).
async fn send_text<R>(
    bot: &R,
    chat: ChatId,
    text: &str,
    reply_to: Option<MessageId>,
) -> Result<(), RequestError>
where
    R: Requester<Err = RequestError>,
{
    send_pieces(
        bot,
        chat,
        &render::pack(&[Block::plain(text)], MAX_MESSAGE),
        reply_to,
        None,
    )
    .await
}

fn no_preview() -> LinkPreviewOptions {
    LinkPreviewOptions {
        is_disabled: true,
        url: None,
        prefer_small_media: false,
        prefer_large_media: false,
        show_above_text: false,
    }
}

/// Buttons under an answer: 更多结果 (when there are more), 原文段落, 核对.
fn answer_buttons(r: &Response, lang: Lang) -> Option<InlineKeyboardMarkup> {
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

/// The buttons that go with a reply.
fn reply_buttons(reply: &Reply, lang: Lang) -> Option<InlineKeyboardMarkup> {
    match reply {
        Reply::Answer { response, .. } => answer_buttons(response, lang),
        Reply::Check { .. } => Some(InlineKeyboardMarkup::new(vec![vec![
            InlineKeyboardButton::callback(lang.texts().button_search, Callback::Search.encode()),
        ]])),
        Reply::Facts(page) => facts_buttons(page),
        _ => None,
    }
}

/// ◀ ▶ under a page of key figures.
fn facts_buttons(page: &conversation::FactsPage) -> Option<InlineKeyboardMarkup> {
    let mut row = Vec::new();
    let short_topic: String = page.topic.chars().take(16).collect();
    if page.page > 0 {
        row.push(InlineKeyboardButton::callback(
            "◀",
            Callback::Facts {
                page: page.page as u32 - 1,
                topic: short_topic.clone(),
            }
            .encode(),
        ));
    }
    if page.page + 1 < page.pages {
        row.push(InlineKeyboardButton::callback(
            "▶",
            Callback::Facts {
                page: page.page as u32 + 1,
                topic: short_topic,
            }
            .encode(),
        ));
    }
    (!row.is_empty()).then(|| InlineKeyboardMarkup::new(vec![row]))
}

/// Decide and send the reply to a request, replying to `reply_to`. A panic in the engine
/// or the rendering becomes an apology for this one message.
async fn converse<R>(
    bot: &R,
    state: &BotState,
    chat: ChatId,
    reply_to: Option<MessageId>,
    request: conversation::Request<'_>,
    setting: Setting,
    lang: Lang,
) -> Result<(), RequestError>
where
    R: Requester<Err = RequestError>,
{
    let engine = &state.engine;
    let check = matches!(request, conversation::Request::Check(_));
    let made = guarded(|| {
        let reply = conversation::respond(engine, request, setting);
        let pieces = render::reply(&reply, lang);
        (pieces, reply_buttons(&reply, lang))
    });
    let Some((pieces, markup)) = made else {
        tracing::error!("the engine failed on a message; answered with an apology");
        let t = lang.texts();
        let sorry = if check {
            t.error_check
        } else {
            t.error_question
        };
        return send_text(bot, chat, sorry, reply_to).await;
    };
    send_pieces(bot, chat, &pieces, reply_to, markup).await
}

async fn on_message<R>(bot: R, msg: Message, me: Me, state: Arc<BotState>) -> HandlerResult
where
    R: Requester<Err = RequestError> + Clone + Send + Sync + 'static,
{
    let started = Instant::now();
    let chat = msg.chat.id;
    let private = msg.chat.is_private();
    let lang = lang_of(msg.from.as_ref());
    let kind = if private { "private" } else { "group" };
    let Some(text) = msg.text().map(str::to_string) else {
        // stickers, photos, voice: a hint in private chats, silence in groups
        if private {
            let example = state.examples.first().map(String::as_str).unwrap_or("");
            let hint = conversation::fill(lang.texts().non_text, &[("example", example)]);
            send_text(&bot, chat, &hint, Some(msg.id)).await?;
        }
        tracing::info!(
            kind,
            what = "non-text",
            ms = started.elapsed().as_millis() as u64,
            "update handled"
        );
        return Ok(());
    };
    if let Some((cmd, args)) = parse_command(&text, &me) {
        command(&bot, &state, &msg, &cmd, args, lang).await?;
        tracing::info!(kind, what = "command", command = %cmd, ms = started.elapsed().as_millis() as u64, "update handled");
        return Ok(());
    }
    if text.trim_start().starts_with('/') {
        return Ok(()); // a command for another bot
    }
    let question = if private {
        text.clone()
    } else {
        // groups: only when addressed (a mention, or a reply to one of the bot's messages)
        let reply_to_me = msg
            .reply_to_message()
            .and_then(|m| m.from.as_ref())
            .is_some_and(|u| u.id == me.id);
        if !mentions_me(&msg, &me) && !reply_to_me {
            return Ok(());
        }
        without_mention(&text, &me)
    };
    if question.trim().is_empty() {
        send_text(&bot, chat, lang.texts().empty_mention, Some(msg.id)).await?;
        return Ok(());
    }
    let setting = Setting { direct: private };
    converse(
        &bot,
        &state,
        chat,
        Some(msg.id),
        conversation::Request::Text(&question),
        setting,
        lang,
    )
    .await?;
    tracing::info!(
        kind,
        what = "text",
        ms = started.elapsed().as_millis() as u64,
        "update handled"
    );
    Ok(())
}

async fn command<R>(
    bot: &R,
    state: &BotState,
    msg: &Message,
    cmd: &str,
    args: &str,
    lang: Lang,
) -> HandlerResult
where
    R: Requester<Err = RequestError>,
{
    let chat = msg.chat.id;
    let setting = Setting {
        direct: msg.chat.is_private(),
    };
    let request = match cmd {
        "start" => {
            let intro = conversation::intro(&state.engine);
            let text = render::start(&intro, lang);
            let rows: Vec<Vec<InlineKeyboardButton>> = intro
                .examples
                .iter()
                .enumerate()
                .map(|(i, q)| {
                    vec![InlineKeyboardButton::callback(
                        q.clone(),
                        Callback::Example(i as u8).encode(),
                    )]
                })
                .collect();
            let markup = (!rows.is_empty()).then(|| InlineKeyboardMarkup::new(rows));
            let pieces = render::pack(&[Block::plain(text)], MAX_MESSAGE);
            send_pieces(bot, chat, &pieces, None, markup).await?;
            return Ok(());
        }
        "help" => {
            let reply = conversation::respond(&state.engine, conversation::Request::Help, setting);
            send_pieces(bot, chat, &render::reply(&reply, lang), None, None).await?;
            return Ok(());
        }
        "source" => conversation::Request::Source,
        "ask" => conversation::Request::Ask(args),
        "check" => conversation::Request::Check(args),
        "facts" => conversation::Request::Facts {
            topic: args,
            page: 0,
        },
        "stats"
            if msg
                .from
                .as_ref()
                .is_some_and(|u| state.admins.contains(&u.id.0)) =>
        {
            let s = state.engine.stats();
            let text = format!(
                "articles {}, paragraphs {}, sentences {}, figures {}; index {} docs; up {} s",
                s.articles,
                s.paragraphs,
                s.sentences,
                s.figures,
                s.index_docs,
                state.started.elapsed().as_secs()
            );
            send_text(bot, chat, &text, Some(msg.id)).await?;
            return Ok(());
        }
        _ => {
            if msg.chat.is_private() {
                send_text(bot, chat, lang.texts().unknown_command, Some(msg.id)).await?;
            }
            return Ok(());
        }
    };
    converse(bot, state, chat, Some(msg.id), request, setting, lang).await?;
    Ok(())
}

/// Channel posts: answer one that starts with /ask or mentions the bot; ignore the rest.
async fn on_channel_post<R>(bot: R, msg: Message, me: Me, state: Arc<BotState>) -> HandlerResult
where
    R: Requester<Err = RequestError> + Clone + Send + Sync + 'static,
{
    let Some(text) = msg.text() else {
        return Ok(());
    };
    let question = match parse_command(text, &me) {
        Some((cmd, args)) if cmd == "ask" && !args.is_empty() => args.to_string(),
        Some(_) => return Ok(()),
        None if mentions_me(&msg, &me) => without_mention(text, &me),
        None => return Ok(()),
    };
    let setting = Setting { direct: false };
    converse(
        &bot,
        &state,
        msg.chat.id,
        Some(msg.id),
        conversation::Request::Ask(&question),
        setting,
        Lang::Zh,
    )
    .await?;
    tracing::info!(kind = "channel", what = "question", "update handled");
    Ok(())
}

async fn on_callback<R>(bot: R, q: CallbackQuery, state: Arc<BotState>) -> HandlerResult
where
    R: Requester<Err = RequestError> + Clone + Send + Sync + 'static,
{
    let started = Instant::now();
    let lang = lang_of(Some(&q.from));
    let t = lang.texts();
    let cb = q.data.as_deref().and_then(Callback::decode);
    let msg = q.regular_message();
    // the question or claim an answer replied to, for buttons that re-use it
    let replied_text = msg
        .and_then(|m| m.reply_to_message())
        .and_then(|m| m.text())
        .map(str::to_string);
    let replied = strip_addressing(replied_text.as_deref().unwrap_or_default());
    let direct = Setting {
        direct: msg.is_some_and(|m| m.chat.is_private()),
    };
    let mut alert: Option<&'static str> = None;
    match (cb, msg) {
        (Some(Callback::Example(n)), Some(m)) if (n as usize) < state.examples.len() => {
            let question = state.examples[n as usize].clone();
            let pieces = render::pack(&[Block::italic(question.clone())], MAX_MESSAGE);
            send_pieces(&bot, m.chat.id, &pieces, None, None).await?;
            converse(
                &bot,
                &state,
                m.chat.id,
                None,
                conversation::Request::Ask(&question),
                direct,
                lang,
            )
            .await?;
        }
        (Some(Callback::More), Some(m)) if replied_text.is_some() => {
            converse(
                &bot,
                &state,
                m.chat.id,
                Some(m.id),
                conversation::Request::More(&replied),
                direct,
                lang,
            )
            .await?;
        }
        (Some(Callback::Paragraph(r)), Some(m)) => match state.engine.paragraph(r) {
            Some(p) => {
                let pieces = render::reply(&Reply::Paragraph(Some(p)), lang);
                send_pieces(&bot, m.chat.id, &pieces, Some(m.id), None).await?
            }
            None => alert = Some(t.paragraph_gone),
        },
        (Some(Callback::Check), Some(m)) if replied_text.is_some() => {
            converse(
                &bot,
                &state,
                m.chat.id,
                Some(m.id),
                conversation::Request::Check(&replied),
                direct,
                lang,
            )
            .await?;
        }
        (Some(Callback::Search), Some(m)) if replied_text.is_some() => {
            converse(
                &bot,
                &state,
                m.chat.id,
                Some(m.id),
                conversation::Request::Ask(&replied),
                direct,
                lang,
            )
            .await?;
        }
        (Some(Callback::Facts { page, topic }), Some(m)) => {
            let made = guarded(|| {
                let page = conversation::facts_page(&state.engine, &topic, page as usize);
                let pieces = render::reply(&Reply::Facts(page.clone()), lang);
                (pieces, facts_buttons(&page))
            });
            match made {
                Some((pieces, markup)) => {
                    let text = pieces.into_iter().next().unwrap_or_default();
                    with_retry(|| {
                        let mut req = bot
                            .edit_message_text(m.chat.id, m.id, text.clone())
                            .parse_mode(ParseMode::Html);
                        if let Some(k) = markup.clone() {
                            req = req.reply_markup(k);
                        }
                        req.send()
                    })
                    .await?;
                }
                None => alert = Some(t.error_generic),
            }
        }
        _ => alert = Some(t.button_expired),
    }
    // always answered, so the button stops spinning
    with_retry(|| {
        let mut req = bot.answer_callback_query(q.id.clone());
        if let Some(a) = alert {
            req = req.text(a);
        }
        req.send()
    })
    .await?;
    tracing::info!(
        kind = "callback",
        stale = alert.is_some(),
        ms = started.elapsed().as_millis() as u64,
        "update handled"
    );
    Ok(())
}

/// Inline mode: fact cards for the query (the key figures when it is empty), ten a page.
async fn on_inline<R>(bot: R, q: InlineQuery, state: Arc<BotState>) -> HandlerResult
where
    R: Requester<Err = RequestError> + Clone + Send + Sync + 'static,
{
    let started = Instant::now();
    let lang = lang_of(Some(&q.from));
    let engine = &state.engine;
    let query = q.query.trim().to_string();
    let facts: Vec<Fact> = guarded(|| engine.cards(&query, INLINE_MAX)).unwrap_or_default();
    let offset: usize = q.offset.parse().unwrap_or(0).min(INLINE_MAX);
    let results: Vec<InlineQueryResult> = facts
        .iter()
        .skip(offset)
        .take(INLINE_PAGE)
        .filter_map(|f| guarded(|| InlineQueryResult::Article(card(f, lang))))
        .collect();
    let next = if offset + INLINE_PAGE < facts.len() {
        (offset + INLINE_PAGE).to_string()
    } else {
        String::new()
    };
    with_retry(|| {
        bot.answer_inline_query(q.id.clone(), results.clone())
            .next_offset(next.clone())
            .cache_time(30)
            .send()
    })
    .await?;
    tracing::info!(
        kind = "inline",
        results = results.len(),
        ms = started.elapsed().as_millis() as u64,
        "update handled"
    );
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
    InlineQueryResultArticle::new(
        format!("f{}", f.id),
        title,
        InputMessageContent::Text(
            InputMessageContentText::new(html)
                .parse_mode(ParseMode::Html)
                .link_preview_options(no_preview()),
        ),
    )
    .description(description)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn me() -> Me {
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
        assert_eq!(
            parse_command("/ask 进出口", &me),
            Some(("ask".into(), "进出口"))
        );
        assert_eq!(
            parse_command("/ask@factbot_test_bot 进出口", &me),
            Some(("ask".into(), "进出口"))
        );
        assert_eq!(
            parse_command("/ASK@FactBot_Test_Bot", &me),
            Some(("ask".into(), ""))
        );
        assert_eq!(parse_command("/ask@other_bot 进出口", &me), None);
        assert_eq!(parse_command("进出口 /ask", &me), None);
        assert_eq!(parse_command("/", &me), None);
    }

    #[test]
    fn an_update_is_handled_once() {
        let dir = tempfile::tempdir().unwrap();
        let engine = Engine::open(&crate::Options {
            data_dir: None,
            index_dir: dir.path().join("i"),
        })
        .unwrap();
        let state = BotState::new(Arc::new(engine));
        assert!(state.first_time(7));
        assert!(!state.first_time(7));
        assert!(state.first_time(8));
        assert_eq!(state.examples.len(), 3);
    }
}
