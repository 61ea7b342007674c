//! Label normalization for matching (template-spec §0, §11.6): NFKC, no whitespace, unified
//! punctuation, `1、`/`1.`/`1．` folded, curly and straight quotes folded. Canonical labels are
//! what we store and report; normalized ones are only compared.

use rust_decimal::Decimal;
use unicode_normalization::UnicodeNormalization;

/// Characters NFKC leaves alone (ASCII, CJK ideographs, the CJK and general punctuation labels
/// use); full-width ASCII is folded by hand. Anything else sends the string through full NFKC.
fn nfkc_stable(c: char) -> bool {
    matches!(c as u32,
        0x20..=0x7E | 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x3001..=0x3003 | 0x3008..=0x3011
        | 0x3014..=0x301F | 0x2010 | 0x2013..=0x2015 | 0x2018 | 0x2019 | 0x201C | 0x201D | 0x2030
        | 0x00B7 | 0x00D7 | 0x2500 | 0xFF01..=0xFF5E | 0x3000 | 0x09 | 0x0A | 0x0D)
}

/// Characters [`norm`] leaves as they are: printable ASCII other than the folded punctuation, and
/// CJK ideographs. (`、` is left out: after a digit it folds to `.`.)
#[inline]
fn norm_keeps(c: char) -> bool {
    match c as u32 {
        0x21..=0x7E => !matches!(c, '|' | ',' | '"' | '\'' | '[' | ']'),
        0x4E00..=0x9FFF | 0x3400..=0x4DBF => true,
        _ => false,
    }
}

/// Appends what one character normalizes to (nothing for spaces and pipes).
fn norm_char(c: char, out: &mut String) {
    let mut push = |c: char| match c {
        c if c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}' || c == '\u{3000}' => {}
        '|' => {}
        '，' | ',' | '、' => out.push('、'),
        '“' | '”' | '‘' | '’' | '"' | '\'' | '「' | '」' => out.push('"'),
        '【' | '〔' | '[' => out.push('('),
        '】' | '〕' | ']' => out.push(')'),
        '．' => out.push('.'),
        c => out.push(c),
    };
    if nfkc_stable(c) {
        match c as u32 {
            // full-width ASCII → ASCII, as NFKC does
            0xFF01..=0xFF5E => push(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)),
            _ => push(c),
        }
    } else {
        // Other characters one by one through NFKC (labels carry no combining sequences).
        for d in std::iter::once(c).nfkc() {
            push(d);
        }
    }
}

/// The first character of `norm(s)` without normalizing the rest (None when it is empty).
pub fn norm_first(s: &str) -> Option<char> {
    let mut one = String::new();
    for c in s.chars() {
        if norm_keeps(c) {
            return Some(c);
        }
        norm_char(c, &mut one);
        if let Some(f) = one.chars().next() {
            return Some(f);
        }
    }
    None
}

/// Whether more than `n` characters of `s` are ones [`norm`] keeps as they are (then `norm(s)`
/// has more than `n` characters: every other character normalizes to zero or more).
pub fn kept_chars_exceed(s: &str, n: usize) -> bool {
    s.chars().filter(|c| norm_keeps(*c)).nth(n).is_some()
}

/// Normalizes a label for comparison.
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Runs of characters that normalize to themselves (most of a label) are copied whole.
    let mut run = 0;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Kept without decoding: printable ASCII other than the folded punctuation, and the
        // characters whose first byte is 0xE5–0xE9 (U+5000–U+9FFF, ideographs).
        match b[i] {
            0x21..=0x7E if !matches!(b[i], b'|' | b',' | b'"' | b'\'' | b'[' | b']') => {
                i += 1;
                continue;
            }
            0xE5..=0xE9 => {
                i += 3;
                continue;
            }
            _ => {}
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        if norm_keeps(c) {
            i += c.len_utf8();
            continue;
        }
        out.push_str(&s[run..i]);
        run = i + c.len_utf8();
        let at = out.len();
        norm_char(c, &mut out);
        // `1、` and `1.` are the same sub-item number: a `、` right after a digit is a `.`.
        if out[at..].contains('、') {
            let piece = out.split_off(at);
            for d in piece.chars() {
                if d == '、' && out.as_bytes().last().is_some_and(u8::is_ascii_digit) {
                    out.push('.');
                } else {
                    out.push(d);
                }
            }
        }
        i = run;
    }
    out.push_str(&s[run..]);
    out
}

/// Similarity of two normalized labels in [0, 1] (Dice coefficient over the longest common
/// subsequence). Labels are short, so the quadratic LCS is bounded by the caller's length cap.
pub fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return if a.is_empty() { 0.0 } else { 1.0 };
    }
    let mut ab = ['\0'; MAX_LABEL];
    let mut bb = ['\0'; MAX_LABEL];
    let mut na = 0;
    for c in a.chars().take(MAX_LABEL) {
        ab[na] = c;
        na += 1;
    }
    let mut nb = 0;
    for c in b.chars().take(MAX_LABEL) {
        bb[nb] = c;
        nb += 1;
    }
    lcs_dice(&ab[..na], &bb[..nb])
}

/// The best similarity two labels of these lengths can have (for pruning).
pub fn similarity_bound(a_len: usize, b_len: usize) -> f64 {
    if a_len + b_len == 0 {
        0.0
    } else {
        2.0 * a_len.min(b_len) as f64 / (a_len + b_len) as f64
    }
}

fn lcs_dice(a: &[char], b: &[char]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut prev = [0u16; MAX_LABEL + 1];
    let mut cur = [0u16; MAX_LABEL + 1];
    for ca in a {
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = if ca == cb {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    2.0 * prev[b.len()] as f64 / (a.len() + b.len()) as f64
}

/// Labels longer than this are cut before comparison (no label of the template is near it).
pub const MAX_LABEL: usize = 120;

/// What a cell's text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// Empty or whitespace.
    Blank,
    /// "/", "—", "无" ... (kept verbatim, trimmed).
    Placeholder(String),
    /// A number with an optional unit suffix.
    Number(Decimal, Option<String>),
    /// A value printed as unreadable: `?`, `？`, or U+FFFD (a character lost in decoding), or
    /// [`CANDIDATES_MARK`] with no candidate after it. Read as a cell whose value is unknown,
    /// never as a label or a number.
    Unreadable,
    /// [`MISSING_MARK`]: what the renderings print for a cell that was not in their input (or
    /// was in a row the reader could not read). Read back as missing, never as blank or 0.
    Missing,
    /// [`CANDIDATES_MARK`] and the candidates of an unsettled cell (`待定：6、62、623`, `None`
    /// for [`crate::model::BLANK_CANDIDATE`]): read back as ambiguous with the same candidates,
    /// never as one of them.
    Candidates(Vec<Option<Decimal>>),
    /// Anything else: label text.
    Text,
}

pub(crate) const PLACEHOLDERS: &[&str] = &[
    "/",
    "／",
    "-",
    "－",
    "—",
    "——",
    "–",
    "--",
    "―",
    "─",
    "无",
    "N/A",
    "n/a",
    "NA",
    "不适用",
    "\\",
];

/// The longest placeholder or unreadable mark, in bytes.
pub(crate) const PLACEHOLDER_MAX_BYTES: usize = 9;

/// How a cell whose value is unknown is printed (the canonical renderings print `?` for an
/// unsettled cell without candidates).
pub const UNREADABLE: &[&str] = &["?", "？", "\u{fffd}"];

/// How the canonical renderings print a missing cell (not in the input, or in a row the reader
/// could not read): read back as missing. (A blank cell prints empty.)
pub const MISSING_MARK: &str = "缺失";

/// How the canonical renderings start an unsettled cell that has candidates: `待定：6、62、623`
/// (“to be settled: 6, 62 or 623”), a blank candidate printed as
/// [`crate::model::BLANK_CANDIDATE`]. Read back as ambiguous with the same candidates. The
/// half-width colon is read too, and `|` between candidates.
pub const CANDIDATES_MARK: &str = "待定：";

/// What separates the candidates after [`CANDIDATES_MARK`].
pub const CANDIDATE_SEPARATOR: char = '、';

/// The marker a rendering prints for a missing or unsettled cell, when `t` is one: `缺失`, or
/// `待定` (a colon and candidates after it, or nothing), spaces anywhere in it ignored (as an
/// extraction may add them). Text that merely starts with `待定` is no marker; neither is a
/// candidate list with anything but numbers and 空白 in it.
fn marker(t: &str) -> Option<Token> {
    let t: String = t
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if t == MISSING_MARK {
        return Some(Token::Missing);
    }
    let rest = t.strip_prefix("待定")?;
    let rest = rest
        .strip_prefix('：')
        .or_else(|| rest.strip_prefix(':'))
        .unwrap_or(rest);
    if rest.is_empty() {
        return Some(Token::Unreadable);
    }
    let mut cands = Vec::new();
    for piece in rest.split([CANDIDATE_SEPARATOR, '|']) {
        if piece == crate::model::BLANK_CANDIDATE {
            cands.push(None);
        } else {
            // A number exactly (no unit: the renderings print none after a candidate).
            match parse_number(piece)? {
                (n, None) => cands.push(Some(n)),
                (_, Some(_)) => return None,
            }
        }
    }
    Some(Token::Candidates(cands))
}

const UNITS: &[&str] = &["万元", "元", "件", "项", "个", "次", "条"];

/// Classifies the text of one cell.
pub fn classify(raw: &str) -> Token {
    let t = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}');
    if t.is_empty() {
        return Token::Blank;
    }
    // Most cells are plain counts: no placeholder or mark is all digits.
    if t.len() <= 18
        && t.bytes().all(|b| b.is_ascii_digit())
        && let Ok(n) = t.parse::<u64>()
    {
        return Token::Number(Decimal::from(n), None);
    }
    // (Placeholders and unreadable marks are short: longer text skips the comparisons.)
    if t.len() <= PLACEHOLDER_MAX_BYTES {
        if PLACEHOLDERS.contains(&t) {
            return Token::Placeholder(t.to_string());
        }
        if UNREADABLE.contains(&t) {
            return Token::Unreadable;
        }
    }
    // The renderings' markers for a missing or unsettled cell (they start with an ideograph).
    if t.starts_with(['缺', '待'])
        && let Some(m) = marker(t)
    {
        return m;
    }
    // Label text (starts with a CJK ideograph other than 增/减, or is long) is no number.
    if t.len() > 40
        || t.chars()
            .next()
            .is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) && c != '增' && c != '减')
    {
        return Token::Text;
    }
    match parse_number(t) {
        Some((n, unit)) => Token::Number(n, unit),
        None => Token::Text,
    }
}

/// Parses "12", "-8", "1,234", "3.75", "251000元", "＋3" (full-width digits folded), and the
/// 本年增/减 notation "增3" (+3) / "减8" (−8).
pub fn parse_number(t: &str) -> Option<(Decimal, Option<String>)> {
    if t.len() > 40 {
        return None;
    }
    // 增/减 before the digits: the sign of a change (2019 表二 本年增/减).
    if let Some((word, rest)) = t
        .strip_prefix('增')
        .map(|r| (false, r))
        .or_else(|| t.strip_prefix('减').map(|r| (true, r)))
    {
        let rest = rest.trim_start();
        if !rest.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
            return None;
        }
        let (n, unit) = parse_number(rest)?;
        return Some((if word { -n } else { n }, unit));
    }
    // Fast path: plain ASCII digits.
    if !t.is_empty() && t.len() <= 18 && t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse::<u64>().ok().map(|n| (Decimal::from(n), None));
    }
    // Text that cannot be a number (starts with a CJK character other than full-width digits).
    if let Some(c) = t.chars().next()
        && !c.is_ascii()
        && !matches!(c as u32, 0xFF10..=0xFF19 | 0xFF0B | 0xFF0D | 0x2212)
    {
        return None;
    }
    // Only digits, signs, separators, spaces and unit characters can make a number.
    let numeric = |c: char| {
        c.is_ascii()
            || c.is_whitespace()
            || matches!(
                c as u32,
                0xFF10..=0xFF19 | 0xFF0B | 0xFF0C | 0xFF0D | 0xFF0E | 0x2212
            )
            || "万元件项个次条".contains(c)
    };
    if !t.chars().all(numeric) {
        return None;
    }
    let s: String = if t.is_ascii() {
        t.chars().filter(|c| !c.is_whitespace()).collect()
    } else {
        t.nfkc().filter(|c| !c.is_whitespace()).collect()
    };
    let mut unit = None;
    let mut body = s.as_str();
    for u in UNITS {
        if let Some(b) = body.strip_suffix(u) {
            unit = Some((*u).to_string());
            body = b;
            break;
        }
    }
    let (neg, digits) = match body.chars().next()? {
        '-' | '−' | '－' => (true, &body[body.chars().next()?.len_utf8()..]),
        '+' => (false, &body[1..]),
        _ => (false, body),
    };
    if digits.is_empty() || !digits.chars().next()?.is_ascii_digit() {
        return None;
    }
    let mut seen_dot = false;
    let mut clean = String::with_capacity(digits.len());
    for c in digits.chars() {
        match c {
            '0'..='9' => clean.push(c),
            '.' if !seen_dot => {
                seen_dot = true;
                clean.push('.');
            }
            ',' => {}
            _ => return None,
        }
    }
    if clean.ends_with('.') {
        return None;
    }
    let mut n: Decimal = clean.parse().ok()?;
    if neg {
        n = -n;
    }
    Some((n, unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_length_bound_holds() {
        for p in PLACEHOLDERS.iter().chain(UNREADABLE) {
            assert!(p.len() <= PLACEHOLDER_MAX_BYTES, "{p}");
        }
    }

    /// `norm` one character at a time: what the run-copying version must equal.
    fn norm_by_char(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            norm_char(c, &mut out);
        }
        let mut folded = String::new();
        let mut prev_digit = false;
        for c in out.chars() {
            folded.push(if c == '、' && prev_digit { '.' } else { c });
            prev_digit = c.is_ascii_digit();
        }
        folded
    }

    proptest::proptest! {
        #[test]
        fn norm_equals_its_per_character_definition(
            s in "[ \t|,\"'\\[\\]a-z0-9一二三、，．（）【】〔〕“”\u{3000}\u{a0}\u{200b}\u{feff}①²㈠ｱＡ１]{0,24}"
        ) {
            proptest::prop_assert_eq!(norm(&s), norm_by_char(&s));
            proptest::prop_assert_eq!(norm_first(&s), norm(&s).chars().next());
        }

        #[test]
        fn kept_chars_bound_the_normalized_length(
            s in "[ \t|,\"'a-z0-9一二三、，．（）【】“”\u{3000}\u{200b}①㈠ｱＡ１]{0,60}",
            n in 0usize..50
        ) {
            // Whenever it says "over n", the normalized text is over n characters; and it says so
            // at least whenever the text itself is all kept characters over n.
            if kept_chars_exceed(&s, n) {
                proptest::prop_assert!(norm(&s).chars().count() > n);
            }
            if s.chars().all(norm_keeps) {
                proptest::prop_assert_eq!(kept_chars_exceed(&s, n), s.chars().count() > n);
            }
        }

        #[test]
        fn norm_is_idempotent(
            s in "[ \t|,\"'\\[\\]a-z0-9一二三、，．（）【】〔〕“”\u{3000}\u{a0}\u{200b}\u{feff}①²㈠ｱＡ１]{0,24}"
        ) {
            proptest::prop_assert_eq!(norm(&norm(&s)), norm(&s));
        }
    }

    #[test]
    fn norm_folds_width_space_and_numbering() {
        assert_eq!(norm("（三）不予 公开"), norm("(三)不予公开"));
        assert_eq!(norm("1、 属于国家秘密"), norm("1.属于国家秘密"));
        assert_eq!(norm("1．属于国家秘密"), "1.属于国家秘密");
        assert_eq!(
            norm("3.危及“三安全一稳定”"),
            norm("3. 危及\"三安全一稳定\"")
        );
        assert_eq!(norm("一、总体情况"), "一、总体情况");
        // The fast path and full NFKC agree.
        for t in [
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "１２３ＡＢ",
            "3.危及“三安全一稳定”",
            "①㈠",
        ] {
            let slow: String = t.nfkc().collect::<String>();
            assert_eq!(
                norm(t),
                norm(&format!("{slow}\u{2460}"))
                    .trim_end_matches('1')
                    .to_string()
                    .replace("\u{2460}", ""),
                "{t}"
            );
        }
    }

    #[test]
    fn classify_keeps_states_apart() {
        assert_eq!(classify(""), Token::Blank);
        assert_eq!(classify("  "), Token::Blank);
        assert_eq!(classify("/"), Token::Placeholder("/".into()));
        assert_eq!(classify("—"), Token::Placeholder("—".into()));
        assert_eq!(classify("无"), Token::Placeholder("无".into()));
        assert_eq!(classify("0"), Token::Number(Decimal::ZERO, None));
        assert_eq!(classify("-8"), Token::Number(Decimal::from(-8), None));
        assert_eq!(classify("1,234"), Token::Number(Decimal::from(1234), None));
        assert_eq!(
            classify("251000元"),
            Token::Number(Decimal::from(251000), Some("元".into()))
        );
        assert_eq!(
            classify("3.75"),
            Token::Number("3.75".parse().unwrap(), None)
        );
        assert_eq!(classify("１２"), Token::Number(Decimal::from(12), None));
        assert_eq!(classify("自然人"), Token::Text);
        assert_eq!(classify("1.属于国家秘密"), Token::Text);
        assert_eq!(classify("3."), Token::Text);
        assert_eq!(classify("99999999999999999999999999999999999"), Token::Text);
        // Only digits, signs, separators and units make numbers: circled or superscript digits
        // (NFKC would fold them to digits) are list markers or footnotes, not values.
        assert_eq!(classify("1①"), Token::Text);
        assert_eq!(classify("1²"), Token::Text);
        assert_eq!(classify("①"), Token::Text);
        assert_eq!(classify("减8"), Token::Number(Decimal::from(-8), None));
        assert_eq!(classify("增 3"), Token::Number(Decimal::from(3), None));
        assert_eq!(classify("增１２"), Token::Number(Decimal::from(12), None));
        assert_eq!(classify("减少8"), Token::Text);
        assert_eq!(classify("减-8"), Token::Text);
        assert_eq!(classify("增加"), Token::Text);
        assert_eq!(classify("?"), Token::Unreadable);
        assert_eq!(classify(" ？ "), Token::Unreadable);
        assert_eq!(classify("\u{fffd}"), Token::Unreadable);
        assert_eq!(classify("??"), Token::Text);
        assert_eq!(classify("－８"), Token::Number(Decimal::from(-8), None));
        assert_eq!(classify("−3"), Token::Number(Decimal::from(-3), None));
        assert_eq!(
            classify("１，２３４件"),
            Token::Number(Decimal::from(1234), Some("件".into()))
        );
    }

    #[test]
    fn classify_reads_the_renderings_markers() {
        let n = |v: i64| Some(Decimal::from(v));
        assert_eq!(classify("缺失"), Token::Missing);
        assert_eq!(classify(" 缺 失 "), Token::Missing);
        assert_eq!(
            classify("待定：6、62、623"),
            Token::Candidates(vec![n(6), n(62), n(623)])
        );
        assert_eq!(
            classify("待定：空白、3"),
            Token::Candidates(vec![None, n(3)])
        );
        assert_eq!(
            classify("待定:2.52|32.52"),
            Token::Candidates(vec![
                Some("2.52".parse().unwrap()),
                Some("32.52".parse().unwrap())
            ])
        );
        assert_eq!(
            classify("待 定 ：-8、 0"),
            Token::Candidates(vec![n(-8), n(0)])
        );
        assert_eq!(classify("待定：5"), Token::Candidates(vec![n(5)]));
        assert_eq!(classify("待定"), Token::Unreadable);
        assert_eq!(classify("待定："), Token::Unreadable);
        // No marker: never a number either.
        for t in [
            "缺",
            "缺失项",
            "待定：6、",
            "待定：6、、7",
            "待定：6元、7",
            "待定：六",
            "待定事项12",
            "待遇",
        ] {
            assert_eq!(classify(t), Token::Text, "{t}");
        }
        // What the renderings print reads back to the same value.
        use crate::model::Value;
        for v in [
            Value::Missing,
            Value::Ambiguous(vec![]),
            Value::Ambiguous(vec![n(6), None, n(623)]),
            Value::Ambiguous(vec![Some("-0.5".parse().unwrap())]),
        ] {
            let back = match classify(&crate::render::cell_text(&v)) {
                Token::Missing => Value::Missing,
                Token::Unreadable => Value::Ambiguous(vec![]),
                Token::Candidates(c) => Value::Ambiguous(c),
                t => panic!("{v:?} read back as {t:?}"),
            };
            assert_eq!(back, v);
        }
    }

    #[test]
    fn similarity_is_bounded() {
        assert_eq!(similarity("abc", "abc"), 1.0);
        assert_eq!(similarity("", "abc"), 0.0);
        let s = similarity(
            &norm("4. 无正当理由 由大量反复申请"),
            &norm("4.无正当理由大量反复申请"),
        );
        assert!(s > 0.9, "{s}");
    }
}
