//! The design, checked: the crates and, inside each, the folders follow the data flow, and
//! each may import only what comes before it.
//!
//! - Crates: engine → conversation → telegram → the binary ([`CRATES`]).
//! - Inside each crate, its steps in order ([`STEPS`]). In the engine that is the path of a
//!   figure: text → knowledge → article → figures → corpus → index → archive → question →
//!   ranking → answer → check → engine.
//! - Between sibling modules inside a step, no cycle.
//!
//! Every line of code counts: whole files (only `#[cfg(test)] mod … { }` blocks are left
//! out), `use` groups over several lines, `super::` and `self::` paths. Comments and string
//! literals are not code. There is no per-module exception: a step reaching forward fails.

mod source;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use source::{code_and_literals, ident_before, rust_files};

/// The crates, each after the ones it may depend on: (package, source folder).
const CRATES: &[(&str, &str)] = &[
    ("factbot-engine", "crates/engine/src"),
    ("factbot-conversation", "crates/conversation/src"),
    ("factbot-telegram", "crates/telegram/src"),
    ("factbot", "src"),
];

/// Each crate's top-level modules, in the order of the flow: each may use only those
/// before it. The crate root (`lib.rs`, `main.rs`) wires them and may use all.
#[rustfmt::skip]
const STEPS: &[(&str, &[&str])] = &[
    ("factbot-engine", &[
        "error", "text", "knowledge", "article", "figures", "corpus", "index", "archive",
        "question", "ranking", "answer", "check", "engine", "synthetic",
    ]),
    ("factbot-conversation", &["ui"]),
    ("factbot-telegram", &[
        "config", "metrics", "render", "send", "gate", "state", "address", "admin", "handlers",
        "transport",
    ]),
    ("factbot", &["cli"]),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The paths a file's code names: `crate::a::b`, `super::x`, `self::y`, with `{…}` groups
/// (nested, over several lines) expanded. Each as its segments, `crate`/`super`/`self` first.
fn paths_in(code: &str) -> Vec<Vec<String>> {
    let c: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let starts = ["crate::", "super::", "self::"]
            .iter()
            .find(|p| c[i..].starts_with(&p.chars().collect::<Vec<_>>()[..]));
        match starts {
            Some(p) if !ident_before(&c, i) => {
                let head = p.trim_end_matches(':').to_string();
                let (paths, end) = path_from(&c, i + p.chars().count(), vec![head]);
                out.extend(paths);
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// Read the segments after `prefix` from `i`: `a::b::{c, d::e}`. Returns every full path
/// and where reading stopped.
fn path_from(c: &[char], mut i: usize, mut prefix: Vec<String>) -> (Vec<Vec<String>>, usize) {
    loop {
        while i < c.len() && c[i].is_whitespace() {
            i += 1;
        }
        if c.get(i) == Some(&'{') {
            let mut all = Vec::new();
            i += 1;
            loop {
                while i < c.len() && (c[i].is_whitespace() || c[i] == ',') {
                    i += 1;
                }
                if i >= c.len() || c[i] == '}' {
                    return (all, i + 1);
                }
                let (paths, end) = path_from(c, i, prefix.clone());
                all.extend(paths);
                i = end;
            }
        }
        let start = i;
        while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_' || c[i] == '*') {
            i += 1;
        }
        if i == start {
            return (vec![prefix], i);
        }
        prefix.push(c[start..i].iter().collect());
        let mut j = i;
        while j < c.len() && c[j].is_whitespace() {
            j += 1;
        }
        if c.get(j) == Some(&':') && c.get(j + 1) == Some(&':') {
            i = j + 2;
            continue;
        }
        // a name ends the path (skip `as alias`)
        return (vec![prefix], i);
    }
}

/// The module path of a source file: `answer/several/mod.rs` → [answer, several].
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect();
    let file = parts.pop().unwrap_or_default();
    let stem = file.trim_end_matches(".rs");
    if !matches!(stem, "mod" | "lib" | "main") {
        parts.push(stem.to_string());
    }
    parts
}

/// The module a path reaches, from the file's own module: segments resolved against
/// `crate`, `super` and `self`, cut to the longest prefix that is a module of the crate.
fn target(from: &[String], path: &[String], modules: &BTreeSet<Vec<String>>) -> Vec<String> {
    let mut at: Vec<String> = Vec::new();
    let mut rest = path;
    match path.first().map(String::as_str) {
        Some("crate") => rest = &path[1..],
        Some("self") => {
            at = from.to_vec();
            rest = &path[1..];
        }
        Some("super") => {
            at = from.to_vec();
            while rest.first().map(String::as_str) == Some("super") {
                at.pop();
                rest = &rest[1..];
            }
        }
        _ => {}
    }
    for seg in rest {
        let mut next = at.clone();
        next.push(seg.clone());
        if !modules.contains(&next) {
            break;
        }
        at = next;
    }
    at
}

struct Crate {
    name: &'static str,
    /// file → (its module, the modules it uses)
    files: BTreeMap<PathBuf, (Vec<String>, Vec<Vec<String>>)>,
}

fn read_crate(name: &'static str, dir: &str) -> Crate {
    let base = root().join(dir);
    let sources = rust_files(&base);
    let modules: BTreeSet<Vec<String>> = sources
        .iter()
        .map(|p| module_of(p.strip_prefix(&base).unwrap()))
        .collect();
    let mut files = BTreeMap::new();
    for p in sources {
        let rel = p.strip_prefix(&base).unwrap().to_path_buf();
        let from = module_of(&rel);
        let (code, _) = code_and_literals(&std::fs::read_to_string(&p).unwrap());
        let used = paths_in(&code)
            .iter()
            .map(|path| target(&from, path, &modules))
            .collect();
        files.insert(rel, (from, used));
    }
    Crate { name, files }
}

/// Imports from a step to a later one (or to the crate root's items), as messages.
fn against_the_flow(krate: &Crate, steps: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (file, (from, used)) in &krate.files {
        let Some(own) = from.first() else {
            continue; // the crate root wires the steps together
        };
        let Some(own_at) = steps.iter().position(|s| s == own) else {
            found.push(format!(
                "{}: {} is not a declared step",
                krate.name,
                file.display()
            ));
            continue;
        };
        for to in used {
            let ok = match to.first() {
                None => false, // an item of the crate root: import it from its own step
                Some(t) => steps
                    .iter()
                    .position(|s| s == t)
                    .is_some_and(|at| at <= own_at),
            };
            if !ok {
                let to = if to.is_empty() {
                    "the crate root".into()
                } else {
                    to.join("::")
                };
                found.push(format!(
                    "{}: {} ({own}) uses {to}",
                    krate.name,
                    file.display()
                ));
            }
        }
    }
    found
}

/// Cycles between sibling modules: an edge joins the two children of the modules' nearest
/// common parent.
fn sibling_cycles(krate: &Crate) -> Vec<String> {
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (from, used) in krate.files.values() {
        for to in used {
            let common = from.iter().zip(to).take_while(|(a, b)| a == b).count();
            if common == from.len() || common == to.len() {
                continue; // a module and its own parent or child
            }
            edges
                .entry(from[..=common].to_vec())
                .or_default()
                .insert(to[..=common].to_vec());
        }
    }
    let mut found = Vec::new();
    for (a, tos) in &edges {
        for b in tos {
            if a < b && edges.get(b).is_some_and(|back| back.contains(a)) {
                found.push(format!(
                    "{}: {} ↔ {}",
                    krate.name,
                    a.join("::"),
                    b.join("::")
                ));
            }
        }
    }
    found
}

/// The factbot crates a manifest depends on (normal dependencies only).
fn factbot_dependencies(manifest: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(manifest).unwrap();
    let value: toml::Value = toml::from_str(&text).unwrap();
    value
        .get("dependencies")
        .and_then(|d| d.as_table())
        .map(|t| {
            t.keys()
                .filter(|k| k.starts_with("factbot"))
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn each_step_imports_only_the_steps_before_it() {
    let mut found = Vec::new();
    for (name, dir) in CRATES {
        let steps = STEPS.iter().find(|(c, _)| c == name).unwrap().1;
        let krate = read_crate(name, dir);
        found.extend(against_the_flow(&krate, steps));
        found.extend(sibling_cycles(&krate));
    }
    assert!(
        found.is_empty(),
        "imports against the flow (see tests/layers.rs):\n{}",
        found.join("\n")
    );
}

#[test]
fn each_crate_depends_only_on_the_crates_before_it() {
    for (at, (name, dir)) in CRATES.iter().enumerate() {
        let manifest = root().join(dir).parent().unwrap().join("Cargo.toml");
        let before: Vec<&str> = CRATES[..at].iter().map(|(n, _)| *n).collect();
        for dep in factbot_dependencies(&manifest) {
            assert!(
                before.contains(&dep.as_str()),
                "{name} depends on {dep}, which comes after it"
            );
        }
    }
}

#[test]
fn every_step_is_a_module_of_its_crate() {
    for (name, dir) in CRATES {
        let krate = read_crate(name, dir);
        let tops: BTreeSet<&str> = krate
            .files
            .values()
            .filter_map(|(m, _)| m.first().map(String::as_str))
            .collect();
        let steps: BTreeSet<&str> = STEPS
            .iter()
            .find(|(c, _)| c == name)
            .unwrap()
            .1
            .iter()
            .copied()
            .collect();
        assert_eq!(tops, steps, "{name}: the modules and the declared steps");
    }
}

#[test]
fn paths_are_read_from_code_only() {
    let src = "use crate::corpus::Corpus;\nuse crate::{\n    answer::{Answer, quote},\n    figures::Kind,\n};\n// crate::bot\nlet s = \"crate::ranking\";\nlet x = super::super::text::normalize('a', \"{\");\nfn f<'a>(x: &'a str) {}\n#[cfg(test)]\nmod tests {\n    use crate::ranking::Ranker;\n}\nuse self::inner::Thing;\n";
    let paths: Vec<String> = paths_in(&code_and_literals(src).0)
        .into_iter()
        .map(|p| p.join("::"))
        .collect();
    assert_eq!(
        paths,
        [
            "crate::corpus::Corpus",
            "crate::answer::Answer",
            "crate::answer::quote",
            "crate::figures::Kind",
            "super::super::text::normalize",
            "self::inner::Thing",
        ]
    );
}

#[test]
fn super_paths_resolve_from_the_files_module() {
    let modules: BTreeSet<Vec<String>> = [
        vec!["answer".to_string()],
        vec!["answer".into(), "several".into()],
        vec!["answer".into(), "several".into(), "form".into()],
        vec!["ranking".into()],
    ]
    .into_iter()
    .collect();
    let from = vec!["answer".to_string(), "several".into(), "form".into()];
    let path = |s: &str| s.split("::").map(String::from).collect::<Vec<_>>();
    assert_eq!(
        target(&from, &path("super::Member"), &modules),
        ["answer", "several"]
    );
    assert_eq!(
        target(&from, &path("super::super::quote"), &modules),
        ["answer"]
    );
    assert_eq!(
        target(
            &from,
            &path("super::super::super::ranking::Ranker"),
            &modules
        ),
        ["ranking"]
    );
    assert_eq!(
        target(&from, &path("crate::Engine"), &modules),
        Vec::<String>::new()
    );
}
