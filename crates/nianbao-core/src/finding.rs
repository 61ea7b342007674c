//! Findings are plain data; renderers (text, CSV, proto) live apart.

use rust_decimal::Decimal;

use crate::codes::RuleInfo;
use crate::model::Loc;
use crate::template::CellIx;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    /// "error", "warning", "info".
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    pub message_zh: String,
    pub message_en: String,
    pub cells: Vec<CellIx>,
    pub location: Option<Loc>,
    pub expected: Option<Decimal>,
    pub actual: Option<Decimal>,
    pub not_assessable: bool,
    pub suggestion: Option<String>,
}

impl Finding {
    /// A finding of `rule` with its default severity.
    pub fn new(rule: &RuleInfo, zh: impl Into<String>, en: impl Into<String>) -> Finding {
        Finding {
            code: rule.code,
            severity: rule.severity,
            message_zh: zh.into(),
            message_en: en.into(),
            cells: Vec::new(),
            location: None,
            expected: None,
            actual: None,
            not_assessable: false,
            suggestion: None,
        }
    }

    /// Sets the severity.
    pub fn severity(mut self, s: Severity) -> Finding {
        self.severity = s;
        self
    }

    /// Sets the cells involved.
    pub fn cells(mut self, cells: impl IntoIterator<Item = CellIx>) -> Finding {
        self.cells = cells.into_iter().collect();
        self
    }

    /// Sets the source location.
    pub fn at(mut self, loc: Option<Loc>) -> Finding {
        self.location = loc;
        self
    }

    /// Sets expected and actual values.
    pub fn compare(mut self, expected: Decimal, actual: Decimal) -> Finding {
        self.expected = Some(expected);
        self.actual = Some(actual);
        self
    }

    /// Marks the finding as "not assessable" (info).
    pub fn not_assessable(mut self) -> Finding {
        self.not_assessable = true;
        self.severity = Severity::Info;
        self
    }

    /// Sets a suggested fix.
    pub fn suggest(mut self, s: impl Into<String>) -> Finding {
        self.suggestion = Some(s.into());
        self
    }
}

/// The overall verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Verdict {
    Pass,
    PassWithWarnings,
    Fail,
}

impl Verdict {
    /// "pass", "pass_with_warnings", "fail".
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::PassWithWarnings => "pass_with_warnings",
            Verdict::Fail => "fail",
        }
    }
}

/// Counts per severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub errors: u32,
    pub warnings: u32,
    pub infos: u32,
}

impl Counts {
    /// Counts the findings.
    pub fn of(findings: &[Finding]) -> Counts {
        let mut c = Counts::default();
        for f in findings {
            match f.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }

    /// The verdict these counts give.
    pub fn verdict(&self) -> Verdict {
        if self.errors > 0 {
            Verdict::Fail
        } else if self.warnings > 0 {
            Verdict::PassWithWarnings
        } else {
            Verdict::Pass
        }
    }
}

/// Sorts findings: severity, then position, then code (stable and deterministic).
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (
            a.severity,
            a.location.is_none(),
            a.location,
            a.code,
            &a.message_en,
        )
            .cmp(&(
                b.severity,
                b.location.is_none(),
                b.location,
                b.code,
                &b.message_en,
            ))
    });
}
