//! Property tests over what users and Telegram send the bot: questions and claims through
//! the conversation and the rendering, callback data, commands, addressing and whole
//! updates, with texts that mix CJK, full-width digits, emoji, control characters, markup
//! and up to 100,000 characters.
//!
//! CI runs a few cases of each. A long run, outside CI, on the release build:
//!
//! ```sh
//! PROPTEST_CASES=200000 FUZZ_SECONDS=600 cargo test --release --test fuzz_bot -- --nocapture
//! ```
//!
//! `FUZZ_SECONDS` bounds each property's run; each prints how many cases it tried. A
//! failing case is shrunk and saved in `tests/fuzz_bot.proptest-regressions` (replayed
//! first on every run), and findings are kept as plain cases at the end of this file.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestRunner};

use factbot_conversation::{Lang, Request, Setting};
use factbot_engine::{ArticleKey, ParagraphRef};
use factbot_telegram::address::command;
use factbot_telegram::render::callback::{Callback, MAX_CALLBACK};
use factbot_telegram::render::keyboards;
use factbot_telegram::{address, gate, metrics, render};

mod common;

fn me() -> teloxide::types::Me {
    serde_json::from_value(serde_json::json!({
        "id": 42, "is_bot": true, "first_name": "factbot", "username": "factbot_test_bot",
        "can_join_groups": true, "can_read_all_group_messages": false, "supports_inline_queries": true,
        "can_connect_to_business": false, "has_main_web_app": false
    }))
    .unwrap()
}

/// Run `property` over `strategy` for `PROPTEST_CASES` cases (default `ci_cases`), or until
/// `FUZZ_SECONDS` have passed.
fn check<S: Strategy>(
    name: &str,
    ci_cases: u32,
    strategy: S,
    property: impl Fn(S::Value) -> Result<(), TestCaseError>,
) {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(ci_cases);
    let limit = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map(Duration::from_secs);
    let config = Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/fuzz_bot.proptest-regressions",
        ))),
        source_file: Some(file!()),
        max_shrink_iters: 2_000,
        ..Config::default()
    };
    let started = Instant::now();
    let tried = AtomicU64::new(0);
    let mut runner = TestRunner::new(config);
    let result = runner.run(&strategy, |value| {
        if limit.is_some_and(|l| started.elapsed() > l) {
            return Ok(()); // out of time: the remaining cases pass through untried
        }
        tried.fetch_add(1, Ordering::Relaxed);
        property(value)
    });
    eprintln!(
        "{name}: {} cases in {:.1} s",
        tried.load(Ordering::Relaxed),
        started.elapsed().as_secs_f64()
    );
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
}

/// Pieces of hostile text.
fn atom() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[\u{4e00}-\u{9fa5}]{1,8}",                    // CJK
        2 => "[\u{ff10}-\u{ff19}]{1,5}",                    // full-width digits
        2 => "[0-9]{1,6}(\\.[0-9]{1,2})?",
        2 => prop::sample::select(vec!["%", "亿元", "万家", "个百分点", "余", "约", "增长", "下降", "？", "。", "，", "、"]).prop_map(str::to_string),
        1 => "[\u{1F300}-\u{1F64F}]{1,3}",                  // emoji (two UTF-16 units each)
        1 => "[\u{0}-\u{1f}\u{7f}\u{202e}\u{200b}\u{feff}]{1,3}", // control, bidi, zero-width
        1 => prop::sample::select(vec!["<b>", "</b>", "<i>", "&", "&amp;", "\"", "<blockquote>", "</", ">", "<a href=\"x\">"]).prop_map(str::to_string),
        1 => prop::sample::select(vec!["@factbot_test_bot", "@other_bot", "/ask", "/check", "/start@factbot_test_bot", "\u{3000}", "\n", " "]).prop_map(str::to_string),
        1 => "[a-zA-Z ]{1,10}",
    ]
}

/// Texts: mostly short, some up to 100,000 characters (a short text repeated).
fn text() -> impl Strategy<Value = String> {
    let short = || prop::collection::vec(atom(), 0..12).prop_map(|v| v.concat());
    prop_oneof![
        8 => short(),
        1 => (short(), 1_000usize..100_000).prop_map(|(t, n)| {
            let unit = if t.is_empty() { "进".to_string() } else { t };
            unit.chars().cycle().take(n).collect()
        }),
    ]
}

/// Telegram HTML as the bot makes it: known tags, balanced and nested, entities escaped,
/// within 4096 UTF-16 units.
fn valid_html(text: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        text.encode_utf16().count() <= render::MAX_MESSAGE,
        "over the limit"
    );
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(['<', '&', '>']) {
        let after = &rest[i + 1..];
        match rest.as_bytes()[i] {
            b'<' => {
                let end = after
                    .find('>')
                    .ok_or_else(|| TestCaseError::fail("unclosed tag"))?;
                let tag = &after[..end];
                if let Some(name) = tag.strip_prefix('/') {
                    prop_assert_eq!(stack.pop(), Some(name), "misnested");
                } else {
                    prop_assert!(["b", "i", "blockquote"].contains(&tag), "tag <{}>", tag);
                    stack.push(tag);
                }
                rest = &after[end + 1..];
            }
            b'&' => {
                prop_assert!(
                    ["amp;", "lt;", "gt;", "quot;"]
                        .iter()
                        .any(|e| after.starts_with(e)),
                    "bare &"
                );
                rest = after;
            }
            _ => return Err(TestCaseError::fail("bare >")),
        }
    }
    prop_assert!(stack.is_empty(), "unclosed {:?}", stack);
    Ok(())
}

/// Whatever the text, each reply renders within Telegram's limits with valid buttons.
fn reply_fits(text: &str) -> Result<(), TestCaseError> {
    let engine = common::shipped();
    let topic: String = text
        .chars()
        .take(factbot_conversation::QUESTION_CHARS)
        .collect();
    for (request, direct) in [
        (Request::Text(text), true),
        (Request::Text(text), false),
        (Request::Check(text), true),
        (Request::More(text), true),
        // the bot passes at most a question's worth of topic (commands.rs)
        (
            Request::Facts {
                topic: &topic,
                page: 3,
            },
            true,
        ),
    ] {
        let reply = factbot_conversation::respond(&engine, request, Setting { direct });
        for lang in [Lang::Zh, Lang::En] {
            for piece in render::reply(&reply, lang) {
                valid_html(&piece)?;
            }
            if let Some(k) = keyboards::for_reply(&reply, lang) {
                for b in k.inline_keyboard.iter().flatten() {
                    if let teloxide::types::InlineKeyboardButtonKind::CallbackData(d) = &b.kind {
                        prop_assert!(d.len() <= MAX_CALLBACK);
                        prop_assert!(Callback::decode(d).is_some(), "{d}");
                    }
                }
            }
        }
    }
    Ok(())
}

#[test]
fn questions_and_claims_always_render_within_the_limits() {
    check("questions and claims", 24, text(), |t| reply_fits(&t));
}

fn callback() -> impl Strategy<Value = Callback> {
    prop_oneof![
        any::<u8>().prop_map(Callback::Example),
        Just(Callback::More),
        Just(Callback::Check),
        Just(Callback::Search),
        (any::<u64>(), 0u32..100_000).prop_map(|(k, p)| Callback::Paragraph(ParagraphRef {
            article: ArticleKey(k),
            paragraph: p
        })),
        (0u32..100_000, text()).prop_map(|(page, topic)| Callback::Facts {
            page,
            topic: topic.chars().take(200).collect()
        }),
    ]
}

#[test]
fn callback_data_round_trips_and_forged_data_never_panics() {
    check("callback data", 256, callback(), |c| {
        let data = c.encode();
        prop_assert!(data.len() <= MAX_CALLBACK);
        let back = Callback::decode(&data);
        match (&c, &back) {
            (Callback::Facts { page, topic }, Some(Callback::Facts { page: p, topic: t })) => {
                prop_assert_eq!(page, p);
                prop_assert!(topic.starts_with(t.as_str()));
            }
            _ => prop_assert_eq!(Some(c.clone()), back),
        }
        Ok(())
    });
    check("forged callback data", 256, text(), |data| {
        let cut: String = data.chars().take(100).collect();
        for d in [&data, &cut, &format!("f:1:{cut}"), &format!("p:{cut}")] {
            if let Some(c) = Callback::decode(d) {
                prop_assert!(c.encode().len() <= MAX_CALLBACK);
            }
        }
        Ok(())
    });
}

#[test]
fn commands_and_addressing_never_panic() {
    let me = me();
    check("commands and addressing", 256, text(), |t| {
        let _ = command::lenient(&t, &me);
        let _ = command::for_another_bot(&t, &me);
        let _ = address::without_mention(&t, &me);
        let _ = address::strip_addressing(&t);
        let q = factbot_conversation::question_part(&t).0;
        prop_assert!(q.chars().count() <= factbot_conversation::QUESTION_CHARS);
        Ok(())
    });
}

/// Updates with hostile fields and odd shapes.
fn update() -> impl Strategy<Value = String> {
    let field = prop_oneof![
        text().prop_map(serde_json::Value::String),
        any::<i64>().prop_map(serde_json::Value::from),
        Just(serde_json::Value::Null),
        Just(serde_json::json!({})),
        Just(serde_json::json!([])),
    ];
    (0u8..6, any::<u32>(), any::<i64>(), field, text()).prop_map(|(shape, id, chat, odd, t)| {
        let from = serde_json::json!({"id": chat.unsigned_abs() % 1_000_000_000, "is_bot": false, "first_name": t.chars().take(20).collect::<String>()});
        let msg = serde_json::json!({"message_id": id, "date": 0, "chat": {"id": chat, "type": "private", "first_name": "A"}, "from": from, "text": t});
        let u = match shape {
            0 => serde_json::json!({"update_id": id, "message": msg}),
            1 => serde_json::json!({"update_id": id, "callback_query": {"id": "q", "from": from, "chat_instance": "c", "data": t, "message": msg}}),
            2 => serde_json::json!({"update_id": id, "inline_query": {"id": "i", "from": from, "query": t, "offset": odd}}),
            3 => serde_json::json!({"update_id": id, "message": {"message_id": odd, "chat": msg["chat"], "text": t}}),
            4 => serde_json::json!({"update_id": odd, "channel_post": msg}),
            _ => serde_json::json!({"update_id": id, "edited_message": msg, "extra": odd}),
        };
        u.to_string()
    })
}

#[test]
fn updates_parse_or_are_skipped_never_panic() {
    let gate = gate::Gate::new(std::sync::Arc::new(metrics::Metrics::new()));
    check("updates", 256, update(), |json| {
        if let Ok(u) = serde_json::from_str::<teloxide::types::Update>(&json) {
            let _ = gate::worker_key(&u);
            if gate.admit(&u) {
                gate.done(&u);
            }
        }
        Ok(())
    });
}

// Findings kept as plain cases.

#[test]
fn regressions() {
    let cases = [
        String::new(),
        "\u{0}".to_string(),
        "<".repeat(5000),
        "&".repeat(5000),
        "😀".repeat(3000),
        format!("{}。{}", "问".repeat(299), "字".repeat(100_000)),
        "１２３４５６７８９０亿元增长％".to_string(),
        "\u{202e}2023年青岛市完成进出口多少亿元<b>".to_string(),
    ];
    for t in &cases {
        reply_fits(t).unwrap();
    }
}
