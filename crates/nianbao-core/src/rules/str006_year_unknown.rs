//! STR006: the report year could not be determined.
//!
//! What it checks, why, an example and the source: `docs/STR006.md` (also served by `ListRules`).

use super::{BOTH, Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};

/// STR006.
pub struct Str006;

static INFO: RuleInfo = RuleInfo {
    code: "STR006",
    kind: Kind::Structure,
    severity: Severity::Warning,
    title_zh: "无法确定报告年度",
    title_en: "The report year could not be determined",
    spec: &["S4", "S6"],
    templates: BOTH,
    doc: include_str!("docs/STR006.md"),
};

impl Rule for Str006 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        if ctx.report.metadata.report_year.is_some() {
            return;
        }
        out.push(Finding::new(
            &INFO,
            format!(
                "未能从标题中确定报告年度；按{}年格式检查",
                ctx.template.short()
            ),
            format!(
                "no report year found in the title; checked against the {} template",
                ctx.template.short()
            ),
        ));
    }
}
