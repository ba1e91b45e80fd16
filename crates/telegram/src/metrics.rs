//! Operations: the counters and the latency histogram the bot keeps (Prometheus), and the
//! optional HTTP server for `/health` and `/metrics` (`FACTBOT_METRICS_LISTEN`).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::routing::get;
use axum::Router;
use prometheus::{Encoder, Histogram, HistogramOpts, IntCounterVec, Opts, Registry, TextEncoder};

/// Everything counted. Cloning shares the counters.
#[derive(Clone)]
pub struct Metrics {
    registry: Registry,
    /// Updates received, by kind (message, channel_post, callback, inline, other).
    pub updates: IntCounterVec,
    /// Updates not handled, by reason (duplicate, queue_full, rate_limited, unparsed).
    pub dropped: IntCounterVec,
    /// Questions answered, by status (answered, not_found).
    pub answers: IntCounterVec,
    /// Fact-check verdicts (supported, contradicted, unverifiable).
    pub verdicts: IntCounterVec,
    /// Errors, by kind (panic, flood_wait, server, network, blocked, migrated, markup, …).
    pub errors: IntCounterVec,
    /// Seconds from receiving an update to having handled it.
    pub latency: Histogram,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

impl Metrics {
    /// Fresh counters in their own registry.
    pub fn new() -> Metrics {
        let registry = Registry::new();
        let counter = |name: &str, help: &str, label: &str| {
            let c = IntCounterVec::new(Opts::new(name, help), &[label]).expect("valid metric");
            registry
                .register(Box::new(c.clone()))
                .expect("unique metric");
            c
        };
        let updates = counter("factbot_updates_total", "Updates received", "kind");
        let dropped = counter(
            "factbot_updates_dropped_total",
            "Updates not handled",
            "reason",
        );
        let answers = counter("factbot_answers_total", "Questions answered", "status");
        let verdicts = counter(
            "factbot_check_verdicts_total",
            "Fact-check verdicts",
            "verdict",
        );
        let errors = counter("factbot_errors_total", "Errors", "kind");
        let latency = Histogram::with_opts(
            HistogramOpts::new(
                "factbot_update_latency_seconds",
                "Seconds from receiving an update to having handled it",
            )
            .buckets(vec![
                0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
            ]),
        )
        .expect("valid histogram");
        registry
            .register(Box::new(latency.clone()))
            .expect("unique metric");
        Metrics {
            registry,
            updates,
            dropped,
            answers,
            verdicts,
            errors,
            latency,
        }
    }

    /// Count one error of `kind`.
    pub fn error(&self, kind: &str) {
        self.errors.with_label_values(&[kind]).inc();
    }

    /// Count one dropped update.
    pub fn drop_update(&self, reason: &str) {
        self.dropped.with_label_values(&[reason]).inc();
    }

    /// Record how long an update took.
    pub fn observe(&self, took: Duration) {
        self.latency.observe(took.as_secs_f64());
    }

    /// The Prometheus text format.
    pub fn render(&self) -> String {
        let mut out = Vec::new();
        let _ = TextEncoder::new().encode(&self.registry.gather(), &mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    /// The `/health` and `/metrics` routes.
    pub fn router(self: Arc<Self>) -> Router {
        Router::new()
            .route("/health", get(|| async { "ok\n" }))
            .route(
                "/metrics",
                get(move || {
                    let m = self.clone();
                    async move { ([("content-type", "text/plain; version=0.0.4")], m.render()) }
                }),
            )
    }

    /// Serve `/health` and `/metrics` on `addr` until the process ends.
    pub async fn serve(self: Arc<Self>, addr: SocketAddr) -> anyhow::Result<()> {
        let tcp = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen on FACTBOT_METRICS_LISTEN={addr}"))?;
        tracing::info!(%addr, "serving /health and /metrics");
        let router = self.router();
        tokio::spawn(async move {
            if let Err(e) = axum::serve(tcp, router).await {
                tracing::error!("the metrics server failed: {e}");
            }
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_render_in_the_text_format() {
        let m = Metrics::new();
        m.updates.with_label_values(&["message"]).inc();
        m.error("panic");
        m.observe(Duration::from_millis(30));
        let text = m.render();
        assert!(
            text.contains("factbot_updates_total{kind=\"message\"} 1"),
            "{text}"
        );
        assert!(
            text.contains("factbot_errors_total{kind=\"panic\"} 1"),
            "{text}"
        );
        assert!(
            text.contains("factbot_update_latency_seconds_bucket"),
            "{text}"
        );
    }
}
