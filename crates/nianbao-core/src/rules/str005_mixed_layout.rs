//! STR005: the tables of one report follow different templates.
//!
//! What it checks, why, an example and the source: `docs/STR005.md` (also served by `ListRules`).

use super::{BOTH, Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::template::TemplateVersion;

/// STR005.
pub struct Str005;

static INFO: RuleInfo = RuleInfo {
    code: "STR005",
    kind: Kind::Structure,
    severity: Severity::Warning,
    title_zh: "各表格所用格式不一致",
    title_en: "Tables printed in different templates",
    spec: &["S2", "§11.1"],
    templates: BOTH,
    doc: include_str!("docs/STR005.md"),
};

impl Rule for Str005 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let layouts = &ctx.report.table_layouts;
        let due = ctx.template;
        let off: Vec<_> = layouts.iter().filter(|(_, v)| *v != due).collect();
        if off.is_empty() || off.len() == layouts.len() {
            return;
        }
        for (t, v) in off {
            let other = if *v == TemplateVersion::F2019 {
                "2019"
            } else {
                "2021"
            };
            out.push(Finding::new(
                &INFO,
                format!(
                    "{}按{}年格式印制，其余表格为{}年格式",
                    t.name_zh(),
                    other,
                    due.short()
                ),
                format!(
                    "{} is printed in the {} layout while the report follows the {} template",
                    t.name_en(),
                    other,
                    due.short()
                ),
            ));
        }
    }
}
