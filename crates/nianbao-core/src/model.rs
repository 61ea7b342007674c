//! The report model: metadata, sections and cells. Missing, blank, placeholder, number and
//! ambiguous are distinct states all the way through.

use rust_decimal::Decimal;

use crate::template::{Catalog, CellIx, Table, TemplateVersion};

/// A 1-based position in the input text (column counted in characters). In a PDF, `page` is the
/// 1-based page and `line` the text line or table row on that page (`column`: the cell's index
/// in its row, or the character column of a line of text); 0 for inputs without pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize)]
pub struct Loc {
    pub page: u32,
    pub line: u32,
    pub column: u32,
}

/// What a cell holds.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum Value {
    /// Not in the input at all.
    Missing,
    /// Printed, but empty.
    Blank,
    /// A placeholder as printed: "/", "—", "无" ...
    Placeholder(String),
    /// A number (0 included).
    Number(Decimal),
    /// The reader could not settle the value; the candidates are listed (`None`: the cell may
    /// be blank, e.g. a blank cell the extraction dropped from a row). No candidates: unreadable.
    Ambiguous(Vec<Option<Decimal>>),
}

impl Value {
    /// The state name used in CSV and logs.
    pub fn state(&self) -> &'static str {
        match self {
            Value::Missing => "missing",
            Value::Blank => "blank",
            Value::Placeholder(_) => "placeholder",
            Value::Number(_) => "number",
            Value::Ambiguous(_) => "ambiguous",
        }
    }

    /// The number, when the cell holds one.
    pub fn number(&self) -> Option<Decimal> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The value as text: the number, the placeholder, candidates joined by `|`, or "".
    pub fn display(&self) -> String {
        match self {
            Value::Missing | Value::Blank => String::new(),
            Value::Placeholder(p) => p.clone(),
            Value::Number(n) => display_decimal(n),
            Value::Ambiguous(c) => c
                .iter()
                .map(display_candidate)
                .collect::<Vec<_>>()
                .join("|"),
        }
    }
}

/// A candidate as printed in messages and CSV: the number, or 空白 (blank).
pub fn display_candidate(c: &Option<Decimal>) -> String {
    match c {
        Some(n) => display_decimal(n),
        None => BLANK_CANDIDATE.to_string(),
    }
}

/// How a blank candidate is printed (CSV, messages, HTML titles); the proto uses "".
pub const BLANK_CANDIDATE: &str = "空白";

/// A number as printed in answers: normalized (no trailing zeros, no negative zero). Whole
/// numbers, nearly every cell, are formatted as integers (no decimal formatting machinery).
pub fn display_decimal(n: &crate::Decimal) -> String {
    if n.scale() == 0 {
        // (A zero mantissa is 0 whatever its sign: normalize prints "0" too.) itoa, not the
        // formatting machinery: an answer prints every cell.
        itoa::Buffer::new().format(n.mantissa()).to_owned()
    } else {
        n.normalize().to_string()
    }
}

/// One cell of a report.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Cell {
    pub value: Value,
    /// The text as printed (empty for structured input); inline up to 24 bytes.
    pub raw: compact_str::CompactString,
    /// Where it was read.
    pub source: Option<Loc>,
    /// A unit printed in the cell ("元", "万元").
    pub unit: Option<String>,
}

impl Cell {
    /// A missing cell.
    pub const MISSING: Cell = Cell {
        value: Value::Missing,
        raw: compact_str::CompactString::const_new(""),
        source: None,
        unit: None,
    };

    /// A cell with a value and nothing else.
    pub fn of(value: Value) -> Cell {
        Cell {
            value,
            ..Cell::MISSING
        }
    }
}

/// The six canonical sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum SectionId {
    Overview = 1,
    ProactiveDisclosure = 2,
    Requests = 3,
    ReviewLitigation = 4,
    Problems = 5,
    OtherMatters = 6,
}

impl SectionId {
    /// All, in order.
    pub const ALL: [SectionId; 6] = [
        SectionId::Overview,
        SectionId::ProactiveDisclosure,
        SectionId::Requests,
        SectionId::ReviewLitigation,
        SectionId::Problems,
        SectionId::OtherMatters,
    ];

    /// 1..=6.
    pub fn number(self) -> usize {
        self as usize
    }

    /// From 1..=6.
    pub fn from_number(n: usize) -> Option<SectionId> {
        SectionId::ALL.get(n.wrapping_sub(1)).copied()
    }

    /// The canonical heading, e.g. "一、总体情况".
    pub fn canonical(self) -> &'static str {
        crate::template::SECTIONS[self.number() - 1]
    }

    /// The Chinese numeral "一".."六".
    pub fn numeral(self) -> &'static str {
        ["一", "二", "三", "四", "五", "六"][self.number() - 1]
    }
}

/// A section of the report as found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Section {
    pub id: SectionId,
    /// The heading as printed; empty when the section has no heading.
    pub heading: String,
    /// Narrative text, tables excluded.
    pub text: String,
    pub location: Option<Loc>,
}

/// Who, which year, which template.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Metadata {
    pub issuing_body: Option<String>,
    pub report_year: Option<u32>,
    /// The template the tables follow (detected, or given in structured input).
    pub template: Option<TemplateVersion>,
    pub title: Option<String>,
    /// The statistical period the report states (统计期限), as ISO dates.
    pub period: Option<(String, String)>,
    /// The publication date printed with the report (发布日期), as an ISO date.
    pub published: Option<String>,
}

/// A whole report.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    pub metadata: Metadata,
    pub sections: Vec<Section>,
    /// One per catalogue cell, indexed by [`CellIx`].
    cells: Vec<Cell>,
    /// Whether the report came from text (so section headings were looked for).
    pub from_text: bool,
    /// The layout each table was printed in, as the reader detected it.
    pub table_layouts: Vec<(Table, TemplateVersion)>,
    /// Subtotal rows the report added to 表三 (not in the template): group row id (`R3.3`,
    /// `R3.4`, `R3.5`), its seven values, where it was printed.
    pub subtotals: Vec<(String, Vec<Value>, Option<Loc>)>,
    /// Tables the reader found printed (their header) even where it could read none of their
    /// cells: such a table is not missing (STR003), its cells are (VAL005).
    pub tables_printed: Vec<Table>,
}

impl Default for Report {
    fn default() -> Self {
        Report::new()
    }
}

impl Report {
    /// An empty report: every cell missing.
    pub fn new() -> Report {
        Report {
            metadata: Metadata::default(),
            sections: Vec::new(),
            // Built from the constant (cheaper than cloning a first cell into every slot).
            cells: (0..Catalog::get().len()).map(|_| Cell::MISSING).collect(),
            from_text: false,
            table_layouts: Vec::new(),
            subtotals: Vec::new(),
            tables_printed: Vec::new(),
        }
    }

    /// A report of `template` for `year` whose every cell is 0, every identity holding: the
    /// report the tests start from (one definition for the unit tests, the rule fixtures and the
    /// shape tests), and a form to fill.
    pub fn all_zero(template: TemplateVersion, year: u32) -> Report {
        let mut r = Report::new();
        r.metadata.report_year = Some(year);
        r.metadata.template = Some(template);
        for ix in Catalog::get().template_cells(template) {
            r.set(*ix, Cell::of(Value::Number(crate::Decimal::ZERO)));
        }
        r
    }

    /// A cell.
    pub fn cell(&self, ix: CellIx) -> &Cell {
        &self.cells[ix.0 as usize]
    }

    /// A cell's value.
    pub fn value(&self, ix: CellIx) -> &Value {
        &self.cells[ix.0 as usize].value
    }

    /// Sets a cell.
    pub fn set(&mut self, ix: CellIx, cell: Cell) {
        self.cells[ix.0 as usize] = cell;
    }

    /// The template the rules apply: the one the tables follow, else the one for the year,
    /// else F2021 (the current template).
    pub fn effective_template(&self) -> TemplateVersion {
        self.metadata
            .template
            .or(self.metadata.report_year.map(TemplateVersion::for_year))
            .unwrap_or(TemplateVersion::F2021)
    }

    /// The template whose exclusive cells this report fills (structured input that does not
    /// name its template), when that is clear: more cells of one template's own than of the
    /// other's. None when neither or both equally.
    pub fn inferred_template(&self) -> Option<TemplateVersion> {
        let cat = Catalog::get();
        let count = |t: TemplateVersion| {
            let other = match t {
                TemplateVersion::F2019 => TemplateVersion::F2021,
                TemplateVersion::F2021 => TemplateVersion::F2019,
            };
            cat.template_cells(t)
                .iter()
                .filter(|ix| {
                    !cat.def(**ix).in_template(other) && self.value(**ix) != &Value::Missing
                })
                .count()
        };
        match (count(TemplateVersion::F2019), count(TemplateVersion::F2021)) {
            (a, b) if a > b => Some(TemplateVersion::F2019),
            (a, b) if b > a => Some(TemplateVersion::F2021),
            _ => None,
        }
    }

    /// The cells to show for this report: every cell of its template, then any other cell that
    /// holds something (a table printed in the other template's layout).
    pub fn listed_cells(&self) -> Vec<CellIx> {
        let cat = Catalog::get();
        let v = self.effective_template();
        let mut out: Vec<CellIx> = cat.template_cells(v).to_vec();
        out.extend(
            cat.all()
                .filter(|ix| !cat.def(*ix).in_template(v) && self.value(*ix) != &Value::Missing),
        );
        out
    }

    /// Whether any cell of `table` is present (not missing).
    pub fn table_present(&self, table: Table) -> bool {
        let cat = Catalog::get();
        cat.all()
            .any(|ix| cat.def(ix).table == table && self.value(ix) != &Value::Missing)
    }

    /// Whether the report prints `table`: a cell of it is present, or the reader found it
    /// printed ([`Report::tables_printed`]).
    pub fn table_printed(&self, table: Table) -> bool {
        self.tables_printed.contains(&table) || self.table_present(table)
    }

    /// The section, when found.
    pub fn section(&self, id: SectionId) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn decimals_display_as_normalized(m in proptest::num::i64::ANY, scale in 0u32..6, neg in proptest::bool::ANY) {
            let mut d = crate::Decimal::new(m, scale);
            if neg {
                d.set_sign_negative(true);
            }
            proptest::prop_assert_eq!(display_decimal(&d), d.normalize().to_string());
        }
    }

    #[test]
    fn negative_zero_displays_as_zero() {
        let mut z = crate::Decimal::ZERO;
        z.set_sign_negative(true);
        assert_eq!(display_decimal(&z), "0");
        assert_eq!(display_decimal(&crate::Decimal::new(-120, 0)), "-120");
        assert_eq!(display_decimal(&crate::Decimal::new(1500, 2)), "15");
    }
}
