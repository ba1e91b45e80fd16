//! The fact-check end to end: claims about the shipped article, figure by figure.

use factbot_engine::Engine;
use factbot_engine::{CheckResult, Verdict};

mod common;

fn engine() -> std::sync::Arc<Engine> {
    common::shipped()
}

fn check(claim: &str) -> CheckResult {
    engine().check(claim)
}

/// The verdict, and for each figure (claimed, status, article figure).
fn summary(r: &CheckResult) -> (Verdict, Vec<(String, Verdict, Option<String>)>) {
    (
        r.verdict,
        r.figures
            .iter()
            .map(|f| (f.claimed.clone(), f.status, f.article.clone()))
            .collect(),
    )
}

#[test]
fn a_supported_claim_cites_the_article() {
    let r = check("2023年，青岛市完成进出口8760亿元，增长4.6%");
    assert_eq!(
        summary(&r),
        (
            Verdict::Supported,
            vec![
                (
                    "8760亿元".into(),
                    Verdict::Supported,
                    Some("8760亿元".into())
                ),
                ("4.6%".into(), Verdict::Supported, Some("4.6%".into())),
            ]
        )
    );
    assert!(r.figures[0]
        .excerpt
        .as_deref()
        .unwrap()
        .starts_with("2023年，青岛市完成进出口8760亿元"));
}

#[test]
fn a_wrong_item_of_a_respectively_list_is_contradicted_with_the_right_figure() {
    // 对欧盟、东盟、美国出口分别增长17.4%、11.7%、18.7%
    let r = check("青岛对美国出口增长11.7%");
    assert_eq!(
        summary(&r),
        (
            Verdict::Contradicted,
            vec![("11.7%".into(), Verdict::Contradicted, Some("18.7%".into()))]
        )
    );
    let r = check("青岛对东盟出口增长11.7%");
    assert_eq!(r.verdict, Verdict::Supported);
}

#[test]
fn each_figure_gets_its_own_status() {
    let r = check("青岛对美国出口增长11.7%，进出口占全省比重27%");
    assert_eq!(
        summary(&r),
        (
            Verdict::Contradicted,
            vec![
                ("11.7%".into(), Verdict::Contradicted, Some("18.7%".into())),
                ("27%".into(), Verdict::Supported, Some("27%".into())),
            ]
        )
    );
}

#[test]
fn values_compare_with_units_qualifiers_and_rounding() {
    let v = |c: &str| check(c).verdict;
    assert_eq!(v("2023年青岛进出口总额约0.88万亿元"), Verdict::Supported);
    assert_eq!(v("今年1-5月，青岛进出口约3600亿元"), Verdict::Supported);
    assert_eq!(v("今年1-5月，青岛进出口3600亿元"), Verdict::Contradicted);
    assert_eq!(
        v("今年1-5月青岛机电产品出口1043.6亿元"),
        Verdict::Contradicted
    );
    assert_eq!(v("青岛组织超过1700家企业参加境外展会"), Verdict::Supported);
    assert_eq!(v("青岛组织1500家企业参加境外展会"), Verdict::Contradicted);
    assert_eq!(v("青岛出口规模占全省的25%"), Verdict::Supported);
    assert_eq!(v("青岛办理出口退税占全省的三分之一"), Verdict::Supported);
    assert_eq!(
        v("高技术产业利用外资占比较去年同期提高18个百分点"),
        Verdict::Supported
    );
    assert_eq!(
        v("高技术产业利用外资占比较去年同期提高18%"),
        Verdict::Contradicted
    );
    assert_eq!(v("2023年青岛进出口8760亿美元"), Verdict::Contradicted);
    assert_eq!(
        v("Qingdao's imports and exports grew 4.6% in 2023"),
        Verdict::Supported
    );
}

#[test]
fn what_the_article_does_not_say_is_unverifiable() {
    for claim in [
        "青岛港口吞吐量全国第一",
        "2022年青岛进出口增长4.6%",
        "上海进出口增长1.9%",
        "青岛积极扩大开放",
        "",
    ] {
        let r = check(claim);
        assert_eq!(
            r.verdict,
            Verdict::Unverifiable,
            "{claim}: {:?}",
            summary(&r)
        );
        assert!(!r.figures.iter().any(|f| f.status == Verdict::Contradicted));
    }
    assert_eq!(
        check("青岛积极扩大开放").reason.as_deref(),
        Some("the claim states no figure to check")
    );
}

/// An article written for these tests (figures invented): a city's half-year report with a
/// group of firms, a rank of one product, an enumeration read by a later 分别 list, and a
/// figure of last year beside this year's.
const SHAOXING: &str = "绍兴上半年经济运行稳中有进

□本报记者 测试

7月18日，绍兴市统计局发布数据显示：上半年，绍兴市经济运行稳中有进，主要指标好于预期。

今年以来，全市新开工重大项目52个，计划总投资318.6亿元；5月，全市投资洽谈会现场签约项目20个，总投资96亿元。

远航集团、恒泰科技等龙头企业持续扩产。1—6月，全市85家重点企业实现营业收入920.5亿元，增长8.1%；实现利润总额61.2亿元，下降2.4%。

1—6月，全市规模以上工业增加值增长7.2%，增速高于全省1.1个百分点。全市对外贸易进出口总额1186.4亿元，增长5.3%，其中出口占浙江省出口总值的4.1%。

锂电池产量占全国的比重约为9.5%，居全国城市第二位。光伏组件产量增长12.3%。

义乌港开行货运班列1200列、运送旅客35.6万人次，分别增长12.5%和8.3%。

去年，全市接待游客800万人次。1—6月，全市接待游客500万人次，增长9.6%。
";

fn shaoxing() -> &'static Engine {
    static E: std::sync::OnceLock<(tempfile::TempDir, Engine)> = std::sync::OnceLock::new();
    &E.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir_all(&data).unwrap();
        std::fs::write(data.join("shaoxing-economy.txt"), SHAOXING).unwrap();
        std::fs::write(
            data.join("shaoxing-economy.toml"),
            "title = \"绍兴上半年经济运行稳中有进\"\npublished = \"2024-07-20\"\nreference_year = 2024\n",
        )
        .unwrap();
        let e = Engine::open(&factbot_engine::Options::new(Some(data), dir.path().join("index")))
        .unwrap();
        (dir, e)
    })
    .1
}

/// Each figure's (claimed, status, article figure) on the test article.
fn on_shaoxing(claim: &str) -> (Verdict, Vec<(String, Verdict, Option<String>)>) {
    summary(&shaoxing().check(claim))
}

fn figure(claimed: &str, status: Verdict, article: &str) -> (String, Verdict, Option<String>) {
    (claimed.into(), status, Some(article.into()))
}

#[test]
fn every_figure_of_a_claim_is_read_against_the_sentence_holding_the_others() {
    // two 总投资 figures in the article: the one beside the 52 projects is the claimed one
    use Verdict::*;
    assert_eq!(
        on_shaoxing("今年以来绍兴新开工重大项目52个，总投资318.6亿元"),
        (
            Supported,
            vec![
                figure("52个", Supported, "52个"),
                figure("318.6亿元", Supported, "318.6亿元"),
            ]
        )
    );
    assert_eq!(
        on_shaoxing("今年以来绍兴新开工重大项目52个，总投资96亿元"),
        (
            Contradicted,
            vec![
                figure("52个", Supported, "52个"),
                figure("96亿元", Contradicted, "318.6亿元"),
            ]
        )
    );
    // the count of firms is checked on its own words, not on the profit the claim goes on to
    assert_eq!(
        on_shaoxing("绍兴85家重点企业1—6月利润总额下降2.4%"),
        (
            Supported,
            vec![
                figure("85家", Supported, "85家"),
                figure("2.4%", Supported, "2.4%"),
            ]
        )
    );
    assert_eq!(on_shaoxing("重点企业1—6月利润总额增长2.4%").0, Contradicted);
}

#[test]
fn a_figure_of_another_thing_is_shown_but_never_contradicts() {
    use Verdict::*;
    // a rank of 锂电池 says nothing of 光伏组件
    let r = shaoxing().check("绍兴光伏组件产量居全国城市第二位");
    assert_eq!(
        summary(&r),
        (Unverifiable, vec![figure("第二位", Unverifiable, "第二位")])
    );
    assert!(r.figures[0].reason.as_deref().unwrap().contains("光伏"));
    assert_eq!(on_shaoxing("绍兴锂电池产量居全国城市第二位").0, Supported);
    // a figure of the whole group of firms is not one member's
    let r = on_shaoxing("远航集团1—6月营业收入超过500亿元");
    assert_eq!(r.0, Unverifiable, "{r:?}");
    // a claim without a period that states last year's figure is unclear, not wrong
    let r = shaoxing().check("绍兴接待游客800万人次");
    assert_eq!(r.verdict, Unverifiable);
    assert!(r.figures[0].reason.as_deref().unwrap().contains("去年"));
    assert_eq!(on_shaoxing("绍兴接待游客600万人次").0, Contradicted);
}

#[test]
fn a_respectively_list_after_an_enumeration_takes_its_items() {
    use Verdict::*;
    assert_eq!(
        on_shaoxing("义乌港运送旅客35.6万人次，增长12.5%"),
        (
            Contradicted,
            vec![
                figure("35.6万人次", Supported, "35.6万人次"),
                figure("12.5%", Contradicted, "8.3%"),
            ]
        )
    );
    assert_eq!(on_shaoxing("义乌港运送旅客增长8.3%").0, Supported);
}

#[test]
fn reporter_wording_province_abbreviations_and_bounds() {
    use Verdict::*;
    let v = |c: &str| on_shaoxing(c).0;
    // 全省 is the article's own province (浙江省)
    assert_eq!(v("绍兴出口占全省的4.1%"), Supported);
    // 规上 = 规模以上, 外贸 = 对外贸易 (glossary lines)
    assert_eq!(v("1—6月绍兴规上工业增加值增长7.2%"), Supported);
    assert_eq!(v("1—6月绍兴规上工业增加值增长7.5%"), Contradicted);
    // 约 / 将近 / 超过 bound the claimed value
    assert_eq!(v("绍兴外贸进出口总额将近1200亿元"), Supported);
    assert_eq!(v("绍兴外贸进出口总额约1190亿元"), Supported);
    assert_eq!(v("绍兴外贸进出口总额超过1200亿元"), Contradicted);
    assert_eq!(v("绍兴外贸进出口总额超过1100亿元"), Supported);
}

/// The claims of the two fixture articles of other beats: every verdict, and every figure
/// a contradicted claim gets wrong marked contradicted (and no other).
#[test]
fn the_fixture_claims_of_other_beats() {
    for beat in ["industry", "tourism"] {
        let dir = tempfile::tempdir().unwrap();
        let e = Engine::open(&factbot_engine::Options::new(
            Some(common::manifest(&format!("tests/fixtures/{beat}"))),
            dir.path().join("index"),
        ))
        .unwrap();
        let claims = std::fs::read_to_string(common::manifest(&format!(
            "tests/fixtures/{beat}/claims.jsonl"
        )))
        .unwrap();
        for line in claims.lines().filter(|l| !l.trim().is_empty()) {
            let c: serde_json::Value = serde_json::from_str(line).unwrap();
            let r = e.check(c["claim"].as_str().unwrap());
            let want = c["verdict"].as_str().unwrap();
            let got = serde_json::to_value(r.verdict).unwrap();
            assert_eq!(got, want, "{}: {:?}", c["id"], summary(&r));
            let wrong: Vec<&str> = c["wrong"]
                .as_array()
                .unwrap()
                .iter()
                .map(|w| w.as_str().unwrap())
                .collect();
            for f in &r.figures {
                let contradicted = f.status == Verdict::Contradicted;
                let listed = wrong
                    .iter()
                    .any(|w| f.claimed.contains(w) || w.contains(f.claimed.as_str()));
                assert_eq!(contradicted, listed, "{}: {}", c["id"], f.claimed);
            }
        }
    }
}

/// The sentences of a folder's articles that state a number (the title line aside).
fn numbered_sentences(folder: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for line in text.lines().skip(1) {
            let mut sentence = String::new();
            for c in line.trim().chars() {
                sentence.push(c);
                if "。；！？".contains(c) {
                    out.push(std::mem::take(&mut sentence));
                }
            }
            out.push(sentence);
        }
    }
    out.retain(|s| s.chars().any(|c| c.is_ascii_digit()));
    out
}

/// The sentence with its first number that is no date or period tripled (销量12万辆 → 销量36万辆), if
/// it has one.
fn with_one_number_changed(sentence: &str) -> Option<String> {
    let chars: Vec<char> = sentence.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
            i += 1;
        }
        let next = chars.get(i).copied().unwrap_or(' ');
        // codes (S213), ordinals (第16届) and ranges name things; they are not quantities
        let glued = start > 0
            && (chars[start - 1].is_ascii_alphanumeric() || "-第".contains(chars[start - 1]));
        let months = next == '个' && chars.get(i + 1) == Some(&'月');
        if "年月日时号".contains(next) || "-—~至".contains(next) || glued || months {
            continue;
        }
        let number: String = chars[start..i].iter().collect();
        let value: f64 = number.parse().ok()?;
        let decimals = number.split('.').nth(1).map_or(0, str::len);
        let changed = format!("{:.*}", decimals, value * 3.0 + 1.0);
        let before: String = chars[..start].iter().collect();
        let after: String = chars[i..].iter().collect();
        return Some(format!("{before}{changed}{after}"));
    }
    None
}

#[test]
fn an_articles_own_sentence_is_never_called_wrong_and_a_changed_number_never_right() {
    // (folder, whether a changed number is checked too: the tourism article's 假期8天 is a
    // period the check does not compare yet)
    for (folder, changed_too) in [
        ("data", true),
        ("tests/fixtures/industry", true),
        ("tests/fixtures/tourism", false),
        // other beats: encyclopedic Traditional, a feature, a profile (verbatim only)
        ("tests/fixtures/encyclopedia", false),
        ("tests/fixtures/encyclopedia-hant", false),
        ("tests/fixtures/feature", false),
        ("tests/fixtures/profile-hant", false),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let engine = Engine::open(&factbot_engine::Options::new(
            Some(common::manifest(folder)),
            dir.path().join("index"),
        ))
        .unwrap();
        let sentences = numbered_sentences(&common::manifest(folder));
        assert!(sentences.len() >= 5, "{folder}: {}", sentences.len());
        for s in &sentences {
            let r = engine.check(s);
            assert_ne!(
                r.verdict,
                Verdict::Contradicted,
                "{folder}: {s}\n{:?}",
                summary(&r)
            );
            if let Some(changed) = with_one_number_changed(s).filter(|_| changed_too) {
                let r = engine.check(&changed);
                assert_ne!(
                    r.verdict,
                    Verdict::Supported,
                    "{folder}: {changed}\n{:?}",
                    summary(&r)
                );
            }
        }
    }
}
