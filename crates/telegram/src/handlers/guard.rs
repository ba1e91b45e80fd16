//! Panic containment, at the root of the handler tree: the rest of the tree runs for each
//! update in a task of its own, so a panic anywhere in it (a filter, an endpoint, the
//! rendering) ends that task only. It is logged with the update id and answered with a
//! short apology; the dispatcher's worker for the chat, the dispatcher and the update source
//! never see it. The same place frees the update's admission ticket and times it.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::ControlFlow;
use std::sync::Arc;
use std::time::Instant;

use teloxide::dispatching::DpHandlerDescription;
use teloxide::dptree::{self, di::DependencyMap, HandlerDescription, HandlerSignature};
use teloxide::prelude::*;
use teloxide::types::{InlineQueryResult, UpdateKind};

use crate::send::Api;
use crate::send::{Target, ANSWER_USEFUL, QUERY_USEFUL};
use crate::state::BotState;
use crate::state::HandlerError;
use factbot_conversation::Lang;

/// Frees the update's place in the gate when dropped (even when unwinding).
struct Ticket {
    state: Arc<BotState>,
    update: Arc<Update>,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        if let Some(took) = self.state.gate.done(&self.update) {
            self.state.metrics.observe(took);
        }
    }
}

/// The root of the tree: everything chained after it runs contained.
pub fn contained<R>() -> Handler<'static, Result<(), HandlerError>, DpHandlerDescription>
where
    R: Api,
{
    dptree::from_fn_with_description(
        DpHandlerDescription::entry(),
        |deps: DependencyMap, rest| async move {
            let (Some(update), Some(state)) =
                (deps.try_get::<Update>(), deps.try_get::<Arc<BotState>>())
            else {
                tracing::error!("the handler tree runs without its state; nothing is answered");
                return ControlFlow::Break(Ok(()));
            };
            let state: Arc<BotState> = (*state).clone();
            let bot = deps.try_get::<R>();
            let _ticket = Ticket {
                state: state.clone(),
                update: update.clone(),
            };
            match tokio::spawn(rest(deps)).await {
                Ok(flow) => flow,
                Err(e) if e.is_panic() => {
                    state.metrics.error("panic");
                    tracing::error!(
                        id = update.id.0,
                        "a handler panicked; the update is answered with an apology"
                    );
                    if let Some(bot) = bot {
                        apologise(&*bot, &state, &update).await;
                    }
                    ControlFlow::Break(Ok(()))
                }
                Err(_) => ControlFlow::Break(Ok(())), // cancelled: shutting down
            }
        },
        HandlerSignature::Other {
            obligations: BTreeMap::new(),
            guaranteed_outcomes: BTreeSet::new(),
            conditional_outcomes: BTreeSet::new(),
            continues: true,
        },
    )
}

/// A short apology wherever the update came from.
async fn apologise<R>(bot: &R, state: &BotState, update: &Update)
where
    R: Api,
{
    let out = state.outbox(bot.clone());
    let lang = Lang::from_code(update.from().and_then(|u| u.language_code.as_deref()));
    let sorry = lang.texts().error_generic;
    match &update.kind {
        UpdateKind::Message(m) | UpdateKind::ChannelPost(m) => {
            out.text(Target::reply_to(m), sorry, Instant::now() + ANSWER_USEFUL)
                .await;
        }
        UpdateKind::CallbackQuery(q) => {
            out.answer_callback(&q.id, Some(sorry), Instant::now() + QUERY_USEFUL)
                .await
        }
        UpdateKind::InlineQuery(q) => {
            let none: Vec<InlineQueryResult> = Vec::new();
            out.answer_inline(&q.id, none, String::new(), Instant::now() + QUERY_USEFUL)
                .await
        }
        _ => {}
    }
}
