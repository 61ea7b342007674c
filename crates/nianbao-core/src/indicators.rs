//! Key figures, defined once: what `Summarize` returns per report and sums over many.

use rust_decimal::Decimal;

use crate::model::{Report, Value};
use crate::template::{CellIx, t3, t4};

/// A key figure's definition.
#[derive(Debug)]
pub struct Indicator {
    pub id: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    /// The cells summed.
    cells: fn() -> Vec<CellIx>,
}

/// A computed figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub id: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    /// None when a needed cell is missing or ambiguous.
    pub value: Option<Decimal>,
    /// False when any needed cell was not a printed number.
    pub complete: bool,
}

/// The key figures.
pub static INDICATORS: &[Indicator] = &[
    Indicator {
        id: "applications_new",
        label_zh: "本年新收申请",
        label_en: "applications received this year",
        cells: || vec![t3("R1", "TOT")],
    },
    Indicator {
        id: "applications_carried_over",
        label_zh: "上年结转申请",
        label_en: "applications carried over from last year",
        cells: || vec![t3("R2", "TOT")],
    },
    Indicator {
        id: "applications_total",
        label_zh: "申请总数（一+二）",
        label_en: "applications to handle (一 + 二)",
        cells: || vec![t3("R1", "TOT"), t3("R2", "TOT")],
    },
    Indicator {
        id: "handled",
        label_zh: "本年办理（七）总计",
        label_en: "handled this year (（七）总计)",
        cells: || vec![t3("R3.7", "TOT")],
    },
    Indicator {
        id: "disclosed",
        label_zh: "予以公开",
        label_en: "disclosed",
        cells: || vec![t3("R3.1", "TOT")],
    },
    Indicator {
        id: "partly_disclosed",
        label_zh: "部分公开",
        label_en: "partly disclosed",
        cells: || vec![t3("R3.2", "TOT")],
    },
    Indicator {
        id: "carried_forward",
        label_zh: "结转下年度继续办理",
        label_en: "carried forward to next year",
        cells: || vec![t3("R4", "TOT")],
    },
    Indicator {
        id: "administrative_review",
        label_zh: "行政复议总计",
        label_en: "administrative reviews",
        cells: || vec![t4("RV", "TOT")],
    },
    Indicator {
        id: "litigation",
        label_zh: "行政诉讼总计",
        label_en: "lawsuits",
        cells: || vec![t4("LD", "TOT"), t4("LR", "TOT")],
    },
];

/// Computes the key figures of one report.
pub fn figures(report: &Report) -> Vec<Figure> {
    INDICATORS
        .iter()
        .map(|ind| {
            let mut sum = Decimal::ZERO;
            let mut complete = true;
            let mut value = Some(());
            for c in (ind.cells)() {
                match report.value(c) {
                    Value::Number(n) => sum += n,
                    Value::Blank | Value::Placeholder(_) => complete = false,
                    Value::Missing | Value::Ambiguous(_) => {
                        complete = false;
                        value = None;
                    }
                }
            }
            Figure {
                id: ind.id,
                label_zh: ind.label_zh,
                label_en: ind.label_en,
                value: value.map(|_| sum),
                complete,
            }
        })
        .collect()
}

/// Sums figures over reports; a figure missing in any report makes the total incomplete.
pub fn total<'a>(per_report: impl IntoIterator<Item = &'a [Figure]>) -> Vec<Figure> {
    let mut out: Vec<Figure> = INDICATORS
        .iter()
        .map(|i| Figure {
            id: i.id,
            label_zh: i.label_zh,
            label_en: i.label_en,
            value: Some(Decimal::ZERO),
            complete: true,
        })
        .collect();
    for figs in per_report {
        for (t, f) in out.iter_mut().zip(figs) {
            t.complete &= f.complete;
            match f.value {
                Some(v) => t.value = t.value.map(|s| s + v),
                None => t.complete = false,
            }
        }
    }
    out
}
