//! Codes the readers emit while mapping a report onto the template (PRS001, PRS002, PRS004,
//! PRS005, PRS006, PRS007, PRS008). Their logic lives in `crate::mapper`; their catalogue entries live here.

use super::{BOTH, Kind, RuleInfo};
use crate::finding::Severity;

/// PRS001: a line with numbers inside a table matches no row of the template.
pub static PRS001: RuleInfo = RuleInfo {
    code: "PRS001",
    kind: Kind::Parsing,
    severity: Severity::Warning,
    title_zh: "表格中有无法对应到模板行的数据行",
    title_en: "A data line in a table matches no template row",
    spec: &["S5"],
    templates: BOTH,
    doc: include_str!("docs/PRS001.md"),
};

/// PRS002: a row's number of values does not fit the table's columns.
pub static PRS002: RuleInfo = RuleInfo {
    code: "PRS002",
    kind: Kind::Parsing,
    severity: Severity::Warning,
    title_zh: "行中数值个数与列数不符，未读取",
    title_en: "A row's values do not fit the columns; not read",
    spec: &[],
    templates: BOTH,
    doc: include_str!("docs/PRS002.md"),
};

/// PRS004: a row or column label differs from the template's exact label.
pub static PRS004: RuleInfo = RuleInfo {
    code: "PRS004",
    kind: Kind::Parsing,
    severity: Severity::Info,
    title_zh: "行或列标签与模板不完全一致",
    title_en: "A label differs from the template's exact label",
    spec: &["S5"],
    templates: BOTH,
    doc: include_str!("docs/PRS004.md"),
};

/// PRS005: the same template row is printed twice.
pub static PRS005: RuleInfo = RuleInfo {
    code: "PRS005",
    kind: Kind::Parsing,
    severity: Severity::Warning,
    title_zh: "同一行重复出现",
    title_en: "The same row is printed twice",
    spec: &["S5"],
    templates: BOTH,
    doc: include_str!("docs/PRS005.md"),
};

/// PRS006: a row of values printed without its label, placed by its position.
pub static PRS006: RuleInfo = RuleInfo {
    code: "PRS006",
    kind: Kind::Parsing,
    severity: Severity::Info,
    title_zh: "无标签的数据行按位置对应到模板行",
    title_en: "A row printed without its label was placed by position",
    spec: &[],
    templates: BOTH,
    doc: include_str!("docs/PRS006.md"),
};

/// PRS007: run-together digits split into cells using the template's identities.
pub static PRS007: RuleInfo = RuleInfo {
    code: "PRS007",
    kind: Kind::Parsing,
    severity: Severity::Info,
    title_zh: "连在一起的数字按勾稽关系拆分",
    title_en: "Run-together digits split by the identities",
    spec: &["§8 D12"],
    templates: BOTH,
    doc: include_str!("docs/PRS007.md"),
};

/// PRS009: a damaged file (a PDF rebuilt from a broken cross-reference table, pages whose
/// content could not be parsed) read as far as it could be.
pub static PRS009: RuleInfo = RuleInfo {
    code: "PRS009",
    kind: Kind::Parsing,
    severity: Severity::Warning,
    title_zh: "文件已损坏，只读取了能读取的部分",
    title_en: "The file is damaged; read as far as it could be",
    spec: &[],
    templates: BOTH,
    doc: include_str!("docs/PRS009.md"),
};

/// PRS010: a cell the table leaves open settled by evidence outside it (the narrative, last
/// year's report).
pub static PRS010: RuleInfo = RuleInfo {
    code: "PRS010",
    kind: Kind::Parsing,
    severity: Severity::Info,
    title_zh: "表中无法确定的数值由正文或上年报告确定",
    title_en: "A value the table leaves open settled by the narrative or last year's report",
    spec: &[],
    templates: BOTH,
    doc: include_str!("docs/PRS010.md"),
};

/// PRS008: a row's values continue on the next line (a wrapped row), read together.
pub static PRS008: RuleInfo = RuleInfo {
    code: "PRS008",
    kind: Kind::Parsing,
    severity: Severity::Info,
    title_zh: "一行的数值跨行打印，合并读取",
    title_en: "A row's values continue on the next line; read together",
    spec: &[],
    templates: BOTH,
    doc: include_str!("docs/PRS008.md"),
};
