//! VAL001: a count or amount is negative where the template allows only non-negative values.
//!
//! What it checks, why, an example and the source: `docs/VAL001.md` (also served by `ListRules`).

use rust_decimal::Decimal;

use super::{BOTH, Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::template::{Catalog, ValueKind};

/// VAL001.
pub struct Val001;

static INFO: RuleInfo = RuleInfo {
    code: "VAL001",
    kind: Kind::CellValues,
    severity: Severity::Error,
    title_zh: "数量或金额为负数",
    title_en: "Negative count or amount",
    spec: &["R4", "R15", "R18", "R23"],
    templates: BOTH,
    doc: include_str!("docs/VAL001.md"),
};

/// `n < 0`, without a Decimal comparison (-0 is not negative).
fn negative(n: &Decimal) -> bool {
    n.is_sign_negative() && !n.is_zero()
}

impl Rule for Val001 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let cat = Catalog::get();
        for &ix in ctx.listed_cells() {
            // The value first: most cells are not negative numbers.
            let Some(n) = ctx.report.value(ix).number().filter(negative) else {
                continue;
            };
            let def = cat.def(ix);
            if def.kind() != ValueKind::SignedCount {
                out.push(
                    Finding::new(
                        &INFO,
                        format!("{} 为负数 {}，该单元格只能填非负数", def.id, n.normalize()),
                        format!(
                            "{} is negative ({}); this cell takes non-negative values only",
                            def.id,
                            n.normalize()
                        ),
                    )
                    .cells([ix])
                    .at(ctx.report.cell(ix).source),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_is_below_zero() {
        let mut values = vec![
            Decimal::ZERO,
            -Decimal::ZERO,
            Decimal::new(0, 3),
            Decimal::new(-0, 3),
            Decimal::MIN,
            Decimal::MAX,
            Decimal::new(-1, 28),
            Decimal::new(1, 28),
        ];
        let mut negative_zero = Decimal::new(5, 2);
        negative_zero.set_sign_negative(true);
        negative_zero -= Decimal::new(-5, 2);
        values.push(negative_zero);
        for m in [-1000i64, -7, -1, 0, 1, 7, 1000] {
            for s in 0..4 {
                values.push(Decimal::new(m, s));
                let mut z = Decimal::new(m, s) - Decimal::new(m, s);
                z.set_sign_negative(true);
                values.push(z);
            }
        }
        for n in values {
            assert_eq!(negative(&n), n < Decimal::ZERO, "{n:?}");
        }
    }
}
