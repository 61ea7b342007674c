//! NAR002: review and litigation figures quoted in the text disagree with 表四.
//!
//! What it checks, why, an example and the source: `docs/NAR002.md` (also served by `ListRules`).

use std::sync::OnceLock;

use rust_decimal::Decimal;

use super::{BOTH, Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::template::{CellIx, t4};

/// NAR002.
pub struct Nar002;

static INFO: RuleInfo = RuleInfo {
    code: "NAR002",
    kind: Kind::Narrative,
    severity: Severity::Warning,
    title_zh: "正文中的行政复议、行政诉讼件数与表四不符",
    title_en: "Review or litigation figures in the text disagree with table 4",
    spec: &["R16"],
    templates: BOTH,
    doc: include_str!("docs/NAR002.md"),
};

impl Rule for Nar002 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        static RV: OnceLock<regex::Regex> = OnceLock::new();
        static LIT: OnceLock<regex::Regex> = OnceLock::new();
        let rv = RV.get_or_init(|| {
            regex::Regex::new(r"行政复议(?:案件)?(?:共)?(\d+)\s*件").expect("regex")
        });
        let lit = LIT.get_or_init(|| {
            regex::Regex::new(r"(?:行政)?诉讼(?:案件)?(?:共)?(\d+)\s*件").expect("regex")
        });
        // The 总计 cells of 行政复议 and the two 行政诉讼 groups, looked up once.
        static TOT: OnceLock<[CellIx; 3]> = OnceLock::new();
        let [rv_tot, ld_tot, lr_tot] =
            *TOT.get_or_init(|| ["RV", "LD", "LR"].map(|g| t4(g, "TOT")));
        let v = |c: CellIx| ctx.report.value(c).number();
        let review = v(rv_tot);
        let litigation = v(ld_tot).zip(v(lr_tot)).map(|(a, b)| a + b);
        for s in &ctx.report.sections {
            if !s.text.contains("复议") && !s.text.contains("诉讼") {
                continue;
            }
            for (re, want, what, cells) in [
                (rv, review.map(|r| vec![r]), "行政复议", vec![rv_tot]),
                (
                    lit,
                    litigation.map(|l| vec![l, v(ld_tot).unwrap_or_default()]),
                    "行政诉讼",
                    vec![ld_tot, lr_tot],
                ),
            ] {
                let Some(want) = want else { continue };
                for c in re.captures_iter(&s.text) {
                    let Ok(n) = c[1].parse::<Decimal>() else {
                        continue;
                    };
                    if want.contains(&n) {
                        continue;
                    }
                    let phrase = c.get(0).map(|m| m.as_str()).unwrap_or("");
                    out.push(
                        Finding::new(
                            &INFO,
                            format!(
                                "第{}部分写“{phrase}”，表四{what}总计为 {}",
                                s.id.numeral(),
                                want[0].normalize()
                            ),
                            format!(
                                "section {} says \"{phrase}\", table 4 gives {what} {}",
                                s.id.numeral(),
                                want[0].normalize()
                            ),
                        )
                        .cells(cells.clone())
                        .at(s.location)
                        .compare(want[0], n),
                    );
                }
            }
        }
    }
}
