//! Human-readable findings, with the source line shown under each finding that has a location.

use crate::engine::Outcome;
use crate::finding::Finding;
use crate::template::Catalog;

/// Renders an outcome for a terminal. `name` is the file name; `source` the input text, if any.
pub fn render(name: &str, outcome: &Outcome, source: Option<&str>) -> String {
    let md = &outcome.report.metadata;
    let mut out = String::new();
    let counts = outcome.counts;
    out.push_str(&format!(
        "{name}: {} {} template {} — {} ({} errors, {} warnings, {} info)\n",
        md.issuing_body
            .as_deref()
            .unwrap_or("(issuing body unknown)"),
        md.report_year
            .map(|y| y.to_string())
            .unwrap_or_else(|| "(year unknown)".into()),
        outcome.report.effective_template().short(),
        outcome.verdict.as_str(),
        counts.errors,
        counts.warnings,
        counts.infos
    ));
    let lines: Vec<&str> = source.map(|s| s.lines().collect()).unwrap_or_default();
    for f in &outcome.findings {
        out.push_str(&finding(name, f, &lines));
    }
    out
}

fn finding(name: &str, f: &Finding, lines: &[&str]) -> String {
    let mut s = format!("\n{}[{}]: {}\n", f.severity.as_str(), f.code, f.message_zh);
    s.push_str(&format!("  {}\n", f.message_en));
    if let Some(loc) = f.location {
        s.push_str(&format!("  --> {name}:{}:{}\n", loc.line, loc.column));
        if let Some(text) = lines.get(loc.line as usize - 1) {
            let shown: String = text.replace('\t', " ⇥ ").chars().take(160).collect();
            s.push_str(&format!("   {:>4} | {}\n", loc.line, shown));
        }
    }
    if let (Some(e), Some(a)) = (f.expected, f.actual) {
        s.push_str(&format!(
            "  expected {}, actual {}\n",
            e.normalize(),
            a.normalize()
        ));
    }
    if !f.cells.is_empty() {
        let cat = Catalog::get();
        let names: Vec<&str> = f.cells.iter().map(|c| cat.def(*c).id.as_str()).collect();
        s.push_str(&format!("  cells: {}\n", super::list(&names)));
    }
    if let Some(fix) = &f.suggestion {
        s.push_str(&format!("  help: {fix}\n"));
    }
    s
}
