//! Layout recognition: which line is the headline, the byline, a section heading, a sidebar
//! bullet or a photo caption; and the repair of paragraphs split by a page break.
//!
//! Plain-text news exports keep one paragraph per line and mark the rest with symbols
//! (`□` byline, `■` caption, `- ` sidebar item). Markdown headings (`#`) are read too. The
//! rules look at shape only (length, final punctuation, markers), never at the words.

use super::{BlockKind, Paragraph};
use crate::knowledge::Layout;
use crate::text::normalize;
use crate::text::sentences::CLOSERS;

/// Marks that close a sentence. A paragraph whose last char (closing quotes aside) is not
/// one of these continues in the next paragraph: a page break cut it.
const FINAL: &[char] = &[
    '。', '！', '？', '!', '?', '…', '；', ';', '：', ':', '—', '.',
];
const HEADING_MAX_CHARS: usize = 40;
/// A byline is a short line (本报记者 张三 通讯员 李四).
const BYLINE_MAX_CHARS: usize = 40;

/// A line with the kind its marker or position gives it (none yet for plain lines).
type Block = (Option<BlockKind>, String);

/// Split an article's text into typed paragraphs, numbered from 1.
pub(crate) fn parse_blocks(text: &str, layout: &Layout) -> Vec<Paragraph> {
    let mut blocks: Vec<Block> = text
        .lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace()))
        .filter(|l| !l.is_empty() && !is_rule(l))
        .map(|l| classify_marker(l, layout))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    mark_headline_and_subtitle(&mut blocks);
    for blk in blocks.iter_mut().filter(|b| b.0.is_none()) {
        blk.0 = Some(if is_heading_shaped(&blk.1) {
            BlockKind::Heading
        } else {
            BlockKind::Body
        });
    }
    number(repair_page_breaks(blocks))
}

/// Headline: the first unmarked block. Subtitle: unmarked blocks between it and the byline,
/// or a single title-shaped block right after it when there is no byline.
fn mark_headline_and_subtitle(blocks: &mut [Block]) {
    let Some(h) = blocks
        .iter()
        .position(|(k, _)| k.is_none() || *k == Some(BlockKind::Headline))
    else {
        return;
    };
    blocks[h].0 = Some(BlockKind::Headline);
    let byline = blocks
        .iter()
        .take(h + 6)
        .position(|(k, _)| *k == Some(BlockKind::Byline));
    match byline {
        Some(b) if b > h => {
            for blk in blocks.iter_mut().take(b).skip(h + 1) {
                if blk.0.is_none() {
                    blk.0 = Some(BlockKind::Subtitle);
                }
            }
        }
        _ => {
            if let Some(next) = blocks.get_mut(h + 1) {
                if next.0.is_none() && is_title_shaped(&next.1) {
                    next.0 = Some(BlockKind::Subtitle);
                }
            }
        }
    }
}

/// A body paragraph that ends mid-sentence goes on in the next one (a page break cut it).
fn repair_page_breaks(blocks: Vec<Block>) -> Vec<(BlockKind, String)> {
    let mut merged: Vec<(BlockKind, String)> = Vec::with_capacity(blocks.len());
    for (kind, text) in blocks {
        let kind = kind.unwrap_or(BlockKind::Body);
        if let Some((prev_kind, prev_text)) = merged.last_mut() {
            if *prev_kind == BlockKind::Body && kind == BlockKind::Body && ends_open(prev_text) {
                join(prev_text, &text);
                continue;
            }
        }
        merged.push((kind, text));
    }
    merged
}

/// Number the paragraphs from 1 and tie each to the heading it stands under.
fn number(blocks: Vec<(BlockKind, String)>) -> Vec<Paragraph> {
    let mut section = None;
    blocks
        .into_iter()
        .enumerate()
        .map(|(i, (kind, text))| {
            let number = i + 1;
            let heading = kind == BlockKind::Heading;
            if heading {
                section = Some(number);
            }
            Paragraph {
                number,
                kind,
                text,
                section: if heading { None } else { section },
            }
        })
        .collect()
}

/// Recognise a line's marker and strip it.
fn classify_marker(line: &str, layout: &Layout) -> (Option<BlockKind>, String) {
    let strip = |s: &str| s.trim().trim_matches('*').trim().to_string();
    if let Some(rest) = line.strip_prefix('#') {
        let level = 1 + rest.chars().take_while(|&c| c == '#').count();
        let text = strip(rest.trim_start_matches('#'));
        let kind = if level == 1 {
            BlockKind::Headline
        } else {
            BlockKind::Heading
        };
        return (Some(kind), text);
    }
    for marker in ["- ", "* ", "• ", "· ", "●", "◆", "◇", "★", "•", "·"] {
        if let Some(rest) = line.strip_prefix(marker) {
            return (Some(BlockKind::Bullet), strip(rest));
        }
    }
    let norm = normalize(line);
    if let Some(marker) = layout
        .caption_markers
        .iter()
        .find(|m| norm.starts_with(m.as_str()))
    {
        let rest: String = line.chars().skip(marker.chars().count()).collect();
        return (Some(BlockKind::Caption), strip(&rest));
    }
    if let Some(rest) = line.strip_prefix('□') {
        return (Some(BlockKind::Byline), strip(rest));
    }
    let n = line.chars().count();
    let byline = layout
        .byline_words
        .iter()
        .any(|w| norm.contains(w.as_str()))
        || layout
            .byline_starts
            .iter()
            .any(|w| norm.starts_with(w.as_str()));
    if n <= BYLINE_MAX_CHARS && !line.contains('。') && byline {
        return (Some(BlockKind::Byline), strip(line));
    }
    if let Some(rest) = line.strip_prefix("> ") {
        return (None, strip(rest));
    }
    (None, line.to_string())
}

fn is_rule(line: &str) -> bool {
    line.chars()
        .all(|c| matches!(c, '-' | '=' | '*' | '_' | '—' | ' '))
}

fn last_meaningful(text: &str) -> Option<char> {
    text.trim_end().trim_end_matches(CLOSERS).chars().last()
}

/// Does a paragraph stop mid-sentence?
pub(super) fn ends_open(text: &str) -> bool {
    match last_meaningful(text) {
        None => false,
        Some(c) => !FINAL.contains(&c),
    }
}

/// A heading is short, has no sentence punctuation inside and does not end in a comma.
fn is_heading_shaped(text: &str) -> bool {
    let n = text.chars().count();
    // a heading is a slogan with at most one comma; a short page-broken fragment of a
    // paragraph usually has more (…，预计邀请境外客商约800人，签约项目)
    let commas = text.chars().filter(|&c| matches!(c, '，' | ',')).count();
    n <= HEADING_MAX_CHARS
        && commas <= 1
        && !text.contains(['。', '！', '？', '；'])
        && !matches!(last_meaningful(text), Some(c) if FINAL.contains(&c) || matches!(c, '，' | '、' | ','))
}

fn is_title_shaped(text: &str) -> bool {
    text.chars().count() <= 80
        && !text.contains('。')
        && ends_open(text)
        && !matches!(last_meaningful(text), Some('，' | '、' | ','))
}

fn join(prev: &mut String, next: &str) {
    let needs_space = prev
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_alphanumeric())
        && next
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric());
    if needs_space {
        prev.push(' ');
    }
    prev.push_str(next);
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\n标题写在这里，某市投资100个项目\n\n副标题说明一件事\n\n□本报记者 张三\n\n导语第一段。\n\n小标题一\n\n正文第一段说到一半被分页符打断了，这一段比任何小标题都长得多，长过四十个字，所以接下来的\n\n内容在下一段。\n\n侧栏\n\n- 第一条要点。\n- 第二条要点。\n\n■图片说明。\n\n最后一段写完了，\n\n79项在下一段。\n";

    #[test]
    fn recognises_layout_and_repairs_breaks() {
        let ps = parse_blocks(SAMPLE, &crate::knowledge::Lexicon::builtin().layout);
        let kinds: Vec<BlockKind> = ps.iter().map(|p| p.kind).collect();
        use BlockKind::*;
        assert_eq!(
            kinds,
            vec![
                Headline, Subtitle, Byline, Body, Heading, Body, Heading, Bullet, Bullet, Caption,
                Body
            ]
        );
        assert_eq!(ps[5].text, "正文第一段说到一半被分页符打断了，这一段比任何小标题都长得多，长过四十个字，所以接下来的内容在下一段。");
        assert_eq!(ps[10].text, "最后一段写完了，79项在下一段。");
        assert_eq!(ps[2].text, "本报记者 张三");
        assert_eq!(ps[7].text, "第一条要点。");
        assert_eq!(ps[7].section, Some(7));
        assert_eq!(ps[9].text, "图片说明。");
    }

    #[test]
    fn open_and_closed_endings() {
        assert!(ends_open("跨国公司领"));
        assert!(ends_open("“最佳实践案例”，"));
        assert!(!ends_open("相互印证——"));
        assert!(!ends_open("他说：“好。”"));
    }
}
