//! XYR001: this year's 上年结转 equals last year's 结转下年度, in every column.
//!
//! What it checks, why, an example and the source: `docs/XYR001.md` (also served by `ListRules`).

use super::{BOTH, Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::template::cross_year::{carry_over, counted};

/// XYR001.
pub struct Xyr001;

static INFO: RuleInfo = RuleInfo {
    code: "XYR001",
    kind: Kind::CrossYear,
    severity: Severity::Warning,
    title_zh: "上年结转与上一年度报告的结转下年度不一致",
    title_en: "上年结转 differs from last year's 结转下年度",
    spec: &["R7"],
    templates: BOTH,
    doc: include_str!("docs/XYR001.md"),
};

impl Rule for Xyr001 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let Some(prev) = ctx.previous else { return };
        // The first 2019-template report (year 2019) has no 结转 row the year before.
        if ctx.report.metadata.report_year == Some(2019) {
            return;
        }
        let mut missing = Vec::new();
        for link in carry_over() {
            let (c, now, then) = (link.column, link.now, link.then);
            match (counted(ctx.report.value(now)), counted(prev.value(then))) {
                (Some(a), Some(b)) if a != b => out.push(
                    Finding::new(
                        &INFO,
                        format!("表三“{}”列：上年结转 {}，上一年度报告的结转下年度为 {}", c.label, a.normalize(), b.normalize()),
                        format!("table 3 column {} ({}): 上年结转 is {} but last year's report carried {} forward", c.id, c.label, a.normalize(), b.normalize()),
                    )
                    .cells([now])
                    .at(ctx.report.cell(now).source)
                    .compare(b, a)
                    .suggest(format!("核对 {} / check {}: expected {}", c.label, c.id, b.normalize())),
                ),
                (Some(_), Some(_)) => {}
                _ => missing.push(now),
            }
        }
        if !missing.is_empty() {
            out.push(
                Finding::new(
                    &INFO,
                    format!("有 {} 列无法与上一年度比较（单元格缺失）", missing.len()),
                    format!(
                        "{} columns could not be compared with last year (cells missing)",
                        missing.len()
                    ),
                )
                .cells(missing)
                .not_assessable(),
            );
        }
    }
}
