//! The conversation: what factbot says for a message, whichever frontend it came from.
//!
//! A frontend turns what the user did (a message, a command, a button) into a [`Request`],
//! calls [`respond`], and renders the [`Reply`] in its own medium: Telegram HTML in `bot`,
//! plain text in the terminal chat. The decisions live here, so the chat and the bot behave
//! alike: a statement of figures in a direct conversation is fact-checked, a long message is
//! read from its first sentence with a note, `/facts` pages the same key figures.
//!
//! Nothing here knows Telegram or the terminal; the texts around the article's words are in
//! [`ui`], one module per language.
//!
//! Owns: what to say. May import the engine's public API (and `text` for sentence ends);
//! never its insides (corpus, index, ranking) and never a frontend.

pub mod ui;

use factbot_engine::{CheckResult, Engine, Op, Response};
use factbot_engine::{Fact, ParagraphRef, ParagraphText, SourceInfo};

pub use ui::{fill, Lang, Texts, COMMANDS};

/// Longest part of a message read as a question or a claim, in chars.
pub const QUESTION_CHARS: usize = 300;
/// Key figures per page of `/facts`.
pub const FACTS_PAGE: usize = 8;

/// What the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Request<'a> {
    /// A plain message: a question, or, in a direct conversation, a statement to check.
    Text(&'a str),
    /// `/ask question`.
    Ask(&'a str),
    /// `/check claim`.
    Check(&'a str),
    /// The answers after the first for a question (the "more results" button).
    More(&'a str),
    /// `/facts [topic]`, one page of key figures (0-based).
    Facts {
        /// Empty for all key figures.
        topic: &'a str,
        /// 0-based; clamped to the last page.
        page: usize,
    },
    /// A whole paragraph.
    Paragraph(ParagraphRef),
    /// `/source`: the articles loaded.
    Source,
    /// `/help`.
    Help,
    /// `/start`: greeting and example questions.
    Start,
}

/// Where the conversation happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Setting {
    /// A private chat or the terminal: every message is for factbot, and a statement of
    /// figures without a question is fact-checked. In groups and channels it is answered as
    /// a question.
    pub direct: bool,
}

/// A note shown above a reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    /// The message was long: only its first sentence was read.
    LongMessage,
}

/// The greeting and help: what is loaded and what to ask.
#[derive(Debug, Clone, PartialEq)]
pub struct Intro {
    /// How many articles are loaded.
    pub articles: usize,
    /// The newest article's title.
    pub title: String,
    /// Example questions (up to three).
    pub examples: Vec<String>,
}

impl Intro {
    /// `{articles}` of the texts: the title, or the count and the newest title.
    pub fn loaded(&self, t: &Texts) -> String {
        if self.articles <= 1 {
            fill(t.articles_one, &[("title", &self.title)])
        } else {
            fill(
                t.articles_many,
                &[
                    ("count", &self.articles.to_string()),
                    ("title", &self.title),
                ],
            )
        }
    }
}

/// A page of key figures.
#[derive(Debug, Clone, PartialEq)]
pub struct FactsPage {
    /// The topic asked for (empty for all).
    pub topic: String,
    /// 0-based page shown.
    pub page: usize,
    /// Number of pages (at least 1).
    pub pages: usize,
    /// The figures of this page.
    pub facts: Vec<Fact>,
}

/// A request that lacks what it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Usage {
    /// `/ask` without a question.
    Ask,
    /// `/check` without a claim.
    Check,
}

/// What to say.
#[derive(Debug, Clone)]
pub enum Reply {
    /// Answers to a question (or why there are none).
    Answer {
        /// The engine's response.
        response: Response,
        /// Shown above it.
        note: Option<Note>,
    },
    /// The answers after the first.
    More(Response),
    /// A fact-check.
    Check {
        /// The verdicts.
        result: CheckResult,
        /// Shown above it.
        note: Option<Note>,
    },
    /// A page of key figures.
    Facts(FactsPage),
    /// A whole paragraph, or `None` when it is gone.
    Paragraph(Option<ParagraphText>),
    /// The articles loaded.
    Sources(Vec<SourceInfo>),
    /// How to use factbot.
    Help(Intro),
    /// The greeting with example questions.
    Start(Intro),
    /// The request lacks its argument.
    Usage {
        /// Which command.
        usage: Usage,
        /// An example question to show.
        example: String,
    },
}

/// The line above the answers of a question over several figures: the computed number
/// and how it was worked out, the winner of a superlative, or why the figures were not
/// compared. `None` for a question about one figure.
pub fn computed_line(r: &Response, lang: Lang) -> Option<String> {
    let t = lang.texts();
    if let Some(why) = &r.note {
        return Some(fill(t.not_compared, &[("why", why)]));
    }
    let c = r.computed.as_ref()?;
    let value = c.text.as_str();
    let how = |sign: &str| c.from.join(sign);
    Some(match c.op {
        Op::Max => fill(t.highest, &[("value", value)]),
        Op::Min => fill(t.lowest, &[("value", value)]),
        Op::Filter => fill(t.passing, &[("value", value)]),
        Op::Series => fill(t.over_time, &[("value", value)]),
        Op::Difference => fill(t.computed, &[("value", value), ("how", &how(" − "))]),
        Op::Ratio => fill(t.computed, &[("value", value), ("how", &how(" ÷ "))]),
        Op::Sum => fill(t.computed, &[("value", value), ("how", &how(" + "))]),
    })
}

/// Decide what to say for a request.
pub fn respond(engine: &Engine, request: Request<'_>, setting: Setting) -> Reply {
    match request {
        Request::Text(text) => {
            let (text, note) = question_part(text);
            if setting.direct && is_claim(engine, &text) {
                Reply::Check {
                    result: engine.check(&text),
                    note,
                }
            } else {
                Reply::Answer {
                    response: engine.ask(&text),
                    note,
                }
            }
        }
        Request::Ask(q) if q.trim().is_empty() => usage(engine, Usage::Ask),
        Request::Ask(q) => {
            let (q, note) = question_part(q);
            Reply::Answer {
                response: engine.ask(&q),
                note,
            }
        }
        Request::Check(c) if c.trim().is_empty() => usage(engine, Usage::Check),
        Request::Check(c) => {
            let (c, note) = question_part(c);
            Reply::Check {
                result: engine.check(&c),
                note,
            }
        }
        Request::More(q) => Reply::More(engine.ask(&question_part(q).0)),
        Request::Facts { topic, page } => Reply::Facts(facts_page(engine, topic, page)),
        Request::Paragraph(r) => Reply::Paragraph(engine.paragraph(r)),
        Request::Source => Reply::Sources(engine.sources()),
        Request::Help => Reply::Help(intro(engine)),
        Request::Start => Reply::Start(intro(engine)),
    }
}

/// The greeting's facts: what is loaded, three example questions.
pub fn intro(engine: &Engine) -> Intro {
    let sources = engine.sources();
    let newest = sources
        .iter()
        .max_by(|a, b| a.article.published.cmp(&b.article.published))
        .map(|s| s.article.title.clone())
        .unwrap_or_default();
    Intro {
        articles: sources.len(),
        title: newest,
        examples: engine.examples(3),
    }
}

fn usage(engine: &Engine, usage: Usage) -> Reply {
    Reply::Usage {
        usage,
        example: engine.examples(1).pop().unwrap_or_default(),
    }
}

/// Does a text state figures without asking anything? Then a direct conversation checks it.
pub fn is_claim(engine: &Engine, text: &str) -> bool {
    !engine.asks_something(text) && engine.states_a_quantity(text)
}

/// The part of a message to read: all of it up to [`QUESTION_CHARS`] chars; a longer one is
/// read from its first sentence (or its first chars), with a note saying so.
pub fn question_part(text: &str) -> (String, Option<Note>) {
    if text.chars().count() <= QUESTION_CHARS {
        return (text.trim().to_string(), None);
    }
    let chars: Vec<char> = text.chars().collect();
    let first = factbot_engine::split_sentences(text).into_iter().next();
    let q: String = match first {
        Some(r) if r.len() <= QUESTION_CHARS && r.len() >= 4 => chars[r].iter().collect(),
        _ => chars.iter().take(QUESTION_CHARS).collect(),
    };
    (q.trim().to_string(), Some(Note::LongMessage))
}

/// The sentences of a text, as the engine cuts them (after 。！？； and closing quotes), for
/// frontends that split long messages at sentence ends.
pub fn split_sentences(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    factbot_engine::split_sentences(text)
        .into_iter()
        .map(|r| chars[r].iter().collect())
        .collect()
}

/// One page of key figures about `topic` (all when empty), [`FACTS_PAGE`] a page.
pub fn facts_page(engine: &Engine, topic: &str, page: usize) -> FactsPage {
    let all = engine.key_facts(topic);
    let pages = all.len().div_ceil(FACTS_PAGE).max(1);
    let page = page.min(pages - 1);
    FactsPage {
        topic: topic.trim().to_string(),
        page,
        pages,
        facts: all
            .into_iter()
            .skip(page * FACTS_PAGE)
            .take(FACTS_PAGE)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_messages_are_cut_at_a_sentence() {
        let text = format!("{}。后面还有很多字", "问".repeat(200)) + &"字".repeat(5000);
        let (q, note) = question_part(&text);
        assert_eq!(q, format!("{}。", "问".repeat(200)));
        assert_eq!(note, Some(Note::LongMessage));
        assert_eq!(question_part("短问题"), ("短问题".into(), None));
        let (q, note) = question_part(&"字".repeat(400));
        assert_eq!(
            (q.chars().count(), note),
            (QUESTION_CHARS, Some(Note::LongMessage))
        );
    }
}
