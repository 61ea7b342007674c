//! STR004: the report's tables follow the wrong template for its year.
//!
//! What it checks, why, an example and the source: `docs/STR004.md` (also served by `ListRules`).

use super::{BOTH, Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::template::TemplateVersion;

/// STR004.
pub struct Str004;

static INFO: RuleInfo = RuleInfo {
    code: "STR004",
    kind: Kind::Structure,
    severity: Severity::Error,
    title_zh: "所用格式与报告年度不符",
    title_en: "Wrong template for the report year",
    spec: &["S2"],
    templates: BOTH,
    doc: include_str!("docs/STR004.md"),
};

impl Rule for Str004 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let (Some(year), Some(used)) = (
            ctx.report.metadata.report_year,
            ctx.report.metadata.template,
        ) else {
            return;
        };
        let due = TemplateVersion::for_year(year);
        if used == due {
            return;
        }
        let mut f = Finding::new(
            &INFO,
            format!("{year}年度报告应使用{}的格式，表格却是{}的格式", due.notice(), used.notice()),
            format!("a report for {year} must use the {} template ({}), but its tables follow the {} template", due.short(), due.notice(), used.short()),
        )
        .suggest(format!("改用{}的表格 / use the {} tables", due.notice(), due.short()));
        if ctx.lenient_2019() {
            f = f.severity(Severity::Warning);
        }
        out.push(f);
    }
}
