//! Command-line interface: argument parsing and dispatch. Each subcommand lives in its own
//! module and talks to the engine only through `factbot_engine::Engine`.

mod ask;
mod bench;
mod chat;
mod check;
mod facts;
mod format;
mod progress;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use factbot_engine::{Engine, Options};

#[derive(Debug, Parser)]
#[command(
    name = "factbot",
    version,
    about = "Answers questions about news articles with exact figures and the sentence they come from"
)]
pub struct Args {
    /// Folder of articles (.txt/.md, each with an optional NAME.toml sidecar). Default:
    /// ./data, or the built-in article when there is no ./data.
    #[arg(long, global = true, env = "FACTBOT_DATA")]
    pub data: Option<PathBuf>,
    /// Folder of the archive and its search index (built on first run). Default: ./index
    /// beside ./data; for another data folder or the built-in article, a folder in the
    /// user's cache directory.
    #[arg(long, global = true, env = "FACTBOT_INDEX")]
    pub index: Option<PathBuf>,
    /// Run the bot behind this public webhook URL instead of long polling.
    #[arg(long, global = true, env = "FACTBOT_WEBHOOK_URL")]
    pub webhook: Option<String>,
    /// Address the webhook server listens on.
    #[arg(
        long,
        global = true,
        env = "FACTBOT_WEBHOOK_LISTEN",
        default_value = "0.0.0.0:8443"
    )]
    pub listen: String,
    /// More logging (-v info, -vv debug); FACTBOT_LOG or RUST_LOG set filters too.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Answer a question, or one question per line of standard input.
    Ask {
        /// Write one JSON object per question.
        #[arg(long)]
        json: bool,
        /// Also print how the question was read and the scored candidates (to stderr).
        #[arg(long)]
        explain: bool,
        /// The question; without it, questions are read from standard input.
        question: Vec<String>,
    },
    /// Check a claim figure by figure, or one claim per line of standard input.
    Check {
        /// Write one JSON object per claim.
        #[arg(long)]
        json: bool,
        /// The claim; without it, claims are read from standard input.
        claim: Vec<String>,
    },
    /// (Re)build the index and print the counts.
    Index,
    /// List every figure of the articles.
    Facts {
        #[arg(long)]
        json: bool,
    },
    /// Chat in the terminal (from a pipe: answer each line and exit).
    Chat,
    /// Measure start-up, index build and per-question latency.
    Bench {
        /// Questions, one per line or as JSON lines with "q" (default: the articles' examples).
        #[arg(long)]
        questions: Option<PathBuf>,
        /// Passes over the questions.
        #[arg(long, default_value_t = 20)]
        rounds: usize,
        /// Benchmark synthetic archives of these sizes instead (e.g. 1,100,1000,10000): made
        /// from the repository's fixture articles in a temporary folder.
        #[arg(long)]
        articles: Option<String>,
        /// The repository whose fixtures make the synthetic archives.
        #[arg(long, default_value = ".")]
        repo: PathBuf,
        /// (internal) serve the archive and time these questions, as JSON.
        #[arg(long, hide = true)]
        serve: Option<PathBuf>,
        /// (internal) build the archive from scratch and report, as JSON.
        #[arg(long, hide = true)]
        build_only: bool,
        /// Keep the synthetic archives in this folder (one subfolder per size).
        #[arg(long)]
        keep: Option<PathBuf>,
    },
}

impl Args {
    pub fn parse_args() -> Args {
        Args::parse()
    }
}

pub fn init_logging(args: &Args) {
    use tracing_subscriber::EnvFilter;
    // the bot logs what it does; a terminal conversation shows only problems (-v for more)
    let bot = args.command.is_none() && bot_configured();
    let default = match (args.verbose, &args.command) {
        (0, Some(Command::Index) | Some(Command::Bench { .. })) => "info",
        // `index -v` lists every file a problem touches (logged at debug level)
        (1, Some(Command::Index)) => "debug",
        (0, None) if bot => "info",
        (0, _) => "warn",
        (1, _) => "info",
        _ => "debug",
    };
    let filter = std::env::var("FACTBOT_LOG")
        .ok()
        .and_then(|f| EnvFilter::try_new(f).ok())
        .or_else(|| EnvFilter::try_from_default_env().ok())
        .unwrap_or_else(|| EnvFilter::new(format!("{default},tantivy=warn")));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .try_init();
}

/// The engine options from the arguments: an explicit data folder must exist; with none
/// given, ./data is used when present, else the built-in article.
pub fn options(args: &Args) -> Options {
    let project = args.data.is_none() && PathBuf::from("data").is_dir();
    let data_dir = match &args.data {
        Some(d) => Some(d.clone()),
        None if project => Some(PathBuf::from("data")),
        None => None,
    };
    let index_dir = match &args.index {
        Some(i) => i.clone(),
        // a project folder keeps its index beside its data
        None if project => PathBuf::from("index"),
        // anywhere else: never a folder dropped where the user stands
        None => cache_index(data_dir.as_deref()),
    };
    Options {
        progress: progress::bar(),
        ..Options::new(data_dir, index_dir)
    }
}

/// The index of a data folder (or of the built-in article) in the user's cache directory:
/// `~/.cache/factbot/<name>` on Linux.
fn cache_index(data: Option<&std::path::Path>) -> PathBuf {
    let base = directories::ProjectDirs::from("", "", "factbot")
        .map(|d| d.cache_dir().to_path_buf())
        .unwrap_or_else(|| std::env::temp_dir().join("factbot"));
    let name = match data {
        None => "built-in".to_string(),
        Some(d) => {
            let full = std::fs::canonicalize(d).unwrap_or_else(|_| d.to_path_buf());
            // one index per data folder: a stable hash of its full path
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for b in full.to_string_lossy().bytes() {
                h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
            }
            format!("data-{h:016x}")
        }
    };
    base.join(name)
}

pub fn open(args: &Args) -> anyhow::Result<Engine> {
    let opts = options(args);
    Engine::open(&opts).context("cannot start the answer engine")
}

/// The engine of a long-running job (the bot, the terminal chat): it answers from the
/// archive as the last run left it at once, and `catch_up` brings it up to date.
pub fn open_serving(args: &Args) -> anyhow::Result<std::sync::Arc<Engine>> {
    let opts = options(args);
    let engine = Engine::open_serving(&opts).context("cannot start the answer engine")?;
    Ok(std::sync::Arc::new(engine))
}

/// Bring an engine opened by [`open_serving`] up to date in the background, for a job that
/// does not watch the data folder (whose watcher does it as it starts).
pub fn catch_up(engine: &std::sync::Arc<Engine>) {
    let engine = engine.clone();
    let _ = std::thread::Builder::new()
        .name("factbot-catch-up".into())
        .spawn(move || {
            if let Err(e) = engine.refresh() {
                tracing::warn!("cannot bring the archive up to date: {e}");
            }
        });
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match &args.command {
        Some(Command::Ask {
            json,
            explain,
            question,
        }) => {
            let engine = open(&args)?;
            ask::run(&engine, *json, *explain, question)
        }
        Some(Command::Check { json, claim }) => {
            let engine = open(&args)?;
            check::run(&engine, *json, claim)
        }
        Some(Command::Index) => {
            let t0 = std::time::Instant::now();
            let engine = Engine::rebuild(&options(&args)).context("cannot build the index")?;
            let s = engine.stats();
            println!(
                "indexed {} article(s): {} paragraphs, {} sentences, {} figures; {} index documents in {}",
                s.articles,
                s.paragraphs,
                s.sentences,
                s.figures,
                s.index_docs,
                engine.index_dir().display()
            );
            println!(
                "parsed {} article(s) in {} ms (index opened in {} ms), total {} ms",
                s.parsed,
                s.parse_ms,
                s.index_ms,
                t0.elapsed().as_millis()
            );
            // the log said each kind of problem once; -v names every file
            if args.verbose > 0 {
                for (file, why) in &s.skipped {
                    println!("skipped {file}: it {why}");
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Facts { json }) => {
            let engine = open(&args)?;
            facts::run(&engine, *json)
        }
        Some(Command::Chat) => chat::run(open_serving(&args)?),
        Some(Command::Bench {
            questions,
            rounds,
            articles,
            repo,
            serve,
            build_only,
            keep,
        }) => bench::run(
            &args,
            bench::BenchArgs {
                questions: questions.as_deref(),
                rounds: *rounds,
                articles: articles.as_deref(),
                repo,
                serve: serve.as_deref(),
                build_only: *build_only,
                keep: keep.as_deref(),
            },
        ),
        None => {
            if run_bot(&args)? {
                return Ok(ExitCode::SUCCESS);
            }
            chat::run(open_serving(&args)?)
        }
    }
}

/// Is a Telegram token set (in the environment or `.env`)?
fn bot_configured() -> bool {
    cfg!(feature = "telegram")
        && std::env::var("TELOXIDE_TOKEN").is_ok_and(|t| !t.trim().is_empty())
}

/// Run the Telegram bot when a token is set; false (after saying so) when there is none.
#[cfg(feature = "telegram")]
fn run_bot(args: &Args) -> anyhow::Result<bool> {
    let Some(cfg) =
        factbot_telegram::BotConfig::from_env(args.webhook.as_deref(), Some(&args.listen))?
    else {
        eprintln!("factbot: no TELOXIDE_TOKEN set, so no Telegram bot. Starting the terminal chat on the same engine.");
        eprintln!("         To connect Telegram, create a bot with @BotFather and put TELOXIDE_TOKEN=… in .env (see README).");
        return Ok(false);
    };
    let engine = open_serving(args)?;
    if !cfg.watch {
        catch_up(&engine);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(factbot_telegram::run(engine, cfg))?;
    Ok(true)
}

/// Built without the `telegram` feature: always the terminal chat.
#[cfg(not(feature = "telegram"))]
fn run_bot(_args: &Args) -> anyhow::Result<bool> {
    eprintln!("factbot: built without the Telegram bot (feature `telegram`); starting the terminal chat (TELOXIDE_TOKEN is not read).");
    Ok(false)
}

/// Call `f` with each line of standard input, decoded lossily (a line that is not UTF-8 is
/// still a line), without its line ending. The last line needs no newline.
pub fn each_line(mut f: impl FnMut(String) -> anyhow::Result<()>) -> anyhow::Result<()> {
    use std::io::BufRead;
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        if input.read_until(b'\n', &mut buf)? == 0 {
            return Ok(());
        }
        if buf.last() == Some(&b'\n') {
            buf.pop();
        }
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
        f(String::from_utf8_lossy(&buf).into_owned())?;
    }
}
