//! Plain-text rendering for a terminal: answers, verdicts, and the conversation's replies.

use factbot::conversation::{fill, Lang, Note, Reply, Usage};
use factbot::{Answer, CheckResult, FigureInfo, Response, Status, Verdict};

/// A readable answer for `factbot ask`: each figure with its value, period and measure, the
/// excerpt, the source.
pub fn response(r: &Response) -> String {
    let mut out = String::new();
    match r.status {
        Status::NotFound => {
            out.push_str("The article does not answer that");
            if let Some(reason) = &r.reason {
                out.push_str(&format!(" ({reason})"));
            }
            out.push_str(". Try `factbot facts` to see what it holds.\n");
        }
        Status::Answered => {
            for (i, a) in r.answers.iter().enumerate() {
                out.push_str(&numbered(i, a));
            }
        }
    }
    out
}

fn numbered(i: usize, a: &Answer) -> String {
    let mut out = match &a.lead {
        Some(f) => format!("{}. {}  ({})\n", i + 1, f.text, notes(f).join("; ")),
        None => format!("{}.\n", i + 1),
    };
    out.push_str(&format!("   “{}”\n", a.excerpt));
    let date = a
        .article
        .published
        .as_deref()
        .map(|d| format!(" ({d})"))
        .unwrap_or_default();
    out.push_str(&format!(
        "   — {}{date}, paragraph {}\n",
        a.article.title, a.paragraph
    ));
    out
}

/// Value, period and measure of a figure: `876000000000 元; 2023 (2023年); 进出口`.
pub fn notes(f: &FigureInfo) -> Vec<String> {
    let mut notes = vec![f.value_text()];
    if let Some(s) = &f.scope {
        notes.push(s.describe());
    }
    if let Some(m) = &f.measure {
        notes.push(m.clone());
    }
    notes
}

fn mark(v: Verdict) -> &'static str {
    match v {
        Verdict::Supported => "✅",
        Verdict::Contradicted => "❌",
        Verdict::Unverifiable => "❔",
    }
}

/// The verdict, then each figure: ✅ / ❌ (with the article's figure) / ❔, and the excerpt.
pub fn check(r: &CheckResult) -> String {
    let mut s = format!("{} {:?}: {}\n", mark(r.verdict), r.verdict, r.claim);
    if let Some(reason) = &r.reason {
        s.push_str(&format!("   ({reason})\n"));
    }
    for f in &r.figures {
        s.push_str(&format!("   {} {}", mark(f.status), f.claimed));
        match (f.status, &f.article) {
            (Verdict::Contradicted, Some(a)) => s.push_str(&format!(" — the article says {a}")),
            (Verdict::Unverifiable, _) => s.push_str(&format!(
                " — {}",
                f.reason.as_deref().unwrap_or("not in the article")
            )),
            _ => {}
        }
        s.push('\n');
        if let Some(e) = &f.excerpt {
            s.push_str(&format!("      “{e}”\n"));
        }
    }
    s
}

/// A conversation reply as terminal text, in `lang`.
pub fn reply(reply: &Reply, lang: Lang) -> String {
    let t = lang.texts();
    let mut out = String::new();
    let note = |n: &Option<Note>| match n {
        Some(Note::LongMessage) => format!("({})\n", t.long_message),
        None => String::new(),
    };
    match reply {
        Reply::Answer {
            response: r,
            note: n,
        } => {
            out.push_str(&note(n));
            if r.status == Status::NotFound {
                out.push_str(t.not_found);
                if let Some(reason) = &r.reason {
                    out.push_str(&format!(" ({reason})"));
                }
                out.push('\n');
                out.push_str(t.not_found_hint);
                out.push('\n');
            } else {
                out.push_str(&response(r));
            }
        }
        Reply::More(r) => {
            out.push_str(&response(r));
        }
        Reply::Check { result, note: n } => {
            out.push_str(&note(n));
            out.push_str(&check(result));
        }
        Reply::Facts(page) => {
            let title = if page.topic.is_empty() {
                fill(
                    t.facts_title,
                    &[
                        ("page", &(page.page + 1).to_string()),
                        ("pages", &page.pages.to_string()),
                    ],
                )
            } else {
                fill(
                    t.facts_topic_title,
                    &[
                        ("topic", &page.topic),
                        ("page", &(page.page + 1).to_string()),
                        ("pages", &page.pages.to_string()),
                    ],
                )
            };
            out.push_str(&title);
            out.push('\n');
            if page.facts.is_empty() {
                out.push_str(t.facts_none);
                out.push('\n');
            }
            for f in &page.facts {
                let mut line = format!("  {}", f.figure.text);
                if let Some(m) = &f.figure.measure {
                    line.push_str(&format!(" — {m}"));
                }
                if let Some(p) = f.figure.period_label() {
                    line.push_str(&format!(" · {p}"));
                }
                out.push_str(&line);
                out.push('\n');
            }
        }
        Reply::Paragraph(Some(p)) => {
            out.push_str(&fill(
                t.paragraph_head,
                &[
                    ("title", &p.article.title),
                    ("paragraph", &p.number.to_string()),
                ],
            ));
            out.push('\n');
            out.push_str(&p.text);
            out.push('\n');
        }
        Reply::Paragraph(None) => {
            out.push_str(t.paragraph_gone);
            out.push('\n');
        }
        Reply::Sources(list) => {
            for s in list {
                let mut line = s.article.title.clone();
                if let Some(d) = &s.article.published {
                    line.push_str(&format!(" ({d})"));
                }
                line.push_str(&format!(
                    " — {}",
                    fill(
                        t.article_counts,
                        &[
                            ("paragraphs", &s.paragraphs.to_string()),
                            ("figures", &s.figures.to_string())
                        ]
                    )
                ));
                out.push_str(&line);
                out.push('\n');
            }
        }
        Reply::Help(intro) | Reply::Start(intro) => {
            let example = intro.examples.first().cloned().unwrap_or_default();
            out.push_str(&fill(
                t.help,
                &[("articles", &intro.loaded(t)), ("example", &example)],
            ));
            out.push('\n');
            out.push_str(t.chat_commands);
            out.push('\n');
        }
        Reply::Usage { usage, example } => {
            out.push_str(&match usage {
                Usage::Ask => fill(t.usage_ask, &[("example", example)]),
                Usage::Check => t.usage_check.to_string(),
            });
            out.push('\n');
        }
    }
    out
}
