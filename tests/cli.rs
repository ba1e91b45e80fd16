//! The `factbot` command as a user runs it: the JSON-lines contract of `ask` and `facts`,
//! the default run without a token, and clear failures.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn factbot(index: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut child = Command::new(env!("CARGO_BIN_EXE_factbot"))
        .arg("--data")
        .arg(&data)
        .arg("--index")
        .arg(index)
        .args(args)
        .env_remove("TELOXIDE_TOKEN")
        .env_remove("FACTBOT_DATA")
        .env_remove("FACTBOT_INDEX")
        .env("FACTBOT_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("factbot runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .expect("stdout is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

#[test]
fn ask_json_answers_every_line_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut input: Vec<u8> = Vec::new();
    input.extend("2023年青岛市完成进出口多少亿元\n".as_bytes());
    input.extend(b"\n");
    input.extend("进".repeat(100_000).as_bytes());
    input.extend(b"\n");
    input.extend(b"\xff\xfe not utf-8 \xc3\n");
    input.extend("青岛对欧盟出口增长了多少\r\n".as_bytes());
    input.extend("青岛有多少所大学".as_bytes()); // no final newline
    let out = factbot(&dir.path().join("index"), &["ask", "--json"], &input);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 6, "one line per question");
    let status: Vec<&str> = lines
        .iter()
        .map(|l| l["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        status,
        [
            "answered",
            "not_found",
            "not_found",
            "not_found",
            "answered",
            "not_found"
        ]
    );
    assert_eq!(lines[0]["question"], "2023年青岛市完成进出口多少亿元");
    let first = &lines[0]["answers"][0];
    assert_eq!(first["figures"][0]["text"], "8760亿元");
    assert_eq!(
        first["figures"][0]["value"].as_f64(),
        Some(876_000_000_000.0)
    );
    assert_eq!(first["figures"][0]["unit"], "元");
    assert!(first["excerpt"].as_str().unwrap().contains("8760亿元"));
    assert!(first["paragraph"].as_u64().unwrap() > 0);
    assert!(first["score"].is_number());
    assert_eq!(lines[4]["answers"][0]["figures"][0]["text"], "17.4%");
    for l in &lines[1..4] {
        assert!(l["reason"].as_str().is_some_and(|r| !r.is_empty()), "{l}");
        assert_eq!(l["answers"].as_array().unwrap().len(), 0);
    }
    assert!(
        lines[3]["question"].as_str().unwrap().contains('\u{fffd}'),
        "decoded lossily"
    );
}

#[test]
fn ask_with_a_question_argument_prints_a_readable_answer() {
    let dir = tempfile::tempdir().unwrap();
    let out = factbot(
        &dir.path().join("index"),
        &["ask", "新三样出口占全省出口的比重"],
        b"",
    );
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("1. 42%"), "{text}");
    assert!(text.contains("paragraph 15"), "{text}");
}

#[test]
fn facts_json_lists_every_figure_in_base_units() {
    let dir = tempfile::tempdir().unwrap();
    let out = factbot(&dir.path().join("index"), &["facts", "--json"], b"");
    assert!(out.status.success());
    let lines = json_lines(&out);
    assert!(lines.len() > 100);
    let get = |text: &str| {
        lines
            .iter()
            .find(|l| l["text"] == text)
            .unwrap_or_else(|| panic!("{text}"))
            .clone()
    };
    let cases: [(&str, f64, Option<&str>, &str); 7] = [
        ("8760亿元", 876_000_000_000.0, Some("元"), "amount"),
        ("2.5万家", 25_000.0, Some("家"), "count"),
        ("49.3%", 49.3, Some("%"), "percent"),
        ("1/4", 0.25, None, "fraction"),
        ("第五位", 5.0, Some("位"), "rank"),
        ("2.9个百分点", 2.9, Some("百分点"), "percentage_points"),
        ("4.3亿美元", 430_000_000.0, Some("美元"), "amount"),
    ];
    for (text, value, unit, kind) in cases {
        let l = get(text);
        assert_eq!(l["value"].as_f64(), Some(value), "{text}");
        assert_eq!(l["unit"].as_str(), unit, "{text}");
        assert_eq!(l["kind"], kind, "{text}");
        assert!(l["sentence"].as_str().unwrap().contains(text));
        assert!(l["paragraph"].as_u64().is_some());
    }
    assert_eq!(get("1700余家")["qualifier"], "余");
    assert_eq!(get("3561.8亿元")["scope"], "2024-01..2024-05 (今年1-5月)");
    assert!(get("8760亿元")["measure"]
        .as_str()
        .unwrap()
        .contains("进出口"));
}

#[test]
fn without_a_token_the_default_run_chats_on_the_same_engine() {
    let dir = tempfile::tempdir().unwrap();
    let out = factbot(
        &dir.path().join("index"),
        &[],
        "2023年青岛市完成进出口多少亿元\n北京的进出口总额是多少\n".as_bytes(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("TELOXIDE_TOKEN"),
        "says how to connect Telegram: {stderr}"
    );
    assert!(stdout.contains("8760亿元"), "{stdout}");
    assert!(stdout.contains("does not answer"), "{stdout}");
}

#[test]
fn index_prints_counts_and_time() {
    let dir = tempfile::tempdir().unwrap();
    let out = factbot(&dir.path().join("index"), &["index"], b"");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("1 article(s)") && text.contains("sentences") && text.contains("figures"),
        "{text}"
    );
    assert!(text.contains(" ms"), "{text}");
}

#[test]
fn index_warns_once_about_an_article_without_a_year() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let text = "港口快讯\n\n今年1-5月，全市港口货物吞吐量3.2亿吨。\n";
    std::fs::write(data.join("undated.txt"), text).unwrap();
    std::fs::write(data.join("dated.txt"), text).unwrap();
    std::fs::write(data.join("dated.toml"), "reference_year = 2024\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_factbot"))
        .arg("--data")
        .arg(&data)
        .arg("--index")
        .arg(dir.path().join("index"))
        .arg("index")
        .env_remove("TELOXIDE_TOKEN")
        .env("FACTBOT_LOG", "warn")
        .output()
        .unwrap();
    assert!(out.status.success());
    let logs = String::from_utf8_lossy(&out.stderr);
    let warnings: Vec<&str> = logs
        .lines()
        .filter(|l| l.contains("reference_year"))
        .collect();
    assert_eq!(warnings.len(), 1, "{logs}");
    assert!(warnings[0].contains("undated.txt"), "{logs}");
}

#[test]
fn bad_input_fails_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_factbot"))
        .args(["--data", "/no/such/folder", "--index"])
        .arg(dir.path().join("index"))
        .args(["ask", "进出口"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("no articles") && err.contains("FACTBOT_DATA"),
        "{err}"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_factbot"))
        .arg("--no-such-flag")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--no-such-flag"));
}

#[test]
fn check_json_gives_one_verdict_per_claim() {
    let dir = tempfile::tempdir().unwrap();
    let input = "青岛今年1-5月进出口增长2.9%\n青岛贸易伙伴扩大到230多个国家和地区\n\n青岛港口吞吐量全国第一\n";
    let out = factbot(
        &dir.path().join("index"),
        &["check", "--json"],
        input.as_bytes(),
    );
    assert!(out.status.success());
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 4);
    let verdicts: Vec<&str> = lines
        .iter()
        .map(|l| l["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(
        verdicts,
        ["contradicted", "supported", "unverifiable", "unverifiable"]
    );
    let f = &lines[0]["figures"][0];
    assert_eq!(f["claimed"], "2.9%");
    assert_eq!(f["status"], "contradicted");
    assert_eq!(f["article"], "1.9%");
    assert!(f["excerpt"].as_str().unwrap().contains("增长1.9%"));
    assert_eq!(lines[0]["claim"], "青岛今年1-5月进出口增长2.9%");
}

/// `factbot --data DATA --index INDEX ARGS…` with the log at warn level.
fn factbot_on(data: &Path, index: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_factbot"));
    cmd.arg("--data")
        .arg(data)
        .arg("--index")
        .arg(index)
        .env_remove("TELOXIDE_TOKEN")
        .env_remove("FACTBOT_DATA")
        .env_remove("FACTBOT_INDEX")
        .env("FACTBOT_LOG", "warn");
    cmd
}

/// The first figure `ask --json` gives for the 2023 trade total of the shipped article.
fn trade_total(data: &Path, index: &Path) -> String {
    let mut child = factbot_on(data, index)
        .args(["ask", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("2023年青岛进出口总额是多少\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = &json_lines(&out)[0];
    v["answers"][0]["figures"][0]["text"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// A data folder holding the shipped article and `n` generated ones in `pool` (moved in
/// later, as articles arriving).
fn newsroom(dir: &Path, n: usize) -> (std::path::PathBuf, std::path::PathBuf) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (data, pool) = (dir.join("data"), dir.join("pool"));
    std::fs::create_dir_all(&data).unwrap();
    let fixtures = factbot_engine::synthetic::load_fixtures(repo).unwrap();
    factbot_engine::synthetic::Generator::new(fixtures.templates, fixtures.cities, 7)
        .write(&pool, n)
        .unwrap();
    for ext in ["txt", "toml"] {
        let name = format!("qingdao-opening-up.{ext}");
        std::fs::copy(repo.join("data").join(&name), data.join(&name)).unwrap();
    }
    (data, pool)
}

/// Move `n` articles (with their sidecars) from the pool into the data folder.
fn arrive(pool: &Path, data: &Path, n: usize) {
    let mut files: Vec<_> = std::fs::read_dir(pool)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    for txt in files.into_iter().take(n) {
        let toml = txt.with_extension("toml");
        std::fs::rename(&txt, data.join(txt.file_name().unwrap())).unwrap();
        if toml.exists() {
            std::fs::rename(&toml, data.join(toml.file_name().unwrap())).unwrap();
        }
    }
}

#[test]
fn a_build_killed_midway_is_never_trusted_half_done() {
    let dir = tempfile::tempdir().unwrap();
    let (data, pool) = newsroom(dir.path(), 160);
    let index = dir.path().join("index");
    arrive(&pool, &data, 80);
    // kill -9 during a first build, then during an update with 40 new articles each time
    for (round, after_ms) in [300u64, 150, 600].into_iter().enumerate() {
        if round > 0 {
            arrive(&pool, &data, 40);
        }
        let mut child = factbot_on(&data, &index)
            .arg("index")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(after_ms));
        child.kill().unwrap(); // SIGKILL: no destructor, no flush
        child.wait().unwrap();
    }
    assert_eq!(trade_total(&data, &index), "8760亿元");
    let out = factbot_on(&data, &index).arg("index").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("indexed 161 article(s)"), "{text}");
}

#[test]
fn a_full_disk_during_a_build_is_a_clear_error_and_leaves_nothing_trusted() {
    let dir = tempfile::tempdir().unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let index = dir.path().join("index");
    // a file size limit (SIGXFSZ ignored) makes every write past 4 KB fail, as a full disk
    let out = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 8; exec \"$@\"")
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_factbot"))
        .arg("--data")
        .arg(&data)
        .arg("--index")
        .arg(&index)
        .arg("index")
        .env_remove("TELOXIDE_TOKEN")
        .env("FACTBOT_LOG", "warn")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot write") && err.contains(&index.display().to_string()),
        "{err}"
    );
    assert!(err.contains("free space"), "{err}");
    assert!(
        !index.join("manifest.bin").exists(),
        "no manifest for a half index"
    );
    // with space again, the next start builds it whole
    assert_eq!(trade_total(&data, &index), "8760亿元");
}

#[test]
fn fifty_articles_without_a_year_make_one_warning() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    for i in 0..50 {
        let text = format!(
            "港口快讯{i}\n\n今年1-5月，全市港口货物吞吐量{}.2亿吨。\n",
            i + 1
        );
        std::fs::write(data.join(format!("port-{i:02}.txt")), text).unwrap();
    }
    std::fs::write(data.join("empty-1.txt"), "").unwrap();
    std::fs::write(data.join("empty-2.txt"), "").unwrap();
    let out = factbot_on(&data, &dir.path().join("index"))
        .arg("index")
        .output()
        .unwrap();
    assert!(out.status.success());
    let logs = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = logs.lines().collect();
    assert_eq!(lines.len(), 2, "{logs}");
    assert!(
        lines[0].contains("50 articles give no year (first: port-00.txt, port-01.txt, port-02.txt and 47 more; -v lists them all); add `reference_year = YYYY` to their sidecars"),
        "{logs}"
    );
    assert!(
        lines[1].contains("skipping 2 files: each is empty (empty-1.txt, empty-2.txt)"),
        "{logs}"
    );
    // -v names every file
    let out = factbot_on(&data, &dir.path().join("index2"))
        .args(["index", "-v"])
        .env_remove("FACTBOT_LOG")
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    let logs = String::from_utf8_lossy(&out.stderr);
    for i in 0..50 {
        assert!(logs.contains(&format!("port-{i:02}.txt")), "{logs}");
    }
}
