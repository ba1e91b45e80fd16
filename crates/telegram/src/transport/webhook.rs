//! Webhook mode: an HTTP endpoint Telegram posts updates to.
//!
//! - Every request must carry the secret (`X-Telegram-Bot-Api-Secret-Token`); without it,
//!   401. The secret is compared in constant time and never logged.
//! - Bodies are limited to [`MAX_BODY`] (413 beyond); a request announcing a larger body is
//!   refused on its header, before any of the body is read.
//! - An accepted update goes into the bounded inbox; when the inbox is full the answer is
//!   503, so Telegram delivers it again later instead of the bot dropping an update it has
//!   already acknowledged.
//!
//! The webhook is set once at start and never deleted, so several replicas behind one
//! reverse proxy can serve the same bot with the same secret.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use teloxide::payloads::SetWebhookSetters;
use teloxide::requests::{Request, Requester};
use teloxide::types::Update;
use teloxide::RequestError;
use tokio::sync::{mpsc, watch};

use crate::config::WebhookConfig;
use crate::handlers::tree::ALLOWED_UPDATES;
use crate::metrics::Metrics;
use crate::send::describe;

/// Largest request body accepted (an update is a few kilobytes).
pub const MAX_BODY: usize = 1 << 20;
/// The header Telegram puts the secret in.
const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

#[derive(Clone)]
struct Endpoint {
    tx: mpsc::Sender<Update>,
    secret: Arc<str>,
    metrics: Arc<Metrics>,
}

/// The webhook's routes: POST `path` with the secret puts the update into `tx`.
pub fn router(path: &str, tx: mpsc::Sender<Update>, secret: &str, metrics: Arc<Metrics>) -> Router {
    let path = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    };
    let endpoint = Endpoint {
        tx,
        secret: secret.into(),
        metrics,
    };
    Router::new()
        .route(&path, post(receive))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn(refuse_announced_oversize))
        .with_state(endpoint)
}

/// 413 for a Content-Length over [`MAX_BODY`], without waiting for the body.
async fn refuse_announced_oversize(request: axum::extract::Request, next: Next) -> Response {
    let announced = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > MAX_BODY as u64) {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    next.run(request).await
}

fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn receive(State(ep): State<Endpoint>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let given = headers
        .get(SECRET_HEADER)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    if !same(given, ep.secret.as_bytes()) {
        ep.metrics.error("webhook_unauthorized");
        tracing::warn!("a webhook request without the right secret; refused (401)");
        return StatusCode::UNAUTHORIZED;
    }
    let update: Update = match serde_json::from_slice(&body) {
        Ok(u) => u,
        Err(e) => {
            ep.metrics.error("webhook_bad_body");
            tracing::warn!(error = %e, "a webhook request that is not an update; refused (400)");
            return StatusCode::BAD_REQUEST;
        }
    };
    match ep.tx.try_send(update) {
        Ok(()) => StatusCode::OK,
        Err(mpsc::error::TrySendError::Full(u)) => {
            ep.metrics.drop_update("webhook_busy");
            tracing::warn!(
                id = u.id.0,
                "the inbox is full; asking Telegram to deliver again (503)"
            );
            StatusCode::SERVICE_UNAVAILABLE
        }
        Err(mpsc::error::TrySendError::Closed(_)) => StatusCode::SERVICE_UNAVAILABLE,
    }
}

/// Set the webhook, listen, and serve until `stop` turns true. Returns the address
/// listened on.
pub async fn start<R>(
    bot: &R,
    w: &WebhookConfig,
    tx: mpsc::Sender<Update>,
    mut stop: watch::Receiver<bool>,
    metrics: Arc<Metrics>,
) -> anyhow::Result<SocketAddr>
where
    R: Requester<Err = RequestError>,
{
    let tcp = tokio::net::TcpListener::bind(w.listen)
        .await
        .with_context(|| format!("cannot listen on {}", w.listen))?;
    let addr = tcp.local_addr()?;
    bot.set_webhook(w.url.clone())
        .secret_token(w.secret.clone())
        .allowed_updates(ALLOWED_UPDATES.to_vec())
        .send()
        .await
        .map_err(|e| anyhow::anyhow!("setWebhook failed: {}", describe(&e)))?;
    let app = router(w.url.path(), tx, &w.secret, metrics);
    tracing::info!(listen = %addr, url = %w.url, "receiving updates by webhook");
    tokio::spawn(async move {
        let stopped = async move {
            while !*stop.borrow() {
                if stop.changed().await.is_err() {
                    break;
                }
            }
        };
        if let Err(e) = axum::serve(tcp, app).with_graceful_shutdown(stopped).await {
            tracing::error!("the webhook server failed: {e}");
        }
    });
    Ok(addr)
}
