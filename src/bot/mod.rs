//! The Telegram bot: private chats, groups, channels, inline mode and buttons, on top of the
//! answer engine.
//!
//! Telegram types live in this module only; the engine modules never import it, and it
//! imports only the library's public API and `conversation` (checked by `tests/layers.rs`). Start-up
//! checks the token and the API with `getMe` (a wrong token or an unreachable API is a clear
//! error, not a dispatcher panic), registers the commands, then runs the dispatcher with
//! long polling or behind a webhook. Ctrl-C and SIGTERM stop it gracefully: updates in
//! progress finish first.

pub mod callback;
pub mod handlers;
pub mod render;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context};
use teloxide::adaptors::throttle::Limits;
use teloxide::adaptors::Throttle;
use teloxide::prelude::*;
use teloxide::update_listeners::webhooks;
use teloxide::{ApiError, RequestError};

use crate::conversation::Lang;
use crate::Engine;
use handlers::{BotState, HandlerError};

/// Where and how the bot runs, from the environment (and `.env`).
#[derive(Clone)]
pub struct BotConfig {
    /// Never logged or printed (see the `Debug` impl).
    pub token: String,
    /// A local Bot API server, or a test server (`TELOXIDE_API_URL`).
    pub api_url: Option<reqwest::Url>,
    /// Webhook mode when set; long polling otherwise.
    pub webhook: Option<WebhookConfig>,
    /// Telegram user ids allowed to use /stats.
    pub admins: Vec<u64>,
}

/// Where Telegram posts updates in webhook mode.
#[derive(Debug, Clone)]
pub struct WebhookConfig {
    /// The public HTTPS address Telegram posts updates to.
    pub url: reqwest::Url,
    /// The local address to listen on.
    pub listen: SocketAddr,
    /// Telegram sends it back in a header; requests without it are refused.
    pub secret: Option<String>,
}

impl std::fmt::Debug for BotConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BotConfig")
            .field("token", &"<redacted>")
            .field("api_url", &self.api_url.as_ref().map(|u| u.as_str()))
            .field("webhook", &self.webhook)
            .field("admins", &self.admins)
            .finish()
    }
}

impl BotConfig {
    /// Read the configuration; `Ok(None)` when no `TELOXIDE_TOKEN` is set.
    pub fn from_env(
        webhook_url: Option<&str>,
        listen: Option<&str>,
    ) -> anyhow::Result<Option<BotConfig>> {
        let token = std::env::var("TELOXIDE_TOKEN")
            .unwrap_or_default()
            .trim()
            .to_string();
        if token.is_empty() {
            return Ok(None);
        }
        if !token.contains(':') {
            bail!("TELOXIDE_TOKEN does not look like a bot token (it should read like 123456:ABC…); copy it again from @BotFather");
        }
        let api_url = match std::env::var("TELOXIDE_API_URL")
            .ok()
            .filter(|u| !u.trim().is_empty())
        {
            Some(u) => Some(
                reqwest::Url::parse(u.trim())
                    .with_context(|| format!("TELOXIDE_API_URL is not a valid URL: {u}"))?,
            ),
            None => None,
        };
        let webhook_url = webhook_url
            .map(str::to_string)
            .or_else(|| std::env::var("FACTBOT_WEBHOOK_URL").ok())
            .filter(|u| !u.trim().is_empty());
        let webhook = match webhook_url {
            None => None,
            Some(u) => {
                let url = reqwest::Url::parse(u.trim())
                    .with_context(|| format!("the webhook URL is not a valid URL: {u}"))?;
                let listen = listen
                    .map(str::to_string)
                    .or_else(|| std::env::var("FACTBOT_WEBHOOK_LISTEN").ok())
                    .unwrap_or_else(|| "0.0.0.0:8443".into());
                let listen: SocketAddr = listen.parse().with_context(|| {
                    format!("FACTBOT_WEBHOOK_LISTEN is not an address like 0.0.0.0:8443: {listen}")
                })?;
                let secret = std::env::var("FACTBOT_WEBHOOK_SECRET")
                    .ok()
                    .filter(|s| !s.is_empty());
                Some(WebhookConfig {
                    url,
                    listen,
                    secret,
                })
            }
        };
        let admins = std::env::var("FACTBOT_ADMINS")
            .unwrap_or_default()
            .split(',')
            .filter_map(|s| s.trim().parse().ok())
            .collect();
        Ok(Some(BotConfig {
            token,
            api_url,
            webhook,
            admins,
        }))
    }

    fn bot(&self) -> Bot {
        let bot = Bot::new(self.token.clone());
        match &self.api_url {
            Some(u) => bot.set_api_url(u.clone()),
            None => bot,
        }
    }

    fn api_host(&self) -> String {
        self.api_url
            .as_ref()
            .map(|u| u.as_str().to_string())
            .unwrap_or_else(|| "https://api.telegram.org".into())
    }
}

/// Check the token and the API: `getMe` must succeed before anything else.
pub async fn connect(cfg: &BotConfig) -> anyhow::Result<(Bot, teloxide::types::Me)> {
    let bot = cfg.bot();
    tracing::info!(api = %cfg.api_host(), "connecting to the Telegram Bot API");
    match tokio::time::timeout(Duration::from_secs(30), bot.get_me().send()).await {
        Err(_) => bail!("the Telegram Bot API at {} did not answer within 30 s; check the network or TELOXIDE_API_URL", cfg.api_host()),
        Ok(Err(RequestError::Api(ApiError::InvalidToken))) => {
            bail!("Telegram rejected the token in TELOXIDE_TOKEN; create a bot with @BotFather and copy its token")
        }
        Ok(Err(e)) => bail!("cannot reach the Telegram Bot API at {}: {e}; check the network or TELOXIDE_API_URL", cfg.api_host()),
        Ok(Ok(me)) => Ok((bot, me)),
    }
}

/// Run the bot until Ctrl-C or SIGTERM.
pub async fn run(engine: Arc<Engine>, cfg: BotConfig) -> anyhow::Result<()> {
    let (bot, me) = connect(&cfg).await?;
    tracing::info!(username = %me.username(), "connected as @{}", me.username());
    register_commands(&bot).await;
    let state = Arc::new(BotState::with_admins(engine, cfg.admins.clone()));
    let bot = bot.throttle(Limits::default());
    let mut dispatcher = Dispatcher::builder(bot.clone(), handlers::schema::<Throttle<Bot>>())
        .dependencies(dptree::deps![state])
        .default_handler(|upd| async move { tracing::debug!(id = upd.id.0, "update not handled") })
        .error_handler(LoggingErrorHandler::with_custom_text("a handler failed"))
        .enable_ctrlc_handler()
        .build();
    // SIGTERM (what container runtimes send) stops the dispatcher like Ctrl-C
    let token = dispatcher.shutdown_token();
    tokio::spawn(async move {
        terminate_signal().await;
        tracing::info!("SIGTERM: finishing the updates in progress, then stopping");
        if let Ok(done) = token.shutdown() {
            done.await;
        }
    });
    let errors = LoggingErrorHandler::with_custom_text("receiving updates failed");
    match cfg.webhook {
        None => {
            tracing::info!("receiving updates by long polling");
            let listener = teloxide::update_listeners::polling_default(bot.clone()).await;
            dispatcher
                .try_dispatch_with_listener(listener, errors)
                .await
                .map_err(|e| anyhow::anyhow!("the bot stopped: {e}"))?;
        }
        Some(w) => {
            // Several replicas may serve one bot behind a load balancer: each sets the same
            // webhook (idempotent) and none deletes it on shutdown.
            let mut options = webhooks::Options::new(w.listen, w.url.clone());
            if let Some(s) = &w.secret {
                options = options.secret_token(s.clone());
            }
            let mut set = bot.inner().set_webhook(w.url.clone());
            set.secret_token = w.secret.clone();
            set.allowed_updates = Some(handler_allowed_updates());
            set.await.context("setWebhook failed")?;
            let (listener, stop, router) = webhooks::axum_no_setup(options);
            let tcp = tokio::net::TcpListener::bind(w.listen)
                .await
                .with_context(|| format!("cannot listen on {}", w.listen))?;
            tracing::info!(listen = %w.listen, url = %w.url, "receiving updates by webhook");
            tokio::spawn(async move {
                if let Err(e) = axum::serve(tcp, router).with_graceful_shutdown(stop).await {
                    tracing::error!("webhook server failed: {e}");
                }
            });
            dispatcher
                .try_dispatch_with_listener(listener, errors)
                .await
                .map_err(|e| anyhow::anyhow!("the bot stopped: {e}"))?;
        }
    }
    tracing::info!("bot stopped");
    Ok(())
}

/// The update kinds the handler tree listens to.
fn handler_allowed_updates() -> Vec<teloxide::types::AllowedUpdate> {
    use teloxide::types::AllowedUpdate::*;
    vec![Message, ChannelPost, CallbackQuery, InlineQuery]
}

/// setMyCommands in English (the default) and Chinese. A failure is logged, not fatal.
pub async fn register_commands(bot: &Bot) {
    if let Err(e) = bot.set_my_commands(handlers::commands(Lang::En)).await {
        tracing::warn!("setMyCommands failed: {e}");
    }
    if let Err(e) = bot
        .set_my_commands(handlers::commands(Lang::Zh))
        .language_code("zh")
        .await
    {
        tracing::warn!("setMyCommands (zh) failed: {e}");
    }
}

#[cfg(unix)]
async fn terminate_signal() {
    match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(mut s) => {
            s.recv().await;
        }
        Err(_) => std::future::pending::<()>().await,
    }
}

#[cfg(not(unix))]
async fn terminate_signal() {
    std::future::pending::<()>().await
}

/// The handler error type, for callers building their own dispatcher (tests).
pub type Error = HandlerError;
