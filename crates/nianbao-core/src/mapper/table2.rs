//! 表二: the 第二十条 items, each a caption, a header of column labels, and rows of values. The
//! columns tell the template (2019: 本年新制作数量, 上一年项目数量 …; 2021: 本年制发件数 …).

use super::{State, fit, has_values, split_values};
use crate::finding::Finding;
use crate::normalize::{norm, similarity};
use crate::template::{Catalog, T2Item, Table, TemplateVersion, items_t2};

/// "第二十条第（一）项" → "A20_1".
fn caption_item(text: &str) -> Option<&'static str> {
    let n = norm(text);
    let rest = n.strip_prefix("第二十条第(")?;
    let num = rest.chars().next()?;
    if !rest[num.len_utf8()..].starts_with(")项") {
        return None;
    }
    Some(match num {
        '一' => "A20_1",
        '五' => "A20_5",
        '六' => "A20_6",
        '八' => "A20_8",
        '九' => "A20_9",
        _ => return None,
    })
}

fn item(v: TemplateVersion, id: &str) -> Option<&'static T2Item> {
    items_t2(v).iter().find(|i| i.id == id)
}

/// How well printed column labels match an item's columns (mean best similarity).
fn header_score(printed: &[String], it: &T2Item) -> f64 {
    if printed.is_empty() {
        return 0.0;
    }
    let total: f64 = it
        .cols
        .iter()
        .map(|c| {
            printed
                .iter()
                .map(|p| similarity(p, &norm(c.label)))
                .fold(0.0, f64::max)
        })
        .sum();
    total / it.cols.len().max(printed.len()) as f64
}

/// Maps 表二 between its first caption and `until` (the start of 表三).
pub(super) fn map(st: &mut State<'_>, until: Option<usize>) {
    let doc = st.doc;
    let lines = &doc.lines;
    let until = until.unwrap_or(lines.len());
    let mut i = 0;
    let mut versions: Vec<TemplateVersion> = Vec::new();
    while i < until {
        let Some(id) = caption_item(&lines[i].joined()) else {
            i += 1;
            continue;
        };
        st.used[i] = true;
        let cap_line = i;
        i += 1;
        // Header: the first line of text after the caption.
        let mut chosen: Option<&'static T2Item> = None;
        let mut version = None;
        while i < until && lines[i].is_empty() {
            i += 1;
        }
        if i < until && caption_item(&lines[i].joined()).is_none() {
            let (label_frags, vals) = split_values(&lines[i]);
            if !has_values(&vals) {
                st.used[i] = true;
                let printed: Vec<String> = label_frags
                    .iter()
                    .skip(1)
                    .filter(|f| !f.text.is_empty())
                    .map(|f| norm(&f.text))
                    .collect();
                let mut best = (0.0, None);
                for v in TemplateVersion::ALL {
                    if let Some(it) = item(v, id) {
                        let s = header_score(&printed, it);
                        if s > best.0 {
                            best = (s, Some((v, it)));
                        }
                    }
                }
                if let (s, Some((v, it))) = best
                    && s >= 0.6
                {
                    chosen = Some(it);
                    version = Some(v);
                }
                i += 1;
            }
        }
        let Some(it) = chosen else {
            st.findings.push(
                Finding::new(
                    &crate::rules::PRS001,
                    format!("表二“{}”的列标题无法识别，该项数值未读取", lines[cap_line].joined()),
                    format!("the column header of table 2 item {id} was not recognized; its values were not read"),
                )
                .at(lines[cap_line].frags.first().map(|f| f.loc)),
            );
            continue;
        };
        versions.extend(version);
        // Rows until the next caption.
        while i < until && caption_item(&lines[i].joined()).is_none() {
            let line = &lines[i];
            let (label_frags, values) = split_values(line);
            let label: String = label_frags.iter().map(|f| f.text.as_str()).collect();
            if !has_values(&values) {
                if !line.is_empty() && super::sections::known_heading(line).is_some() {
                    break;
                }
                i += 1;
                continue;
            }
            st.used[i] = true;
            let n = norm(&label);
            let best = it
                .rows
                .iter()
                .map(|(rid, rl)| (similarity(&n, &norm(rl)), *rid, *rl))
                .fold((0.0, "", ""), |a, b| if b.0 > a.0 { b } else { a });
            let loc = label_frags
                .iter()
                .find(|f| !f.text.is_empty())
                .map(|f| f.loc);
            if best.0 < 0.6 {
                st.findings.push(
                    Finding::new(
                        &crate::rules::PRS001,
                        format!("表二第 {} 行“{label}”不是{}的行，其数值未读取", line.no, it.caption),
                        format!("table 2 line {} (\"{label}\") is not a row of {id}; its values were not read", line.no),
                    )
                    .at(loc),
                );
                i += 1;
                continue;
            }
            let (_, rid, rl) = best;
            if best.0 < 1.0 {
                st.findings.push(
                    Finding::new(
                        &crate::rules::PRS004,
                        format!("表二行标签“{label}”与模板“{rl}”不完全一致，按该行读取"),
                        format!("table 2 row label \"{label}\" differs from the template's \"{rl}\"; read as that row"),
                    )
                    .at(loc),
                );
            }
            let cat = Catalog::get();
            let cells: Vec<_> = it
                .cols
                .iter()
                .filter_map(|c| cat.cell(Table::T2, &format!("{}.{}", it.id, rid), c.id))
                .collect();
            match fit(&values, it.cols.len()) {
                Some(v) => st.place(&cells, &v, &format!("{} {rl}", it.caption), line),
                None => {
                    let n = values.iter().filter(|f| !f.text.is_empty()).count();
                    st.findings.push(
                        Finding::new(
                            &crate::rules::PRS002,
                            format!("表二{}“{rl}”行有 {n} 个数值，应为 {} 个；未读取", it.caption, it.cols.len()),
                            format!("table 2 {id} row {rid} has {n} values where {} are expected; not read", it.cols.len()),
                        )
                        .cells(cells.clone())
                        .at(values.first().map(|f| f.loc)),
                    );
                }
            }
            i += 1;
        }
    }
    if let Some(first) = versions.first() {
        // 第（九）项 exists only in 2019; otherwise the majority of the items decides.
        let n19 = versions
            .iter()
            .filter(|v| **v == TemplateVersion::F2019)
            .count();
        let v = if n19 * 2 > versions.len() {
            TemplateVersion::F2019
        } else if n19 * 2 < versions.len() {
            TemplateVersion::F2021
        } else {
            *first
        };
        st.report.table_layouts.push((Table::T2, v));
    }
}
