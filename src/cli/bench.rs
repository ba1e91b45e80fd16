//! `factbot bench`: start-up, index build and per-question latency, and peak memory.
//!
//! Timing targets are checked here, not in tests (a loaded CI machine makes timed tests
//! flaky). The numbers go into the closing notes of issues.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use factbot::Engine;

pub fn run(
    args: &super::Args,
    questions: Option<&Path>,
    rounds: usize,
) -> anyhow::Result<ExitCode> {
    let file: Option<Vec<String>> = match questions {
        Some(p) => Some(
            std::fs::read_to_string(p)?
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(extract)
                .collect(),
        ),
        None => None,
    };
    let opts = super::options(args);
    let t0 = Instant::now();
    let rebuilt = Engine::rebuild(&opts)?;
    let build_ms = t0.elapsed().as_secs_f64() * 1000.0;
    drop(rebuilt);
    let t1 = Instant::now();
    let engine = Engine::open(&opts)?;
    let open_ms = t1.elapsed().as_secs_f64() * 1000.0;
    // without a file: the articles' own example questions
    let list = file.unwrap_or_else(|| engine.examples(8));

    let mut times: Vec<f64> = Vec::new();
    for _ in 0..rounds.max(1) {
        for q in &list {
            let t = Instant::now();
            std::hint::black_box(engine.ask(q));
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    let mean = times.iter().sum::<f64>() / times.len() as f64;
    println!("start-up with index build: {build_ms:.0} ms; start-up with existing index: {open_ms:.0} ms");
    println!(
        "questions: {} x {} rounds; per question: mean {:.2} ms, p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        list.len(),
        rounds,
        mean,
        pct(0.5),
        pct(0.95),
        pct(1.0)
    );
    if let Some(kb) = peak_rss_kb() {
        println!("peak memory (VmHWM): {:.1} MiB", kb as f64 / 1024.0);
    }
    Ok(ExitCode::SUCCESS)
}

/// A line may be a bare question or a JSON object with a "q" field (the eval format).
fn extract(line: &str) -> String {
    serde_json::from_str::<serde_json::Value>(line)
        .ok()
        .and_then(|v| v.get("q").and_then(|q| q.as_str()).map(str::to_string))
        .unwrap_or_else(|| line.to_string())
}

fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}
