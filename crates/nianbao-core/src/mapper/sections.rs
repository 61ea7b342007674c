//! Title, issuing body, year, and the six section headings with their text.

use super::State;
use crate::input::document::Line;
use crate::model::{Loc, Section, SectionId};
use crate::normalize::{Token, classify, norm};
use crate::template::{SECTION_VARIANTS, SECTIONS};

/// How a heading's wording compares with the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingMatch {
    Canonical,
    Variant,
    /// The wording of another section.
    OtherSection(SectionId),
    Unknown,
}

const NUMERALS: [char; 6] = ['一', '二', '三', '四', '五', '六'];

/// Splits "二、主动公开…" into (2, normalized "主动公开…").
fn numbered(text: &str) -> Option<(usize, String)> {
    let n = norm(text);
    let mut chars = n.chars();
    let first = chars.next()?;
    let num = NUMERALS.iter().position(|c| *c == first)? + 1;
    let rest: String = chars.collect();
    let rest = rest
        .strip_prefix('、')
        .or_else(|| rest.strip_prefix('.'))
        .or_else(|| rest.strip_prefix(':'))?;
    Some((num, rest.to_string()))
}

fn body(canon: &str) -> String {
    numbered(canon).map(|(_, r)| r).unwrap_or_default()
}

/// Which section a heading's wording (number stripped) names, and how exactly.
fn wording(rest: &str) -> Option<(SectionId, bool)> {
    for (i, canon) in SECTIONS.iter().enumerate() {
        if body(canon) == rest {
            return SectionId::from_number(i + 1).map(|s| (s, true));
        }
    }
    for (i, vars) in SECTION_VARIANTS.iter().enumerate() {
        if vars.iter().any(|v| norm(v) == rest) {
            return SectionId::from_number(i + 1).map(|s| (s, false));
        }
    }
    None
}

/// Compares a printed heading with section `id`'s.
pub fn classify_heading(id: SectionId, heading: &str) -> HeadingMatch {
    let Some((_, rest)) = numbered(heading) else {
        return HeadingMatch::Unknown;
    };
    match wording(&rest) {
        Some((s, true)) if s == id => HeadingMatch::Canonical,
        Some((s, false)) if s == id => HeadingMatch::Variant,
        Some((s, _)) => HeadingMatch::OtherSection(s),
        None => HeadingMatch::Unknown,
    }
}

/// The text of a line when it can be a heading: one short piece of text, no numbers.
fn heading_text(line: &Line) -> Option<String> {
    let cells: Vec<_> = line.non_empty().collect();
    if cells.is_empty() || cells.iter().any(|f| classify(&f.text) != Token::Text) {
        return None;
    }
    let text: String = cells
        .iter()
        .map(|f| f.text.as_str())
        .collect::<Vec<_>>()
        .join("");
    let n = norm(&text);
    if n.chars().count() > 40 || n.ends_with('。') {
        return None;
    }
    // Row labels of 表三 look like headings ("一、本年新收…", "三、本年度办理结果").
    if crate::template::rows_t3(crate::template::TemplateVersion::F2021)
        .iter()
        .any(|r| r.level == 0 && norm(r.label) == n)
    {
        return None;
    }
    Some(text)
}

/// The section number of a line that is certainly a section heading (known wording).
pub(crate) fn known_heading(line: &Line) -> Option<SectionId> {
    let text = heading_text(line)?;
    let (num, rest) = numbered(&text)?;
    wording(&rest).and_then(|_| SectionId::from_number(num))
}

/// Finds the title, issuing body and report year.
pub(crate) fn metadata(st: &mut State<'_>) {
    let Some(line) = st.doc.lines.iter().take(30).find(|l| {
        let j = l.joined();
        j.contains("政府信息公开")
            && j.contains("报告")
            && numbered(&j).is_none()
            && j.chars().count() <= 80
    }) else {
        return;
    };
    let title: String = line
        .non_empty()
        .map(|f| f.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let compact: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    let md = &mut st.report.metadata;
    md.title = Some(title.trim().to_string());
    if let Some((start, end, year)) = find_year(&compact) {
        md.report_year = Some(year);
        let before = &compact[..start];
        let after = &compact[end..];
        let organ = if before.is_empty() {
            after.split("政府信息公开").next().unwrap_or("")
        } else {
            before
        };
        let organ = organ.trim_end_matches("关于").trim();
        if !organ.is_empty() {
            md.issuing_body = Some(organ.to_string());
        }
    } else if let Some(organ) = compact
        .split("政府信息公开")
        .next()
        .filter(|o| !o.is_empty())
    {
        md.issuing_body = Some(organ.to_string());
    }
}

/// A year "2020年" / "2020年度" in the title: (byte start, byte end after 年/年度, year).
fn find_year(s: &str) -> Option<(usize, usize, u32)> {
    let b = s.as_bytes();
    for i in 0..b.len().saturating_sub(3) {
        if b[i..i + 4].iter().all(u8::is_ascii_digit) && (i == 0 || !b[i - 1].is_ascii_digit()) {
            let rest = &s[i + 4..];
            if let Some(after) = rest.strip_prefix("年") {
                let year: u32 = s[i..i + 4].parse().ok()?;
                if !(2000..=2100).contains(&year) {
                    continue;
                }
                let end = s.len() - after.strip_prefix("度").unwrap_or(after).len();
                return Some((i, end, year));
            }
        }
    }
    None
}

/// Finds the section headings among the lines no table used, and each section's text.
pub(crate) fn map(st: &mut State<'_>) {
    let title_line = st.report.metadata.title.as_ref().and_then(|_| {
        st.doc
            .lines
            .iter()
            .take(30)
            .position(|l| l.joined().contains("政府信息公开") && l.joined().contains("报告"))
    });
    let mut found: Vec<(usize, SectionId, String, Loc)> = Vec::new();
    let mut last = 0usize;
    for (i, line) in st.doc.lines.iter().enumerate() {
        if st.used[i] || Some(i) == title_line {
            continue;
        }
        let Some(text) = heading_text(line) else {
            continue;
        };
        let Some((num, rest)) = numbered(&text) else {
            continue;
        };
        let known = wording(&rest).is_some();
        let next = num == last + 1;
        let short = rest.chars().count() <= 30;
        if num > last && (known || (next && short)) {
            let loc = line.non_empty().next().map(|f| f.loc).unwrap_or(Loc {
                line: line.no,
                column: 1,
            });
            if let Some(id) = SectionId::from_number(num) {
                found.push((i, id, text, loc));
                last = num;
            }
        }
    }
    for (k, (i, id, heading, loc)) in found.iter().enumerate() {
        let end = found.get(k + 1).map(|f| f.0).unwrap_or(st.doc.lines.len());
        let text: Vec<String> = st.doc.lines[i + 1..end]
            .iter()
            .enumerate()
            .filter(|(j, l)| !st.used[i + 1 + j] && !l.is_empty())
            .map(|(_, l)| {
                l.non_empty()
                    .map(|f| f.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        st.report.sections.push(Section {
            id: *id,
            heading: heading.clone(),
            text: text.join("\n"),
            location: Some(*loc),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_classified() {
        assert_eq!(
            classify_heading(SectionId::Overview, "一、总体情况"),
            HeadingMatch::Canonical
        );
        assert_eq!(
            classify_heading(SectionId::Problems, "五、存在问题及改进情况"),
            HeadingMatch::Variant
        );
        assert_eq!(
            classify_heading(SectionId::ProactiveDisclosure, "二、其他需要报告的事项"),
            HeadingMatch::OtherSection(SectionId::OtherMatters)
        );
        assert_eq!(
            classify_heading(SectionId::Overview, "一、工作概况"),
            HeadingMatch::Unknown
        );
    }

    #[test]
    fn year_and_body_from_title() {
        assert_eq!(
            find_year("新青镇2020年政府信息公开工作报告").map(|y| y.2),
            Some(2020)
        );
        assert_eq!(
            find_year("2019年度上海市").map(|y| y.1),
            Some("2019年度".len())
        );
        assert_eq!(find_year("第12345年"), None);
    }
}
