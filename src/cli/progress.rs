//! The build's progress bar: the engine reports (articles parsed, articles to parse) through
//! [`factbot_engine::OnProgress`]; on a terminal this draws a bar with the time left, shown
//! once the build has taken a second. Off a terminal the engine's own log lines say how far
//! it has come, so no callback is installed.

use std::io::IsTerminal;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use factbot_engine::OnProgress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a build runs before the bar appears.
const SHOW_AFTER: Duration = Duration::from_secs(1);

/// A bar on standard error when it is a terminal, else `None` (the engine logs instead).
pub fn bar() -> Option<OnProgress> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    let style = ProgressStyle::with_template("{bar:40} {pos}/{len} articles, {eta} left")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    let started = Instant::now();
    let bar = Mutex::new(bar);
    Some(Arc::new(move |done: usize, total: usize| {
        let Ok(bar) = bar.lock() else { return };
        if bar.is_hidden() && started.elapsed() > SHOW_AFTER && done < total {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        if done >= total {
            bar.finish_and_clear();
        }
    }))
}
