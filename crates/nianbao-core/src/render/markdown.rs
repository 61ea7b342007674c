//! Markdown: canonical headings, the tables as pipe tables (Markdown has no merged cells: group
//! labels get a row of their own), the narrative as paragraphs. Optionally a findings list.

use crate::finding::Finding;
use crate::model::{Report, SectionId};
use crate::template::{
    Catalog, T3_COLS, T3_NOTE, T4_COLS, T4_GROUPS, T4_LITIGATION, Table, items_t2,
};

fn cell(report: &Report, table: Table, row: &str, col: &str) -> String {
    // Missing and unsettled cells print their markers (`缺失`, `待定：…`), read back as such.
    Catalog::get()
        .cell(table, row, col)
        .map(|ix| super::cell_text(report.value(ix)))
        .unwrap_or_default()
}

fn row(cells: &[String]) -> String {
    format!(
        "| {} |\n",
        cells
            .iter()
            .map(|c| c.replace('|', "\\|"))
            .collect::<Vec<_>>()
            .join(" | ")
    )
}

/// Renders the report as Markdown.
pub fn render(report: &Report) -> String {
    render_findings(report, &[])
}

/// Renders the report, then its findings.
pub fn render_findings(report: &Report, findings: &[Finding]) -> String {
    let v = report.effective_template();
    let mut out = format!("# {}\n\n", super::plain::title(report));
    for id in SectionId::ALL {
        out.push_str(&format!("## {}\n\n", id.canonical()));
        match id {
            SectionId::ProactiveDisclosure => {
                for it in items_t2(v) {
                    out.push_str(&format!("{}\n\n", it.caption));
                    let mut head = vec!["信息内容".to_string()];
                    head.extend(it.cols.iter().map(|c| c.label.to_string()));
                    out.push_str(&row(&head));
                    out.push_str(&row(&vec!["---".to_string(); head.len()]));
                    for (rid, rl) in it.rows {
                        let mut r = vec![rl.to_string()];
                        r.extend(
                            it.cols.iter().map(|c| {
                                cell(report, Table::T2, &format!("{}.{rid}", it.id), c.id)
                            }),
                        );
                        out.push_str(&row(&r));
                    }
                    out.push('\n');
                }
            }
            SectionId::Requests => {
                let mut head = vec![T3_NOTE.to_string()];
                head.extend(T3_COLS.iter().map(|c| c.label.to_string()));
                out.push_str(&row(&head));
                out.push_str(&row(&vec!["---".to_string(); head.len()]));
                for r in super::t3_rows(report) {
                    if r.data {
                        let mut cells = vec![r.label.to_string()];
                        cells.extend(T3_COLS.iter().map(|c| cell(report, Table::T3, r.id, c.id)));
                        out.push_str(&row(&cells));
                    } else {
                        out.push_str(&row(&[r.label.to_string()]));
                    }
                }
                out.push('\n');
            }
            SectionId::ReviewLitigation => {
                let mut head: Vec<String> = Vec::new();
                for (_, _, path) in &T4_GROUPS {
                    head.extend(T4_COLS.iter().map(|c| format!("{path} {}", c.label)));
                }
                out.push_str(&format!(
                    "{} / {T4_LITIGATION}\n\n{}",
                    T4_GROUPS[0].1,
                    row(&head)
                ));
                out.push_str(&row(&vec!["---".to_string(); head.len()]));
                let vals: Vec<String> = T4_GROUPS
                    .iter()
                    .flat_map(|(g, _, _)| {
                        T4_COLS
                            .iter()
                            .map(move |c| cell(report, Table::T4, g, c.id))
                    })
                    .collect();
                out.push_str(&row(&vals));
                out.push('\n');
            }
            _ => {}
        }
        if let Some(s) = report.section(id) {
            for p in s.text.lines().filter(|l| !l.trim().is_empty()) {
                out.push_str(&format!("{p}\n\n"));
            }
        }
    }
    if !findings.is_empty() {
        let cat = Catalog::get();
        out.push_str("## 检查发现 / Findings\n\n");
        for f in findings {
            let cells: Vec<&str> = f.cells.iter().map(|c| cat.def(*c).id.as_str()).collect();
            let loc = f
                .location
                .map(|l| format!(" (line {}, column {})", l.line, l.column))
                .unwrap_or_default();
            out.push_str(&format!(
                "- **{} {}**{loc}: {} / {}",
                f.code,
                f.severity.as_str(),
                f.message_zh,
                f.message_en
            ));
            if !cells.is_empty() {
                out.push_str(&format!(" — `{}`", cells.join("`, `")));
            }
            if let Some(s) = &f.suggestion {
                out.push_str(&format!(" — fix: {s}"));
            }
            out.push('\n');
        }
    }
    out
}
