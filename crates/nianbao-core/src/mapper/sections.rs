//! The six sections: their headings among the lines no table used (assigned in order, wording
//! weighed above numbering, by the template's heading classifier), and each section's text.

use super::State;
use crate::input::document::Line;
use crate::model::{Loc, Section, SectionId};
use crate::template::headings::{self, HeadingLine, trusted_wording};

/// The line as a heading candidate: one short piece of text starting with a numbered heading,
/// no numbers ([`headings::heading_line`] judges its text).
pub(crate) fn heading_line(line: &Line) -> Option<HeadingLine> {
    // Headings start with their numeral: reject everything else before collecting or normalizing.
    if !line
        .non_empty()
        .next()
        .is_some_and(|f| headings::starts_with_numeral(&f.text))
    {
        return None;
    }
    if line
        .non_empty()
        .any(|f| f.kind != crate::input::document::FragKind::Text)
    {
        return None;
    }
    headings::heading_line(line.non_empty().map(|f| f.text.as_str()).collect())
}

/// A line that may be a section heading.
struct Candidate {
    line: usize,
    text: String,
    loc: Loc,
    /// Its number (一 → 1).
    number: usize,
    /// The section its wording names, if known.
    wording: Option<SectionId>,
}

/// Finds the section headings among the lines no table used, and each section's text.
///
/// Headings are assigned to sections so that sections come in order down the document, choosing
/// for each candidate its wording's section or its number's: a heading whose wording and number
/// agree weighs most, a known wording with another number next (misnumbered), a number with
/// unknown wording least (and least of all when its wording names another section).
pub(crate) fn map(st: &mut State<'_>) {
    let title_line = st.report.metadata.title.as_ref().and_then(|_| {
        st.doc
            .lines
            .iter()
            .take(30)
            .position(|l| l.joined().contains("政府信息公开") && l.joined().contains("报告"))
    });
    let mut cands: Vec<Candidate> = Vec::new();
    for (i, line) in st.doc.lines.iter().enumerate() {
        if st.used[i] || Some(i) == title_line {
            continue;
        }
        let Some(h) = &st.heading_lines[i] else {
            continue;
        };
        let (text, number) = (h.text.clone(), h.number);
        let wording = trusted_wording(number, &h.rest);
        if wording.is_none() && h.rest.chars().count() > 30 {
            continue;
        }
        let loc = line.non_empty().next().map(|f| f.loc).unwrap_or(Loc {
            page: 0,
            line: line.no,
            column: 1,
        });
        cands.push(Candidate {
            line: i,
            text,
            loc,
            number,
            wording,
        });
        if cands.len() >= 200 {
            break;
        }
    }
    let mut chosen = assign(&cands);
    // Sections printed out of order (四 before 三): the ordered assignment leaves one out, but a
    // heading whose wording and number agree is that section wherever it stands (STR012 reports
    // the order; STR001 would wrongly call it missing).
    for (ci, c) in cands.iter().enumerate() {
        if let Some(w) = c.wording
            && w.number() == c.number
            && !chosen.iter().any(|(k, id)| *k == ci || *id == w)
        {
            chosen.push((ci, w));
        }
    }
    chosen.sort_by_key(|(ci, _)| cands[*ci].line);
    for (k, (ci, id)) in chosen.iter().enumerate() {
        let c = &cands[*ci];
        let end = chosen
            .get(k + 1)
            .map(|n| cands[n.0].line)
            .unwrap_or(st.doc.lines.len());
        let text: Vec<String> = st.doc.lines[c.line + 1..end]
            .iter()
            .enumerate()
            .filter(|(j, l)| !st.used[c.line + 1 + j] && !l.is_empty())
            .map(|(_, l)| {
                l.non_empty()
                    .map(|f| f.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        st.report.sections.push(Section {
            id: *id,
            heading: c.text.clone(),
            text: text.join("\n"),
            location: Some(c.loc),
        });
    }
}

/// The best order-preserving assignment of candidates to sections (a small DP over
/// candidates × sections).
fn assign(cands: &[Candidate]) -> Vec<(usize, SectionId)> {
    let score = |c: &Candidate, s: usize| -> u32 {
        match c.wording {
            Some(w) if w.number() == s && c.number == s => 6,
            Some(w) if w.number() == s => 4,
            Some(_) if c.number == s => 1,
            None if c.number == s => 2,
            _ => 0,
        }
    };
    // best[k][s]: best total using candidates ..=k with the last chosen one at section s (1..=6)
    let n = cands.len();
    let mut best = vec![[0u32; 7]; n];
    let mut prev: Vec<[Option<(usize, usize)>; 7]> = vec![[None; 7]; n];
    for k in 0..n {
        for s in 1..=6 {
            let sc = score(&cands[k], s);
            if sc == 0 {
                continue;
            }
            best[k][s] = sc;
            for j in 0..k {
                for t in 1..s {
                    if best[j][t] > 0 && best[j][t] + sc > best[k][s] {
                        best[k][s] = best[j][t] + sc;
                        prev[k][s] = Some((j, t));
                    }
                }
            }
        }
    }
    let mut end: Option<(usize, usize)> = None;
    let mut top = 0;
    for (k, row) in best.iter().enumerate() {
        for (s, v) in row.iter().enumerate() {
            if *v > top {
                top = *v;
                end = Some((k, s));
            }
        }
    }
    let mut out = Vec::new();
    while let Some((k, s)) = end {
        if let Some(id) = SectionId::from_number(s) {
            out.push((k, id));
        }
        end = prev[k][s];
    }
    out.reverse();
    out
}
