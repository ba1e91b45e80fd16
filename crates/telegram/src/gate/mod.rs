//! Admission, between the update source and the dispatcher: each update is counted, a
//! duplicate is dropped, and so is an update whose chat already has [`PER_WORKER`] updates
//! waiting (with a log line and a count). The dispatcher hands each chat's updates to that
//! chat's worker through a queue of [`QUEUE`] places and *waits* when it is full, which
//! would stall every chat; since a chat never has more than `PER_WORKER` < `QUEUE` updates
//! admitted and unfinished, that wait never happens.
//!
//! The worker key is the one the dispatcher uses ([`worker_key`]): the chat for messages,
//! the user for inline queries (so they do not all queue behind one worker) and for button
//! presses (so a press is answered at once even while the chat's worker waits out a
//! throttled send).

pub mod dedup;
pub mod ratelimit;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use teloxide::types::{ChatId, Update, UpdateKind, UserId};

use crate::gate::dedup::Dedup;
use crate::metrics::Metrics;

/// Updates admitted and unfinished per worker, at most.
pub const PER_WORKER: usize = 32;
/// The dispatcher's queue per worker (must exceed [`PER_WORKER`]).
pub const QUEUE: usize = 64;
/// Update ids remembered against redelivery.
const REMEMBERED: usize = 20_000;

/// Which dispatcher worker handles an update: updates of one chat are handled in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WorkerKey {
    /// A chat's messages.
    Chat(ChatId),
    /// A user's inline queries and button presses.
    User(UserId),
}

/// The worker for an update (the dispatcher's distribution function).
pub fn worker_key(upd: &Update) -> Option<WorkerKey> {
    if let UpdateKind::CallbackQuery(q) = &upd.kind {
        return Some(WorkerKey::User(q.from.id));
    }
    if let Some(chat) = upd.chat() {
        return Some(WorkerKey::Chat(chat.id));
    }
    upd.from().map(|u| WorkerKey::User(u.id))
}

fn kind(upd: &Update) -> &'static str {
    match &upd.kind {
        UpdateKind::Message(_) => "message",
        UpdateKind::ChannelPost(_) => "channel_post",
        UpdateKind::CallbackQuery(_) => "callback",
        UpdateKind::InlineQuery(_) => "inline",
        _ => "other",
    }
}

#[derive(Default)]
struct Pending {
    count: usize,
    warned: bool,
}

/// The admission gate.
pub struct Gate {
    dedup: Dedup,
    pending: Mutex<HashMap<Option<WorkerKey>, Pending>>,
    received: Mutex<HashMap<u32, Instant>>,
    metrics: Arc<Metrics>,
}

impl Gate {
    /// A gate counting into `metrics`.
    pub fn new(metrics: Arc<Metrics>) -> Gate {
        Gate {
            dedup: Dedup::new(REMEMBERED),
            pending: Mutex::new(HashMap::new()),
            received: Mutex::new(HashMap::new()),
            metrics,
        }
    }

    /// Let the update through to the dispatcher? Every `true` must be followed by one
    /// [`Gate::done`] once it is handled.
    pub fn admit(&self, upd: &Update) -> bool {
        self.metrics.updates.with_label_values(&[kind(upd)]).inc();
        if let UpdateKind::Error(_) = upd.kind {
            // the dispatcher skips what it cannot parse
            self.metrics.drop_update("unparsed");
            tracing::warn!(id = upd.id.0, "an update the bot cannot read; skipped");
            return false;
        }
        if !self.dedup.first_time(upd.id.0) {
            self.metrics.drop_update("duplicate");
            tracing::info!(id = upd.id.0, "update delivered again; already handled");
            return false;
        }
        let key = worker_key(upd);
        let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
        let p = pending.entry(key).or_default();
        if p.count >= PER_WORKER {
            self.metrics.drop_update("queue_full");
            if !p.warned {
                p.warned = true;
                tracing::warn!(
                    id = upd.id.0,
                    ?key,
                    "a chat's queue is full; dropping its updates until it drains"
                );
            } else {
                tracing::debug!(id = upd.id.0, ?key, "queue full; update dropped");
            }
            return false;
        }
        p.count += 1;
        drop(pending);
        let mut received = self.received.lock().unwrap_or_else(|p| p.into_inner());
        received.insert(upd.id.0, Instant::now());
        true
    }

    /// The update was handled: free its place; how long it took since it was admitted.
    pub fn done(&self, upd: &Update) -> Option<Duration> {
        let key = worker_key(upd);
        let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(p) = pending.get_mut(&key) {
            p.count = p.count.saturating_sub(1);
            if p.count == 0 {
                pending.remove(&key);
            } else if p.count < PER_WORKER / 2 {
                p.warned = false;
            }
        }
        drop(pending);
        let mut received = self.received.lock().unwrap_or_else(|p| p.into_inner());
        received.remove(&upd.id.0).map(|at| at.elapsed())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(id: u32, chat: i64) -> Update {
        let json = serde_json::json!({"update_id": id, "message": {
            "message_id": id, "date": 0, "chat": {"id": chat, "type": "private", "first_name": "A"},
            "from": {"id": chat, "is_bot": false, "first_name": "A"}, "text": "hi"}});
        let u: Update = serde_json::from_str(&json.to_string()).unwrap();
        assert!(!matches!(u.kind, UpdateKind::Error(_)), "{u:?}");
        u
    }

    #[test]
    fn a_full_chat_drops_without_blocking_others() {
        let gate = Gate::new(Arc::new(Metrics::new()));
        let mut admitted = Vec::new();
        for i in 0..(PER_WORKER as u32 + 5) {
            let u = message(i, 1);
            if gate.admit(&u) {
                admitted.push(u);
            }
        }
        assert_eq!(admitted.len(), PER_WORKER);
        assert!(gate.admit(&message(1000, 2)), "another chat is admitted");
        assert!(!gate.admit(&message(1000, 2)), "a duplicate is not");
        assert!(gate.done(&admitted[0]).is_some());
        assert!(gate.admit(&message(2000, 1)), "a freed place is used again");
        assert!(gate.metrics.render().contains("reason=\"queue_full\"} 5"));
    }
}
