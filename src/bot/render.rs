//! What the bot says, as Telegram HTML: answers, fact-check verdicts, help, in the user's
//! language.
//!
//! Everything sent with parse mode HTML is built here from escaped text, and messages are
//! packed into pieces of at most [`MAX_MESSAGE`] UTF-16 units (Telegram's limit) by
//! construction: a piece is a list of whole elements, and an element too long for one piece
//! is split at sentence boundaries into several elements of the same kind.

use crate::answer::{Answer, Response, Status};
use crate::check::{CheckResult, Verdict};
use crate::figures::Kind;
use crate::Engine;

/// Telegram's limit for one message, in UTF-16 code units.
pub const MAX_MESSAGE: usize = 4096;

/// The interface language: Chinese for zh* users, English otherwise. Excerpts stay in the
/// article's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub fn from_code(code: Option<&str>) -> Lang {
        match code {
            Some(c) if c.to_ascii_lowercase().starts_with("zh") => Lang::Zh,
            Some(_) => Lang::En,
            None => Lang::Zh,
        }
    }

    pub fn pick(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// Escape text for Telegram HTML (`&`, `<`, `>`, and `"` for attributes).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// A run of text inside one kind of element (plain, bold, italic, quotation).
#[derive(Debug, Clone)]
pub struct Span {
    pub open: &'static str,
    pub text: String,
    pub close: &'static str,
}

impl Span {
    fn render(&self) -> String {
        format!("{}{}{}", self.open, escape(&self.text), self.close)
    }
}

/// One line of a message: one or more spans. Text is escaped when rendered, so a block can
/// never carry markup from user or article text.
#[derive(Debug, Clone)]
pub struct Block {
    pub spans: Vec<Span>,
}

impl Block {
    fn one(open: &'static str, text: impl Into<String>, close: &'static str) -> Block {
        Block {
            spans: vec![Span {
                open,
                text: text.into(),
                close,
            }],
        }
    }
    pub fn plain(text: impl Into<String>) -> Block {
        Block::one("", text, "")
    }
    pub fn bold(text: impl Into<String>) -> Block {
        Block::one("<b>", text, "</b>")
    }
    pub fn quote(text: impl Into<String>) -> Block {
        Block::one("<blockquote>", text, "</blockquote>")
    }
    pub fn italic(text: impl Into<String>) -> Block {
        Block::one("<i>", text, "</i>")
    }
    /// Several spans on one line.
    pub fn line(blocks: Vec<Block>) -> Block {
        Block {
            spans: blocks.into_iter().flat_map(|b| b.spans).collect(),
        }
    }
    fn render(&self) -> String {
        self.spans.iter().map(Span::render).collect()
    }
}

/// Pack blocks into messages of at most `limit` UTF-16 units each. Blocks are joined by
/// newlines; a span that alone is too long is split at sentence ends (or, failing that,
/// anywhere) into spans of the same kind, each on its own line.
pub fn pack(blocks: &[Block], limit: usize) -> Vec<String> {
    let mut pieces: Vec<Block> = Vec::new();
    for b in blocks {
        if utf16_len(&b.render()) < limit {
            pieces.push(b.clone());
            continue;
        }
        for span in &b.spans {
            let budget = limit
                .saturating_sub(utf16_len(span.open) + utf16_len(span.close) + 1)
                .max(16);
            for chunk in split_text(&span.text, budget) {
                pieces.push(Block::one(span.open, chunk, span.close));
            }
        }
    }
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for p in pieces {
        let r = p.render();
        let extra = if current.is_empty() { 0 } else { 1 };
        if !current.is_empty() && utf16_len(&current) + extra + utf16_len(&r) > limit {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push('\n');
        }
        current.push_str(&r);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Split plain text so that each part, escaped, fits in `budget` UTF-16 units: at sentence
/// ends where possible, else at char boundaries.
fn split_text(text: &str, budget: usize) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut current = String::new();
    let sentences = crate::article::sentences::split_sentences(text);
    let chars: Vec<char> = text.chars().collect();
    let mut units: Vec<String> = sentences
        .into_iter()
        .map(|r| chars[r].iter().collect())
        .collect();
    if units.is_empty() {
        units.push(text.to_string());
    }
    for unit in units {
        if utf16_len(&escape(&current)) + utf16_len(&escape(&unit)) <= budget {
            current.push_str(&unit);
            continue;
        }
        if !current.is_empty() {
            parts.push(std::mem::take(&mut current));
        }
        if utf16_len(&escape(&unit)) <= budget {
            current = unit;
            continue;
        }
        for c in unit.chars() {
            let mut s = String::new();
            s.push(c);
            if utf16_len(&escape(&current)) + utf16_len(&escape(&s)) > budget {
                parts.push(std::mem::take(&mut current));
            }
            current.push(c);
        }
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts
}

/// The source line: article title and paragraph.
fn source_line(engine: &Engine, a: &Answer, lang: Lang) -> Block {
    let title = &engine.corpus.articles[a.article].title;
    Block::italic(match lang {
        Lang::Zh => format!("来源：《{title}》第{}段", a.paragraph),
        Lang::En => format!("Source: “{title}”, paragraph {}", a.paragraph),
    })
}

/// One answer: the figure in bold (with its period and measure), the excerpt as a
/// quotation, the source.
pub fn answer_blocks(engine: &Engine, a: &Answer, lang: Lang) -> Vec<Block> {
    let mut blocks = Vec::new();
    if let Some(lead) = a.lead {
        let f = &engine.corpus.figures[lead];
        let mut note: Vec<String> = Vec::new();
        if let Some(s) = &f.scope {
            note.push(s.label.clone());
        }
        if let (Some(m), false) = (&f.measure, f.kind == Kind::Date) {
            note.push(m.clone());
        }
        let mut line = vec![Block::bold(f.text.clone())];
        if !note.is_empty() {
            line.push(Block::plain(format!(" · {}", note.join(" · "))));
        }
        blocks.push(Block::line(line));
    }
    blocks.push(Block::quote(a.excerpt.clone()));
    blocks.push(source_line(engine, a, lang));
    blocks
}

/// The reply to a question: the first answer, or a plain "not in the article".
pub fn response(engine: &Engine, r: &Response, lang: Lang, note: Option<&str>) -> Vec<String> {
    let mut blocks: Vec<Block> = Vec::new();
    if let Some(n) = note {
        blocks.push(Block::italic(n.to_string()));
    }
    match (r.status, r.answers.first()) {
        (Status::Answered, Some(a)) => blocks.extend(answer_blocks(engine, a, lang)),
        _ => blocks.extend(not_found(r.reason.as_deref(), lang)),
    }
    pack(&blocks, MAX_MESSAGE)
}

pub fn not_found(reason: Option<&str>, lang: Lang) -> Vec<Block> {
    let mut b = vec![Block::plain(lang.pick(
        "文章里没有这个问题的答案，我不会拿相近的数字来凑。",
        "The article does not answer that, and I won't offer a nearby number instead.",
    ))];
    if let Some(r) = reason {
        b.push(Block::italic(format!("({r})")));
    }
    b.push(Block::plain(lang.pick(
        "发送 /facts 看看文中有哪些数字。",
        "Send /facts to see the figures it does give.",
    )));
    b
}

/// More answers (2nd and 3rd) for the 更多结果 button.
pub fn more(engine: &Engine, r: &Response, lang: Lang) -> Vec<String> {
    let mut blocks: Vec<Block> = Vec::new();
    let rest: Vec<&Answer> = r.answers.iter().skip(1).collect();
    if rest.is_empty() {
        blocks.push(Block::plain(
            lang.pick("没有更多结果了。", "No more results."),
        ));
    }
    for (i, a) in rest.into_iter().enumerate() {
        if i > 0 {
            blocks.push(Block::plain("—"));
        }
        blocks.extend(answer_blocks(engine, a, lang));
    }
    pack(&blocks, MAX_MESSAGE)
}

/// A whole paragraph (原文段落).
pub fn paragraph(
    engine: &Engine,
    article: usize,
    number: usize,
    lang: Lang,
) -> Option<Vec<String>> {
    let a = engine.corpus.articles.get(article)?;
    let p = a.paragraph(number)?;
    let head = match lang {
        Lang::Zh => format!("《{}》第{}段", a.title, number),
        Lang::En => format!("“{}”, paragraph {}", a.title, number),
    };
    Some(pack(
        &[Block::italic(head), Block::quote(p.text.clone())],
        MAX_MESSAGE,
    ))
}

/// A fact-check verdict: ✅ / ❌ / ❔ per figure, the article's figure for each ❌, the excerpt.
pub fn check(r: &CheckResult, lang: Lang) -> Vec<String> {
    let mark = |v: Verdict| match v {
        Verdict::Supported => "✅",
        Verdict::Contradicted => "❌",
        Verdict::Unverifiable => "❔",
    };
    let verdict = match (r.verdict, lang) {
        (Verdict::Supported, Lang::Zh) => "原文支持这个说法",
        (Verdict::Contradicted, Lang::Zh) => "与原文不符",
        (Verdict::Unverifiable, Lang::Zh) => "原文无法核实",
        (Verdict::Supported, Lang::En) => "The article supports this",
        (Verdict::Contradicted, Lang::En) => "The article contradicts this",
        (Verdict::Unverifiable, Lang::En) => "The article cannot confirm this",
    };
    let mut blocks = vec![
        Block::bold(format!("{} {verdict}", mark(r.verdict))),
        Block::quote(r.claim.clone()),
    ];
    if let Some(reason) = &r.reason {
        blocks.push(Block::italic(format!("({reason})")));
    }
    for f in &r.figures {
        let line = match (f.status, &f.article, lang) {
            (Verdict::Contradicted, Some(a), Lang::Zh) => {
                format!("{} {} — 原文是 {a}", mark(f.status), f.claimed)
            }
            (Verdict::Contradicted, Some(a), Lang::En) => {
                format!("{} {} — the article says {a}", mark(f.status), f.claimed)
            }
            (Verdict::Unverifiable, _, Lang::Zh) => {
                format!("{} {} — 原文没有相应数字", mark(f.status), f.claimed)
            }
            (Verdict::Unverifiable, _, Lang::En) => format!(
                "{} {} — the article gives no such figure",
                mark(f.status),
                f.claimed
            ),
            _ => format!("{} {}", mark(f.status), f.claimed),
        };
        blocks.push(Block::plain(line));
        if let Some(e) = &f.excerpt {
            blocks.push(Block::quote(e.clone()));
        }
    }
    pack(&blocks, MAX_MESSAGE)
}

/// The title of the (first) article, for greetings.
pub fn title(engine: &Engine) -> &str {
    engine
        .corpus
        .articles
        .first()
        .map(|a| a.title.as_str())
        .unwrap_or("")
}

pub fn help(engine: &Engine, lang: Lang) -> Vec<String> {
    let title = title(engine);
    let example = engine.examples(1).pop().unwrap_or_default();
    let text = match lang {
        Lang::Zh => format!(
            "我读过《{title}》，回答文中的数字问题，并给出原文句子。\n\n\
             直接发问题，例如：{example}\n\
             /ask 问题 — 提问（群里用这个，或 @我）\n\
             /check 说法 — 逐个数字核对一句话\n\
             /facts [主题] — 文中的关键数字\n\
             /source — 文章来源\n\n\
             在任何聊天里输入 @机器人用户名 和关键词，可以直接发送数字卡片。"
        ),
        Lang::En => format!(
            "I have read “{title}” and answer questions about its figures, quoting the sentence each comes from.\n\n\
             Just send a question, e.g. {example}\n\
             /ask question — ask (in groups use this, or mention me)\n\
             /check claim — check a sentence figure by figure\n\
             /facts [topic] — the key figures\n\
             /source — where the article comes from\n\n\
             In any chat, type my @username and a keyword to share a fact card."
        ),
    };
    pack(&[Block::plain(text)], MAX_MESSAGE)
}

pub fn source(engine: &Engine, lang: Lang) -> Vec<String> {
    let mut blocks = Vec::new();
    for (ai, a) in engine.corpus.articles.iter().enumerate() {
        let figures = engine
            .corpus
            .figures
            .iter()
            .filter(|f| f.article == ai)
            .count();
        blocks.push(Block::bold(a.title.clone()));
        let mut lines: Vec<String> = Vec::new();
        if let Some(s) = &a.meta.source {
            lines.push(format!("{}{s}", lang.pick("来源：", "Source: ")));
        }
        if let Some(p) = &a.meta.published {
            lines.push(format!("{}{p}", lang.pick("日期：", "Date: ")));
        }
        lines.push(match lang {
            Lang::Zh => format!("{} 段，{} 个数字", a.paragraphs.len(), figures),
            Lang::En => format!("{} paragraphs, {} figures", a.paragraphs.len(), figures),
        });
        blocks.push(Block::plain(lines.join("\n")));
    }
    pack(&blocks, MAX_MESSAGE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_html() {
        assert_eq!(escape("<b>&\"'</b>"), "&lt;b&gt;&amp;&quot;'&lt;/b&gt;");
    }

    #[test]
    fn packs_within_the_limit_by_construction() {
        let long: String = "这是一个句子，里面有<标签>和&符号。".repeat(400);
        let msgs = pack(
            &[
                Block::line(vec![Block::bold("标题"), Block::plain(" · 注")]),
                Block::quote(long.clone()),
                Block::plain("尾"),
            ],
            4096,
        );
        assert!(msgs.len() >= 3);
        for m in &msgs {
            assert!(m.encode_utf16().count() <= 4096);
            assert_eq!(
                m.matches("<blockquote>").count(),
                m.matches("</blockquote>").count()
            );
            assert!(!m.contains("<标签>"));
        }
        // nothing lost: the unescaped text comes back whole
        let joined: String = msgs
            .join("")
            .replace("<blockquote>", "")
            .replace("</blockquote>", "")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        assert!(joined.contains(&long));
        // emoji count twice in UTF-16
        let emoji = "😀".repeat(3000);
        for m in pack(&[Block::plain(emoji)], 4096) {
            assert!(m.encode_utf16().count() <= 4096);
        }
    }

    #[test]
    fn language_from_code() {
        assert_eq!(Lang::from_code(Some("zh-hans")), Lang::Zh);
        assert_eq!(Lang::from_code(Some("en")), Lang::En);
        assert_eq!(Lang::from_code(Some("de")), Lang::En);
    }
}
