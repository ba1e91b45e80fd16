//! Where updates come from and how they reach the dispatcher:
//!
//! ```text
//! getUpdates (polling pump) ─┐
//!                            ├─▶ inbox (bounded) ─▶ gate ─▶ dispatcher ─▶ handler tree
//! webhook POST ──────────────┘
//! ```
//!
//! The inbox is a bounded queue: the polling pump waits when it is full (Telegram keeps the
//! updates meanwhile), the webhook answers 503 (Telegram redelivers). The dispatcher reads it
//! through the gate ([`crate::gate`]). The polling pump recovers from a failed getUpdates in
//! about a second, and is restarted if it ever panics.

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use futures::{Stream, StreamExt};
use teloxide::requests::Requester;
use teloxide::stop::StopToken;
use teloxide::types::Update;
use teloxide::update_listeners::{AsUpdateStream, Polling, UpdateListener};
use teloxide::RequestError;
use tokio::sync::{mpsc, watch};

use crate::handlers::tree::ALLOWED_UPDATES;
use crate::send::describe;
use crate::send::Api;
use crate::state::BotState;

/// Updates received and not yet taken by the dispatcher, at most.
pub const INBOX: usize = 1024;
/// The long-polling timeout.
const POLL_TIMEOUT: Duration = Duration::from_secs(10);

/// The inbox as a teloxide update listener, behind the gate.
pub struct Inbox {
    updates: Gated,
    stop: StopToken,
}

/// The inbox's receiving end, letting through what the gate admits.
pub struct Gated {
    rx: mpsc::Receiver<Update>,
    state: Arc<BotState>,
}

impl Inbox {
    /// The listener for `rx`; `stop` is what the dispatcher calls to stop the source.
    pub fn new(rx: mpsc::Receiver<Update>, stop: StopToken, state: Arc<BotState>) -> Inbox {
        Inbox {
            updates: Gated { rx, state },
            stop,
        }
    }
}

impl Stream for Gated {
    type Item = Result<Update, Infallible>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        loop {
            match self.rx.poll_recv(cx) {
                Poll::Ready(Some(u)) if self.state.gate.admit(&u) => {
                    return Poll::Ready(Some(Ok(u)))
                }
                Poll::Ready(Some(_)) => continue,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

impl UpdateListener for Inbox {
    type Err = Infallible;

    fn stop_token(&mut self) -> StopToken {
        self.stop.clone()
    }
}

impl<'a> AsUpdateStream<'a> for Inbox {
    type StreamErr = Infallible;
    type Stream = &'a mut Gated;

    fn as_stream(&'a mut self) -> Self::Stream {
        &mut self.updates
    }
}

/// After a failed getUpdates: 0.25 s, 0.5 s, then every second (teloxide's default backs
/// off to 64 s).
fn backoff(errors: u32) -> Duration {
    Duration::from_millis(250u64 << errors.min(2))
}

/// Receive updates by long polling into `tx` until `stop` turns true; restart the pump if
/// it panics.
pub fn spawn_polling<R>(
    bot: R,
    tx: mpsc::Sender<Update>,
    stop: watch::Receiver<bool>,
    state: Arc<BotState>,
) where
    R: Api,
    R::GetUpdates: Send,
    R::GetWebhookInfo: Send,
    R::DeleteWebhook: Send,
{
    tokio::spawn(async move {
        let mut first = true;
        loop {
            let pump = tokio::spawn(pump(
                bot.clone(),
                tx.clone(),
                stop.clone(),
                state.clone(),
                first,
            ));
            first = false;
            match pump.await {
                Ok(()) => break,
                Err(_) => {
                    state.metrics.error("panic");
                    tracing::error!("the polling loop panicked; restarting it");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    });
}

async fn pump<R>(
    bot: R,
    tx: mpsc::Sender<Update>,
    mut stop: watch::Receiver<bool>,
    state: Arc<BotState>,
    delete_webhook: bool,
) where
    R: Requester<Err = RequestError> + Send + 'static,
    R::GetUpdates: Send,
    R::GetWebhookInfo: Send,
    R::DeleteWebhook: Send,
{
    let mut builder = Polling::builder(bot)
        .timeout(POLL_TIMEOUT)
        .allowed_updates(ALLOWED_UPDATES.to_vec())
        .backoff_strategy(backoff);
    if delete_webhook {
        builder = builder.delete_webhook().await; // a webhook left over from a deployment
    }
    let mut polling = builder.build();
    let polling_stop = polling.stop_token();
    let updates = polling.as_stream();
    tokio::pin!(updates);
    let mut stopping = *stop.borrow();
    if stopping {
        polling_stop.stop();
    }
    loop {
        tokio::select! {
            next = updates.next() => match next {
                None => break,
                Some(Ok(u)) => {
                    if tx.send(u).await.is_err() {
                        break;
                    }
                }
                Some(Err(e)) => {
                    state.metrics.error("get_updates");
                    tracing::warn!(error = %describe(&e), "getUpdates failed; retrying shortly");
                }
            },
            changed = stop.changed(), if !stopping => {
                if changed.is_err() || *stop.borrow() {
                    stopping = true;
                    polling_stop.stop();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polling_recovers_within_a_second() {
        assert_eq!(backoff(0), Duration::from_millis(250));
        assert_eq!(backoff(1), Duration::from_millis(500));
        assert_eq!(backoff(30), Duration::from_secs(1));
    }
}
