//! STR003: one of the three fixed tables is absent.
//!
//! What it checks, why, an example and the source: `docs/STR003.md` (also served by `ListRules`).

use super::{BOTH, Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::template::Table;

/// STR003.
pub struct Str003;

static INFO: RuleInfo = RuleInfo {
    code: "STR003",
    kind: Kind::Structure,
    severity: Severity::Error,
    title_zh: "缺少规定的表格",
    title_en: "A required table is missing",
    spec: &["S1", "§7.4"],
    templates: BOTH,
    doc: include_str!("docs/STR003.md"),
};

impl Rule for Str003 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        for t in Table::ALL {
            // A table printed, however little of it could be read, is not missing (its cells
            // are: VAL005).
            if ctx.report.table_printed(t) {
                continue;
            }
            let mut f = Finding::new(
                &INFO,
                format!("未找到{}，其全部单元格缺失，相关规则无法检查", t.name_zh()),
                format!(
                    "{} was not found; all its cells are missing and its rules cannot be assessed",
                    t.name_en()
                ),
            );
            if ctx.lenient_2019() {
                f = f.severity(Severity::Warning);
            }
            out.push(f);
        }
    }
}
