//! Talking back to Telegram: sending messages, editing them, answering button presses and
//! inline queries, and what to do when Telegram says no.
//!
//! Every failure is classified once ([`classify`]) and handled by kind:
//!
//! | Telegram says | the bot does |
//! | --- | --- |
//! | 429 retry after N s | waits N s and retries, but only while the answer is still useful |
//! | 5xx, not JSON, network error | retries with a bounded backoff (a few tries) |
//! | 403 blocked / kicked | notes the chat and stops answering it until it writes again |
//! | 400 migrated to a supergroup | resends to the new chat id (and remembers it) |
//! | 400 can't parse entities | resends the same text without markup |
//! | 400 message is not modified | counts as done (a double tap on ▶) |
//!
//! Sends go through the [`Requester`] the bot runs with (the throttled one in production),
//! and the HTTP client's timeout is long (see `mod.rs`) so that a request that timed out was
//! most likely never accepted: a retry rarely doubles an answer. Errors are logged without
//! the request URL, which holds the token.

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use teloxide::payloads::{
    AnswerCallbackQuerySetters, AnswerInlineQuerySetters, EditMessageTextSetters,
    SendMessageSetters,
};
use teloxide::requests::{Request, Requester};
use teloxide::types::{
    CallbackQueryId, ChatId, InlineKeyboardMarkup, InlineQueryId, InlineQueryResult,
    LinkPreviewOptions, Message, MessageId, ParseMode, ReplyParameters, ThreadId,
};
use teloxide::{ApiError, RequestError};

use crate::metrics::Metrics;
use crate::render;

/// What the bot needs of a Bot API client: teloxide's requests with its error type, shared
/// across tasks. `Bot`, `Throttle<Bot>` and the tests' clients all are; every handler is
/// generic over it, so one bound stands where the same five were written out each time.
pub trait Api: Requester<Err = RequestError> + Clone + Send + Sync + 'static {}

impl<T> Api for T where T: Requester<Err = RequestError> + Clone + Send + Sync + 'static {}

/// How long an answer to a message stays worth sending.
pub const ANSWER_USEFUL: Duration = Duration::from_secs(120);
/// How long a button press or an inline query can be answered (Telegram stops waiting
/// after about 15 s).
pub const QUERY_USEFUL: Duration = Duration::from_secs(10);
/// Tries of one request, flood waits included.
const MAX_TRIES: u32 = 5;

/// Where a reply goes: a chat, its forum topic, the message it answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    /// The chat.
    pub chat: ChatId,
    /// The forum topic, when the asking message was in one.
    pub thread: Option<ThreadId>,
    /// The message replied to.
    pub reply_to: Option<MessageId>,
}

impl Target {
    /// A reply to `msg`, in its chat and topic.
    pub fn reply_to(msg: &Message) -> Target {
        Target {
            reply_to: Some(msg.id),
            ..Target::beside(msg)
        }
    }

    /// A new message in the chat and topic of `msg`, replying to nothing.
    pub fn beside(msg: &Message) -> Target {
        Target {
            chat: msg.chat.id,
            thread: msg.thread_id.filter(|_| msg.is_topic_message),
            reply_to: None,
        }
    }

    /// The same place, replying to `id`.
    pub fn replying(self, id: MessageId) -> Target {
        Target {
            reply_to: Some(id),
            ..self
        }
    }
}

/// What a failed request means for the bot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// 429: wait this long.
    Flood(Duration),
    /// Worth retrying soon: a server error or a network error (the label says which).
    Transient(&'static str),
    /// The bot may not write there (blocked, kicked, deactivated).
    Blocked,
    /// The group became a supergroup with this id.
    Migrated(ChatId),
    /// Telegram could not read the markup.
    Markup,
    /// An edit that changes nothing.
    NotModified,
    /// A button press or inline query answered too late.
    Expired,
    /// Anything else: not retried.
    Other,
}

/// Classify a failed request.
pub fn classify(e: &RequestError) -> Class {
    match e {
        RequestError::RetryAfter(s) => Class::Flood(s.duration()),
        RequestError::MigrateToChatId(to) => Class::Migrated(*to),
        RequestError::Network(_) => Class::Transient("network"),
        // a proxy's HTML error page, or a truncated answer
        RequestError::InvalidJson { .. } => Class::Transient("server"),
        RequestError::Io(_) => Class::Other,
        RequestError::Api(api) => match api {
            ApiError::BotBlocked
            | ApiError::BotKicked
            | ApiError::BotKickedFromSupergroup
            | ApiError::BotKickedFromChannel
            | ApiError::UserDeactivated
            | ApiError::CantInitiateConversation
            | ApiError::CantTalkWithBots => Class::Blocked,
            ApiError::CantParseEntities(_) => Class::Markup,
            ApiError::MessageNotModified => Class::NotModified,
            ApiError::InvalidQueryId => Class::Expired,
            ApiError::Unknown(d) if is_server_error(d) => Class::Transient("server"),
            ApiError::Unknown(d) if d.starts_with("Forbidden") => Class::Blocked,
            ApiError::Unknown(d) if d.contains("can't parse entities") => Class::Markup,
            _ => Class::Other,
        },
    }
}

fn is_server_error(description: &str) -> bool {
    let d = description.to_ascii_lowercase();
    [
        "internal server error",
        "bad gateway",
        "gateway timeout",
        "service unavailable",
        "internal error",
    ]
    .iter()
    .any(|s| d.contains(s))
        || d.starts_with('5')
}

/// A failed request in words, without the URL (it holds the token).
pub fn describe(e: &RequestError) -> String {
    match e {
        RequestError::Network(n) => {
            let what = if n.is_timeout() {
                "timed out"
            } else if n.is_connect() {
                "could not connect"
            } else if n.is_body() || n.is_decode() {
                "broken response"
            } else {
                "connection failed"
            };
            format!("network error: {what}")
        }
        RequestError::InvalidJson { raw, .. } => {
            let head: String = raw.chars().take(60).collect();
            format!("the API answered something that is not JSON: {head:?}")
        }
        other => other.to_string(),
    }
}

/// The chats the bot may not write to, and the groups that moved.
#[derive(Default)]
pub struct ChatBook {
    blocked: Mutex<HashSet<ChatId>>,
    moved: Mutex<HashMap<ChatId, ChatId>>,
}

/// Entries kept before the book is cleared (a memory bound, not a policy).
const BOOK_MAX: usize = 100_000;

impl ChatBook {
    /// Where messages for `chat` go now.
    pub fn current(&self, chat: ChatId) -> ChatId {
        let moved = self.moved.lock().unwrap_or_else(|p| p.into_inner());
        moved.get(&chat).copied().unwrap_or(chat)
    }

    /// True while the chat has the bot blocked.
    pub fn is_blocked(&self, chat: ChatId) -> bool {
        let blocked = self.blocked.lock().unwrap_or_else(|p| p.into_inner());
        blocked.contains(&chat)
    }

    /// Note that `chat` blocked the bot; true the first time.
    fn block(&self, chat: ChatId) -> bool {
        let mut blocked = self.blocked.lock().unwrap_or_else(|p| p.into_inner());
        if blocked.len() >= BOOK_MAX {
            blocked.clear();
        }
        blocked.insert(chat)
    }

    /// The chat wrote to the bot: it is no longer blocking it.
    pub fn heard_from(&self, chat: ChatId) {
        let mut blocked = self.blocked.lock().unwrap_or_else(|p| p.into_inner());
        blocked.remove(&chat);
    }

    fn migrate(&self, from: ChatId, to: ChatId) {
        let mut moved = self.moved.lock().unwrap_or_else(|p| p.into_inner());
        if moved.len() >= BOOK_MAX {
            moved.clear();
        }
        moved.insert(from, to);
    }
}

/// Sends for one update: the requester, the chat book and the counters.
pub struct Outbox<R> {
    bot: R,
    book: Arc<ChatBook>,
    metrics: Arc<Metrics>,
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

impl<R> Outbox<R>
where
    R: Api,
{
    /// Sends through `bot`.
    pub fn new(bot: R, book: Arc<ChatBook>, metrics: Arc<Metrics>) -> Outbox<R> {
        Outbox { bot, book, metrics }
    }

    /// Run one request with the retry policy: flood waits while `deadline` allows, a few
    /// backoffs for transient errors; anything else is returned at once.
    pub async fn attempt<T, F, Fut>(
        &self,
        what: &'static str,
        deadline: Instant,
        mut call: F,
    ) -> Result<T, RequestError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, RequestError>>,
    {
        let mut tries = 0;
        loop {
            let err = match call().await {
                Ok(v) => return Ok(v),
                Err(e) => e,
            };
            tries += 1;
            let wait = match classify(&err) {
                Class::Flood(wait) => {
                    self.metrics.error("flood_wait");
                    wait
                }
                Class::Transient(kind) => {
                    self.metrics.error(kind);
                    Duration::from_millis(300 << tries.min(4))
                }
                _ => return Err(err),
            };
            if tries >= MAX_TRIES || Instant::now() + wait > deadline {
                tracing::warn!(what, tries, error = %describe(&err), "giving up on a request");
                return Err(err);
            }
            tracing::debug!(what, tries, wait_ms = wait.as_millis() as u64, error = %describe(&err), "retrying");
            tokio::time::sleep(wait).await;
        }
    }

    /// Send HTML pieces: the first replies to the target's message, the last carries the
    /// buttons. Returns the first message sent (`None` when nothing could be).
    pub async fn pieces(
        &self,
        target: Target,
        pieces: &[String],
        markup: Option<InlineKeyboardMarkup>,
        deadline: Instant,
    ) -> Option<Message> {
        let mut first = None;
        let n = pieces.len();
        let mut target = target;
        for (i, piece) in pieces.iter().enumerate() {
            let buttons = if i + 1 == n { markup.clone() } else { None };
            let sent = self.message(target, piece, buttons, deadline).await?;
            target.reply_to = None; // later pieces follow the first
            target.chat = sent.chat.id; // after a migration, the new chat
            first.get_or_insert(sent);
        }
        first
    }

    /// Send one plain line (escaped like everything else).
    pub async fn text(&self, target: Target, text: &str, deadline: Instant) -> Option<Message> {
        let pieces = render::pack(&[render::Block::plain(text)], render::MAX_MESSAGE);
        self.pieces(target, &pieces, None, deadline).await
    }

    /// Send one message of at most 4096 UTF-16 units of HTML, handling migrated groups,
    /// rejected markup and blocked chats.
    pub async fn message(
        &self,
        target: Target,
        html: &str,
        markup: Option<InlineKeyboardMarkup>,
        deadline: Instant,
    ) -> Option<Message> {
        let mut chat = self.book.current(target.chat);
        let mut target = target;
        let mut plain: Option<String> = None;
        for _ in 0..3 {
            if self.book.is_blocked(chat) {
                return None;
            }
            let text = plain.as_deref().unwrap_or(html);
            let res = self
                .attempt("sendMessage", deadline, || {
                    self.send_request(chat, target, text, plain.is_none(), markup.clone())
                })
                .await;
            let err = match res {
                Ok(m) => return Some(m),
                Err(e) => e,
            };
            match classify(&err) {
                Class::Migrated(to) => {
                    self.metrics.error("migrated");
                    tracing::info!(
                        from = chat.0,
                        to = to.0,
                        "the group moved to a supergroup; resending there"
                    );
                    self.book.migrate(chat, to);
                    chat = to;
                    target.reply_to = None;
                    target.thread = None;
                }
                Class::Markup if plain.is_none() => {
                    self.metrics.error("markup");
                    tracing::warn!(error = %describe(&err), "Telegram rejected the markup; resending as plain text");
                    plain = Some(render::to_plain(html));
                }
                Class::Blocked => {
                    self.metrics.error("blocked");
                    if self.book.block(chat) {
                        tracing::info!(chat = chat.0, "the bot may not write to this chat; not answering it until it writes again");
                    }
                    return None;
                }
                _ => {
                    self.metrics.error("send_failed");
                    tracing::warn!(chat = chat.0, error = %describe(&err), "a message could not be sent");
                    return None;
                }
            }
        }
        None
    }

    fn send_request(
        &self,
        chat: ChatId,
        target: Target,
        text: &str,
        html: bool,
        markup: Option<InlineKeyboardMarkup>,
    ) -> <R::SendMessage as Request>::Send {
        let mut req = self
            .bot
            .send_message(chat, text.to_string())
            .link_preview_options(no_preview());
        if html {
            req = req.parse_mode(ParseMode::Html);
        }
        if let Some(thread) = target.thread {
            req = req.message_thread_id(thread);
        }
        if let Some(id) = target.reply_to {
            req = req.reply_parameters(ReplyParameters::new(id).allow_sending_without_reply());
        }
        if let Some(m) = markup {
            req = req.reply_markup(m);
        }
        req.send()
    }

    /// Replace a message's text (a page of /facts). "Not modified" is success.
    pub async fn edit(
        &self,
        chat: ChatId,
        id: MessageId,
        html: &str,
        markup: Option<InlineKeyboardMarkup>,
        deadline: Instant,
    ) {
        let res = self
            .attempt("editMessageText", deadline, || {
                let mut req = self
                    .bot
                    .edit_message_text(chat, id, html.to_string())
                    .parse_mode(ParseMode::Html)
                    .link_preview_options(no_preview());
                if let Some(m) = markup.clone() {
                    req = req.reply_markup(m);
                }
                req.send()
            })
            .await;
        match res.as_ref().map_err(classify) {
            Ok(_) | Err(Class::NotModified) => {}
            Err(kind) => {
                self.metrics.error("edit_failed");
                tracing::warn!(?kind, error = %res.err().map(|e| describe(&e)).unwrap_or_default(), "a message could not be edited");
            }
        }
    }

    /// Answer a button press (so it stops spinning), with a notice when `text` is given.
    pub async fn answer_callback(
        &self,
        id: &CallbackQueryId,
        text: Option<&str>,
        deadline: Instant,
    ) {
        let res = self
            .attempt("answerCallbackQuery", deadline, || {
                let mut req = self.bot.answer_callback_query(id.clone());
                if let Some(t) = text {
                    req = req.text(t.to_string());
                }
                req.send()
            })
            .await;
        if let Err(e) = res {
            self.note_query_failure("answerCallbackQuery", &e);
        }
    }

    /// Answer an inline query with `results`. Results depend on the user (their language),
    /// so Telegram must not show them to anyone else: `is_personal`.
    pub async fn answer_inline(
        &self,
        id: &InlineQueryId,
        results: Vec<InlineQueryResult>,
        next_offset: String,
        deadline: Instant,
    ) {
        let res = self
            .attempt("answerInlineQuery", deadline, || {
                self.bot
                    .answer_inline_query(id.clone(), results.clone())
                    .next_offset(next_offset.clone())
                    .cache_time(30)
                    .is_personal(true)
                    .send()
            })
            .await;
        if let Err(e) = res {
            self.note_query_failure("answerInlineQuery", &e);
        }
    }

    fn note_query_failure(&self, what: &'static str, e: &RequestError) {
        if classify(e) == Class::Expired {
            self.metrics.error("query_expired");
            tracing::debug!(what, "answered too late; Telegram no longer waits for it");
        } else {
            self.metrics.error("answer_failed");
            tracing::warn!(what, error = %describe(e), "could not answer");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use teloxide::types::Seconds;

    #[test]
    fn errors_are_classified_by_what_they_mean() {
        let api =
            |d: &str| RequestError::Api(serde_json::from_value(serde_json::json!(d)).unwrap());
        assert_eq!(
            classify(&RequestError::RetryAfter(Seconds::from_seconds(7))),
            Class::Flood(Duration::from_secs(7))
        );
        assert_eq!(
            classify(&RequestError::MigrateToChatId(ChatId(-100123))),
            Class::Migrated(ChatId(-100123))
        );
        assert_eq!(
            classify(&api("Forbidden: bot was blocked by the user")),
            Class::Blocked
        );
        assert_eq!(
            classify(&api("Forbidden: bot is not a member of the channel chat")),
            Class::Blocked
        );
        assert_eq!(
            classify(&api(
                "Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 0"
            )),
            Class::Markup
        );
        assert_eq!(classify(&api("Bad Gateway")), Class::Transient("server"));
        assert_eq!(
            classify(&api("Internal Server Error")),
            Class::Transient("server")
        );
        assert_eq!(
            classify(&api("Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message")),
            Class::NotModified
        );
        assert_eq!(
            classify(&api(
                "Bad Request: query is too old and response timeout expired or query id is invalid"
            )),
            Class::Expired
        );
        assert_eq!(classify(&api("Bad Request: chat not found")), Class::Other);
    }

    #[test]
    fn the_book_remembers_blocks_and_moves() {
        let book = ChatBook::default();
        assert!(book.block(ChatId(5)));
        assert!(!book.block(ChatId(5)));
        assert!(book.is_blocked(ChatId(5)));
        book.heard_from(ChatId(5));
        assert!(!book.is_blocked(ChatId(5)));
        book.migrate(ChatId(-5), ChatId(-1005));
        assert_eq!(book.current(ChatId(-5)), ChatId(-1005));
        assert_eq!(book.current(ChatId(-6)), ChatId(-6));
    }
}
