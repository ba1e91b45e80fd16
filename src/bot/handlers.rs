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
use super::render::{self, Block, Lang, MAX_MESSAGE};
use crate::Engine;

pub type HandlerError = Box<dyn std::error::Error + Send + Sync>;
pub type HandlerResult = Result<(), HandlerError>;

/// Longest part of a message read as a question.
const QUESTION_CHARS: usize = 300;
/// Inline results per page, and at most in all (Telegram allows 50).
const INLINE_PAGE: usize = 10;
const INLINE_MAX: usize = 50;
/// Figures per /facts page.
const FACTS_PAGE: usize = 8;

/// What the handlers share: the engine, example questions, and the update ids already
/// handled (an update is never answered twice).
pub struct BotState {
    pub engine: Arc<Engine>,
    pub examples: Vec<String>,
    /// Telegram user ids allowed to use /stats.
    pub admins: Vec<u64>,
    seen: Mutex<(VecDeque<u32>, HashSet<u32>)>,
    started: Instant,
}

impl BotState {
    pub fn new(engine: Arc<Engine>) -> BotState {
        BotState::with_admins(engine, Vec::new())
    }

    pub fn with_admins(engine: Arc<Engine>, admins: Vec<u64>) -> BotState {
        let examples = engine.examples(3);
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
    let list: [(&str, &str, &str); 6] = [
        ("start", "欢迎和示例问题", "welcome and example questions"),
        ("help", "怎么用", "how to use factbot"),
        ("ask", "提问：/ask 问题", "ask: /ask question"),
        ("check", "核对说法：/check 说法", "fact-check: /check claim"),
        (
            "facts",
            "关键数字：/facts [主题]",
            "key figures: /facts [topic]",
        ),
        ("source", "文章来源", "where the article comes from"),
    ];
    list.iter()
        .map(|(c, zh, en)| {
            teloxide::types::BotCommand::new(*c, if lang == Lang::Zh { *zh } else { *en })
        })
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

/// The question to answer from a message's text: at most [`QUESTION_CHARS`] chars, cut at
/// a sentence end when it is longer, with a note saying so.
fn question_part(text: &str, lang: Lang) -> (String, Option<&'static str>) {
    if text.chars().count() <= QUESTION_CHARS {
        return (text.trim().to_string(), None);
    }
    // a question is its first sentence; failing that, the first chars
    let chars: Vec<char> = text.chars().collect();
    let first = crate::article::sentences::split_sentences(text)
        .into_iter()
        .next();
    let q: String = match first {
        Some(r) if r.len() <= QUESTION_CHARS && r.len() >= 4 => chars[r].iter().collect(),
        _ => chars.iter().take(QUESTION_CHARS).collect(),
    };
    (
        q.trim().to_string(),
        Some(lang.pick(
            "消息太长，我只读了开头一部分。",
            "Your message is long; I read only its first part.",
        )),
    )
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
fn answer_buttons(r: &crate::Response, lang: Lang) -> Option<InlineKeyboardMarkup> {
    let first = r.answers.first()?;
    let mut row = Vec::new();
    if r.answers.len() > 1 {
        row.push(InlineKeyboardButton::callback(
            lang.pick("更多结果", "More results"),
            Callback::More.encode(),
        ));
    }
    row.push(InlineKeyboardButton::callback(
        lang.pick("原文段落", "Full paragraph"),
        Callback::Paragraph {
            article: first.article as u32,
            paragraph: first.paragraph as u32,
        }
        .encode(),
    ));
    row.push(InlineKeyboardButton::callback(
        lang.pick("核对", "Check"),
        Callback::Check.encode(),
    ));
    Some(InlineKeyboardMarkup::new(vec![row]))
}

/// Answer a question in `chat`, replying to `reply_to`.
async fn answer_question<R>(
    bot: &R,
    state: &BotState,
    chat: ChatId,
    reply_to: Option<MessageId>,
    text: &str,
    lang: Lang,
) -> Result<(), RequestError>
where
    R: Requester<Err = RequestError>,
{
    let (question, note) = question_part(text, lang);
    let engine = &state.engine;
    let Some(r) = guarded(|| engine.ask(&question)) else {
        tracing::error!("the engine failed on a question; answered with an apology");
        return send_text(
            bot,
            chat,
            lang.pick(
                "抱歉，处理这个问题时出错了。",
                "Sorry, something went wrong with that question.",
            ),
            reply_to,
        )
        .await;
    };
    let pieces = render::response(engine, &r, lang, note);
    send_pieces(bot, chat, &pieces, reply_to, answer_buttons(&r, lang)).await
}

/// Fact-check a claim in `chat`, with a button to search it as a question instead.
async fn check_claim<R>(
    bot: &R,
    state: &BotState,
    chat: ChatId,
    reply_to: Option<MessageId>,
    claim: &str,
    lang: Lang,
) -> Result<(), RequestError>
where
    R: Requester<Err = RequestError>,
{
    let (claim, note) = question_part(claim, lang);
    let engine = &state.engine;
    let Some(r) = guarded(|| engine.check(&claim)) else {
        return send_text(
            bot,
            chat,
            lang.pick(
                "抱歉，核对时出错了。",
                "Sorry, something went wrong with that check.",
            ),
            reply_to,
        )
        .await;
    };
    let mut pieces = render::check(&r, lang);
    if let (Some(n), Some(first)) = (note, pieces.first_mut()) {
        first.insert_str(0, &format!("<i>{}</i>\n", render::escape(n)));
    }
    let markup = InlineKeyboardMarkup::new(vec![vec![InlineKeyboardButton::callback(
        lang.pick("改为搜索", "Search instead"),
        Callback::Search.encode(),
    )]]);
    send_pieces(bot, chat, &pieces, reply_to, Some(markup)).await
}

/// The /facts page: key figures, optionally about a topic, with ◀ ▶ buttons.
fn facts_page(
    engine: &Engine,
    topic: &str,
    page: usize,
    lang: Lang,
) -> (Vec<String>, Option<InlineKeyboardMarkup>) {
    let figures = engine.key_figures(topic);
    let pages = figures.len().div_ceil(FACTS_PAGE).max(1);
    let page = page.min(pages - 1);
    let mut blocks = vec![Block::bold(match (lang, topic.is_empty()) {
        (Lang::Zh, true) => format!("关键数字（{}/{}）", page + 1, pages),
        (Lang::Zh, false) => format!("关于“{topic}”的数字（{}/{}）", page + 1, pages),
        (Lang::En, true) => format!("Key figures ({}/{})", page + 1, pages),
        (Lang::En, false) => format!("Figures about “{topic}” ({}/{})", page + 1, pages),
    })];
    if figures.is_empty() {
        blocks.push(Block::plain(
            lang.pick("没有找到相关数字。", "No figures found for that."),
        ));
    }
    for &fid in figures.iter().skip(page * FACTS_PAGE).take(FACTS_PAGE) {
        let f = &engine.corpus.figures[fid];
        let mut line = vec![Block::plain("• "), Block::bold(f.text.clone())];
        let mut note = Vec::new();
        if let Some(m) = &f.measure {
            note.push(m.clone());
        }
        if let Some(s) = &f.scope {
            note.push(s.label.clone());
        }
        if !note.is_empty() {
            line.push(Block::plain(format!(" {}", note.join(" · "))));
        }
        blocks.push(Block::line(line));
    }
    let mut row = Vec::new();
    let short_topic: String = topic.chars().take(16).collect();
    if page > 0 {
        row.push(InlineKeyboardButton::callback(
            "◀",
            Callback::Facts {
                page: page as u32 - 1,
                topic: short_topic.clone(),
            }
            .encode(),
        ));
    }
    if page + 1 < pages {
        row.push(InlineKeyboardButton::callback(
            "▶",
            Callback::Facts {
                page: page as u32 + 1,
                topic: short_topic,
            }
            .encode(),
        ));
    }
    let markup = (!row.is_empty()).then(|| InlineKeyboardMarkup::new(vec![row]));
    (render::pack(&blocks, MAX_MESSAGE), markup)
}

/// Does a private message state figures without asking anything? Then it is checked.
fn is_statement(engine: &Engine, text: &str) -> bool {
    engine.looks_like_claim(text)
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
            let hint = match lang {
                Lang::Zh => format!("我只读文字。发一个关于文章的问题吧，例如：{example}"),
                Lang::En => format!(
                    "I only read text. Send me a question about the article, e.g. {example}"
                ),
            };
            let hint = hint.as_str();
            send_text(&bot, chat, hint, Some(msg.id)).await?;
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
        let hint = lang.pick(
            "请在 @我 后面写上问题。",
            "Write your question after mentioning me.",
        );
        send_text(&bot, chat, hint, Some(msg.id)).await?;
        return Ok(());
    }
    if private && is_statement(&state.engine, &question) {
        check_claim(&bot, &state, chat, Some(msg.id), &question, lang).await?;
        tracing::info!(
            kind,
            what = "check",
            ms = started.elapsed().as_millis() as u64,
            "update handled"
        );
    } else {
        answer_question(&bot, &state, chat, Some(msg.id), &question, lang).await?;
        tracing::info!(
            kind,
            what = "question",
            ms = started.elapsed().as_millis() as u64,
            "update handled"
        );
    }
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
    let engine = &state.engine;
    match cmd {
        "start" => {
            let title = render::title(engine);
            let text = match lang {
                Lang::Zh => format!("你好！我是 factbot，读过《{title}》。问我文中的数字，我会引用原文句子回答；文章里没有的，我会直说。点一个问题试试："),
                Lang::En => format!("Hi! I'm factbot. I have read “{title}”. Ask me about its figures and I'll quote the sentence each comes from; if the article doesn't say, I'll tell you. Tap a question to try:"),
            };
            let rows: Vec<Vec<InlineKeyboardButton>> = state
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
            send_pieces(
                bot,
                chat,
                &render::pack(&[Block::plain(text)], MAX_MESSAGE),
                None,
                markup,
            )
            .await?;
        }
        "help" => send_pieces(bot, chat, &render::help(engine, lang), None, None).await?,
        "source" => {
            send_pieces(bot, chat, &render::source(engine, lang), Some(msg.id), None).await?
        }
        "ask" if args.is_empty() => {
            let example = state.examples.first().map(String::as_str).unwrap_or("");
            let usage = match lang {
                Lang::Zh => format!("用法：/ask 问题，例如 /ask {example}"),
                Lang::En => format!("Usage: /ask question, e.g. /ask {example}"),
            };
            let usage = usage.as_str();
            send_text(bot, chat, usage, Some(msg.id)).await?;
        }
        "ask" => answer_question(bot, state, chat, Some(msg.id), args, lang).await?,
        "check" if args.is_empty() => {
            let usage = lang.pick(
                "用法：/check 说法（一句带数字的话），我逐个数字和原文核对。",
                "Usage: /check claim (a sentence with figures); I check each figure against the article.",
            );
            send_text(bot, chat, usage, Some(msg.id)).await?;
        }
        "check" => check_claim(bot, state, chat, Some(msg.id), args, lang).await?,
        "facts" => {
            let (pieces, markup) = facts_page(engine, args, 0, lang);
            send_pieces(bot, chat, &pieces, Some(msg.id), markup).await?;
        }
        "stats"
            if msg
                .from
                .as_ref()
                .is_some_and(|u| state.admins.contains(&u.id.0)) =>
        {
            let s = &engine.stats;
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
        }
        _ => {
            if msg.chat.is_private() {
                let hint = lang.pick(
                    "不认识这个命令。发送 /help 查看用法。",
                    "I don't know that command. Send /help.",
                );
                send_text(bot, chat, hint, Some(msg.id)).await?;
            }
        }
    }
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
    answer_question(&bot, &state, msg.chat.id, Some(msg.id), &question, Lang::Zh).await?;
    tracing::info!(kind = "channel", what = "question", "update handled");
    Ok(())
}

async fn on_callback<R>(bot: R, q: CallbackQuery, state: Arc<BotState>) -> HandlerResult
where
    R: Requester<Err = RequestError> + Clone + Send + Sync + 'static,
{
    let started = Instant::now();
    let lang = lang_of(Some(&q.from));
    let cb = q.data.as_deref().and_then(Callback::decode);
    let msg = q.regular_message();
    // the question or claim an answer replied to, for buttons that re-use it
    let replied_text = msg
        .and_then(|m| m.reply_to_message())
        .and_then(|m| m.text())
        .map(str::to_string);
    let mut alert: Option<&'static str> = None;
    match (cb, msg) {
        (Some(Callback::Example(n)), Some(m)) if (n as usize) < state.examples.len() => {
            let question = state.examples[n as usize].clone();
            let pieces = render::pack(&[Block::italic(question.clone())], MAX_MESSAGE);
            send_pieces(&bot, m.chat.id, &pieces, None, None).await?;
            answer_question(&bot, &state, m.chat.id, None, &question, lang).await?;
        }
        (Some(Callback::More), Some(m)) if replied_text.is_some() => {
            let question = question_part(replied_text.as_deref().unwrap_or_default(), lang).0;
            let question = strip_addressing(&question);
            match guarded(|| state.engine.ask(&question)) {
                Some(r) => {
                    send_pieces(
                        &bot,
                        m.chat.id,
                        &render::more(&state.engine, &r, lang),
                        Some(m.id),
                        None,
                    )
                    .await?
                }
                None => alert = Some(lang.pick("抱歉，出错了。", "Sorry, something went wrong.")),
            }
        }
        (Some(Callback::Paragraph { article, paragraph }), Some(m)) => {
            match render::paragraph(&state.engine, article as usize, paragraph as usize, lang) {
                Some(pieces) => send_pieces(&bot, m.chat.id, &pieces, Some(m.id), None).await?,
                None => {
                    alert = Some(lang.pick(
                        "找不到这个段落，请重新提问。",
                        "That paragraph no longer exists; please ask again.",
                    ))
                }
            }
        }
        (Some(Callback::Check), Some(m)) if replied_text.is_some() => {
            let claim = strip_addressing(replied_text.as_deref().unwrap_or_default());
            check_claim(&bot, &state, m.chat.id, Some(m.id), &claim, lang).await?;
        }
        (Some(Callback::Search), Some(m)) if replied_text.is_some() => {
            let question = strip_addressing(replied_text.as_deref().unwrap_or_default());
            answer_question(&bot, &state, m.chat.id, Some(m.id), &question, lang).await?;
        }
        (Some(Callback::Facts { page, topic }), Some(m)) => {
            let (pieces, markup) = facts_page(&state.engine, &topic, page as usize, lang);
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
        _ => {
            alert = Some(lang.pick(
                "这个按钮已过期，请重新提问。",
                "This button has expired; please ask again.",
            ))
        }
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
    let figures: Vec<usize> =
        guarded(|| engine.card_figures(&query, INLINE_MAX)).unwrap_or_default();
    let offset: usize = q.offset.parse().unwrap_or(0).min(INLINE_MAX);
    let results: Vec<InlineQueryResult> = figures
        .iter()
        .skip(offset)
        .take(INLINE_PAGE)
        .map(|&fid| InlineQueryResult::Article(card(engine, fid, lang)))
        .collect();
    let next = if offset + INLINE_PAGE < figures.len() {
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

/// A fact card: title = the figure and what it measures, description = the excerpt, the
/// sent message = the formatted answer with its source.
fn card(engine: &Engine, fid: usize, lang: Lang) -> InlineQueryResultArticle {
    let f = &engine.corpus.figures[fid];
    let sentence = &engine.corpus.sentences[f.sentence];
    let title: String = match &f.measure {
        Some(m) => format!("{} · {}", f.text, m),
        None => f.text.clone(),
    }
    .chars()
    .take(80)
    .collect();
    let answer = crate::Answer {
        excerpt: sentence.text.clone(),
        figures: Vec::new(),
        paragraph: f.paragraph,
        score: 0.0,
        article: f.article,
        sentence: f.sentence,
        lead: Some(fid),
    };
    let html = render::pack(&render::answer_blocks(engine, &answer, lang), MAX_MESSAGE)
        .into_iter()
        .next()
        .unwrap_or_default();
    let description: String = sentence.text.chars().take(120).collect();
    InlineQueryResultArticle::new(
        format!("f{fid}"),
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
    fn long_messages_are_cut_at_a_sentence() {
        let text = format!("{}。后面还有很多字", "问".repeat(200)) + &"字".repeat(5000);
        let (q, note) = question_part(&text, Lang::Zh);
        assert_eq!(q, format!("{}。", "问".repeat(200)));
        assert!(note.is_some());
        assert_eq!(question_part("短问题", Lang::Zh), ("短问题".into(), None));
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
