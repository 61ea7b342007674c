//! VAL002: blank cells in a table (one warning per table).
//!
//! What it checks, why, an example and the source: `docs/VAL002.md` (also served by `ListRules`).

use super::{BOTH, Ctx, Kind, Rule, RuleInfo, per_table};
use crate::finding::{Finding, Severity};
use crate::model::Value;

/// VAL002.
pub struct Val002;

static INFO: RuleInfo = RuleInfo {
    code: "VAL002",
    kind: Kind::CellValues,
    severity: Severity::Warning,
    title_zh: "表格中有空白单元格",
    title_en: "Blank cells in a table",
    spec: &["§11.2"],
    templates: BOTH,
    doc: include_str!("docs/VAL002.md"),
};

impl Rule for Val002 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        per_table(
            ctx,
            &INFO,
            |v| matches!(v, Value::Blank),
            ("为空白", "blank"),
            (
                "模板要求填写数字（包括0），勾稽检查时按0计",
                "the template asks for numbers, 0 included; they are read as 0 for the identities",
            ),
            out,
        );
    }
}
