//! Knowledge is data: no Chinese word may hide in the code. Every string or char literal with
//! a Han character in `src/` fails this test, except in the numeral parser (the digits 一 …
//! 九 and magnitudes 万 亿 are the parser itself) and the Chinese interface texts. Word lists
//! belong in `data/lexicon.toml` and `data/glossary.toml`. Test modules (from `#[cfg(test)]`
//! to the end of a file) and comments are not code.

use std::path::{Path, PathBuf};

/// Files allowed to hold Han literals, relative to the crate root.
const ALLOWED: &[&str] = &["src/figures/numerals.rs", "src/conversation/ui/zh.rs"];

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// The string and char literals of Rust source, with their line numbers; comments skipped.
fn literals(src: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    line += usize::from(chars[i] == '\n');
                    i += 1;
                }
            }
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !ident_before(&chars, i) {
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                i += 1;
                continue;
            }
            let start = j + 1;
            let mut k = start;
            let closing: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let closing: Vec<char> = closing.chars().collect();
            while k < chars.len() && chars[k..].iter().take(closing.len()).ne(closing.iter()) {
                k += 1;
            }
            let text: String = chars[start..k.min(chars.len())].iter().collect();
            out.push((line, text.clone()));
            line += text.matches('\n').count();
            i = k + closing.len();
        } else if c == '"' {
            let mut k = i + 1;
            let mut text = String::new();
            while k < chars.len() && chars[k] != '"' {
                if chars[k] == '\\' {
                    k += 1;
                }
                if let Some(&ch) = chars.get(k) {
                    text.push(ch);
                }
                k += 1;
            }
            out.push((line, text.clone()));
            line += text.matches('\n').count();
            i = k + 1;
        } else if c == '\'' {
            // a char literal ('x', '\n', '\u{..}') or a lifetime ('a)
            let close = if next == Some('\\') {
                (i + 2..chars.len().min(i + 12)).find(|&k| chars[k] == '\'')
            } else {
                Some(i + 2).filter(|&k| chars.get(k) == Some(&'\''))
            };
            match close {
                Some(k) => {
                    out.push((line, chars[i + 1..k].iter().collect()));
                    i = k + 1;
                }
                None => i += 1,
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Is `chars[i]` part of an identifier (so `r` is not a raw-string prefix: `for"…"` never
/// happens, but `bar"` can't either; `br"…"` can)?
fn ident_before(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_') && chars[i - 1] != 'b'
}

/// The code of a file: everything before its test module.
fn code_of(src: &str) -> &str {
    match src.find("#[cfg(test)]") {
        Some(at) => &src[..at],
        None => src,
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_chinese_words_in_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    assert!(files.len() > 20, "found the sources");
    let mut found = Vec::new();
    for path in files {
        let rel = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if ALLOWED.contains(&rel.as_str()) {
            continue;
        }
        let src = std::fs::read_to_string(&path).unwrap();
        for (line, text) in literals(code_of(&src)) {
            if text.chars().any(is_han) {
                found.push(format!("{rel}:{line}: {text:?}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "{} Chinese literals in code; move them to data/lexicon.toml or data/glossary.toml \
         (interface text: src/conversation/ui/zh.rs):\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn the_lexer_finds_literals_and_skips_comments() {
    let src = "// 注释 \"不算\"\nlet a = \"增长\"; /* 块 '注' */ let b = '年';\nlet c: &'static str = r#\"原\"始\"#;\nfn f<'a>(x: &'a str) {}\n";
    let found: Vec<(usize, String)> = literals(src);
    assert_eq!(
        found,
        vec![
            (2, "增长".to_string()),
            (2, "年".to_string()),
            (3, "原\"始".to_string()),
        ]
    );
    assert_eq!(code_of("a\n#[cfg(test)]\nb"), "a\n");
}
