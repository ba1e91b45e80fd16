//! Shared by the test binaries: the engine on the shipped data folder, built once per binary
//! with its index in a temporary folder.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use factbot_engine::{Engine, Options};

pub fn manifest(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

pub fn shipped() -> Arc<Engine> {
    static ENGINE: OnceLock<(tempfile::TempDir, Arc<Engine>)> = OnceLock::new();
    ENGINE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let opts = Options::new(Some(manifest("data")), dir.path().join("index"));
            (
                dir,
                Arc::new(Engine::open(&opts).expect("the shipped data opens")),
            )
        })
        .1
        .clone()
}
