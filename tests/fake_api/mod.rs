//! A fake Telegram Bot API on 127.0.0.1, for the bot's tests and the load harness.
//!
//! It answers with the JSON shapes the real Bot API returns (getMe, getUpdates with offset
//! and timeout, sendMessage returning a full Message with its buttons, answerInlineQuery,
//! answerCallbackQuery, editMessageText, setMyCommands, setWebhook, deleteWebhook, getFile)
//! and serves the files a test put there at the file download path
//! (`/file/bot<token>/<file_path>`), and records every call (a download as `download`). Like Telegram, it keeps each update until a later getUpdates offset
//! confirms it, and hands out and confirms updates under one lock.
//!
//! Faults, seeded and reproducible: 429 with retry_after, 502, slow answers, connections
//! dropped before or after the request was carried out, on getUpdates and sendMessage; a
//! chat that blocked the bot (403), a group that migrated (400 with migrate_to_chat_id), a
//! chat whose markup is refused (400 can't parse entities). It can also enforce Telegram's
//! sending limits (30 a second overall, one a second per chat, 20 a minute per group) and
//! answer 429 when they are broken.

#![allow(dead_code)]

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Path as UrlPath, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

pub const BOT_ID: i64 = 42;
pub const BOT_NAME: &str = "factbot_test_bot";
pub const TOKEN: &str = "123456:TEST-TOKEN";

/// How often each random fault happens, per call of one method.
#[derive(Debug, Clone, Copy, Default)]
pub struct Mix {
    /// 429 with retry_after 1.
    pub flood: f64,
    /// 502 Bad Gateway.
    pub server: f64,
    /// 503 Service Unavailable with a proxy's HTML page for a body.
    pub unavailable: f64,
    /// An answer 300 ms late.
    pub slow: f64,
    /// The connection drops before the request is carried out.
    pub drop_before: f64,
    /// The request is carried out, then the connection drops (the answer is lost).
    pub drop_after: f64,
}

/// The faults to inject.
#[derive(Debug, Clone, Default)]
pub struct Faults {
    pub seed: u64,
    pub send: Mix,
    pub get_updates: Mix,
    /// Chats that blocked the bot: sendMessage answers 403.
    pub blocked: Vec<i64>,
    /// Groups that became supergroups: (old id, new id).
    pub migrated: Vec<(i64, i64)>,
    /// Chats where HTML is refused with "can't parse entities".
    pub bad_markup: Vec<i64>,
    /// Answer 429 when Telegram's sending limits are broken.
    pub enforce_limits: bool,
    /// Calls answered with an error, whatever the random mix says.
    pub script: Vec<Scripted>,
}

/// One call answered with an HTTP error: the `nth` call (from 0) of `method` (lower case).
#[derive(Debug, Clone)]
pub struct Scripted {
    pub method: &'static str,
    pub nth: usize,
    /// 500, 502, 503, 504 (a JSON error body) or 429 (retry_after 1).
    pub status: u16,
    /// The body is a proxy's HTML page, not the Bot API's JSON.
    pub html: bool,
}

/// One call the bot made.
#[derive(Debug, Clone)]
pub struct Call {
    pub method: String,
    pub body: Value,
    pub at: Instant,
    /// The request was carried out (a message was sent).
    pub accepted: bool,
    /// Carried out, but the connection dropped before the answer.
    pub answer_lost: bool,
    /// The HTTP status answered (0 for a dropped connection).
    pub status: u16,
}

#[derive(Default)]
pub struct Fake {
    pub calls: Vec<Call>,
    pub updates: VecDeque<Value>,
    /// When each update was queued (for latencies).
    pub pushed: HashMap<i64, Instant>,
    pub next_message_id: i64,
    pub reject_token: bool,
    pub faults: Faults,
    rng: u64,
    sent_at: VecDeque<(i64, Instant)>,
    /// 429s answered because a limit was broken.
    pub limit_violations: usize,
    /// The text each edited message has now.
    edited: HashMap<(i64, i64), String>,
    /// Files the bot can fetch, by file id.
    files: HashMap<String, Vec<u8>>,
}

pub type Shared = Arc<Mutex<Fake>>;

impl Fake {
    fn roll(&mut self) -> f64 {
        // xorshift64*: reproducible from the seed
        let mut x = self.rng;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.rng = x;
        (x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick(&mut self, mix: Mix) -> Option<&'static str> {
        let r = self.roll();
        let mut edge = 0.0;
        for (p, name) in [
            (mix.flood, "flood"),
            (mix.server, "server"),
            (mix.unavailable, "unavailable"),
            (mix.slow, "slow"),
            (mix.drop_before, "drop_before"),
            (mix.drop_after, "drop_after"),
        ] {
            edge += p;
            if r < edge {
                return Some(name);
            }
        }
        None
    }

    /// Would sending to `chat` now break Telegram's limits? Records the send if not.
    fn over_limits(&mut self, chat: i64, now: Instant) -> bool {
        while self
            .sent_at
            .front()
            .is_some_and(|(_, t)| now.duration_since(*t) > Duration::from_secs(60))
        {
            self.sent_at.pop_front();
        }
        // Telegram counts loosely; 50 ms of slack for the time between a send leaving the
        // bot's throttle and arriving here
        let second = Duration::from_millis(950);
        let last_second = self
            .sent_at
            .iter()
            .filter(|(_, t)| now.duration_since(*t) < second);
        let overall = last_second.clone().count();
        let this_chat = last_second.filter(|(c, _)| *c == chat).count();
        let minute = self.sent_at.iter().filter(|(c, _)| *c == chat).count();
        if overall >= 30 || this_chat >= 1 || (chat < 0 && minute >= 20) {
            return true;
        }
        self.sent_at.push_back((chat, now));
        false
    }

    /// All calls of `method` (case-insensitive), in order.
    pub fn calls(&self, method: &str) -> Vec<Value> {
        let method = method.to_ascii_lowercase();
        self.calls
            .iter()
            .filter(|c| c.method == method)
            .map(|c| c.body.clone())
            .collect()
    }

    /// The messages actually sent (carried out), in order.
    pub fn sent(&self) -> Vec<&Call> {
        self.calls
            .iter()
            .filter(|c| c.method == "sendmessage" && c.accepted)
            .collect()
    }

    /// Make a file fetchable by getFile and the file download path.
    pub fn add_file(&mut self, file_id: &str, bytes: Vec<u8>) {
        self.files.insert(file_id.to_string(), bytes);
    }

    pub fn push(&mut self, update: Value) {
        let id = update["update_id"].as_i64().unwrap_or(0);
        self.pushed.entry(id).or_insert_with(Instant::now);
        self.updates.push_back(update);
    }
}

pub fn bot_user() -> Value {
    json!({"id": BOT_ID, "is_bot": true, "first_name": "factbot", "username": BOT_NAME})
}

pub fn chat_for(id: i64) -> Value {
    if id < -1_000_000_000_000 {
        json!({"id": id, "type": "supergroup", "title": "Moved newsroom"})
    } else if id < -1_000_000 {
        json!({"id": id, "type": "channel", "title": "Newsroom channel"})
    } else if id < 0 {
        json!({"id": id, "type": "supergroup", "title": "Newsroom"})
    } else {
        json!({"id": id, "type": "private", "first_name": "Reporter"})
    }
}

fn ok(result: Value) -> Response {
    (
        StatusCode::OK,
        axum::Json(json!({"ok": true, "result": result})),
    )
        .into_response()
}

fn error(status: u16, description: &str, parameters: Option<Value>) -> Response {
    let mut body = json!({"ok": false, "error_code": status, "description": description});
    if let Some(p) = parameters {
        body["parameters"] = p;
    }
    (StatusCode::from_u16(status).unwrap(), axum::Json(body)).into_response()
}

/// The answer of a scripted call.
fn scripted_error(s: &Scripted) -> Response {
    match (s.status, s.html) {
        (_, true) => proxy_page(s.status),
        (429, false) => error(
            429,
            "Too Many Requests: retry after 1",
            Some(json!({"retry_after": 1})),
        ),
        (status, false) => error(status, "Bad Gateway", None),
    }
}

/// What a proxy in front of the Bot API answers during an incident: an HTML page.
fn proxy_page(status: u16) -> Response {
    let page = format!(
        "<html>\r\n<head><title>{status} Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>{status} Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    );
    Response::builder()
        .status(StatusCode::from_u16(status).unwrap())
        .header("content-type", "text/html")
        .body(Body::from(page))
        .unwrap()
}

/// A response whose body breaks off: the client sees the connection drop.
fn dropped() -> Response {
    let chunks: Vec<Result<Bytes, std::io::Error>> = vec![
        Ok(Bytes::from_static(b"{\"ok\":")),
        Err(std::io::Error::other("connection dropped")),
    ];
    Response::builder()
        .status(StatusCode::OK)
        .header("content-type", "application/json")
        .body(Body::from_stream(futures::stream::iter(chunks)))
        .unwrap()
}

/// A multipart form (setWebhook is sent as one) as a JSON object of its text fields.
fn form_fields(content_type: &str, body: &str) -> Option<Value> {
    let boundary = content_type.split("boundary=").nth(1)?.trim_matches('"');
    let mut fields = serde_json::Map::new();
    for part in body.split(&format!("--{boundary}")) {
        let Some((head, value)) = part.split_once("\r\n\r\n") else {
            continue;
        };
        let Some(name) = head
            .split("name=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
        else {
            continue;
        };
        let value = value.trim_end_matches("\r\n");
        let parsed = serde_json::from_str(value).unwrap_or_else(|_| Value::String(value.into()));
        fields.insert(name.to_string(), parsed);
    }
    Some(Value::Object(fields))
}

async fn api(
    State(fake): State<Shared>,
    UrlPath((token, method)): UrlPath<(String, String)>,
    headers: axum::http::HeaderMap,
    body: String,
) -> Response {
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let body: Value = if content_type.starts_with("multipart/form-data") {
        form_fields(content_type, &body).unwrap_or(Value::Null)
    } else {
        serde_json::from_str(&body).unwrap_or(Value::Null)
    };
    // the Bot API reads method names case-insensitively (teloxide sends GetMe, SendMessage)
    let method = method.to_ascii_lowercase();
    let fault = {
        let mut f = fake.lock().unwrap();
        if f.reject_token || token != format!("bot{TOKEN}") {
            f.calls.push(call(&method, &body, false, 401));
            return error(401, "Unauthorized", None);
        }
        let nth = f.calls.iter().filter(|c| c.method == method).count();
        let scripted = f
            .faults
            .script
            .iter()
            .find(|s| s.method == method && s.nth == nth)
            .cloned();
        if let Some(s) = scripted {
            f.calls.push(call(&method, &body, false, s.status));
            return scripted_error(&s);
        }
        match method.as_str() {
            "sendmessage" => {
                let mix = f.faults.send;
                f.pick(mix)
            }
            "getupdates" => {
                let mix = f.faults.get_updates;
                f.pick(mix)
            }
            _ => None,
        }
    };
    match fault {
        Some("flood") => {
            fake.lock()
                .unwrap()
                .calls
                .push(call(&method, &body, false, 429));
            return error(
                429,
                "Too Many Requests: retry after 1",
                Some(json!({"retry_after": 1})),
            );
        }
        Some("server") => {
            fake.lock()
                .unwrap()
                .calls
                .push(call(&method, &body, false, 502));
            return error(502, "Bad Gateway", None);
        }
        Some("unavailable") => {
            fake.lock()
                .unwrap()
                .calls
                .push(call(&method, &body, false, 503));
            return proxy_page(503);
        }
        Some("drop_before") => {
            fake.lock()
                .unwrap()
                .calls
                .push(call(&method, &body, false, 0));
            return dropped();
        }
        Some("slow") => tokio::time::sleep(Duration::from_millis(300)).await,
        _ => {}
    }
    let (response, index) = if method == "getupdates" {
        (get_updates(&fake, &body).await, None)
    } else {
        let (r, i) = carry_out(&fake, &method, &body);
        (r, Some(i))
    };
    if fault == Some("drop_after") {
        if let Some(i) = index {
            let mut f = fake.lock().unwrap();
            f.calls[i].answer_lost = true;
            f.calls[i].status = 0;
        }
        return dropped();
    }
    response
}

fn call(method: &str, body: &Value, accepted: bool, status: u16) -> Call {
    Call {
        method: method.to_string(),
        body: body.clone(),
        at: Instant::now(),
        accepted,
        answer_lost: false,
        status,
    }
}

/// Long polling: what is queued at or after the offset, else wait a little.
async fn get_updates(fake: &Shared, body: &Value) -> Response {
    let offset = body.get("offset").and_then(Value::as_i64).unwrap_or(0);
    let timeout = body.get("timeout").and_then(Value::as_u64).unwrap_or(0);
    let limit = body.get("limit").and_then(Value::as_u64).unwrap_or(100) as usize;
    fake.lock()
        .unwrap()
        .calls
        .push(call("getupdates", body, true, 200));
    let deadline = Instant::now() + Duration::from_millis(500).min(Duration::from_secs(timeout));
    loop {
        {
            // one lock: confirm what the offset confirms, hand out the rest
            let mut f = fake.lock().unwrap();
            f.updates
                .retain(|u| u["update_id"].as_i64().unwrap_or(0) >= offset);
            if !f.updates.is_empty() || Instant::now() >= deadline {
                let ready: Vec<Value> = f
                    .updates
                    .iter()
                    .take(limit.clamp(1, 100))
                    .cloned()
                    .collect();
                return ok(Value::Array(ready));
            }
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Carry out a call; the answer and the index of the call recorded.
fn carry_out(fake: &Shared, method: &str, body: &Value) -> (Response, usize) {
    let mut f = fake.lock().unwrap();
    let (response, status, accepted) = answer(&mut f, method, body);
    f.calls.push(call(method, body, accepted, status));
    (response, f.calls.len() - 1)
}

fn answer(f: &mut Fake, method: &str, body: &Value) -> (Response, u16, bool) {
    let chat = body["chat_id"].as_i64().unwrap_or(0);
    if method == "editmessagetext" {
        let key = (chat, body["message_id"].as_i64().unwrap_or(0));
        let text = body["text"].as_str().unwrap_or("").to_string();
        if f.edited.get(&key) == Some(&text) {
            let e = error(400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message", None);
            return (e, 400, false);
        }
        f.edited.insert(key, text);
    }
    if method == "sendmessage" {
        if f.faults.blocked.contains(&chat) {
            return (
                error(403, "Forbidden: bot was blocked by the user", None),
                403,
                false,
            );
        }
        if let Some(&(_, to)) = f.faults.migrated.iter().find(|(from, _)| *from == chat) {
            let e = error(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                Some(json!({"migrate_to_chat_id": to})),
            );
            return (e, 400, false);
        }
        if f.faults.bad_markup.contains(&chat) && body.get("parse_mode").is_some() {
            let e = error(
                400,
                "Bad Request: can't parse entities: Unsupported start tag \"b\" at byte offset 0",
                None,
            );
            return (e, 400, false);
        }
        if f.faults.enforce_limits && f.over_limits(chat, Instant::now()) {
            f.limit_violations += 1;
            let e = error(
                429,
                "Too Many Requests: retry after 1",
                Some(json!({"retry_after": 1})),
            );
            return (e, 429, false);
        }
    }
    let result = match method {
        "getme" => json!({
            "id": BOT_ID, "is_bot": true, "first_name": "factbot", "username": BOT_NAME,
            "can_join_groups": true, "can_read_all_group_messages": false, "supports_inline_queries": true,
            "can_connect_to_business": false, "has_main_web_app": false
        }),
        "sendmessage" | "editmessagetext" => {
            f.next_message_id += 1;
            let id = if method == "editmessagetext" {
                body["message_id"].as_i64().unwrap_or(1)
            } else {
                1000 + f.next_message_id
            };
            let mut m = json!({"message_id": id, "date": 1_720_000_000, "chat": chat_for(chat), "from": bot_user(), "text": body["text"].clone()});
            if let Some(markup) = body.get("reply_markup") {
                m["reply_markup"] = markup.clone();
            }
            if let Some(t) = body.get("message_thread_id") {
                m["message_thread_id"] = t.clone();
                m["is_topic_message"] = json!(true);
            }
            m
        }
        "getfile" => {
            let id = body["file_id"].as_str().unwrap_or("");
            match f.files.get(id) {
                Some(bytes) => json!({
                    "file_id": id, "file_unique_id": format!("u-{id}"),
                    "file_size": bytes.len(), "file_path": format!("documents/{id}")
                }),
                None => {
                    let e = error(400, "Bad Request: invalid file_id", None);
                    return (e, 400, false);
                }
            }
        }
        // a webhook left over from an earlier deployment: polling must delete it first
        "getwebhookinfo" => {
            json!({"url": "https://old.example/hook", "has_custom_certificate": false, "pending_update_count": 0})
        }
        _ => json!(true),
    };
    (ok(result), 200, true)
}

/// The file download path: the bytes of a file added with [`Fake::add_file`].
async fn download(
    State(fake): State<Shared>,
    UrlPath((token, path)): UrlPath<(String, String)>,
) -> Response {
    let mut f = fake.lock().unwrap();
    let body = json!({ "path": path });
    if token != format!("bot{TOKEN}") {
        f.calls.push(call("download", &body, false, 401));
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let id = path.strip_prefix("documents/").unwrap_or("");
    match f.files.get(id).cloned() {
        Some(bytes) => {
            f.calls.push(call("download", &body, true, 200));
            (StatusCode::OK, bytes).into_response()
        }
        None => {
            f.calls.push(call("download", &body, false, 404));
            StatusCode::NOT_FOUND.into_response()
        }
    }
}

/// Start the fake API on 127.0.0.1; returns it and its base URL.
pub async fn start(faults: Faults) -> (Shared, String) {
    let fake: Shared = Arc::new(Mutex::new(Fake {
        rng: faults.seed.max(1),
        faults,
        ..Fake::default()
    }));
    let app = Router::new()
        .route("/{token}/{method}", post(api))
        .route("/file/{token}/{*path}", get(download))
        .with_state(fake.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (fake, url)
}

pub fn private_message(chat: i64, id: i64, text: &str, lang: &str) -> Value {
    json!({
        "message_id": id, "date": 1_720_000_000,
        "chat": chat_for(chat),
        "from": {"id": chat, "is_bot": false, "first_name": "Reporter", "language_code": lang},
        "text": text
    })
}

pub fn group_message(chat: i64, user: i64, id: i64, text: &str) -> Value {
    json!({
        "message_id": id, "date": 1_720_000_000,
        "chat": chat_for(chat),
        "from": {"id": user, "is_bot": false, "first_name": "Editor", "language_code": "zh-hans"},
        "text": text
    })
}

/// A document sent in a private chat by `user` (the chat is the user's own).
pub fn document_message(user: i64, id: i64, doc: Value, caption: Option<&str>) -> Value {
    let mut m = json!({
        "message_id": id, "date": 1_720_000_000,
        "chat": chat_for(user),
        "from": {"id": user, "is_bot": false, "first_name": "Editor", "language_code": "zh-hans"},
        "document": doc
    });
    if let Some(c) = caption {
        m["caption"] = json!(c);
    }
    m
}

/// A document's JSON: its file id, name and size (as Telegram states it).
pub fn document(file_id: &str, name: &str, size: usize) -> Value {
    json!({"file_id": file_id, "file_unique_id": format!("u-{file_id}"), "file_name": name, "mime_type": "text/plain", "file_size": size})
}
