//! English questions on an article of another beat (energy), written for these tests: the
//! words come from CC-CEDICT and the hand glossary, each as the article writes it, and an
//! English word the article never mentions makes the answer `not_found`, naming that word.
//! Everything lives in a temporary data folder.

use std::path::Path;
use std::sync::OnceLock;

use factbot_engine::{Engine, Options, Response, Status};

/// A report on a city's energy supply, figures invented for the test. 今年 is 2024.
const ARTICLE: &str = "合肥能源保供稳中有进 天然气消费量增长一成

□本报记者 陈明

今年以来，合肥市能源供应总体平稳，清洁能源占比持续提升。

1—10月，全市天然气消费量达到21.6亿立方米，同比增长10.4%。全市电网最高负荷创历史新高。

截至10月底，全市光伏发电装机容量比上年末增长28.5%，风电装机容量增长12.2%。

1—10月，全市新建公共充电桩1.92万个，累计建成电动车充电站412座。

上半年，全市煤炭消费量下降6.3%，单位地区生产总值能耗下降4.1%。
";

const SIDECAR: &str =
    "title = \"合肥能源保供稳中有进\"\npublished = \"2024-11-20\"\nreference_year = 2024\n";

fn write(data: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let path = data.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

fn open(dir: &Path, files: &[(&str, &str)]) -> Engine {
    let data = dir.join("data");
    write(
        &data,
        &[
            ("hefei-energy.txt", ARTICLE),
            ("hefei-energy.toml", SIDECAR),
        ],
    );
    write(&data, files);
    Engine::open(&Options::new(Some(data), dir.join("index"))).expect("the test article opens")
}

/// The engine on the energy article, with the built-in glossary and dictionary.
fn energy() -> &'static Engine {
    static ENGINE: OnceLock<(tempfile::TempDir, Engine)> = OnceLock::new();
    &ENGINE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let engine = open(dir.path(), &[]);
            (dir, engine)
        })
        .1
}

fn first_figure(r: &Response) -> &str {
    r.answers
        .first()
        .and_then(|a| a.figures.first())
        .map_or("", |f| f.text.as_str())
}

/// Answered, with `figure` first and its sentence holding `excerpt_has`.
fn expect(question: &str, figure: &str, excerpt_has: &str) {
    let r = energy().ask(question);
    assert_eq!(r.status, Status::Answered, "{question}: {r:?}");
    assert_eq!(first_figure(&r), figure, "{question}: {r:?}");
    assert!(
        r.answers[0].excerpt.contains(excerpt_has),
        "{question}: {}",
        r.answers[0].excerpt
    );
}

#[test]
fn english_questions_get_the_exact_figure() {
    // natural gas: a dictionary phrase; the first ten months: a number word in a period
    expect(
        "How much natural gas did Hefei consume in the first ten months?",
        "21.6亿立方米",
        "天然气消费量",
    );
    // a hand-glossary measure (installed capacity), photovoltaic from the dictionary, and
    // power as the article writes it next to it (光伏发电)
    expect(
        "How much did the installed capacity of photovoltaic power in Hefei grow?",
        "28.5%",
        "光伏发电装机容量",
    );
    // a range of months
    expect(
        "How many public charging piles were built from January to October?",
        "1.92万个",
        "充电桩",
    );
    // fall, coal (the dictionary's first sense the article holds), the first half
    expect(
        "How much did coal consumption fall in the first half?",
        "6.3%",
        "煤炭消费量",
    );
}

#[test]
fn an_english_word_the_article_never_mentions_is_named() {
    let r = energy().ask("How much Nuclear power did Hefei generate?");
    assert_eq!(r.status, Status::NotFound, "{r:?}");
    assert_eq!(
        r.reason.as_deref(),
        Some("the article does not mention Nuclear power")
    );
    // a place no article is about
    let r = energy().ask("How much natural gas did Shanghai consume?");
    assert_eq!(r.status, Status::NotFound, "{r:?}");
    assert_eq!(
        r.reason.as_deref(),
        Some("the article does not mention Shanghai")
    );
}

#[test]
fn a_dictionary_in_the_data_folder_replaces_the_built_in_one() {
    let dir = tempfile::tempdir().unwrap();
    // a copy with one line the built-in dictionary lacks (and nothing else)
    let engine = open(
        dir.path(),
        &[(
            "cedict/cedict-en.tsv",
            "wind turbine capacity\t风电装机容量\n",
        )],
    );
    let r = engine.ask("How much did the wind turbine capacity grow?");
    assert_eq!(first_figure(&r), "12.2%", "{r:?}");
    // its words are the only ones: the built-in dictionary's are gone
    let r = engine.ask("How much natural gas was consumed?");
    assert_eq!(r.status, Status::NotFound, "{r:?}");
}

#[test]
fn an_english_topic_picks_the_key_facts() {
    // /facts coal: the dictionary's 煤炭, the word the article uses
    let facts = energy().key_facts("coal");
    let texts: Vec<&str> = facts.iter().map(|f| f.figure.text.as_str()).collect();
    assert_eq!(texts, ["6.3%", "4.1%"]);
    assert!(
        facts.iter().all(|f| f.sentence.contains("煤炭")),
        "{facts:?}"
    );
}
