//! `factbot check`: one verdict per claim, in order, as JSON lines or text. Like `ask`,
//! every input line gets exactly one output line.

use std::io::Write;
use std::process::ExitCode;

use factbot_engine::Engine;

pub fn run(engine: &Engine, json: bool, words: &[String]) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let emit = |claim: &str, out: &mut std::io::StdoutLock| -> anyhow::Result<()> {
        let r = engine.check(claim);
        if json {
            serde_json::to_writer(&mut *out, &r)?;
            out.write_all(b"\n")?;
        } else {
            writeln!(out, "{}", super::format::check(&r))?;
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
