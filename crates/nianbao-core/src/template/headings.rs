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
    /// Other words that name the section by its key words.
    Reworded,
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

/// How a heading's words name a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wording {
    /// The template's words.
    Canonical,
    /// A variant in use (template-spec §9, §11.6).
    Variant,
    /// Other words, recognised by the section's key words ([`key_words`]).
    KeyWords,
}

/// Which section a heading's wording (number stripped, normalized) names, and how: the canonical
/// wording, a known variant, or other words whose key words name the section
/// (`存在的主要问题及明年工作计划`, `其他需报告的事项`, the typo `政府信息公开行政法复议、行政诉讼情况`).
pub fn wording(rest: &str) -> Option<(SectionId, Wording)> {
    let (canon, variants) = wordings();
    if let Some(i) = canon.iter().position(|c| c == rest) {
        return SectionId::from_number(i + 1).map(|s| (s, Wording::Canonical));
    }
    for (i, vars) in variants.iter().enumerate() {
        if vars.iter().any(|v| v == rest) {
            return SectionId::from_number(i + 1).map(|s| (s, Wording::Variant));
        }
    }
    // The whole wording, up to a closing colon, must be the key words and their tail.
    let whole = rest.trim_end_matches([':', '：']);
    match key_words(whole) {
        Some((s, end)) if end == whole.len() => Some((s, Wording::KeyWords)),
        _ => None,
    }
}

/// The section a numbered heading's wording names, as far as the mapper trusts it: the canonical
/// wording or a known variant whatever the number (a misnumbered heading), other words only under
/// their own number (a sub-heading of 总体情况 numbered as a section, `三、主动公开工作情况`, is
/// not section 二).
pub fn trusted_wording(number: usize, rest: &str) -> Option<SectionId> {
    match wording(rest)? {
        (s, Wording::KeyWords) if s.number() != number => None,
        (s, _) => Some(s),
    }
}

/// One step of a heading's key words: any of `words`, starting at most `gap` characters after the
/// previous step (after the numbering, for the first), with only heading characters between.
struct Step {
    words: &'static [&'static str],
    gap: usize,
}

const fn step(words: &'static [&'static str], gap: usize) -> Step {
    Step { words, gap }
}

/// The key words of each section's heading, in order, one or more patterns a section
/// (template-spec §2.2, §8 D10, §9, §11.6: the canonical wording, the variants in use and their
/// typos). A heading names a section when a pattern matches right after its numbering.
static KEYS: [&[&[Step]]; 6] = [
    // 一、总体情况 / 基本情况 / 政府信息公开工作总体情况 / 总体概述
    &[&[
        step(&["总体", "基本", "整体"], 10),
        step(&["情况", "概述", "概况"], 2),
    ]],
    // 二、主动公开政府信息情况 / 主动公开情况 / 政府信息主动公开情况
    &[&[step(&["主动公开"], 8)]],
    // 三、收到和处理政府信息公开申请情况 / 依申请公开情况
    &[
        &[step(&["收到", "处理"], 8), step(&["申请"], 12)],
        &[step(&["依申请"], 8)],
    ],
    // 四、政府信息公开行政复议、行政诉讼情况 / 政府信息公开行政法复议、行政诉讼情况 /
    // 因政府信息公开工作被申请行政复议和提起行政诉讼情况
    &[&[step(&["复议"], 16), step(&["诉讼"], 6)]],
    // 五、存在的主要问题及改进情况 / 存在问题及整改措施 / 存在的主要问题及明年工作计划 /
    // 主要问题及改进措施
    &[
        &[step(&["存在"], 12), step(&["问题", "不足"], 4)],
        &[step(&["问题", "不足"], 12), step(&["改进", "整改"], 3)],
    ],
    // 六、其他需要报告的事项 / 其他需报告的事项 / 其它需要说明的事项
    &[&[
        step(&["其他", "其它"], 4),
        step(&["报告", "说明"], 4),
        step(&["事项"], 3),
    ]],
];

/// Words a heading's wording ends with. Key words that do not end with one (存在的主要问题,
/// 行政诉讼, 主动公开) may be followed by a tail up to the first of them (及改进情况,
/// 及明年工作计划, 政府信息情况), within [`TAIL`] characters.
const ENDS: [&str; 11] = [
    "情况", "措施", "计划", "打算", "事项", "举措", "思路", "方向", "安排", "概述", "概况",
];

/// The most characters a heading's tail takes after its key words.
const TAIL: usize = 12;

/// Characters a heading's wording is made of (ideographs and the enumeration comma); anything
/// else (digits, sentence punctuation, brackets) ends the look-ahead. Spaces are skipped.
fn heading_char(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || matches!(c, '、' | '，' | ',')
}

/// The section whose key words a heading's wording (the text right after its numbering) starts
/// with, and the byte length of that wording: through its last key word, or through the tail's
/// closing word (`ENDS`). A real recogniser, not a list of headings: key words in order, each
/// within a bounded distance of the last, nothing but heading characters between; the earliest
/// match wins.
pub fn key_words(text: &str) -> Option<(SectionId, usize)> {
    // The first characters with their byte offsets, spaces skipped (the look-ahead is bounded).
    let chars: Vec<(usize, char)> = text
        .char_indices()
        .filter(|(_, c)| !c.is_whitespace() && *c != '\u{3000}')
        .take(64)
        .collect();
    let at = |p: usize, w: &str| {
        w.chars()
            .enumerate()
            .all(|(k, c)| chars.get(p + k).map(|x| x.1) == Some(c))
    };
    let mut best: Option<(usize, SectionId, usize)> = None;
    for (i, patterns) in KEYS.iter().enumerate() {
        let Some(section) = SectionId::from_number(i + 1) else {
            continue;
        };
        for pattern in patterns.iter() {
            let mut pos = 0;
            let mut first = None;
            let mut last = "";
            let matched = pattern.iter().all(|st| {
                let mut p = pos;
                loop {
                    if let Some(w) = st.words.iter().find(|w| at(p, w)) {
                        first.get_or_insert(p);
                        pos = p + w.chars().count();
                        last = w;
                        return true;
                    }
                    if p >= pos + st.gap || !chars.get(p).is_some_and(|c| heading_char(c.1)) {
                        return false;
                    }
                    p += 1;
                }
            });
            if !matched {
                continue;
            }
            // The tail, up to its closing word.
            let mut end = pos;
            if !ENDS.contains(&last) {
                let mut p = pos;
                while p < pos + TAIL && chars.get(p).is_some_and(|c| heading_char(c.1)) {
                    if let Some(w) = ENDS.iter().find(|w| at(p, w)) {
                        end = p + w.chars().count();
                        break;
                    }
                    p += 1;
                }
            }
            let bytes = chars.get(end - 1).map_or(0, |(b, c)| b + c.len_utf8());
            let start = first.unwrap_or(0);
            if best.is_none_or(|(s, _, _)| start < s) {
                best = Some((start, section, bytes));
            }
        }
    }
    best.map(|(_, s, b)| (s, b))
}

/// A numbered section heading found inside a run of text (a page whose lines ran together).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineHeading {
    /// Byte offsets of the heading (numbering included) in the text.
    pub start: usize,
    pub end: usize,
    /// The number it carries (一 → 1).
    pub number: usize,
    /// The section its wording names.
    pub section: SectionId,
}

/// The section headings inside a run of text: a numeral 一…六 that does not continue a number or
/// an item (not after another numeral, `（`, `第`), its separator (`、` `.` `:`), then the
/// canonical wording or a known variant of a section, or its key words ([`key_words`]). Words such
/// as 存在的主要问题 in prose are no heading without that numbering before them.
pub fn inline_headings(text: &str) -> Vec<InlineHeading> {
    // Raw texts of the canonical wordings and variants, per section, longest first.
    static EXACT: std::sync::OnceLock<Vec<(&'static str, SectionId)>> = std::sync::OnceLock::new();
    let exact = EXACT.get_or_init(|| {
        let mut out: Vec<(&'static str, SectionId)> = Vec::new();
        for (i, id) in SectionId::ALL.iter().enumerate() {
            let canon = SECTIONS[i];
            let body = canon
                .char_indices()
                .nth(2)
                .map_or(canon, |(b, _)| &canon[b..]);
            out.push((body, *id));
            out.extend(SECTION_VARIANTS[i].iter().map(|v| (*v, *id)));
        }
        out.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        out
    });
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let before = prev;
        prev = Some(c);
        let Some(n) = NUMERALS.iter().position(|x| *x == c) else {
            continue;
        };
        if before.is_some_and(|b| "（(第〔[【一二三四五六七八九十百〇零".contains(b))
        {
            continue;
        }
        let after = &text[i + c.len_utf8()..];
        let trimmed = after.trim_start();
        let Some(sep) = trimmed
            .chars()
            .next()
            .filter(|s| matches!(s, '、' | '.' | '．' | ':' | '：'))
        else {
            continue;
        };
        let body_text = trimmed[sep.len_utf8()..].trim_start();
        let body = text.len() - body_text.len();
        let found = exact
            .iter()
            .find(|(w, _)| body_text.starts_with(w))
            .map(|(w, id)| (*id, w.len()))
            .or_else(|| key_words(body_text));
        if let Some((section, len)) = found {
            out.push(InlineHeading {
                start: i,
                end: body + len,
                number: n + 1,
                section,
            });
        }
    }
    out
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
        Some((s, Wording::Canonical)) if s == id => HeadingMatch::Canonical,
        Some((s, Wording::Variant)) if s == id => HeadingMatch::Variant,
        Some((s, Wording::KeyWords)) if s == id => HeadingMatch::Reworded,
        // Key words are trusted to name the heading's own section only.
        Some((_, Wording::KeyWords)) | None => HeadingMatch::Unknown,
        Some((s, _)) => HeadingMatch::OtherSection(s),
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
    trusted_wording(h.number, &h.rest).and_then(|_| SectionId::from_number(h.number))
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
    fn headings_in_other_words_are_recognised_by_their_key_words() {
        use SectionId::*;
        for (rest, want) in [
            ("存在的主要问题及明年工作计划", Problems),
            ("主要问题及改进措施", Problems),
            ("其他需报告的事项", OtherMatters),
            ("其它需要说明的事项", OtherMatters),
            ("政府信息公开行政法复议、行政诉讼情况", ReviewLitigation),
            ("政府信息公开行政复议和行政诉讼情况", ReviewLitigation),
            ("政府信息公开工作总体情况", Overview),
            ("政府信息主动公开情况", ProactiveDisclosure),
            ("收到和处理政府信息公开申请的情况", Requests),
        ] {
            assert_eq!(wording(rest), Some((want, Wording::KeyWords)), "{rest}");
            assert_eq!(key_words(rest), Some((want, rest.len())), "{rest}");
        }
        // Known wordings stay canonical or variants.
        assert_eq!(
            wording("存在的主要问题及改进情况"),
            Some((Problems, Wording::Canonical))
        );
        assert_eq!(
            wording("存在的主要问题及改进措施"),
            Some((Problems, Wording::Variant))
        );
        // Key words must come first, in order, close together; and the words must be the whole
        // heading for a heading line.
        for rest in [
            "工作概况",
            "主动公开方面的工作",
            "本年度办理结果",
            "本年新收政府信息公开申请数量",
            "结转下年度继续办理",
            "诉讼和复议情况",
            "问题",
            "加强政务公开工作存在问题整改",
        ] {
            assert_eq!(wording(rest), None, "{rest}");
        }
        assert_eq!(
            classify_heading(Problems, "五、存在的主要问题及明年工作计划"),
            HeadingMatch::Reworded
        );
        // Other words name the heading's own section only: a sub-heading of 总体情况 numbered
        // as a section is no heading of another section.
        assert_eq!(
            classify_heading(Requests, "三、主动公开工作情况"),
            HeadingMatch::Unknown
        );
        assert_eq!(trusted_wording(3, "主动公开工作情况"), None);
        assert_eq!(
            trusted_wording(2, "主动公开工作情况"),
            Some(ProactiveDisclosure)
        );
        assert_eq!(
            trusted_wording(6, "存在的主要问题及改进情况"),
            Some(Problems)
        );
    }

    /// The headings [`inline_headings`] finds in a text, as (text, number, section number).
    fn inline(text: &str) -> Vec<(&str, usize, usize)> {
        inline_headings(text)
            .iter()
            .map(|h| (&text[h.start..h.end], h.number, h.section.number()))
            .collect()
    }

    #[test]
    fn headings_run_together_with_text_are_found_and_bounded() {
        let text = "…年度报告。一、总体情况 2024年，本区……（一）主动公开方面。二、主动公开政府信息情况第二十条第（一）项…\
            四、结转下年度继续办理0000000四、政府信息公开行政法复议、行政诉讼情况行政复议行政诉讼结果维持…总计\
            21317000001324019五、存在的主要问题及明年工作计划2024年，工作中仍存在的主要问题是…。\
            六、其他需报告的事项本年度未收取信息处理费。";
        assert_eq!(
            inline(text),
            [
                ("一、总体情况", 1, 1),
                ("二、主动公开政府信息情况", 2, 2),
                ("四、政府信息公开行政法复议、行政诉讼情况", 4, 4),
                ("五、存在的主要问题及明年工作计划", 5, 5),
                ("六、其他需报告的事项", 6, 6),
            ]
        );
        // Swapped numbers keep their own numbers; the words name the sections.
        assert_eq!(
            inline("。六、存在的主要问题及改进情况一是…。五、其他需要报告的事项无。"),
            [
                ("六、存在的主要问题及改进情况", 6, 5),
                ("五、其他需要报告的事项", 5, 6)
            ]
        );
        // The words in prose, after an item's bracketed number, after another numeral, or after
        // an ordinal are no heading; nor is a numeral without its separator.
        for prose in [
            "当前工作中存在的主要问题及改进措施如下",
            "（五）存在的主要问题及改进措施",
            "十五、存在的主要问题及改进措施",
            "第五、存在的主要问题",
            "一是存在的主要问题及改进措施",
            "五存在的主要问题",
            "三、本年度办理结果（一）予以公开",
            "一、本年新收政府信息公开申请数量",
        ] {
            assert_eq!(inline(prose), [], "{prose}");
        }
        // A tail stops at digits and punctuation, and takes at most a few characters.
        assert_eq!(
            inline("五、存在的主要问题2024年"),
            [("五、存在的主要问题", 5, 5)]
        );
        assert_eq!(
            inline("五、存在的主要问题一是机制有待完善二是形式有待丰富情况"),
            [("五、存在的主要问题", 5, 5)]
        );
        assert_eq!(
            inline("六、其他需要报告的事项无收取信息处理费情况"),
            [("六、其他需要报告的事项", 6, 6)]
        );
    }

    proptest::proptest! {
        #[test]
        fn inline_headings_are_bounded_spans_of_the_text(
            text in "([一二三四五六十（、.：: 　\\t0-9存在的主要问题及改进情况其他需报告事项复议诉讼主动公开收到申请总体。，]|存在的主要问题|行政复议、行政诉讼|其他需要报告的事项){0,80}"
        ) {
            let mut last = 0;
            for h in inline_headings(&text) {
                proptest::prop_assert!(h.start >= last && h.start < h.end && h.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(h.start) && text.is_char_boundary(h.end));
                proptest::prop_assert!((1..=6).contains(&h.number));
                last = h.start + 1;
            }
            if let Some((_, end)) = key_words(&text) {
                proptest::prop_assert!(end <= text.len() && text.is_char_boundary(end));
            }
        }
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
