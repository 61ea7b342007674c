//! The normalized document model every reader produces: lines of cells, each with its position in
//! the source. Plain text gives one line per text line (cells split at tabs); the HTML and DOCX
//! readers give one line per table row or paragraph.

use crate::model::Loc;
use crate::normalize::{PLACEHOLDER_MAX_BYTES, PLACEHOLDERS, Token, classify};

/// What a cell's text is, decided once when the cell is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FragKind {
    Blank,
    Placeholder,
    Number,
    /// Digits that lost their separators (`396-5181`, `898989` is a Number).
    DigitRun,
    /// A value printed as unreadable (`?`), or a rendering's marker for a missing or unsettled
    /// cell (`缺失`, `待定：6、62`).
    Unreadable,
    Text,
}

impl FragKind {
    /// The kind of a cell's text.
    pub fn of(text: &str) -> FragKind {
        FragKind::of_common(text).unwrap_or_else(|| FragKind::of_classified(text))
    }

    /// The kind by its definition (what [`classify`] says), without the shortcut.
    fn of_classified(text: &str) -> FragKind {
        match classify(text) {
            Token::Blank => FragKind::Blank,
            Token::Placeholder(_) => FragKind::Placeholder,
            Token::Number(..) => FragKind::Number,
            // A rendering's marker for a missing or unsettled cell: a value cell whose value is
            // not a number ([`crate::mapper`] reads which).
            Token::Unreadable | Token::Missing | Token::Candidates(_) => FragKind::Unreadable,
            Token::Text if digit_run(text) => FragKind::DigitRun,
            Token::Text => FragKind::Text,
        }
    }

    /// What [`classify`] would say, decided from the first bytes for the common cells (empty,
    /// plain counts, text starting with a CJK ideograph), without trimming or decoding; None for
    /// anything else.
    #[inline]
    fn of_common(text: &str) -> Option<FragKind> {
        let b = text.as_bytes();
        match *b.first()? {
            // A plain count (at most 18 digits always fits u64).
            b'0'..=b'9' if b.len() <= 18 && b.iter().all(u8::is_ascii_digit) => {
                Some(FragKind::Number)
            }
            // U+4E00..=U+9FFF: E4 B8..BF, E5..E9. Not 增 or 减, which can start a number, nor
            // the ideograph placeholders 无 and 不适用 (maybe followed by spaces classify trims),
            // nor the renderings' markers 缺失 and 待定：…. A digit run never starts with an
            // ideograph.
            0xE4..=0xE9 if b.len() >= 3 && (b[0] != 0xE4 || b[1] >= 0xB8) => match b[..3] {
                // 增, 减, 无, 不 (of 不适用), 缺, 待
                [0xE5, 0xA2, 0x9E]
                | [0xE5, 0x87, 0x8F]
                | [0xE6, 0x97, 0xA0]
                | [0xE4, 0xB8, 0x8D]
                | [0xE7, 0xBC, 0xBA]
                | [0xE5, 0xBE, 0x85] => None,
                _ => Some(FragKind::Text),
            },
            // An opening parenthesis ('(' or '（' EF BC 88) starts no number, placeholder or
            // digit run: `（一）主动公开情况`.
            b'(' => Some(FragKind::Text),
            0xEF if b.starts_with("（".as_bytes()) => Some(FragKind::Text),
            // A placeholder exactly (classify would allocate its text).
            _ if b.len() <= PLACEHOLDER_MAX_BYTES && PLACEHOLDERS.contains(&text) => {
                Some(FragKind::Placeholder)
            }
            _ => None,
        }
    }

    /// Not label text: a number, placeholder, blank or digit run.
    pub fn is_value(self) -> bool {
        self != FragKind::Text
    }
}

/// Digits with '.', '-' and an optional 元 suffix: cells that ran together.
pub fn digit_run(t: &str) -> bool {
    let body = t
        .strip_suffix("万元")
        .or_else(|| t.strip_suffix('元'))
        .unwrap_or(t);
    body.bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
        && body.bytes().any(|b| b.is_ascii_digit())
}

/// One piece of a line: a cell of a table row, or the whole line of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frag {
    /// The text, trimmed (stored inline up to 24 bytes: most cells need no allocation).
    pub text: compact_str::CompactString,
    /// Where it starts (1-based line and character column of the first non-space character).
    pub loc: Loc,
    /// What the text is.
    pub kind: FragKind,
}

impl Frag {
    /// A cell with its kind.
    pub fn new(text: impl Into<compact_str::CompactString>, loc: Loc) -> Frag {
        let text = text.into();
        let kind = FragKind::of(&text);
        Frag { text, loc, kind }
    }
}

/// The cells' text joined by nothing, sized once (collecting would grow the string cell by cell).
pub fn join_texts(frags: &[Frag]) -> String {
    let mut s = String::with_capacity(frags.iter().map(|f| f.text.len()).sum());
    for f in frags {
        s.push_str(&f.text);
    }
    s
}

/// One line or table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number in the source.
    pub no: u32,
    pub frags: Vec<Frag>,
}

impl Line {
    /// The line's text with cells joined by nothing (labels broken by cells join up).
    pub fn joined(&self) -> std::borrow::Cow<'_, str> {
        match self.frags.as_slice() {
            [] => std::borrow::Cow::Borrowed(""),
            [one] => std::borrow::Cow::Borrowed(one.text.as_str()),
            many => std::borrow::Cow::Owned(join_texts(many)),
        }
    }

    /// Whether every cell is empty.
    pub fn is_empty(&self) -> bool {
        self.frags.iter().all(|f| f.text.is_empty())
    }

    /// Non-empty cells.
    pub fn non_empty(&self) -> impl Iterator<Item = &Frag> {
        self.frags.iter().filter(|f| !f.text.is_empty())
    }
}

/// A whole document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub lines: Vec<Line>,
    /// The file was damaged and read only as far as it could be (a PDF whose cross-reference
    /// table was rebuilt, or pages whose content could not be parsed): the mapper reports it
    /// (PRS009), so missing cells and sections are not taken for the report's own.
    pub damage: Option<Damage>,
}

/// What a reader could not read of a damaged file, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    pub zh: String,
    pub en: String,
}

#[cfg(test)]
impl Document {
    /// Every line's cell texts (for tests).
    pub(crate) fn texts(&self) -> Vec<Vec<&str>> {
        self.lines
            .iter()
            .map(|l| l.frags.iter().map(|f| f.text.as_str()).collect())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_by_classify(text: &str) -> FragKind {
        FragKind::of_classified(text)
    }

    proptest::proptest! {
        #[test]
        fn shortcut_kinds_agree_with_classify(
            s in "[ 0-9.,\\-/a一三增减无不适用元万件丁缺失待定：:、|空白(（）NA―─–\u{4dff}\u{4e00}\u{9fff}\u{a000}\u{3000}\u{a0}？?\u{fffd}－／—１]{0,12}"
        ) {
            proptest::prop_assert_eq!(FragKind::of(&s), kind_by_classify(&s));
        }
    }

    #[test]
    fn shortcut_bytes_are_those_of_the_words() {
        assert_eq!("增".as_bytes(), [0xE5, 0xA2, 0x9E]);
        assert_eq!("减".as_bytes(), [0xE5, 0x87, 0x8F]);
        assert_eq!("无".as_bytes(), [0xE6, 0x97, 0xA0]);
        assert_eq!("不".as_bytes(), [0xE4, 0xB8, 0x8D]);
        assert_eq!("缺".as_bytes(), [0xE7, 0xBC, 0xBA]);
        assert_eq!("待".as_bytes(), [0xE5, 0xBE, 0x85]);
    }

    #[test]
    fn shortcut_kinds() {
        for t in [
            "",
            "0",
            "12",
            "999999999999999999",
            "9999999999999999999",
            "规章",
            "无",
            "无 ",
            "不适用\u{3000}",
            "不",
            "增3",
            "减 8",
            "减少",
            "丁",
            "元",
            "一、总体情况",
            "(",
            "（",
            "(1)",
            "（一）主动公开情况",
            "(3元",
            "- ",
            " -",
        ]
        .into_iter()
        .chain(PLACEHOLDERS.iter().copied())
        .chain(crate::normalize::UNREADABLE.iter().copied())
        .chain([
            "缺失",
            "缺",
            "缺失 ",
            "待定",
            "待定：",
            "待定：6、62、空白",
            "待定:6|62",
            "待定：6、元",
            "待遇",
        ]) {
            assert_eq!(FragKind::of(t), kind_by_classify(t), "{t:?}");
        }
    }
}
