//! ARI004: Table 4, every group: 总计 = the four results.
//!
//! What it checks, why, an example and the source: `docs/ARI004.md` (also served by `ListRules`).

use super::{BOTH, Ctx, Kind, Rule, RuleInfo, identity_findings};
use crate::finding::{Finding, Severity};

/// ARI004.
pub struct Ari004;

static INFO: RuleInfo = RuleInfo {
    code: "ARI004",
    kind: Kind::Arithmetic,
    severity: Severity::Error,
    title_zh: "表四每组：总计 = 维持+纠正+其他+尚未审结",
    title_en: "Table 4, every group: 总计 = the four results",
    spec: &["R12", "R13", "R14"],
    templates: BOTH,
    doc: include_str!("docs/ARI004.md"),
};

impl Rule for Ari004 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        identity_findings::report(ctx, &INFO, out);
    }
}
