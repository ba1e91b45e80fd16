//! Reading Rust source as the structure checks need it: what is code, what is a literal,
//! what is a comment, and where the test modules are. Shared by `tests/layers.rs` and
//! `tests/knowledge_in_data.rs`, so both see exactly the same code.

// Each test binary that includes this module uses part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// A string or char literal: the line it starts on, its char offset, its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Literal {
    pub line: usize,
    pub at: usize,
    pub text: String,
}

/// The source with comments and the insides of literals blanked (each char becomes a space,
/// newlines stay), so offsets and lines agree with the original; and the literals.
pub fn lex(src: &str) -> (String, Vec<Literal>) {
    let c: Vec<char> = src.chars().collect();
    let mut code: Vec<char> = c.clone();
    let mut lits = Vec::new();
    let blank = |code: &mut Vec<char>, from: usize, to: usize| {
        for ch in code.iter_mut().take(to.min(c.len())).skip(from) {
            if *ch != '\n' {
                *ch = ' ';
            }
        }
    };
    let line_of = |i: usize| c[..i].iter().filter(|&&x| x == '\n').count() + 1;
    let mut i = 0;
    while i < c.len() {
        let next = c.get(i + 1).copied();
        if c[i] == '/' && next == Some('/') {
            let end = (i..c.len()).find(|&k| c[k] == '\n').unwrap_or(c.len());
            blank(&mut code, i, end);
            i = end;
        } else if c[i] == '/' && next == Some('*') {
            let end = block_comment_end(&c, i);
            blank(&mut code, i, end);
            i = end;
        } else if c[i] == 'r' && matches!(next, Some('"' | '#')) && !ident_before(&c, i) {
            match raw_string(&c, i) {
                Some((start, end, close)) => {
                    let text: String = c[start..end].iter().collect();
                    lits.push(Literal {
                        line: line_of(i),
                        at: i,
                        text,
                    });
                    blank(&mut code, start, end);
                    i = close;
                }
                None => i += 1,
            }
        } else if c[i] == '"' {
            let mut k = i + 1;
            let mut text = String::new();
            while k < c.len() && c[k] != '"' {
                if c[k] == '\\' {
                    k += 1;
                }
                if let Some(&ch) = c.get(k) {
                    text.push(ch);
                }
                k += 1;
            }
            lits.push(Literal {
                line: line_of(i),
                at: i,
                text,
            });
            blank(&mut code, i + 1, k);
            i = k + 1;
        } else if c[i] == '\'' {
            // a char literal ('x', '\n', '\u{..}') or a lifetime ('a)
            let close = if next == Some('\\') {
                (i + 2..c.len().min(i + 12)).find(|&k| c[k] == '\'')
            } else {
                Some(i + 2).filter(|&k| c.get(k) == Some(&'\''))
            };
            match close {
                Some(k) => {
                    let text = c[i + 1..k].iter().collect();
                    lits.push(Literal {
                        line: line_of(i),
                        at: i,
                        text,
                    });
                    blank(&mut code, i + 1, k);
                    i = k + 1;
                }
                None => i += 1,
            }
        } else {
            i += 1;
        }
    }
    (code.into_iter().collect(), lits)
}

fn block_comment_end(c: &[char], mut i: usize) -> usize {
    let mut depth = 0;
    while i < c.len() {
        if c[i] == '/' && c.get(i + 1) == Some(&'*') {
            depth += 1;
            i += 2;
        } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    c.len()
}

/// A raw string `r"…"` / `r#"…"#` at `i`: (first char of its text, end of its text, after it).
fn raw_string(c: &[char], i: usize) -> Option<(usize, usize, usize)> {
    let mut j = i + 1;
    let mut hashes = 0;
    while c.get(j) == Some(&'#') {
        hashes += 1;
        j += 1;
    }
    if c.get(j) != Some(&'"') {
        return None;
    }
    let start = j + 1;
    let mut k = start;
    while k < c.len() {
        if c[k] == '"' && (0..hashes).all(|h| c.get(k + 1 + h) == Some(&'#')) {
            return Some((start, k, k + 1 + hashes));
        }
        k += 1;
    }
    Some((start, c.len(), c.len()))
}

/// Is `c[i]` preceded by an identifier char (so `r` is not a raw-string prefix; `br"…"` is)?
pub fn ident_before(c: &[char], i: usize) -> bool {
    i > 0 && (c[i - 1].is_alphanumeric() || c[i - 1] == '_') && c[i - 1] != 'b'
}

/// The char ranges of `#[cfg(test)] mod name { … }` blocks in lexed code (brace-matched).
pub fn test_modules(code: &str) -> Vec<std::ops::Range<usize>> {
    let c: Vec<char> = code.chars().collect();
    let attr: Vec<char> = "#[cfg(test)]".chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + attr.len() <= c.len() {
        if c[i..i + attr.len()] != attr[..] {
            i += 1;
            continue;
        }
        let mut j = i + attr.len();
        while j < c.len() && c[j].is_whitespace() {
            j += 1;
        }
        let rest: String = c[j..c.len().min(j + 20)].iter().collect();
        let open = (j..c.len()).find(|&k| c[k] == '{' || c[k] == ';');
        match open {
            Some(o)
                if c[o] == '{'
                    && (rest.starts_with("mod ") || rest.starts_with("pub(crate) mod ")) =>
            {
                let mut depth = 0;
                let mut k = o;
                while k < c.len() {
                    match c[k] {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    k += 1;
                }
                out.push(i..k + 1);
                i = k + 1;
            }
            _ => i += attr.len(),
        }
    }
    out
}

/// The code of a file (comments and literal insides blanked, test modules removed) and the
/// literals outside its test modules.
pub fn code_and_literals(src: &str) -> (String, Vec<Literal>) {
    let (code, lits) = lex(src);
    let tests = test_modules(&code);
    let inside = |at: usize| tests.iter().any(|r| r.contains(&at));
    let kept: String = code
        .chars()
        .enumerate()
        .map(|(i, ch)| if inside(i) && ch != '\n' { ' ' } else { ch })
        .collect();
    (kept, lits.into_iter().filter(|l| !inside(l.at)).collect())
}

/// Every `.rs` file under `dir`, sorted.
pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    collect(dir, &mut out);
    out.sort();
    out
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The source folders of the workspace: the binary's and each crate's.
pub fn source_dirs() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("src")];
    let mut crates: Vec<PathBuf> = std::fs::read_dir(root.join("crates"))
        .unwrap()
        .map(|e| e.unwrap().path().join("src"))
        .filter(|p| p.is_dir())
        .collect();
    crates.sort();
    dirs.extend(crates);
    dirs
}
