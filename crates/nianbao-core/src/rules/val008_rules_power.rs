//! VAL008: 规章 figures from a body that cannot make 规章.
//!
//! What it checks, why, an example and the source: `docs/VAL008.md` (also served by `ListRules`).

use std::sync::OnceLock;

use super::{BOTH, Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::model::Value;
use crate::template::Catalog;

/// VAL008.
pub struct Val008;

static INFO: RuleInfo = RuleInfo {
    code: "VAL008",
    kind: Kind::CellValues,
    severity: Severity::Warning,
    title_zh: "无规章制定权的机关填报了规章数",
    title_en: "规章 figures from a body without 规章-making power",
    spec: &["R21"],
    templates: BOTH,
    doc: include_str!("docs/VAL008.md"),
};

/// Townships, streets and county-level bodies cannot make 规章 (立法法).
pub fn without_rule_power(body: &str) -> bool {
    let b: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    b.ends_with('镇')
        || b.ends_with('乡')
        || b.contains("街道")
        || b.ends_with("镇人民政府")
        || b.ends_with("乡人民政府")
        || (b.contains('县') && !b.contains('市'))
}

impl Rule for Val008 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let Some(body) = ctx.report.metadata.issuing_body.as_deref() else {
            return;
        };
        if !without_rule_power(body) {
            return;
        }
        // Which catalogue cells are in the 规章 row, by index (computed once).
        static REG: OnceLock<Vec<bool>> = OnceLock::new();
        let reg = REG.get_or_init(|| {
            let cat = Catalog::get();
            cat.all().map(|c| cat.def(c).row == "A20_1.REG").collect()
        });
        let cells: Vec<_> = ctx
            .listed_cells()
            .iter()
            .copied()
            .filter(|c| {
                reg[c.0 as usize]
                    && matches!(ctx.report.value(*c), Value::Number(n) if !n.is_zero())
            })
            .collect();
        if !cells.is_empty() {
            out.push(
                Finding::new(
                    &INFO,
                    format!("{body}无规章制定权，但表二“规章”一行填了非零数字"),
                    format!("{body} cannot make 规章, but the 规章 row of table 2 holds non-zero figures"),
                )
                .cells(cells.clone())
                .at(ctx.report.cell(cells[0]).source),
            );
        }
    }
}
