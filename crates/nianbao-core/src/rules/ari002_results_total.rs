//! ARI002: Table 3, every column: （七）总计 = the result rows.
//!
//! What it checks, why, an example and the source: `docs/ARI002.md` (also served by `ListRules`).

use super::{BOTH, Ctx, Kind, Rule, RuleInfo, identity_findings};
use crate::finding::{Finding, Severity};

/// ARI002.
pub struct Ari002;

static INFO: RuleInfo = RuleInfo {
    code: "ARI002",
    kind: Kind::Arithmetic,
    severity: Severity::Error,
    title_zh: "表三每列：（七）总计 = （一）至（六）之和",
    title_en: "Table 3, every column: （七）总计 = the result rows",
    spec: &["R2", "R2'"],
    templates: BOTH,
    doc: include_str!("docs/ARI002.md"),
};

impl Rule for Ari002 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        identity_findings::report(ctx, &INFO, out);
    }
}
