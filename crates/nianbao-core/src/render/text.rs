//! Human-readable findings, with the source line shown under each finding that has a location.

use crate::engine::Outcome;
use crate::finding::Finding;
use crate::input::Document;
use crate::model::Loc;
use crate::template::Catalog;

/// Renders an outcome for a terminal. `name` is the file name; `source` the input text, if any.
pub fn render(name: &str, outcome: &Outcome, source: Option<&str>) -> String {
    let lines: Vec<&str> = source.map(|s| s.lines().collect()).unwrap_or_default();
    render_with(name, outcome, &|loc: Loc| {
        lines
            .get((loc.line as usize).wrapping_sub(1))
            .map(|l| l.to_string())
    })
}

/// [`render`] for a paged input (PDF): the line quoted under a finding is the document line at
/// its page and line, cells separated by tabs; locations read `file#page=P:LINE:CELL`.
pub fn render_paged(name: &str, outcome: &Outcome, doc: &Document) -> String {
    let by_loc: std::collections::HashMap<(u32, u32), String> = doc
        .lines
        .iter()
        .filter_map(|l| {
            let first = l.frags.first()?.loc;
            let text: Vec<&str> = l.frags.iter().map(|f| f.text.as_str()).collect();
            Some(((first.page, first.line), text.join("\t")))
        })
        .collect();
    render_with(name, outcome, &|loc: Loc| {
        by_loc.get(&(loc.page, loc.line)).cloned()
    })
}

fn render_with(name: &str, outcome: &Outcome, line_at: &dyn Fn(Loc) -> Option<String>) -> String {
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
    for f in &outcome.findings {
        out.push_str(&finding(name, f, line_at));
    }
    out
}

fn finding(name: &str, f: &Finding, line_at: &dyn Fn(Loc) -> Option<String>) -> String {
    let mut s = format!("\n{}[{}]: {}\n", f.severity.as_str(), f.code, f.message_zh);
    s.push_str(&format!("  {}\n", f.message_en));
    if let Some(loc) = f.location {
        if loc.page > 0 {
            s.push_str(&format!(
                "  --> {name}#page={}:{}:{}\n",
                loc.page, loc.line, loc.column
            ));
        } else {
            s.push_str(&format!("  --> {name}:{}:{}\n", loc.line, loc.column));
        }
        if let Some(text) = line_at(loc) {
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
