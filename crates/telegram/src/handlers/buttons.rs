//! Button presses. Each press is answered first and always (within a second, before any
//! engine work or send), so the button stops spinning; a stale or forged button gets a
//! polite notice instead. Then the press does its work:
//!
//! - an example question (from /start) is posted as a message and answered in reply to it,
//!   so the answer's own buttons find their question;
//! - 更多结果 re-asks the question the answer replied to;
//! - 核对 checks that question, in reply to the user's message;
//! - 改为搜索 searches the user's own text (the message the check replied to);
//! - 原文段落 shows the paragraph; ◀ ▶ edit the page of key figures in place;
//! - ◀ ▶ under /articles turn its page in place; the /remove buttons (admins only) choose,
//!   confirm or cancel a removal (`archive.rs`).

use std::sync::Arc;
use std::time::Instant;

use teloxide::types::{CallbackQuery, Message, MessageId};

use crate::address::{lang_of, strip_addressing};
use crate::admin::archive;
use crate::handlers::converse::{self, Said};
use crate::render;
use crate::render::callback::Callback;
use crate::render::keyboards;
use crate::send::Api;
use crate::send::{Outbox, Target, ANSWER_USEFUL, QUERY_USEFUL};
use crate::state::BotState;
use crate::state::HandlerResult;
use factbot_conversation::{self, Lang, Reply, Setting};
use factbot_engine::ArticleKey;

/// What a valid press asks for.
enum Press {
    Example(String),
    More(String),
    Check { text: String, asked: MessageId },
    Search { text: String, asked: MessageId },
    Paragraph(factbot_engine::ParagraphRef),
    Facts { page: usize, topic: String },
    Articles(usize),
    RemoveList(usize),
    RemoveAsk(ArticleKey),
    RemoveYes(ArticleKey),
    RemoveNo,
}

/// Why a press does nothing (said in the press's notice).
enum Refused {
    /// Stale or forged data, or what it needs is gone.
    Expired,
    /// A button for admins, pressed by someone else.
    AdminOnly,
}

impl Press {
    /// Who may press: the /remove buttons are for admins.
    fn admins_only(&self) -> bool {
        matches!(
            self,
            Press::RemoveList(_) | Press::RemoveAsk(_) | Press::RemoveYes(_) | Press::RemoveNo
        )
    }

    /// The press, if its data is valid and what it needs is still there.
    fn read(cb: Callback, data: &str, msg: &Message, state: &BotState) -> Option<Press> {
        // the message the pressed answer replied to: the question or the claim
        let asked = msg.reply_to_message();
        let asked_text = asked
            .and_then(|m| m.text())
            .map(strip_addressing)
            .filter(|t| !t.is_empty());
        Some(match cb {
            // the button's own label (under /start or an added article), else the example
            // questions of the start for a message that does not carry its buttons
            Callback::Example(n) => Press::Example(
                keyboards::label_of(msg.reply_markup(), data)
                    .or_else(|| state.examples.get(n as usize).cloned())?,
            ),
            Callback::More => Press::More(asked_text?),
            Callback::Check => Press::Check {
                text: asked_text?,
                asked: asked?.id,
            },
            Callback::Search => Press::Search {
                text: asked_text?,
                asked: asked?.id,
            },
            Callback::Paragraph(r) => Press::Paragraph(r),
            Callback::Facts { page, topic } => Press::Facts {
                page: page as usize,
                topic,
            },
            Callback::Articles(page) => Press::Articles(page as usize),
            Callback::RemoveList(page) => Press::RemoveList(page as usize),
            Callback::RemoveAsk(key) => Press::RemoveAsk(key),
            Callback::RemoveYes(key) => Press::RemoveYes(key),
            Callback::RemoveNo => Press::RemoveNo,
        })
    }
}

/// A button press.
pub async fn on_press<R>(bot: R, q: CallbackQuery, state: Arc<BotState>) -> HandlerResult
where
    R: Api,
{
    let out = state.outbox(bot);
    let lang = lang_of(Some(&q.from));
    let msg = q.regular_message();
    let data = q.data.as_deref().unwrap_or_default();
    let press = match (Callback::decode(data), msg) {
        (Some(cb), Some(m)) => Press::read(cb, data, m, &state).ok_or(Refused::Expired),
        _ => Err(Refused::Expired),
    };
    let press = press.and_then(|p| {
        if p.admins_only() && !state.is_admin(Some(&q.from)) {
            Err(Refused::AdminOnly)
        } else {
            Ok(p)
        }
    });
    let t = lang.texts();
    let notice = match &press {
        Ok(_) => None,
        Err(Refused::Expired) => Some(t.button_expired),
        Err(Refused::AdminOnly) => Some(t.admin_only),
    };
    out.answer_callback(&q.id, notice, Instant::now() + QUERY_USEFUL)
        .await;
    if let (Ok(press), Some(msg)) = (press, msg) {
        perform(&out, &state, press, msg, &q.from, lang).await;
    }
    Ok(())
}

async fn perform<R>(
    out: &Outbox<R>,
    state: &Arc<BotState>,
    press: Press,
    msg: &Message,
    by: &teloxide::types::User,
    lang: Lang,
) where
    R: Api,
{
    let deadline = Instant::now() + ANSWER_USEFUL;
    let setting = Setting {
        direct: msg.chat.is_private(),
    };
    let here = Target::beside(msg);
    let (target, said) = match press {
        Press::Example(question) => {
            // the question as a message of its own, so the answer has something to reply to
            let pieces = render::pack(
                &[render::Block::italic(question.clone())],
                render::MAX_MESSAGE,
            );
            let Some(posted) = out.pieces(here, &pieces, None, deadline).await else {
                return;
            };
            (here.replying(posted.id), Said::Ask(question))
        }
        Press::More(question) => (Target::reply_to(msg), Said::More(question)),
        Press::Check { text, asked } => (here.replying(asked), Said::Check(text)),
        Press::Search { text, asked } => (here.replying(asked), Said::Ask(text)),
        Press::Paragraph(r) => (Target::reply_to(msg), Said::Paragraph(r)),
        Press::Facts { page, topic } => return turn_page(out, state, msg, page, topic, lang).await,
        Press::Articles(page) => return archive::turn_articles(out, state, msg, page, lang).await,
        Press::RemoveList(page) => {
            return archive::turn_remove_list(out, state, msg, page, lang).await
        }
        Press::RemoveAsk(key) => return archive::ask(out, state, msg, key, lang).await,
        Press::RemoveYes(key) => return archive::confirm(out, state, msg, key, by, lang).await,
        Press::RemoveNo => return archive::cancel(out, msg, lang).await,
    };
    converse::reply(out, state, target, said, setting, lang, deadline).await;
}

/// ◀ ▶: the page of key figures, edited in place.
async fn turn_page<R>(
    out: &Outbox<R>,
    state: &Arc<BotState>,
    msg: &Message,
    page: usize,
    topic: String,
    lang: Lang,
) where
    R: Api,
{
    let worker = state.clone();
    let made = state
        .pool
        .run(move || {
            let page = factbot_conversation::facts_page(&worker.engine, &topic, page);
            let markup = keyboards::facts(&page);
            let pieces = render::reply(&Reply::Facts(page), lang);
            (pieces.into_iter().next().unwrap_or_default(), markup)
        })
        .await;
    let deadline = Instant::now() + ANSWER_USEFUL;
    match made {
        Ok((html, markup)) => out.edit(msg.chat.id, msg.id, &html, markup, deadline).await,
        Err(_) => {
            out.text(Target::reply_to(msg), lang.texts().error_generic, deadline)
                .await;
        }
    }
}
