//! `factbot bench`: start-up, index build, per-question latency and peak memory.
//!
//! Two benchmarks:
//! - `factbot bench [--questions FILE] [--rounds N]`: the data folder as it is.
//! - `factbot bench --articles 1,100,1000`: for each size, a synthetic archive of that many
//!   articles (copies of the repository's fixture articles with other cities and varied
//!   figures, in a temporary folder), built from scratch, then served by a fresh process:
//!   start-up with the index present, per-question p50/p99 over the fixtures' questions
//!   asked of the copies, the time for one added article to become answerable, and peak
//!   memory (of the building and of the serving process, each its own).
//!
//! Timing targets are checked here, not in tests (a loaded CI machine makes timed tests
//! flaky). The numbers go into the README's Performance section and issue notes.

use std::io::Write;
use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::Instant;

use factbot_engine::synthetic::{load_fixtures, Generator};
use factbot_engine::{Engine, Options};

/// What the options of `bench` ask for.
pub struct BenchArgs<'a> {
    pub questions: Option<&'a Path>,
    pub rounds: usize,
    pub articles: Option<&'a str>,
    pub repo: &'a Path,
    pub serve: Option<&'a Path>,
    pub build_only: bool,
    /// Keep the synthetic archives here (for profiling) instead of a temporary folder.
    pub keep: Option<&'a Path>,
}

pub fn run(args: &super::Args, b: BenchArgs) -> anyhow::Result<ExitCode> {
    let opts = super::options(args);
    if b.build_only {
        return build_only(&opts);
    }
    if let Some(questions) = b.serve {
        return serve(&opts, questions, b.rounds, b.repo);
    }
    match b.articles {
        Some(sizes) => archives(sizes, b.repo, b.rounds, b.keep),
        None => data_folder(&opts, b.questions, b.rounds),
    }
}

/// The plain benchmark on the data folder as it is.
fn data_folder(
    opts: &Options,
    questions: Option<&Path>,
    rounds: usize,
) -> anyhow::Result<ExitCode> {
    let t0 = Instant::now();
    drop(Engine::rebuild(opts)?);
    let build_ms = t0.elapsed().as_secs_f64() * 1000.0;
    let t1 = Instant::now();
    let engine = Engine::open(opts)?;
    let open_ms = t1.elapsed().as_secs_f64() * 1000.0;
    // without a file: the articles' own example questions
    let list = match questions {
        Some(p) => read_questions(p)?,
        None => engine.examples(8),
    };
    let t = time_questions(&engine, &list, rounds);
    let times = &t.all;
    println!("start-up with index build: {build_ms:.0} ms; start-up with existing index: {open_ms:.0} ms");
    println!(
        "questions: {} x {} rounds; per question: mean {:.3} ms, p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        list.len(),
        rounds.max(1),
        times.iter().sum::<f64>() / times.len().max(1) as f64,
        percentile(times, 0.5),
        percentile(times, 0.99),
        percentile(times, 1.0)
    );
    println!(
        "first round (no word counts remembered yet): p50 {:.3} ms, p99 {:.3} ms; each question's best round: p50 {:.3} ms",
        percentile(&t.first, 0.5),
        percentile(&t.first, 0.99),
        percentile(&t.best, 0.5)
    );
    if let Some(kb) = peak_rss_kb() {
        println!("peak memory (VmHWM): {:.1} MiB", kb as f64 / 1024.0);
    }
    Ok(ExitCode::SUCCESS)
}

/// Per-question times in ms, each list sorted.
struct Timings {
    /// Every question of every round.
    all: Vec<f64>,
    /// The first round: nothing the index remembers between questions (word counts) is
    /// known yet.
    first: Vec<f64>,
    /// Each question's best round: the time without the machine's noise.
    best: Vec<f64>,
}

fn time_questions(engine: &Engine, list: &[String], rounds: usize) -> Timings {
    let mut per_question: Vec<Vec<f64>> = vec![Vec::new(); list.len()];
    for _ in 0..rounds.max(1) {
        for (q, times) in list.iter().zip(per_question.iter_mut()) {
            let t = Instant::now();
            std::hint::black_box(engine.ask(q));
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    let sorted = |mut v: Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        v
    };
    Timings {
        all: sorted(per_question.iter().flatten().copied().collect()),
        first: sorted(per_question.iter().map(|t| t[0]).collect()),
        best: sorted(
            per_question
                .iter()
                .map(|t| t.iter().copied().fold(f64::INFINITY, f64::min))
                .collect(),
        ),
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// A line may be a bare question or a JSON object with a "q" field (the eval format).
fn read_questions(p: &Path) -> anyhow::Result<Vec<String>> {
    Ok(std::fs::read_to_string(p)?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            serde_json::from_str::<serde_json::Value>(line)
                .ok()
                .and_then(|v| v.get("q").and_then(|q| q.as_str()).map(str::to_string))
                .unwrap_or_else(|| line.to_string())
        })
        .collect())
}

/// Beside the questions of a synthetic archive: the same with their place left out.
const PLACELESS: &str = "questions-no-place.txt";

/// The synthetic-archive benchmark, one line per size.
fn archives(
    sizes: &str,
    repo: &Path,
    rounds: usize,
    keep: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let sizes: Vec<usize> = sizes
        .split(',')
        .map(|s| s.trim().parse())
        .collect::<Result<_, _>>()
        .map_err(|_| anyhow::anyhow!("--articles takes sizes like 1,100,1000"))?;
    println!("| articles | MB of text | build | build peak RSS | start-up | p50 (place named / none) | p99 (place named / none) | added article answerable | serving peak RSS |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for n in sizes {
        let row = one_size(n, repo, rounds, keep)?;
        println!("{row}");
        std::io::stdout().flush()?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Build and serve an archive of `n` copies; one table row.
fn one_size(n: usize, repo: &Path, rounds: usize, keep: Option<&Path>) -> anyhow::Result<String> {
    let fixtures = load_fixtures(repo).map_err(|e| {
        anyhow::anyhow!(
            "cannot read the fixtures in {} ({e}); run from the repository or pass --repo",
            repo.display()
        )
    })?;
    let work = match keep {
        Some(dir) => dir.join(n.to_string()),
        None => std::env::temp_dir().join(format!("factbot-bench-{}-{n}", std::process::id())),
    };
    let _ = std::fs::remove_dir_all(&work);
    let (data, index) = (work.join("data"), work.join("index"));
    let (templates, question_files) = (fixtures.templates.clone(), fixtures.questions);
    let copies = Generator::new(fixtures.templates, fixtures.cities, 42).write(&data, n)?;
    let mb = copies
        .iter()
        .filter_map(|c| std::fs::metadata(data.join(&c.file)).ok())
        .map(|m| m.len())
        .sum::<u64>() as f64
        / 1e6;
    // the questions of each copy's template, with its city; and the same naming no place
    let mut questions: Vec<String> = Vec::new();
    let mut placeless: Vec<String> = Vec::new();
    for c in &copies {
        let Some(Some(file)) = question_files.get(c.template) else {
            continue;
        };
        for q in read_questions(file)? {
            let template_place = &templates[c.template].place;
            questions.push(q.replace(template_place, &c.place));
            placeless.push(q.replace(template_place, ""));
        }
        if questions.len() >= 400 {
            break;
        }
    }
    let qfile = work.join("questions.txt");
    std::fs::write(&qfile, questions.join("\n"))?;
    std::fs::write(work.join(PLACELESS), placeless.join("\n"))?;
    let build = child(&data, &index, &["bench", "--build-only"])?;
    let serve = child(
        &data,
        &index,
        &[
            "bench",
            "--serve",
            &qfile.display().to_string(),
            "--rounds",
            &rounds.to_string(),
            "--repo",
            &repo.display().to_string(),
        ],
    )?;
    if keep.is_none() {
        let _ = std::fs::remove_dir_all(&work);
    }
    let get =
        |v: &serde_json::Value, k: &str| v.get(k).and_then(|x| x.as_f64()).unwrap_or(f64::NAN);
    Ok(format!(
        "| {n} | {mb:.1} | {:.2} s | {:.0} MB | {:.0} ms | {:.2} / {:.2} ms | {:.2} / {:.2} ms | {:.0} ms | {:.0} MB |",
        get(&build, "build_ms") / 1000.0,
        get(&build, "rss_mb"),
        get(&serve, "open_ms"),
        get(&serve, "p50_ms"),
        get(&serve, "p50_placeless_ms"),
        get(&serve, "p99_ms"),
        get(&serve, "p99_placeless_ms"),
        get(&serve, "add_ms"),
        get(&serve, "rss_mb"),
    ))
}

/// Run this binary on the archive and read the JSON line it prints.
fn child(data: &Path, index: &Path, args: &[&str]) -> anyhow::Result<serde_json::Value> {
    let exe = std::env::current_exe()?;
    let out = Command::new(exe)
        .arg("--data")
        .arg(data)
        .arg("--index")
        .arg(index)
        .args(args)
        .env("FACTBOT_LOG", "warn")
        .output()?;
    if !out.status.success() {
        anyhow::bail!(
            "bench step failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().last().unwrap_or("{}");
    Ok(serde_json::from_str(line)?)
}

/// In a fresh process: build the archive from scratch; print the time and peak memory.
fn build_only(opts: &Options) -> anyhow::Result<ExitCode> {
    let t = Instant::now();
    let engine = Engine::rebuild(opts)?;
    let build_ms = t.elapsed().as_secs_f64() * 1000.0;
    let s = engine.stats();
    println!(
        "{}",
        serde_json::json!({
            "build_ms": build_ms, "articles": s.articles, "figures": s.figures,
            "rss_mb": peak_rss_kb().unwrap_or(0) as f64 / 1024.0,
        })
    );
    Ok(ExitCode::SUCCESS)
}

/// In a fresh process: open the archive, time the questions, add one article and time until
/// it answers; print the numbers and peak memory.
fn serve(opts: &Options, questions: &Path, rounds: usize, repo: &Path) -> anyhow::Result<ExitCode> {
    // as the bot starts: answering from the archive at once, catching up in the background
    let t = Instant::now();
    let engine = std::sync::Arc::new(Engine::open_serving(opts)?);
    let open_ms = t.elapsed().as_secs_f64() * 1000.0;
    super::catch_up(&engine);
    let list = read_questions(questions)?;
    let times = time_questions(&engine, &list, rounds).all;
    let answered = list
        .iter()
        .filter(|q| !engine.ask(q).answers.is_empty())
        .count();
    let placeless = match questions.parent().map(|d| d.join(PLACELESS)) {
        Some(p) if p.is_file() => time_questions(&engine, &read_questions(&p)?, rounds).all,
        _ => Vec::new(),
    };
    let add_ms = add_one(&engine, opts, repo)?;
    println!(
        "{}",
        serde_json::json!({
            "open_ms": open_ms, "questions": list.len(), "answered": answered,
            "p50_ms": percentile(&times, 0.5), "p99_ms": percentile(&times, 0.99),
            "p50_placeless_ms": percentile(&placeless, 0.5),
            "p99_placeless_ms": percentile(&placeless, 0.99),
            "add_ms": add_ms, "rss_mb": peak_rss_kb().unwrap_or(0) as f64 / 1024.0,
        })
    );
    Ok(ExitCode::SUCCESS)
}

/// Write one more article into the data folder (the first template itself, whose city no
/// copy has) and refresh: ms until a question naming its city is answered from it.
fn add_one(engine: &Engine, opts: &Options, repo: &Path) -> anyhow::Result<f64> {
    let Some(data) = &opts.data_dir else {
        return Ok(f64::NAN);
    };
    let fixtures = load_fixtures(repo)?;
    let templates = &fixtures.templates;
    let question = match fixtures.questions.first() {
        Some(Some(f)) => read_questions(f)?.into_iter().next(),
        _ => None,
    }
    .ok_or_else(|| anyhow::anyhow!("the first template has no questions"))?;
    let t = Instant::now();
    std::fs::write(data.join("added-article.txt"), &templates[0].text)?;
    std::fs::write(data.join("added-article.toml"), &templates[0].sidecar)?;
    engine.refresh()?;
    let r = engine.ask(&question);
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    let from_it = r
        .answers
        .first()
        .is_some_and(|a| a.article.file == "added-article.txt");
    anyhow::ensure!(from_it, "the added article did not answer {question}");
    Ok(ms)
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
