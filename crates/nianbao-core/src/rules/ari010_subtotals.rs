//! ARI010: a subtotal row the report added equals the sum of its sub-items.
//!
//! What it checks, why, an example and the source: `docs/ARI010.md` (also served by `ListRules`).

use rust_decimal::Decimal;

use super::{BOTH, Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::model::Value;
use crate::template::{T3_COLS, rows_t3, t3};

/// ARI010.
pub struct Ari010;

static INFO: RuleInfo = RuleInfo {
    code: "ARI010",
    kind: Kind::Arithmetic,
    severity: Severity::Error,
    title_zh: "报告自加的小计行不等于其各分项之和",
    title_en: "An added subtotal row differs from the sum of its sub-items",
    spec: &["R5", "S5"],
    templates: BOTH,
    doc: include_str!("docs/ARI010.md"),
};

impl Rule for Ari010 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let rows = rows_t3(ctx.template);
        for (group, values, loc) in &ctx.report.subtotals {
            let prefix = format!("{group}.");
            let subs: Vec<&str> = rows
                .iter()
                .filter(|r| r.data && r.id.starts_with(&prefix))
                .map(|r| r.id)
                .collect();
            let label = rows
                .iter()
                .find(|r| r.id == group)
                .map(|r| r.label)
                .unwrap_or("");
            for (c, v) in T3_COLS.iter().zip(values) {
                let Value::Number(printed) = v else { continue };
                let parts: Option<Decimal> = subs
                    .iter()
                    .map(|r| ctx.report.value(t3(r, c.id)).number())
                    .sum();
                let Some(sum) = parts else { continue };
                if sum != *printed {
                    out.push(
                        Finding::new(
                            &INFO,
                            format!("报告自加的“{label}”小计行“{}”列为 {printed}，其分项之和为 {sum}", c.label),
                            format!("the added subtotal row {label} prints {printed} in column {}, its sub-items sum to {sum}", c.id),
                        )
                        .cells(subs.iter().map(|r| t3(r, c.id)))
                        .at(*loc)
                        .compare(sum, *printed),
                    );
                }
            }
        }
    }
}
