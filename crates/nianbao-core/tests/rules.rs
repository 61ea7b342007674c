//! One fixture where each rule fires and one where it must not (ruff style), with a snapshot of
//! what it says. `cargo insta review` after an intended change.

use nianbao_core::finding::Finding;
use nianbao_core::model::{Cell, Report, Section, SectionId, Value};
use nianbao_core::template::{Catalog, Table, TemplateVersion};
use nianbao_core::{engine, input, render, rules};

const F19: TemplateVersion = TemplateVersion::F2019;
const F21: TemplateVersion = TemplateVersion::F2021;

fn zero(v: TemplateVersion, year: u32, body: &str) -> Report {
    let mut r = Report::all_zero(v, year);
    r.metadata.issuing_body = Some(body.into());
    r
}

fn z21() -> Report {
    zero(F21, 2023, "示例局")
}

fn z19() -> Report {
    zero(F19, 2020, "示例局")
}

fn set(mut r: Report, cells: &[(&str, &str)]) -> Report {
    let cat = Catalog::get();
    for (id, v) in cells {
        let ix = cat.lookup(id).unwrap_or_else(|| panic!("no cell {id}"));
        let value = match *v {
            "" => Value::Blank,
            "missing" => Value::Missing,
            "/" => Value::Placeholder("/".into()),
            n => Value::Number(n.parse().unwrap()),
        };
        r.set(ix, Cell::of(value));
    }
    r
}

fn with_text(mut r: Report, id: SectionId, text: &str) -> Report {
    r.sections.retain(|s| s.id != id);
    r.sections.push(Section {
        id,
        heading: id.canonical().into(),
        text: text.into(),
        location: None,
    });
    r
}

/// The canonical text of `r`, changed by `edit`, read back and checked.
fn via_text(r: &Report, edit: impl Fn(String) -> String) -> Vec<Finding> {
    let text = edit(render::plain::render(r));
    engine::validate_str(&text, input::Limits::default())
        .unwrap()
        .findings
}

fn check(r: &Report, prev: Option<&Report>) -> Vec<Finding> {
    rules::check_with(r, prev, &rules::Options::default())
}

fn fires(code: &str, findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.code == code && !f.not_assessable)
}

#[derive(serde::Serialize)]
struct Shown {
    severity: &'static str,
    message_zh: String,
    message_en: String,
    cells: Vec<String>,
    expected: Option<String>,
    actual: Option<String>,
    suggestion: Option<String>,
}

fn shown(code: &str, findings: &[Finding]) -> Vec<Shown> {
    let cat = Catalog::get();
    findings
        .iter()
        .filter(|f| f.code == code)
        .map(|f| Shown {
            severity: f.severity.as_str(),
            message_zh: f.message_zh.clone(),
            message_en: f.message_en.clone(),
            cells: f.cells.iter().map(|c| cat.def(*c).id.clone()).collect(),
            expected: f.expected.map(|d| d.normalize().to_string()),
            actual: f.actual.map(|d| d.normalize().to_string()),
            suggestion: f.suggestion.clone(),
        })
        .collect()
}

/// Asserts the rule fires on `bad` and not on `good`, and snapshots what it says.
fn case(code: &str, bad: Vec<Finding>, good: Vec<Finding>) {
    assert!(fires(code, &bad), "{code} should fire: {bad:#?}");
    assert!(!fires(code, &good), "{code} should not fire: {good:#?}");
    insta::assert_yaml_snapshot!(code, shown(code, &bad));
}

fn drop_table(mut r: Report, t: Table) -> Report {
    let cat = Catalog::get();
    for ix in cat.all().collect::<Vec<_>>() {
        if cat.def(ix).table == t {
            r.set(ix, Cell::MISSING);
        }
    }
    r
}

#[test]
fn ari001() {
    case(
        "ARI001",
        check(&set(z21(), &[("T3.R1.NP", "1"), ("T3.R1.TOT", "1")]), None),
        check(&z21(), None),
    );
}

#[test]
fn ari002() {
    case(
        "ARI002",
        check(
            &set(z21(), &[("T3.R3.1.NP", "2"), ("T3.R3.1.TOT", "2")]),
            None,
        ),
        check(&z21(), None),
    );
}

#[test]
fn ari003() {
    case(
        "ARI003",
        check(&set(z21(), &[("T3.R2.NP", "1"), ("T3.R4.NP", "1")]), None),
        check(&z21(), None),
    );
}

#[test]
fn ari004() {
    case(
        "ARI004",
        check(&set(z21(), &[("T4.RV.KEEP", "1")]), None),
        check(
            &set(z21(), &[("T4.RV.KEEP", "1"), ("T4.RV.TOT", "1")]),
            None,
        ),
    );
}

#[test]
fn ari005() {
    let bad = set(
        z21(),
        &[
            ("T3.R1.NP", "1"),
            ("T3.R1.TOT", "1"),
            ("T3.R3.1.NP", "5"),
            ("T3.R3.1.TOT", "5"),
            ("T3.R3.7.NP", "5"),
            ("T3.R3.7.TOT", "5"),
            ("T3.R4.NP", "missing"),
        ],
    );
    let good = set(z21(), &[("T3.R4.NP", "missing")]);
    case("ARI005", check(&bad, None), check(&good, None));
}

#[test]
fn ari006() {
    let bad = set(
        z21(),
        &[
            ("T3.R1.NP", "1"),
            ("T3.R1.TOT", "1"),
            ("T3.R3.1.OTH", "1"),
            ("T3.R3.1.TOT", "1"),
            ("T3.R3.7.OTH", "1"),
            ("T3.R3.7.TOT", "1"),
        ],
    );
    let good = set(
        z21(),
        &[
            ("T3.R1.NP", "1"),
            ("T3.R1.TOT", "1"),
            ("T3.R3.1.NP", "1"),
            ("T3.R3.1.TOT", "1"),
            ("T3.R3.7.NP", "1"),
            ("T3.R3.7.TOT", "1"),
        ],
    );
    case("ARI006", check(&bad, None), check(&good, None));
}

#[test]
fn ari007() {
    let bad = set(
        z21(),
        &[
            ("T2.A20_1.NORM.ISSUED", "8"),
            ("T2.A20_1.NORM.INFORCE", "5"),
        ],
    );
    let good = set(
        z21(),
        &[
            ("T2.A20_1.NORM.ISSUED", "8"),
            ("T2.A20_1.NORM.INFORCE", "9"),
        ],
    );
    case("ARI007", check(&bad, None), check(&good, None));
}

#[test]
fn ari008() {
    let bad = set(
        z19(),
        &[("T2.A20_1.NORM.PUB", "12"), ("T2.A20_1.NORM.TOTAL", "9")],
    );
    let good = set(
        z19(),
        &[("T2.A20_1.NORM.PUB", "9"), ("T2.A20_1.NORM.TOTAL", "12")],
    );
    case("ARI008", check(&bad, None), check(&good, None));
}

#[test]
fn ari009() {
    // 自然人 一 printed 1 where everything else says 0 → one change balances both identities.
    let bad = set(z21(), &[("T3.R1.NP", "1")]);
    let f = check(&bad, None);
    let loc: Vec<_> = f.iter().filter(|f| f.code == "ARI009").collect();
    assert_eq!(loc[0].cells.len(), 1);
    case("ARI009", f, check(&z21(), None));
}

#[test]
fn val001() {
    case(
        "VAL001",
        check(
            &set(z21(), &[("T4.RV.KEEP", "-2"), ("T4.RV.TOT", "-2")]),
            None,
        ),
        check(&z21(), None),
    );
}

#[test]
fn val002() {
    case(
        "VAL002",
        check(&set(z21(), &[("T3.R1.NP", "")]), None),
        check(&z21(), None),
    );
}

#[test]
fn val003() {
    case(
        "VAL003",
        check(&set(z21(), &[("T3.R1.NP", "/")]), None),
        check(&z21(), None),
    );
}

#[test]
fn val004() {
    let bad = set(
        z21(),
        &[
            ("T3.R3.1.NP", "2"),
            ("T3.R3.1.TOT", ""),
            ("T3.R3.7.NP", "2"),
            ("T3.R3.7.TOT", "2"),
            ("T3.R1.NP", "2"),
            ("T3.R1.TOT", "2"),
        ],
    );
    let good = set(z21(), &[("T3.R3.1.TOT", "")]);
    case("VAL004", check(&bad, None), check(&good, None));
}

#[test]
fn val005() {
    case(
        "VAL005",
        check(&set(z21(), &[("T4.RV.KEEP", "missing")]), None),
        check(&z21(), None),
    );
}

#[test]
fn val006() {
    case(
        "VAL006",
        check(
            &set(z21(), &[("T4.RV.KEEP", "1.5"), ("T4.RV.TOT", "1.5")]),
            None,
        ),
        check(&set(z21(), &[("T2.A20_8.FEE.AMOUNT", "1.5")]), None),
    );
}

#[test]
fn val007() {
    case(
        "VAL007",
        check(
            &set(
                z19(),
                &[("T2.A20_5.LIC.PREV", "5"), ("T2.A20_5.LIC.DELTA", "-8")],
            ),
            None,
        ),
        check(
            &set(
                z19(),
                &[("T2.A20_5.LIC.PREV", "9"), ("T2.A20_5.LIC.DELTA", "-8")],
            ),
            None,
        ),
    );
}

#[test]
fn val008() {
    let town = set(
        zero(F21, 2023, "示例镇"),
        &[("T2.A20_1.REG.ISSUED", "2"), ("T2.A20_1.REG.INFORCE", "2")],
    );
    let city = set(
        zero(F21, 2023, "示例市人民政府"),
        &[("T2.A20_1.REG.ISSUED", "2"), ("T2.A20_1.REG.INFORCE", "2")],
    );
    case("VAL008", check(&town, None), check(&city, None));
}

#[test]
fn val009() {
    let bad = set(z19(), &[("T2.A20_9.PROC.AMOUNT", "4200")]);
    let mut good = bad.clone();
    let ix = Catalog::get().lookup("T2.A20_9.PROC.AMOUNT").unwrap();
    good.set(
        ix,
        Cell {
            unit: Some("万元".into()),
            ..good.cell(ix).clone()
        },
    );
    case("VAL009", check(&bad, None), check(&good, None));
}

#[test]
fn str001() {
    case(
        "STR001",
        via_text(&z21(), |t| t.replace("五、存在的主要问题及改进情况\n", "")),
        via_text(&z21(), |t| t),
    );
}

#[test]
fn str002() {
    case(
        "STR002",
        via_text(&z21(), |t| {
            t.replace("二、主动公开政府信息情况", "二、其他需要报告的事项")
        }),
        via_text(&z21(), |t| t),
    );
}

#[test]
fn str002_heading_in_other_words_is_a_warning() {
    // Headings whose key words name their section: the section is there (no STR001), only its
    // words differ (a warning, not the error of an unknown or another section's wording).
    let bad = via_text(&z21(), |t| {
        t.replace(
            "五、存在的主要问题及改进情况",
            "五、存在的主要问题及明年工作计划",
        )
        .replace("六、其他需要报告的事项", "六、其他需报告的事项")
    });
    assert!(!fires("STR001", &bad), "{bad:#?}");
    let shown = shown("STR002", &bad);
    assert_eq!(shown.len(), 2);
    assert!(shown.iter().all(|s| s.severity == "warning"));
    insta::assert_yaml_snapshot!("STR002-reworded", shown);
}

#[test]
fn str003() {
    case(
        "STR003",
        check(&drop_table(z21(), Table::T4), None),
        check(&z21(), None),
    );
}

#[test]
fn str003_not_for_a_table_printed_but_unread() {
    // 表四's header is printed, its row has sixteen values: the row is not read (PRS002), the
    // table is there. Its cells are missing (VAL005), not the table.
    let text = render::plain::render(&z21()).replace(
        "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n",
        "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t9\n",
    );
    let o = engine::validate_str(&text, input::Limits::default()).unwrap();
    let t4 = |f: &&Finding| f.message_en.contains("table 4");
    assert!(
        o.findings.iter().filter(t4).any(|f| f.code == "PRS002"),
        "{:#?}",
        o.findings
    );
    assert!(!fires("STR003", &o.findings), "{:#?}", o.findings);
    assert!(o.findings.iter().filter(t4).any(|f| f.code == "VAL005"));
}

#[test]
fn str004() {
    case(
        "STR004",
        check(&zero(F19, 2023, "示例局"), None),
        check(&zero(F19, 2020, "示例局"), None),
    );
}

#[test]
fn str005() {
    let single = |t: String| {
        t.replace("（六）其他处理\n", "（六）其他处理\t0\t0\t0\t0\t0\t0\t0\n")
            .lines()
            .filter(|l| {
                !l.starts_with("1.申请人无正当理由")
                    && !l.starts_with("2.申请人逾期")
                    && !l.starts_with("3.其他")
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    case("STR005", via_text(&z21(), single), via_text(&z21(), |t| t));
}

#[test]
fn str006() {
    let mut r = z21();
    r.metadata.report_year = None;
    case("STR006", check(&r, None), check(&z21(), None));
}

#[test]
fn str007() {
    case(
        "STR007",
        via_text(&z21(), |t| {
            t.replace(
                "三、收到和处理政府信息公开申请情况",
                "二、收到和处理政府信息公开申请情况",
            )
            .replace("二、主动公开政府信息情况", "一、主动公开政府信息情况")
        }),
        via_text(&z21(), |t| t),
    );
}

#[test]
fn str012() {
    let four_before_three = |t: String| {
        let s3 = t.find("三、收到和处理").unwrap();
        let s4 = t.find("四、政府信息公开行政复议").unwrap();
        let s5 = t.find("五、存在的主要问题").unwrap();
        format!("{}{}{}{}", &t[..s3], &t[s4..s5], &t[s3..s4], &t[s5..])
    };
    let bad = via_text(&z21(), four_before_three);
    assert!(!fires("STR001", &bad), "moved, not missing: {bad:#?}");
    case("STR012", bad, via_text(&z21(), |t| t));
}

#[test]
fn str008() {
    let period = |y: u32| format!("本报告所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。\n");
    let bad = via_text(&z21(), |t| {
        t.replacen('\n', &format!("\n{}", period(2022)), 1)
    });
    let good = via_text(&z21(), |t| {
        t.replacen('\n', &format!("\n{}", period(2023)), 1)
    });
    case("STR008", bad, good);
}

#[test]
fn str009() {
    case(
        "STR009",
        check(
            &with_text(z21(), SectionId::Overview, "2021年，我局认真落实各项要求。"),
            None,
        ),
        check(
            &with_text(
                z21(),
                SectionId::Overview,
                "2023年，我局认真落实。2024年，我局将继续努力。",
            ),
            None,
        ),
    );
}

#[test]
fn str010() {
    let mut late = z21();
    late.metadata.published = Some("2024-03-15".into());
    let mut on_time = z21();
    on_time.metadata.published = Some("2024-01-20".into());
    case("STR010", check(&late, None), check(&on_time, None));
}

#[test]
fn str011() {
    let gov = with_text(
        zero(F21, 2023, "示例县人民政府"),
        SectionId::Overview,
        "我县扎实推进政务公开。",
    );
    let gov_ok = with_text(
        zero(F21, 2023, "示例县人民政府"),
        SectionId::Overview,
        "将政务公开纳入年度绩效考核，考核结果为优秀。",
    );
    case("STR011", check(&gov, None), check(&gov_ok, None));
}

#[test]
fn nar001() {
    let r = set(
        z21(),
        &[
            ("T3.R1.NP", "34"),
            ("T3.R1.TOT", "34"),
            ("T3.R2.NP", "2"),
            ("T3.R2.TOT", "2"),
            ("T3.R3.1.NP", "35"),
            ("T3.R3.1.TOT", "35"),
            ("T3.R3.7.NP", "35"),
            ("T3.R3.7.TOT", "35"),
            ("T3.R4.NP", "1"),
            ("T3.R4.TOT", "1"),
        ],
    );
    let bad = with_text(
        r.clone(),
        SectionId::Overview,
        "全年共收到政府信息公开申请40件，办结35件。",
    );
    let good = with_text(
        r,
        SectionId::Overview,
        "全年收到政府信息公开申请 34 件，上年结转 2 件，办结35件，结转下年度1件。",
    );
    case("NAR001", check(&bad, None), check(&good, None));
}

#[test]
fn nar002() {
    let r = set(z21(), &[("T4.RV.KEEP", "2"), ("T4.RV.TOT", "2")]);
    case(
        "NAR002",
        check(
            &with_text(r.clone(), SectionId::Overview, "被申请行政复议3件。"),
            None,
        ),
        check(
            &with_text(r, SectionId::Overview, "被申请行政复议2件，行政诉讼0件。"),
            None,
        ),
    );
}

#[test]
fn nar003() {
    case(
        "NAR003",
        check(
            &with_text(z21(), SectionId::OtherMatters, "无其他需要报告的事项。"),
            None,
        ),
        check(
            &with_text(z21(), SectionId::OtherMatters, "本年度未收取信息处理费。"),
            None,
        ),
    );
}

#[test]
fn nar004() {
    let r = set(
        z21(),
        &[
            ("T3.R1.NP", "2"),
            ("T3.R1.TOT", "2"),
            ("T3.R3.6.2.NP", "2"),
            ("T3.R3.6.2.TOT", "2"),
            ("T3.R3.7.NP", "2"),
            ("T3.R3.7.TOT", "2"),
        ],
    );
    case(
        "NAR004",
        check(
            &with_text(
                r.clone(),
                SectionId::OtherMatters,
                "本年度未收取信息处理费。",
            ),
            None,
        ),
        check(
            &with_text(
                r,
                SectionId::OtherMatters,
                "本年度发出收费通知2份，申请人均未缴费。",
            ),
            None,
        ),
    );
}

#[test]
fn xyr001() {
    let prev = set(
        zero(F21, 2022, "示例局"),
        &[("T3.R4.NP", "3"), ("T3.R4.TOT", "3")],
    );
    let now = set(z21(), &[("T3.R2.NP", "2"), ("T3.R2.TOT", "2")]);
    let ok = set(z21(), &[("T3.R2.NP", "3"), ("T3.R2.TOT", "3")]);
    case("XYR001", check(&now, Some(&prev)), check(&ok, Some(&prev)));
}

#[test]
fn xyr002() {
    let prev = set(
        zero(F21, 2022, "示例局"),
        &[("T2.A20_1.NORM.INFORCE", "20")],
    );
    let now = set(
        z21(),
        &[
            ("T2.A20_1.NORM.ISSUED", "3"),
            ("T2.A20_1.NORM.REPEALED", "1"),
            ("T2.A20_1.NORM.INFORCE", "25"),
        ],
    );
    let ok = set(
        z21(),
        &[
            ("T2.A20_1.NORM.ISSUED", "3"),
            ("T2.A20_1.NORM.REPEALED", "1"),
            ("T2.A20_1.NORM.INFORCE", "22"),
        ],
    );
    case("XYR002", check(&now, Some(&prev)), check(&ok, Some(&prev)));
}

#[test]
fn xyr003() {
    let prev = set(zero(F19, 2019, "示例局"), &[("T2.A20_5.LIC.PREV", "396")]);
    let now = set(z19(), &[("T2.A20_5.LIC.PREV", "390")]);
    let ok = set(z19(), &[("T2.A20_5.LIC.PREV", "396")]);
    case("XYR003", check(&now, Some(&prev)), check(&ok, Some(&prev)));
}

#[test]
fn xyr004() {
    let prev = set(
        zero(F21, 2022, "示例局"),
        &[("T4.RV.PEND", "2"), ("T4.RV.TOT", "2")],
    );
    case(
        "XYR004",
        check(&z21(), Some(&prev)),
        check(&z21(), Some(&zero(F21, 2022, "示例局"))),
    );
}

#[test]
fn xyr005() {
    let r = set(
        z21(),
        &[
            ("T3.R1.NP", "4"),
            ("T3.R1.TOT", "4"),
            ("T3.R3.1.NP", "4"),
            ("T3.R3.1.TOT", "4"),
            ("T3.R3.7.NP", "4"),
            ("T3.R3.7.TOT", "4"),
        ],
    );
    let mut prev = r.clone();
    prev.metadata.report_year = Some(2022);
    case(
        "XYR005",
        check(&r, Some(&prev)),
        check(&r, Some(&zero(F21, 2022, "示例局"))),
    );
}

#[test]
fn prs001() {
    case(
        "PRS001",
        via_text(&z21(), |t| {
            t.replace("行政许可\t0\n", "行政许可\t0\n其他主动公开文件\t1\n")
        }),
        via_text(&z21(), |t| t),
    );
}

#[test]
fn prs002() {
    case(
        "PRS002",
        via_text(&z21(), |t| {
            t.replace(
                "（一）予以公开\t0\t0\t0\t0\t0\t0\t0",
                "（一）予以公开 2 0 0 0 0 2",
            )
        }),
        via_text(&z21(), |t| t),
    );
}

#[test]
fn prs003() {
    case(
        "PRS003",
        via_text(&z19(), |t| {
            t.replace("规范性文件\t0\t0\t0", "规范性文件898989")
        }),
        via_text(&z19(), |t| t),
    );
}

#[test]
fn prs004() {
    case(
        "PRS004",
        via_text(&z21(), |t| {
            t.replace("2.其他法律行政法规禁止公开\t", "2.其他法律行政止公开\t")
        }),
        via_text(&z21(), |t| t),
    );
}

#[test]
fn prs005() {
    case(
        "PRS005",
        via_text(&z21(), |t| {
            t.replace(
                "（二）部分公开",
                "（一）予以公开\t1\t0\t0\t0\t0\t0\t1\n（二）部分公开",
            )
        }),
        via_text(&z21(), |t| t),
    );
}

#[test]
fn prs006() {
    case(
        "PRS006",
        via_text(&z21(), |t| {
            t.replace(
                "（一）予以公开\t0\t0\t0\t0\t0\t0\t0",
                "（一）予以公开\n| 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
            )
        }),
        via_text(&z21(), |t| t),
    );
}

#[test]
fn prs008() {
    case(
        "PRS008",
        via_text(&z21(), |t| {
            t.replace(
                "（一）予以公开\t0\t0\t0\t0\t0\t0\t0",
                "（一）予以公开\t0\t0\t0\n0\t0\t0\t0",
            )
        }),
        via_text(&z21(), |t| t),
    );
}

#[test]
fn prs007() {
    case(
        "PRS007",
        via_text(&z21(), |t| {
            t.replace(
                "（一）予以公开\t0\t0\t0\t0\t0\t0\t0",
                "（一）予以公开0000000",
            )
        }),
        via_text(&z21(), |t| t),
    );
}

#[test]
fn every_code_has_a_case() {
    let src = include_str!("rules.rs");
    for r in rules::registry::catalogue() {
        assert!(
            src.contains(&format!("fn {}()", r.code.to_lowercase())),
            "no fixture for {}",
            r.code
        );
    }
}

#[test]
fn ari010() {
    let r = set(
        z21(),
        &[
            ("T3.R1.NP", "2"),
            ("T3.R1.TOT", "2"),
            ("T3.R3.3.1.NP", "2"),
            ("T3.R3.3.1.TOT", "2"),
            ("T3.R3.7.NP", "2"),
            ("T3.R3.7.TOT", "2"),
        ],
    );
    let bad = via_text(&r, |t| {
        t.replace("（三）不予公开\n", "（三）不予公开\t3\t0\t0\t0\t0\t0\t3\n")
    });
    let good = via_text(&r, |t| {
        t.replace("（三）不予公开\n", "（三）不予公开\t2\t0\t0\t0\t0\t0\t2\n")
    });
    assert!(
        !bad.iter().any(|f| f.code == "ARI002" || f.code == "PRS001"),
        "{bad:#?}"
    );
    case("ARI010", bad, good);
}

#[test]
fn val010() {
    let r = set(z21(), &[("T2.A20_8.FEE.AMOUNT", "1200")]);
    case(
        "VAL010",
        check(
            &with_text(
                r.clone(),
                SectionId::OtherMatters,
                "全年收取行政事业性收费1200元。",
            ),
            None,
        ),
        check(
            &with_text(
                r,
                SectionId::OtherMatters,
                "全年收取行政事业性收费1200万元。",
            ),
            None,
        ),
    );
}

#[test]
fn ari009_two_cells_and_split_numbers() {
    // 自然人 of 一 should be 12 (总计 12, the column balances with 12), but the digits were split
    // into 自然人 1 and 商业企业 2.
    let good = set(
        z21(),
        &[
            ("T3.R1.NP", "12"),
            ("T3.R1.TOT", "12"),
            ("T3.R3.1.NP", "12"),
            ("T3.R3.1.TOT", "12"),
            ("T3.R3.7.NP", "12"),
            ("T3.R3.7.TOT", "12"),
        ],
    );
    let bad = set(good.clone(), &[("T3.R1.NP", "1"), ("T3.R1.BIZ", "2")]);
    let f = check(&bad, None);
    let loc: Vec<_> = f.iter().filter(|f| f.code == "ARI009").collect();
    assert_eq!(loc.len(), 1, "{f:#?}");
    assert!(
        loc[0].message_en.contains("T3.R1.NP 1→12") && loc[0].message_en.contains("T3.R1.BIZ 2→0"),
        "{}",
        loc[0].message_en
    );
    assert!(
        loc[0].message_en.contains("split in two"),
        "{}",
        loc[0].message_en
    );
    assert!(!check(&good, None).iter().any(|f| f.code == "ARI009"));
}

fn via_pdf(path: &str) -> Vec<Finding> {
    let p = format!("{}/../../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&p).unwrap();
    engine::validate_bytes(&bytes, "r.pdf", "", Default::default())
        .unwrap()
        .findings
}

#[test]
fn prs009() {
    // The first 55% of 洪泽 2024's PDF (tests/fixtures/pdf-bad), and the whole file.
    case(
        "PRS009",
        via_pdf("pdf-bad/truncated.pdf"),
        via_pdf("samples/005-hongze-qu-2024.pdf"),
    );
}

#[test]
fn prs010() {
    // 行政规范性文件 62 | 33 | 440 printed with its digits run together: 15 splits, and the
    // narrative says 制发 62.
    let r = set(
        z21(),
        &[
            ("T2.A20_1.NORM.ISSUED", "62"),
            ("T2.A20_1.NORM.REPEALED", "33"),
            ("T2.A20_1.NORM.INFORCE", "440"),
        ],
    );
    let fuse = |t: String| {
        assert!(t.contains("行政规范性文件\t62\t33\t440"), "{t}");
        t.replace("行政规范性文件\t62\t33\t440", "行政规范性文件6233440")
    };
    let said = with_text(
        r.clone(),
        SectionId::Overview,
        "本年度制发行政规范性文件62件，均已公开。",
    );
    let other = with_text(
        r,
        SectionId::Overview,
        "本年度制发行政规范性文件12件，均已公开。",
    );
    case("PRS010", via_text(&said, fuse), via_text(&other, fuse));
    // The cell is settled at 62; the others stay ambiguous (no identity, no other evidence).
    let text = fuse(render::plain::render(&said));
    let o = engine::validate_str(&text, input::Limits::default()).unwrap();
    let v = |id: &str| o.report.value(Catalog::get().lookup(id).unwrap()).clone();
    assert_eq!(v("T2.A20_1.NORM.ISSUED"), Value::Number(62.into()));
    assert!(
        matches!(v("T2.A20_1.NORM.REPEALED"), Value::Ambiguous(c) if c.contains(&Some(33.into())))
    );
    // Last year's 现行有效 473 (+ 62 − 33 = 502 would be printed 502): with 440 none follows,
    // with last year's 411 exactly 62|33|440 does.
    let (_, m) = engine::parse_str(&text, input::Limits::default()).unwrap();
    let prev = set(z21(), &[("T2.A20_1.NORM.INFORCE", "411")]);
    let m = m.with_previous(&prev);
    let v = |id: &str| m.report.value(Catalog::get().lookup(id).unwrap()).clone();
    assert_eq!(v("T2.A20_1.NORM.REPEALED"), Value::Number(33.into()));
    assert_eq!(v("T2.A20_1.NORM.INFORCE"), Value::Number(440.into()));
    assert!(
        m.findings
            .iter()
            .any(|f| f.code == "PRS010" && f.message_en.contains("last year"))
    );
    let (_, m) = engine::parse_str(&text, input::Limits::default()).unwrap();
    let m = m.with_previous(&set(z21(), &[("T2.A20_1.NORM.INFORCE", "470")]));
    let v = |id: &str| m.report.value(Catalog::get().lookup(id).unwrap()).clone();
    assert!(matches!(v("T2.A20_1.NORM.INFORCE"), Value::Ambiguous(_)));
}
