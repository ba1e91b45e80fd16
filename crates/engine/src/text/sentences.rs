//! Sentence and clause splitting.
//!
//! A sentence ends at 。！？； (and their half-width forms), together with any closing quote
//! that follows. Clauses are the comma-separated parts of a sentence; list items are the
//! parts between 、 marks. All offsets are in chars.

use std::ops::Range;

const ENDERS: &[char] = &['。', '！', '？', '!', '?', '；', ';'];
/// Closing quotes and brackets: they stay with the sentence or paragraph they close.
pub(crate) const CLOSERS: &[char] = &['”', '’', '」', '』', '）', ')', '】', '》', '"', '\''];
/// Clause separators (full and half width; the half-width forms are what normalised text has).
pub(crate) const CLAUSE_SEPS: &[char] =
    &['，', ',', '：', ':', '；', ';', '。', '！', '？', '!', '?'];
/// List separators inside a clause.
pub(crate) const ITEM_SEPS: &[char] = &['、'];

/// Char ranges of the sentences of `text`, whitespace trimmed, empty ones dropped.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        if ENDERS.contains(&chars[i]) {
            let mut end = i + 1;
            while end < chars.len()
                && (CLOSERS.contains(&chars[end]) || ENDERS.contains(&chars[end]))
            {
                end += 1;
            }
            push_trimmed(&chars, start..end, &mut out);
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    push_trimmed(&chars, start..chars.len(), &mut out);
    out
}

fn push_trimmed(chars: &[char], r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let mut s = r.start;
    let mut e = r.end;
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    if e > s {
        out.push(s..e);
    }
}

/// Ranges of the parts of `chars[range]` between any of `seps` (separators excluded).
pub(crate) fn split_on(chars: &[char], range: Range<usize>, seps: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    for i in range.clone() {
        if seps.contains(&chars[i]) {
            if i > start {
                out.push(start..i);
            }
            start = i + 1;
        }
    }
    if range.end > start {
        out.push(start..range.end);
    }
    out
}

/// The range of the part of `chars[within]` between `seps` that contains char `at`.
pub(crate) fn enclosing(
    chars: &[char],
    within: Range<usize>,
    at: usize,
    seps: &[char],
) -> Range<usize> {
    let mut s = at.min(within.end);
    while s > within.start && !seps.contains(&chars[s - 1]) {
        s -= 1;
    }
    let mut e = at.min(within.end);
    while e < within.end && !seps.contains(&chars[e]) {
        e += 1;
    }
    s..e
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<String> {
        let chars: Vec<char> = t.chars().collect();
        split_sentences(t)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn sentences_with_quotes_and_semicolons() {
        assert_eq!(
            texts("一句话。他说：“好！”又一句；最后？ "),
            vec!["一句话。", "他说：“好！”", "又一句；", "最后？"]
        );
        assert_eq!(texts("没有句号的标题"), vec!["没有句号的标题"]);
        assert_eq!(texts("省略号……不算结束。"), vec!["省略号……不算结束。"]);
    }

    #[test]
    fn clauses_and_items() {
        let s: Vec<char> = "甲、乙分别增长1%、2%，丙增长3%。".chars().collect();
        let clauses = split_on(&s, 0..s.len(), CLAUSE_SEPS);
        assert_eq!(clauses.len(), 2);
        let r = enclosing(&s, 0..s.len(), 8, ITEM_SEPS);
        assert_eq!(s[r].iter().collect::<String>(), "乙分别增长1%");
    }
}
