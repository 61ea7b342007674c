//! CSV: one line per cell, header `table,row,column,row_label,column_label,value,state`.

use crate::model::Report;
use crate::template::Catalog;

/// The CSV header.
pub const HEADER: &str = "table,row,column,row_label,column_label,value,state";

fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Appends one CSV line: the fields, quoted when they need to be.
pub fn line(out: &mut String, cols: &[&str]) {
    for (k, c) in cols.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        out.push_str(&field(c));
    }
    out.push('\n');
}

/// Renders every cell of the report's template (and any present cell of the other template).
pub fn render(report: &Report) -> String {
    let cat = Catalog::get();
    let v = report.effective_template();
    let mut out = String::with_capacity(16 * 1024);
    out.push_str(HEADER);
    out.push('\n');
    for ix in report.listed_cells() {
        let d = cat.def(ix);
        let l = d.labels(v);
        let value = report.value(ix);
        let cols = [
            d.table.id(),
            d.row.as_str(),
            d.column,
            l.row_label,
            l.column_label,
            &value.display(),
            value.state(),
        ];
        line(&mut out, &cols);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Value};
    use crate::template::{TemplateVersion, t3};

    #[test]
    fn lists_every_template_cell_with_state() {
        let mut r = Report::new();
        r.metadata.template = Some(TemplateVersion::F2019);
        r.set(t3("R1", "NP"), Cell::of(Value::Number(5.into())));
        r.set(t3("R1", "BIZ"), Cell::of(Value::Placeholder("/".into())));
        let csv = render(&r);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], HEADER);
        assert_eq!(lines.len(), 1 + 22 + 161 + 15);
        assert!(lines.contains(&"T3,R1,NP,一、本年新收政府信息公开申请数量,自然人,5,number"));
        assert!(
            lines.contains(&"T3,R1,BIZ,一、本年新收政府信息公开申请数量,商业企业,/,placeholder")
        );
        assert!(lines.contains(&"T4,RV,TOT,行政复议,总计,,missing"));
        assert!(lines.iter().any(|l| {
            l.starts_with("T3,R3.2,NP,（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
        }));
    }
}
