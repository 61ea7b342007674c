//! ARI001: Table 3, every column: 一 + 二 = （七）总计 + 四.
//!
//! What it checks, why, an example and the source: `docs/ARI001.md` (also served by `ListRules`).

use super::{BOTH, Ctx, Kind, Rule, RuleInfo, identity_findings};
use crate::finding::{Finding, Severity};

/// ARI001.
pub struct Ari001;

static INFO: RuleInfo = RuleInfo {
    code: "ARI001",
    kind: Kind::Arithmetic,
    severity: Severity::Error,
    title_zh: "表三每列：一+二 = （七）总计+四",
    title_en: "Table 3, every column: 一 + 二 = （七）总计 + 四",
    spec: &["R1"],
    templates: BOTH,
    doc: include_str!("docs/ARI001.md"),
};

impl Rule for Ari001 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        identity_findings::report(ctx, &INFO, out);
    }
}
