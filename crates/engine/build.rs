//! Fingerprint of the code that parses articles (`src/text`, `src/knowledge`, `src/article`,
//! `src/figures`, `src/corpus`, `src/index`, `src/archive` of this crate): the index and the stored corpus record it, so a
//! binary whose parser changed re-reads every article instead of serving figures the old
//! parser found, even when the version number stayed the same.

use std::hash::Hasher;
use std::path::Path;

const PARSING: &[&str] = &[
    "src/text",
    "src/knowledge",
    "src/article",
    "src/figures",
    "src/corpus",
    "src/index",
    "src/archive",
];

fn main() {
    let mut files = Vec::new();
    for dir in PARSING {
        println!("cargo:rerun-if-changed={dir}");
        collect(Path::new(dir), &mut files);
    }
    files.sort();
    // FNV-1a over paths and contents: stable across runs and toolchains
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    for f in &files {
        h.write(f.to_string_lossy().as_bytes());
        h.write(&std::fs::read(f).unwrap_or_default());
    }
    println!("cargo:rustc-env=FACTBOT_PARSER_HASH={:016x}", h.finish());
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}
