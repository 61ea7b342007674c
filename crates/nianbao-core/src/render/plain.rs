//! Canonical plain text: the title, the six canonical headings with their text, and the three
//! tables with tab-separated cells in the official row and column order. The text reader reads it
//! back to the same cells and states ([`super::cell_text`]: numbers, blanks and placeholders as
//! printed; a missing cell as `缺失`, read back as missing; an unsettled (ambiguous) one as
//! `待定：6、62、623` with its candidates, or `?` when it has none, read back as ambiguous).

use crate::model::{Report, SectionId};
use crate::template::{
    Catalog, T3_APPLICANTS, T3_COLS, T3_NOTE, T3_ORGANISATIONS, T4_COLS, T4_GROUPS, T4_LITIGATION,
    Table, TemplateVersion, items_t2, t3_organisation_labels,
};

fn cell_text(report: &Report, table: Table, row: &str, col: &str) -> String {
    let cat = Catalog::get();
    cat.cell(table, row, col)
        .map(|ix| super::cell_text(report.value(ix)))
        .unwrap_or_default()
}

/// The canonical title.
pub fn title(report: &Report) -> String {
    let md = &report.metadata;
    match (&md.issuing_body, md.report_year) {
        (Some(b), Some(y)) => format!("{b}{y}年政府信息公开工作年度报告"),
        _ => md
            .title
            .clone()
            .unwrap_or_else(|| "政府信息公开工作年度报告".to_string()),
    }
}

/// Renders the report as canonical text.
pub fn render(report: &Report) -> String {
    let v = report.effective_template();
    let mut out = String::with_capacity(8 * 1024);
    out.push_str(&title(report));
    out.push_str("\n\n");
    for id in SectionId::ALL {
        out.push_str(id.canonical());
        out.push('\n');
        match id {
            SectionId::ProactiveDisclosure => table2(report, v, &mut out),
            SectionId::Requests => table3(report, v, &mut out),
            SectionId::ReviewLitigation => table4(report, &mut out),
            _ => {}
        }
        if let Some(s) = report.section(id).filter(|s| !s.text.is_empty()) {
            out.push_str(&s.text);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

fn table2(report: &Report, v: TemplateVersion, out: &mut String) {
    for it in items_t2(v) {
        out.push_str(it.caption);
        out.push('\n');
        out.push_str("信息内容");
        for c in it.cols {
            out.push('\t');
            out.push_str(c.label);
        }
        out.push('\n');
        for (rid, rl) in it.rows {
            out.push_str(rl);
            for c in it.cols {
                out.push('\t');
                out.push_str(&cell_text(
                    report,
                    Table::T2,
                    &format!("{}.{rid}", it.id),
                    c.id,
                ));
            }
            out.push('\n');
        }
    }
}

fn table3(report: &Report, _v: TemplateVersion, out: &mut String) {
    out.push_str(T3_NOTE);
    let orgs: Vec<&str> = t3_organisation_labels().collect();
    out.push_str(&format!(
        "\t{T3_APPLICANTS}\n\t{}\t{T3_ORGANISATIONS}\t\t\t\t\t{}\n\t\t{}\n",
        T3_COLS[0].label,
        T3_COLS[6].label,
        orgs.join("\t")
    ));
    for r in super::t3_rows(report) {
        out.push_str(r.label);
        if r.data {
            for c in &T3_COLS {
                out.push('\t');
                out.push_str(&cell_text(report, Table::T3, r.id, c.id));
            }
        }
        out.push('\n');
    }
}

fn table4(report: &Report, out: &mut String) {
    let cols: Vec<&str> = T4_COLS.iter().map(|c| c.label).collect();
    let cols = cols.join("\t");
    out.push_str(&format!("{}\t\t\t\t\t{T4_LITIGATION}\n", T4_GROUPS[0].1));
    out.push_str(&format!(
        "{cols}\t{}\t\t\t\t\t{}\n",
        T4_GROUPS[1].1, T4_GROUPS[2].1
    ));
    out.push_str(&format!("\t\t\t\t\t{cols}\t{cols}\n"));
    let mut first = true;
    for (g, _, _) in &T4_GROUPS {
        for c in &T4_COLS {
            if !first {
                out.push('\t');
            }
            first = false;
            out.push_str(&cell_text(report, Table::T4, g, c.id));
        }
    }
    out.push('\n');
}
