//! End-to-end tests of the answer engine: the shipped article, an article written for these
//! tests, and the index's life cycle. No network and nothing outside the repository: everything comes from
//! `data/` and `tests/fixtures/`.

use std::path::Path;
use std::sync::OnceLock;

use factbot_engine::{
    Engine, Error, FigureInfo, Kind, Options, ParagraphRef, ParagraphText, Response, Status,
};

mod common;

use common::manifest;

/// The engine on the shipped data folder, built once for this test binary.
fn shipped() -> &'static Engine {
    static ENGINE: OnceLock<std::sync::Arc<Engine>> = OnceLock::new();
    ENGINE.get_or_init(common::shipped)
}

/// The engine on a copy of the Yantai test article.
fn yantai() -> &'static Engine {
    static ENGINE: OnceLock<(tempfile::TempDir, Engine)> = OnceLock::new();
    &ENGINE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let data = dir.path().join("data");
            copy_dir(&manifest("tests/fixtures/yantai"), &data);
            let opts = Options::new(Some(data), dir.path().join("index"));
            let engine = Engine::open(&opts).expect("the test article opens");
            (dir, engine)
        })
        .1
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

/// Every figure of the engine's articles, with its sentence.
fn figures(e: &Engine) -> Vec<(FigureInfo, String)> {
    e.facts()
        .into_iter()
        .map(|f| (f.figure, f.sentence))
        .collect()
}

/// The paragraphs of the engine's first article.
fn paragraphs(e: &Engine) -> Vec<ParagraphText> {
    let first = &e.sources()[0];
    (1..=first.paragraphs as u32)
        .map(|n| {
            e.paragraph(ParagraphRef {
                article: first.article.key,
                paragraph: n,
            })
            .expect("every paragraph can be shown")
        })
        .collect()
}

fn first_figure(r: &Response) -> String {
    r.answers
        .first()
        .and_then(|a| a.figures.first())
        .map(|f| f.text.clone())
        .unwrap_or_default()
}

/// Ask and check: answered, the asked figure first, the excerpt holding `excerpt_has`.
fn expect(engine: &Engine, question: &str, figure: &str, excerpt_has: &str) {
    let r = engine.ask(question);
    assert_eq!(r.status, Status::Answered, "{question}: {:?}", r.reason);
    let a = &r.answers[0];
    assert_eq!(
        first_figure(&r),
        figure,
        "{question}: excerpt {}",
        a.excerpt
    );
    assert!(a.excerpt.contains(excerpt_has), "{question}: {}", a.excerpt);
    assert!(
        a.excerpt.chars().count() <= 300,
        "{question}: excerpt too long"
    );
    assert!(
        a.excerpt.contains(figure),
        "{question}: the figure must be quoted from the excerpt"
    );
}

fn expect_not_found(engine: &Engine, question: &str, reason_has: &str) {
    let r = engine.ask(question);
    assert_eq!(
        r.status,
        Status::NotFound,
        "{question} was answered: {:?}",
        r.answers.first().map(|a| &a.excerpt)
    );
    assert!(r.answers.is_empty());
    let reason = r.reason.unwrap_or_default();
    assert!(reason.contains(reason_has), "{question}: reason {reason:?}");
}

#[test]
fn every_figure_of_the_shipped_article() {
    let expected = std::fs::read_to_string(manifest("tests/fixtures/qingdao-figures.tsv")).unwrap();
    let expected: Vec<Vec<&str>> = expected
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split('\t').collect())
        .collect();
    let figures = figures(shipped());
    assert_eq!(figures.len(), expected.len(), "number of figures");
    for ((f, sentence), e) in figures.iter().zip(&expected) {
        let what = format!("{} (paragraph {})", f.text, f.paragraph);
        assert_eq!(f.paragraph.to_string(), e[0], "{what}");
        assert_eq!(f.text, e[1], "{what}");
        match (f.number.value, e[2]) {
            (None, "-") => {}
            (Some(v), s) => {
                let want: f64 = s
                    .parse()
                    .unwrap_or_else(|_| panic!("{what}: expected no value"));
                assert!(
                    (v - want).abs() <= want.abs() * 1e-12,
                    "{what}: {v} != {want}"
                );
            }
            (None, s) => panic!("{what}: no value, expected {s}"),
        }
        assert_eq!(f.number.unit.as_deref().unwrap_or("-"), e[3], "{what}");
        assert_eq!(f.number.kind.as_str(), e[4], "{what}");
        assert_eq!(
            f.number
                .qualifier
                .as_ref()
                .map(|q| q.text.as_str())
                .unwrap_or("-"),
            e[5],
            "{what}"
        );
        assert!(
            sentence.contains(&f.text),
            "{what}: quoted from its sentence"
        );
    }
}

#[test]
fn figures_carry_scope_measure_and_list_item() {
    let all = figures(shipped());
    let find = |text: &str| {
        &all.iter()
            .find(|(f, _)| f.text == text)
            .unwrap_or_else(|| panic!("{text}"))
            .0
    };
    assert_eq!(
        find("1.9%").scope.as_ref().unwrap().describe(),
        "2024-01..2024-05 (今年1-5月)"
    );
    assert_eq!(
        find("8760亿元").scope.as_ref().unwrap().describe(),
        "2023 (2023年)"
    );
    assert_eq!(
        find("2.5万家").scope.as_ref().unwrap().describe(),
        "now (2024) (目前)"
    );
    // carried from the sentence before: 其中，船舶、家电、汽车出口分别增长…
    assert_eq!(
        find("25.6%").scope.as_ref().unwrap().describe(),
        "2024-01..2024-05 (今年1-5月)"
    );
    // a comparison base is not a scope
    assert_eq!(
        find("18个百分点").scope.as_ref().unwrap().describe(),
        "2024-01..2024-05 (今年1-5月)"
    );
    assert_eq!(find("17.4%").item.as_deref(), Some("欧盟"));
    assert_eq!(find("11.7%").item.as_deref(), Some("东盟"));
    assert_eq!(find("18.7%").item.as_deref(), Some("美国"));
    assert_eq!(find("25.6%").item.as_deref(), Some("家电"));
    assert!(find("8760亿元")
        .measure
        .as_deref()
        .unwrap()
        .contains("进出口"));
    assert!(find("4.6%").measure.as_deref().unwrap().contains("进出口"));
    assert_eq!(find("4.4个").number.kind, Kind::PercentagePoints);
}

#[test]
fn page_broken_paragraphs_are_joined() {
    let e = shipped();
    let all = paragraphs(e);
    let body = |needle: &str| {
        all.iter()
            .filter(|p| p.kind == "body" && p.text.contains(needle))
            .count()
    };
    assert_eq!(body("高标准举办国际经贸交流活动。"), 1);
    assert_eq!(
        body("精心筹备第五届跨国公司领导人青岛峰会，目前已430名"),
        1,
        "joined across the page break"
    );
    assert_eq!(
        body("2项入选全国自贸试验区“最佳实践案例”，79项获国家、省部门推广。2023年"),
        1,
        "joined across the page break"
    );
    assert!(!all.iter().any(|p| p.text.starts_with("导人青岛峰会")));
    // both halves answer as one sentence
    expect(
        e,
        "境外企业副总裁级嘉宾有多少位",
        "34人",
        "精心筹备第五届跨国公司领导人青岛峰会",
    );
}

#[test]
fn answers_the_asked_figure_first() {
    let e = shipped();
    expect(
        e,
        "2023年青岛市完成进出口多少亿元",
        "8760亿元",
        "2023年，青岛市完成进出口8760亿元",
    );
    expect(e, "青岛今年1-5月进出口增长多少", "1.9%", "3561.8亿元");
    expect(
        e,
        "2023年青岛外贸增速高于全省多少个百分点",
        "2.9个百分点",
        "全省2.9个百分点",
    );
    expect(
        e,
        "青岛对东盟出口增长了多少",
        "11.7%",
        "对欧盟、东盟、美国出口分别增长",
    );
    expect(e, "汽车出口增长多少", "17%", "船舶、家电、汽车出口分别增长");
    expect(e, "制造业项目占比多少", "超过50%", "制造业项目占比超过50%");
    expect(
        e,
        "上合经贸综合服务平台有多少家企业入驻",
        "过万家",
        "入驻企业过万家",
    );
    expect(
        e,
        "青岛组织企业参加了第几届广交会",
        "第135届",
        "第135届广交会",
    );
    expect(e, "第五航权货运航线哪天开航", "5月15日", "第五航权货运航线");
    expect(
        e,
        "青岛出口退税办理量占全省的比例",
        "1/3",
        "办理出口退税达到全省的1/3",
    );
    expect(
        e,
        "How many Fortune 500 companies have invested in Qingdao?",
        "179家",
        "世界500强",
    );
    expect(
        e,
        "青島的貿易夥伴有多少個國家和地區",
        "230多个",
        "贸易伙伴扩大到230多个国家和地区",
    );
    expect(
        e,
        "ＷＨＡＴ share of Shandong's exports does Qingdao account for？",
        "1/4",
        "全市出口规模占全省的1/4",
    );
}

#[test]
fn a_fact_in_the_sidebar_and_the_body_is_answered_once_from_the_body() {
    let e = shipped();
    let r = e.ask("新三样出口占全省出口的比重");
    assert_eq!(first_figure(&r), "42%");
    let a = &r.answers[0];
    let para = e.paragraph(a.source).unwrap();
    assert_eq!(
        para.kind, "body",
        "answered from paragraph {} ({})",
        a.paragraph, para.text
    );
    // it leans on the sentence before (其中…), which is included
    assert!(
        a.excerpt.starts_with("今年1-5月，全市机电产品出口"),
        "{}",
        a.excerpt
    );
    let mut excerpts: Vec<&str> = r.answers.iter().map(|a| a.excerpt.as_str()).collect();
    excerpts.dedup();
    assert_eq!(excerpts.len(), r.answers.len(), "an answer is repeated");
    assert!(!r
        .answers
        .iter()
        .any(|a| e.paragraph(a.source).unwrap().kind == "bullet"));
}

#[test]
fn which_questions_get_the_sentence() {
    let r = shipped().ask("赛轮集团增资了哪个国家的生产基地");
    assert_eq!(r.status, Status::Answered);
    assert!(
        r.answers[0].excerpt.contains("柬埔寨"),
        "{}",
        r.answers[0].excerpt
    );
}

#[test]
fn abstains_instead_of_guessing() {
    let e = shipped();
    // another place, another year, a measure the article does not give
    expect_not_found(e, "北京的进出口总额是多少", "北京");
    expect_not_found(e, "2021年青岛进出口增长多少", "period");
    expect_not_found(e, "青岛有多少所大学", "大学");
    expect_not_found(
        e,
        "What is the population of Qingdao?",
        "does not mention population",
    );
    expect_not_found(
        e,
        "青岛港集装箱吞吐量是多少",
        "does not mention 集装箱吞吐量",
    );
    // the article names 日本 (a firm from there) but gives no figure for it
    expect_not_found(e, "青岛对日本出口增长多少", "no figure for 日本");
    expect_not_found(e, "", "empty");
    expect_not_found(e, "？？？", "names nothing to look for");
    expect_not_found(e, &"进出口".repeat(400), "longer than");
}

#[test]
fn user_text_is_never_query_syntax() {
    let e = shipped();
    // query-syntax characters are plain text: the question answers as its words alone do
    for q in [
        "进出口 AND( 增长",
        "\"进出口\":[8760 TO *]",
        "title:青岛 OR 1=1",
        "进出口^100",
        "&\"'< 增长多少",
    ] {
        let plain: String = q
            .chars()
            .map(|c| {
                if "\"():[]*^\\<>&'/=".contains(c) {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        let (r, p) = (e.ask(q), e.ask(&plain));
        assert_eq!(r.question, q);
        assert_eq!(
            (r.status, first_figure(&r)),
            (p.status, first_figure(&p)),
            "{q} vs {plain}"
        );
        assert_eq!(r.reason, p.reason, "{q}");
    }
    // markup pasted from a page is no word of the question
    let (tagged, plain) = (
        e.ask("<b>进出口</b>增长多少？😀"),
        e.ask("进出口增长多少？"),
    );
    assert_eq!(first_figure(&tagged), first_figure(&plain));
    assert_eq!(first_figure(&plain), "1.9%");
    expect_not_found(e, "*", "names nothing to look for");
    expect_not_found(e, "\\", "names nothing to look for");
    expect_not_found(e, "title:青岛 OR 1=1", "does not mention title");
    // quotes around a term still find it
    expect(e, "“进出口”2023年完成多少亿元", "8760亿元", "8760亿元");
}

#[test]
fn another_article_answers_through_the_same_mechanisms() {
    let e = yantai();
    assert_eq!(e.sources().len(), 1);
    expect(
        e,
        "上半年烟台港货物吞吐量是多少",
        "2.1亿吨",
        "今年上半年，烟台港完成货物吞吐量2.1亿吨",
    );
    expect(
        e,
        "烟台港增速高于全省多少个百分点",
        "1.5个百分点",
        "全省1.5个百分点",
    );
    expect(e, "对韩国航线有多少条", "31条", "分别达到24条、31条、9条");
    expect(e, "锂电池出口增长多少", "41.7%", "光伏产品出口分别增长");
    expect(e, "去年烟台港货物吞吐量", "4.3亿吨", "第九位");
    expect(e, "烟台港在全国沿海港口排第几", "第九位", "第九位");
    expect(e, "有进出口实绩的企业有多少家", "6800余家", "6800余家");
    expect(e, "上半年全市進出口總額是多少", "1856.2亿元", "1856.2亿元");
    expect(
        e,
        "民营企业进出口占比提高了多少",
        "2.1个百分点",
        "较去年同期提高",
    );
    expect(e, "新开通了几条外贸航线", "八条", "八条");
    // the page break in the last paragraph is repaired
    expect(e, "签约项目总额", "突破200亿元", "签约项目总额突破200亿元");
    expect_not_found(e, "烟台港今年的利润是多少", "利润");
    expect_not_found(e, "2020年烟台港货物吞吐量", "period");
    expect_not_found(e, "青岛港吞吐量是多少", "does not mention 青岛港");
    expect_not_found(e, "对美国航线有多少条", "does not mention 美国");
    // the headline and sidebar repeat body facts: answers come from the body
    let r = e.ask("今年上半年烟台港货物吞吐量同比增长多少");
    assert_eq!(first_figure(&r), "6.8%");
    assert_eq!(e.paragraph(r.answers[0].source).unwrap().kind, "body");
    // half-years resolve against the publication year
    let all = figures(e);
    let f = &all.iter().find(|(f, _)| f.text == "120亿元").unwrap().0;
    assert_eq!(
        f.scope.as_ref().unwrap().describe(),
        "2024-07..2024-12 (下半年)"
    );
}

#[test]
fn the_index_is_rebuilt_when_the_data_changes() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    copy_dir(&manifest("tests/fixtures/yantai"), &data);
    let opts = Options::new(Some(data.clone()), dir.path().join("index"));
    let first = Engine::open(&opts).unwrap();
    assert!(first.stats().index_rebuilt);
    assert!(first.stats().index_docs > first.stats().sentences as u64);
    drop(first);
    let again = Engine::open(&opts).unwrap();
    assert!(
        !again.stats().index_rebuilt,
        "an unchanged corpus reuses its index"
    );
    drop(again);
    let path = data.join("yantai-port.txt");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("\n今年上半年，烟台机场旅客吞吐量达到320万人次，增长15.2%。\n");
    std::fs::write(&path, text).unwrap();
    let changed = Engine::open(&opts).unwrap();
    assert!(
        changed.stats().index_rebuilt,
        "a changed article rebuilds the index"
    );
    expect(
        &changed,
        "烟台机场旅客吞吐量是多少",
        "320万人次",
        "烟台机场旅客吞吐量达到320万人次",
    );
}

#[test]
fn a_folder_that_is_not_an_index_is_never_wiped() {
    let dir = tempfile::tempdir().unwrap();
    let precious = dir.path().join("notes.txt");
    std::fs::write(&precious, "keep me").unwrap();
    let opts = Options::new(
        Some(manifest("tests/fixtures/yantai")),
        dir.path().to_path_buf(),
    );
    let err = Engine::open(&opts).expect_err("refused");
    assert!(matches!(err, Error::Index(_)), "{err}");
    assert!(err.to_string().contains("--index"), "{err}");
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "keep me");
}

#[test]
fn a_missing_or_empty_data_folder_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let opts = Options::new(Some(dir.path().join("nope")), dir.path().join("index"));
    let err = Engine::open(&opts).expect_err("missing folder");
    assert!(matches!(err, Error::NoData { .. }));
    assert!(err.to_string().contains("FACTBOT_DATA"), "{err}");
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let err = Engine::open(&Options::new(Some(empty), dir.path().join("index")))
        .expect_err("empty folder");
    assert!(err.to_string().contains("no .txt or .md article"), "{err}");
    let bad = dir.path().join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    std::fs::write(bad.join("gbk.txt"), [0xc7u8, 0xe0, 0xb5, 0xba, 0xff]).unwrap();
    let err =
        Engine::open(&Options::new(Some(bad), dir.path().join("index"))).expect_err("not utf-8");
    assert!(err.to_string().contains("UTF-8"), "{err}");
}

#[test]
fn the_built_in_article_needs_no_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let e = Engine::open(&Options::new(None, dir.path().join("index"))).unwrap();
    assert_eq!(e.sources()[0].reference_year, Some(2024));
    expect(&e, "2023年青岛市完成进出口多少亿元", "8760亿元", "8760亿元");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(96))]
    /// Whatever is asked: no panic, at most three answers, excerpts within 300 chars, and
    /// every figure quoted from its excerpt.
    #[test]
    fn any_question_keeps_the_contract(q in "[青岛进出口增长多少亿元年月第几%％0-9０-９.。，？?a-zA-Z <>&\"'一二三万的是了吗占比重全省市欧盟东盟美国出口]{0,40}") {
        let e = shipped();
        let r = e.ask(&q);
        proptest::prop_assert!(r.answers.len() <= 3);
        proptest::prop_assert_eq!(r.status == Status::Answered, !r.answers.is_empty());
        for a in &r.answers {
            proptest::prop_assert!(a.excerpt.chars().count() <= 300);
            for f in &a.figures {
                proptest::prop_assert!(a.excerpt.contains(&f.text), "{} not in {}", f.text, a.excerpt);
            }
        }
        let c = e.check(&q);
        for f in &c.figures {
            // a verdict on a figure quotes the article figure from its excerpt; without one
            // there is neither
            match (&f.excerpt, &f.article) {
                (Some(ex), Some(article)) => proptest::prop_assert!(ex.contains(article.as_str())),
                (None, None) => proptest::prop_assert_eq!(f.status, factbot_engine::Verdict::Unverifiable),
                other => proptest::prop_assert!(false, "excerpt and article go together: {:?}", other),
            }
        }
    }
}

#[test]
fn a_third_article_with_quarters_falls_and_value_added() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    copy_dir(&manifest("tests/fixtures/shenzhen"), &data);
    let e = Engine::open(&Options::new(Some(data), dir.path().join("index"))).unwrap();
    expect(
        &e,
        "深圳一季度GDP是多少",
        "8106.19亿元",
        "地区生产总值8106.19亿元",
    );
    expect(
        &e,
        "What was Shenzhen's GDP in the first quarter?",
        "8106.19亿元",
        "地区生产总值",
    );
    // 增加值 (value added) is a thing, not a rise
    expect(
        &e,
        "第三产业增加值是多少",
        "4972.84亿元",
        "第三产业增加值4972.84亿元",
    );
    expect(&e, "第一产业增加值下降了多少", "3.1%", "下降3.1%");
    expect(&e, "3月份接待游客多少人次", "1256万人次", "1256万人次");
    expect(&e, "实际使用外资多少美元", "约15亿美元", "约15亿美元");
    expect_not_found(&e, "广州一季度GDP是多少", "广州");
    expect_not_found(&e, "2023年深圳GDP增长多少", "period");
    let all = figures(&e);
    let f = &all.iter().find(|(f, _)| f.text == "8106.19亿元").unwrap().0;
    assert_eq!(
        f.scope.as_ref().unwrap().describe(),
        "2024-01..2024-03 (今年一季度)"
    );
    // a fall is not a rise
    assert_eq!(
        e.check("第一产业增加值增长3.1%").verdict,
        factbot_engine::Verdict::Contradicted
    );
    assert_eq!(
        e.check("第一产业增加值下降3.1%").verdict,
        factbot_engine::Verdict::Supported
    );
    assert_eq!(
        e.check("深圳一季度GDP约8100亿元，同比增长5.9%").verdict,
        factbot_engine::Verdict::Supported
    );
}
