//! The six section headings as the template words them, and the classifier that reads a printed
//! heading against them: its number, and which section its wording names (canonical, a known
//! variant, another section's, or unknown). The mapper finds the sections with it; the structure
//! rules (STR002, STR007) judge the headings with it.

use super::{SECTION_VARIANTS, SECTIONS};
use crate::model::SectionId;
use crate::normalize::norm;

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
    // Most lines are no heading: their first character says so before the line is normalized.
    if !NUMERALS.contains(&crate::normalize::norm_first(text)?) {
        return None;
    }
    numbered_normed(&norm(text)).map(|(num, rest)| (num, rest.to_string()))
}

/// [`numbered`] of a text already normalized (`norm` is idempotent).
fn numbered_normed(n: &str) -> Option<(usize, &str)> {
    let first = n.chars().next()?;
    let num = NUMERALS.iter().position(|c| *c == first)? + 1;
    let rest = &n[first.len_utf8()..];
    let rest = rest
        .strip_prefix('、')
        .or_else(|| rest.strip_prefix('.'))
        .or_else(|| rest.strip_prefix(':'))?;
    Some((num, rest))
}

fn body(canon: &str) -> String {
    numbered(canon).map(|(_, r)| r).unwrap_or_default()
}

/// Normalized canonical bodies and variants of the six headings.
fn wordings() -> &'static (Vec<String>, Vec<Vec<String>>) {
    static W: std::sync::OnceLock<(Vec<String>, Vec<Vec<String>>)> = std::sync::OnceLock::new();
    W.get_or_init(|| {
        (
            SECTIONS.iter().map(|c| body(c)).collect(),
            SECTION_VARIANTS
                .iter()
                .map(|vs| vs.iter().map(|v| norm(v)).collect())
                .collect(),
        )
    })
}

/// Which section a heading's wording (number stripped, normalized) names, and whether it is the
/// canonical wording (true) or a known variant (false).
pub fn wording(rest: &str) -> Option<(SectionId, bool)> {
    let (canon, variants) = wordings();
    if let Some(i) = canon.iter().position(|c| c == rest) {
        return SectionId::from_number(i + 1).map(|s| (s, true));
    }
    for (i, vars) in variants.iter().enumerate() {
        if vars.iter().any(|v| v == rest) {
            return SectionId::from_number(i + 1).map(|s| (s, false));
        }
    }
    None
}

/// The number a printed heading carries (一、 → 1).
pub fn heading_number(heading: &str) -> Option<usize> {
    numbered(heading).map(|(n, _)| n)
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

/// A line that can be a section heading, read once per line (the mapper's sections and the
/// tables' ends both need it): its text, number and normalized wording without the number.
#[derive(Debug, Clone)]
pub struct HeadingLine {
    pub text: String,
    pub number: usize,
    pub rest: String,
}

/// A text as a heading candidate: one short piece of text (at most 40 characters once
/// normalized, not a sentence) starting with a numbered heading, and not one of 表三's numbered
/// row labels. `text` is the line's text cells joined; the caller has checked that the line
/// holds no number.
pub fn heading_line(text: String) -> Option<HeadingLine> {
    // Characters `norm` keeps as they are each stay one character: more than 40 of them make a
    // normalized text over 40 (paragraphs that start with 一、 are not normalized whole).
    if crate::normalize::kept_chars_exceed(&text, 40) {
        return None;
    }
    let n = norm(&text);
    if n.chars().count() > 40 || n.ends_with('。') {
        return None;
    }
    // Row labels of 表三 look like headings ("一、本年新收…", "三、本年度办理结果").
    static ROWS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let rows = ROWS.get_or_init(|| {
        super::rows_t3(super::TemplateVersion::F2021)
            .iter()
            .filter(|r| r.level == 0)
            .map(|r| norm(r.label))
            .collect()
    });
    if rows.contains(&n) {
        return None;
    }
    let (number, rest) = numbered_normed(&n)?;
    let rest = rest.to_string();
    Some(HeadingLine { text, number, rest })
}

/// Whether a text starts with one of the six section numerals (一 … 六), the cheap first test of
/// a heading.
pub fn starts_with_numeral(text: &str) -> bool {
    text.chars().next().is_some_and(|c| NUMERALS.contains(&c))
}

/// The section number of a line that is certainly a section heading (known wording).
pub fn known_heading(h: &HeadingLine) -> Option<SectionId> {
    wording(&h.rest).and_then(|_| SectionId::from_number(h.number))
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
    fn canonical_headings_are_classified_canonical_and_carry_their_number() {
        for id in SectionId::ALL {
            assert_eq!(
                classify_heading(id, id.canonical()),
                HeadingMatch::Canonical
            );
            assert_eq!(heading_number(id.canonical()), Some(id.number()));
        }
    }
}
