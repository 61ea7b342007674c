//! VAL003: placeholder cells ("/", "—", "无") in a table (one warning per table).
//!
//! What it checks, why, an example and the source: `docs/VAL003.md` (also served by `ListRules`).

use super::{BOTH, Ctx, Kind, Rule, RuleInfo, per_table};
use crate::finding::{Finding, Severity};
use crate::model::Value;

/// VAL003.
pub struct Val003;

static INFO: RuleInfo = RuleInfo {
    code: "VAL003",
    kind: Kind::CellValues,
    severity: Severity::Warning,
    title_zh: "表格中有占位符单元格（“/”“—”“无”）",
    title_en: "Placeholder cells (\"/\", \"—\", \"无\") in a table",
    spec: &["§11.2"],
    templates: BOTH,
    doc: include_str!("docs/VAL003.md"),
};

impl Rule for Val003 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        per_table(
            ctx,
            &INFO,
            |v| matches!(v, Value::Placeholder(_)),
            ("填写了占位符而不是数字", "placeholders instead of numbers"),
            (
                "模板要求填写数字（包括0），勾稽检查时按0计",
                "the template asks for numbers, 0 included; they are read as 0 for the identities",
            ),
            out,
        );
    }
}
