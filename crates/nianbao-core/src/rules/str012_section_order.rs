//! STR012: the six sections are not printed in order.
//!
//! What it checks, why, an example and the source: `docs/STR012.md` (also served by `ListRules`).

use super::{BOTH, Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};

/// STR012.
pub struct Str012;

static INFO: RuleInfo = RuleInfo {
    code: "STR012",
    kind: Kind::Structure,
    severity: Severity::Error,
    title_zh: "六个部分未按顺序排列",
    title_en: "The six sections are not in order",
    spec: &["S1"],
    templates: BOTH,
    doc: include_str!("docs/STR012.md"),
};

impl Rule for Str012 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        // Sections are listed in document order; each must come after the ones before it.
        let mut highest: Option<crate::model::SectionId> = None;
        for s in &ctx.report.sections {
            match highest {
                Some(h) if s.id.number() < h.number() => {
                    let mut f = Finding::new(
                        &INFO,
                        format!(
                            "第{}部分“{}”印在第{}部分之后，应在其前",
                            s.id.numeral(),
                            s.heading,
                            h.numeral()
                        ),
                        format!(
                            "section {} (\"{}\") is printed after section {}; it belongs before it",
                            s.id.numeral(),
                            s.heading,
                            h.numeral()
                        ),
                    )
                    .at(s.location)
                    .suggest("按一至六的顺序排列各部分 / put the sections in order 一 to 六");
                    if ctx.lenient_2019() {
                        f = f.severity(Severity::Warning);
                    }
                    out.push(f);
                }
                _ => highest = Some(s.id),
            }
        }
    }
}
