//! Knowledge is data: no Chinese word may hide in the code. Every string or char literal with
//! a Han character in the workspace's sources (`src/`, `crates/*/src/`) fails this test,
//! except in the numeral parser (the digits 一 … 九 and magnitudes 万 亿 are the parser
//! itself) and the Chinese interface texts. Word lists belong in `data/lexicon.toml` and
//! `data/glossary.toml`. Whole files are read; only `#[cfg(test)] mod … { }` blocks and
//! comments are not code.

mod source;

use std::path::Path;

use source::{code_and_literals, rust_files, source_dirs};

/// Files allowed to hold Han literals, relative to the workspace root.
const ALLOWED: &[&str] = &[
    "crates/engine/src/figures/numerals.rs",
    "crates/conversation/src/ui/zh.rs",
];

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// The Han literals outside test modules, as `file:line: "text"`.
fn han_literals(rel: &str, src: &str) -> Vec<String> {
    code_and_literals(src)
        .1
        .into_iter()
        .filter(|l| l.text.chars().any(is_han))
        .map(|l| format!("{rel}:{}: {:?}", l.line, l.text))
        .collect()
}

#[test]
fn no_chinese_words_in_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files: Vec<_> = source_dirs().iter().flat_map(|d| rust_files(d)).collect();
    assert!(files.len() > 80, "found the sources: {}", files.len());
    let mut found = Vec::new();
    for path in files {
        let rel = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if !ALLOWED.contains(&rel.as_str()) {
            found.extend(han_literals(&rel, &std::fs::read_to_string(&path).unwrap()));
        }
    }
    assert!(
        found.is_empty(),
        "{} Chinese literals in code; move them to data/lexicon.toml or data/glossary.toml \
         (interface text: crates/conversation/src/ui/zh.rs):\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn literals_are_found_in_code_and_not_in_comments_or_test_modules() {
    let src = "// 注释 \"不算\"\nlet a = \"增长\"; /* 块 '注' */ let b = '年';\nlet c: &'static str = r#\"原\"始\"#;\nfn f<'a>(x: &'a str) {}\n#[cfg(test)]\nmod tests {\n    const T: &str = \"测试\";\n}\nconst AFTER: &str = \"之后\";\n";
    assert_eq!(
        han_literals("f.rs", src),
        [
            "f.rs:2: \"增长\"",
            "f.rs:2: \"年\"",
            "f.rs:3: \"原\\\"始\"",
            "f.rs:9: \"之后\"",
        ]
    );
}
