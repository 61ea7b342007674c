//! A standalone, printable HTML page in the official layout: the six canonical headings, and the
//! three tables with the merged cells (rowspan/colspan) of the official tables. Optionally the
//! cells that have findings are highlighted and the findings listed (a findings report).

use crate::finding::Finding;
use crate::model::{Report, SectionId, Value};
use crate::template::{
    Catalog, CellIx, T3_APPLICANTS, T3_COLS, T3_NOTE, T3_ORGANISATIONS, T4_COLS, T4_GROUPS,
    T4_LITIGATION, Table, TemplateVersion, items_t2, t3_organisation_labels, t3_results_label,
};

const CSS: &str = "body{font-family:'SimSun','Songti SC',serif;max-width:210mm;margin:20mm auto;line-height:1.6;color:#000}\
h1{text-align:center;font-size:20pt}h2{font-size:14pt;margin-top:1.5em}\
table{border-collapse:collapse;width:100%;margin:0.8em 0;font-size:10.5pt}\
td,th{border:1px solid #000;padding:2px 4px;text-align:center;vertical-align:middle}\
td.l{text-align:left}.flag{background:#ffd6d6;outline:2px solid #c00}\
.findings li{margin:0.3em 0}.error{color:#b00}.warning{color:#a60}.info{color:#555}\
@media print{body{margin:0}.findings{page-break-before:always}}";

pub(super) fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub(super) struct Ctx<'a> {
    pub(super) report: &'a Report,
    pub(super) flagged: Vec<CellIx>,
    /// Last year's report: each cell shows both years (the comparison rendering).
    pub(super) previous: Option<&'a Report>,
}

impl Ctx<'_> {
    fn cell(&self, ix: Option<CellIx>) -> String {
        let Some(ix) = ix else {
            return "<td></td>".into();
        };
        // Missing and unsettled cells print their markers (`缺失`, `待定：…`, `?`), read back as
        // such; the title says what the marker means. A unit follows numbers only (after a
        // marker or placeholder it would make the cell unreadable).
        let value = self.report.value(ix);
        let title = match value {
            Value::Missing => {
                " title=\"缺失：输入中没有，或该行未能读取 / missing: not in the input, or its row could not be read\""
            }
            Value::Ambiguous(c) if c.is_empty() => " title=\"无法辨认 / unreadable\"",
            Value::Ambiguous(_) => {
                " title=\"待定：数值无法确定，列出的是候选值 / unsettled: the candidates are listed\""
            }
            _ => "",
        };
        let text = super::cell_text(value);
        let unit = match value {
            Value::Number(_) => self.report.cell(ix).unit.clone().unwrap_or_default(),
            _ => String::new(),
        };
        let id = &Catalog::get().def(ix).id;
        if let Some(prev) = self.previous {
            // Both years: this year's value, last year's below it; `changed` when they differ.
            let was = prev.value(ix);
            let class = if was != value {
                " class=\"changed\""
            } else {
                ""
            };
            return format!(
                "<td{class} data-cell=\"{id}\"><span class=\"now\">{}{}</span><span class=\"was\">{}</span></td>",
                esc(&text),
                esc(&unit),
                esc(&super::cell_text(was))
            );
        }
        let class = if self.flagged.contains(&ix) {
            " class=\"flag\""
        } else {
            ""
        };
        format!(
            "<td{class}{title} data-cell=\"{id}\">{}{}</td>",
            esc(&text),
            esc(&unit)
        )
    }
}

/// Renders the report page.
pub fn render(report: &Report) -> String {
    page(report, &[])
}

/// Renders the report with the cells that have findings highlighted and the findings listed.
pub fn render_findings(report: &Report, findings: &[Finding]) -> String {
    page(report, findings)
}

fn page(report: &Report, findings: &[Finding]) -> String {
    let v = report.effective_template();
    let ctx = Ctx {
        report,
        flagged: findings
            .iter()
            .filter(|f| f.severity != crate::finding::Severity::Info)
            .flat_map(|f| f.cells.iter().copied())
            .collect(),
        previous: None,
    };
    let title = super::plain::title(report);
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{}</title><style>{CSS}</style></head><body>\n<h1>{}</h1>\n",
        esc(&title),
        esc(&title)
    );
    for id in SectionId::ALL {
        out.push_str(&format!("<h2>{}</h2>\n", id.canonical()));
        match id {
            SectionId::ProactiveDisclosure => table2(&ctx, v, &mut out),
            SectionId::Requests => table3(&ctx, v, &mut out),
            SectionId::ReviewLitigation => table4(&ctx, &mut out),
            _ => {}
        }
        if let Some(s) = report.section(id) {
            for p in s.text.lines().filter(|l| !l.trim().is_empty()) {
                out.push_str(&format!("<p>{}</p>\n", esc(p)));
            }
        }
    }
    if !findings.is_empty() {
        out.push_str("<section class=\"findings\"><h2>检查发现 / Findings</h2>");
        findings_list(findings, &mut out);
        out.push_str("</section>\n");
    }
    out.push_str("</body></html>\n");
    out
}

/// The findings as an ordered list: code, severity, location, both messages, cells, fix.
pub(super) fn findings_list(findings: &[Finding], out: &mut String) {
    out.push_str("<ol>\n");
    let cat = Catalog::get();
    for f in findings {
        let cells: Vec<&str> = f.cells.iter().map(|c| cat.def(*c).id.as_str()).collect();
        let loc = f
            .location
            .map(|l| format!(" [{}:{}]", l.line, l.column))
            .unwrap_or_default();
        let fix = f
            .suggestion
            .as_ref()
            .map(|s| format!("<br>建议 / fix: {}", esc(s)))
            .unwrap_or_default();
        out.push_str(&format!(
            "<li class=\"{}\"><b>{} {}</b>{} {}<br>{}<br><small>{}</small>{}</li>\n",
            f.severity.as_str(),
            f.code,
            f.severity.as_str(),
            esc(&loc),
            esc(&f.message_zh),
            esc(&f.message_en),
            esc(&cells.join(", ")),
            fix
        ));
    }
    out.push_str("</ol>");
}

pub(super) fn table2(ctx: &Ctx<'_>, v: TemplateVersion, out: &mut String) {
    let cat = Catalog::get();
    // 表二 is four layout columns wide in both templates (信息内容 + at most three figures).
    let width = 4;
    out.push_str("<table class=\"t2\">\n");
    for it in items_t2(v) {
        out.push_str(&format!(
            "<tr><td colspan=\"{width}\"><b>{}</b></td></tr>\n",
            it.caption
        ));
        // Items with one or two columns span the rest of the width with their last column.
        let span = |k: usize| {
            if k + 1 == it.cols.len() {
                width - it.cols.len()
            } else {
                1
            }
        };
        out.push_str("<tr><td>信息内容</td>");
        for (k, c) in it.cols.iter().enumerate() {
            out.push_str(&format!("<td colspan=\"{}\">{}</td>", span(k), c.label));
        }
        out.push_str("</tr>\n");
        for (rid, rl) in it.rows {
            out.push_str(&format!("<tr><td class=\"l\">{rl}</td>"));
            for (k, c) in it.cols.iter().enumerate() {
                let cell = ctx.cell(cat.cell(Table::T2, &format!("{}.{rid}", it.id), c.id));
                out.push_str(&cell.replacen("<td", &format!("<td colspan=\"{}\"", span(k)), 1));
            }
            out.push_str("</tr>\n");
        }
    }
    out.push_str("</table>\n");
}

pub(super) fn table3(ctx: &Ctx<'_>, _v: TemplateVersion, out: &mut String) {
    let cat = Catalog::get();
    let rows = super::t3_rows(ctx.report);
    let results = rows
        .iter()
        .filter(|r| r.id.starts_with("R3.") && r.data)
        .count();
    out.push_str("<table class=\"t3\">\n");
    out.push_str(&format!(
        "<tr><td colspan=\"3\" rowspan=\"3\">{T3_NOTE}</td><td colspan=\"7\">{T3_APPLICANTS}</td></tr>\n"
    ));
    out.push_str(&format!(
        "<tr><td rowspan=\"2\">{}</td><td colspan=\"5\">{T3_ORGANISATIONS}</td><td rowspan=\"2\">{}</td></tr>\n<tr>",
        T3_COLS[0].label, T3_COLS[6].label
    ));
    for l in t3_organisation_labels() {
        out.push_str(&format!("<td>{l}</td>"));
    }
    out.push_str("</tr>\n");
    let values = |id: &str| -> String {
        T3_COLS
            .iter()
            .map(|c| ctx.cell(cat.cell(Table::T3, id, c.id)))
            .collect()
    };
    let mut first_result = true;
    let mut k = 0;
    while k < rows.len() {
        let r = rows[k];
        match r.level {
            0 if r.data => out.push_str(&format!(
                "<tr><td colspan=\"3\" class=\"l\">{}</td>{}</tr>\n",
                r.label,
                values(r.id)
            )),
            0 => {} // 三、本年度办理结果: printed as a vertical cell with its first row
            1 if r.data => {
                let lead = if first_result {
                    format!("<td rowspan=\"{results}\">{}</td>", t3_results_label())
                } else {
                    String::new()
                };
                first_result = false;
                out.push_str(&format!(
                    "<tr>{lead}<td colspan=\"2\" class=\"l\">{}</td>{}</tr>\n",
                    r.label,
                    values(r.id)
                ));
            }
            1 => {
                // A group: its label spans its sub-items.
                let subs: Vec<_> = rows[k + 1..].iter().take_while(|s| s.level == 2).collect();
                for (j, s) in subs.iter().enumerate() {
                    let lead = if first_result && j == 0 {
                        format!("<td rowspan=\"{results}\">{}</td>", t3_results_label())
                    } else {
                        String::new()
                    };
                    if j == 0 {
                        first_result = false;
                    }
                    let group = if j == 0 {
                        format!("<td rowspan=\"{}\">{}</td>", subs.len(), r.label)
                    } else {
                        String::new()
                    };
                    out.push_str(&format!(
                        "<tr>{lead}{group}<td class=\"l\">{}</td>{}</tr>\n",
                        s.label,
                        values(s.id)
                    ));
                }
                k += subs.len();
            }
            _ => {}
        }
        k += 1;
    }
    out.push_str("</table>\n");
}

pub(super) fn table4(ctx: &Ctx<'_>, out: &mut String) {
    let cat = Catalog::get();
    out.push_str(&format!("<table class=\"t4\">\n<tr><td colspan=\"5\">{}</td><td colspan=\"10\">{T4_LITIGATION}</td></tr>\n<tr>", T4_GROUPS[0].1));
    for c in &T4_COLS {
        out.push_str(&format!("<td rowspan=\"2\">{}</td>", c.label));
    }
    out.push_str(&format!(
        "<td colspan=\"5\">{}</td><td colspan=\"5\">{}</td></tr>\n<tr>",
        T4_GROUPS[1].1, T4_GROUPS[2].1
    ));
    for _ in 0..2 {
        for c in &T4_COLS {
            out.push_str(&format!("<td>{}</td>", c.label));
        }
    }
    out.push_str("</tr>\n<tr>");
    for (g, _, _) in &T4_GROUPS {
        for c in &T4_COLS {
            out.push_str(&ctx.cell(cat.cell(Table::T4, g, c.id)));
        }
    }
    out.push_str("</tr>\n</table>\n");
}
