//! One focused test per input shape the readers must handle (issue: "every shape has a test").

use nianbao_core::engine::{self, Outcome};
use nianbao_core::model::{Cell, Report, SectionId, Value};
use nianbao_core::template::{Catalog, TemplateVersion};
use nianbao_core::{Decimal, input};

fn run(text: &str) -> Outcome {
    engine::validate_str(text, input::Limits::default()).expect("readable")
}

fn v(o: &Outcome, id: &str) -> Value {
    o.report
        .value(
            Catalog::get()
                .lookup(id)
                .unwrap_or_else(|| panic!("no cell {id}")),
        )
        .clone()
}

fn num(n: i64) -> Value {
    Value::Number(Decimal::from(n))
}

fn codes(o: &Outcome) -> Vec<&'static str> {
    o.findings.iter().map(|f| f.code).collect()
}

/// A canonical report of template `t` whose cells are all 0.
fn zero(t: TemplateVersion, year: u32) -> Report {
    let mut r = Report::all_zero(t, year);
    r.metadata.issuing_body = Some("示例镇".into());
    r
}

fn text19() -> String {
    nianbao_core::render::plain::render(&zero(TemplateVersion::F2019, 2020))
}

fn text21() -> String {
    nianbao_core::render::plain::render(&zero(TemplateVersion::F2021, 2023))
}

/// Replaces the line starting with `start`.
fn with_line(text: &str, start: &str, new: &str) -> String {
    let mut found = false;
    let out: Vec<String> = text
        .lines()
        .map(|l| {
            if !found && l.starts_with(start) {
                found = true;
                new.to_string()
            } else {
                l.to_string()
            }
        })
        .collect();
    assert!(found, "no line starts with {start}");
    out.join("\n")
}

#[test]
fn tab_separated_cells() {
    let t = with_line(
        &text19(),
        "（一）予以公开",
        "（一）予以公开\t3\t1\t0\t0\t0\t0\t4",
    );
    let o = run(&t);
    assert_eq!(v(&o, "T3.R3.1.NP"), num(3));
    assert_eq!(v(&o, "T3.R3.1.TOT"), num(4));
}

#[test]
fn space_separated_cells_from_pdf() {
    let t = with_line(
        &text21(),
        "一、本年新收",
        "一、本年新收政府信息公开申请数量 21 0 0 0 0 0 21",
    );
    let o = run(&t);
    assert_eq!(v(&o, "T3.R1.NP"), num(21));
    assert_eq!(v(&o, "T3.R1.TOT"), num(21));
}

#[test]
fn wrapped_rows_continue_on_the_next_lines() {
    // PDF text of a wide table: the row's values run onto the next line (and, with a page
    // number between them, onto the line after that).
    let t = with_line(
        &text21(),
        "一、本年新收",
        "一、本年新收政府信息公开申请数量 3001 53 0 0\n61 4 3119",
    );
    let t = with_line(
        &t,
        "（一）予以公开",
        "（一）予以公开 5\n- 3 -\n1 2\n0 0 0 8",
    );
    let o = run(&t);
    let row_of = |o: &Outcome, r: &str| -> Vec<Value> {
        ["NP", "BIZ", "RES", "NGO", "LAW", "OTH", "TOT"]
            .iter()
            .map(|c| v(o, &format!("T3.{r}.{c}")))
            .collect()
    };
    let row = |r: &str| row_of(&o, r);
    assert_eq!(row("R1"), [3001, 53, 0, 0, 61, 4, 3119].map(num));
    assert_eq!(row("R3.1"), [5, 1, 2, 0, 0, 0, 8].map(num));
    let joined: Vec<_> = o.findings.iter().filter(|f| f.code == "PRS008").collect();
    assert_eq!(joined.len(), 2, "{joined:#?}");
    assert!(!codes(&o).contains(&"PRS001") && !codes(&o).contains(&"PRS002"));
    // The continued cells keep the line they were read from.
    let src = |id: &str| {
        o.report
            .cell(Catalog::get().lookup(id).unwrap())
            .source
            .unwrap()
            .line
    };
    assert_eq!(src("T3.R1.LAW"), src("T3.R1.NP") + 1);
    // A row printed without its label (placed by position) can be wrapped too.
    let t = with_line(&text21(), "（一）予以公开", "5 1 2\n0 0 0 8");
    let o = run(&t);
    assert_eq!(row_of(&o, "R3.1"), [5, 1, 2, 0, 0, 0, 8].map(num));
    assert!(codes(&o).contains(&"PRS006") && codes(&o).contains(&"PRS008"));
    // Values that do not complete the row exactly are not taken: the row stays unread.
    let t = with_line(
        &text21(),
        "一、本年新收",
        "一、本年新收政府信息公开申请数量 3001 53 0 0\n61 4",
    );
    let o = run(&t);
    assert!(!codes(&o).contains(&"PRS008"));
    // Nor is the short row read as digits run together: no split of `3001 53 0 0` satisfies
    // the row's identity, so no cell is settled from one.
    for (c, value) in ["NP", "BIZ", "RES", "NGO", "LAW", "OTH", "TOT"]
        .iter()
        .zip(row_of(&o, "R1"))
    {
        assert!(!matches!(value, Value::Number(_)), "T3.R1.{c}: {value:?}");
    }
}

#[test]
fn run_together_digits_with_one_split() {
    let t = with_line(&text19(), "（一）予以公开", "（一）予以公开7000007");
    let o = run(&t);
    assert_eq!(v(&o, "T3.R3.1.NP"), num(7));
    assert_eq!(v(&o, "T3.R3.1.BIZ"), num(0));
    assert_eq!(v(&o, "T3.R3.1.TOT"), num(7));
    assert!(codes(&o).contains(&"PRS007"));
    // Partly separated: only 23|0|0|0|0|0|23 has 总计 = the sum.
    let t = with_line(
        &text19(),
        "一、本年新收",
        "一、本年新收政府信息公开申请数量230 000023",
    );
    let o = run(&t);
    assert_eq!(v(&o, "T3.R1.NP"), num(23));
    assert_eq!(v(&o, "T3.R1.TOT"), num(23));
    // Seven digits for seven cells cut one way only: used, and said to break the identity.
    let t = with_line(&text19(), "（一）予以公开", "（一）予以公开1234567");
    let o = run(&t);
    assert_eq!(v(&o, "T3.R3.1.NP"), num(1));
    assert_eq!(v(&o, "T3.R3.1.TOT"), num(7));
    assert!(o.findings.iter().any(|f| f.code == "PRS007"
        && f.severity == nianbao_core::finding::Severity::Warning
        && f.message_en.contains("the only possible split")));
}

#[test]
fn run_together_digits_with_several_splits_stay_ambiguous() {
    let t = with_line(&text19(), "规范性文件", "规范性文件898989");
    let o = run(&t);
    let Value::Ambiguous(c) = v(&o, "T2.A20_1.NORM.NEW") else {
        panic!("ambiguous expected")
    };
    assert!(c.contains(&Some(Decimal::from(89))) && c.contains(&Some(Decimal::from(8))));
    assert!(o.findings.iter().any(|f| f.code == "PRS003"));
    assert!(
        o.findings
            .iter()
            .any(|f| f.code == "PRS007" && f.message_en.contains("10 ways"))
    );
    // No arithmetic finding reads an ambiguous cell.
    assert!(
        !o.findings
            .iter()
            .any(|f| f.code.starts_with("ARI") && !f.not_assessable)
    );
}

#[test]
fn negative_values_run_into_neighbours() {
    let t = with_line(&text19(), "行政许可", "行政许可396-5181");
    let o = run(&t);
    assert_eq!(v(&o, "T2.A20_5.LIC.PREV"), num(396));
    let Value::Ambiguous(c) = v(&o, "T2.A20_5.LIC.DELTA") else {
        panic!()
    };
    assert_eq!(
        c,
        vec![
            Some(Decimal::from(-518)),
            Some(Decimal::from(-51)),
            Some(Decimal::from(-5))
        ]
    );
    // Separated, the sign is read.
    let o = run(&with_line(&text19(), "行政许可", "行政许可\t396\t-5\t181"));
    assert_eq!(v(&o, "T2.A20_5.LIC.DELTA"), num(-5));
    assert!(!codes(&o).contains(&"VAL001"));
}

#[test]
fn vertical_labels_one_character_per_line() {
    let vertical = "三\n、\n本\n年\n度\n办\n理\n结\n果";
    let t = text21().replace("三、本年度办理结果\n", &format!("{vertical}\n"));
    let t = with_line(&t, "（一）予以公开", "（一）予以公开 5 0 0 0 0 0 5");
    let o = run(&t);
    assert_eq!(v(&o, "T3.R3.1.NP"), num(5));
    assert!(!codes(&o).contains(&"PRS001"));
}

#[test]
fn spaces_inside_labels_and_half_width_brackets() {
    let t = with_line(
        &text19(),
        "1.属于国家秘密",
        "(三) 不予 公开\t1. 属于 国家 秘密\t2\t0\t0\t0\t0\t0\t2",
    );
    let o = run(&t);
    assert_eq!(v(&o, "T3.R3.3.1.NP"), num(2));
    assert!(
        !codes(&o).contains(&"PRS004"),
        "spaces and widths are not label damage"
    );
}

#[test]
fn damaged_label_is_read_and_reported() {
    let t = with_line(
        &text21(),
        "2.其他法律行政法规禁止公开",
        "2.其他法律行政止公开 1 0 0 0 0 0 1",
    );
    let o = run(&t);
    assert_eq!(v(&o, "T3.R3.3.2.NP"), num(1));
    assert!(
        o.findings
            .iter()
            .any(|f| f.code == "PRS004" && f.message_zh.contains("其他法律行政止公开"))
    );
}

#[test]
fn label_on_one_line_values_on_the_next() {
    let t = with_line(
        &text21(),
        "（一）予以公开",
        "（一）予以公开\n| 6 | 0 | 0 | 0 | 0 | 0 | 6 |",
    );
    let o = run(&t);
    assert_eq!(v(&o, "T3.R3.1.NP"), num(6));
    assert!(codes(&o).contains(&"PRS006"));
}

#[test]
fn group_heading_printed_twice() {
    let t = text19().replace("（四）无法提供", "三、本年度办理结果\n（四）无法提供");
    let t = with_line(
        &t,
        "1.本机关不掌握相关政府信息",
        "1.本机关不掌握相关政府信息\t7\t0\t0\t0\t0\t0\t7",
    );
    let o = run(&t);
    assert_eq!(v(&o, "T3.R3.4.1.NP"), num(7));
    assert!(!codes(&o).contains(&"PRS005") && !codes(&o).contains(&"PRS001"));
}

#[test]
fn page_numbers_inside_tables() {
    let t = text21().replace(
        "（四）无法提供\n",
        "（四）无法提供\n- 3 -\n第 4 页\n— 12 —\n",
    );
    let o = run(&t);
    assert!(
        o.findings
            .iter()
            .all(|f| f.severity != nianbao_core::finding::Severity::Error),
        "{:#?}",
        o.findings
    );
}

#[test]
fn markdown_pipes_from_converters() {
    let t = with_line(
        &text21(),
        "（七）总计",
        "| （七）总计 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |\n|---|---|---|---|---|---|---|---|",
    );
    let o = run(&t);
    assert_eq!(v(&o, "T3.R3.7.NP"), num(4));
}

#[test]
fn crawler_header_above_the_report() {
    let t = format!(
        "标题: 示例镇2023年政府信息公开工作年度报告\n发布时间: 2024-01-20\n原文链接: https://example.gov.cn/x.htm\n==== 正文 ====\n{}",
        text21()
    );
    let o = run(&t);
    assert_eq!(o.report.metadata.issuing_body.as_deref(), Some("示例镇"));
    assert_eq!(o.report.metadata.report_year, Some(2023));
}

/// The candidates of an ambiguous cell (`None`: blank).
fn cands(o: &Outcome, id: &str) -> Vec<Option<i64>> {
    match v(o, id) {
        Value::Ambiguous(c) => c
            .iter()
            .map(|d| d.map(|d| i64::try_from(d).expect("whole")))
            .collect(),
        other => panic!("{id} is {other:?}, not ambiguous"),
    }
}

#[test]
fn blank_cells_dropped_from_a_space_separated_row_stay_ambiguous() {
    // A PDF's text keeps nothing where a cell was blank: six values for seven columns, and the
    // double space is not evidence (extraction spacing varies). Every placement that fits the
    // row identity is a candidate; nothing is guessed, and the truth is among the candidates.
    let t = with_line(&text21(), "1.属于国家秘密", "1.属于国家秘密 2 0  0 0 0 2");
    let o = run(&t);
    assert_eq!(cands(&o, "T3.R3.3.1.NP"), vec![Some(2), None]);
    assert_eq!(cands(&o, "T3.R3.3.1.BIZ"), vec![Some(0), Some(2), None]);
    assert_eq!(cands(&o, "T3.R3.3.1.RES"), vec![Some(0), None]);
    assert_eq!(cands(&o, "T3.R3.3.1.TOT"), vec![Some(2), None]);
    let f = o
        .findings
        .iter()
        .find(|f| f.code == "PRS002")
        .expect("PRS002");
    assert!(
        f.message_en.contains("7 placements fit"),
        "{}",
        f.message_en
    );
    assert_eq!(f.cells.len(), 7);
    assert!(codes(&o).contains(&"PRS003"));
}

#[test]
fn the_tables_other_identities_narrow_the_placements_of_dropped_blanks() {
    // The same row in a report whose other rows add up: 一 and （七）总计 say 自然人 2, 总计 2.
    // The placements that move the 2 out of 自然人 or into 其他 break the column identities, so
    // 自然人 and 总计 are settled; which of the zeros was the blank is still not printed.
    let t = with_line(&text21(), "1.属于国家秘密", "1.属于国家秘密 2 0  0 0 0 2");
    let t = with_line(
        &t,
        "一、本年新收",
        "一、本年新收政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2",
    );
    let t = with_line(&t, "（七）总计", "（七）总计\t2\t0\t0\t0\t0\t0\t2");
    let o = run(&t);
    assert_eq!(v(&o, "T3.R3.3.1.NP"), num(2));
    assert_eq!(v(&o, "T3.R3.3.1.TOT"), num(2));
    assert_eq!(cands(&o, "T3.R3.3.1.BIZ"), vec![Some(0), None]);
    assert_eq!(cands(&o, "T3.R3.3.1.OTH"), vec![Some(0), None]);
    assert!(o.findings.iter().any(|f| f.code == "PRS002"
        && f.severity == nianbao_core::finding::Severity::Info
        && f.message_en.contains("5 of its 7 readings")));
    // The row printed a second time with other values (PRS005): the reader's cells are no longer
    // the placements', and nothing is narrowed.
    let twice = t.replace(
        "1.属于国家秘密 2 0  0 0 0 2",
        "1.属于国家秘密 2 0  0 0 0 2\n1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0",
    );
    let o = run(&twice);
    assert!(matches!(v(&o, "T3.R3.3.1.NP"), Value::Ambiguous(_)));
    assert!(codes(&o).contains(&"PRS005"));
    assert!(
        !o.findings
            .iter()
            .any(|f| f.code == "PRS002" && f.severity == nianbao_core::finding::Severity::Info)
    );
    // Without the other rows' support (all 0 there), every placement breaks an identity: nothing
    // is narrowed (the report is wrong elsewhere, not the reading).
    let t = with_line(&text21(), "1.属于国家秘密", "1.属于国家秘密 2 0  0 0 0 2");
    let o = run(&t);
    assert_eq!(cands(&o, "T3.R3.3.1.NP"), vec![Some(2), None]);
}

#[test]
fn the_tables_other_identities_pick_among_digit_splits() {
    // `112` before 0 0 0 0 13: 1|12 and 11|2 both make 总计 13; the rows 一 and （七）总计 say
    // 自然人 11 and 商业企业 2.
    let t = with_line(&text21(), "（一）予以公开", "（一）予以公开 112 0 0 0 0 13");
    let t = with_line(
        &t,
        "一、本年新收",
        "一、本年新收政府信息公开申请数量\t11\t2\t0\t0\t0\t0\t13",
    );
    let t = with_line(&t, "（七）总计", "（七）总计\t11\t2\t0\t0\t0\t0\t13");
    let o = run(&t);
    assert_eq!(v(&o, "T3.R3.1.NP"), num(11));
    assert_eq!(v(&o, "T3.R3.1.BIZ"), num(2));
    assert!(o.findings.iter().any(|f| f.code == "PRS007"
        && f.severity == nianbao_core::finding::Severity::Info
        && f.message_en.contains("only 11|2|0|0|0|0|13")));
    // Alone, both splits stay.
    let o = run(&with_line(
        &text21(),
        "（一）予以公开",
        "（一）予以公开 112 0 0 0 0 13",
    ));
    assert_eq!(cands(&o, "T3.R3.1.NP"), vec![Some(1), Some(11)]);
}

#[test]
fn the_only_placement_of_dropped_blanks_is_read_with_a_warning() {
    // 2+0+0+0+0 is not 5: the only placement the identity does not contradict leaves 总计 blank.
    let t = with_line(&text21(), "1.属于国家秘密", "1.属于国家秘密 2 0 0 0 0 5");
    let o = run(&t);
    assert_eq!(v(&o, "T3.R3.3.1.NP"), num(2));
    assert_eq!(v(&o, "T3.R3.3.1.OTH"), num(5));
    assert_eq!(v(&o, "T3.R3.3.1.TOT"), Value::Blank);
    let f = o
        .findings
        .iter()
        .find(|f| f.code == "PRS002")
        .expect("PRS002");
    assert_eq!(f.severity, nianbao_core::finding::Severity::Warning);
    assert!(f.message_en.contains("cannot confirm"), "{}", f.message_en);
}

#[test]
fn blank_cells_dropped_from_table_four() {
    // 行政复议: 维持 1, 纠正 blank, … 总计 1; 复议后起诉 2 … 2: fourteen values for fifteen cells.
    let t = text21();
    let row = t
        .lines()
        .find(|l| l.split('\t').count() == 15 && l.split('\t').all(|c| c == "0"))
        .expect("表四 values")
        .to_string();
    let t = t.replace(&row, "1 0 0 1 0 0 0 0 0 2 0 0 0 2");
    let o = run(&t);
    // Where the blank was is not printed; the groups' identities rule out the placements that
    // break a group's total. Every cell is its true value or has it among its candidates.
    let truth = [
        Some(1),
        None,
        Some(0),
        Some(0),
        Some(1),
        Some(0),
        Some(0),
        Some(0),
        Some(0),
        Some(0),
        Some(2),
        Some(0),
        Some(0),
        Some(0),
        Some(2),
    ];
    let ids = ["KEEP", "CORR", "OTHER", "PEND", "TOT"];
    for (k, want) in truth.iter().enumerate() {
        let id = format!("T4.{}.{}", ["RV", "LD", "LR"][k / 5], ids[k % 5]);
        match v(&o, &id) {
            Value::Number(n) => assert_eq!(Some(i64::try_from(n).unwrap()), *want, "{id}"),
            Value::Blank => assert_eq!(*want, None, "{id}"),
            _ => assert!(cands(&o, &id).contains(want), "{id}"),
        }
    }
    assert!(cands(&o, "T4.RV.CORR").contains(&None));
    assert!(
        o.findings
            .iter()
            .any(|f| f.code == "PRS002" && f.message_en.contains("placements fit"))
    );
}

#[test]
fn a_row_with_more_values_than_columns_is_not_read() {
    let t = with_line(
        &text21(),
        "1.属于国家秘密",
        "1.属于国家秘密 2 0 0 0 0 2 2 1",
    );
    let o = run(&t);
    assert_eq!(v(&o, "T3.R3.3.1.NP"), Value::Missing);
    assert!(
        o.findings
            .iter()
            .any(|f| f.code == "PRS002" && f.message_en.contains("its cells were not read"))
    );
}

#[test]
fn duplicate_row_with_other_values_is_ambiguous() {
    let t = text19().replace(
        "（二）部分公开",
        "（一）予以公开\t1\t0\t0\t0\t0\t0\t1\n（二）部分公开",
    );
    let o = run(&t);
    assert!(matches!(v(&o, "T3.R3.1.NP"), Value::Ambiguous(_)));
    assert_eq!(v(&o, "T3.R3.1.BIZ"), num(0));
    assert!(codes(&o).contains(&"PRS005"));
}

#[test]
fn html_page_with_chrome_spans_rowspans_and_nbsp() {
    let html = r#"<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>站点</title>
<script>var x = "<table><tr><td>9</td></tr></table>";</script></head><body>
<div class="nav"><a href="/">首页</a> &gt; 年报</div>
<p style="text-align:center">示例局2023年政府信息公开工作年度报告</p>
<p>一、总体情况</p><p>正文。</p>
<p>三、收到和处理政府信息公开申请情况</p>
<table><tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
<tr><td colspan="3"><span>一、本年新收政府信息公开申请数量</span></td><td><span>1</span><span>2</span></td><td>0</td><td>&nbsp;</td><td>0</td><td>0</td><td>0</td><td>12</td></tr>
<tr><td rowspan="22">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>5</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td></td></tr>
</table></body></html>"#;
    let o = run(html);
    assert_eq!(o.kind, input::InputKind::Html);
    assert_eq!(
        v(&o, "T3.R1.NP"),
        num(12),
        "one span per character joins up"
    );
    assert_eq!(v(&o, "T3.R1.RES"), Value::Blank);
    assert_eq!(v(&o, "T3.R3.1.NP"), num(5));
    assert_eq!(
        v(&o, "T3.R3.1.TOT"),
        Value::Blank,
        "a blank last cell does not shift the row"
    );
    assert_eq!(o.report.metadata.issuing_body.as_deref(), Some("示例局"));
    let loc = o
        .report
        .cell(Catalog::get().lookup("T3.R3.1.NP").unwrap())
        .source
        .unwrap();
    assert_eq!(loc.line, 11);
    // VAL004: the blank 总计 is implied by its row.
    assert!(
        o.findings
            .iter()
            .any(|f| f.code == "VAL004" && f.expected == Some(Decimal::from(5)))
    );
}

#[test]
fn gbk_html_page() {
    let page = "<html><head><meta charset=\"gb2312\"></head><body><p>示例局2023年政府信息公开工作年度报告</p><p>一、总体情况</p></body></html>";
    let (bytes, _, _) = encoding_rs::GBK.encode(page);
    let o = engine::validate_bytes(&bytes, "page.html", "", input::Limits::default()).unwrap();
    assert_eq!(o.report.metadata.report_year, Some(2023));
    assert_eq!(
        o.report
            .section(SectionId::Overview)
            .map(|s| s.heading.as_str()),
        Some("一、总体情况")
    );
}

#[test]
fn single_row_six_in_a_2021_report() {
    let t = text21()
        .replace("（六）其他处理\n", "（六）其他处理\t2\t0\t0\t0\t0\t0\t2\n")
        .lines()
        .filter(|l| {
            !l.starts_with("1.申请人无正当理由")
                && !l.starts_with("2.申请人逾期")
                && !l.starts_with("3.其他")
        })
        .collect::<Vec<_>>()
        .join("\n");
    let t = with_line(&t, "（七）总计", "（七）总计\t2\t0\t0\t0\t0\t0\t2");
    let t = with_line(
        &t,
        "一、本年新收",
        "一、本年新收政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2",
    );
    let o = run(&t);
    assert_eq!(v(&o, "T3.R3.6.NP"), num(2));
    assert_eq!(v(&o, "T3.R3.6.1.NP"), Value::Missing);
    assert!(codes(&o).contains(&"STR005"));
    assert!(
        !o.findings
            .iter()
            .any(|f| f.code.starts_with("ARI") || f.code == "VAL005"),
        "{:#?}",
        o.findings
    );
}

#[test]
fn wording_of_2019_in_a_2021_table() {
    let t = with_line(&text21(), "行政规范性文件", "规范性文件\t3\t0\t8");
    let o = run(&t);
    assert_eq!(v(&o, "T2.A20_1.NORM.ISSUED"), num(3));
    assert!(codes(&o).contains(&"PRS004"));
}

#[test]
fn heading_variants_and_renumbered_sections() {
    let t = text19()
        .replace(
            "五、存在的主要问题及改进情况",
            "五、政府信息公开工作存在的主要问题及改进情况",
        )
        .replace("二、主动公开政府信息情况", "一、主动公开政府信息情况");
    let o = run(&t);
    let five = o.report.section(SectionId::Problems).unwrap();
    assert_eq!(five.heading, "五、政府信息公开工作存在的主要问题及改进情况");
    assert!(
        o.findings
            .iter()
            .any(|f| f.code == "STR002" && f.severity == nianbao_core::finding::Severity::Warning)
    );
    assert!(o.report.section(SectionId::ProactiveDisclosure).is_some());
    assert!(codes(&o).contains(&"STR007"));
}

#[test]
fn tables_printed_in_another_order() {
    let t = text21();
    let t2_start = t.find("第二十条第（一）项").unwrap();
    let t2_end = t.find("三、收到和处理").unwrap();
    let t2 = t[t2_start..t2_end].to_string();
    let t = with_line(
        &t.replace(&t2, ""),
        "（七）总计",
        "（七）总计\t0\t0\t0\t0\t0\t0\t0",
    );
    let t = t.replace(
        "五、存在的主要问题及改进情况",
        &format!("{t2}五、存在的主要问题及改进情况"),
    );
    let t = with_line(&t, "行政许可", "行政许可\t42");
    let o = run(&t);
    assert_eq!(v(&o, "T2.A20_5.LIC.DEC"), num(42));
    assert_eq!(v(&o, "T3.R1.NP"), num(0));
}

#[test]
fn unreadable_values_stay_unsettled_and_are_reported() {
    // A value printed as "?" (or lost in decoding, U+FFFD): the row is still read, that cell is
    // unsettled (not blank, not 0, not a label), and PRS003 says so.
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/samples/xinqing-zhen-2020.txt"
    ))
    .unwrap();
    for mark in ["?", "？", "\u{fffd}"] {
        let damaged = text.replacen(
            "一、本年新收政府信息公开申请数量\t\t0\t0",
            &format!("一、本年新收政府信息公开申请数量\t\t0\t{mark}"),
            1,
        );
        assert_ne!(damaged, text);
        let o = run(&damaged);
        assert_eq!(v(&o, "T3.R1.NP"), num(0));
        assert_eq!(v(&o, "T3.R1.BIZ"), Value::Ambiguous(Vec::new()), "{mark}");
        assert_eq!(v(&o, "T3.R1.TOT"), num(0));
        let f = o
            .findings
            .iter()
            .find(|f| f.code == "PRS003")
            .expect("PRS003");
        assert!(f.message_en.contains("unreadable"), "{}", f.message_en);
        assert!(!codes(&o).contains(&"PRS002"), "the row was read");
    }
}

#[test]
fn section_four_printed_before_three_keeps_its_table() {
    // Section 四 (heading and 表四) moved before 三, and a sentence of section 一 that names
    // 行政复议 with a number: the table is read from its header, never from the sentence.
    let t = text21();
    let s3 = t.find("三、收到和处理").unwrap();
    let s4 = t.find("四、政府信息公开行政复议").unwrap();
    let s5 = t.find("五、存在的主要问题").unwrap();
    let mut four = t[s4..s5].to_string();
    four = with_line(&four, "0\t0\t0", &["7"; 15].join("\t"));
    let t = format!("{}{}{}{}", &t[..s3], four, &t[s3..s4], &t[s5..]);
    let t = t.replace(
        "二、主动公开政府信息情况",
        "全年依法答复，均在法定期限内予以答复。政府信息公开行政复议 351\n二、主动公开政府信息情况",
    );
    let o = run(&t);
    assert_eq!(v(&o, "T4.RV.KEEP"), num(7), "{:?}", codes(&o));
    assert_eq!(v(&o, "T4.LR.TOT"), num(7));
    assert_eq!(v(&o, "T3.R1.NP"), num(0));
}

#[test]
fn change_written_with_zeng_or_jian() {
    // 2019 本年增/减 written as 增3 / 减8 (space-separated, as extracted from PDF): the sign of
    // the change, never glued to the label with the cells shifted.
    let t = with_line(&text19(), "行政许可", "行政许可 120 减8 35");
    let t = with_line(&t, "行政处罚", "行政处罚 40 增 3 12");
    let o = run(&t);
    assert_eq!(v(&o, "T2.A20_5.LIC.PREV"), num(120));
    assert_eq!(v(&o, "T2.A20_5.LIC.DELTA"), num(-8));
    assert_eq!(v(&o, "T2.A20_5.LIC.DEC"), num(35));
    assert_eq!(v(&o, "T2.A20_6.PUN.DELTA"), num(3));
    assert_eq!(v(&o, "T2.A20_6.PUN.DEC"), num(12));
}

#[test]
fn label_and_value_on_separate_lines_in_table_two() {
    // One cell per line: each value belongs to the label line before it, never to the label
    // line after it (that is the next row's).
    let t = with_line(&text21(), "行政处罚", "行政处罚\n3985758");
    let t = with_line(&t, "行政强制", "行政强制\n88283");
    let o = run(&t);
    assert_eq!(v(&o, "T2.A20_6.PUN.DEC"), num(3985758), "{:?}", codes(&o));
    assert_eq!(v(&o, "T2.A20_6.ENF.DEC"), num(88283));
}

#[test]
fn bare_page_number_inside_table_four() {
    // PDF text: the page number "6" alone on a line between 表四's header and its data row.
    let t = text21();
    let row = ["3"; 15].join("\t");
    let t = with_line(
        &t,
        "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0",
        &format!("6\n{row}"),
    );
    let o = run(&t);
    assert_eq!(v(&o, "T4.RV.KEEP"), num(3), "{:?}", codes(&o));
    assert_eq!(v(&o, "T4.LR.TOT"), num(3));
}

#[test]
fn table_four_row_wrapped_over_lines() {
    // The 15 values wrapped 10 + 5, 5 × 3, or one a line: read in order when they add up to 15.
    let zero_row = ["0"; 15].join("\t");
    let vals: Vec<String> = (1..=15).map(|n| n.to_string()).collect();
    for layout in [
        format!("{}\n{}", vals[..10].join("\t"), vals[10..].join("\t")),
        format!(
            "{}\n{}\n{}",
            vals[..5].join(" "),
            vals[5..10].join(" "),
            vals[10..].join(" ")
        ),
        vals.join("\n"),
    ] {
        let o = run(&with_line(&text21(), &zero_row, &layout));
        assert_eq!(v(&o, "T4.RV.KEEP"), num(1), "{layout}");
        assert_eq!(v(&o, "T4.LD.KEEP"), num(6), "{layout}");
        assert_eq!(v(&o, "T4.LR.TOT"), num(15), "{layout}");
    }
}

#[test]
fn subtotal_column_added_to_table_three() {
    // A 法人或其他组织 小计 column after 自然人 (template-spec R5): dropped when it adds up.
    let t = text21();
    let s3 = t.find("三、收到和处理").unwrap();
    let s4 = t.find("四、政府信息公开行政复议").unwrap();
    let t3: String = t[s3..s4]
        .lines()
        .map(|l| {
            if l.contains("商业企业") && !l.contains("小计") {
                l.replacen("商业企业", "小计\t商业企业", 1)
            } else if l.ends_with("\t0\t0\t0\t0\t0\t0\t0") {
                format!("{l}\t0")
            } else {
                l.to_string()
            }
        })
        .map(|l| l + "\n")
        .collect();
    let t = format!("{}{}{}", &t[..s3], t3, &t[s4..]);
    let t = with_line(
        &t,
        "一、本年新收",
        "一、本年新收政府信息公开申请数量\t5\t3\t1\t2\t0\t0\t0\t8",
    );
    let o = run(&t);
    assert_eq!(v(&o, "T3.R1.NP"), num(5), "{:?}", codes(&o));
    assert_eq!(v(&o, "T3.R1.BIZ"), num(1));
    assert_eq!(v(&o, "T3.R1.RES"), num(2));
    assert_eq!(v(&o, "T3.R1.TOT"), num(8));
    assert_eq!(v(&o, "T3.R4.TOT"), num(0));
    assert!(!codes(&o).contains(&"PRS002"), "{:?}", codes(&o));
}

#[test]
fn tables_printed_one_cell_per_line() {
    // PDF text without its layout: a row's label alone on its line, then each value on its own.
    let t = with_line(
        &text21(),
        "（一）予以公开",
        "（一）予以公开\n6\n0\n0\n0\n0\n1\n7",
    );
    let t = with_line(&t, "1.属于国家秘密", "1.属于国家秘密\n2\n0\n0\n0\n0\n0\n2");
    let t = with_line(&t, "规章", "规章\n1\n0\n11");
    let o = run(&t);
    assert_eq!(v(&o, "T3.R3.1.NP"), num(6), "{:?}", codes(&o));
    assert_eq!(v(&o, "T3.R3.1.OTH"), num(1));
    assert_eq!(v(&o, "T3.R3.1.TOT"), num(7));
    assert_eq!(v(&o, "T3.R3.3.1.TOT"), num(2));
    assert_eq!(v(&o, "T2.A20_1.REG.ISSUED"), num(1));
    assert_eq!(v(&o, "T2.A20_1.REG.INFORCE"), num(11));
    let c = codes(&o);
    assert!(!c.contains(&"PRS001") && !c.contains(&"PRS002"), "{c:?}");
}

#[test]
fn table_four_printed_with_groups_as_rows() {
    // Transposed: the five results as columns, one row per group.
    let zero_row = ["0"; 15].join("\t");
    let rows = "类别\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n\
                行政复议\t1\t2\t3\t4\t10\n\
                未经复议直接起诉\t5\t0\t1\t0\t6\n\
                复议后起诉\t0\t0\t0\t2\t2";
    let o = run(&with_line(&text21(), &zero_row, rows));
    assert_eq!(v(&o, "T4.RV.KEEP"), num(1), "{:?}", codes(&o));
    assert_eq!(v(&o, "T4.RV.TOT"), num(10));
    assert_eq!(v(&o, "T4.LD.KEEP"), num(5));
    assert_eq!(v(&o, "T4.LD.TOT"), num(6));
    assert_eq!(v(&o, "T4.LR.PEND"), num(2));
    assert!(!codes(&o).contains(&"PRS002"), "{:?}", codes(&o));
    // A group missing: nothing is guessed, the row is reported.
    let partial = rows.rsplit_once('\n').expect("rows").0;
    let o = run(&with_line(&text21(), &zero_row, partial));
    assert_eq!(v(&o, "T4.RV.KEEP"), Value::Missing);
    assert!(codes(&o).contains(&"PRS002"), "{:?}", codes(&o));
}

#[test]
fn bare_page_number_after_a_one_cell_row_is_not_its_value() {
    // One cell per line, then a page number (PDF text): the row keeps its one value.
    let t = with_line(&text21(), "行政许可", "行政许可\n447228\n3");
    let o = run(&t);
    assert_eq!(v(&o, "T2.A20_5.LIC.DEC"), num(447228), "{:?}", codes(&o));
}

/// Every line of `text` starting with `start` replaced by `new` (the same header printed for
/// several items).
fn with_lines(text: &str, start: &str, new: &str) -> String {
    assert!(
        text.lines().any(|l| l.starts_with(start)),
        "no line {start}"
    );
    text.lines()
        .map(|l| if l.starts_with(start) { new } else { l })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_label_wrapped_over_lines_then_its_values_one_a_line() {
    // The official table's narrow label column, extracted without layout: the label on two
    // lines, each value on its own.
    let t = with_line(
        &text21(),
        "（二）部分公开",
        "（二）部分公开（区分处理的，只计这一\n情形，不计其他情形）\n0\n0\n0\n0\n0\n0\n0",
    );
    let t = with_line(
        &t,
        "5.要求行政机关确认",
        "5.要求行政机关确认或重新出具已获\n取信息\n0\n0\n0\n0\n0\n0\n0",
    );
    let o = run(&t);
    for id in ["T3.R3.2.NP", "T3.R3.2.TOT", "T3.R3.5.5.NP", "T3.R3.5.5.TOT"] {
        assert_eq!(v(&o, id), num(0), "{id}: {:?}", codes(&o));
    }
    let c = codes(&o);
    assert!(!c.contains(&"PRS001") && !c.contains(&"PRS002"), "{c:?}");
}

#[test]
fn a_row_one_cell_a_line_that_lost_blank_cells() {
    // Six values one a line, then the next label: a blank cell the extraction dropped. Where it
    // was is not printed, so every cell is 0 or blank; nothing is shifted, nothing is lost.
    let t = with_line(
        &text21(),
        "1.属于国家秘密",
        "1.属于国家秘密\n0\n0\n0\n0\n0\n0",
    );
    let o = run(&t);
    for id in ["T3.R3.3.1.NP", "T3.R3.3.1.OTH", "T3.R3.3.1.TOT"] {
        assert_eq!(cands(&o, id), [Some(0), None], "{id}");
    }
    let c = codes(&o);
    assert!(c.contains(&"PRS002") && !c.contains(&"PRS001"), "{c:?}");
    // Followed by an empty line and then more values, the run is not a row that lost cells
    // (the values after the gap may be its own): not folded, not read as one.
    let t = with_line(
        &text21(),
        "1.属于国家秘密",
        "1.属于国家秘密\n0\n0\n0\n\n0\n0\n0",
    );
    let o = run(&t);
    assert!(
        !matches!(v(&o, "T3.R3.3.1.NP"), Value::Number(_)),
        "{:?}",
        v(&o, "T3.R3.3.1.NP")
    );
}

#[test]
fn vertical_group_label_whose_characters_read_as_values() {
    // （四）无法提供 printed one character a line: its 无 is a character, not a placeholder row.
    let t = with_line(&text21(), "（四）无法提供", "（\n四\n）\n无\n法\n提\n供");
    let o = run(&t);
    assert!(!codes(&o).contains(&"PRS001"), "{:?}", codes(&o));
    assert_eq!(v(&o, "T3.R3.4.1.TOT"), num(0));
}

#[test]
fn table_two_one_cell_a_line_with_blank_cells_dropped() {
    // The 2019 表二 as a PDF's text: header cells one a line, each value on its own line, and
    // blank cells gone. 行政许可 has three columns and two values; 行政事业性收费 two and one.
    let t = with_lines(
        &text19(),
        "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
        "信息内容\n上一年项目数量\n本年增/减\n处理决定数量",
    );
    let t = with_line(&t, "行政许可", "行政许可\n396\n181");
    let t = with_line(
        &t,
        "信息内容\t上一年项目数量\t本年增/减",
        "信息内容\n上一年项目数量\n本年增/减",
    );
    let t = with_line(&t, "行政事业性收费", "行政事业性收费\n35");
    let o = run(&t);
    // No identity says where the blank was: every placement stays a candidate, in order.
    assert_eq!(cands(&o, "T2.A20_5.LIC.PREV"), [Some(396), None]);
    assert_eq!(
        cands(&o, "T2.A20_5.LIC.DELTA"),
        [Some(181), Some(396), None]
    );
    assert_eq!(cands(&o, "T2.A20_5.LIC.DEC"), [Some(181), None]);
    // One number for two columns: a blank dropped, or two digits run together (a whole row of
    // fused digits can stand on a line of its own too): every reading is a candidate.
    assert_eq!(cands(&o, "T2.A20_8.FEE.PREV"), [Some(3), Some(35), None]);
    assert_eq!(cands(&o, "T2.A20_8.FEE.DELTA"), [Some(5), Some(35), None]);
    // The rows after them are still read, in the 2019 layout.
    assert_eq!(v(&o, "T2.A20_5.SVC.DEC"), num(0));
    assert_eq!(v(&o, "T2.A20_9.PROC.AMOUNT"), num(0));
    let c = codes(&o);
    assert!(!c.contains(&"PRS001"), "{c:?}");
    assert_eq!(o.report.effective_template(), TemplateVersion::F2019);
}

#[test]
fn table_two_values_wrapped_onto_the_next_line() {
    // A wrapped row: the last value alone on the next line, read with its row.
    let t = with_line(&text21(), "规章", "规章 1 0\n11");
    let o = run(&t);
    assert_eq!(v(&o, "T2.A20_1.REG.ISSUED"), num(1));
    assert_eq!(v(&o, "T2.A20_1.REG.INFORCE"), num(11));
    assert!(codes(&o).contains(&"PRS008"), "{:?}", codes(&o));
}

#[test]
fn table_four_one_value_a_line_with_blank_cells_dropped() {
    // 表四's header cells one a line, then six values one a line and the next heading: nine
    // blank cells were dropped. Each group's 总计 settles what it can.
    let header = "行政复议\n行政诉讼\n结果维持\n结果纠正\n其他结果\n尚未审结\n总计\n未经复议直接起诉\n复议后起诉";
    let t = text21();
    let start = t.find("行政复议\t").expect("表四 header");
    let end = start + t[start..].find("\n五、").expect("section 五");
    let t = format!("{}{header}\n5\n2\n7\n8\n1\n9{}", &t[..start], &t[end..]);
    let o = run(&t);
    assert!(!codes(&o).contains(&"STR003"), "{:?}", codes(&o));
    // Printed as 行政复议 5,_,_,2,7; 未经复议直接起诉 8,_,_,1,9; 复议后起诉 all blank: each cell
    // has its true value among its candidates, and the group totals leave few.
    let truth = [
        ("RV", [Some(5), None, None, Some(2), Some(7)]),
        ("LD", [Some(8), None, None, Some(1), Some(9)]),
        ("LR", [None; 5]),
    ];
    for (g, vals) in truth {
        for (c, want) in ["KEEP", "CORR", "OTHER", "PEND", "TOT"].iter().zip(vals) {
            let id = format!("T4.{g}.{c}");
            assert!(cands(&o, &id).contains(&want), "{id}: {:?}", cands(&o, &id));
        }
    }
    assert_eq!(cands(&o, "T4.RV.KEEP"), [Some(5), None]);
    assert_eq!(cands(&o, "T4.RV.TOT"), [Some(7), None]);
    assert!(codes(&o).contains(&"PRS002"), "{:?}", codes(&o));
}

#[test]
fn table_two_one_number_for_several_columns() {
    // `行政事业性收费   35` (two columns, a space after the label): a blank cell dropped, or the
    // digits of two cells run together. 表二 has no identity to choose: both stay candidates.
    let o = run(&with_line(
        &text19(),
        "行政事业性收费",
        "行政事业性收费   35",
    ));
    assert_eq!(cands(&o, "T2.A20_8.FEE.PREV"), [Some(3), Some(35), None]);
    assert_eq!(cands(&o, "T2.A20_8.FEE.DELTA"), [Some(5), Some(35), None]);
    let c = codes(&o);
    assert!(c.contains(&"PRS002") && c.contains(&"PRS007"), "{c:?}");
    // Run into its label (no space, text without separators): digits only.
    let o = run(&with_line(&text19(), "行政事业性收费", "行政事业性收费35"));
    assert_eq!(v(&o, "T2.A20_8.FEE.PREV"), num(3));
    assert_eq!(v(&o, "T2.A20_8.FEE.DELTA"), num(5));
}

#[test]
fn table_two_short_rows_take_nothing_across_a_gap_and_keep_every_reading() {
    // A bare number after an empty line (a page number, or the row's last value after a page
    // break) does not complete a short row: it is one more candidate, never settled.
    let o = run(&with_line(&text21(), "规章", "规章 1 2\n\n7"));
    assert_ne!(v(&o, "T2.A20_1.REG.INFORCE"), num(7));
    assert_eq!(cands(&o, "T2.A20_1.REG.INFORCE"), [Some(2), Some(7), None]);
    // One number on the line after its label, with a digit for every cell: placed whole, and
    // split, both among the candidates.
    let o = run(&with_line(&text21(), "规章", "规章\n123"));
    assert_eq!(cands(&o, "T2.A20_1.REG.ISSUED"), [Some(1), Some(123), None]);
    assert_eq!(
        cands(&o, "T2.A20_1.REG.INFORCE"),
        [Some(3), Some(123), None]
    );
    assert!(codes(&o).contains(&"PRS007"), "{:?}", codes(&o));
    // Too many splits to list as candidates: the digit split reads it (PRS007 lists them), no
    // reading is dropped silently.
    let o = run(&with_line(&text21(), "规章", "规章 123456789123456"));
    assert!(matches!(v(&o, "T2.A20_1.REG.ISSUED"), Value::Ambiguous(_)));
    assert!(codes(&o).contains(&"PRS007"), "{:?}", codes(&o));
    // Values gathered from the next line and then split are that line's reading: it is not
    // reported unread afterwards.
    let o = run(&with_line(&text21(), "规章", "规章 05\n3"));
    assert!(!codes(&o).contains(&"PRS001"), "{:?}", codes(&o));
}

#[test]
fn table_four_a_lone_number_or_a_gap_is_not_a_row_with_blanks() {
    let t = text21();
    let start = t.find("行政复议\t").expect("表四 header");
    let end = start + t[start..].find("\n五、").expect("section 五");
    // A page number, a gap, then five values one a line: not read as the row with ten blanks.
    let body =
        "行政复议\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n7\n\n1\n2\n3\n1\n1";
    let o = run(&format!("{}{body}{}", &t[..start], &t[end..]));
    assert!(
        !matches!(v(&o, "T4.RV.TOT"), Value::Blank | Value::Number(_)),
        "{:?}",
        v(&o, "T4.RV.TOT")
    );
}

/// A fused row in a report that is itself wrong: （七）总计 prints 20 where its results add up to
/// 21, and its digits run together (`201000020`). No split satisfies the row's identity, but the
/// column identities (自然人 = the 自然人 results above it …) single out one reading; it is
/// used, and the broken identity is reported as the arithmetic error it is.
#[test]
fn fused_row_of_a_wrong_report_is_read_and_its_defect_reported() {
    let mut t = text21();
    for (start, row) in [
        (
            "一、本年新收",
            "一、本年新收政府信息公开申请数量\t20\t1\t0\t0\t0\t0\t21",
        ),
        ("（一）予以公开", "（一）予以公开\t20\t1\t0\t0\t0\t0\t21"),
        ("（七）总计", "（七）总计201000020"),
    ] {
        t = with_line(&t, start, row);
    }
    let o = run(&t);
    for (id, n) in [("NP", 20), ("BIZ", 1), ("RES", 0), ("OTH", 0), ("TOT", 20)] {
        assert_eq!(v(&o, &format!("T3.R3.7.{id}")), num(n), "{id}");
    }
    let settled = o
        .findings
        .iter()
        .find(|f| f.code == "PRS007" && f.message_en.contains("fails under every reading"))
        .expect("the reading says the identity it breaks");
    assert_eq!(settled.severity, nianbao_core::finding::Severity::Warning);
    assert!(
        o.findings
            .iter()
            .any(|f| f.severity == nianbao_core::finding::Severity::Error
                && f.cells
                    .contains(&Catalog::get().lookup("T3.R3.7.TOT").unwrap())),
        "the broken identity is an error: {:#?}",
        codes(&o)
    );
    // A row whose digits the column identities do not fix stays ambiguous: the same row with the
    // applicant columns elsewhere unknown (一 and （一） missing) is not settled.
    let t2 = with_line(&t, "（一）予以公开", "（一）予以公开");
    let t2 = with_line(&t2, "一、本年新收", "一、本年新收政府信息公开申请数量");
    let o = run(&t2);
    assert!(
        matches!(v(&o, "T3.R3.7.NP"), Value::Ambiguous(_)),
        "{:?}",
        v(&o, "T3.R3.7.NP")
    );
}

/// 表四 without its header: a lone row of fifteen numbers under the 四 heading whose three groups
/// add up in the template's order is the table (PRS006), not a missing one; a row that does not
/// add up is not taken.
#[test]
fn headerless_table4_under_its_heading() {
    let strip = |row: &str| {
        let t = text21();
        let lines: Vec<&str> = t.lines().collect();
        let h = lines
            .iter()
            .position(|l| l.starts_with("四、政府信息公开行政复议"))
            .unwrap();
        let mut out: Vec<String> = lines[..=h].iter().map(|s| s.to_string()).collect();
        out.push(row.to_string());
        out.extend(lines[h + 5..].iter().map(|s| s.to_string()));
        out.join("\n")
    };
    let o = run(&strip("2 1 3 1 7 0 0 0 0 0 13 2 4 0 19"));
    assert_eq!(v(&o, "T4.RV.TOT"), num(7));
    assert_eq!(v(&o, "T4.LR.KEEP"), num(13));
    assert_eq!(v(&o, "T4.LR.TOT"), num(19));
    assert!(codes(&o).contains(&"PRS006"));
    assert!(!codes(&o).contains(&"STR003"));
    let o = run(&strip("2 1 3 1 8 0 0 0 0 0 13 2 4 0 19"));
    assert_eq!(v(&o, "T4.RV.TOT"), Value::Missing);
    assert!(codes(&o).contains(&"STR003"));
}

/// Converter markdown that makes each row its own small table under a heading repeating the
/// row's label (`### (一)予以公开`, a `| 类别 | 数据1 | … | 总计 |` header, then
/// `| 予以公开 | 12 | 1 | 0 | 0 | 3 | 0 | 16 |`): every row is read, as the canonical rendering.
#[test]
fn converter_markdown_row_under_its_own_heading() {
    let mut r = zero(TemplateVersion::F2021, 2023);
    let cat = Catalog::get();
    for (id, n) in [
        ("T3.R1.NP", 12),
        ("T3.R1.BIZ", 1),
        ("T3.R1.OTH", 3),
        ("T3.R1.TOT", 16),
        ("T3.R3.1.NP", 12),
        ("T3.R3.1.BIZ", 1),
        ("T3.R3.1.OTH", 3),
        ("T3.R3.1.TOT", 16),
        ("T3.R3.7.NP", 12),
        ("T3.R3.7.BIZ", 1),
        ("T3.R3.7.OTH", 3),
        ("T3.R3.7.TOT", 16),
    ] {
        r.set(cat.lookup(id).unwrap(), Cell::of(num(n)));
    }
    let md = nianbao_core::render::markdown::render(&r);
    let header = "| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |\n| --- | --- | --- | --- | --- | --- | --- | --- |";
    let mut out = Vec::new();
    let mut in_t3 = false;
    for l in md.lines() {
        if l.starts_with("## 三、") {
            in_t3 = true;
        } else if l.starts_with("## 四、") {
            in_t3 = false;
        }
        let cells: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
        let label = cells[0];
        let numbered = label.starts_with('（') || label.contains('、');
        if in_t3 && cells.len() == 8 && numbered && !label.contains("勾稽") {
            let short = label
                .split_once('）')
                .or_else(|| label.split_once('、'))
                .map_or(label, |(_, s)| s);
            out.push(format!(
                "### {}",
                label.replace('（', "(").replace('）', ")")
            ));
            out.push(header.to_string());
            out.push(format!("| {short} | {} |", cells[1..].join(" | ")));
        } else {
            out.push(l.to_string());
        }
    }
    let t = out.join("\n");
    assert!(t.contains("### (一)予以公开\n| 类别"), "{t}");
    let o = run(&t);
    let want = run(&md);
    for ix in cat.template_cells(TemplateVersion::F2021) {
        assert_eq!(
            o.report.value(*ix),
            want.report.value(*ix),
            "{}",
            cat.def(*ix).id
        );
    }
    assert_eq!(v(&o, "T3.R3.1.TOT"), num(16));
}

/// A label fragment inside the labels of two rows (`行政机关不再处理其政府信息公`, in both （六）1
/// and （六）2): its neighbours place it: the first row not read yet, when the next line is the
/// other row by its own label (or that row is read already); two such fragments in a row stay
/// unread.
#[test]
fn label_fragment_that_fits_two_rows_is_placed_by_its_neighbours() {
    let frag = "行政机关不再处理其政府信息公";
    let one = "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请";
    let two = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请";
    let t = text21();
    let t = with_line(&t, one, &format!("{one}\t1\t0\t0\t0\t0\t0\t1"));
    let t = with_line(&t, two, &format!("{two}\t2\t0\t0\t0\t0\t0\t2"));
    let first = with_line(&t, one, &format!("{frag}\t1\t0\t0\t0\t0\t0\t1"));
    let o = run(&first);
    assert_eq!(v(&o, "T3.R3.6.1.NP"), num(1));
    assert_eq!(v(&o, "T3.R3.6.2.NP"), num(2));
    let second = with_line(&t, two, &format!("{frag}\t2\t0\t0\t0\t0\t0\t2"));
    let o = run(&second);
    assert_eq!(v(&o, "T3.R3.6.1.NP"), num(1));
    assert_eq!(v(&o, "T3.R3.6.2.NP"), num(2));
    assert!(codes(&o).contains(&"PRS004"));
    let both = with_line(&first, two, &format!("{frag}\t2\t0\t0\t0\t0\t0\t2"));
    let o = run(&both);
    assert_eq!(v(&o, "T3.R3.6.1.NP"), Value::Missing);
    assert!(codes(&o).contains(&"PRS001"));
}

/// A short 表二 row whose last value sits on a line of its own after a gap: the candidates hold
/// both readings (blank cells dropped, or the row wrapped), so the truth (55) is among them.
#[test]
fn short_table2_row_with_a_loose_value_after_a_gap() {
    let t = with_line(&text19(), "行政许可", "行政许可\t10\t2\n\n55");
    let o = run(&t);
    match v(&o, "T2.A20_5.LIC.DEC") {
        Value::Ambiguous(c) => assert!(c.contains(&Some(Decimal::from(55))), "{c:?}"),
        other => panic!("{other:?}"),
    }
    assert!(
        matches!(v(&o, "T2.A20_5.LIC.PREV"), Value::Ambiguous(c) if c.contains(&Some(Decimal::from(10))))
    );
    assert!(codes(&o).contains(&"PRS008"));
    // The loose line is the row's, not another finding.
    assert!(!codes(&o).contains(&"PRS001"));
}

/// 表四 whose data row is not printed: the numbers of another row after it (a row labelled with
/// none of 表四's words, or past narrative text) are not 表四's; its cells stay missing rather
/// than getting candidates that cannot hold the truth.
#[test]
fn table4_takes_no_other_rows_numbers() {
    let t = text21();
    let lines: Vec<&str> = t.lines().collect();
    let h = lines
        .iter()
        .position(|l| l.starts_with("四、政府信息公开行政复议"))
        .unwrap();
    for extra in [
        "涉及部门\t9\t10\t15\t27\t61",
        "本年度无相关情况。\n9\t10\t15\t27\t61",
    ] {
        let mut out: Vec<String> = lines[..h + 4].iter().map(|s| s.to_string()).collect();
        out.push(extra.to_string());
        out.extend(lines[h + 5..].iter().map(|s| s.to_string()));
        let o = run(&out.join("\n"));
        for id in ["T4.RV.KEEP", "T4.RV.TOT", "T4.LR.TOT"] {
            assert_eq!(v(&o, id), Value::Missing, "{extra}: {id}");
        }
    }
}

/// 表四's fifteen values fused into one run of digits too long to cut cell by cell (30 digits:
/// more cuts than can be listed) is cut group by group, each group's 总计 the digits that follow
/// its other cells: the one cut whose groups add up is read (PRS007 info), never a guess.
#[test]
fn table4_fused_too_long_to_cut_cell_by_cell() {
    let t = text21();
    let lines: Vec<&str> = t.lines().collect();
    let h = lines
        .iter()
        .position(|l| l.starts_with("四、政府信息公开行政复议"))
        .unwrap();
    let with_row = |row: &str| {
        let mut out: Vec<String> = lines[..=h].iter().map(|s| s.to_string()).collect();
        out.push(row.to_string());
        out.extend(lines[h + 5..].iter().map(|s| s.to_string()));
        out.join("\n")
    };
    let o = run(&with_row("123456782430000010002030541329"));
    for (id, n) in [
        ("T4.RV.KEEP", 123),
        ("T4.RV.TOT", 243),
        ("T4.LD.TOT", 0),
        ("T4.LR.KEEP", 1000),
        ("T4.LR.PEND", 4),
        ("T4.LR.TOT", 1329),
    ] {
        assert_eq!(v(&o, id), num(n), "{id}");
    }
    assert!(codes(&o).contains(&"PRS007"));
    assert!(!codes(&o).contains(&"STR003"));
    // Digits no group cut adds up in are not read at all.
    let o = run(&with_row("123456782440000010002030541329"));
    assert!(!matches!(v(&o, "T4.RV.KEEP"), Value::Number(_)));
}
