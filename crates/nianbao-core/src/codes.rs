//! Rule codes as plain data: the catalogue entry of a code ([`RuleInfo`]) and the codes the
//! readers and the mapper emit while parsing (PRS001, PRS002, PRS004–PRS009), whose logic lives in
//! `crate::mapper` and the readers. The mapper names them from here, never through the rules.
//! [`crate::rules::registry`] is the one registry of every code.

use crate::finding::Severity;
use crate::template::TemplateVersion;

/// What a rule is about; the code prefix says it too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Kind {
    /// STR: headings, tables, template choice.
    Structure,
    /// VAL: what single cells hold.
    CellValues,
    /// ARI: sums and identities.
    Arithmetic,
    /// PRS: what the reader could and could not read.
    Parsing,
    /// XYR: this report against last year's.
    CrossYear,
    /// NAR: the narrative text against the tables.
    Narrative,
}

impl Kind {
    /// "structure", "cell-values", "arithmetic", "parsing".
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Structure => "structure",
            Kind::CellValues => "cell-values",
            Kind::Arithmetic => "arithmetic",
            Kind::Parsing => "parsing",
            Kind::CrossYear => "cross-year",
            Kind::Narrative => "narrative",
        }
    }
}

/// A rule's catalogue entry.
#[derive(Debug)]
pub struct RuleInfo {
    /// Stable code, never reused.
    pub code: &'static str,
    pub kind: Kind,
    /// Default severity.
    pub severity: Severity,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    /// template-spec §5 rule ids.
    pub spec: &'static [&'static str],
    /// Templates it applies to.
    pub templates: &'static [TemplateVersion],
    /// What it checks, why, an example, the source.
    pub doc: &'static str,
}

/// Both templates.
pub const BOTH: &[TemplateVersion] = &[TemplateVersion::F2019, TemplateVersion::F2021];

/// PRS001: a line with numbers inside a table matches no row of the template.
pub static PRS001: RuleInfo = RuleInfo {
    code: "PRS001",
    kind: Kind::Parsing,
    severity: Severity::Warning,
    title_zh: "表格中有无法对应到模板行的数据行",
    title_en: "A data line in a table matches no template row",
    spec: &["S5"],
    templates: BOTH,
    doc: include_str!("rules/docs/PRS001.md"),
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
    doc: include_str!("rules/docs/PRS002.md"),
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
    doc: include_str!("rules/docs/PRS004.md"),
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
    doc: include_str!("rules/docs/PRS005.md"),
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
    doc: include_str!("rules/docs/PRS006.md"),
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
    doc: include_str!("rules/docs/PRS007.md"),
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
    doc: include_str!("rules/docs/PRS009.md"),
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
    doc: include_str!("rules/docs/PRS010.md"),
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
    doc: include_str!("rules/docs/PRS008.md"),
};
