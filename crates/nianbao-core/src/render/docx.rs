//! DOCX: a Word document in the official layout (what staff publish): the title, the six canonical
//! headings, the narrative, and the three tables with the official merged cells (`w:gridSpan`
//! across, `w:vMerge` down). A minimal package: `[Content_Types].xml`, `_rels/.rels`,
//! `word/document.xml`.

use std::io::Write;

use crate::model::{Report, SectionId, Value};
use crate::template::{
    Catalog, CellIx, T3_APPLICANTS, T3_COLS, T3_NOTE, T3_ORGANISATIONS, T4_COLS, T4_GROUPS,
    T4_LITIGATION, Table, TemplateVersion, items_t2, t3_organisation_labels, t3_results_label,
};

/// A cell of a laid-out table: text, spans, and whether it continues a vertical merge.
struct C {
    text: String,
    span: usize,
    merge: Merge,
}

#[derive(Clone, Copy, PartialEq)]
enum Merge {
    None,
    Start,
    Continue,
}

fn c(text: impl Into<String>, span: usize) -> C {
    C {
        text: text.into(),
        span,
        merge: Merge::None,
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A cell's text: a number with its unit, else [`super::cell_text`] (missing and unsettled cells
/// print their markers, read back as such).
fn value(report: &Report, ix: Option<CellIx>) -> String {
    let Some(ix) = ix else {
        return String::new();
    };
    match report.value(ix) {
        Value::Number(n) => format!(
            "{}{}",
            n.normalize(),
            report.cell(ix).unit.as_deref().unwrap_or_default()
        ),
        v => super::cell_text(v),
    }
}

fn para(text: &str, bold: bool, center: bool) -> String {
    let ppr = if center {
        "<w:pPr><w:jc w:val=\"center\"/></w:pPr>"
    } else {
        ""
    };
    let rpr = if bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
    format!(
        "<w:p>{ppr}<w:r>{rpr}<w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        esc(text)
    )
}

fn table(rows: &[Vec<C>], grid: usize) -> String {
    let mut x = String::from("<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>");
    for b in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        x.push_str(&format!(
            "<w:{b} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
        ));
    }
    x.push_str("</w:tblBorders></w:tblPr><w:tblGrid>");
    for _ in 0..grid {
        x.push_str("<w:gridCol/>");
    }
    x.push_str("</w:tblGrid>");
    for r in rows {
        x.push_str("<w:tr>");
        for cell in r {
            x.push_str("<w:tc><w:tcPr>");
            if cell.span > 1 {
                x.push_str(&format!("<w:gridSpan w:val=\"{}\"/>", cell.span));
            }
            match cell.merge {
                Merge::Start => x.push_str("<w:vMerge w:val=\"restart\"/>"),
                Merge::Continue => x.push_str("<w:vMerge/>"),
                Merge::None => {}
            }
            x.push_str("</w:tcPr>");
            x.push_str(&para(
                if cell.merge == Merge::Continue {
                    ""
                } else {
                    &cell.text
                },
                false,
                false,
            ));
            x.push_str("</w:tc>");
        }
        x.push_str("</w:tr>");
    }
    x.push_str("</w:tbl>");
    x
}

fn table2(report: &Report, v: TemplateVersion) -> String {
    let cat = Catalog::get();
    let mut rows = Vec::new();
    for it in items_t2(v) {
        rows.push(vec![c(it.caption, 4)]);
        let span = |k: usize| {
            if k + 1 == it.cols.len() {
                4 - it.cols.len()
            } else {
                1
            }
        };
        let mut head = vec![c("信息内容", 1)];
        head.extend(
            it.cols
                .iter()
                .enumerate()
                .map(|(k, col)| c(col.label, span(k))),
        );
        rows.push(head);
        for (rid, rl) in it.rows {
            let mut r = vec![c(*rl, 1)];
            r.extend(it.cols.iter().enumerate().map(|(k, col)| {
                c(
                    value(
                        report,
                        cat.cell(Table::T2, &format!("{}.{rid}", it.id), col.id),
                    ),
                    span(k),
                )
            }));
            rows.push(r);
        }
    }
    table(&rows, 4)
}

fn table3(report: &Report, _v: TemplateVersion) -> String {
    let cat = Catalog::get();
    let vals = |id: &str| -> Vec<C> {
        T3_COLS
            .iter()
            .map(|col| c(value(report, cat.cell(Table::T3, id, col.id)), 1))
            .collect()
    };
    let mut rows: Vec<Vec<C>> = vec![
        vec![
            C {
                text: T3_NOTE.into(),
                span: 3,
                merge: Merge::Start,
            },
            c(T3_APPLICANTS, 7),
        ],
        vec![
            C {
                text: String::new(),
                span: 3,
                merge: Merge::Continue,
            },
            C {
                text: T3_COLS[0].label.into(),
                span: 1,
                merge: Merge::Start,
            },
            c(T3_ORGANISATIONS, 5),
            C {
                text: T3_COLS[6].label.into(),
                span: 1,
                merge: Merge::Start,
            },
        ],
        {
            let mut r = vec![
                C {
                    text: String::new(),
                    span: 3,
                    merge: Merge::Continue,
                },
                C {
                    text: String::new(),
                    span: 1,
                    merge: Merge::Continue,
                },
            ];
            r.extend(t3_organisation_labels().map(|t| c(t, 1)));
            r.push(C {
                text: String::new(),
                span: 1,
                merge: Merge::Continue,
            });
            r
        },
    ];
    let all = super::t3_rows(report);
    let mut first_result = true;
    let mut k = 0;
    while k < all.len() {
        let r = all[k];
        let lead = |first: &mut bool| -> C {
            let m = if *first {
                Merge::Start
            } else {
                Merge::Continue
            };
            *first = false;
            C {
                text: t3_results_label().into(),
                span: 1,
                merge: m,
            }
        };
        match r.level {
            0 if r.data => {
                let mut row = vec![c(r.label, 3)];
                row.extend(vals(r.id));
                rows.push(row);
            }
            0 => {}
            1 if r.data => {
                let mut row = vec![lead(&mut first_result), c(r.label, 2)];
                row.extend(vals(r.id));
                rows.push(row);
            }
            1 => {
                let subs: Vec<_> = all[k + 1..].iter().take_while(|s| s.level == 2).collect();
                for (j, s) in subs.iter().enumerate() {
                    let group = C {
                        text: r.label.into(),
                        span: 1,
                        merge: if j == 0 {
                            Merge::Start
                        } else {
                            Merge::Continue
                        },
                    };
                    let mut row = vec![lead(&mut first_result), group, c(s.label, 1)];
                    row.extend(vals(s.id));
                    rows.push(row);
                }
                k += subs.len();
            }
            _ => {}
        }
        k += 1;
    }
    table(&rows, 10)
}

fn table4(report: &Report) -> String {
    let cat = Catalog::get();
    let mut rows = vec![vec![c(T4_GROUPS[0].1, 5), c(T4_LITIGATION, 10)]];
    let mut r2: Vec<C> = T4_COLS
        .iter()
        .map(|col| C {
            text: col.label.into(),
            span: 1,
            merge: Merge::Start,
        })
        .collect();
    r2.extend([c(T4_GROUPS[1].1, 5), c(T4_GROUPS[2].1, 5)]);
    rows.push(r2);
    let mut r3: Vec<C> = T4_COLS
        .iter()
        .map(|_| C {
            text: String::new(),
            span: 1,
            merge: Merge::Continue,
        })
        .collect();
    for _ in 0..2 {
        r3.extend(T4_COLS.iter().map(|col| c(col.label, 1)));
    }
    rows.push(r3);
    rows.push(
        T4_GROUPS
            .iter()
            .flat_map(|(g, _, _)| {
                T4_COLS
                    .iter()
                    .map(move |col| c(value(report, cat.cell(Table::T4, g, col.id)), 1))
            })
            .collect(),
    );
    table(&rows, 15)
}

/// The `word/document.xml` of the report.
pub fn document_xml(report: &Report) -> String {
    let v = report.effective_template();
    let mut body = para(&super::plain::title(report), true, true);
    for id in SectionId::ALL {
        body.push_str(&para(id.canonical(), true, false));
        match id {
            SectionId::ProactiveDisclosure => body.push_str(&table2(report, v)),
            SectionId::Requests => body.push_str(&table3(report, v)),
            SectionId::ReviewLitigation => body.push_str(&table4(report)),
            _ => {}
        }
        if let Some(s) = report.section(id) {
            for p in s.text.lines().filter(|l| !l.trim().is_empty()) {
                body.push_str(&para(p, false, false));
            }
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>"
    )
}

/// The DOCX file's bytes.
pub fn render(report: &Report) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let files: [(&str, String); 3] = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>".into(),
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>".into(),
        ),
        ("word/document.xml", document_xml(report)),
    ];
    for (name, content) in files {
        // Writing to memory cannot fail.
        let _ = zip.start_file(name, opts);
        let _ = zip.write_all(content.as_bytes());
    }
    zip.finish().map(|c| c.into_inner()).unwrap_or_default()
}
