//! Progress of a long build, told to whoever asked for it: the frontend's callback gets
//! (articles done, articles to parse) after each article, and draws what it likes (the
//! command line draws a bar). Without a callback a log line goes out every 100 articles.
//! The engine itself never draws.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Without a callback: a log line every this many articles.
const LOG_EVERY: usize = 100;

/// Called during a build with (articles parsed so far, articles to parse), from any of the
/// parsing threads.
pub type OnProgress = Arc<dyn Fn(usize, usize) + Send + Sync>;

/// Progress over `total` articles; safe to advance from several threads.
pub(crate) struct Progress<'a> {
    total: usize,
    done: AtomicUsize,
    report: Option<&'a OnProgress>,
}

impl<'a> Progress<'a> {
    pub(crate) fn new(total: usize, report: Option<&'a OnProgress>) -> Progress<'a> {
        Progress {
            total,
            done: AtomicUsize::new(0),
            report,
        }
    }

    /// One more article done.
    pub(crate) fn advance(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        match self.report {
            Some(report) => report(done, self.total),
            None if done.is_multiple_of(LOG_EVERY) => {
                tracing::info!(done, total = self.total, "parsing articles");
            }
            None => {}
        }
    }
}
