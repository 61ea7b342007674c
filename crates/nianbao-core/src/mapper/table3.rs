//! 表三: rows matched by label (in template order, tolerant of spaces, width, line breaks and small
//! damage), seven values per row.

use super::readings::{Row, Try};
use super::said::{Said, TableRow};
use super::{State, fit_layout, has_values, split_values, trailing_layout};
use crate::input::document::Frag;
use std::borrow::Cow;

use crate::normalize::{norm, similarity, similarity_bound};
use crate::template::{T3_COLS, Table, TemplateVersion, rows_t3, t3};

/// Rows that can carry data in either template, in template order: (id, label, normalized label).
fn candidates() -> &'static [(&'static str, &'static str, String)] {
    static C: std::sync::OnceLock<Vec<(&'static str, &'static str, String)>> =
        std::sync::OnceLock::new();
    C.get_or_init(|| {
        let mut out: Vec<(&str, &str)> = Vec::new();
        for v in TemplateVersion::ALL {
            for r in rows_t3(v) {
                let data = r.data || r.id == "R3.6";
                if data && !out.iter().any(|(id, _)| *id == r.id) {
                    out.push((r.id, r.label));
                }
            }
        }
        // Template order: R3.6 before its sub-rows, R3.7 and R4 last.
        let order = |id: &str| {
            rows_t3(TemplateVersion::F2021)
                .iter()
                .position(|r| r.id == id)
                .unwrap_or(usize::MAX)
        };
        out.sort_by_key(|(id, _)| order(id));
        out.into_iter().map(|(id, l)| (id, l, norm(l))).collect()
    })
}

/// The seven cells of each candidate row (same order as [`candidates`]), looked up once.
fn row_cells() -> &'static [Vec<crate::template::CellIx>] {
    static C: std::sync::OnceLock<Vec<Vec<crate::template::CellIx>>> = std::sync::OnceLock::new();
    C.get_or_init(|| {
        candidates()
            .iter()
            .map(|(id, _, _)| T3_COLS.iter().map(|c| t3(id, c.id)).collect())
            .collect()
    })
}

/// The group rows of 表三 (labels only in the template: 三、本年度办理结果, （三）…（六）), normalized.
fn groups() -> &'static [(&'static str, String)] {
    static G: std::sync::OnceLock<Vec<(&'static str, String)>> = std::sync::OnceLock::new();
    G.get_or_init(|| {
        rows_t3(TemplateVersion::F2021)
            .iter()
            .filter(|r| !r.data)
            .map(|r| (r.id, norm(r.label)))
            .collect()
    })
}

/// Group rows a report may print as subtotal rows: （三）（四）（五） (a printed （六） row is the
/// 2019 layout's data row, read as R3.6).
fn subtotal_group(normalized_label: &str) -> Option<&'static str> {
    groups()
        .iter()
        .find(|(id, g)| id.starts_with("R3.") && *id != "R3.6" && g == normalized_label)
        .map(|(id, _)| *id)
}

fn strip_groups(label: &str) -> String {
    strip_groups_normed(norm(label))
}

/// [`strip_groups`] of a label already normalized.
fn strip_groups_normed(mut s: String) -> String {
    loop {
        let before = s.len();
        for (_, g) in groups() {
            if let Some(rest) = s.strip_prefix(g.as_str()).filter(|r| !r.is_empty()) {
                s = rest.to_string();
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// The first line of 表三: its note, its header, or its first row.
pub(super) fn find_start(joined: &super::Joined) -> Option<usize> {
    let r1 = norm(rows_t3(TemplateVersion::F2021)[0].label);
    // (Searchers built once: this runs on every line before 表三.)
    static WORDS: std::sync::OnceLock<[memchr::memmem::Finder<'static>; 2]> =
        std::sync::OnceLock::new();
    let [note, applicant] = WORDS.get_or_init(|| {
        [
            memchr::memmem::Finder::new("勾稽".as_bytes()),
            memchr::memmem::Finder::new("申请人".as_bytes()),
        ]
    });
    joined.iter().position(|raw| {
        if !(raw.starts_with('一')
            || note.find(raw.as_bytes()).is_some()
            || applicant.find(raw.as_bytes()).is_some())
        {
            return false;
        }
        let j = norm(raw);
        j.contains("勾稽关系") || j.contains("申请人情况") || j.starts_with(&r1)
    })
}

struct Match {
    row: usize,
    score: f64,
    /// Continuation lines joined to the label.
    joined: usize,
}

fn best(
    label: &str,
    cands: &[(&'static str, &'static str, String)],
    cursor: usize,
) -> Option<Match> {
    // Most labels are exact: find those without computing similarities.
    if let Some(k) = cands.iter().position(|(_, _, c)| c == label) {
        let score = if k >= cursor { 1.0 } else { 0.95 };
        if k >= cursor
            || !cands[cursor.min(cands.len())..]
                .iter()
                .any(|(_, _, c)| c == label)
        {
            return Some(Match {
                row: k,
                score,
                joined: 0,
            });
        }
    }
    let mut best: Option<Match> = None;
    let hist = Histogram::of(label);
    let len = hist.len;
    let shapes = cand_shapes();
    for (k, (_, _, c)) in cands.iter().enumerate() {
        let shape = &shapes[k];
        let floor = best.as_ref().map_or(0.0, |b| b.score).max(0.55);
        let prefix = len >= 4 && c.starts_with(label);
        // Neither the similarity nor the prefix bonus can beat the best so far (or the threshold).
        let bound = similarity_bound(len, shape.len).min(hist.common_bound(shape));
        if !prefix && bound + 0.05 < floor {
            continue;
        }
        let mut score = similarity(label, c);
        if score < 1.0 && prefix {
            score = score.max(0.8);
        }
        // Prefer rows at or after the cursor (rows come in template order).
        let adj = if k >= cursor { score } else { score - 0.05 };
        if best.as_ref().is_none_or(|b| adj > b.score) {
            best = Some(Match {
                row: k,
                score: adj,
                joined: 0,
            });
        }
    }
    // A label printed without its enumerator (`总计` for （七）总计, `予以公开`), too short for the
    // similarity to settle: the row whose label is the same once both lose their enumerators
    // (the first at or after the cursor).
    if best.as_ref().is_none_or(|b| b.score < 0.6) {
        let bare = unnumbered(label);
        if bare.chars().nth(1).is_some() {
            let bares = cand_bare();
            let same = |k: &usize| bares.get(*k).is_some_and(|b| *b == bare);
            if let Some(k) = (cursor..cands.len())
                .find(same)
                .or_else(|| (0..cursor.min(cands.len())).find(same))
            {
                return Some(Match {
                    row: k,
                    score: if k >= cursor { 0.9 } else { 0.85 },
                    joined: 0,
                });
            }
        }
    }
    best
}

/// Every candidate's normalized label without its enumerator (same order as [`candidates`]).
fn cand_bare() -> &'static [&'static str] {
    static B: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    B.get_or_init(|| candidates().iter().map(|(_, _, c)| unnumbered(c)).collect())
}

/// A normalized label without its leading enumerator: `(七)`, `(1)`, `一、`, `1.`, `1、`.
fn unnumbered(label: &str) -> &str {
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    let rest = label.trim_start_matches(numeral);
    if let Some(r) = label.strip_prefix('(') {
        let inner = r.trim_start_matches(numeral);
        if inner.len() < r.len()
            && let Some(after) = inner.strip_prefix(')')
        {
            return after;
        }
    } else if rest.len() < label.len()
        && let Some(after) = rest.strip_prefix(['、', '.'])
    {
        return after;
    }
    label
}

/// A wrapped row's values: `values` and those of the label-less lines from line `from` on (at
/// most three lines with values, among the next six lines; empty lines are passed over), as soon
/// as together they `fit`. None when a line with a label, a heading or a line without values
/// comes first, or when they never fit exactly. Returns the values and the lines taken.
fn wrapped_values(
    st: &State<'_>,
    from: usize,
    values: &[Frag],
    fits: impl Fn(&[Frag]) -> bool,
) -> Option<(Vec<Frag>, usize)> {
    let lines = &st.doc.lines;
    let mut acc = values.to_vec();
    let mut parts = 0;
    for (k, line) in lines.iter().enumerate().skip(from).take(6) {
        if st.headings[k].is_some() || st.used[k] {
            return None;
        }
        if line.is_empty() {
            continue;
        }
        let (label, more) = split_values(line);
        if label.iter().any(|f| !f.text.is_empty()) || !has_values(more) {
            return None;
        }
        acc.extend_from_slice(more);
        if fits(&acc) {
            return Some((acc, k + 1 - from));
        }
        parts += 1;
        if parts == 3 || acc.iter().filter(|f| !f.text.is_empty()).count() >= 8 {
            return None;
        }
    }
    None
}

/// The [`Histogram`] of every candidate's normalized label (same order as [`candidates`]).
fn cand_shapes() -> &'static [Histogram] {
    static H: std::sync::OnceLock<Vec<Histogram>> = std::sync::OnceLock::new();
    H.get_or_init(|| {
        candidates()
            .iter()
            .map(|(_, _, c)| Histogram::of(c))
            .collect()
    })
}

/// A label's characters hashed into 128 buckets, counted once per label.
struct Histogram {
    counts: [i16; 128],
    len: usize,
}

impl Histogram {
    fn of(a: &str) -> Histogram {
        let mut counts = [0i16; 128];
        let mut len = 0;
        for c in a.chars() {
            counts[(c as usize) % 128] = counts[(c as usize) % 128].saturating_add(1);
            len += 1;
        }
        Histogram { counts, len }
    }

    /// An upper bound of the similarity of two labels from the characters they share (multiset
    /// overlap per bucket; bucket collisions only loosen the bound).
    fn common_bound(&self, other: &Histogram) -> f64 {
        let shared: i32 = self
            .counts
            .iter()
            .zip(&other.counts)
            .map(|(a, b)| i32::from(*a.min(b)))
            .sum();
        if self.len + other.len == 0 {
            0.0
        } else {
            2.0 * shared as f64 / (self.len + other.len) as f64
        }
    }
}

/// The label text of label-only lines.
fn label_of(line: &crate::input::document::Line) -> String {
    let (lf, _) = split_values(line);
    crate::input::document::join_texts(lf)
}

/// Maps 表三; returns the index of the line after it.
pub(super) fn map(st: &mut State<'_>, start: Option<usize>) -> Option<usize> {
    let start = start?;
    let cands = candidates();
    let doc = st.doc;
    let lines = &doc.lines;
    // For rows printed without labels: the rows of the year's template (R3.6 or its sub-rows).
    let year_tpl = st
        .report
        .metadata
        .report_year
        .map(TemplateVersion::for_year);
    let mut assigned = vec![false; cands.len()];
    let mut cursor = 0usize;
    let mut seen_data = false;
    let mut pending: Vec<usize> = Vec::new();
    let mut i = start;
    let mut end = lines.len();
    // The （六） rows printed, for the table's layout (`template::six_layout`).
    let mut six: Vec<&str> = Vec::new();
    let region_end = (start + 1..lines.len())
        .find(|k| st.headings[*k].is_some())
        .unwrap_or(lines.len());
    let trailing = trailing_layout(&lines[start..region_end], 7);
    // A report that adds a 法人或其他组织 小计 column (template-spec R5): eight values a row, the
    // 小计 right after 自然人 or right before 总计. It is dropped when it equals the sum of the
    // five organisation columns (nothing is lost); otherwise the row does not fit (PRS002).
    let subtotal_column = lines[start..region_end]
        .iter()
        .take(12)
        .any(|l| !has_values(split_values(l).1) && l.joined().contains("小计"));
    // (The helper names the closure's lifetimes: the fitted cells borrow from the row's.)
    fn fits_with<F>(f: F) -> F
    where
        F: for<'a> Fn(&'a [Frag], usize) -> Option<Cow<'a, [Frag]>>,
    {
        f
    }
    let fit = fits_with(|v, n| {
        fit_layout(v, n, trailing).map(Cow::Borrowed).or_else(|| {
            if !(subtotal_column && n == 7) {
                return None;
            }
            let v8 = fit_layout(v, 8, trailing)?;
            let nums: Vec<crate::Decimal> = v8
                .iter()
                .map(|f| super::cell_of(f).value.number())
                .collect::<Option<_>>()?;
            let sum = |r: std::ops::Range<usize>| nums[r].iter().sum::<crate::Decimal>();
            let drop = if nums[1] == sum(2..7) {
                1
            } else if nums[6] == sum(1..6) {
                6
            } else {
                return None;
            };
            let mut v7 = v8.to_vec();
            v7.remove(drop);
            Some(Cow::Owned(v7))
        })
    });
    while i < lines.len() {
        let line = &lines[i];
        if i > start && st.headings[i].is_some() {
            end = i;
            break;
        }
        let (label_frags, values) = split_values(line);
        let label = crate::input::document::join_texts(label_frags);
        let n_label = norm(&label);
        // A row whose seven cells are all blank still is a row when its label is exact.
        let blank_row = values.len() >= 7
            && values.iter().all(|f| f.text.is_empty())
            && best(&strip_groups_normed(n_label.clone()), cands, cursor)
                .is_some_and(|m| m.score >= 1.0);
        if (!has_values(values) && !blank_row) || in_vertical_label(lines, i) {
            if !line.is_empty() {
                st.used[i] = true;
                if seen_data || n_label.chars().count() <= 40 {
                    pending.push(i);
                }
            }
            i += 1;
            continue;
        }
        st.used[i] = true;
        seen_data = true;
        // A subtotal row the report added for a group (（三）不予公开 with values): kept apart.
        if let Some(gid) = subtotal_group(&n_label)
            && let Some(v) = fit(values, 7)
        {
            st.report.subtotals.push((
                gid.to_string(),
                v.iter().map(|f| super::cell_of(f).value).collect(),
                v.first().map(|f| f.loc),
            ));
            pending.clear();
            i += 1;
            continue;
        }
        let own = strip_groups_normed(n_label);
        let label_loc = label_frags
            .iter()
            .find(|f| !f.text.is_empty())
            .map(|f| f.loc);
        let mut m: Option<Match> = None;
        let mut by_position = false;
        if !own.is_empty() {
            m = best(&own, cands, cursor);
            // Labels broken across lines: the label-only lines before it, or after it.
            if m.as_ref().is_none_or(|m| m.score < 1.0) {
                for k in 1..=pending.len().min(4) {
                    let before: String = pending[pending.len() - k..]
                        .iter()
                        .map(|p| label_of(&lines[*p]))
                        .collect();
                    let joined = strip_groups(&format!("{before}{label}"));
                    if let Some(j) = best(&joined, cands, cursor)
                        && j.score > m.as_ref().map_or(0.0, |m| m.score)
                    {
                        m = Some(j);
                    }
                }
            }
            if m.as_ref().is_none_or(|m| m.score < 1.0) {
                let mut joined = own.clone();
                let mut k = i + 1;
                let mut taken = 0;
                while k < lines.len() && taken < 3 {
                    let (lf, vals) = split_values(&lines[k]);
                    if has_values(vals) || st.headings[k].is_some() {
                        break;
                    }
                    k += 1;
                    let t = crate::input::document::join_texts(lf);
                    if t.is_empty() {
                        continue;
                    }
                    taken += 1;
                    joined.push_str(&norm(&t));
                    if let Some(mut j) = best(&joined, cands, cursor)
                        && j.score > m.as_ref().map_or(0.0, |m| m.score)
                    {
                        j.joined = k - i - 1;
                        m = Some(j);
                    }
                }
            }
        } else if fit(values, 7).is_some()
            || wrapped_values(st, i + 1, values, |v| fit(v, 7).is_some()).is_some()
        {
            // No label: the next row not read yet, in the year's template (its values may be
            // wrapped onto the next line too: read together below).
            let next = (cursor..cands.len()).find(|k| {
                !assigned[*k]
                    && !matches!(
                        (cands[*k].0, year_tpl),
                        ("R3.6", Some(TemplateVersion::F2021))
                            | ("R3.6.1" | "R3.6.2" | "R3.6.3", Some(TemplateVersion::F2019))
                            | ("R3.6" | "R3.6.1" | "R3.6.2" | "R3.6.3", None)
                    )
            });
            if let Some(k) = next {
                m = Some(Match {
                    row: k,
                    score: 1.0,
                    joined: 0,
                });
                by_position = true;
            }
        }
        pending.clear();
        if m.as_ref().is_none_or(|m| m.score < 0.6)
            && let Some(k) = fragment_row(st, &own, &assigned, cursor, i)
        {
            m = Some(Match {
                row: k,
                score: 0.6,
                joined: 0,
            });
        }
        let Some(m) = m.filter(|m| m.score >= 0.6) else {
            let shown: String = line
                .non_empty()
                .map(|f| f.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            st.findings.push(
                Said::Unmatched {
                    table: Table::T3,
                    line: line.no,
                    text: &shown,
                }
                .finding(&crate::codes::PRS001)
                .at(label_loc.or(line.frags.first().map(|f| f.loc))),
            );
            i += 1;
            continue;
        };
        let (row_id, canon, _) = &cands[m.row];
        let (row_id, canon): (&str, &str) = (row_id, canon);
        let said_row = TableRow::T3 {
            row: row_id,
            label: canon,
        };
        for k in 0..m.joined {
            st.used[i + 1 + k] = true;
        }
        if by_position {
            st.findings.push(
                Said::ByPosition {
                    table: Table::T3,
                    line: line.no,
                    canon,
                    row: row_id,
                }
                .finding(&crate::codes::PRS006)
                .at(line.frags.first().map(|f| f.loc)),
            );
        } else if m.score < 1.0 || m.joined > 0 {
            st.findings.push(
                Said::LabelDiffers {
                    table: Table::T3,
                    printed: &label,
                    canon,
                    row: row_id,
                    broken: m.joined > 0,
                }
                .finding(&crate::codes::PRS004)
                .at(label_loc),
            );
        }
        // A row the extraction wrapped: the values that do not fit continue alone on the next
        // line(s) (`一、本年新收… 3001 53 0 0` then `61 4 3119`).
        let after = i + 1 + m.joined;
        let direct = fit(values, 7);
        let wrapped = if direct.is_none() && has_values(values) {
            wrapped_values(st, after, values, |v| fit(v, 7).is_some())
        } else {
            None
        };
        let values: &[Frag] = match &wrapped {
            Some((v, taken)) => {
                for k in after..after + taken {
                    st.used[k] = true;
                }
                st.findings.push(
                    Said::Continues {
                        row: said_row,
                        lines: (after..after + taken).map(|k| lines[k].no).collect(),
                    }
                    .finding(&crate::codes::PRS008)
                    .cells(row_cells()[m.row].iter().copied())
                    .at(values.first().map(|f| f.loc)),
                );
                v
            }
            None => values,
        };
        let cells = row_cells()[m.row].as_slice();
        match direct.or_else(|| fit(values, 7)) {
            Some(v) => {
                st.place(cells, &v, &row_id, line);
                assigned[m.row] = true;
            }
            // Fewer values than columns: digits run together (when a split satisfies the row
            // identity), else blank cells the extraction dropped, else digits again.
            None if st.read_row(
                &Row {
                    cells,
                    name: &row_id,
                    holds: &row_holds,
                    holds_blanks: &row_holds_blanks,
                    sum_groups: Some((1, crate::template::T3_WIDTH)),
                },
                values,
                &[Try::SplitIfHolds, Try::Blanks, Try::Split],
            ) =>
            {
                assigned[m.row] = true;
            }
            None => {
                let n = values.iter().filter(|f| !f.text.is_empty()).count();
                st.findings.push(
                    Said::NotRead {
                        row: said_row,
                        n,
                        m: 7,
                    }
                    .finding(&crate::codes::PRS002)
                    .cells(cells.to_vec())
                    .at(values.first().map(|f| f.loc)),
                );
            }
        }
        if row_id.starts_with("R3.6") {
            six.push(row_id);
        }
        cursor = cursor.max(m.row + 1);
        i += 1 + m.joined + wrapped.as_ref().map_or(0, |(_, taken)| *taken);
        if row_id == "R4" {
            end = i;
            break;
        }
    }
    if let Some(v) = crate::template::six_layout(|r| six.contains(&r)) {
        st.report.table_layouts.push((Table::T3, v));
    }
    Some(end)
}

/// A label that is only a fragment of the template's (`行政机关不再处理其政府信息公`, the middle of
/// a label the extraction broke), found inside the labels of several rows: the first of them not
/// read yet at or after the cursor, when its neighbours agree. The next row inside whose label the
/// fragment also is must then be read from the next line with values, by its own exact label (or
/// be read already); otherwise the fragment could be either, and is left unread (PRS001).
fn fragment_row(
    st: &State<'_>,
    own: &str,
    assigned: &[bool],
    cursor: usize,
    i: usize,
) -> Option<usize> {
    if own.chars().count() < 6 {
        return None;
    }
    let cands = candidates();
    let mut inside = (cursor..cands.len()).filter(|k| !assigned[*k] && cands[*k].2.contains(own));
    let k = inside.next()?;
    let Some(k2) = inside.next() else {
        return Some(k);
    };
    let lines = &st.doc.lines;
    let next = (i + 1..lines.len())
        .take(6)
        .take_while(|j| st.headings[*j].is_none())
        .find(|j| has_values(split_values(&lines[*j]).1))?;
    let label = norm(&crate::input::document::join_texts(
        split_values(&lines[next]).0,
    ));
    let m = best(&strip_groups_normed(label), cands, k + 1)?;
    (m.score >= 1.0 && m.row == k2).then_some(k)
}

/// Whether line `i` is one character of a label printed vertically, one character a line
/// (`（`/`四`/`）`/`无`/`法`…): a lone character between lone characters, even one that reads as a
/// value (`无`).
fn in_vertical_label(lines: &[crate::input::document::Line], i: usize) -> bool {
    let lone_char = |l: &crate::input::document::Line| {
        let mut cells = l.non_empty();
        matches!((cells.next(), cells.next()), (Some(f), None) if f.text.chars().count() == 1)
    };
    let lone_text = |l: &crate::input::document::Line| {
        lone_char(l)
            && l.non_empty()
                .all(|f| f.kind == crate::input::document::FragKind::Text)
    };
    let near = |mut it: Box<dyn Iterator<Item = &crate::input::document::Line> + '_>| {
        it.find(|l| !l.is_empty()).is_some_and(lone_text)
    };
    lone_char(&lines[i])
        && lines[i]
            .non_empty()
            .all(|f| f.kind == crate::input::document::FragKind::Placeholder)
        && near(Box::new(lines[..i].iter().rev().take(2)))
        && near(Box::new(lines[i + 1..].iter().take(2)))
}

/// 表三's row identity: 总计 is the sum of the six applicant columns.
fn row_holds(v: &[crate::Decimal]) -> bool {
    v[6] == v[..6].iter().sum::<crate::Decimal>()
}

/// The same with blank cells (counted as 0); a blank 总计 cannot be checked.
fn row_holds_blanks(v: &[Option<crate::Decimal>]) -> Option<bool> {
    let total = v[6]?;
    Some(total == v[..6].iter().flatten().sum::<crate::Decimal>())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The overlap bound by its definition: walk the other label's characters, taking each from
    /// this label's remaining bucket counts.
    fn common_bound_by_chars(a: &str, b: &str) -> f64 {
        let mut counts = Histogram::of(a).counts;
        let (mut nb, mut shared) = (0usize, 0usize);
        for c in b.chars() {
            let k = (c as usize) % 128;
            if counts[k] > 0 {
                counts[k] -= 1;
                shared += 1;
            }
            nb += 1;
        }
        let na = a.chars().count();
        if na + nb == 0 {
            0.0
        } else {
            2.0 * shared as f64 / (na + nb) as f64
        }
    }

    #[test]
    fn enumerators_come_off() {
        for (l, bare) in [
            ("(七)总计", "总计"),
            ("(1)予以公开", "予以公开"),
            ("一、本年新收", "本年新收"),
            ("1.属于国家秘密", "属于国家秘密"),
            ("12、其他", "其他"),
            ("总计", "总计"),
            ("(七总计", "(七总计"),
            ("一般", "一般"),
        ] {
            assert_eq!(unnumbered(l), bare, "{l}");
        }
        // `总计` alone reads as （七）总计, once its similarity (0.57) has not settled it.
        let m = best("总计", candidates(), 0).expect("a row");
        assert_eq!(candidates()[m.row].0, "R3.7");
        assert!(m.score < 1.0);
    }

    #[test]
    fn bucket_overlap_equals_its_per_character_definition() {
        let damaged = [
            "",
            "2.其他法律行政",
            "4.无正当理由由大量反复申请",
            "其他法律行政止公开",
            "abc",
        ];
        for (_, _, a) in candidates() {
            for b in candidates().iter().map(|c| c.2.as_str()).chain(damaged) {
                let fast = Histogram::of(a).common_bound(&Histogram::of(b));
                assert_eq!(fast, common_bound_by_chars(a, b), "{a} / {b}");
                assert_eq!(Histogram::of(b).common_bound(&Histogram::of(a)), fast);
            }
        }
    }
}
