//! ARI003: Table 3, every row: 总计 = the six applicant columns.
//!
//! What it checks, why, an example and the source: `docs/ARI003.md` (also served by `ListRules`).

use super::{BOTH, Ctx, Kind, Rule, RuleInfo, identity_findings};
use crate::finding::{Finding, Severity};

/// ARI003.
pub struct Ari003;

static INFO: RuleInfo = RuleInfo {
    code: "ARI003",
    kind: Kind::Arithmetic,
    severity: Severity::Error,
    title_zh: "表三每行：总计 = 六类申请人之和",
    title_en: "Table 3, every row: 总计 = the six applicant columns",
    spec: &["R3"],
    templates: BOTH,
    doc: include_str!("docs/ARI003.md"),
};

impl Rule for Ari003 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        identity_findings::report(ctx, &INFO, out);
    }
}
