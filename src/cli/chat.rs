//! `factbot chat`: a terminal conversation on the same engine as the bot.
//!
//! At a terminal it prompts; from a pipe it answers each line and exits 0 at end of input.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use factbot::Engine;

const COMMANDS: &str = "  /facts   list the figures    /source   what is loaded    /quit   leave";

pub fn run(engine: &Engine) -> anyhow::Result<ExitCode> {
    let interactive = std::io::stdin().is_terminal();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if interactive {
        writeln!(out, "factbot — {}", source(engine))?;
        writeln!(out, "{}", help(engine))?;
    }
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut buf = Vec::new();
    loop {
        if interactive {
            write!(out, "问> ")?;
            out.flush()?;
        }
        buf.clear();
        if input.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        let line = String::from_utf8_lossy(&buf).trim().to_string();
        match line.as_str() {
            "" => continue,
            "/quit" | "/exit" | "/q" => break,
            "/help" | "/start" => writeln!(out, "{}", help(engine))?,
            "/source" => writeln!(out, "{}", source(engine))?,
            "/facts" => {
                for f in engine
                    .figures()
                    .iter()
                    .filter(|f| f.measure.is_some())
                    .take(40)
                {
                    writeln!(out, "  {} — {}", f.text, f.measure.as_deref().unwrap_or(""))?;
                }
            }
            q => {
                let r = engine.ask(q);
                writeln!(out, "{}", super::format::response(engine, &r))?;
            }
        }
        out.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}

fn source(engine: &Engine) -> String {
    let titles: Vec<String> = engine
        .corpus
        .articles
        .iter()
        .map(|a| a.title.clone())
        .collect();
    format!(
        "{} ({} paragraphs, {} figures)",
        titles.join(" / "),
        engine.stats.paragraphs,
        engine.stats.figures
    )
}

fn help(engine: &Engine) -> String {
    let example = engine.examples(1).pop().unwrap_or_default();
    format!("Ask about the article in Chinese or English, e.g. {example}\n{COMMANDS}")
}
