//! Keeping a running engine up to date with its data folder: the folder is watched, and a
//! change (an article added, edited or removed) refreshes the engine a moment later, once a
//! burst of changes has settled.

use std::sync::mpsc::{channel, RecvTimeoutError};
use std::sync::{Arc, Weak};
use std::time::Duration;

use notify::{RecursiveMode, Watcher as _};

use super::Engine;

/// How long the folder must be quiet before a refresh (an editor writes a file in steps).
const SETTLE: Duration = Duration::from_millis(200);

/// Watches the data folder while it lives.
pub struct Watcher {
    _watcher: notify::RecommendedWatcher,
}

impl std::fmt::Debug for Watcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Watcher")
    }
}

impl Engine {
    /// Watch the data folder and refresh on every change, until the returned watcher is
    /// dropped; the first refresh runs as it starts. `Ok(None)` when the engine reads the
    /// built-in article.
    pub fn watch(self: &Arc<Self>) -> crate::error::Result<Option<Watcher>> {
        let Some(dir) = self.data_dir().map(|d| d.to_path_buf()) else {
            return Ok(None);
        };
        let (tx, rx) = channel::<()>();
        // the first refresh runs at once: what changed while nothing watched (an engine
        // opened with `open_serving` has not read the folder yet)
        let _ = tx.send(());
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                if event.is_ok_and(|e| !e.kind.is_access()) {
                    let _ = tx.send(());
                }
            })
            .map_err(|e| {
                crate::error::Error::Index(format!("cannot watch {}: {e}", dir.display()))
            })?;
        watcher
            .watch(&dir, RecursiveMode::NonRecursive)
            .map_err(|e| {
                crate::error::Error::Index(format!("cannot watch {}: {e}", dir.display()))
            })?;
        let engine: Weak<Engine> = Arc::downgrade(self);
        std::thread::Builder::new()
            .name("factbot-watch".into())
            .spawn(move || {
                while rx.recv().is_ok() {
                    // let a burst of changes settle
                    loop {
                        match rx.recv_timeout(SETTLE) {
                            Ok(()) => continue,
                            Err(RecvTimeoutError::Timeout) => break,
                            Err(RecvTimeoutError::Disconnected) => return,
                        }
                    }
                    let Some(engine) = engine.upgrade() else {
                        return;
                    };
                    if let Err(e) = engine.refresh() {
                        tracing::warn!("cannot bring the archive up to date: {e}");
                    }
                }
            })
            .map_err(|e| crate::error::Error::Index(format!("cannot start the watcher: {e}")))?;
        tracing::info!(dir = %self.data_dir().map(|d| d.display().to_string()).unwrap_or_default(), "watching the data folder for new and changed articles");
        Ok(Some(Watcher { _watcher: watcher }))
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::tests::engine_of;
    use std::sync::Arc;
    use std::time::{Duration, Instant};

    #[test]
    fn an_article_written_into_the_folder_is_answered_without_a_restart() {
        let (dir, engine) = engine_of(&[("a", "甲市报告\n\n甲市出口增长5%。\n")]);
        let engine = Arc::new(engine);
        let _watcher = engine.watch().unwrap().expect("a data folder is watched");
        std::fs::write(
            dir.path().join("data/b.txt"),
            "乙市报告\n\n乙市出口增长7%。\n",
        )
        .unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        let answered = loop {
            let r = engine.ask("乙市出口增长多少");
            if !r.answers.is_empty() || Instant::now() > deadline {
                break r;
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        assert_eq!(answered.answers[0].figures[0].text, "7%");
        assert_eq!(answered.answers[0].article.file, "b.txt");
    }

    #[test]
    fn a_server_opened_as_left_answers_at_once_and_catches_up_when_watching() {
        let (dir, engine) = engine_of(&[("a", "甲市报告\n\n甲市出口增长5%。\n")]);
        let opts = crate::Options::new(Some(dir.path().join("data")), dir.path().join("index"));
        drop(engine);
        // changed while no factbot ran
        std::fs::write(
            dir.path().join("data/a.txt"),
            "甲市报告\n\n甲市出口增长6%。\n",
        )
        .unwrap();
        let engine = Arc::new(crate::Engine::open_serving(&opts).unwrap());
        assert_eq!(
            engine.stats().parsed,
            0,
            "the folder is not read before serving"
        );
        assert_eq!(
            engine.ask("甲市出口增长多少").answers[0].figures[0].text,
            "5%"
        );
        let _watcher = engine.watch().unwrap().expect("a data folder is watched");
        let deadline = Instant::now() + Duration::from_secs(10);
        let figure = loop {
            let r = engine.ask("甲市出口增长多少");
            let f = r.answers[0].figures[0].text.clone();
            if f != "5%" || Instant::now() > deadline {
                break f;
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        assert_eq!(figure, "6%");
    }
}
