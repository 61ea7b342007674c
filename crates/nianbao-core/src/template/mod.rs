//! The two national templates, defined once, as data.
//!
//! Everything else (the readers, the mapper, the rules, the renderers and the proto mapping) reads
//! the definitions here. Labels are character-exact copies of template-spec §2–§4.

use std::collections::HashMap;
use std::sync::OnceLock;

pub mod cross_year;
pub mod headings;
pub mod identities;

/// A template version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum TemplateVersion {
    /// 国办公开办函〔2019〕60号, report years 2019 and 2020.
    F2019,
    /// 国办公开办函〔2021〕30号, report years 2021 onward.
    F2021,
}

impl TemplateVersion {
    /// Both versions, oldest first.
    pub const ALL: [TemplateVersion; 2] = [TemplateVersion::F2019, TemplateVersion::F2021];

    /// The template a report for `year` must use.
    pub fn for_year(year: u32) -> TemplateVersion {
        if year <= 2020 {
            TemplateVersion::F2019
        } else {
            TemplateVersion::F2021
        }
    }

    /// "2019" or "2021".
    pub fn short(self) -> &'static str {
        match self {
            TemplateVersion::F2019 => "2019",
            TemplateVersion::F2021 => "2021",
        }
    }

    /// The issuing notice.
    pub fn notice(self) -> &'static str {
        match self {
            TemplateVersion::F2019 => "国办公开办函〔2019〕60号",
            TemplateVersion::F2021 => "国办公开办函〔2021〕30号",
        }
    }

    fn index(self) -> usize {
        match self {
            TemplateVersion::F2019 => 0,
            TemplateVersion::F2021 => 1,
        }
    }
}

/// The three fixed tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Table {
    /// 表二：主动公开政府信息情况 (第二十条 items).
    T2,
    /// 表三：收到和处理政府信息公开申请情况.
    T3,
    /// 表四：政府信息公开行政复议、行政诉讼情况.
    T4,
}

impl Table {
    /// All tables in order.
    pub const ALL: [Table; 3] = [Table::T2, Table::T3, Table::T4];

    /// "T2", "T3", "T4".
    pub fn id(self) -> &'static str {
        match self {
            Table::T2 => "T2",
            Table::T3 => "T3",
            Table::T4 => "T4",
        }
    }

    /// "表二" ...
    pub fn name_zh(self) -> &'static str {
        match self {
            Table::T2 => "表二（主动公开政府信息情况）",
            Table::T3 => "表三（收到和处理政府信息公开申请情况）",
            Table::T4 => "表四（政府信息公开行政复议、行政诉讼情况）",
        }
    }

    /// English name.
    pub fn name_en(self) -> &'static str {
        match self {
            Table::T2 => "table 2 (proactive disclosure)",
            Table::T3 => "table 3 (requests)",
            Table::T4 => "table 4 (review and litigation)",
        }
    }
}

/// What a cell may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum ValueKind {
    /// A non-negative integer count.
    Count,
    /// A signed integer (本年增/减).
    SignedCount,
    /// A non-negative decimal amount of money.
    Money,
}

/// A column of a table (id, exact label, kind).
#[derive(Debug, Clone, Copy)]
pub struct ColumnDef {
    pub id: &'static str,
    pub label: &'static str,
    pub kind: ValueKind,
}

const fn col(id: &'static str, label: &'static str, kind: ValueKind) -> ColumnDef {
    ColumnDef { id, label, kind }
}

/// A 第二十条 item of 表二.
#[derive(Debug)]
pub struct T2Item {
    pub id: &'static str,
    pub caption: &'static str,
    pub rows: &'static [(&'static str, &'static str)],
    pub cols: &'static [ColumnDef],
}

use ValueKind::{Count, Money, SignedCount};

/// 表二 of F2019 (22 cells).
pub static T2_F2019: &[T2Item] = &[
    T2Item {
        id: "A20_1",
        caption: "第二十条第（一）项",
        rows: &[("REG", "规章"), ("NORM", "规范性文件")],
        cols: &[
            col("NEW", "本年新制作数量", Count),
            col("PUB", "本年新公开数量", Count),
            col("TOTAL", "对外公开总数量", Count),
        ],
    },
    T2Item {
        id: "A20_5",
        caption: "第二十条第（五）项",
        rows: &[("LIC", "行政许可"), ("SVC", "其他对外管理服务事项")],
        cols: &[
            col("PREV", "上一年项目数量", Count),
            col("DELTA", "本年增/减", SignedCount),
            col("DEC", "处理决定数量", Count),
        ],
    },
    T2Item {
        id: "A20_6",
        caption: "第二十条第（六）项",
        rows: &[("PUN", "行政处罚"), ("ENF", "行政强制")],
        cols: &[
            col("PREV", "上一年项目数量", Count),
            col("DELTA", "本年增/减", SignedCount),
            col("DEC", "处理决定数量", Count),
        ],
    },
    T2Item {
        id: "A20_8",
        caption: "第二十条第（八）项",
        rows: &[("FEE", "行政事业性收费")],
        cols: &[
            col("PREV", "上一年项目数量", Count),
            col("DELTA", "本年增/减", SignedCount),
        ],
    },
    T2Item {
        id: "A20_9",
        caption: "第二十条第（九）项",
        rows: &[("PROC", "政府集中采购")],
        cols: &[
            col("COUNT", "采购项目数量", Count),
            col("AMOUNT", "采购总金额", Money),
        ],
    },
];

/// 表二 of F2021 (10 cells).
pub static T2_F2021: &[T2Item] = &[
    T2Item {
        id: "A20_1",
        caption: "第二十条第（一）项",
        rows: &[("REG", "规章"), ("NORM", "行政规范性文件")],
        cols: &[
            col("ISSUED", "本年制发件数", Count),
            col("REPEALED", "本年废止件数", Count),
            col("INFORCE", "现行有效件数", Count),
        ],
    },
    T2Item {
        id: "A20_5",
        caption: "第二十条第（五）项",
        rows: &[("LIC", "行政许可")],
        cols: &[col("DEC", "本年处理决定数量", Count)],
    },
    T2Item {
        id: "A20_6",
        caption: "第二十条第（六）项",
        rows: &[("PUN", "行政处罚"), ("ENF", "行政强制")],
        cols: &[col("DEC", "本年处理决定数量", Count)],
    },
    T2Item {
        id: "A20_8",
        caption: "第二十条第（八）项",
        rows: &[("FEE", "行政事业性收费")],
        cols: &[col("AMOUNT", "本年收费金额（单位：万元）", Money)],
    },
];

/// A row of 表三.
#[derive(Debug)]
pub struct T3Row {
    pub id: &'static str,
    pub label: &'static str,
    pub level: u8,
    /// false for group-only rows (no data cells in this template).
    pub data: bool,
}

const fn r(id: &'static str, label: &'static str, level: u8, data: bool) -> T3Row {
    T3Row {
        id,
        label,
        level,
        data,
    }
}

const T3_HEAD: [T3Row; 24] = [
    r("R1", "一、本年新收政府信息公开申请数量", 0, true),
    r("R2", "二、上年结转政府信息公开申请数量", 0, true),
    r("R3", "三、本年度办理结果", 0, false),
    r("R3.1", "（一）予以公开", 1, true),
    r(
        "R3.2",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        1,
        true,
    ),
    r("R3.3", "（三）不予公开", 1, false),
    r("R3.3.1", "1.属于国家秘密", 2, true),
    r("R3.3.2", "2.其他法律行政法规禁止公开", 2, true),
    r("R3.3.3", "3.危及“三安全一稳定”", 2, true),
    r("R3.3.4", "4.保护第三方合法权益", 2, true),
    r("R3.3.5", "5.属于三类内部事务信息", 2, true),
    r("R3.3.6", "6.属于四类过程性信息", 2, true),
    r("R3.3.7", "7.属于行政执法案卷", 2, true),
    r("R3.3.8", "8.属于行政查询事项", 2, true),
    r("R3.4", "（四）无法提供", 1, false),
    r("R3.4.1", "1.本机关不掌握相关政府信息", 2, true),
    r("R3.4.2", "2.没有现成信息需要另行制作", 2, true),
    r("R3.4.3", "3.补正后申请内容仍不明确", 2, true),
    r("R3.5", "（五）不予处理", 1, false),
    r("R3.5.1", "1.信访举报投诉类申请", 2, true),
    r("R3.5.2", "2.重复申请", 2, true),
    r("R3.5.3", "3.要求提供公开出版物", 2, true),
    r("R3.5.4", "4.无正当理由大量反复申请", 2, true),
    r("R3.5.5", "5.要求行政机关确认或重新出具已获取信息", 2, true),
];

const T3_TAIL: [T3Row; 2] = [
    r("R3.7", "（七）总计", 1, true),
    r("R4", "四、结转下年度继续办理", 0, true),
];

const fn concat_rows<const N: usize>(other: &'static [T3Row]) -> [&'static T3Row; N] {
    let mut out: [&'static T3Row; N] = [&T3_HEAD[0]; N];
    let mut i = 0;
    while i < T3_HEAD.len() {
        out[i] = &T3_HEAD[i];
        i += 1;
    }
    let mut j = 0;
    while j < other.len() {
        out[i + j] = &other[j];
        j += 1;
    }
    let mut k = 0;
    while k < T3_TAIL.len() {
        out[i + j + k] = &T3_TAIL[k];
        k += 1;
    }
    out
}

static T3_OTHER_F2019: [T3Row; 1] = [r("R3.6", "（六）其他处理", 1, true)];
static T3_OTHER_F2021: [T3Row; 4] = [
    r("R3.6", "（六）其他处理", 1, false),
    r(
        "R3.6.1",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        2,
        true,
    ),
    r(
        "R3.6.2",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        2,
        true,
    ),
    r("R3.6.3", "3.其他", 2, true),
];

/// 表三 rows of F2019, group rows included.
pub static T3_ROWS_F2019: [&T3Row; 27] = concat_rows(&T3_OTHER_F2019);
/// 表三 rows of F2021, group rows included.
pub static T3_ROWS_F2021: [&T3Row; 30] = concat_rows(&T3_OTHER_F2021);

/// The three sub-rows of （六）其他处理 in the 2021 template.
pub const T3_SIX_SUB_ROWS: [&str; 3] = ["R3.6.1", "R3.6.2", "R3.6.3"];

/// Whether a 表三 prints （六）其他处理 as a single data row (the 2019 layout) and none of the 2021
/// template's sub-rows, given which rows it prints. The one definition of that layout: in a 2021
/// report the single row stands for the （六） total (template-spec §11.1): its sub-rows stay
/// missing (not 0) by design, the identities use the printed total, the renderers keep the row,
/// the roll-ups count it for （六）.
pub fn single_six_row(printed: impl Fn(&str) -> bool) -> bool {
    printed("R3.6") && !T3_SIX_SUB_ROWS.iter().any(|r| printed(r))
}

/// The layout a 表三 prints its （六） in, given which rows it prints: the 2019 layout for a single
/// row ([`single_six_row`]), the 2021 layout when it prints a sub-row, None when it prints neither.
pub fn six_layout(printed: impl Fn(&str) -> bool) -> Option<TemplateVersion> {
    if single_six_row(&printed) {
        Some(TemplateVersion::F2019)
    } else if T3_SIX_SUB_ROWS.iter().any(|r| printed(r)) {
        Some(TemplateVersion::F2021)
    } else {
        None
    }
}

/// Whether a 2021 report prints a single （六） row ([`single_six_row`]; a row is printed when any
/// of its seven cells is not missing). False for a 2019 report, whose template has that row.
pub fn prints_single_six(report: &crate::model::Report) -> bool {
    report.effective_template() == TemplateVersion::F2021 && single_six_in(report)
}

/// [`single_six_row`] of a report's cells, whatever its template.
pub(crate) fn single_six_in(report: &crate::model::Report) -> bool {
    single_six_row(|row| {
        T3_COLS
            .iter()
            .any(|c| report.value(t3(row, c.id)) != &crate::model::Value::Missing)
    })
}

/// The note in the top-left cell of 表三.
pub const T3_NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

/// 表三's header over its seven columns.
pub const T3_APPLICANTS: &str = "申请人情况";
/// 表三's header over the five organisation columns (商业企业 … 其他).
pub const T3_ORGANISATIONS: &str = "法人或其他组织";
/// 表四's header over its two litigation groups.
pub const T4_LITIGATION: &str = "行政诉讼";

/// The label of 表三's 办理结果 group (row R3, a vertical cell in the official table).
pub fn t3_results_label() -> &'static str {
    rows_t3(TemplateVersion::F2021)
        .iter()
        .find(|r| r.id == "R3")
        .map_or("", |r| r.label)
}

/// The labels of 表三's five organisation columns, tab-joined or otherwise.
pub fn t3_organisation_labels() -> impl Iterator<Item = &'static str> {
    T3_COLS[1..6].iter().map(|c| c.label)
}

/// The number of 表三 columns: the six applicant columns and 总计 (a row has this many values).
pub const T3_WIDTH: usize = 7;

/// 表三 columns.
pub static T3_COLS: [ColumnDef; T3_WIDTH] = [
    col("NP", "自然人", Count),
    col("BIZ", "商业企业", Count),
    col("RES", "科研机构", Count),
    col("NGO", "社会公益组织", Count),
    col("LAW", "法律服务机构", Count),
    col("OTH", "其他", Count),
    col("TOT", "总计", Count),
];

/// The number of 表四 groups (行政复议, and the two 行政诉讼 groups).
pub const T4_GROUP_COUNT: usize = 3;
/// The number of 表四 columns in each group (four results and their 总计, the last).
pub const T4_GROUP_WIDTH: usize = 5;
/// The number of 表四 cells: its one data row has this many values, group after group.
pub const T4_WIDTH: usize = T4_GROUP_COUNT * T4_GROUP_WIDTH;

/// 表四 groups: (id, label, path).
pub static T4_GROUPS: [(&str, &str, &str); T4_GROUP_COUNT] = [
    ("RV", "行政复议", "行政复议"),
    ("LD", "未经复议直接起诉", "行政诉讼 / 未经复议直接起诉"),
    ("LR", "复议后起诉", "行政诉讼 / 复议后起诉"),
];

/// 表四 sub-columns of each group.
pub static T4_COLS: [ColumnDef; T4_GROUP_WIDTH] = [
    col("KEEP", "结果维持", Count),
    col("CORR", "结果纠正", Count),
    col("OTHER", "其他结果", Count),
    col("PEND", "尚未审结", Count),
    col("TOT", "总计", Count),
];

/// The six section headings, exact, in order.
pub static SECTIONS: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

/// Known heading variants per section (template-spec §9, §11.6), without the number.
pub static SECTION_VARIANTS: [&[&str]; 6] = [
    &["总体情况概述", "基本情况"],
    &["主动公开情况", "主动公开政府信息"],
    &[
        "收到和处理政府信息公开申请",
        "依申请公开情况",
        "依申请公开政府信息情况",
    ],
    &[
        "因政府信息公开工作被申请行政复议和提起行政诉讼情况",
        "因政府信息公开工作被申请行政复议、提起行政诉讼的情况",
        "政府信息公开行政复议及行政诉讼情况",
        "政府信息公开行政复议、行政诉讼情况",
    ],
    &[
        "政府信息公开工作存在的主要问题及改进情况",
        "存在问题及改进情况",
        "存在的主要问题及整改措施",
        "存在的主要问题及改进措施",
        "存在的主要问题和改进情况",
    ],
    &["其他需要报告的事项"],
];

/// Index of a cell in the catalogue (the union of both templates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct CellIx(pub u16);

/// Labels of a cell in one template.
#[derive(Debug, Clone)]
pub struct CellLabels {
    pub row_label: &'static str,
    pub column_label: &'static str,
    pub kind: ValueKind,
}

/// One cell of the catalogue.
#[derive(Debug, Clone)]
pub struct CellDef {
    /// Stable id, e.g. `T3.R3.3.1.NP`.
    pub id: String,
    pub table: Table,
    /// Row id within the table (`R3.3.1`, `RV`, `A20_1.REG`).
    pub row: String,
    /// Column id (`NP`, `TOT`, `NEW`).
    pub column: &'static str,
    /// Labels per template version (None: not a cell of that template).
    labels: [Option<CellLabels>; 2],
}

impl CellDef {
    /// Labels in `v`, falling back to the other template's.
    pub fn labels(&self, v: TemplateVersion) -> &CellLabels {
        self.labels[v.index()]
            .as_ref()
            .or(self.labels[1 - v.index()].as_ref())
            .expect("every cell belongs to a template")
    }

    /// Whether the cell belongs to template `v`.
    pub fn in_template(&self, v: TemplateVersion) -> bool {
        self.labels[v.index()].is_some()
    }

    /// The kind of value the cell holds.
    pub fn kind(&self) -> ValueKind {
        self.labels(TemplateVersion::F2021).kind
    }
}

/// The catalogue of every cell of both templates.
#[derive(Debug)]
pub struct Catalog {
    cells: Vec<CellDef>,
    by_id: HashMap<String, CellIx>,
    per_template: [Vec<CellIx>; 2],
}

impl Catalog {
    /// The process-wide catalogue.
    pub fn get() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(Catalog::build)
    }

    fn build() -> Catalog {
        let mut cat = Catalog {
            cells: Vec::new(),
            by_id: HashMap::new(),
            per_template: [vec![], vec![]],
        };
        for v in TemplateVersion::ALL {
            let items = match v {
                TemplateVersion::F2019 => T2_F2019,
                TemplateVersion::F2021 => T2_F2021,
            };
            for item in items {
                for (row_id, row_label) in item.rows {
                    for c in item.cols {
                        let row = format!("{}.{}", item.id, row_id);
                        cat.add(v, Table::T2, row, c.id, row_label, c.label, c.kind);
                    }
                }
            }
        }
        for v in TemplateVersion::ALL {
            for row in rows_t3(v).iter().filter(|r| r.data) {
                for c in &T3_COLS {
                    cat.add(
                        v,
                        Table::T3,
                        row.id.to_string(),
                        c.id,
                        row.label,
                        c.label,
                        c.kind,
                    );
                }
            }
        }
        for v in TemplateVersion::ALL {
            for (g, glabel, _) in &T4_GROUPS {
                for c in &T4_COLS {
                    cat.add(v, Table::T4, g.to_string(), c.id, glabel, c.label, c.kind);
                }
            }
        }
        cat
    }

    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        v: TemplateVersion,
        table: Table,
        row: String,
        column: &'static str,
        row_label: &'static str,
        column_label: &'static str,
        kind: ValueKind,
    ) {
        let id = format!("{}.{}.{}", table.id(), row, column);
        let labels = CellLabels {
            row_label,
            column_label,
            kind,
        };
        let ix = match self.by_id.get(&id) {
            Some(ix) => *ix,
            None => {
                let ix = CellIx(self.cells.len() as u16);
                self.cells.push(CellDef {
                    id: id.clone(),
                    table,
                    row,
                    column,
                    labels: [None, None],
                });
                self.by_id.insert(id, ix);
                ix
            }
        };
        self.cells[ix.0 as usize].labels[v.index()] = Some(labels);
        self.per_template[v.index()].push(ix);
    }

    /// Number of cells in the union of both templates.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// Never empty.
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// The definition of a cell.
    pub fn def(&self, ix: CellIx) -> &CellDef {
        &self.cells[ix.0 as usize]
    }

    /// Looks a cell id up.
    pub fn lookup(&self, id: &str) -> Option<CellIx> {
        self.by_id.get(id).copied()
    }

    /// Cell by table, row and column ids.
    pub fn cell(&self, table: Table, row: &str, column: &str) -> Option<CellIx> {
        find_fast(table, row, column)
    }

    /// The cells of a template, in template order (表二, 表三 by row, 表四).
    pub fn template_cells(&self, v: TemplateVersion) -> &[CellIx] {
        &self.per_template[v.index()]
    }

    /// All cells.
    pub fn all(&self) -> impl Iterator<Item = CellIx> + '_ {
        (0..self.cells.len() as u16).map(CellIx)
    }
}

/// 表三 rows of a template, group rows included.
pub fn rows_t3(v: TemplateVersion) -> &'static [&'static T3Row] {
    match v {
        TemplateVersion::F2019 => &T3_ROWS_F2019,
        TemplateVersion::F2021 => &T3_ROWS_F2021,
    }
}

/// 表二 items of a template.
pub fn items_t2(v: TemplateVersion) -> &'static [T2Item] {
    match v {
        TemplateVersion::F2019 => T2_F2019,
        TemplateVersion::F2021 => T2_F2021,
    }
}

/// The 表二 item a caption names ("第二十条第（五）项" → `A20_5`, in either template), from the
/// templates' own captions; the text may go on after the caption (a header run into it).
pub fn t2_item_of_caption(text: &str) -> Option<&'static str> {
    static CAPTIONS: OnceLock<Vec<(String, &'static str)>> = OnceLock::new();
    if text.len() > 120 || !text.contains("第二十条") {
        return None;
    }
    let captions = CAPTIONS.get_or_init(|| {
        let mut out: Vec<(String, &'static str)> = Vec::new();
        for v in TemplateVersion::ALL {
            for it in items_t2(v) {
                if !out.iter().any(|(_, id)| *id == it.id) {
                    out.push((crate::normalize::norm(it.caption), it.id));
                }
            }
        }
        out
    });
    let n = crate::normalize::norm(text);
    captions
        .iter()
        .find(|(c, _)| n.starts_with(c.as_str()))
        .map(|(_, id)| *id)
}

/// The 15 cells of 表四 in template order (group after group, each group's columns in order):
/// the order its data row prints them.
pub fn t4_cells() -> &'static [CellIx; T4_WIDTH] {
    static CELLS: OnceLock<[CellIx; T4_WIDTH]> = OnceLock::new();
    CELLS.get_or_init(|| {
        std::array::from_fn(|k| {
            t4(
                T4_GROUPS[k / T4_GROUP_WIDTH].0,
                T4_COLS[k % T4_GROUP_WIDTH].id,
            )
        })
    })
}

/// Shorthand: the 表三 cell (row, column).
pub fn t3(row: &str, column: &str) -> CellIx {
    fast(Table::T3, row, column)
}

/// Shorthand: the 表四 cell (group, column).
pub fn t4(group: &str, column: &str) -> CellIx {
    fast(Table::T4, group, column)
}

/// The cell (table, row, column) when the catalogue has it.
fn fast(table: Table, row: &str, column: &str) -> CellIx {
    find_fast(table, row, column).unwrap_or_else(|| panic!("no {} cell {row}.{column}", table.id()))
}

/// Per table, row → [(column id, cell)], built once: lookups without formatting an id.
fn find_fast(table: Table, row: &str, column: &str) -> Option<CellIx> {
    type Rows = [HashMap<String, Vec<(&'static str, CellIx)>>; 3];
    static ROWS: OnceLock<Rows> = OnceLock::new();
    let idx = |t: Table| match t {
        Table::T2 => 0,
        Table::T3 => 1,
        Table::T4 => 2,
    };
    let rows = ROWS.get_or_init(|| {
        let cat = Catalog::get();
        let mut m: Rows = Default::default();
        for ix in cat.all() {
            let d = cat.def(ix);
            m[idx(d.table)]
                .entry(d.row.clone())
                .or_default()
                .push((d.column, ix));
        }
        m
    });
    rows[idx(table)]
        .get(row)
        .and_then(|cols| cols.iter().find(|(c, _)| *c == column).map(|(_, ix)| *ix))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(v: TemplateVersion, t: Table) -> usize {
        let cat = Catalog::get();
        cat.template_cells(v)
            .iter()
            .filter(|c| cat.def(**c).table == t)
            .count()
    }

    #[test]
    fn cell_counts_match_the_spec() {
        assert_eq!(count(TemplateVersion::F2019, Table::T2), 22);
        assert_eq!(count(TemplateVersion::F2019, Table::T3), 161);
        assert_eq!(count(TemplateVersion::F2019, Table::T4), 15);
        assert_eq!(count(TemplateVersion::F2021, Table::T2), 10);
        assert_eq!(count(TemplateVersion::F2021, Table::T3), 175);
        assert_eq!(count(TemplateVersion::F2021, Table::T4), 15);
    }

    #[test]
    fn ids_are_unique_and_parse_back() {
        let cat = Catalog::get();
        for ix in cat.all() {
            let d = cat.def(ix);
            assert_eq!(cat.lookup(&d.id), Some(ix));
            assert_eq!(d.id, format!("{}.{}.{}", d.table.id(), d.row, d.column));
        }
        assert_eq!(cat.def(t3("R3.3.1", "NP")).id, "T3.R3.3.1.NP");
        assert_eq!(
            cat.def(t4("RV", "TOT"))
                .labels(TemplateVersion::F2019)
                .column_label,
            "总计"
        );
    }

    #[test]
    fn shapes_come_from_the_template() {
        assert_eq!(T3_WIDTH, T3_COLS.len());
        assert_eq!(T4_WIDTH, 15);
        let cat = Catalog::get();
        let ids: Vec<&str> = t4_cells().iter().map(|c| cat.def(*c).id.as_str()).collect();
        assert_eq!(ids[0], "T4.RV.KEEP");
        assert_eq!(ids[4], "T4.RV.TOT");
        assert_eq!(ids[14], "T4.LR.TOT");
        for (text, id) in [
            ("第二十条第（一）项", Some("A20_1")),
            ("第二十条第(五)项", Some("A20_5")),
            ("第二十条 第（六）项信息内容", Some("A20_6")),
            ("第二十条第（八）项", Some("A20_8")),
            ("第二十条第（九）项", Some("A20_9")),
            ("第二十条第（二）项", None),
            ("依据第二十条第（一）项", None),
            ("规章", None),
        ] {
            assert_eq!(t2_item_of_caption(text), id, "{text}");
        }
    }

    #[test]
    fn a_single_six_row_is_defined_once() {
        fn printed(rows: &'static [&'static str]) -> impl Fn(&str) -> bool {
            move |r| rows.contains(&r)
        }
        assert!(single_six_row(printed(&["R3.5.5", "R3.6", "R3.7"])));
        assert!(!single_six_row(printed(&["R3.6", "R3.6.2"])));
        assert!(!single_six_row(printed(&["R3.6.1", "R3.6.2", "R3.6.3"])));
        assert!(!single_six_row(printed(&[])));
        assert_eq!(six_layout(printed(&["R3.6"])), Some(TemplateVersion::F2019));
        assert_eq!(
            six_layout(printed(&["R3.6.1", "R3.6"])),
            Some(TemplateVersion::F2021)
        );
        assert_eq!(six_layout(printed(&["R3.7"])), None);
        // On a report: a 2021 report with the row (any cell of it) and no sub-row; never a 2019
        // report, whose template has the row.
        use crate::model::{Cell, Report, Value};
        let mut r = Report::new();
        r.metadata.template = Some(TemplateVersion::F2021);
        assert!(!prints_single_six(&r));
        r.set(t3("R3.6", "OTH"), Cell::of(Value::Blank));
        assert!(prints_single_six(&r));
        r.set(t3("R3.6.3", "TOT"), Cell::of(Value::Number(1.into())));
        assert!(!prints_single_six(&r));
        r.set(t3("R3.6.3", "TOT"), Cell::MISSING);
        r.metadata.template = Some(TemplateVersion::F2019);
        assert!(!prints_single_six(&r));
    }

    #[test]
    fn labels_differ_per_template() {
        let cat = Catalog::get();
        let norm = cat.lookup("T2.A20_1.NORM.NEW").unwrap();
        assert_eq!(
            cat.def(norm).labels(TemplateVersion::F2019).row_label,
            "规范性文件"
        );
        let dec = cat.lookup("T2.A20_5.LIC.DEC").unwrap();
        assert_eq!(
            cat.def(dec).labels(TemplateVersion::F2019).column_label,
            "处理决定数量"
        );
        assert_eq!(
            cat.def(dec).labels(TemplateVersion::F2021).column_label,
            "本年处理决定数量"
        );
        assert!(
            !cat.def(t3("R3.6", "NP"))
                .in_template(TemplateVersion::F2021)
        );
        assert!(
            cat.def(t3("R3.6.3", "NP"))
                .in_template(TemplateVersion::F2021)
        );
    }
}
