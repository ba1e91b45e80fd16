//! Progress of a long build: a bar with the articles done, the total and the time left on a
//! terminal (shown once the build has taken a second), a log line every 100 articles
//! elsewhere. Either way the build ends with one line of counts and time.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a build runs before the bar appears.
const SHOW_AFTER: Duration = Duration::from_secs(1);
/// Off a terminal: a log line every this many articles.
const LOG_EVERY: usize = 100;

/// Progress over `total` articles; safe to advance from several threads.
pub(crate) struct Progress {
    total: usize,
    done: AtomicUsize,
    started: Instant,
    bar: Option<Mutex<ProgressBar>>,
}

impl Progress {
    pub(crate) fn new(total: usize) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
            let style = ProgressStyle::with_template("{bar:40} {pos}/{len} articles, {eta} left")
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            Mutex::new(bar)
        });
        Progress {
            total,
            done: AtomicUsize::new(0),
            started: Instant::now(),
            bar,
        }
    }

    /// One more article done.
    pub(crate) fn advance(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        match &self.bar {
            Some(bar) => {
                if let Ok(bar) = bar.lock() {
                    if bar.is_hidden() && self.started.elapsed() > SHOW_AFTER {
                        bar.set_draw_target(ProgressDrawTarget::stderr());
                    }
                    bar.set_position(done as u64);
                }
            }
            None if done.is_multiple_of(LOG_EVERY) => {
                tracing::info!(done, total = self.total, "parsing articles");
            }
            None => {}
        }
    }

    /// Clear the bar.
    pub(crate) fn finish(&self) {
        if let Some(Ok(bar)) = self.bar.as_ref().map(|b| b.lock()) {
            bar.finish_and_clear();
        }
    }
}
