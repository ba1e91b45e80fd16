//! The `factbot` command: answer questions about the articles of a data folder from the
//! command line, list their figures, chat in a terminal, or (with a token) run the bot.

mod cli;

use std::process::ExitCode;

/// mimalloc instead of the system allocator: a question makes hundreds of small short-lived
/// allocations (words, forms, candidates), and glibc's malloc and free were a sixth of its
/// time (benches/compare.py, `perf`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let _ = dotenvy::dotenv();
    let args = cli::Args::parse_args();
    cli::init_logging(&args);
    match cli::run(args) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS, // `factbot facts | head`
        Err(e) => {
            eprintln!("factbot: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}
