//! What the bot says, as Telegram HTML: answers, fact-check verdicts, help, in the user's
//! language.
//!
//! Everything sent with parse mode HTML is built here from escaped text, and messages are
//! packed into pieces of at most [`MAX_MESSAGE`] UTF-16 units (Telegram's limit) by
//! construction: a piece is a list of whole elements, and an element too long for one piece
//! is split at sentence boundaries into several elements of the same kind.

pub mod callback;
pub mod keyboards;

use factbot_conversation::{computed_line, fill, FactsPage, Intro, Lang, Note, Reply, Usage};
use factbot_engine::{Answer, CheckResult, Fact, Kind, Response, Status, Verdict};

/// Telegram's limit for one message, in UTF-16 code units.
pub const MAX_MESSAGE: usize = 4096;

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

/// The plain text of HTML this module made: tags dropped, entities read back. Never longer
/// than the HTML, so it keeps within the same limits (used when Telegram rejects markup).
pub fn to_plain(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// A run of text inside one kind of element (plain, bold, italic, quotation).
#[derive(Debug, Clone)]
pub struct Span {
    /// The opening tag (empty for plain text).
    pub open: &'static str,
    /// The text, unescaped.
    pub text: String,
    /// The closing tag.
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
    /// The spans, in order.
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
    /// Plain text.
    pub fn plain(text: impl Into<String>) -> Block {
        Block::one("", text, "")
    }
    /// Bold text.
    pub fn bold(text: impl Into<String>) -> Block {
        Block::one("<b>", text, "</b>")
    }
    /// A quotation.
    pub fn quote(text: impl Into<String>) -> Block {
        Block::one("<blockquote>", text, "</blockquote>")
    }
    /// Italic text.
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
    let mut units: Vec<String> = factbot_conversation::split_sentences(text);
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

/// The source line: title (and date) and paragraph.
fn source_line(a: &factbot_engine::ArticleInfo, paragraph: usize, lang: Lang) -> Block {
    let t = lang.texts();
    let paragraph = paragraph.to_string();
    Block::italic(match &a.published {
        Some(date) => fill(
            t.source_line_dated,
            &[
                ("title", &a.title),
                ("date", date),
                ("paragraph", &paragraph),
            ],
        ),
        None => fill(
            t.source_line,
            &[("title", &a.title), ("paragraph", &paragraph)],
        ),
    })
}

/// One answer: the figure in bold (with its period and measure), the excerpt as a
/// quotation, the source.
pub fn answer_blocks(a: &Answer, lang: Lang) -> Vec<Block> {
    let mut blocks = Vec::new();
    if let Some(f) = &a.lead {
        let mut note: Vec<String> = Vec::new();
        if let Some(p) = f.period_label() {
            note.push(p.to_string());
        }
        if let (Some(m), false) = (&f.measure, f.number.kind == Kind::Date) {
            note.push(m.clone());
        }
        let mut line = vec![Block::bold(f.text.clone())];
        if !note.is_empty() {
            line.push(Block::plain(format!(" · {}", note.join(" · "))));
        }
        blocks.push(Block::line(line));
    }
    blocks.push(Block::quote(a.excerpt.clone()));
    blocks.push(source_line(&a.article, a.paragraph, lang));
    blocks
}

/// A fact card's message: the figure, its sentence, the source.
pub fn fact_blocks(f: &Fact, lang: Lang) -> Vec<Block> {
    let mut line = vec![Block::bold(f.figure.text.clone())];
    let mut note: Vec<String> = Vec::new();
    if let Some(p) = f.figure.period_label() {
        note.push(p.to_string());
    }
    if let (Some(m), false) = (&f.figure.measure, f.figure.number.kind == Kind::Date) {
        note.push(m.clone());
    }
    if !note.is_empty() {
        line.push(Block::plain(format!(" · {}", note.join(" · "))));
    }
    vec![
        Block::line(line),
        Block::quote(f.sentence.clone()),
        source_line(&f.article, f.source.paragraph as usize, lang),
    ]
}

/// What the conversation decided, as Telegram HTML pieces.
pub fn reply(r: &Reply, lang: Lang) -> Vec<String> {
    let t = lang.texts();
    let mut blocks: Vec<Block> = Vec::new();
    let note = |n: &Option<Note>, blocks: &mut Vec<Block>| {
        if let Some(Note::LongMessage) = n {
            blocks.push(Block::italic(t.long_message));
        }
    };
    match r {
        Reply::Answer { response, note: n } => {
            note(n, &mut blocks);
            blocks.extend(first_answer(response, lang));
        }
        Reply::More(response) => blocks.extend(more(response, lang)),
        Reply::Check { result, note: n } => {
            note(n, &mut blocks);
            blocks.extend(check(result, lang));
        }
        Reply::Facts(page) => blocks.extend(facts(page, lang)),
        Reply::Paragraph(Some(p)) => {
            let head = fill(
                t.paragraph_head,
                &[
                    ("title", &p.article.title),
                    ("paragraph", &p.number.to_string()),
                ],
            );
            blocks.push(Block::italic(head));
            blocks.push(Block::quote(p.text.clone()));
        }
        Reply::Paragraph(None) => blocks.push(Block::plain(t.paragraph_gone)),
        Reply::Sources(list) => blocks.extend(sources(list, lang)),
        Reply::Help(intro) => blocks.push(Block::plain(help(intro, lang))),
        Reply::Start(intro) => blocks.push(Block::plain(start(intro, lang))),
        Reply::Usage { usage, example } => blocks.push(Block::plain(match usage {
            Usage::Ask => fill(t.usage_ask, &[("example", example)]),
            Usage::Check => t.usage_check.to_string(),
        })),
    }
    pack(&blocks, MAX_MESSAGE)
}

/// The reply to a question: the first answer, or a plain "not in the article".
fn first_answer(r: &Response, lang: Lang) -> Vec<Block> {
    if let Some(line) = computed_line(r, lang) {
        return several(r, line, lang);
    }
    match (r.status, r.answers.first()) {
        (Status::Answered, Some(a)) => answer_blocks(a, lang),
        _ => not_found(r.reason.as_deref(), lang),
    }
}

fn not_found(reason: Option<&str>, lang: Lang) -> Vec<Block> {
    let t = lang.texts();
    let mut b = vec![Block::plain(t.not_found)];
    if let Some(r) = reason {
        b.push(Block::italic(format!("({r})")));
    }
    b.push(Block::plain(t.not_found_hint));
    b
}

/// More answers (2nd and 3rd) for the 更多结果 button.
/// The answer to a question over several figures: the computed line on top, a line per
/// figure (item, figure, period), then each quoted sentence once with its source.
fn several(r: &Response, line: String, lang: Lang) -> Vec<Block> {
    let mut blocks = vec![Block::bold(line)];
    for a in &r.answers {
        let Some(f) = &a.lead else { continue };
        let mut row = Vec::new();
        if let Some(item) = &a.item {
            row.push(Block::plain(format!("{item} · ")));
        }
        row.push(Block::bold(f.text.clone()));
        if let Some(p) = f.period_label() {
            row.push(Block::plain(format!(" · {p}")));
        }
        blocks.push(Block::line(row));
    }
    let mut quoted: Vec<(&str, &factbot_engine::ArticleInfo)> = Vec::new();
    for a in &r.answers {
        if quoted
            .iter()
            .any(|(e, art)| *e == a.excerpt && art.file == a.article.file)
        {
            continue;
        }
        quoted.push((&a.excerpt, &a.article));
        blocks.push(Block::quote(a.excerpt.clone()));
        blocks.push(source_line(&a.article, a.paragraph, lang));
    }
    blocks
}

fn more(r: &Response, lang: Lang) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let rest: Vec<&Answer> = r.answers.iter().skip(1).collect();
    if rest.is_empty() {
        blocks.push(Block::plain(lang.texts().no_more));
    }
    for (i, a) in rest.into_iter().enumerate() {
        if i > 0 {
            blocks.push(Block::plain("—"));
        }
        blocks.extend(answer_blocks(a, lang));
    }
    blocks
}

/// A fact-check verdict: ✅ / ❌ / ❔ per figure, the article's figure for each ❌, the excerpt.
fn check(r: &CheckResult, lang: Lang) -> Vec<Block> {
    let t = lang.texts();
    let mark = |v: Verdict| match v {
        Verdict::Supported => "✅",
        Verdict::Contradicted => "❌",
        Verdict::Unverifiable => "❔",
    };
    let verdict = match r.verdict {
        Verdict::Supported => t.verdict_supported,
        Verdict::Contradicted => t.verdict_contradicted,
        Verdict::Unverifiable => t.verdict_unverifiable,
    };
    let mut blocks = vec![
        Block::bold(format!("{} {verdict}", mark(r.verdict))),
        Block::quote(r.claim.clone()),
    ];
    if let Some(reason) = &r.reason {
        blocks.push(Block::italic(format!("({reason})")));
    }
    for f in &r.figures {
        let line = match (f.status, &f.article) {
            (Verdict::Contradicted, Some(a)) => fill(
                t.figure_contradicted,
                &[("claimed", &f.claimed), ("article", a)],
            ),
            (Verdict::Unverifiable, Some(a)) => fill(
                t.figure_unverifiable_near,
                &[("claimed", &f.claimed), ("article", a)],
            ),
            (Verdict::Unverifiable, None) => {
                fill(t.figure_unverifiable, &[("claimed", &f.claimed)])
            }
            _ => f.claimed.clone(),
        };
        blocks.push(Block::plain(format!("{} {line}", mark(f.status))));
        if let Some(e) = &f.excerpt {
            blocks.push(Block::quote(e.clone()));
        }
    }
    blocks
}

/// A page of key figures: the title with the page number, a line per figure.
fn facts(page: &FactsPage, lang: Lang) -> Vec<Block> {
    let t = lang.texts();
    let (p, n) = ((page.page + 1).to_string(), page.pages.to_string());
    let title = if page.topic.is_empty() {
        fill(t.facts_title, &[("page", &p), ("pages", &n)])
    } else {
        fill(
            t.facts_topic_title,
            &[("topic", &page.topic), ("page", &p), ("pages", &n)],
        )
    };
    let mut blocks = vec![Block::bold(title)];
    if page.facts.is_empty() {
        blocks.push(Block::plain(t.facts_none));
    }
    for f in &page.facts {
        let mut line = vec![Block::plain("• "), Block::bold(f.figure.text.clone())];
        let mut note = Vec::new();
        if let Some(m) = &f.figure.measure {
            note.push(m.clone());
        }
        if let Some(p) = f.figure.period_label() {
            note.push(p.to_string());
        }
        if !note.is_empty() {
            line.push(Block::plain(format!(" {}", note.join(" · "))));
        }
        blocks.push(Block::line(line));
    }
    blocks
}

/// The greeting of /start.
pub fn start(intro: &Intro, lang: Lang) -> String {
    let t = lang.texts();
    fill(t.intro, &[("articles", &intro.loaded(t))])
}

/// The help text (what is loaded, how to ask).
pub fn help(intro: &Intro, lang: Lang) -> String {
    let t = lang.texts();
    let example = intro.examples.first().cloned().unwrap_or_default();
    fill(
        t.help,
        &[("articles", &intro.loaded(t)), ("example", &example)],
    )
}

fn sources(list: &[factbot_engine::SourceInfo], lang: Lang) -> Vec<Block> {
    let t = lang.texts();
    let mut blocks = Vec::new();
    for s in list {
        blocks.push(Block::bold(s.article.title.clone()));
        let mut lines: Vec<String> = Vec::new();
        if let Some(src) = &s.source {
            lines.push(format!("{}{src}", t.source_label));
        }
        if let Some(p) = &s.article.published {
            lines.push(format!("{}{p}", t.date_label));
        }
        lines.push(fill(
            t.article_counts,
            &[
                ("paragraphs", &s.paragraphs.to_string()),
                ("figures", &s.figures.to_string()),
            ],
        ));
        blocks.push(Block::plain(lines.join("\n")));
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_html() {
        assert_eq!(escape("<b>&\"'</b>"), "&lt;b&gt;&amp;&quot;'&lt;/b&gt;");
    }

    #[test]
    fn a_check_with_the_long_message_note_stays_within_the_limit() {
        // many figures with long excerpts: the note is a block packed with the rest
        let figure = factbot_engine::CheckedFigure {
            claimed: "11.7%".into(),
            status: Verdict::Contradicted,
            article: Some("18.7%".into()),
            excerpt: Some("对欧盟、东盟、美国出口分别增长17.4%、11.7%、18.7%。".repeat(12)),
            reason: None,
            source: None,
            paragraph: None,
        };
        let result = CheckResult {
            claim: "青岛对美国出口增长11.7%".repeat(13),
            verdict: Verdict::Contradicted,
            figures: vec![figure; 12],
            reason: None,
        };
        for lang in [Lang::Zh, Lang::En] {
            let pieces = reply(
                &Reply::Check {
                    result: result.clone(),
                    note: Some(Note::LongMessage),
                },
                lang,
            );
            assert!(pieces.len() > 1);
            assert!(pieces[0].contains(lang.texts().long_message));
            for p in &pieces {
                assert!(p.encode_utf16().count() <= MAX_MESSAGE, "{}", p.len());
            }
        }
    }

    #[test]
    fn plain_text_drops_the_markup() {
        let html = pack(
            &[Block::bold("<a&b>"), Block::quote("“引文”&amp;")],
            MAX_MESSAGE,
        );
        assert_eq!(to_plain(&html[0]), "<a&b>\n“引文”&amp;");
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
}
