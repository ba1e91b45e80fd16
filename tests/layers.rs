//! The folders follow the data flow, and each may import only the steps before it:
//! text → knowledge → article → figures → corpus → index → archive → question → ranking →
//! answer → check → engine → conversation → bot / CLI. A module reaching forward (the parser into the
//! ranking) or a frontend reaching into the engine's insides (the bot into the corpus) fails
//! here, so the shape the README promises is checked, not only described.

use std::path::Path;

/// Each module (a folder or file under `src/`) and the crate modules it may use.
#[rustfmt::skip]
const ALLOWED: &[(&str, &[&str])] = &[
    ("text", &[]),
    ("knowledge", &["text"]),
    ("views", &["text", "figures"]),
    ("article", &["text", "knowledge", "views"]),
    ("figures", &["text", "knowledge"]),
    ("corpus", &["text", "knowledge", "article", "figures", "views"]),
    ("index", &["text", "knowledge", "figures", "corpus", "views"]),
    ("archive", &["text", "knowledge", "article", "corpus", "index", "views"]),
    ("question", &["text", "knowledge", "figures", "corpus", "index", "archive"]),
    ("ranking", &[
        "text", "knowledge", "article", "figures", "corpus", "index", "archive", "question",
        "views",
    ]),
    ("answer", &["text", "knowledge", "article", "figures", "corpus", "question", "ranking", "views"]),
    ("several", &[
        "text", "knowledge", "figures", "corpus", "question", "ranking", "answer", "views",
    ]),
    ("check", &[
        "text", "knowledge", "figures", "corpus", "question", "ranking", "views", "engine",
    ]),
    ("engine", &[
        "text", "knowledge", "article", "figures", "corpus", "index", "archive", "question",
        "ranking", "answer", "several", "check", "views",
    ]),
    ("conversation", &["text", "views"]),
    ("bot", &["conversation"]),
    ("synthetic", &["text", "knowledge"]),
];

/// Items of the crate root: the error type for all, the public API for the upper layers.
const ROOT_FOR_ALL: &[&str] = &["Error", "Result", "MAX_QUESTION_CHARS"];
const API_USERS: &[&str] = &["check", "engine", "conversation", "bot"];

/// The crate paths a file uses: the identifier after each `crate::` outside comments and
/// its test module.
fn crate_paths(src: &str) -> Vec<String> {
    let code = match src.find("#[cfg(test)]") {
        Some(at) => &src[..at],
        None => src,
    };
    let mut out = Vec::new();
    for line in code.lines() {
        let line = line.split("//").next().unwrap_or("");
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let ident: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if ident.is_empty() {
                // crate::{a, b}: every name in the braces
                if let Some(inner) = rest.strip_prefix('{') {
                    let group = inner.split('}').next().unwrap_or("");
                    for name in group.split(',') {
                        let name = name.trim().split("::").next().unwrap_or("").trim();
                        if !name.is_empty() {
                            out.push(name.to_string());
                        }
                    }
                }
            } else {
                out.push(ident);
            }
        }
    }
    out
}

fn visit(dir: &Path, root: &Path, found: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            visit(&path, root, found);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(root).unwrap();
        let module = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        let Some((_, allowed)) = ALLOWED.iter().find(|(m, _)| *m == module) else {
            continue; // lib.rs, main.rs and cli/ (the binary) use the public API by nature
        };
        let src = std::fs::read_to_string(&path).unwrap();
        for used in crate_paths(&src) {
            let root_item = used.chars().next().is_some_and(|c| c.is_uppercase())
                || ROOT_FOR_ALL.contains(&used.as_str());
            let ok = used == module
                || allowed.contains(&used.as_str())
                || ROOT_FOR_ALL.contains(&used.as_str())
                || (root_item && API_USERS.contains(&module.as_str()));
            if !ok {
                found.push(format!("{}: {module} uses crate::{used}", rel.display()));
            }
        }
    }
}

#[test]
fn each_step_imports_only_the_steps_before_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    visit(&root, &root, &mut found);
    assert!(
        found.is_empty(),
        "imports against the data flow (see tests/layers.rs):\n{}",
        found.join("\n")
    );
}

#[test]
fn crate_paths_are_read_from_code_only() {
    let src = "use crate::corpus::Corpus;\nuse crate::{answer::Answer, Engine};\n// crate::bot\nlet x = crate::text::normalize(\"a\");\n#[cfg(test)]\nuse crate::ranking::Ranker;\n";
    assert_eq!(crate_paths(src), ["corpus", "answer", "Engine", "text"]);
}
