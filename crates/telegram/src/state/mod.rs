//! What the handlers share, injected into the handler tree as one `Arc<BotState>`: the
//! engine, the example questions, the admins, the per-user limiter, the admission gate, the
//! chat book, the engine pool, the counters, and the test hooks.

pub mod work;

use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::config::RateLimit;
use crate::gate::ratelimit::Limiter;
use crate::gate::Gate;
use crate::metrics::Metrics;
use crate::send::{ChatBook, Outbox};
use crate::state::work::Pool;
use factbot_engine::Engine;

/// What a handler may fail with.
pub type HandlerError = Box<dyn std::error::Error + Send + Sync>;
/// What a handler returns.
pub type HandlerResult = Result<(), HandlerError>;

/// The shared state of the bot.
pub struct BotState {
    /// The answer engine.
    pub engine: Arc<Engine>,
    /// The example questions of /start, in button order.
    pub examples: Vec<String>,
    /// Telegram user ids allowed to add and remove articles and to use /stats.
    pub admins: Vec<u64>,
    /// Watch the engine's data folder while the bot runs (on unless `FACTBOT_WATCH=off`).
    pub watch: bool,
    /// The per-user rate limit.
    pub limiter: Limiter,
    /// Admission: duplicates and per-chat queue bounds.
    pub gate: Gate,
    /// Chats that blocked the bot, groups that moved.
    pub book: Arc<ChatBook>,
    /// Where engine work runs.
    pub pool: Pool,
    /// The counters.
    pub metrics: Arc<Metrics>,
    /// Faults a test can ask for.
    pub hooks: Hooks,
    /// When the bot started.
    pub started: Instant,
}

impl BotState {
    /// State for `engine` without admins, with the default rate limit.
    pub fn new(engine: Arc<Engine>) -> BotState {
        BotState::with(engine, Vec::new(), Some(RateLimit::DEFAULT))
    }

    /// State for `engine` with admins and a rate limit (`None`: no limit).
    pub fn with(engine: Arc<Engine>, admins: Vec<u64>, rate_limit: Option<RateLimit>) -> BotState {
        let examples = factbot_conversation::intro(&engine).examples;
        let metrics = Arc::new(Metrics::new());
        BotState {
            engine,
            examples,
            admins,
            watch: true,
            limiter: Limiter::new(rate_limit),
            gate: Gate::new(metrics.clone()),
            book: Arc::new(ChatBook::default()),
            pool: Pool::per_core(),
            metrics,
            hooks: Hooks::default(),
            started: Instant::now(),
        }
    }

    /// Sends through `bot` with this state's chat book and counters.
    pub fn outbox<R>(&self, bot: R) -> Outbox<R>
    where
        R: teloxide::requests::Requester<Err = teloxide::RequestError>
            + Clone
            + Send
            + Sync
            + 'static,
    {
        Outbox::new(bot, self.book.clone(), self.metrics.clone())
    }

    /// Is this Telegram user an admin?
    pub fn is_admin(&self, user: Option<&teloxide::types::User>) -> bool {
        user.is_some_and(|u| self.admins.contains(&u.id.0))
    }
}

/// Faults for tests: none unless a test sets them.
#[derive(Default)]
pub struct Hooks {
    panic_on: Mutex<Option<String>>,
}

impl Hooks {
    /// Make the handler panic while rendering the reply to the next message whose text is
    /// exactly `text` (once).
    #[doc(hidden)]
    pub fn panic_when_rendering(&self, text: &str) {
        *self.panic_on.lock().unwrap_or_else(|p| p.into_inner()) = Some(text.to_string());
    }

    /// Panics if a test asked for it for `text`.
    pub(crate) fn check(&self, text: &str) {
        let mut hook = self.panic_on.lock().unwrap_or_else(|p| p.into_inner());
        if hook.as_deref() == Some(text) {
            *hook = None;
            drop(hook);
            panic!("test hook: rendering fails for this update");
        }
    }
}
