//! VAL005: cells of a table that the input does not contain at all (one warning per table).
//!
//! What it checks, why, an example and the source: `docs/VAL005.md` (also served by `ListRules`).

use super::{BOTH, Ctx, Kind, Rule, RuleInfo, per_table};
use crate::finding::{Finding, Severity};
use crate::model::Value;

/// VAL005.
pub struct Val005;

static INFO: RuleInfo = RuleInfo {
    code: "VAL005",
    kind: Kind::CellValues,
    severity: Severity::Warning,
    title_zh: "表格中有单元格缺失",
    title_en: "Cells missing from a table",
    spec: &["§11.2"],
    templates: BOTH,
    doc: include_str!("docs/VAL005.md"),
};

impl Rule for Val005 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        // A table absent altogether is STR003's; this rule is about partly missing tables.
        let mut found = Vec::new();
        per_table(
            ctx,
            &INFO,
            |v| matches!(v, Value::Missing),
            ("缺失（输入中没有）", "missing from the input"),
            (
                "需要它们的勾稽关系无法检查（不按0计）",
                "identities that need them are not assessable (never read as 0)",
            ),
            &mut found,
        );
        let cat = crate::template::Catalog::get();
        // A 2021 report printing a single （六） row: its sub-rows stay missing by design (STR005).
        if found.is_empty() {
            return;
        }
        let single_six = crate::template::prints_single_six(ctx.report);
        for mut f in found {
            if !f
                .cells
                .first()
                .is_some_and(|c| ctx.report.table_printed(cat.def(*c).table))
            {
                continue;
            }
            if single_six {
                let before = f.cells.len();
                f.cells.retain(|c| !cat.def(*c).row.starts_with("R3.6."));
                if f.cells.is_empty() {
                    continue;
                }
                if f.cells.len() != before {
                    let t = cat.def(f.cells[0]).table;
                    let ids = super::ids(&f.cells);
                    f.message_zh = format!(
                        "{}有 {} 个单元格缺失（输入中没有）（{ids}）；需要它们的勾稽关系无法检查（不按0计）",
                        t.name_zh(),
                        f.cells.len()
                    );
                    f.message_en = format!(
                        "{}: {} cells are missing from the input ({ids}); identities that need them are not assessable (never read as 0)",
                        t.name_en(),
                        f.cells.len()
                    );
                }
            }
            out.push(f);
        }
    }
}
