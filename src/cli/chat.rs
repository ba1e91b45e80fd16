//! `factbot chat`: a terminal conversation on the same engine and the same conversation
//! layer as the bot: questions, statements checked, `/check`, `/facts`, `/source`.
//!
//! At a terminal it prompts; from a pipe it answers each line and exits 0 at end of input.
//! The language follows the locale (`LANG=zh_CN.UTF-8` for Chinese).

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use factbot_conversation::{Lang, Request, Setting};
use factbot_engine::Engine;

pub fn run(engine: std::sync::Arc<Engine>) -> anyhow::Result<ExitCode> {
    // new and changed articles go live while the chat runs; SIGHUP re-reads the folder too
    let _watcher = engine.watch()?;
    refresh_on_hangup(&engine);
    let engine = &*engine;
    let lang = locale_lang();
    let interactive = std::io::stdin().is_terminal();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let say = |out: &mut std::io::StdoutLock, request: Request| -> anyhow::Result<()> {
        let reply = factbot_conversation::respond(engine, request, Setting { direct: true });
        write!(out, "{}", super::format::reply(&reply, lang))?;
        Ok(())
    };
    if interactive {
        say(&mut out, Request::Help)?;
    }
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut buf = Vec::new();
    loop {
        if interactive {
            write!(out, "{}", lang.texts().chat_prompt)?;
            out.flush()?;
        }
        buf.clear();
        if input.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        let line = String::from_utf8_lossy(&buf).trim().to_string();
        if line.is_empty() {
            continue;
        }
        if matches!(line.as_str(), "/quit" | "/exit" | "/q") {
            break;
        }
        say(&mut out, request(&line))?;
        out.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Refresh the engine when the process gets SIGHUP (as daemons re-read their files).
fn refresh_on_hangup(engine: &std::sync::Arc<Engine>) {
    #[cfg(unix)]
    {
        let Ok(mut signals) = signal_hook::iterator::Signals::new([signal_hook::consts::SIGHUP])
        else {
            return;
        };
        let engine = std::sync::Arc::downgrade(engine);
        std::thread::spawn(move || {
            for _ in signals.forever() {
                let Some(engine) = engine.upgrade() else {
                    return;
                };
                match engine.refresh() {
                    Ok(s) => tracing::info!(
                        parsed = s.parsed,
                        removed = s.removed,
                        "SIGHUP: archive refreshed"
                    ),
                    Err(e) => tracing::warn!("SIGHUP: cannot refresh the archive: {e}"),
                }
            }
        });
    }
}

/// A chat line as a request: `/command args`, else a question or a statement.
fn request(line: &str) -> Request<'_> {
    let Some(rest) = line.strip_prefix('/') else {
        return Request::Text(line);
    };
    let (cmd, args) = rest
        .split_once(char::is_whitespace)
        .map(|(c, a)| (c, a.trim()))
        .unwrap_or((rest, ""));
    match cmd {
        "ask" => Request::Ask(args),
        "check" => Request::Check(args),
        "facts" => {
            // a trailing number is the page: /facts 进出口 2
            let (topic, page) = match args.rsplit_once(char::is_whitespace) {
                Some((t, p)) if p.parse::<usize>().is_ok() => (t.trim(), p),
                _ if args.parse::<usize>().is_ok() => ("", args),
                _ => (args, "1"),
            };
            let page = page.parse::<usize>().unwrap_or(1).max(1) - 1;
            Request::Facts { topic, page }
        }
        "source" | "sources" | "articles" => Request::Source,
        "start" => Request::Start,
        _ => Request::Help,
    }
}

/// Chinese when the locale says so, English otherwise.
fn locale_lang() -> Lang {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(|| "en".into());
    Lang::from_code(Some(&locale))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chat_lines_become_requests() {
        assert_eq!(request("进出口多少"), Request::Text("进出口多少"));
        assert_eq!(request("/check 增长5%"), Request::Check("增长5%"));
        assert_eq!(request("/facts"), Request::Facts { topic: "", page: 0 });
        assert_eq!(
            request("/facts 出口 2"),
            Request::Facts {
                topic: "出口",
                page: 1
            }
        );
        assert_eq!(request("/facts 3"), Request::Facts { topic: "", page: 2 });
        assert_eq!(request("/source"), Request::Source);
        assert_eq!(request("/articles"), Request::Source);
        assert_eq!(request("/nonsense"), Request::Help);
    }
}
