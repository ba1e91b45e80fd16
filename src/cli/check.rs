//! `factbot check`: one verdict per claim, in order, as JSON lines or text. Like `ask`,
//! every input line gets exactly one output line.

use std::io::Write;
use std::process::ExitCode;

use factbot::check::{CheckResult, Verdict};
use factbot::Engine;

pub fn run(engine: &Engine, json: bool, words: &[String]) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let emit = |claim: &str, out: &mut std::io::StdoutLock| -> anyhow::Result<()> {
        let r = engine.check(claim);
        if json {
            serde_json::to_writer(&mut *out, &r)?;
            out.write_all(b"\n")?;
        } else {
            writeln!(out, "{}", text(&r))?;
        }
        out.flush()?;
        Ok(())
    };
    if !words.is_empty() {
        emit(&words.join(" "), &mut out)?;
    } else {
        super::each_line(|line| emit(&line, &mut out))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn mark(v: Verdict) -> &'static str {
    match v {
        Verdict::Supported => "✅",
        Verdict::Contradicted => "❌",
        Verdict::Unverifiable => "❔",
    }
}

/// The verdict, then each figure: ✅ / ❌ (with the article's figure) / ❔, and the excerpt.
pub fn text(r: &CheckResult) -> String {
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
