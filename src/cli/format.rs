//! Plain-text rendering for a terminal: answers, verdicts, and the conversation's replies.

use factbot_conversation::{computed_line, fill, FactsPage, Lang, Note, Reply, Texts, Usage};
use factbot_engine::{Answer, CheckResult, FigureInfo, Response, SourceInfo, Status, Verdict};

/// A readable answer for `factbot ask`: each figure with its value, period and measure, the
/// excerpt, the source.
pub fn response(r: &Response) -> String {
    response_in(r, Lang::En)
}

/// The same, with the computed line in `lang`.
fn response_in(r: &Response, lang: Lang) -> String {
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
            if let Some(line) = computed_line(r, lang) {
                out.push_str(&format!("{line}\n"));
            }
            for (i, a) in r.answers.iter().enumerate() {
                out.push_str(&numbered(i, a));
            }
        }
    }
    out
}

fn numbered(i: usize, a: &Answer) -> String {
    let item = a
        .item
        .as_deref()
        .map(|x| format!("{x}: "))
        .unwrap_or_default();
    let mut out = match &a.lead {
        Some(f) => format!("{}. {item}{}  ({})\n", i + 1, f.text, notes(f).join("; ")),
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
            (Verdict::Unverifiable, Some(a)) => s.push_str(&format!(
                " — the nearest article figure is {a}: {}",
                f.reason.as_deref().unwrap_or("not the same thing")
            )),
            (Verdict::Unverifiable, None) => s.push_str(&format!(
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
    let note = |n: &Option<Note>| match n {
        Some(Note::LongMessage) => format!("({})\n", t.long_message),
        None => String::new(),
    };
    match reply {
        Reply::Answer {
            response: r,
            note: n,
        } if r.status == Status::NotFound => {
            let reason = r
                .reason
                .as_deref()
                .map(|x| format!(" ({x})"))
                .unwrap_or_default();
            format!("{}{}{reason}\n{}\n", note(n), t.not_found, t.not_found_hint)
        }
        Reply::Answer {
            response: r,
            note: n,
        } => format!("{}{}", note(n), response_in(r, lang)),
        Reply::More(r) => response_in(r, lang),
        Reply::Check { result, note: n } => format!("{}{}", note(n), check(result)),
        Reply::Facts(page) => facts(page, t),
        Reply::Paragraph(Some(p)) => {
            let n = p.number.to_string();
            let head = fill(
                t.paragraph_head,
                &[("title", &p.article.title), ("paragraph", &n)],
            );
            format!("{head}\n{}\n", p.text)
        }
        Reply::Paragraph(None) => format!("{}\n", t.paragraph_gone),
        Reply::Sources(list) => sources(list, t),
        Reply::Help(intro) | Reply::Start(intro) => {
            let example = intro.examples.first().cloned().unwrap_or_default();
            let help = fill(
                t.help,
                &[("articles", &intro.loaded(t)), ("example", &example)],
            );
            format!("{help}\n{}\n", t.chat_commands)
        }
        Reply::Usage { usage, example } => match usage {
            Usage::Ask => format!("{}\n", fill(t.usage_ask, &[("example", example)])),
            Usage::Check => format!("{}\n", t.usage_check),
        },
    }
}

/// A page of key figures: the title with the page number, then a line per figure.
fn facts(page: &FactsPage, t: &Texts) -> String {
    let (p, n) = ((page.page + 1).to_string(), page.pages.to_string());
    let mut out = if page.topic.is_empty() {
        fill(t.facts_title, &[("page", &p), ("pages", &n)])
    } else {
        fill(
            t.facts_topic_title,
            &[("topic", &page.topic), ("page", &p), ("pages", &n)],
        )
    };
    out.push('\n');
    if page.facts.is_empty() {
        out.push_str(t.facts_none);
        out.push('\n');
    }
    for f in &page.facts {
        out.push_str(&format!("  {}", f.figure.text));
        if let Some(m) = &f.figure.measure {
            out.push_str(&format!(" — {m}"));
        }
        if let Some(p) = f.figure.period_label() {
            out.push_str(&format!(" · {p}"));
        }
        out.push('\n');
    }
    out
}

/// The articles loaded: title, date, size.
fn sources(list: &[SourceInfo], t: &Texts) -> String {
    let mut out = String::new();
    for s in list {
        let date = s
            .article
            .published
            .as_deref()
            .map(|d| format!(" ({d})"))
            .unwrap_or_default();
        let (paragraphs, figures) = (s.paragraphs.to_string(), s.figures.to_string());
        let counts = fill(
            t.article_counts,
            &[("paragraphs", &paragraphs), ("figures", &figures)],
        );
        out.push_str(&format!("{}{date} — {counts}\n", s.article.title));
    }
    out
}
