//! One exchange: what the user said goes to the conversation layer and the engine on the
//! engine pool, comes back as HTML pieces and buttons, and is sent where it belongs. A
//! failure inside the engine becomes a short apology for this one message.

use std::sync::Arc;
use std::time::Instant;

use teloxide::types::{InlineKeyboardMarkup, Message};

use crate::render;
use crate::render::keyboards;
use crate::send::Api;
use crate::send::{Outbox, Target};
use crate::state::BotState;
use factbot_conversation::{self, Lang, Reply, Request, Setting};
use factbot_engine::{ParagraphRef, Status, Verdict};

/// What the user said, owned (it travels to the engine pool).
#[derive(Debug, Clone, PartialEq)]
pub enum Said {
    /// A plain message.
    Text(String),
    /// `/ask question`.
    Ask(String),
    /// `/check claim`.
    Check(String),
    /// The 更多结果 button for a question.
    More(String),
    /// `/facts [topic]`, first page.
    Facts(String),
    /// The 原文段落 button.
    Paragraph(ParagraphRef),
    /// `/source`.
    Source,
    /// `/help`.
    Help,
}

impl Said {
    fn request(&self) -> Request<'_> {
        match self {
            Said::Text(t) => Request::Text(t),
            Said::Ask(q) => Request::Ask(q),
            Said::Check(c) => Request::Check(c),
            Said::More(q) => Request::More(q),
            Said::Facts(topic) => Request::Facts { topic, page: 0 },
            Said::Paragraph(r) => Request::Paragraph(*r),
            Said::Source => Request::Source,
            Said::Help => Request::Help,
        }
    }

    /// The text the test hook looks for.
    fn text(&self) -> &str {
        match self {
            Said::Text(t) | Said::Ask(t) | Said::Check(t) | Said::More(t) | Said::Facts(t) => t,
            _ => "",
        }
    }
}

/// Decide, render and send the reply to `said` at `target`. Returns the first message sent.
pub async fn reply<R>(
    out: &Outbox<R>,
    state: &Arc<BotState>,
    target: Target,
    said: Said,
    setting: Setting,
    lang: Lang,
    deadline: Instant,
) -> Option<Message>
where
    R: Api,
{
    let hook_text = said.text().to_string();
    let check = matches!(said, Said::Check(_));
    let worker = state.clone();
    let made = state
        .pool
        .run(move || {
            let reply = factbot_conversation::respond(&worker.engine, said.request(), setting);
            count(&worker, &reply);
            rendered(&reply, lang)
        })
        .await;
    state.hooks.check(&hook_text);
    match made {
        Ok((pieces, markup)) => out.pieces(target, &pieces, markup, deadline).await,
        Err(_) => {
            let t = lang.texts();
            let sorry = if check {
                t.error_check
            } else {
                t.error_question
            };
            out.text(target, sorry, deadline).await
        }
    }
}

/// A reply as HTML pieces and its buttons.
pub fn rendered(reply: &Reply, lang: Lang) -> (Vec<String>, Option<InlineKeyboardMarkup>) {
    (
        render::reply(reply, lang),
        keyboards::for_reply(reply, lang),
    )
}

fn count(state: &BotState, reply: &Reply) {
    let m = &state.metrics;
    match reply {
        Reply::Answer { response, .. } => {
            let status = match response.status {
                Status::Answered => "answered",
                _ => "not_found",
            };
            m.answers.with_label_values(&[status]).inc();
        }
        Reply::Check { result, .. } => {
            let verdict = match result.verdict {
                Verdict::Supported => "supported",
                Verdict::Contradicted => "contradicted",
                Verdict::Unverifiable => "unverifiable",
            };
            m.verdicts.with_label_values(&[verdict]).inc();
        }
        _ => {}
    }
}
