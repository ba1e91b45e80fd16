//! The engine as a newsroom archive: the shipped article among many others, and articles
//! added, changed and removed while the engine runs.

use std::path::Path;

use factbot_engine::synthetic::{load_fixtures, Generator};
use factbot_engine::{Engine, Options, Response, Status};

mod common;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The questions of a JSON-lines file (the eval format: {"q": …}).
fn questions(file: &str) -> Vec<String> {
    std::fs::read_to_string(repo().join(file))
        .unwrap()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["q"].as_str().map(str::to_string))
        .collect()
}

/// What a reader sees of a response: status, first figure, excerpt, article.
fn seen(r: &Response) -> (Status, String, String, String) {
    let a = r.answers.first();
    (
        r.status,
        a.and_then(|a| a.figures.first())
            .map(|f| f.text.clone())
            .unwrap_or_default(),
        a.map(|a| a.excerpt.clone()).unwrap_or_default(),
        a.map(|a| a.article.file.clone()).unwrap_or_default(),
    )
}

fn open(data: &Path, index: &Path) -> Engine {
    Engine::open(&Options::new(Some(data.to_path_buf()), index.to_path_buf())).unwrap()
}

#[test]
fn questions_naming_qingdao_answer_alike_among_thirty_other_articles() {
    let alone = common::shipped();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let fixtures = load_fixtures(repo()).unwrap();
    let copies = Generator::new(fixtures.templates, fixtures.cities, 11)
        .write(&data, 30)
        .unwrap();
    assert!(
        copies.iter().all(|c| c.place != "青岛"),
        "no copy is about 青岛"
    );
    for ext in ["txt", "toml"] {
        let name = format!("qingdao-opening-up.{ext}");
        std::fs::copy(repo().join("data").join(&name), data.join(&name)).unwrap();
    }
    let archive = open(&data, &dir.path().join("index"));
    assert_eq!(archive.sources().len(), 31);
    let asked = questions("tests/fixtures/qingdao-questions.jsonl");
    assert!(asked.len() >= 25);
    for q in asked
        .iter()
        .filter(|q| q.contains("青岛") || q.contains("Qingdao"))
    {
        let (one, many) = (alone.ask(q), archive.ask(q));
        assert_eq!(seen(&one).0, seen(&many).0, "{q}");
        assert_eq!(seen(&one).1, seen(&many).1, "{q}");
        assert_eq!(seen(&one).2, seen(&many).2, "{q}");
        if many.status == Status::Answered {
            assert_eq!(
                seen(&many).3,
                "qingdao-opening-up.txt",
                "{q}: from the 青岛 article"
            );
        }
    }
}

#[test]
fn a_place_no_article_is_about_and_a_measure_none_gives_stay_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let fixtures = load_fixtures(repo()).unwrap();
    let copies = Generator::new(fixtures.templates, fixtures.cities, 5)
        .write(&data, 12)
        .unwrap();
    let engine = open(&data, &dir.path().join("index"));
    let city = &copies[0].place;
    // a measure no article gives, about a city that has articles
    let r = engine.ask(&format!("{city}的人均可支配收入是多少"));
    assert_eq!(
        r.status,
        Status::NotFound,
        "{:?}",
        r.answers.first().map(|a| &a.excerpt)
    );
    // a city no article mentions
    let r = engine.ask("拉萨的进出口总额是多少");
    assert_eq!(r.status, Status::NotFound);
    // a city's own figure comes from its own article
    let r = engine.ask(&format!("{city}2023年进出口多少亿元"));
    assert_eq!(r.status, Status::Answered, "{r:?}");
    assert_eq!(
        r.answers[0].article.file, copies[0].file,
        "{}",
        r.answers[0].excerpt
    );
}

#[test]
fn articles_added_changed_and_removed_while_the_engine_runs() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let write = |name: &str, text: &str| {
        std::fs::write(data.join(format!("{name}.txt")), text).unwrap();
        std::fs::write(data.join(format!("{name}.toml")), "reference_year = 2024\n").unwrap();
    };
    write(
        "a",
        "甲市外贸\n\n今年1-5月，甲市进出口总额1200亿元，增长5.5%。\n",
    );
    let engine = open(&data, &dir.path().join("index"));
    assert_eq!(seen(&engine.ask("甲市进出口增长多少")).1, "5.5%");
    assert_eq!(engine.ask("乙市进出口增长多少").status, Status::NotFound);

    // added
    write(
        "b",
        "乙市外贸\n\n今年1-5月，乙市进出口总额800亿元，增长7.2%。\n",
    );
    let stats = engine.refresh().unwrap();
    assert_eq!((stats.articles, stats.parsed, stats.removed), (2, 1, 0));
    let r = engine.ask("乙市进出口增长多少");
    assert_eq!(
        (seen(&r).1, seen(&r).3),
        ("7.2%".to_string(), "b.txt".to_string())
    );
    assert_eq!(
        seen(&engine.ask("甲市进出口增长多少")).1,
        "5.5%",
        "the other article is untouched"
    );

    // changed
    write(
        "b",
        "乙市外贸\n\n今年1-5月，乙市进出口总额810亿元，增长7.9%。\n",
    );
    let stats = engine.refresh().unwrap();
    assert_eq!((stats.parsed, stats.removed), (1, 0));
    assert_eq!(seen(&engine.ask("乙市进出口增长多少")).1, "7.9%");

    // removed
    std::fs::remove_file(data.join("b.txt")).unwrap();
    let stats = engine.refresh().unwrap();
    assert_eq!((stats.articles, stats.parsed, stats.removed), (1, 0, 1));
    assert_eq!(engine.ask("乙市进出口增长多少").status, Status::NotFound);

    // nothing changed: nothing parsed, and a new process finds the same archive
    assert_eq!(engine.refresh().unwrap().parsed, 0);
    drop(engine);
    let again = open(&data, &dir.path().join("index"));
    assert_eq!((again.stats().parsed, again.stats().articles), (0, 1));
    assert_eq!(seen(&again.ask("甲市进出口增长多少")).1, "5.5%");
}

#[test]
fn an_unreadable_file_is_skipped_with_its_reason_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("good.txt"), "甲市外贸\n\n甲市进出口增长5.5%。\n").unwrap();
    std::fs::write(data.join("gbk.txt"), [0xc7u8, 0xe0, 0xb5, 0xba, 0xff]).unwrap();
    std::fs::write(data.join("empty.md"), "  \n").unwrap();
    let engine = open(&data, &dir.path().join("index"));
    let stats = engine.stats();
    assert_eq!(stats.articles, 1);
    let mut skipped: Vec<(String, String)> = stats.skipped.clone();
    skipped.sort();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert_eq!(skipped[0].0, "empty.md");
    assert!(skipped[0].1.contains("empty"), "{skipped:?}");
    assert_eq!(skipped[1].0, "gbk.txt");
    assert!(skipped[1].1.contains("UTF-8"), "{skipped:?}");
    assert_eq!(seen(&engine.ask("甲市进出口增长多少")).1, "5.5%");
}

#[test]
fn a_snapshot_of_another_format_is_rebuilt_never_misread() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("a.txt"), "甲市外贸\n\n甲市进出口增长5.5%。\n").unwrap();
    let index = dir.path().join("index");
    drop(open(&data, &index));
    // damage every snapshot: the engine must parse the article again, not misread it
    for e in std::fs::read_dir(index.join("articles")).unwrap() {
        let path = e.unwrap().path();
        let mut bytes = std::fs::read(&path).unwrap();
        bytes[5] ^= 0xff;
        std::fs::write(&path, bytes).unwrap();
    }
    let engine = open(&data, &index);
    assert_eq!(seen(&engine.ask("甲市进出口增长多少")).1, "5.5%");
}

#[test]
fn two_articles_giving_the_same_figure_answer_newest_first_each_named() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let text = std::fs::read_to_string(repo().join("data/qingdao-opening-up.txt")).unwrap();
    for (name, published) in [("older", "2024-07-04"), ("newer", "2024-08-01")] {
        std::fs::write(data.join(format!("{name}.txt")), &text).unwrap();
        let sidecar = format!(
            "title = \"{name}\"\npublished = \"{published}\"\nreference_year = 2024\nplaces = [\"青岛\"]\n"
        );
        std::fs::write(data.join(format!("{name}.toml")), sidecar).unwrap();
    }
    let engine = open(&data, &dir.path().join("index"));
    let r = engine.ask("青岛2023年进出口多少亿元");
    assert_eq!(r.status, Status::Answered, "{r:?}");
    let order: Vec<(&str, &str, Option<&str>)> = r
        .answers
        .iter()
        .take(2)
        .map(|a| {
            (
                a.figures[0].text.as_str(),
                a.article.title.as_str(),
                a.article.published.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        order,
        [
            ("8760亿元", "newer", Some("2024-08-01")),
            ("8760亿元", "older", Some("2024-07-04"))
        ]
    );
}

/// How a file of the index is damaged.
#[derive(Debug, Clone, Copy)]
enum Damage {
    /// Cut to half its length (a crash during a write).
    Truncate,
    /// Its bytes zeroed (a disk that lost a block).
    Zero,
    Delete,
}

fn damage(file: &Path, how: Damage) {
    let len = std::fs::metadata(file).unwrap().len();
    match how {
        Damage::Truncate => {
            let f = std::fs::OpenOptions::new().write(true).open(file).unwrap();
            f.set_len(len / 2).unwrap();
        }
        Damage::Zero => std::fs::write(file, vec![0u8; len as usize]).unwrap(),
        Damage::Delete => std::fs::remove_file(file).unwrap(),
    }
}

/// One file of each kind in an index folder (relative paths): the manifest, tantivy's
/// meta.json and each kind of segment file, an article snapshot.
fn one_file_of_each_kind(index: &Path) -> Vec<std::path::PathBuf> {
    let mut kinds: std::collections::BTreeMap<String, std::path::PathBuf> = Default::default();
    let mut stack = vec![index.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let rel = p.strip_prefix(index).unwrap().to_path_buf();
            let name = rel.file_name().unwrap().to_string_lossy().into_owned();
            // a segment file is named <segment id>.<kind>: one of each kind
            // tantivy's lock files hold no data: nothing to damage
            if name.ends_with(".lock") {
                continue;
            }
            let kind = match name.split_once('.') {
                Some((id, ext)) if id.len() == 32 => format!("segment .{ext}"),
                _ if name.ends_with(".bin") => "snapshot".to_string(),
                _ => name,
            };
            kinds.entry(kind).or_insert(rel);
        }
    }
    kinds.into_values().collect()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}

#[test]
fn every_kind_of_damaged_index_file_is_healed_and_answers_as_before() {
    let data = repo().join("data");
    let dir = tempfile::tempdir().unwrap();
    let built = dir.path().join("built");
    // every third question of the held-out set: each kind of question, a third of the time
    let asked: Vec<String> = questions("tests/fixtures/qingdao-questions.jsonl")
        .into_iter()
        .step_by(3)
        .collect();
    let before: Vec<_> = {
        let engine = open(&data, &built);
        asked.iter().map(|q| seen(&engine.ask(q))).collect()
    };
    let files = one_file_of_each_kind(&built);
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    for expected in [
        "manifest.bin",
        "tantivy/meta.json",
        ".store",
        ".idx",
        ".bin",
    ] {
        assert!(names.iter().any(|n| n.ends_with(expected)), "{names:?}");
    }
    let cases: Vec<(usize, std::path::PathBuf, Damage)> = files
        .iter()
        .flat_map(|f| [Damage::Truncate, Damage::Zero, Damage::Delete].map(|d| (f.clone(), d)))
        .enumerate()
        .map(|(k, (f, d))| (k, f, d))
        .collect();
    // two at a time: each case opens (and mostly rebuilds) an engine
    std::thread::scope(|s| {
        for half in cases.chunks(cases.len().div_ceil(2)) {
            let (built, data, asked, before) = (&built, &data, &asked, &before);
            let root = dir.path();
            s.spawn(move || {
                for (k, file, how) in half {
                    let index = root.join(format!("case-{k}"));
                    copy_dir(built, &index);
                    damage(&index.join(file), *how);
                    let engine = open(data, &index);
                    for (q, want) in asked.iter().zip(before) {
                        assert_eq!(
                            &seen(&engine.ask(q)),
                            want,
                            "{q} after {how:?} of {}",
                            file.display()
                        );
                    }
                }
            });
        }
    });
}

#[test]
fn a_damaged_segment_is_moved_aside_and_the_index_rebuilt() {
    let data = repo().join("data");
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx");
    drop(open(&data, &index));
    let store = one_file_of_each_kind(&index)
        .into_iter()
        .find(|f| f.extension().is_some_and(|e| e == "store"))
        .unwrap();
    damage(&index.join(&store), Damage::Truncate);
    let engine = open(&data, &index);
    // the damaged copy is kept beside the index, once
    assert!(dir.path().join("idx.damaged").join(&store).is_file());
    assert!(!index.join(&store).exists(), "a new segment was written");
    let r = engine.ask("2023年青岛进出口总额是多少");
    assert_eq!(seen(&r).1, "8760亿元");
}
