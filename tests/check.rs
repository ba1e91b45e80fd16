//! The fact-check end to end: claims about the shipped article, figure by figure.

use factbot::check::{CheckResult, Verdict};
use factbot::Engine;

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
