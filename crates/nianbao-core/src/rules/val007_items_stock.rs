//! VAL007: 上一年项目数量 + 本年增/减 is negative (2019 template).
//!
//! What it checks, why, an example and the source: `docs/VAL007.md` (also served by `ListRules`).

use std::sync::OnceLock;

use rust_decimal::Decimal;

use super::{Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::template::{Catalog, CellIx, TemplateVersion};

/// VAL007.
pub struct Val007;

static INFO: RuleInfo = RuleInfo {
    code: "VAL007",
    kind: Kind::CellValues,
    severity: Severity::Error,
    title_zh: "上一年项目数量加本年增/减小于0",
    title_en: "上一年项目数量 + 本年增/减 is below 0",
    spec: &["R23"],
    templates: &[TemplateVersion::F2019],
    doc: include_str!("docs/VAL007.md"),
};

impl Rule for Val007 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let cat = Catalog::get();
        // The (PREV, DELTA) cells of each row, looked up once.
        static CELLS: OnceLock<Vec<(CellIx, CellIx)>> = OnceLock::new();
        let cells = CELLS.get_or_init(|| {
            [
                "A20_5.LIC",
                "A20_5.SVC",
                "A20_6.PUN",
                "A20_6.ENF",
                "A20_8.FEE",
            ]
            .iter()
            .filter_map(|row| {
                Some((
                    cat.lookup(&format!("T2.{row}.PREV"))?,
                    cat.lookup(&format!("T2.{row}.DELTA"))?,
                ))
            })
            .collect()
        });
        for &(p, d) in cells {
            let (Some(prev), Some(delta)) =
                (ctx.report.value(p).number(), ctx.report.value(d).number())
            else {
                continue;
            };
            if prev + delta < Decimal::ZERO {
                let label = cat.def(p).labels(TemplateVersion::F2019).row_label;
                out.push(
                    Finding::new(
                        &INFO,
                        format!("{label}：上一年项目数量 {prev} 加本年增/减 {delta} 为 {}，项目数不能为负", prev + delta),
                        format!("{label}: 上一年项目数量 {prev} + 本年增/减 {delta} = {}, a negative number of items", prev + delta),
                    )
                    .cells([p, d])
                    .at(ctx.report.cell(d).source),
                );
            }
        }
    }
}
