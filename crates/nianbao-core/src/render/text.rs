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
        if let Some(text) = lines.get((loc.line as usize).wrapping_sub(1)) {
            // A window of the line around the column (HTML pages can be one long line).
            let chars: Vec<char> = text.chars().collect();
            let col = (loc.column as usize).saturating_sub(1).min(chars.len());
            let from = col.saturating_sub(40);
            let to = (from + 160).min(chars.len());
            let shown: String = chars[from..to]
                .iter()
                .collect::<String>()
                .replace('\t', " ⇥ ");
            let (pre, post) = (
                if from > 0 { "…" } else { "" },
                if to < chars.len() { "…" } else { "" },
            );
            s.push_str(&format!("   {:>4} | {pre}{shown}{post}\n", loc.line));
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
