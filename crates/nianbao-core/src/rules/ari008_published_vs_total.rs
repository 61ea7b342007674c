//! ARI008: 本年新公开数量 ≤ 对外公开总数量 (2019 template).
//!
//! What it checks, why, an example and the source: `docs/ARI008.md` (also served by `ListRules`).

use std::sync::OnceLock;

use super::{Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::template::{Catalog, CellIx, TemplateVersion};

/// ARI008.
pub struct Ari008;

static INFO: RuleInfo = RuleInfo {
    code: "ARI008",
    kind: Kind::Arithmetic,
    severity: Severity::Warning,
    title_zh: "本年新公开数量大于对外公开总数量",
    title_en: "本年新公开数量 exceeds 对外公开总数量",
    spec: &["R24"],
    templates: &[TemplateVersion::F2019],
    doc: include_str!("docs/ARI008.md"),
};

impl Rule for Ari008 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let cat = Catalog::get();
        // The (PUB, TOTAL) cells of each row, looked up once.
        type Row = (&'static str, Option<(CellIx, CellIx)>);
        static CELLS: OnceLock<[Row; 2]> = OnceLock::new();
        let cells = CELLS.get_or_init(|| {
            [("REG", "规章"), ("NORM", "规范性文件")].map(|(row, label)| {
                let p = cat.lookup(&format!("T2.A20_1.{row}.PUB"));
                let t = cat.lookup(&format!("T2.A20_1.{row}.TOTAL"));
                (label, p.zip(t))
            })
        });
        for &(label, cells) in cells {
            let Some((p, t)) = cells else {
                continue;
            };
            let (Some(published), Some(total)) =
                (ctx.report.value(p).number(), ctx.report.value(t).number())
            else {
                continue;
            };
            if published > total {
                out.push(
                    Finding::new(
                        &INFO,
                        format!("{label}：本年新公开 {published} 件，多于对外公开总数 {total} 件"),
                        format!("{label}: {published} newly published this year, more than the {total} published in all"),
                    )
                    .cells([p, t])
                    .at(ctx.report.cell(p).source)
                    .compare(total, published),
                );
            }
        }
    }
}
