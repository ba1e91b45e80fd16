//! The Telegram bot: private chats, groups, channels, inline mode and buttons, on top of the
//! answer engine.
//!
//! Start-up checks the token and the API with `getMe` (a wrong token or an unreachable API
//! is a clear error), registers the commands, then runs:
//!
//! ```text
//! polling / webhook ─▶ inbox ─▶ gate ─▶ teloxide dispatcher (a worker per chat)
//!                                          └─▶ handler tree ─▶ engine pool ─▶ outbox ─▶ Telegram
//! ```
//!
//! | folder | its job |
//! | --- | --- |
//! | `config.rs` | settings from the environment; secrets redacted |
//! | `metrics.rs` | counters, `/health`, `/metrics` |
//! | `render/` | what the bot says: Telegram HTML, the buttons and their callback data |
//! | `send/` | talking back: sending, retries, Telegram's errors; the [`Api`] bound |
//! | `gate/` | admission: duplicates, per-chat queue bounds, the per-user rate limit |
//! | `state/` | what the handlers share, and the engine pool they call through |
//! | `address/` | reading a message: who it is for, which command, which language |
//! | `admin/` | admins' work: uploads and their caption, `/articles` and `/remove`, live refresh |
//! | `handlers/` | the handler tree and its endpoints: commands, chats, buttons, inline, panics |
//! | `transport/` | where updates come from: polling and the webhook endpoint |
//!
//! Each folder imports only the folders above it in this table (checked by
//! `tests/layers.rs`), and `lib.rs` wires them together.
//!
//! Ctrl-C and SIGTERM stop the bot gracefully: updates in progress finish first. SIGHUP
//! re-reads the data folder, which is also watched while the bot runs.
//!
//! Telegram types live in this crate alone: it imports only the engine's public API and
//! the conversation crate, and neither of them imports it.

pub mod address;
pub mod admin;
pub mod config;
pub mod gate;
pub mod handlers;
pub mod metrics;
pub mod render;
pub mod send;
pub mod state;
pub mod transport;

use address::command;
use admin::live;
use handlers::tree;
use transport::{listen, webhook};

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::bail;
use teloxide::adaptors::throttle::{Limits, Settings};
use teloxide::adaptors::Throttle;
use teloxide::dispatching::ShutdownToken;
use teloxide::net::Download;
use teloxide::prelude::*;
use teloxide::types::{BotCommandScope, Recipient};
use teloxide::{ApiError, RequestError};
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;

pub use config::{BotConfig, RateLimit, WebhookConfig};
pub use state::BotState;

use factbot_conversation::Lang;
use factbot_engine::{Engine, Watcher};

pub use send::Api;
pub use state::{HandlerError, HandlerResult};
/// The handler error type, for callers building their own dispatcher.
pub type Error = HandlerError;

/// Telegram's limits as the throttle keeps them: 30 messages a second overall, one a second
/// per chat, 20 a minute per chat and per group.
pub const LIMITS: Limits = Limits {
    messages_per_sec_chat: 1,
    messages_per_min_chat: 20,
    messages_per_min_channel_or_supergroup: 20,
    messages_per_sec_overall: 30,
};

/// The HTTP client's timeout: long enough for a 10 s long poll, and long enough that a send
/// which timed out was most likely never accepted (so retrying it rarely doubles it).
const HTTP_TIMEOUT: Duration = Duration::from_secs(30);

/// A bot API client for `cfg`.
pub fn client(cfg: &BotConfig) -> anyhow::Result<Bot> {
    let http = teloxide::net::default_reqwest_settings()
        .timeout(HTTP_TIMEOUT)
        .build()
        .map_err(|e| anyhow::anyhow!("cannot build the HTTP client: {e}"))?;
    let bot = Bot::with_client(cfg.token.clone(), http);
    Ok(match &cfg.api_url {
        Some(u) => bot.set_api_url(u.clone()),
        None => bot,
    })
}

/// Check the token and the API: `getMe` must succeed before anything else.
pub async fn connect(cfg: &BotConfig) -> anyhow::Result<(Bot, teloxide::types::Me)> {
    let bot = client(cfg)?;
    tracing::info!(api = %cfg.api_host(), "connecting to the Telegram Bot API");
    match tokio::time::timeout(Duration::from_secs(30), bot.get_me().send()).await {
        Err(_) => bail!("the Telegram Bot API at {} did not answer within 30 s; check the network or TELOXIDE_API_URL", cfg.api_host()),
        Ok(Err(RequestError::Api(ApiError::InvalidToken))) => {
            bail!("Telegram rejected the token in TELOXIDE_TOKEN; create a bot with @BotFather and copy its token")
        }
        Ok(Err(e)) => bail!("cannot reach the Telegram Bot API at {}: {}; check the network or TELOXIDE_API_URL", cfg.api_host(), send::describe(&e)),
        Ok(Ok(me)) => Ok((bot, me)),
    }
}

/// Where updates come from.
#[derive(Debug, Clone)]
pub enum Source {
    /// Long polling (a leftover webhook is deleted first).
    Polling,
    /// A webhook endpoint.
    Webhook(WebhookConfig),
}

/// A running bot.
pub struct Running {
    shutdown: ShutdownToken,
    dispatcher: JoinHandle<()>,
    /// The address the webhook endpoint listens on, in webhook mode.
    pub webhook_addr: Option<SocketAddr>,
    /// Keeps the data folder watched while the bot runs.
    _watcher: Option<Watcher>,
}

impl Running {
    /// Stop receiving, finish the updates in progress (within `grace`), and return.
    pub async fn stop(self, grace: Duration) {
        // the dispatcher may still be starting (getMe): try for a moment
        for _ in 0..50 {
            match self.shutdown.shutdown() {
                Ok(done) => {
                    let _ = tokio::time::timeout(grace, done).await;
                    break;
                }
                Err(_) if self.dispatcher.is_finished() => break,
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            }
        }
        let _ = tokio::time::timeout(grace, self.dispatcher).await;
    }

    /// True once the dispatcher has stopped on its own.
    pub fn is_finished(&self) -> bool {
        self.dispatcher.is_finished()
    }
}

/// Start receiving and answering updates with `bot` (throttled or not) and `state`, and
/// watch the engine's data folder while it runs (unless `state.watch` is off).
pub async fn launch<R>(bot: R, state: Arc<BotState>, source: Source) -> anyhow::Result<Running>
where
    R: Api + Download<StreamErr = reqwest::Error>,
    R: Clone + Send + Sync + 'static,
    R::GetUpdates: Send,
    R::GetWebhookInfo: Send,
    R::DeleteWebhook: Send,
    R::GetMe: Send,
{
    let watcher = if state.watch {
        live::watch(&state.engine)
    } else {
        None
    };
    let (tx, rx) = mpsc::channel(listen::INBOX);
    let (stop_token, stop_flag) = teloxide::stop::mk_stop_token();
    let (stop_tx, stop_rx) = watch::channel(false);
    tokio::spawn(async move {
        stop_flag.await;
        let _ = stop_tx.send(true);
    });
    let webhook_addr = match source {
        Source::Polling => {
            tracing::info!("receiving updates by long polling");
            listen::spawn_polling(bot.clone(), tx, stop_rx, state.clone());
            None
        }
        Source::Webhook(w) => {
            Some(webhook::start(&bot, &w, tx, stop_rx, state.metrics.clone()).await?)
        }
    };
    let inbox = listen::Inbox::new(rx, stop_token, state.clone());
    let mut dispatcher = Dispatcher::builder(bot, tree::schema::<R>())
        .dependencies(dptree::deps![state])
        .distribution_function(gate::worker_key)
        .worker_queue_size(gate::QUEUE)
        .default_handler(|_| async {})
        .error_handler(LoggingErrorHandler::with_custom_text("a handler failed"))
        .build();
    let shutdown = dispatcher.shutdown_token();
    let dispatcher = tokio::spawn(async move {
        let never = LoggingErrorHandler::new();
        if let Err(e) = dispatcher.try_dispatch_with_listener(inbox, never).await {
            tracing::error!(error = %send::describe(&e), "the dispatcher could not start (getMe failed)");
        }
    });
    Ok(Running {
        shutdown,
        dispatcher,
        webhook_addr,
        _watcher: watcher,
    })
}

/// Run the bot until Ctrl-C or SIGTERM.
pub async fn run(engine: Arc<Engine>, cfg: BotConfig) -> anyhow::Result<()> {
    let (bot, me) = connect(&cfg).await?;
    tracing::info!(username = %me.username(), "connected as @{}", me.username());
    if let Some(w) = cfg.webhook.as_ref().filter(|w| w.secret_generated) {
        // printed once, on standard output, never logged
        println!("FACTBOT_WEBHOOK_SECRET={} (generated for this run; put it in .env to keep it, and give every replica the same one)", w.secret);
    }
    register_commands(&bot, &cfg.admins).await;
    let mut state = BotState::with(engine, cfg.admins.clone(), cfg.rate_limit);
    state.watch = cfg.watch;
    let state = Arc::new(state);
    let hangup = live::refresh_on_hangup(state.clone());
    if let Some(addr) = cfg.metrics_listen {
        state.metrics.clone().serve(addr).await?;
    }
    let source = match cfg.webhook.clone() {
        Some(w) => Source::Webhook(w),
        None => Source::Polling,
    };
    tracing::info!(throttle = cfg.throttle, rate_limit = ?cfg.rate_limit, "starting");
    let running = if cfg.throttle {
        let settings = Settings::default().limits(LIMITS).no_retry();
        launch(Throttle::spawn_with_settings(bot, settings), state, source).await?
    } else {
        launch(bot, state, source).await?
    };
    tokio::select! {
        _ = stop_signal() => tracing::info!("stopping: finishing the updates in progress"),
        _ = wait_finished(&running) => tracing::error!("the dispatcher stopped by itself"),
    }
    running.stop(Duration::from_secs(20)).await;
    if let Some(h) = hangup {
        h.abort();
    }
    tracing::info!("bot stopped");
    Ok(())
}

async fn wait_finished(running: &Running) {
    while !running.is_finished() {
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// setMyCommands in English (the default) and Chinese; in each admin's private chat, the
/// same with the admins' commands. A failure is logged, not fatal.
pub async fn register_commands(bot: &Bot, admins: &[u64]) {
    if let Err(e) = bot.set_my_commands(command::menu(Lang::En)).await {
        tracing::warn!(error = %send::describe(&e), "setMyCommands failed");
    }
    if let Err(e) = bot
        .set_my_commands(command::menu(Lang::Zh))
        .language_code("zh")
        .await
    {
        tracing::warn!(error = %send::describe(&e), "setMyCommands (zh) failed");
    }
    for &admin in admins {
        let Ok(id) = i64::try_from(admin) else {
            continue;
        };
        let scope = BotCommandScope::Chat {
            chat_id: Recipient::Id(ChatId(id)),
        };
        let en = bot
            .set_my_commands(command::admin_menu(Lang::En))
            .scope(scope.clone())
            .await;
        let zh = bot
            .set_my_commands(command::admin_menu(Lang::Zh))
            .scope(scope)
            .language_code("zh")
            .await;
        if let Some(e) = en.err().or(zh.err()) {
            // a user who never wrote to the bot: their chat does not exist yet
            tracing::warn!(admin, error = %send::describe(&e), "setMyCommands for an admin failed");
        }
    }
}

/// Ctrl-C or SIGTERM (what service managers and container runtimes send).
async fn stop_signal() {
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term => {}
    }
}
