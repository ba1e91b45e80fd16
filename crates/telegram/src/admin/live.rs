//! New articles go live without a restart: while the bot runs, the engine watches its data
//! folder (an article written, edited or deleted there is read a moment later), and SIGHUP
//! re-reads the folder at once, as daemons re-read their files. Each webhook replica
//! watches its own data folder.
//!
//! `FACTBOT_WATCH=off` leaves the watching out (a folder on a network file system, where
//! change events do not arrive); SIGHUP still works.

use std::sync::Arc;

use tokio::task::JoinHandle;

use crate::state::BotState;
use factbot_engine::{Engine, Stats, Watcher};

/// Watch the engine's data folder; `None` for the built-in article, or when the folder
/// cannot be watched (said in the log: SIGHUP still refreshes).
pub fn watch(engine: &Arc<Engine>) -> Option<Watcher> {
    match engine.watch() {
        Ok(w) => w,
        Err(e) => {
            tracing::warn!(error = %e, "new articles will not be picked up by themselves; send SIGHUP after changing the data folder");
            None
        }
    }
}

/// Refresh the engine on every SIGHUP until the returned task is aborted. The signal is
/// taken over at once, so a SIGHUP from then on no longer ends the process.
#[cfg(unix)]
pub fn refresh_on_hangup(state: Arc<BotState>) -> Option<JoinHandle<()>> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut hangups = match signal(SignalKind::hangup()) {
        Ok(s) => s,
        Err(e) => {
            tracing::warn!(error = %e, "cannot listen for SIGHUP");
            return None;
        }
    };
    Some(tokio::spawn(async move {
        while hangups.recv().await.is_some() {
            tracing::info!("SIGHUP: reading the data folder again");
            let engine = state.engine.clone();
            match state.pool.run(move || engine.refresh()).await {
                Ok(Ok(stats)) => log_refresh(&stats),
                Ok(Err(e)) => tracing::warn!(error = %e, "SIGHUP: cannot refresh the archive"),
                Err(_) => tracing::error!("SIGHUP: the refresh failed"),
            }
        }
    }))
}

/// Without Unix signals there is nothing to listen for.
#[cfg(not(unix))]
pub fn refresh_on_hangup(_state: Arc<BotState>) -> Option<JoinHandle<()>> {
    None
}

/// What a refresh changed, in the log.
pub fn log_refresh(stats: &Stats) {
    tracing::info!(
        articles = stats.articles,
        parsed = stats.parsed,
        removed = stats.removed,
        figures = stats.figures,
        "SIGHUP: archive refreshed ({} new or changed, {} removed, {} articles)",
        stats.parsed,
        stats.removed,
        stats.articles
    );
    // the files skipped were logged by the refresh, one line per kind of problem
}
