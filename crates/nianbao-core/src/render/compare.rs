//! Two years side by side: a report and last year's report of the same body. The HTML page shows
//! the key figures of both years with the change, the year-to-year links (this year's 上年结转
//! beside last year's 结转下年度 column by column; the 现行有效件数 chain) with whether they agree,
//! the cross-year findings, and the three tables in the official layout with both years' values in
//! each cell. The CSV has one line per cell with both values and the change.

use rust_decimal::Decimal;

use super::html::{Ctx, esc, findings_list, table2, table3, table4};
use crate::codes::Kind;
use crate::finding::Finding;
use crate::indicators;
use crate::model::{Report, SectionId, display_decimal};
use crate::template::Catalog;
use crate::template::cross_year::{carry_over, counted, in_force_chains};

const CSS: &str = "body{font-family:'SimSun','Songti SC',serif;max-width:260mm;margin:12mm auto;line-height:1.5;color:#000}\
h1{text-align:center;font-size:18pt}h2{font-size:13pt;margin-top:1.4em}\
table{border-collapse:collapse;width:100%;margin:0.6em 0;font-size:10pt}\
td,th{border:1px solid #000;padding:2px 4px;text-align:center;vertical-align:middle}\
td.l{text-align:left}.was{display:block;color:#555;font-size:85%}.was::before{content:'上年 '}\
.changed{background:#fff3c4}tr.mismatch td{background:#ffd6d6}tr.unknown td{color:#555}\
.findings li{margin:0.3em 0}.error{color:#b00}.warning{color:#a60}.info{color:#555}";

fn year(r: &Report) -> String {
    r.metadata
        .report_year
        .map(|y| format!("{y}年"))
        .unwrap_or_else(|| "年度不明".into())
}

fn num(n: Option<Decimal>) -> String {
    n.map(|n| display_decimal(&n)).unwrap_or_default()
}

/// Whether a finding's rule is a cross-year rule (XYR*), by the rule catalogue.
fn cross_year(f: &Finding) -> bool {
    crate::rules::registry::catalogue()
        .binary_search_by_key(&f.code, |r| r.code)
        .is_ok_and(|i| crate::rules::registry::catalogue()[i].kind == Kind::CrossYear)
}

/// The comparison page. `findings`: the findings of `now` evaluated with `then` as last year's
/// report (only the cross-year ones are listed).
pub fn html(now: &Report, then: &Report, findings: &[Finding]) -> String {
    let title = format!(
        "{}：与{}对比",
        super::plain::title(now),
        super::plain::title(then)
    );
    let (y_now, y_then) = (year(now), year(then));
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{t}</title><style>{CSS}</style></head><body>\n<h1>{t}</h1>\n",
        t = esc(&title)
    );

    // Key figures.
    out.push_str(&format!(
        "<section class=\"figures\"><h2>关键数字 / Key figures</h2>\n<table>\n<tr><th>指标 / figure</th><th>上年 / last year ({y_then})</th><th>本年 / this year ({y_now})</th><th>变化 / change</th></tr>\n"
    ));
    for c in indicators::with_previous(&indicators::figures(now), Some(then)) {
        let change = c
            .change
            .map(|d| {
                let s = display_decimal(&d);
                if d > Decimal::ZERO {
                    format!("+{s}")
                } else {
                    s
                }
            })
            .unwrap_or_default();
        out.push_str(&format!(
            "<tr data-figure=\"{}\"><td class=\"l\">{} / {}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            c.now.id,
            c.now.label_zh,
            c.now.label_en,
            num(c.previous),
            num(c.now.value),
            change
        ));
    }
    out.push_str("</table></section>\n");

    // Year-to-year links.
    let cat = Catalog::get();
    out.push_str(&format!(
        "<section class=\"links\"><h2>跨年度衔接 / Year-to-year links</h2>\n<table>\n<tr><th>衔接 / link</th><th>本年报告 / this year ({y_now})</th><th>上年报告 / last year ({y_then})</th><th>结果 / result</th></tr>\n"
    ));
    let status = |ok: Option<bool>| match ok {
        Some(true) => ("ok", "一致 / agrees"),
        Some(false) => ("mismatch", "不一致 / differs"),
        None => ("unknown", "无法比较 / cannot compare"),
    };
    for link in carry_over() {
        let (a, b) = (now.value(link.now), then.value(link.then));
        let (class, said) = status(counted(a).zip(counted(b)).map(|(x, y)| x == y));
        out.push_str(&format!(
            "<tr class=\"link {class}\"><td class=\"l\">本年“上年结转” = 上年“结转下年度”（{}）</td><td data-cell=\"{}\">{}</td><td data-prev-cell=\"{}\">{}</td><td>{said}</td></tr>\n",
            link.column.label,
            cat.def(link.now).id,
            esc(&super::cell_text(a)),
            cat.def(link.then).id,
            esc(&super::cell_text(b)),
        ));
    }
    for chain in in_force_chains() {
        let (i, r, f) = (
            now.value(chain.issued).number(),
            now.value(chain.repealed).number(),
            now.value(chain.in_force).number(),
        );
        let before = then.value(chain.in_force).number();
        let expected = match (before, i, r) {
            (Some(b), Some(i), Some(r)) => Some(b + i - r),
            _ => None,
        };
        let (class, said) = status(expected.zip(f).map(|(e, f)| e == f));
        let said = match expected {
            Some(e) => format!(
                "{said}（上年 {} + 制发 {} − 废止 {} = {}）",
                num(before),
                num(i),
                num(r),
                display_decimal(&e)
            ),
            None => said.to_string(),
        };
        out.push_str(&format!(
            "<tr class=\"link {class}\"><td class=\"l\">{}现行有效件数 = 上年现行有效件数 + 本年制发 − 本年废止</td><td data-cell=\"{}\">{}</td><td data-prev-cell=\"{}\">{}</td><td>{}</td></tr>\n",
            chain.label,
            cat.def(chain.in_force).id,
            esc(&super::cell_text(now.value(chain.in_force))),
            cat.def(chain.in_force).id,
            esc(&super::cell_text(then.value(chain.in_force))),
            esc(&said)
        ));
    }
    out.push_str("</table></section>\n");

    // Cross-year findings.
    let cross: Vec<Finding> = findings.iter().filter(|f| cross_year(f)).cloned().collect();
    out.push_str(
        "<section class=\"crossyear findings\"><h2>跨年度检查发现 / Cross-year findings</h2>",
    );
    if cross.is_empty() {
        out.push_str("<p>无 / none</p>");
    } else {
        findings_list(&cross, &mut out);
    }
    out.push_str("</section>\n");

    // The tables, both years in each cell.
    let ctx = Ctx {
        report: now,
        flagged: Vec::new(),
        previous: Some(then),
    };
    let v = now.effective_template();
    out.push_str("<section class=\"tables\">\n");
    for id in [
        SectionId::ProactiveDisclosure,
        SectionId::Requests,
        SectionId::ReviewLitigation,
    ] {
        out.push_str(&format!("<h2>{}</h2>\n", id.canonical()));
        match id {
            SectionId::ProactiveDisclosure => table2(&ctx, v, &mut out),
            SectionId::Requests => table3(&ctx, v, &mut out),
            _ => table4(&ctx, &mut out),
        }
    }
    out.push_str("</section>\n</body></html>\n");
    out
}

/// The CSV header of the comparison.
pub const CSV_HEADER: &str =
    "table,row,column,row_label,column_label,previous,current,change,previous_state,current_state";

/// One line per cell of either report's template: last year's value, this year's, the change
/// (when both are numbers) and both states.
pub fn csv(now: &Report, then: &Report) -> String {
    let cat = Catalog::get();
    let v = now.effective_template();
    let mut cells = now.listed_cells();
    for ix in then.listed_cells() {
        if !cells.contains(&ix) {
            cells.push(ix);
        }
    }
    cells.sort();
    let mut out = String::with_capacity(32 * 1024);
    out.push_str(CSV_HEADER);
    out.push('\n');
    for ix in cells {
        let d = cat.def(ix);
        let l = d.labels(v);
        let (a, b) = (then.value(ix), now.value(ix));
        let change = a
            .number()
            .zip(b.number())
            .map(|(x, y)| display_decimal(&(y - x)))
            .unwrap_or_default();
        let cols = [
            d.table.id(),
            d.row.as_str(),
            d.column,
            l.row_label,
            l.column_label,
            &a.display(),
            &b.display(),
            &change,
            a.state(),
            b.state(),
        ];
        super::csv::line(&mut out, &cols);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Value};
    use crate::template::{TemplateVersion, t3};

    fn report(year: u32, r2: i64, r4: i64) -> Report {
        let mut r = Report::all_zero(TemplateVersion::F2021, year);
        r.set(t3("R2", "NP"), Cell::of(Value::Number(r2.into())));
        r.set(t3("R4", "NP"), Cell::of(Value::Number(r4.into())));
        r
    }

    #[test]
    fn carry_over_links_show_both_years_and_whether_they_agree() {
        let then = report(2023, 0, 3);
        let page = html(&report(2024, 3, 0), &then, &[]);
        assert!(page.contains("<td data-cell=\"T3.R2.NP\">3</td><td data-prev-cell=\"T3.R4.NP\">3</td><td>一致 / agrees</td>"), "{page}");
        assert!(page.contains("<tr class=\"link ok\">"));
        let page = html(&report(2024, 2, 0), &then, &[]);
        assert!(page.contains("<tr class=\"link mismatch\"><td class=\"l\">本年“上年结转” = 上年“结转下年度”（自然人）</td><td data-cell=\"T3.R2.NP\">2</td><td data-prev-cell=\"T3.R4.NP\">3</td>"), "{page}");
        // Each table cell carries both years, marked when they differ.
        assert!(page.contains("<td class=\"changed\" data-cell=\"T3.R2.NP\"><span class=\"now\">2</span><span class=\"was\">0</span></td>"), "{page}");
        assert!(page.contains("<td data-cell=\"T3.R1.NP\"><span class=\"now\">0</span><span class=\"was\">0</span></td>"));
    }

    #[test]
    fn csv_has_both_values_and_the_change() {
        let out = csv(&report(2024, 2, 0), &report(2023, 0, 3));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], CSV_HEADER);
        assert!(
            lines.contains(&"T3,R2,NP,二、上年结转政府信息公开申请数量,自然人,0,2,2,number,number"),
            "{out}"
        );
        assert!(
            lines.contains(&"T3,R4,NP,四、结转下年度继续办理,自然人,3,0,-3,number,number"),
            "{out}"
        );
    }
}
