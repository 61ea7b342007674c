//! XYR005: tables or text identical to last year's report (内容雷同).
//!
//! What it checks, why, an example and the source: `docs/XYR005.md` (also served by `ListRules`).

use super::{BOTH, Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::model::Value;
use crate::template::{Catalog, Table};

/// XYR005.
pub struct Xyr005;

static INFO: RuleInfo = RuleInfo {
    code: "XYR005",
    kind: Kind::CrossYear,
    severity: Severity::Warning,
    title_zh: "与上一年度报告内容雷同",
    title_en: "Content identical to last year's report",
    spec: &["S6", "D3"],
    templates: BOTH,
    doc: include_str!("docs/XYR005.md"),
};

impl Rule for Xyr005 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let Some(prev) = ctx.previous else { return };
        let cat = Catalog::get();
        for t in Table::ALL {
            let cells: Vec<_> = ctx
                .listed_cells()
                .iter()
                .copied()
                .filter(|c| cat.def(*c).table == t)
                .collect();
            let same = cells.iter().all(|c| ctx.report.value(*c) == prev.value(*c));
            // Tables of zeros (a township with no requests) are legitimately alike.
            let nonzero = cells
                .iter()
                .any(|c| matches!(ctx.report.value(*c), Value::Number(n) if !n.is_zero()));
            if !cells.is_empty() && same && nonzero {
                out.push(
                    Finding::new(
                        &INFO,
                        format!("{}与上一年度报告完全相同", t.name_zh()),
                        format!("{} is identical to last year's report", t.name_en()),
                    )
                    .cells(cells),
                );
            }
        }
        for s in &ctx.report.sections {
            if s.text.chars().count() < 50 {
                continue;
            }
            if prev.section(s.id).is_some_and(|p| p.text == s.text) {
                out.push(
                    Finding::new(
                        &INFO,
                        format!("第{}部分正文与上一年度报告完全相同", s.id.numeral()),
                        format!(
                            "the text of section {} is identical to last year's report",
                            s.id.numeral()
                        ),
                    )
                    .at(s.location),
                );
            }
        }
    }
}
