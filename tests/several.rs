//! Questions over several figures, end to end: each form (highest, lowest, above, below, a
//! gap in points, a ratio, a total, a series) with the exact computed line and the quoted
//! figures it comes from, the refusals to compare other kinds, units or periods, and the
//! fixture sets of three beats (trade, industry, tourism) scored as the evaluation scores
//! them.

use std::path::Path;
use std::sync::OnceLock;

use factbot_engine::{Engine, Op, Options, Response, Status};

mod common;

use common::manifest;

fn shipped() -> &'static Engine {
    static ENGINE: OnceLock<std::sync::Arc<Engine>> = OnceLock::new();
    ENGINE.get_or_init(common::shipped)
}

/// The engine on a copy of a fixture folder (`industry`, `tourism`).
fn fixture(name: &str) -> &'static Engine {
    static ENGINES: OnceLock<std::sync::Mutex<Vec<(String, &'static Engine)>>> = OnceLock::new();
    let engines = ENGINES.get_or_init(Default::default);
    let mut list = engines.lock().unwrap();
    if let Some((_, e)) = list.iter().find(|(n, _)| n == name) {
        return e;
    }
    let dir = Box::leak(Box::new(tempfile::tempdir().unwrap()));
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    for entry in std::fs::read_dir(manifest(&format!("tests/fixtures/{name}"))).unwrap() {
        let path = entry.unwrap().path();
        if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("txt" | "toml")
        ) {
            std::fs::copy(&path, data.join(path.file_name().unwrap())).unwrap();
        }
    }
    let opts = Options::new(Some(data), dir.path().join("index"));
    let engine: &'static Engine =
        Box::leak(Box::new(Engine::open(&opts).expect("the fixture opens")));
    list.push((name.to_string(), engine));
    engine
}

/// The lead figure of each answer, with its item: `美国 18.7%`.
fn rows(r: &Response) -> Vec<String> {
    r.answers
        .iter()
        .map(|a| {
            let f = &a.figures[0].text;
            match &a.item {
                Some(i) => format!("{i} {f}"),
                None => f.clone(),
            }
        })
        .collect()
}

fn computed(r: &Response) -> (&str, Op, Vec<&str>) {
    let c = r
        .computed
        .as_ref()
        .unwrap_or_else(|| panic!("no computed line: {r:?}"));
    (
        c.text.as_str(),
        c.op,
        c.from.iter().map(String::as_str).collect(),
    )
}

#[test]
fn the_highest_and_the_lowest_of_a_named_list() {
    let r = shipped().ask("对欧盟、东盟、美国出口哪个增长最快");
    assert_eq!(rows(&r), ["美国 18.7%", "欧盟 17.4%", "东盟 11.7%"]);
    assert_eq!(
        computed(&r),
        ("美国 18.7%", Op::Max, vec!["18.7%", "17.4%", "11.7%"])
    );
    let r = shipped().ask("船舶、家电、汽车出口哪个增速最低");
    assert_eq!(rows(&r), ["汽车 17%", "家电 25.6%", "船舶 43.4%"]);
    assert_eq!(computed(&r).1, Op::Min);
    // every member keeps its own quoted sentence
    assert!(r
        .answers
        .iter()
        .all(|a| a.excerpt.contains(&a.figures[0].text)));
    // on another beat, a list the question only points at (五大领域)
    let r = fixture("industry").ask("五大领域哪个产值最多");
    assert_eq!(rows(&r)[0], "动力电池 3126.8亿元");
    assert_eq!(r.answers.len(), 5);
}

#[test]
fn those_above_or_below_a_threshold() {
    let r = shipped().ask("哪些产品出口增长超过20%");
    assert_eq!(computed(&r).1, Op::Filter);
    let figures: Vec<&str> = r
        .answers
        .iter()
        .map(|a| a.figures[0].text.as_str())
        .collect();
    assert_eq!(figures, ["49.3%", "43.4%", "25.6%"]);
    let r = fixture("industry").ask("哪些领域产值增速低于20%");
    assert_eq!(rows(&r), ["光伏 9.4%", "动力电池 18.6%"]);
    // nothing passes: not found, and the threshold is named
    let r = shipped().ask("对欧盟、东盟、美国出口增长超过50%的有哪些");
    assert_eq!(r.status, Status::NotFound);
    assert_eq!(
        r.reason.as_deref(),
        Some("no figure of the list is above 50%")
    );
}

#[test]
fn a_gap_between_rates_is_in_percentage_points() {
    let r = shipped().ask("对美国出口增速比对东盟高多少");
    assert_eq!(
        computed(&r),
        ("7个百分点", Op::Difference, vec!["18.7%", "11.7%"])
    );
    let c = r.computed.as_ref().unwrap();
    assert_eq!((c.value, c.unit.as_deref()), (Some(7.0), Some("百分点")));
    assert_eq!(rows(&r), ["美国 18.7%", "东盟 11.7%"]);
    // 相差: the gap without a direction
    let r = shipped().ask("12家经济开发区贡献的进出口额占比和实际利用外资占比相差多少");
    assert_eq!(computed(&r).0, "6个百分点");
}

#[test]
fn a_ratio_and_a_total_of_amounts() {
    let r = fixture("industry").ask("储能产值是风电装备产值的几倍");
    assert_eq!(
        computed(&r),
        ("3倍", Op::Ratio, vec!["948.3亿元", "316.1亿元"])
    );
    let r = fixture("industry").ask("动力电池和光伏产值一共多少");
    assert_eq!(
        computed(&r),
        ("4989.3亿元", Op::Sum, vec!["3126.8亿元", "1862.5亿元"])
    );
    let r = shipped().ask("跨国公司峰会境外企业全球总裁级和副总裁级嘉宾一共多少人");
    assert_eq!(computed(&r).0, "55人");
}

#[test]
fn a_series_over_periods_oldest_first() {
    let r = shipped().ask("青岛进出口增速这两年有什么变化");
    assert_eq!(computed(&r).1, Op::Series);
    let figures: Vec<&str> = r
        .answers
        .iter()
        .map(|a| a.figures[0].text.as_str())
        .collect();
    assert_eq!(figures, ["4.6%", "1.9%"]);
    let r = fixture("industry").ask("今年新能源汽车产量增速一季度、上半年和1至11月分别是多少");
    let figures: Vec<&str> = r
        .answers
        .iter()
        .map(|a| a.figures[0].text.as_str())
        .collect();
    assert_eq!(figures, ["41.3%", "32.4%", "28.7%"]);
}

#[test]
fn other_kinds_units_or_periods_are_shown_but_not_compared() {
    let r = shipped().ask("船舶出口增速和机电产品出口额哪个大");
    assert!(r.computed.is_none(), "{r:?}");
    assert_eq!(
        r.note.as_deref(),
        Some("43.4% and 1034.6亿元 are not the same kind of figure (percent and amount)")
    );
    assert_eq!(rows(&r).len(), 2);
    let r = fixture("industry").ask("1—4月锂电池出口额和1—11月新能源产品出口额加起来是多少");
    assert!(r.computed.is_none(), "{r:?}");
    let r = shipped().ask("“新三样”出口增速和服务进出口额加起来是多少");
    assert!(r.computed.is_none(), "{r:?}");
    // a gap the article states is quoted, not computed
    let r = shipped().ask("青岛去年外贸增速比全国高多少");
    assert!(r.computed.is_none(), "{r:?}");
    assert_eq!(r.answers[0].figures[0].text, "4.4个");
}

#[test]
fn questions_about_one_figure_are_unchanged() {
    let r = shipped().ask("对美国出口增长多少");
    assert!(r.computed.is_none() && r.note.is_none());
    assert_eq!(r.answers[0].figures[0].text, "18.7%");
    let json = serde_json::to_value(&r).unwrap();
    assert!(json.get("computed").is_none() && json.get("note").is_none());
    assert!(json["answers"][0].get("item").is_none());
}

/// One line of a fixture set, as `score.py multi` reads it.
#[derive(serde::Deserialize)]
struct Case {
    id: String,
    q: String,
    #[serde(default)]
    first: Option<String>,
    #[serde(default)]
    all: Vec<String>,
    #[serde(default)]
    computed: Option<String>,
    #[serde(default)]
    refuse: bool,
}

/// Why a response fails a case, by the evaluation's rules; `None` when it passes.
fn failure(case: &Case, r: &Response) -> Option<String> {
    if case.refuse {
        return r
            .computed
            .as_ref()
            .map(|c| format!("computed {} where nothing compares", c.text));
    }
    if r.status != Status::Answered {
        return Some(format!("{:?}: {:?}", r.status, r.reason));
    }
    let texts: Vec<&str> = r
        .answers
        .iter()
        .flat_map(|a| a.figures.iter().map(|f| f.text.as_str()))
        .collect();
    let loose = |want: &str, t: &str| t.contains(want) || want.contains(t);
    if let Some(first) = &case.first {
        if !loose(first, &r.answers[0].figures[0].text) {
            return Some(format!(
                "first {}, want {first}",
                r.answers[0].figures[0].text
            ));
        }
    }
    if let Some(missing) = case.all.iter().find(|w| !texts.iter().any(|t| loose(w, t))) {
        return Some(format!("missing {missing}"));
    }
    match (&case.computed, &r.computed) {
        (Some(want), Some(c)) if loose(want, &c.text) => None,
        (Some(want), got) => Some(format!(
            "computed {:?}, want {want}",
            got.as_ref().map(|c| &c.text)
        )),
        (None, _) => None,
    }
}

fn run_set(engine: &Engine, file: &Path) {
    let text = std::fs::read_to_string(file).unwrap();
    let mut fails = Vec::new();
    let mut n = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let case: Case = serde_json::from_str(line).unwrap();
        n += 1;
        if let Some(why) = failure(&case, &engine.ask(&case.q)) {
            fails.push(format!("{} {}: {why}", case.id, case.q));
        }
    }
    assert!(n >= 10, "{}: {n} cases", file.display());
    assert!(
        fails.is_empty(),
        "{}:\n{}",
        file.display(),
        fails.join("\n")
    );
}

#[test]
fn the_fixture_sets_of_three_beats_pass() {
    run_set(shipped(), &manifest("tests/fixtures/qingdao-multi.jsonl"));
    run_set(
        fixture("industry"),
        &manifest("tests/fixtures/industry/multi.jsonl"),
    );
    run_set(
        fixture("tourism"),
        &manifest("tests/fixtures/tourism/multi.jsonl"),
    );
}
