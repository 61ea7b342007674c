//! What ties a report to last year's report of the same body: the carry-over (this year's
//! 上年结转 is last year's 结转下年度, column by column) and the 现行有效件数 chain (last year's in
//! force + issued − repealed = this year's in force). Read by the cross-year rules (XYR001,
//! XYR002) and by the two-year comparison rendering.

use rust_decimal::Decimal;

use super::{Catalog, CellIx, ColumnDef, T3_COLS, t3};
use crate::model::Value;

/// One column of the carry-over: `now` (this year's 上年结转) must equal `then` (last year's
/// 结转下年度).
#[derive(Debug, Clone, Copy)]
pub struct CarryOver {
    pub column: &'static ColumnDef,
    pub now: CellIx,
    pub then: CellIx,
}

/// The carry-over, one link per 表三 column.
pub fn carry_over() -> impl Iterator<Item = CarryOver> {
    T3_COLS.iter().map(|c| CarryOver {
        column: c,
        now: t3("R2", c.id),
        then: t3("R4", c.id),
    })
}

/// One 现行有效件数 chain of 表二 (2021 template): last year's `in_force` + this year's `issued`
/// − this year's `repealed` = this year's `in_force`.
#[derive(Debug, Clone, Copy)]
pub struct InForceChain {
    /// The row: 规章 or 行政规范性文件.
    pub label: &'static str,
    pub issued: CellIx,
    pub repealed: CellIx,
    pub in_force: CellIx,
}

/// The chains whose cells the template has (the 2021 template's 第二十条第（一）项 rows).
pub fn in_force_chains() -> Vec<InForceChain> {
    let cat = Catalog::get();
    [("REG", "规章"), ("NORM", "行政规范性文件")]
        .into_iter()
        .filter_map(|(row, label)| {
            let id = |c: &str| cat.lookup(&format!("T2.A20_1.{row}.{c}"));
            Some(InForceChain {
                label,
                issued: id("ISSUED")?,
                repealed: id("REPEALED")?,
                in_force: id("INFORCE")?,
            })
        })
        .collect()
}

/// A cell's value as the carry-over counts it: a number, with blank and placeholder cells
/// counted as 0 (template-spec §11.2); `None` when missing or unsettled.
pub fn counted(v: &Value) -> Option<Decimal> {
    match v {
        Value::Number(n) => Some(*n),
        Value::Blank | Value::Placeholder(_) => Some(Decimal::ZERO),
        _ => None,
    }
}
