//! ARI006: balance failures that cancel out across applicant columns (applicant type
//! misclassified).
//!
//! What it checks, why, an example and the source: `docs/ARI006.md` (also served by `ListRules`).

use rust_decimal::Decimal;

use super::{BOTH, Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::template::T3_COLS;
use crate::template::identities::Outcome;

/// ARI006.
pub struct Ari006;

static INFO: RuleInfo = RuleInfo {
    code: "ARI006",
    kind: Kind::Arithmetic,
    severity: Severity::Warning,
    title_zh: "申请人类型可能填错（各列误差相互抵消）",
    title_en: "Applicant type probably misclassified (column errors cancel out)",
    spec: &["R11"],
    templates: BOTH,
    doc: include_str!("docs/ARI006.md"),
};

impl Rule for Ari006 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let ev = ctx.identities();
        let mut failing = Vec::new();
        let mut total_holds = false;
        for (k, (id, outcome)) in ev.of("ARI001").enumerate() {
            match outcome {
                Outcome::Fails { lhs, rhs } if k < 6 => failing.push((k, *lhs - *rhs, id)),
                Outcome::Holds if k == 6 => total_holds = true,
                _ => {}
            }
        }
        let net: Decimal = failing.iter().map(|f| f.1).sum();
        if failing.len() >= 2 && total_holds && net.is_zero() {
            let cols: Vec<&str> = failing.iter().map(|f| T3_COLS[f.0].label).collect();
            out.push(
                Finding::new(
                    &INFO,
                    format!("“{}”列的一+二与（七）+四的差额相互抵消，总计列平衡：申请人类型可能填错", cols.join("”“")),
                    format!("the balance errors of columns {} cancel out and the 总计 column balances: applications were probably counted under the wrong applicant type", cols.join(", ")),
                )
                .cells(failing.iter().flat_map(|f| f.2.cells()))
                .suggest("核对各列申请人类型 / check which applicant type each application was counted under"),
            );
        }
    }
}
