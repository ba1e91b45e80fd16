//! `factbot ask`: one answer per question, in order, as JSON lines or text.
//!
//! Every input line gets exactly one output line, whatever it holds: an empty line, a huge
//! line or bytes that are not UTF-8 (decoded lossily) are answered `not_found` with a reason.

use std::io::Write;
use std::process::ExitCode;

use factbot_engine::Engine;

pub fn run(
    engine: &Engine,
    json: bool,
    explain: bool,
    words: &[String],
) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if !words.is_empty() {
        let q = words.join(" ");
        emit(engine, json, explain, &q, &mut out)?;
        return Ok(ExitCode::SUCCESS);
    }
    super::each_line(|q| emit(engine, json, explain, &q, &mut out))?;
    Ok(ExitCode::SUCCESS)
}

fn emit(
    engine: &Engine,
    json: bool,
    explain: bool,
    q: &str,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if explain {
        eprintln!("{}", engine.explain(q));
    }
    let t0 = std::time::Instant::now();
    let r = engine.ask(q);
    tracing::debug!(ms = t0.elapsed().as_secs_f64() * 1000.0, status = ?r.status, "answered");
    if json {
        serde_json::to_writer(&mut *out, &r)?;
        out.write_all(b"\n")?;
    } else {
        writeln!(out, "{}", super::format::response(&r))?;
    }
    out.flush()?;
    Ok(())
}
