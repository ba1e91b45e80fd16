//! Plain-text rendering of answers and figures for a terminal.

use factbot::answer::describe_value;
use factbot::{Engine, Response, Status};

/// A readable answer: the figure, the excerpt, the source.
pub fn response(engine: &Engine, r: &Response) -> String {
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
                let article = &engine.corpus.articles[a.article];
                if let Some(lead) = a.lead {
                    let f = &engine.corpus.figures[lead];
                    let mut line = format!("{}. {}", i + 1, f.text);
                    let mut notes = vec![describe_value(f)];
                    if let Some(s) = &f.scope {
                        notes.push(s.describe());
                    }
                    if let Some(m) = &f.measure {
                        notes.push(m.clone());
                    }
                    line.push_str(&format!("  ({})", notes.join("; ")));
                    out.push_str(&line);
                } else {
                    out.push_str(&format!("{}.", i + 1));
                }
                out.push('\n');
                out.push_str(&format!("   “{}”\n", a.excerpt));
                out.push_str(&format!(
                    "   — {}, paragraph {}\n",
                    article.title, a.paragraph
                ));
            }
        }
    }
    out
}
