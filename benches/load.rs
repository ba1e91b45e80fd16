//! Load harness (not a timed test): the whole bot, in this process, against the fake Bot
//! API on 127.0.0.1.
//!
//! ```sh
//! cargo bench --bench load                  # all three runs
//! LOAD_RUN=plain cargo bench --bench load   # or: throttled, faults
//! ```
//!
//! - `plain`: 10,000 questions from 500 private chats (`LOAD_UPDATES`, `LOAD_CHATS`),
//!   offered at `LOAD_RATE` updates a second (default 1,500), Throttle and the rate limit
//!   off. Reports answered, lost, doubled, throughput and the time from an update being
//!   queued at the server to its answer arriving there (p50, p99). Target: 0 lost,
//!   0 doubled, at least 1,000 updates a second on 2 cores.
//! - `throttled`: a burst of 1,000 questions from 1,000 private chats, Throttle on, against
//!   a server that answers 429 whenever Telegram's limits (30 a second overall, one a second
//!   per chat, 20 a minute per group) are broken. Target: all answered, no 429.
//! - `faults`: 300 questions from 30 chats (100 a second, Throttle off) per row, one row per
//!   fault of Telegram's: none; one getUpdates answered 502, 503 with a proxy's HTML page,
//!   429 (retry_after 1), or its connection dropped; 5% of sendMessage answered 429 or 502,
//!   then 502 or 503. Prints p50, p95 and p99 of the time to answer, lost and doubled.
//!   Targets: p99 at most 2 s after one 5xx poll, 2.5 s with 5% of sends failing with a
//!   5xx, 0 lost and 0 doubled in every row.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;
use teloxide::adaptors::throttle::Settings;
use teloxide::adaptors::Throttle;
use teloxide::prelude::*;

use factbot_telegram::{launch, BotState, Source, LIMITS};

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "../tests/fake_api/mod.rs"]
mod fake_api;

const QUESTIONS: [&str; 6] = [
    "青岛对欧盟出口增长了多少",
    "汽车出口增长多少",
    "2023年青岛市完成进出口多少亿元",
    "青岛今年1-5月进出口增长多少",
    "北京的进出口总额是多少",
    "家电出口增长",
];

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

struct Outcome {
    asked: usize,
    answered: usize,
    doubled: usize,
    took: Duration,
    latencies: Vec<Duration>,
    flood_answers: usize,
}

impl Outcome {
    /// The latency at quantile `p` (0–1).
    fn pct(&self, p: f64) -> Duration {
        self.latencies
            .get(((self.latencies.len() as f64 - 1.0) * p).round() as usize)
            .copied()
            .unwrap_or_default()
    }

    fn report(&self, name: &str) {
        let pct = |p: f64| self.pct(p);
        println!(
            "{name}: {} questions, {} answered, {} lost, {} doubled, {:.0} updates/s over {:.2} s, p50 {:.1} ms, p99 {:.1} ms, 429 answered by the server: {}",
            self.asked,
            self.answered,
            self.asked - self.answered,
            self.doubled,
            self.asked as f64 / self.took.as_secs_f64(),
            self.took.as_secs_f64(),
            pct(0.50).as_secs_f64() * 1000.0,
            pct(0.99).as_secs_f64() * 1000.0,
            self.flood_answers,
        );
    }
}

/// Push `updates` questions from `chats` chats at `rate` a second (0: all at once), wait for
/// the answers (`patience` at most after the last push), and measure.
async fn run(
    fake: &fake_api::Shared,
    updates: usize,
    chats: usize,
    rate: usize,
    patience: Duration,
) -> Outcome {
    let started = Instant::now();
    let chunk = if rate == 0 {
        updates
    } else {
        (rate / 100).max(1)
    };
    let mut pushed = 0;
    while pushed < updates {
        {
            let mut f = fake.lock().unwrap();
            for _ in 0..chunk.min(updates - pushed) {
                let i = pushed as i64;
                let chat = 100_000 + (i % chats as i64);
                let q = QUESTIONS[(i as usize / chats + i as usize) % QUESTIONS.len()];
                let msg = fake_api::private_message(chat, i + 1, q, "zh");
                f.push(json!({"update_id": i + 1, "message": msg}));
                pushed += 1;
            }
        }
        if rate > 0 {
            let due = started + Duration::from_secs_f64(pushed as f64 / rate as f64);
            tokio::time::sleep_until(due.into()).await;
        }
    }
    let deadline = Instant::now() + patience;
    let count = |f: &fake_api::Fake| {
        let mut seen = std::collections::HashSet::new();
        for c in f.sent() {
            if let Some(q) = c.body["reply_parameters"]["message_id"].as_i64() {
                seen.insert(q);
            }
        }
        seen.len()
    };
    let mut last_answer = Instant::now();
    loop {
        let (answered, at) = {
            let f = fake.lock().unwrap();
            (count(&f), f.sent().last().map(|c| c.at))
        };
        if let Some(at) = at {
            last_answer = at;
        }
        if answered >= updates || Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let f = fake.lock().unwrap();
    let mut first: std::collections::HashMap<i64, Instant> = Default::default();
    let mut copies: std::collections::HashMap<i64, usize> = Default::default();
    for c in f.sent() {
        if let Some(q) = c.body["reply_parameters"]["message_id"].as_i64() {
            first.entry(q).or_insert(c.at);
            *copies.entry(q).or_default() += 1;
        }
    }
    let mut latencies: Vec<Duration> = first
        .iter()
        .filter_map(|(q, at)| f.pushed.get(q).map(|p| at.duration_since(*p)))
        .collect();
    latencies.sort();
    Outcome {
        asked: updates,
        answered: first.len(),
        doubled: copies.values().filter(|&&n| n > 1).count(),
        took: last_answer.duration_since(started),
        latencies,
        flood_answers: f.limit_violations,
    }
}

async fn plain() {
    let (fake, url) = fake_api::start(fake_api::Faults::default()).await;
    let bot = Bot::new(fake_api::TOKEN).set_api_url(reqwest::Url::parse(&url).unwrap());
    let state = Arc::new(BotState::with(common::shipped(), Vec::new(), None));
    let running = launch(bot, state, Source::Polling).await.unwrap();
    let updates = env("LOAD_UPDATES", 10_000);
    let chats = env("LOAD_CHATS", 500);
    let rate = env("LOAD_RATE", 1_500);
    let outcome = run(&fake, updates, chats, rate, Duration::from_secs(60)).await;
    outcome.report(&format!(
        "plain (Throttle off, rate limit off, offered {rate}/s)"
    ));
    running.stop(Duration::from_secs(10)).await;
}

async fn throttled() {
    let faults = fake_api::Faults {
        enforce_limits: true,
        ..Default::default()
    };
    let (fake, url) = fake_api::start(faults).await;
    let bot = Bot::new(fake_api::TOKEN).set_api_url(reqwest::Url::parse(&url).unwrap());
    let bot = Throttle::spawn_with_settings(bot, Settings::default().limits(LIMITS).no_retry());
    let state = Arc::new(BotState::with(common::shipped(), Vec::new(), None));
    let running = launch(bot, state, Source::Polling).await.unwrap();
    let outcome = run(&fake, 1_000, 1_000, 0, Duration::from_secs(120)).await;
    outcome.report("throttled (Throttle on, a burst of 1,000 from 1,000 chats)");
    running.stop(Duration::from_secs(10)).await;
}

/// One row of the fault table: a fresh server with `faults` and the bot polling it.
async fn fault_row(name: &str, faults: fake_api::Faults) {
    let (fake, url) = fake_api::start(faults).await;
    let bot = Bot::new(fake_api::TOKEN).set_api_url(reqwest::Url::parse(&url).unwrap());
    let state = Arc::new(BotState::with(common::shipped(), Vec::new(), None));
    let running = launch(bot, state, Source::Polling).await.unwrap();
    let o = run(&fake, 300, 30, 100, Duration::from_secs(60)).await;
    let ms = |d: Duration| format!("{:.0} ms", d.as_secs_f64() * 1000.0);
    println!(
        "| {name} | {} | {} | {} | {} | {} |",
        ms(o.pct(0.50)),
        ms(o.pct(0.95)),
        ms(o.pct(0.99)),
        o.asked - o.answered,
        o.doubled
    );
    running.stop(Duration::from_secs(10)).await;
}

async fn faults() {
    use fake_api::{Faults, Mix, Scripted};
    // the fourth poll fails: the run is under way, questions are waiting
    let one_poll = |status, html| Faults {
        script: vec![Scripted {
            method: "getupdates",
            nth: 3,
            status,
            html,
        }],
        ..Faults::default()
    };
    let sends = |mix| Faults {
        seed: 5,
        send: mix,
        ..Faults::default()
    };
    println!("faults: 300 questions from 30 chats, Throttle off");
    println!("| fault | p50 | p95 | p99 | lost | doubled |\n|---|---|---|---|---|---|");
    fault_row("none", Faults::default()).await;
    fault_row("one getUpdates answered 502", one_poll(502, false)).await;
    fault_row(
        "one getUpdates answered 503 with an HTML page",
        one_poll(503, true),
    )
    .await;
    let dropped = Faults {
        seed: 3,
        get_updates: Mix {
            drop_before: 0.02,
            ..Mix::default()
        },
        ..Faults::default()
    };
    fault_row("getUpdates connection dropped (2%)", dropped).await;
    fault_row(
        "one getUpdates answered 429, retry_after 1",
        one_poll(429, false),
    )
    .await;
    let flood_or_502 = Mix {
        flood: 0.025,
        server: 0.025,
        ..Mix::default()
    };
    fault_row("5% of sendMessage answered 429 or 502", sends(flood_or_502)).await;
    let server = Mix {
        server: 0.025,
        unavailable: 0.025,
        ..Mix::default()
    };
    fault_row("5% of sendMessage answered 502 or 503", sends(server)).await;
}

fn main() {
    // `cargo bench` passes --bench; nothing else is read from the command line
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let which = std::env::var("LOAD_RUN").unwrap_or_default();
    runtime.block_on(async {
        common::shipped(); // open the engine before the clock starts
        if which.is_empty() || which == "plain" {
            plain().await;
        }
        if which.is_empty() || which == "throttled" {
            throttled().await;
        }
        if which.is_empty() || which == "faults" {
            faults().await;
        }
    });
}
