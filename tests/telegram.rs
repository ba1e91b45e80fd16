//! The Telegram bot end to end, against a fake Bot API server started here on 127.0.0.1.
//!
//! The server answers with the JSON shapes the real Bot API returns (getMe, getUpdates with
//! offset and timeout, sendMessage returning a full Message, answerInlineQuery,
//! answerCallbackQuery, editMessageText, setMyCommands, deleteWebhook) and records every
//! call. The bot's own handler tree runs in a real teloxide dispatcher with a plain `Bot`
//! pointed at it, and the tests assert the exact calls. No network beyond loopback.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use teloxide::prelude::*;

use factbot_engine::Engine;
use factbot_telegram::{launch, BotState, RateLimit, Running, Source};

mod common;
mod fake_api;

use fake_api::{bot_user, chat_for, Faults, Shared, TOKEN};

struct Harness {
    fake: Shared,
    state: Arc<BotState>,
    running: Option<Running>,
    next_update: i64,
}

fn engine() -> Arc<Engine> {
    common::shipped()
}

async fn start_server() -> (Shared, String) {
    fake_api::start(Faults::default()).await
}

impl Harness {
    /// A fake server and the bot polling it (plain requester, default rate limit).
    async fn start() -> Harness {
        Harness::with(Faults::default(), Some(RateLimit::DEFAULT)).await
    }

    /// The same with faults and a rate limit.
    async fn with(faults: Faults, rate: Option<RateLimit>) -> Harness {
        Harness::on(engine(), Vec::new(), faults, rate).await
    }

    /// The bot on `engine`, with `admins`.
    async fn on(
        engine: Arc<Engine>,
        admins: Vec<u64>,
        faults: Faults,
        rate: Option<RateLimit>,
    ) -> Harness {
        let (fake, url) = fake_api::start(faults).await;
        let bot = Bot::new(TOKEN).set_api_url(reqwest::Url::parse(&url).unwrap());
        let state = Arc::new(BotState::with(engine, admins, rate));
        let running = launch(bot, state.clone(), Source::Polling).await.unwrap();
        Harness {
            fake,
            state,
            running: Some(running),
            next_update: 1,
        }
    }

    fn push(&mut self, kind: &str, payload: Value) -> i64 {
        let id = self.next_update;
        self.next_update += 1;
        let mut u = json!({"update_id": id});
        u[kind] = payload;
        self.fake.lock().unwrap().push(u);
        id
    }

    fn calls(&self, method: &str) -> Vec<Value> {
        self.fake.lock().unwrap().calls(method)
    }

    /// Wait until `n` calls of `method` were made (10 s at most).
    async fn wait_for(&self, method: &str, n: usize) -> Vec<Value> {
        self.wait_for_within(method, n, Duration::from_secs(10))
            .await
    }

    async fn wait_for_within(&self, method: &str, n: usize, limit: Duration) -> Vec<Value> {
        let deadline = Instant::now() + limit;
        loop {
            let calls = self.calls(method);
            if calls.len() >= n || Instant::now() > deadline {
                return calls;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    async fn stop(mut self) {
        if let Some(r) = self.running.take() {
            r.stop(Duration::from_secs(5)).await;
        }
    }
}

fn private_message(id: i64, text: &str, lang: &str) -> Value {
    fake_api::private_message(1001, id, text, lang)
}

fn group_message(id: i64, text: &str) -> Value {
    fake_api::group_message(-2001, 1002, id, text)
}

fn utf16(s: &str) -> usize {
    s.encode_utf16().count()
}

/// A small validator for Telegram HTML: only the tags the bot uses, balanced and properly
/// nested, and every `&` starting a known entity.
fn assert_valid_html(text: &str) {
    let allowed = ["b", "i", "blockquote"];
    let mut stack: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(['<', '&', '>']) {
        let c = rest[i..].chars().next().unwrap();
        let after = &rest[i + 1..];
        match c {
            '<' => {
                let end = after
                    .find('>')
                    .unwrap_or_else(|| panic!("unclosed tag in {text}"));
                let tag = &after[..end];
                if let Some(name) = tag.strip_prefix('/') {
                    assert_eq!(
                        stack.pop().as_deref(),
                        Some(name),
                        "misnested </{name}> in {text}"
                    );
                } else {
                    assert!(allowed.contains(&tag), "unexpected tag <{tag}> in {text}");
                    stack.push(tag.to_string());
                }
                rest = &after[end + 1..];
            }
            '&' => {
                assert!(
                    ["amp;", "lt;", "gt;", "quot;"]
                        .iter()
                        .any(|e| after.starts_with(e)),
                    "bare & in {text}"
                );
                rest = after;
            }
            _ => panic!("bare > in {text}"),
        }
    }
    assert!(stack.is_empty(), "unclosed {stack:?} in {text}");
    assert!(utf16(text) <= 4096, "message over 4096 UTF-16 units");
}

fn buttons(msg: &Value) -> Vec<(String, String)> {
    msg["reply_markup"]["inline_keyboard"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row.as_array().cloned().unwrap_or_default())
        .map(|b| {
            (
                b["text"].as_str().unwrap_or("").to_string(),
                b["callback_data"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn start_offers_three_example_questions() {
    let mut h = Harness::start().await;
    h.push("message", private_message(1, "/start", "zh-hans"));
    let sent = h.wait_for("sendMessage", 1).await;
    assert_eq!(sent.len(), 1);
    let m = &sent[0];
    assert_eq!(m["chat_id"], 1001);
    assert_eq!(m["parse_mode"], "HTML");
    assert!(m["text"].as_str().unwrap().contains("factbot"));
    let b = buttons(m);
    assert_eq!(b.len(), 3);
    assert_eq!(
        b[0],
        (
            "2023年青岛市完成进出口多少亿元".to_string(),
            "e:0".to_string()
        )
    );
    assert_valid_html(m["text"].as_str().unwrap());
    // tapping an example asks it
    h.push(
        "callback_query",
        json!({"id": "cb-e", "from": {"id": 1001, "is_bot": false, "first_name": "R", "language_code": "zh"}, "chat_instance": "ci", "data": "e:0",
               "message": {"message_id": 1001, "date": 1_720_000_000, "chat": chat_for(1001), "from": bot_user(), "text": "welcome"}}),
    );
    let sent = h.wait_for("sendMessage", 3).await;
    assert!(
        sent[2]["text"]
            .as_str()
            .unwrap()
            .contains("<b>8760亿元</b>"),
        "{}",
        sent[2]["text"]
    );
    assert_eq!(h.wait_for("answerCallbackQuery", 1).await.len(), 1);
    // getUpdates asked only for what the handler tree handles
    let polls = h.calls("getUpdates");
    let mut allowed: Vec<String> = polls[0]["allowed_updates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    allowed.sort();
    assert_eq!(
        allowed,
        ["callback_query", "channel_post", "inline_query", "message"]
    );
    assert!(polls.iter().all(|p| p["timeout"].is_number()));
    assert_eq!(h.calls("getWebhookInfo").len(), 1);
    assert_eq!(
        h.calls("deleteWebhook").len(),
        1,
        "a leftover webhook is deleted before polling"
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_private_question_gets_the_figure_in_bold_with_buttons() {
    let mut h = Harness::start().await;
    h.push(
        "message",
        private_message(10, "青岛今年1-5月进出口增长多少", "zh-CN"),
    );
    let sent = h.wait_for("sendMessage", 1).await;
    let m = &sent[0];
    let text = m["text"].as_str().unwrap();
    assert_valid_html(text);
    assert!(text.starts_with("<b>1.9%</b> · 今年1-5月"), "{text}");
    assert!(
        text.contains("<blockquote>今年1-5月，全市完成进出口3561.8亿元、增长1.9%"),
        "{text}"
    );
    assert!(
        text.contains("来源：《共享开放机遇，世界500强在青投资406个项目》第12段"),
        "{text}"
    );
    assert_eq!(m["reply_parameters"]["message_id"], 10);
    // the paragraph button names the article by a stable key (its file name's hash)
    let paragraph = format!(
        "p:{}:12",
        factbot_engine::ArticleKey::of_file("qingdao-opening-up.txt").hex()
    );
    assert_eq!(
        buttons(m),
        [
            ("更多结果".into(), "m".into()),
            ("原文段落".into(), paragraph.clone()),
            ("核对".into(), "c".into())
        ]
    );

    // 更多结果: the next answers, for the question the answer replied to
    let answer = json!({"message_id": 1001, "date": 1_720_000_000, "chat": chat_for(1001), "from": bot_user(), "text": "8760亿元",
                        "reply_to_message": private_message(10, "青岛今年1-5月进出口增长多少", "zh-CN")});
    let from = json!({"id": 1001, "is_bot": false, "first_name": "R", "language_code": "zh"});
    h.push(
        "callback_query",
        json!({"id": "cb1", "from": from, "chat_instance": "ci", "data": "m", "message": answer}),
    );
    let sent = h.wait_for("sendMessage", 2).await;
    assert_valid_html(sent[1]["text"].as_str().unwrap());
    assert!(
        sent[1]["text"]
            .as_str()
            .unwrap()
            .starts_with("<b>27.4%</b>"),
        "{}",
        sent[1]["text"]
    );
    assert_eq!(sent[1]["reply_parameters"]["message_id"], 1001);
    // 原文段落: the whole paragraph
    h.push("callback_query", json!({"id": "cb2", "from": from, "chat_instance": "ci", "data": paragraph, "message": answer}));
    let sent = h.wait_for("sendMessage", 3).await;
    let para = sent[2]["text"].as_str().unwrap();
    assert!(
        para.contains("今年1-5月，全市完成进出口3561.8亿元"),
        "{para}"
    );
    assert_valid_html(para);
    // 核对: the question checked as a claim (it states no figure, so unverifiable)
    h.push(
        "callback_query",
        json!({"id": "cb3", "from": from, "chat_instance": "ci", "data": "c", "message": answer}),
    );
    let sent = h.wait_for("sendMessage", 4).await;
    assert!(
        sent[3]["text"].as_str().unwrap().contains("❔"),
        "{}",
        sent[3]["text"]
    );
    // /facts pages are edited in place
    h.push("callback_query", json!({"id": "cb4", "from": from, "chat_instance": "ci", "data": "f:1:", "message": answer}));
    let edits = h.wait_for("editMessageText", 1).await;
    assert_eq!(edits[0]["message_id"], 1001);
    assert!(
        edits[0]["text"].as_str().unwrap().contains("（2/"),
        "{}",
        edits[0]["text"]
    );
    // forged or stale data: a polite answer, nothing else
    h.push("callback_query", json!({"id": "cb5", "from": from, "chat_instance": "ci", "data": "p:99:99999x", "message": answer}));
    let answered = h.wait_for("answerCallbackQuery", 5).await;
    let ids: Vec<&str> = answered
        .iter()
        .map(|a| a["callback_query_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["cb1", "cb2", "cb3", "cb4", "cb5"],
        "answerCallbackQuery is always called"
    );
    assert!(answered[4]["text"].as_str().unwrap().contains("过期"));
    assert!(answered[..4].iter().all(|a| a.get("text").is_none()));
    assert_eq!(h.calls("sendMessage").len(), 4);
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_the_article_does_not_hold_is_said_plainly() {
    let mut h = Harness::start().await;
    h.push(
        "message",
        private_message(20, "北京的进出口总额是多少", "zh"),
    );
    let sent = h.wait_for("sendMessage", 1).await;
    let text = sent[0]["text"].as_str().unwrap();
    assert!(text.starts_with("文章里没有这个问题的答案"), "{text}");
    assert!(text.contains("/facts"));
    assert!(!text.contains("<b>"), "no figure is offered: {text}");
    assert!(sent[0].get("reply_markup").is_none());
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn groups_answer_only_when_addressed() {
    let mut h = Harness::start().await;
    // not addressed: silence
    h.push(
        "message",
        group_message(30, "2023年青岛市完成进出口多少亿元"),
    );
    h.push(
        "message",
        group_message(31, "/ask@other_bot 2023年青岛市完成进出口多少亿元"),
    );
    // a mention
    let mut mention = group_message(32, "@factbot_test_bot 青岛对欧盟出口增长了多少");
    mention["entities"] = json!([{"type": "mention", "offset": 0, "length": 17}]);
    h.push("message", mention);
    // a reply to the bot
    let mut reply = group_message(33, "汽车出口呢？增长多少");
    reply["reply_to_message"] = json!({"message_id": 999, "date": 1_720_000_000, "chat": chat_for(-2001), "from": bot_user(), "text": "…"});
    h.push("message", reply);
    // a command for this bot
    h.push(
        "message",
        group_message(34, "/ask@factbot_test_bot 家电出口增长"),
    );
    let sent = h.wait_for("sendMessage", 3).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let sent_all = h.calls("sendMessage");
    assert_eq!(
        sent_all.len(),
        3,
        "exactly the three addressed messages are answered: {sent:?}"
    );
    let by_reply: Vec<i64> = sent_all
        .iter()
        .map(|m| m["reply_parameters"]["message_id"].as_i64().unwrap())
        .collect();
    assert_eq!(by_reply, [32, 33, 34]);
    assert!(
        sent_all[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("<b>17.4%</b>"),
        "{}",
        sent_all[0]["text"]
    );
    assert!(
        sent_all[1]["text"]
            .as_str()
            .unwrap()
            .starts_with("<b>17%</b>"),
        "{}",
        sent_all[1]["text"]
    );
    assert!(
        sent_all[2]["text"]
            .as_str()
            .unwrap()
            .starts_with("<b>25.6%</b>"),
        "{}",
        sent_all[2]["text"]
    );
    assert!(sent_all.iter().all(|m| m["chat_id"] == -2001));
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn channel_posts_with_ask_get_an_answer_post() {
    let mut h = Harness::start().await;
    let post = |id: i64, text: &str| json!({"message_id": id, "date": 1_720_000_000, "chat": chat_for(-1_000_003), "sender_chat": chat_for(-1_000_003), "text": text});
    h.push("channel_post", post(40, "今天的新闻：青岛外贸持续增长"));
    h.push("channel_post", post(41, "/ask 青岛对欧盟出口增长了多少"));
    let sent = h.wait_for("sendMessage", 1).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(h.calls("sendMessage").len(), 1);
    assert_eq!(sent[0]["chat_id"], -1_000_003);
    assert_eq!(sent[0]["reply_parameters"]["message_id"], 41);
    assert!(sent[0]["text"]
        .as_str()
        .unwrap()
        .starts_with("<b>17.4%</b>"));
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inline_queries_return_fact_cards_in_pages() {
    let mut h = Harness::start().await;
    let from = json!({"id": 1001, "is_bot": false, "first_name": "R", "language_code": "zh"});
    h.push(
        "inline_query",
        json!({"id": "iq1", "from": from, "query": "", "offset": ""}),
    );
    h.push(
        "inline_query",
        json!({"id": "iq2", "from": from, "query": "", "offset": "10"}),
    );
    h.push(
        "inline_query",
        json!({"id": "iq3", "from": from, "query": "青岛对欧盟出口增长了多少", "offset": ""}),
    );
    let answers = h.wait_for("answerInlineQuery", 3).await;
    let by_id = |id: &str| {
        answers
            .iter()
            .find(|a| a["inline_query_id"] == id)
            .unwrap()
            .clone()
    };
    let first = by_id("iq1");
    let results = first["results"].as_array().unwrap();
    assert_eq!(results.len(), 10);
    assert_eq!(first["next_offset"], "10");
    assert!(first["cache_time"].as_i64().unwrap() > 0);
    // the key figures fit two pages of /facts (16): the second inline page ends them
    let second = by_id("iq2");
    assert_eq!(second["results"].as_array().unwrap().len(), 6);
    assert_eq!(second["next_offset"], "");
    assert_ne!(second["results"][0]["id"], first["results"][0]["id"]);
    let q = by_id("iq3");
    let card = &q["results"][0];
    assert_eq!(card["type"], "article");
    assert!(
        card["title"].as_str().unwrap().starts_with("17.4%"),
        "{}",
        card["title"]
    );
    assert!(card["description"]
        .as_str()
        .unwrap()
        .contains("对欧盟、东盟、美国出口分别增长"));
    let content = &card["input_message_content"];
    assert_eq!(content["parse_mode"], "HTML");
    assert_valid_html(content["message_text"].as_str().unwrap());
    assert!(content["message_text"].as_str().unwrap().contains("来源："));
    for a in &answers {
        assert!(a["results"].as_array().unwrap().len() <= 50);
    }
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn odd_messages_get_hints_and_never_stop_the_bot() {
    let mut h = Harness::start().await;
    // a sticker
    let mut sticker = private_message(50, "", "zh");
    sticker.as_object_mut().unwrap().remove("text");
    sticker["sticker"] = json!({"file_id": "s1", "file_unique_id": "u1", "type": "regular", "width": 512, "height": 512, "is_animated": false, "is_video": false});
    h.push("message", sticker);
    // 5,000 characters
    let long = format!(
        "2023年青岛市完成进出口多少亿元？{}",
        "补充说明。".repeat(1000)
    );
    h.push("message", private_message(51, &long, "zh"));
    // markup characters in the question
    h.push(
        "message",
        private_message(52, "<b>&\"'</b> 2023年青岛市完成进出口多少亿元 <i>", "zh"),
    );
    // poisoned input: control characters, unpaired markup, a huge run of one char
    h.push(
        "message",
        private_message(
            53,
            &format!("\u{0}\u{202e}<<&&{}", "进".repeat(20_000)),
            "zh",
        ),
    );
    // the same chat keeps being served afterwards
    h.push(
        "message",
        private_message(54, "青岛对欧盟出口增长了多少", "zh"),
    );
    let sent = h.wait_for("sendMessage", 5).await;
    assert_eq!(sent.len(), 5, "{sent:?}");
    let texts: Vec<&str> = sent.iter().map(|m| m["text"].as_str().unwrap()).collect();
    for t in &texts {
        assert_valid_html(t);
    }
    assert!(texts[0].contains("我只读文字"), "{}", texts[0]);
    assert!(
        texts[1].contains("消息太长") && texts[1].contains("<b>8760亿元</b>"),
        "{}",
        texts[1]
    );
    assert!(texts[2].contains("<b>8760亿元</b>"), "{}", texts[2]);
    assert!(texts[4].starts_with("<b>17.4%</b>"), "{}", texts[4]);
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn english_speakers_get_english_labels_and_check_works() {
    let mut h = Harness::start().await;
    h.push("message", private_message(60, "/help", "en"));
    h.push(
        "message",
        private_message(61, "/check 青岛今年1-5月进出口增长2.9%", "en"),
    );
    h.push("message", private_message(62, "/check", "zh"));
    let sent = h.wait_for("sendMessage", 3).await;
    let help = sent[0]["text"].as_str().unwrap();
    assert!(help.starts_with("I have read"), "{help}");
    assert!(help.contains("/check claim"));
    let check = sent[1]["text"].as_str().unwrap();
    assert_valid_html(check);
    assert!(check.contains("❌ The article contradicts this"), "{check}");
    assert!(check.contains("2.9% — the article says 1.9%"), "{check}");
    assert!(check.contains("增长1.9%"), "{check}");
    assert_eq!(buttons(&sent[1]), [("Search instead".into(), "s".into())]);
    assert!(sent[2]["text"]
        .as_str()
        .unwrap()
        .starts_with("用法：/check"));
    // a statement of figures in a private chat is checked, not searched
    h.push(
        "message",
        private_message(63, "青岛对美国出口增长11.7%", "zh"),
    );
    let sent = h.wait_for("sendMessage", 4).await;
    assert!(
        sent[3]["text"]
            .as_str()
            .unwrap()
            .contains("11.7% — 原文是 18.7%"),
        "{}",
        sent[3]["text"]
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_update_delivered_twice_is_answered_once() {
    let mut h = Harness::start().await;
    let id = h.push(
        "message",
        private_message(70, "青岛对欧盟出口增长了多少", "zh"),
    );
    // delivered again, as after a lost response
    h.fake.lock().unwrap().push(
        json!({"update_id": id, "message": private_message(70, "青岛对欧盟出口增长了多少", "zh")}),
    );
    h.push("message", private_message(71, "汽车出口增长多少", "zh"));
    let sent = h.wait_for("sendMessage", 2).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(h.calls("sendMessage").len(), 2, "{sent:?}");
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commands_are_registered_in_two_languages() {
    let (fake, url) = start_server().await;
    let bot = Bot::new(TOKEN).set_api_url(reqwest::Url::parse(&url).unwrap());
    factbot_telegram::register_commands(&bot, &[7001]).await;
    let calls: Vec<Value> = fake.lock().unwrap().calls("setMyCommands");
    assert_eq!(calls.len(), 4);
    let names = |call: &Value| -> Vec<String> {
        call["commands"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["command"].as_str().unwrap().to_string())
            .collect()
    };
    let public = [
        "start", "help", "ask", "check", "facts", "source", "articles",
    ];
    assert_eq!(names(&calls[0]), public);
    assert!(calls[0].get("language_code").is_none());
    assert!(calls[0].get("scope").is_none());
    assert_eq!(calls[1]["language_code"], "zh");
    assert!(calls[1]["commands"][0]["description"]
        .as_str()
        .unwrap()
        .contains("欢迎"));
    // an admin's chat has the admins' commands too; nobody else sees them
    for (call, lang) in [(&calls[2], None), (&calls[3], Some("zh"))] {
        assert_eq!(call["scope"], json!({"type": "chat", "chat_id": 7001}));
        assert_eq!(call["language_code"].as_str(), lang);
        let mut all: Vec<String> = public.iter().map(|s| s.to_string()).collect();
        all.extend(["remove".to_string(), "stats".to_string()]);
        assert_eq!(names(call), all);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_runs_the_bot_and_explains_a_bad_token() {
    let (fake, url) = start_server().await;
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let dir = tempfile::tempdir().unwrap();
    let spawn = |token: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_factbot"))
            .arg("--data")
            .arg(&data)
            .arg("--index")
            .arg(dir.path().join("index"))
            .env("TELOXIDE_TOKEN", token)
            .env("TELOXIDE_API_URL", &url)
            .env("FACTBOT_LOG", "info")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .map(Child)
            .unwrap()
    };
    // a token the API rejects: a clear message and a non-zero exit, no panic
    let (status, _, err) = finish(spawn("999:WRONG"), Duration::from_secs(30));
    assert!(status.is_some_and(|s| !s.success()), "{status:?}");
    assert!(
        err.contains("Telegram rejected the token") && err.contains("@BotFather"),
        "{err}"
    );
    assert!(
        !err.contains("WRONG"),
        "the token must never be logged: {err}"
    );
    assert!(!err.contains("panicked"));
    // the right token: the bot starts, registers commands and answers
    let child = spawn(TOKEN);
    fake.lock()
        .unwrap()
        .push(json!({"update_id": 1, "message": private_message(80, "汽车出口增长多少", "zh")}));
    let deadline = Instant::now() + Duration::from_secs(20);
    let sent = loop {
        let sent: Vec<Value> = fake.lock().unwrap().calls("sendMessage");
        if !sent.is_empty() || Instant::now() > deadline {
            break sent;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    // SIGTERM stops it gracefully
    sigterm(child.id());
    let (status, _, out) = finish(child, EXIT_WAIT);
    assert_eq!(sent.len(), 1, "{out}");
    assert!(sent[0]["text"].as_str().unwrap().starts_with("<b>17%</b>"));
    assert_eq!(fake.lock().unwrap().calls("setMyCommands").len(), 2);
    assert!(
        status.is_some_and(|s| s.success()),
        "graceful exit on SIGTERM: {status:?}"
    );
    assert!(!out.contains(TOKEN));
}

/// A child process that is killed if the test ends (or fails) before waiting for it.
struct Child(std::process::Child);

impl Child {
    fn id(&self) -> u32 {
        self.0.id()
    }
}

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait(); // returns at once after a kill
    }
}

/// Wait for a child at most `limit` (killing it past that): its status (`None` when it had
/// to be killed), its standard output and its standard error.
/// How long a stopping binary is given: longer than its own 20 s grace for the updates in
/// progress, so that a slow stop on a loaded machine is still seen as a clean one.
const EXIT_WAIT: Duration = Duration::from_secs(30);

fn finish(mut guard: Child, limit: Duration) -> (Option<std::process::ExitStatus>, String, String) {
    let child = &mut guard.0;
    use std::io::Read;
    let reader = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            if let Some(mut p) = pipe {
                let mut bytes = Vec::new();
                let _ = p.read_to_end(&mut bytes);
                text = String::from_utf8_lossy(&bytes).into_owned();
            }
            text
        })
    };
    let out = reader(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let err = reader(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let deadline = Instant::now() + limit;
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break Some(s),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
            _ => break None, // killed when the guard drops
        }
    };
    drop(guard);
    (
        status,
        out.join().unwrap_or_default(),
        err.join().unwrap_or_default(),
    )
}

fn sigterm(pid: u32) {
    let _ = std::process::Command::new("kill")
        .arg("-TERM")
        .arg(pid.to_string())
        .status();
}

// ---------------------------------------------------------------------------------------
// Reliability: floods, faults, panics, hostile updates, webhook, logs.
// ---------------------------------------------------------------------------------------

/// Tests that measure time take turns, so that they do not measure each other.
async fn timed() -> tokio::sync::MutexGuard<'static, ()> {
    static TURN: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    TURN.lock().await
}

/// Accepted sendMessages, by the chat and the message they reply to.
fn answers_by_question(
    fake: &Shared,
) -> std::collections::HashMap<(i64, i64), Vec<fake_api::Call>> {
    let f = fake.lock().unwrap();
    let mut by: std::collections::HashMap<(i64, i64), Vec<fake_api::Call>> = Default::default();
    for c in f.sent() {
        let chat = c.body["chat_id"].as_i64().unwrap_or(0);
        if let Some(q) = c.body["reply_parameters"]["message_id"].as_i64() {
            by.entry((chat, q)).or_default().push(c.clone());
        }
    }
    by
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_from_one_user_costs_the_others_nothing() {
    let _turn = timed().await;
    let mut h = Harness::start().await; // 20 questions per 60 s per user
    let flooder = 5000;
    for i in 0..200 {
        let q = if i % 2 == 0 {
            "青岛对欧盟出口增长了多少"
        } else {
            "汽车出口增长多少"
        };
        h.push(
            "message",
            fake_api::private_message(flooder, 10_000 + i, q, "zh"),
        );
    }
    let others: Vec<i64> = (6000..6020).collect();
    for &chat in &others {
        h.push(
            "message",
            fake_api::private_message(chat, 1, "2023年青岛市完成进出口多少亿元", "zh"),
        );
    }
    let deadline = Instant::now() + Duration::from_secs(15);
    let answered = |h: &Harness| -> usize {
        let by = answers_by_question(&h.fake);
        others.iter().filter(|c| by.contains_key(&(**c, 1))).count()
    };
    while answered(&h) < others.len() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await; // let the flood settle
    let by = answers_by_question(&h.fake);
    let pushed = h.fake.lock().unwrap().pushed.clone();
    let mut latencies: Vec<Duration> = Vec::new();
    for (i, &chat) in others.iter().enumerate() {
        let sent = by
            .get(&(chat, 1))
            .unwrap_or_else(|| panic!("user {chat} got no answer"));
        assert_eq!(sent.len(), 1);
        assert!(sent[0].body["text"]
            .as_str()
            .unwrap()
            .contains("<b>8760亿元</b>"));
        let asked = pushed[&(201 + i as i64)];
        latencies.push(sent[0].at.duration_since(asked));
    }
    latencies.sort();
    eprintln!(
        "flood: the 20 other users were answered in {:?} (median) and {:?} (slowest)",
        latencies[latencies.len() / 2],
        latencies[latencies.len() - 1]
    );
    assert!(
        latencies.iter().all(|l| *l < Duration::from_secs(2)),
        "{latencies:?}"
    );
    // the flooder: at most 20 answers and one notice
    let to_flooder: Vec<String> = h
        .fake
        .lock()
        .unwrap()
        .sent()
        .iter()
        .filter(|c| c.body["chat_id"] == flooder)
        .map(|c| c.body["text"].as_str().unwrap_or("").to_string())
        .collect();
    let notices = to_flooder
        .iter()
        .filter(|t| t.contains("你发得太快了"))
        .count();
    assert_eq!(notices, 1, "{to_flooder:?}");
    assert!(to_flooder.len() <= 21, "{}", to_flooder.len());
    let metrics = h.state.metrics.render();
    assert!(
        metrics.contains("factbot_updates_dropped_total{reason=\"rate_limited\"}"),
        "{metrics}"
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_while_rendering_is_an_apology_and_the_bot_goes_on() {
    let mut h = Harness::start().await;
    h.state
        .hooks
        .panic_when_rendering("青岛对欧盟出口增长了多少");
    h.push(
        "message",
        private_message(90, "青岛对欧盟出口增长了多少", "zh"),
    );
    h.push("message", private_message(91, "汽车出口增长多少", "zh"));
    let from = json!({"id": 1001, "is_bot": false, "first_name": "R", "language_code": "zh"});
    h.push(
        "inline_query",
        json!({"id": "iq-after", "from": from, "query": "出口", "offset": ""}),
    );
    let sent = h.wait_for("sendMessage", 2).await;
    assert_eq!(sent.len(), 2, "{sent:?}");
    let by_reply = |id: i64| {
        sent.iter()
            .find(|m| m["reply_parameters"]["message_id"] == id)
            .unwrap_or_else(|| panic!("no reply to {id}: {sent:?}"))["text"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(by_reply(90).contains("抱歉"), "{}", by_reply(90));
    assert!(by_reply(91).starts_with("<b>17%</b>"), "{}", by_reply(91));
    let inline = h.wait_for("answerInlineQuery", 1).await;
    assert!(!inline[0]["results"].as_array().unwrap().is_empty());
    assert!(h
        .state
        .metrics
        .render()
        .contains("factbot_errors_total{kind=\"panic\"} 1"));
    // the same chat keeps being served
    h.push(
        "message",
        private_message(92, "青岛对欧盟出口增长了多少", "zh"),
    );
    let sent = h.wait_for("sendMessage", 3).await;
    assert!(sent[2]["text"]
        .as_str()
        .unwrap()
        .starts_with("<b>17.4%</b>"));
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_question_is_answered_through_faults_and_nothing_is_doubled() {
    let _turn = timed().await;
    let faults = Faults {
        seed: 11,
        send: fake_api::Mix {
            flood: 0.03,
            server: 0.01,
            unavailable: 0.0,
            slow: 0.03,
            drop_before: 0.02,
            drop_after: 0.02,
        },
        get_updates: fake_api::Mix {
            flood: 0.02,
            server: 0.0,
            unavailable: 0.0,
            slow: 0.05,
            drop_before: 0.05,
            drop_after: 0.05,
        },
        ..Faults::default()
    };
    let mut h = Harness::with(faults, None).await;
    let questions = [
        "青岛对欧盟出口增长了多少",
        "汽车出口增长多少",
        "2023年青岛市完成进出口多少亿元",
    ];
    let chats: Vec<i64> = (7000..7060).collect();
    let mut asked = Vec::new();
    for round in 0..5 {
        for &chat in &chats {
            let id = 100 + round;
            h.push(
                "message",
                fake_api::private_message(chat, id, questions[(chat + id) as usize % 3], "zh"),
            );
            asked.push((chat, id));
        }
    }
    let deadline = Instant::now() + Duration::from_secs(40);
    loop {
        let by = answers_by_question(&h.fake);
        let missing = asked.iter().filter(|k| !by.contains_key(k)).count();
        if missing == 0 || Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let by = answers_by_question(&h.fake);
    let lost: Vec<_> = asked.iter().filter(|k| !by.contains_key(k)).collect();
    assert!(
        lost.is_empty(),
        "{} of {} never answered: {lost:?}",
        lost.len(),
        asked.len()
    );
    // a second copy only where the first was carried out and its answer lost
    let mut doubled = 0;
    for (key, sent) in &by {
        if sent.len() > 1 {
            doubled += 1;
            assert!(
                sent[..sent.len() - 1].iter().all(|c| c.answer_lost),
                "{key:?} doubled: {sent:?}"
            );
        }
    }
    let faults_seen = {
        let f = h.fake.lock().unwrap();
        f.calls.iter().filter(|c| c.status != 200).count()
    };
    eprintln!("faults: {} questions, {} faults injected, 0 lost, {doubled} answered twice after a lost answer", asked.len(), faults_seen);
    assert!(faults_seen > 20, "the faults happened");

    // and the bot keeps running
    h.fake.lock().unwrap().faults = Faults::default();
    h.push(
        "message",
        fake_api::private_message(7100, 1, "汽车出口增长多少", "zh"),
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    while !answers_by_question(&h.fake).contains_key(&(7100, 1)) && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(answers_by_question(&h.fake).contains_key(&(7100, 1)));
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blocked_migrated_and_unparsable_chats_are_handled() {
    let faults = Faults {
        blocked: vec![777],
        migrated: vec![(-3001, -1_000_000_003_001)],
        bad_markup: vec![888],
        ..Faults::default()
    };
    let mut h = Harness::with(faults, None).await;
    h.push(
        "message",
        fake_api::private_message(777, 1, "汽车出口增长多少", "zh"),
    );
    h.push(
        "message",
        fake_api::group_message(-3001, 5, 2, "/ask 汽车出口增长多少"),
    );
    h.push(
        "message",
        fake_api::private_message(888, 3, "汽车出口增长多少", "zh"),
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    let done = |h: &Harness| h.fake.lock().unwrap().sent().len() >= 2;
    while !done(&h) && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let calls = h.calls("sendMessage");
    // blocked: one try, no retries
    assert_eq!(calls.iter().filter(|c| c["chat_id"] == 777).count(), 1);
    // migrated: sent again to the supergroup
    {
        let f = h.fake.lock().unwrap();
        let sent = f.sent();
        let moved = sent
            .iter()
            .find(|c| c.body["chat_id"] == -1_000_000_003_001_i64)
            .expect("resent to the new chat");
        assert!(moved.body["text"]
            .as_str()
            .unwrap()
            .starts_with("<b>17%</b>"));
        // markup refused: the same answer as plain text
        let plain = sent
            .iter()
            .find(|c| c.body["chat_id"] == 888)
            .expect("resent as plain text");
        assert!(plain.body.get("parse_mode").is_none());
        let text = plain.body["text"].as_str().unwrap();
        assert!(text.starts_with("17%") && !text.contains('<'), "{text}");
    }
    // the moved group is written to directly next time
    h.push(
        "message",
        fake_api::group_message(-3001, 5, 4, "/ask 青岛对欧盟出口增长了多少"),
    );
    let sent = h.wait_for("sendMessage", calls.len() + 1).await;
    assert_eq!(sent.last().unwrap()["chat_id"], -1_000_000_003_001_i64);
    let m = h.state.metrics.render();
    for kind in ["blocked", "migrated", "markup"] {
        assert!(
            m.contains(&format!("factbot_errors_total{{kind=\"{kind}\"}}")),
            "{kind}: {m}"
        );
    }
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn polling_recovers_from_failed_get_updates_within_about_a_second() {
    let _turn = timed().await;
    let mut h = Harness::start().await;
    h.wait_for("getUpdates", 1).await;
    h.fake.lock().unwrap().faults.get_updates.drop_before = 1.0;
    tokio::time::sleep(Duration::from_secs(3)).await; // many failures in a row
    h.fake.lock().unwrap().faults.get_updates.drop_before = 0.0;
    let healed = Instant::now();
    h.push("message", private_message(95, "汽车出口增长多少", "zh"));
    let sent = h.wait_for("sendMessage", 1).await;
    assert_eq!(sent.len(), 1);
    let took = healed.elapsed();
    eprintln!("polling: answered {took:?} after getUpdates worked again");
    assert!(took < Duration::from_millis(2500), "{took:?}");
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn buttons_are_answered_first_and_work_in_forum_topics() {
    let mut h = Harness::start().await;
    let topic = |mut m: Value| {
        m["message_thread_id"] = json!(77);
        m["is_topic_message"] = json!(true);
        m
    };
    // /start in a topic: the greeting goes to the topic
    h.push(
        "message",
        topic(fake_api::group_message(
            -2002,
            1002,
            1,
            "/start@factbot_test_bot",
        )),
    );
    let sent = h.wait_for("sendMessage", 1).await;
    assert_eq!(sent[0]["message_thread_id"], 77);
    // an example question: the question is posted, the answer replies to it, in the topic
    let from = json!({"id": 1002, "is_bot": false, "first_name": "E", "language_code": "zh"});
    let greeting = topic(
        json!({"message_id": 1001, "date": 1_720_000_000, "chat": chat_for(-2002), "from": bot_user(), "text": "welcome"}),
    );
    h.push("callback_query", json!({"id": "cb-ex", "from": from, "chat_instance": "ci", "data": "e:0", "message": greeting}));
    let sent = h.wait_for("sendMessage", 3).await;
    assert_eq!(sent.len(), 3, "{sent:?}");
    let (question, answer) = (&sent[1], &sent[2]);
    assert_eq!(question["text"], "<i>2023年青岛市完成进出口多少亿元</i>");
    assert_eq!(
        answer["reply_parameters"]["message_id"], 1002,
        "the answer replies to the posted question"
    );
    assert!(sent.iter().all(|m| m["message_thread_id"] == 77));
    // the press was answered before anything was sent for it
    {
        let f = h.fake.lock().unwrap();
        let pos = |pred: &dyn Fn(&fake_api::Call) -> bool| f.calls.iter().position(pred).unwrap();
        let answered =
            pos(&|c| c.method == "answercallbackquery" && c.body["callback_query_id"] == "cb-ex");
        let posted = pos(&|c| c.method == "sendmessage" && c.body["text"] == question["text"]);
        assert!(answered < posted);
    }
    // 核对 under that answer checks the question, replying to it; 改为搜索 under the check
    // searches the user's own text
    let posted_q = topic(
        json!({"message_id": 1002, "date": 1_720_000_000, "chat": chat_for(-2002), "from": bot_user(), "text": "2023年青岛市完成进出口多少亿元"}),
    );
    let answer_msg = topic(
        json!({"message_id": 1003, "date": 1_720_000_000, "chat": chat_for(-2002), "from": bot_user(), "text": "8760亿元", "reply_to_message": posted_q}),
    );
    h.push("callback_query", json!({"id": "cb-check", "from": from, "chat_instance": "ci", "data": "c", "message": answer_msg}));
    let sent = h.wait_for("sendMessage", 4).await;
    assert_eq!(sent[3]["reply_parameters"]["message_id"], 1002);
    let claim = topic(fake_api::group_message(
        -2002,
        1002,
        5,
        "@factbot_test_bot 青岛对美国出口增长11.7%",
    ));
    let check_msg = topic(
        json!({"message_id": 1010, "date": 1_720_000_000, "chat": chat_for(-2002), "from": bot_user(), "text": "❌ 与原文不符", "reply_to_message": claim}),
    );
    h.push("callback_query", json!({"id": "cb-search", "from": from, "chat_instance": "ci", "data": "s", "message": check_msg}));
    let sent = h.wait_for("sendMessage", 5).await;
    assert_eq!(sent[4]["reply_parameters"]["message_id"], 5);
    assert!(
        sent[4]["text"].as_str().unwrap().contains("美国"),
        "{}",
        sent[4]["text"]
    );
    // a double tap on ▶: the second edit changes nothing, which is fine
    let page = topic(
        json!({"message_id": 1020, "date": 1_720_000_000, "chat": chat_for(-2002), "from": bot_user(), "text": "关键数字"}),
    );
    for id in ["cb-p1", "cb-p2"] {
        h.push(
            "callback_query",
            json!({"id": id, "from": from, "chat_instance": "ci", "data": "f:1:", "message": page}),
        );
    }
    let answered = h.wait_for("answerCallbackQuery", 5).await;
    assert!(
        answered.iter().all(|a| a.get("text").is_none()),
        "{answered:?}"
    );
    h.wait_for("editMessageText", 2).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(!h.state.metrics.render().contains("edit_failed"));
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inline_answers_are_personal() {
    let mut h = Harness::start().await;
    let from = json!({"id": 1001, "is_bot": false, "first_name": "R", "language_code": "en"});
    h.push(
        "inline_query",
        json!({"id": "iq-en", "from": from, "query": "", "offset": ""}),
    );
    let a = h.wait_for("answerInlineQuery", 1).await;
    assert_eq!(a[0]["is_personal"], true);
    assert!(a[0]["results"][0]["input_message_content"]["message_text"]
        .as_str()
        .unwrap()
        .contains("Source:"));
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chats_queue_frees_as_its_updates_are_handled() {
    let mut h = Harness::with(Faults::default(), None).await;
    for round in 0..2 {
        for i in 0..30 {
            h.push(
                "message",
                private_message(200 + round * 30 + i, "汽车出口增长多少", "zh"),
            );
        }
        h.wait_for("sendMessage", (round as usize + 1) * 30).await;
    }
    assert_eq!(h.calls("sendMessage").len(), 60);
    h.stop().await;
}

fn webhook_config(secret: &str) -> factbot_telegram::WebhookConfig {
    factbot_telegram::WebhookConfig {
        url: reqwest::Url::parse("https://bot.example/hook").unwrap(),
        listen: "127.0.0.1:0".parse().unwrap(),
        secret: secret.into(),
        secret_generated: false,
    }
}

async fn post_update(addr: std::net::SocketAddr, secret: Option<&str>, body: String) -> u16 {
    let mut req = reqwest::Client::new()
        .post(format!("http://{addr}/hook"))
        .header("content-type", "application/json")
        .body(body);
    if let Some(s) = secret {
        req = req.header("X-Telegram-Bot-Api-Secret-Token", s);
    }
    req.send().await.map(|r| r.status().as_u16()).unwrap_or(0)
}

/// Announce a body of `len` bytes and send none of it: the server must refuse on the
/// header alone. (Sending the body races the server closing the connection after its 413.)
async fn post_oversized(addr: std::net::SocketAddr, secret: &str, len: usize) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /hook HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         X-Telegram-Bot-Api-Secret-Token: {secret}\r\nContent-Length: {len}\r\n\r\n"
    );
    tcp.write_all(head.as_bytes()).await.unwrap();
    let mut buf = [0u8; 64];
    let n = tokio::time::timeout(Duration::from_secs(10), tcp.read(&mut buf))
        .await
        .expect("the server answers before the body arrives")
        .unwrap();
    let status_line = String::from_utf8_lossy(&buf[..n]);
    status_line
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_webhook_wants_its_secret_and_answers() {
    let (fake, url) = start_server().await;
    let bot = Bot::new(TOKEN).set_api_url(reqwest::Url::parse(&url).unwrap());
    let state = Arc::new(BotState::with(engine(), Vec::new(), None));
    let secret = "s3cret_-value";
    let running = launch(bot, state, Source::Webhook(webhook_config(secret)))
        .await
        .unwrap();
    let addr = running.webhook_addr.unwrap();
    let update = |id: i64| {
        json!({"update_id": id, "message": fake_api::private_message(300, id, "汽车出口增长多少", "zh")}).to_string()
    };
    assert_eq!(post_update(addr, None, update(1)).await, 401);
    assert_eq!(post_update(addr, Some("wrong"), update(1)).await, 401);
    assert_eq!(
        post_update(addr, Some(secret), "not json".into()).await,
        400
    );
    assert_eq!(post_oversized(addr, secret, 2 << 20).await, 413);
    assert_eq!(post_update(addr, Some(secret), update(1)).await, 200);
    let deadline = Instant::now() + Duration::from_secs(10);
    while fake.lock().unwrap().sent().is_empty() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    {
        let f = fake.lock().unwrap();
        let sent = f.sent();
        assert_eq!(sent.len(), 1, "only the update with the secret is answered");
        assert_eq!(sent[0].body["reply_parameters"]["message_id"], 1);
        let set = f.calls("setWebhook");
        assert_eq!(set[0]["secret_token"], secret);
        assert_eq!(set[0]["url"], "https://bot.example/hook");
        assert_eq!(set[0]["allowed_updates"].as_array().unwrap().len(), 4);
        assert!(
            f.calls("deleteWebhook").is_empty(),
            "replicas never delete the webhook"
        );
    }
    running.stop(Duration::from_secs(5)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_webhook_queue_answers_503_so_telegram_delivers_again() {
    let (tx, _rx) = tokio::sync::mpsc::channel(1); // nobody takes from it
    let metrics = Arc::new(factbot_telegram::metrics::Metrics::new());
    let app = factbot_telegram::transport::webhook::router("/hook", tx, "k", metrics.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    let update = |id: i64| {
        json!({"update_id": id, "message": fake_api::private_message(301, id, "问", "zh")})
            .to_string()
    };
    assert_eq!(post_update(addr, Some("k"), update(1)).await, 200);
    assert_eq!(post_update(addr, Some("k"), update(2)).await, 503);
    assert!(metrics.render().contains("reason=\"webhook_busy\"} 1"));
    server.abort();
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logs_never_show_the_token_or_the_webhook_secret() {
    let (fake, url) = start_server().await;
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let dir = tempfile::tempdir().unwrap();
    let (hook_port, metrics_port) = (free_port(), free_port());
    let spawn = |secret: Option<&str>| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_factbot"));
        cmd.arg("--data")
            .arg(&data)
            .arg("--index")
            .arg(dir.path().join("index"))
            .env("TELOXIDE_TOKEN", TOKEN)
            .env("TELOXIDE_API_URL", &url)
            .env("FACTBOT_LOG", "debug")
            .env("FACTBOT_WEBHOOK_URL", "https://bot.example/hook")
            .env("FACTBOT_WEBHOOK_LISTEN", format!("127.0.0.1:{hook_port}"))
            .env(
                "FACTBOT_METRICS_LISTEN",
                format!("127.0.0.1:{metrics_port}"),
            )
            .env_remove("FACTBOT_WEBHOOK_SECRET")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        if let Some(s) = secret {
            cmd.env("FACTBOT_WEBHOOK_SECRET", s);
        }
        cmd.spawn().map(Child).unwrap()
    };
    let wait_for_webhook = |n: usize| {
        let fake = fake.clone();
        async move {
            let deadline = Instant::now() + Duration::from_secs(30);
            while fake.lock().unwrap().calls("setWebhook").len() < n && Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            fake.lock().unwrap().calls("setWebhook")
        }
    };
    let t0 = Instant::now();
    // a whole run in webhook mode, debug logs
    let secret = "Sekret_0123456789-abcdefXYZ";
    let child = spawn(Some(secret));
    wait_for_webhook(1).await;
    let addr: std::net::SocketAddr = format!("127.0.0.1:{hook_port}").parse().unwrap();
    let update = json!({"update_id": 1, "message": fake_api::private_message(400, 1, "汽车出口增长多少", "zh")}).to_string();
    let mut status = 0;
    for _ in 0..100 {
        status = post_update(addr, Some(secret), update.clone()).await;
        if status != 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await; // the listener is starting
    }
    assert_eq!(status, 200);
    assert_eq!(post_update(addr, Some("forged"), update.clone()).await, 401);
    let deadline = Instant::now() + Duration::from_secs(10);
    while fake.lock().unwrap().sent().is_empty() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let get = |path: &str| {
        let url = format!("http://127.0.0.1:{metrics_port}{path}");
        async move { reqwest::get(url).await.unwrap().text().await.unwrap() }
    };
    assert_eq!(get("/health").await.trim(), "ok");
    let metrics = get("/metrics").await;
    assert!(
        metrics.contains("factbot_updates_total{kind=\"message\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("factbot_answers_total{status=\"answered\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("factbot_update_latency_seconds_count 1"),
        "{metrics}"
    );
    sigterm(child.id());
    let (status, out, logs) = finish(child, EXIT_WAIT);
    assert!(status.is_some_and(|s| s.success()), "{status:?}: {logs}");
    assert_eq!(fake.lock().unwrap().sent().len(), 1, "{logs}");
    assert!(logs.contains("receiving updates by webhook"), "{logs}");
    assert!(logs.contains("401"), "the forged request is logged: {logs}");
    for (what, text) in [("logs", &logs), ("output", &out)] {
        assert!(
            !text.contains(TOKEN) && !text.contains("TEST-TOKEN"),
            "token in the {what}: {text}"
        );
        assert!(!text.contains(secret), "secret in the {what}: {text}");
    }
    eprintln!("logs: first run {:?}", t0.elapsed());
    // no secret set: one is generated, printed once on standard output, never logged
    let child = spawn(None);
    let set = wait_for_webhook(2).await;
    let generated = set[1]["secret_token"].as_str().unwrap().to_string();
    assert!(generated.len() >= 32);
    sigterm(child.id());
    let (_, out, logs) = finish(child, EXIT_WAIT);
    assert_eq!(out.matches(&generated).count(), 1, "{out}");
    assert!(!logs.contains(&generated), "{logs}");
    eprintln!("logs: second run {:?}", t0.elapsed());
    // a secret Telegram would refuse: a clear error at start, the secret not echoed
    let child = spawn(Some("has space!"));
    let (status, _, logs) = finish(child, EXIT_WAIT);
    assert!(status.is_some_and(|s| !s.success()));
    assert!(
        logs.contains("FACTBOT_WEBHOOK_SECRET") && logs.contains("A-Z"),
        "{logs}"
    );
    assert!(!logs.contains("has space!"), "{logs}");
}

// ---------------------------------------------------------------------------------------
// The newsroom archive: articles added by admins, /articles, /remove, the watched folder.
// ---------------------------------------------------------------------------------------

/// The admin of these tests (a private chat with the same id).
const ADMIN: i64 = 7001;
/// Someone who is not.
const READER: i64 = 7002;

/// A data folder of its own in a temporary folder (with its index beside it): the shipped
/// article and `more` (file name, text, sidecar).
fn data_folder(more: &[(String, String, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    for ext in ["txt", "toml"] {
        let name = format!("qingdao-opening-up.{ext}");
        std::fs::copy(common::manifest("data").join(&name), data.join(&name)).unwrap();
    }
    for (file, text, sidecar) in more {
        std::fs::write(data.join(file), text).unwrap();
        let stem = file.rsplit_once('.').unwrap().0;
        std::fs::write(data.join(format!("{stem}.toml")), sidecar).unwrap();
    }
    dir
}

fn open_engine(dir: &Path) -> Arc<Engine> {
    Arc::new(
        Engine::open(&factbot_engine::Options::new(
            Some(dir.join("data")),
            dir.join("index"),
        ))
        .unwrap(),
    )
}

/// The bot on the data folder in `dir`, with [`ADMIN`] as its admin and no rate limit.
async fn archive_bot(dir: &Path) -> Harness {
    Harness::on(
        open_engine(dir),
        vec![ADMIN as u64],
        Faults::default(),
        None,
    )
    .await
}

/// Every file of the data folder and its bytes.
fn folder(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir.join("data"))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn yantai() -> Vec<u8> {
    std::fs::read(common::manifest("tests/fixtures/yantai/yantai-port.txt")).unwrap()
}

fn user(id: i64, lang: &str) -> Value {
    json!({"id": id, "is_bot": false, "first_name": "Editor", "language_code": lang})
}

/// A press of `data` under `message` (as Telegram sends it: the message with its buttons).
fn press(id: &str, from: i64, data: &str, message: &Value) -> Value {
    json!({"id": id, "from": user(from, "zh-hans"), "chat_instance": "ci", "data": data, "message": message})
}

/// A message the bot sent, as a press carries it back: its id, chat, text and buttons.
fn as_sent(id: i64, chat: i64, sent: &Value) -> Value {
    let mut m = json!({"message_id": id, "date": 1_720_000_000, "chat": chat_for(chat), "from": bot_user(), "text": text_of(sent)});
    if let Some(k) = sent.get("reply_markup") {
        m["reply_markup"] = k.clone();
    }
    m
}

fn text_of(m: &Value) -> &str {
    m["text"].as_str().unwrap_or("")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_adds_an_article_and_it_is_answered_from_it() {
    let dir = data_folder(&[]);
    let mut h = archive_bot(dir.path()).await;
    h.fake.lock().unwrap().add_file("doc-yantai", yantai());
    let caption = "标题：烟台港口经济稳步增长\npublished: 2024-07-20\nreference_year: 2024";
    h.push(
        "message",
        fake_api::document_message(
            ADMIN,
            1,
            fake_api::document("doc-yantai", "yantai port.txt", yantai().len()),
            Some(caption),
        ),
    );
    let sent = h.wait_for("sendMessage", 1).await;
    let report = text_of(&sent[0]);
    assert_valid_html(report);
    assert!(
        report.starts_with(
            "<b>已添加《烟台港口经济稳步增长》</b>\n日期：2024-07-20\n文件：yantai-port.txt\n"
        ),
        "{report}"
    );
    assert!(
        report.contains(" 段，") && report.contains(" 个数字"),
        "{report}"
    );
    assert!(
        report.contains("涉及：") && report.contains("烟台"),
        "{report}"
    );
    assert!(report.ends_with("可以这样问："), "{report}");
    assert_eq!(sent[0]["reply_parameters"]["message_id"], 1);
    let examples = buttons(&sent[0]);
    assert_eq!(examples.len(), 3, "{examples:?}");
    let data: Vec<&str> = examples.iter().map(|(_, d)| d.as_str()).collect();
    assert_eq!(data, ["e:0", "e:1", "e:2"]);
    // fetched with getFile and the download path, once
    assert_eq!(h.calls("getFile").len(), 1);
    assert_eq!(h.calls("download").len(), 1);
    // the file is in the data folder, with its sidecar, and nothing left half-written
    let files = folder(dir.path());
    assert_eq!(files["yantai-port.txt"], yantai());
    let sidecar = String::from_utf8(files["yantai-port.toml"].clone()).unwrap();
    assert!(
        sidecar.contains("2024-07-20") && sidecar.contains("烟台港口经济稳步增长"),
        "{sidecar}"
    );
    assert!(
        files.keys().all(|f| !f.starts_with('.')),
        "{:?}",
        files.keys()
    );
    // a question about it is answered from it
    h.push(
        "message",
        fake_api::private_message(ADMIN, 2, "烟台港上半年货物吞吐量是多少", "zh"),
    );
    let sent = h.wait_for("sendMessage", 2).await;
    let answer = text_of(&sent[1]);
    assert!(answer.starts_with("<b>2.1亿吨</b>"), "{answer}");
    assert!(
        answer.contains("来源：《烟台港口经济稳步增长》"),
        "{answer}"
    );
    // an example button asks the question on its label
    let message = as_sent(5000, ADMIN, &h.calls("sendMessage")[0]);
    h.push("callback_query", press("cb-ex", ADMIN, "e:0", &message));
    let sent = h.wait_for("sendMessage", 4).await;
    assert_eq!(text_of(&sent[2]), format!("<i>{}</i>", examples[0].0));
    assert!(
        text_of(&sent[3]).contains("《烟台港口经济稳步增长》"),
        "{}",
        text_of(&sent[3])
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_uploads_get_a_clear_reply_and_leave_the_data_folder_alone() {
    let dir = data_folder(&[]);
    let before = folder(dir.path());
    let mut h = archive_bot(dir.path()).await;
    let gbk: Vec<u8> = vec![0xc7, 0xe0, 0xb5, 0xba, 0xb3, 0xf6, 0xbf, 0xda, 0x35, 0x25]; // 青岛出口5% in GBK
    let no_figures = "港口的故事\n\n这里只有文字，讲的是港口和城市的故事。\n"
        .as_bytes()
        .to_vec();
    {
        let mut f = h.fake.lock().unwrap();
        f.add_file("gbk", gbk.clone());
        f.add_file("words", no_figures.clone());
        f.add_file("empty", Vec::new());
        f.add_file("reader", yantai());
        f.add_file("pdf", b"%PDF-1.4".to_vec());
    }
    let docs = [
        (ADMIN, fake_api::document("gbk", "gbk.txt", gbk.len()), None),
        (ADMIN, fake_api::document("empty", "empty.txt", 0), None),
        // 2 MB: refused from the size Telegram states, nothing fetched
        (ADMIN, fake_api::document("huge", "huge.txt", 2 << 20), None),
        (
            ADMIN,
            fake_api::document("words", "words.md", no_figures.len()),
            None,
        ),
        (ADMIN, fake_api::document("pdf", "report.pdf", 8), None),
        (
            READER,
            fake_api::document("reader", "yantai.txt", yantai().len()),
            None,
        ),
        (
            ADMIN,
            fake_api::document("reader", "yantai.txt", yantai().len()),
            Some("published: last tuesday"),
        ),
    ];
    let n = docs.len();
    for (i, (from, doc, caption)) in docs.into_iter().enumerate() {
        h.push(
            "message",
            fake_api::document_message(from, 10 + i as i64, doc, caption),
        );
    }
    h.wait_for("sendMessage", n).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let sent = h.calls("sendMessage");
    let reply = |id: i64| -> String {
        let m = sent
            .iter()
            .find(|m| m["reply_parameters"]["message_id"] == id)
            .unwrap_or_else(|| panic!("no reply to {id}: {sent:?}"));
        text_of(m).to_string()
    };
    assert_eq!(
        reply(10),
        "这个文件不是 UTF-8 编码的文本。请另存为 UTF-8 再发给我。"
    );
    assert_eq!(reply(11), "这个文件是空的。");
    assert_eq!(
        reply(12),
        "这个文件有 2 MB，超过了 1 MB 的上限。请拆成几篇再发。"
    );
    assert_eq!(
        reply(13),
        "文件里没有一句带数字的话。我只用数字回答问题，所以没有添加它。"
    );
    assert_eq!(
        reply(14),
        "report.pdf 不是 .txt 或 .md 文件。请把文章存成纯文本（UTF-8）再发给我。"
    );
    assert_eq!(
        reply(15),
        "谢谢！不过只有管理员可以添加文章。想了解文章里的数字，直接问我就行。"
    );
    assert_eq!(
        reply(16),
        "文件说明里的“last tuesday”我看不懂，文章没有添加。日期请写成 2024-07-04，年份写成 2024。"
    );
    assert_eq!(sent.len(), n);
    // only the two files that had to be read were fetched
    let fetched: Vec<String> = h
        .calls("getFile")
        .iter()
        .map(|c| c["file_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fetched, ["gbk", "words"], "in order of arrival");
    let downloads: Vec<Value> = h.calls("download");
    assert_eq!(downloads.len(), 2, "{downloads:?}");
    assert!(downloads.iter().all(|d| d["path"] != "documents/huge"));
    assert_eq!(folder(dir.path()), before, "the data folder is untouched");
    h.stop().await;

    // an engine on the built-in article has no data folder to add to
    let index = tempfile::tempdir().unwrap();
    let builtin = Arc::new(
        Engine::open(&factbot_engine::Options::new(
            None,
            index.path().join("index"),
        ))
        .unwrap(),
    );
    let mut h = Harness::on(builtin, vec![ADMIN as u64], Faults::default(), None).await;
    h.fake.lock().unwrap().add_file("doc-yantai", yantai());
    h.push(
        "message",
        fake_api::document_message(
            ADMIN,
            1,
            fake_api::document("doc-yantai", "yantai.txt", yantai().len()),
            None,
        ),
    );
    h.push(
        "message",
        fake_api::private_message(ADMIN, 2, "/remove", "en"),
    );
    let sent = h.wait_for("sendMessage", 2).await;
    assert_eq!(
        text_of(&sent[0]),
        "我现在读的是内置文章，没有数据文件夹，所以不能添加或删除文章。请用 --data 指定数据文件夹后重启我。"
    );
    assert_eq!(
        text_of(&sent[1]),
        "I'm running on my built-in article, with no data folder, so articles can't be added or removed. Restart me with a data folder (--data)."
    );
    assert!(h.calls("getFile").is_empty());
    h.stop().await;
}

/// Cities for small articles, one each.
const CITIES: [&str; 25] = [
    "济南", "烟台", "潍坊", "淄博", "威海", "日照", "临沂", "德州", "聊城", "滨州", "菏泽", "枣庄",
    "东营", "泰安", "济宁", "大连", "沈阳", "南京", "苏州", "无锡", "杭州", "宁波", "温州", "厦门",
    "福州",
];

/// `n` small articles, one a day from 2024-01-01, each about a city of its own
/// (`archive-NN.txt`, titled `CITY外贸简报`).
fn small_articles(n: usize) -> Vec<(String, String, String)> {
    (0..n)
        .map(|i| {
            let city = CITIES[i];
            (
                format!("archive-{i:02}.txt"),
                format!("{city}外贸简报\n\n今年，{city}市出口增长{}.5%。\n", i + 1),
                format!(
                    "title = \"{city}外贸简报\"\npublished = \"2024-01-{:02}\"\n",
                    i + 1
                ),
            )
        })
        .collect()
}

/// "DATE · N 个数字" for an article, with the figures the engine counts.
fn dated_line(h: &Harness, file: &str) -> String {
    let s = h
        .state
        .engine
        .sources()
        .into_iter()
        .find(|s| s.article.file == file)
        .unwrap();
    format!("{} · {} 个数字", s.article.published.unwrap(), s.figures)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn articles_are_listed_newest_first_and_paged_in_place() {
    let dir = data_folder(&small_articles(25));
    let mut h = archive_bot(dir.path()).await;
    // anyone may list them
    h.push(
        "message",
        fake_api::private_message(READER, 1, "/articles", "zh"),
    );
    let sent = h.wait_for("sendMessage", 1).await;
    let first = text_of(&sent[0]);
    assert_valid_html(first);
    // 26 articles: the shipped one (2024-07-04) is the newest
    assert!(
        first.starts_with("<b>已载入 26 篇文章（第 1/3 页）</b>\n1. <b>共享开放机遇，世界500强在青投资406个项目</b>\n2024-07-04 · "),
        "{first}"
    );
    let line = format!(
        "2. <b>福州外贸简报</b>\n{}",
        dated_line(&h, "archive-24.txt")
    );
    assert!(first.contains(&line), "{first}");
    assert!(first.contains("10. <b>沈阳外贸简报</b>"), "{first}");
    assert!(!first.contains("11. "), "{first}");
    assert_eq!(buttons(&sent[0]), [("▶".to_string(), "a:1".to_string())]);
    // ▶ edits the message in place, ◀ ▶ both there in the middle
    let list = as_sent(6000, READER, &sent[0]);
    h.push("callback_query", press("cb-a1", READER, "a:1", &list));
    let edits = h.wait_for("editMessageText", 1).await;
    assert_eq!(edits[0]["message_id"], 6000);
    let second = text_of(&edits[0]);
    assert!(
        second.starts_with("<b>已载入 26 篇文章（第 2/3 页）</b>\n11. <b>大连外贸简报</b>"),
        "{second}"
    );
    assert_eq!(
        buttons(&edits[0]),
        [
            ("◀".to_string(), "a:0".to_string()),
            ("▶".to_string(), "a:2".to_string())
        ]
    );
    h.push("callback_query", press("cb-a2", READER, "a:2", &list));
    let edits = h.wait_for("editMessageText", 2).await;
    let third = text_of(&edits[1]);
    let line = format!(
        "26. <b>济南外贸简报</b>\n{}",
        dated_line(&h, "archive-00.txt")
    );
    assert!(third.contains(&line), "{third}");
    assert_eq!(buttons(&edits[1]), [("◀".to_string(), "a:1".to_string())]);
    // in English too; /source still lists every article
    h.push(
        "message",
        fake_api::private_message(READER, 2, "/articles", "en"),
    );
    h.push(
        "message",
        fake_api::private_message(READER, 3, "/source", "zh"),
    );
    let sent = h.wait_for("sendMessage", 3).await;
    assert!(
        text_of(&sent[1]).starts_with("<b>26 articles loaded (page 1/3)</b>"),
        "{}",
        text_of(&sent[1])
    );
    let line = dated_line(&h, "archive-24.txt").replace("个数字", "figures");
    assert!(text_of(&sent[1]).contains(&line), "{}", text_of(&sent[1]));
    assert!(text_of(&sent[2]).contains("济南外贸简报"));
    assert_eq!(h.calls("sendMessage").len(), 3);
    // /help names /articles for everyone, and how to add and remove articles for admins
    h.push(
        "message",
        fake_api::private_message(READER, 4, "/help", "zh"),
    );
    let sent = h.wait_for("sendMessage", 4).await;
    let help = text_of(&sent[3]).to_string();
    h.push(
        "message",
        fake_api::private_message(ADMIN, 5, "/help", "zh"),
    );
    let sent = h.wait_for("sendMessage", 5).await;
    let admin_help = text_of(&sent[4]);
    assert!(
        help.ends_with("\n\n/articles — 文章列表（最新的在前）"),
        "{help}"
    );
    assert!(!help.contains("管理员"), "{help}");
    assert!(admin_help.starts_with(&help), "{admin_help}");
    assert!(
        admin_help.contains("\n\n管理员可以：\n• 添加文章：")
            && admin_help.contains("\n日期: 2024-07-04\n"),
        "{admin_help}"
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_removes_an_article_after_confirming() {
    let dir = data_folder(&small_articles(9));
    let mut h = archive_bot(dir.path()).await;
    let question = "淄博今年出口增长多少";
    h.push(
        "message",
        fake_api::private_message(ADMIN, 1, question, "zh"),
    );
    let sent = h.wait_for("sendMessage", 1).await;
    assert!(
        text_of(&sent[0]).starts_with("<b>4.5%</b>"),
        "{}",
        text_of(&sent[0])
    );
    // non-admins are refused, in a message and on a button
    h.push(
        "message",
        fake_api::private_message(READER, 2, "/remove", "zh"),
    );
    let sent = h.wait_for("sendMessage", 2).await;
    assert_eq!(text_of(&sent[1]), "抱歉，只有管理员可以这样做。");
    // the list: 10 articles, 8 a page, newest first
    h.push(
        "message",
        fake_api::private_message(ADMIN, 3, "/remove", "zh"),
    );
    let sent = h.wait_for("sendMessage", 3).await;
    assert_eq!(text_of(&sent[2]), "要删除哪一篇？（第 1/2 页）");
    let list = buttons(&sent[2]);
    assert_eq!(list.len(), 9, "{list:?}");
    assert_eq!(list[8], ("▶".to_string(), "r:1".to_string()));
    let key = factbot_engine::ArticleKey::of_file("archive-03.txt").hex();
    assert_eq!(
        list[6],
        ("淄博外贸简报 · 2024-01-04".to_string(), format!("d:{key}"))
    );
    let list_msg = as_sent(7000, ADMIN, &sent[2]);
    h.push("callback_query", press("cb-r1", ADMIN, "r:1", &list_msg));
    let edits = h.wait_for("editMessageText", 1).await;
    assert_eq!(text_of(&edits[0]), "要删除哪一篇？（第 2/2 页）");
    assert_eq!(buttons(&edits[0]).len(), 3, "{:?}", buttons(&edits[0]));
    // choose → the question, in place; cancel keeps the article
    h.push(
        "callback_query",
        press("cb-d", ADMIN, &format!("d:{key}"), &list_msg),
    );
    let edits = h.wait_for("editMessageText", 2).await;
    assert_eq!(
        text_of(&edits[1]),
        "确定删除《淄博外贸简报》（archive-03.txt）吗？文件会从数据文件夹里删掉，之后就不能再问它的数字了。"
    );
    assert_eq!(
        buttons(&edits[1]),
        [
            ("删除".to_string(), format!("y:{key}")),
            ("取消".to_string(), "n".to_string())
        ]
    );
    let confirm_msg = as_sent(7000, ADMIN, &edits[1]);
    h.push("callback_query", press("cb-n", ADMIN, "n", &confirm_msg));
    let edits = h.wait_for("editMessageText", 3).await;
    assert_eq!(text_of(&edits[2]), "已取消，文章保留。");
    assert!(edits[2].get("reply_markup").is_none());
    assert!(dir.path().join("data/archive-03.txt").exists());
    // a reader pressing 删除 is refused, and nothing happens
    h.push(
        "callback_query",
        press("cb-y-reader", READER, &format!("y:{key}"), &confirm_msg),
    );
    let answered = h.wait_for("answerCallbackQuery", 4).await;
    assert_eq!(answered[3]["text"], "抱歉，只有管理员可以这样做。");
    assert!(dir.path().join("data/archive-03.txt").exists());
    // confirm → removed; the file and its sidecar are gone, and so is the answer
    h.push(
        "callback_query",
        press("cb-y", ADMIN, &format!("y:{key}"), &confirm_msg),
    );
    let edits = h.wait_for("editMessageText", 4).await;
    assert_eq!(
        text_of(&edits[3]),
        "已删除《淄博外贸简报》（archive-03.txt）。"
    );
    assert!(!dir.path().join("data/archive-03.txt").exists());
    assert!(!dir.path().join("data/archive-03.toml").exists());
    h.push(
        "message",
        fake_api::private_message(ADMIN, 4, question, "zh"),
    );
    let sent = h.wait_for("sendMessage", 4).await;
    assert!(
        text_of(&sent[3]).starts_with("文章里没有这个问题的答案"),
        "{}",
        text_of(&sent[3])
    );
    // the same button again: the article is gone, said in a message of its own
    h.push(
        "callback_query",
        press("cb-y2", ADMIN, &format!("y:{key}"), &confirm_msg),
    );
    let sent = h.wait_for("sendMessage", 5).await;
    assert_eq!(text_of(&sent[4]), "这篇文章已经不在了（可能刚刚被删除）。");
    assert_eq!(sent[4]["reply_parameters"]["message_id"], 7000);
    assert_eq!(h.calls("editMessageText").len(), 4, "the notice stays");
    // /remove FILE goes straight to the question; an unknown name is said plainly
    h.push(
        "message",
        fake_api::private_message(ADMIN, 5, "/remove archive-04.txt", "en"),
    );
    h.push(
        "message",
        fake_api::private_message(ADMIN, 6, "/remove nowhere.txt", "en"),
    );
    let sent = h.wait_for("sendMessage", 7).await;
    let key4 = factbot_engine::ArticleKey::of_file("archive-04.txt").hex();
    assert_eq!(
        text_of(&sent[5]),
        "Remove “威海外贸简报” (archive-04.txt)? The file is deleted from the data folder and its figures can no longer be asked about."
    );
    assert_eq!(
        buttons(&sent[5]),
        [
            ("Remove".to_string(), format!("y:{key4}")),
            ("Cancel".to_string(), "n".to_string())
        ]
    );
    assert_eq!(
        text_of(&sent[6]),
        "There is no article named nowhere.txt. Send /remove to choose from the list."
    );
    for b in h
        .calls("sendMessage")
        .iter()
        .chain(h.calls("editMessageText").iter())
    {
        for (_, data) in buttons(b) {
            assert!(data.len() <= 64, "{data}");
        }
    }
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_article_written_into_the_folder_is_answered_while_the_bot_runs() {
    let dir = data_folder(&[]);
    let mut h = archive_bot(dir.path()).await;
    h.wait_for("getUpdates", 1).await;
    std::fs::write(
        dir.path().join("data/weihai.txt"),
        "威海港口简报\n\n威海港今年集装箱吞吐量增长13.5%。\n",
    )
    .unwrap();
    let started = Instant::now();
    let mut asked = 0;
    let answered = loop {
        asked += 1;
        h.push(
            "message",
            fake_api::private_message(ADMIN, asked, "威海港今年集装箱吞吐量增长多少", "zh"),
        );
        let sent = h.wait_for("sendMessage", asked as usize).await;
        let last = text_of(sent.last().unwrap()).to_string();
        if last.starts_with("<b>13.5%</b>") || started.elapsed() > Duration::from_secs(10) {
            break last;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    };
    eprintln!(
        "watcher: answered {:?} after the file was written",
        started.elapsed()
    );
    assert!(answered.starts_with("<b>13.5%</b>"), "{answered}");
    assert!(answered.contains("《威海港口简报》"), "{answered}");
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sighup_makes_the_binary_read_new_articles() {
    let (fake, url) = start_server().await;
    let dir = data_folder(&[]);
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_factbot"))
        .arg("--data")
        .arg(dir.path().join("data"))
        .arg("--index")
        .arg(dir.path().join("index"))
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", &url)
        .env("FACTBOT_LOG", "info")
        .env("FACTBOT_WATCH", "off") // only SIGHUP can bring the new article in
        .env("FACTBOT_RATE_LIMIT", "off")
        .env("FACTBOT_THROTTLE", "off")
        .env_remove("FACTBOT_WEBHOOK_URL")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map(Child)
        .unwrap();
    let wait = |n: usize, method: &'static str| {
        let fake = fake.clone();
        async move {
            let deadline = Instant::now() + Duration::from_secs(20);
            loop {
                let calls: Vec<Value> = fake.lock().unwrap().calls(method);
                if calls.len() >= n || Instant::now() > deadline {
                    return calls;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    };
    // running (and listening for SIGHUP) once it polls
    assert!(
        !wait(1, "getUpdates").await.is_empty(),
        "the bot did not start"
    );
    let question = "威海港今年集装箱吞吐量增长多少";
    std::fs::write(
        dir.path().join("data/weihai.txt"),
        "威海港口简报\n\n威海港今年集装箱吞吐量增长13.5%。\n",
    )
    .unwrap();
    fake.lock().unwrap().push(
        json!({"update_id": 1, "message": fake_api::private_message(ADMIN, 1, question, "zh")}),
    );
    let sent = wait(1, "sendMessage").await;
    assert!(
        text_of(&sent[0]).starts_with("文章里没有"),
        "not watched: {}",
        text_of(&sent[0])
    );
    let _ = std::process::Command::new("kill")
        .arg("-HUP")
        .arg(child.id().to_string())
        .status();
    let started = Instant::now();
    let mut id = 1;
    let answer = loop {
        id += 1;
        fake.lock().unwrap().push(json!({"update_id": id, "message": fake_api::private_message(ADMIN, id, question, "zh")}));
        let sent = wait(id as usize, "sendMessage").await;
        let last = sent
            .last()
            .map(|m| text_of(m).to_string())
            .unwrap_or_default();
        if last.starts_with("<b>13.5%</b>") || started.elapsed() > Duration::from_secs(10) {
            break last;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    sigterm(child.id());
    let (status, _, logs) = finish(child, EXIT_WAIT);
    assert!(answer.starts_with("<b>13.5%</b>"), "{answer}\n{logs}");
    assert!(
        logs.contains("SIGHUP: archive refreshed (1 new or changed, 0 removed, 2 articles)"),
        "{logs}"
    );
    assert!(status.is_some_and(|s| s.success()), "{status:?}: {logs}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_server_error_the_next_request_follows_the_bots_backoff_not_ten_seconds() {
    let _turn = timed().await;
    use fake_api::Scripted;
    let error = |method, nth, status, html| Scripted {
        method,
        nth,
        status,
        html,
    };
    let faults = Faults {
        script: vec![
            // polls: a 502 with the Bot API's JSON, later a proxy's 503 page
            error("getupdates", 0, 502, false),
            error("getupdates", 2, 503, true),
            // the answer: a 502, then a 503 page, then it goes through
            error("sendmessage", 0, 502, false),
            error("sendmessage", 1, 503, true),
        ],
        ..Faults::default()
    };
    let mut h = Harness::with(faults, None).await;
    h.push(
        "message",
        private_message(1, "青岛对欧盟出口增长了多少", "zh"),
    );
    let sent = h
        .wait_for_within("sendMessage", 3, Duration::from_secs(8))
        .await;
    assert_eq!(sent.len(), 3, "the answer went out after two server errors");
    {
        let f = h.fake.lock().unwrap();
        // after each 5xx, the next call of the same method: within the bot's own backoff
        // (250 ms for a poll, 600 ms then 1.2 s for a send), where teloxide-core slept 10 s
        let mut retried = Vec::new();
        for (i, failed) in f.calls.iter().enumerate().filter(|(_, c)| c.status >= 500) {
            let Some(next) = f.calls[i + 1..].iter().find(|c| c.method == failed.method) else {
                // the last poll failed just now: its retry is still to come
                assert!(
                    failed.at.elapsed() < Duration::from_secs(2),
                    "{failed:?} never retried"
                );
                continue;
            };
            retried.push((failed.method.clone(), failed.status, next.at - failed.at));
        }
        let kinds: Vec<(&str, u16)> = retried.iter().map(|(m, s, _)| (m.as_str(), *s)).collect();
        for k in [
            ("getupdates", 502),
            ("sendmessage", 502),
            ("sendmessage", 503),
        ] {
            assert!(kinds.contains(&k), "{k:?} in {kinds:?}");
        }
        for (method, status, gap) in &retried {
            assert!(
                *gap < Duration::from_secs(2),
                "{method} retried {gap:?} after a {status}"
            );
        }
        // one answer, not doubled by the retries
        let answers = f.sent();
        assert_eq!(answers.len(), 1);
        assert!(answers[0].body["text"]
            .as_str()
            .unwrap()
            .starts_with("<b>17.4%</b>"));
    }
    h.stop().await;
}
