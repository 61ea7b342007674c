//! The report's metadata: its title, issuing body and year (from the title, the lines around it or
//! the statistical period), the statistical period and the publication date.

use super::State;
use crate::input::document::Line;
use crate::template::headings::heading_number;

/// Finds the title, issuing body and report year.
///
/// The title is the first line near the top naming 政府信息公开; a title broken over two lines
/// (…工作 / 年度报告) is joined, and a body printed on the line above the title (淮安市人民政府 /
/// 2024 年政府信息公开工作年度报告) is taken from there. Without a year in the title, the
/// statistical period (统计期限自 2023 年 1 月 1 日) gives it.
pub(crate) fn metadata(st: &mut State<'_>) {
    let lines = &st.doc.lines;
    let text_of = |l: &Line| {
        l.non_empty()
            .map(|f| f.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    // A crawler's breadcrumb ("首页 > 政务公开 > 政府信息公开年报", "当前位置：…") is no title,
    // unless the report's title ends it (the title is then taken after the last separator).
    let breadcrumb = |j: &str| {
        let j = j.trim_start();
        let crumb = (j.contains(['>', '＞', '»', '›']) && j.contains("首页"))
            || ["当前位置", "您的位置", "您现在的位置", "所在位置"]
                .iter()
                .any(|p| j.starts_with(p));
        let last = j.rsplit(['>', '＞', '»', '›']).next().unwrap_or(j);
        crumb && !last.contains("报告")
    };
    let joined = &st.joined;
    let pos = joined.iter().take(40).position(|j| {
        j.contains("政府信息公开")
            && j.chars().count() <= 80
            && heading_number(j).is_none()
            && !breadcrumb(j)
    });
    // A page whose text runs together: the title starts its first line of text, run into the
    // preamble after it (`洪泽区人民政府2023年政府信息公开工作年度报告本报告由…`).
    let run_on = pos.is_none().then(|| run_on_title(joined)).flatten();
    let pos = pos.or(run_on.as_ref().map(|(p, _)| *p));
    if let Some(p) = pos {
        let mut title = match &run_on {
            Some((_, t)) => t.clone(),
            None => text_of(&lines[p]),
        };
        // Crawler headers: "标题: …".
        for prefix in ["标题:", "标题：", "题目:", "题目：", "名称:", "名称："] {
            if let Some(rest) = title.strip_prefix(prefix) {
                title = rest.trim().to_string();
            }
        }
        if !title.contains("报告")
            && let Some(next) = lines[p + 1..].iter().find(|l| !l.is_empty())
        {
            let n = text_of(next);
            if n.contains("报告") && n.chars().count() <= 20 {
                title.push_str(&n);
            }
        }
        // Crawler breadcrumbs before the title ("当前位置：首页>政务公开>…"): the title follows
        // the last separator.
        if let Some(k) = title.rfind(['>', '＞', '»', '›']) {
            let rest = title[k..].chars().skip(1).collect::<String>();
            if rest.contains("政府信息公开") {
                title = rest.trim().to_string();
            }
        }
        let compact: String = title.chars().filter(|c| !c.is_whitespace()).collect();
        // 二〇二四年 → 2024年 (the organ is what stands before the year).
        let compact = ascii_years(&compact);
        let md = &mut st.report.metadata;
        md.title = Some(title.trim().to_string());
        let mut organ = String::new();
        if let Some((start, end, year)) = find_year(&compact) {
            md.report_year = Some(year);
            let before = &compact[..start];
            organ = if before.is_empty() {
                compact[end..]
                    .split("政府信息公开")
                    .next()
                    .unwrap_or("")
                    .to_string()
            } else {
                before.to_string()
            };
        } else if let Some(o) = compact.split("政府信息公开").next() {
            organ = o.to_string();
        }
        let mut organ = organ
            .trim_start_matches("关于")
            .trim_end_matches("关于")
            .trim()
            .to_string();
        // The lines above the title, nearest first, without spaces.
        let above: Vec<String> = lines[..p]
            .iter()
            .rev()
            .filter(|l| !l.is_empty())
            .take(3)
            .map(|l| l.joined().chars().filter(|c| !c.is_whitespace()).collect())
            .collect();
        // A line that can be (part of) an organ's name: short, no digits or punctuation.
        let name_like = |t: &str| {
            (2..=30).contains(&t.chars().count())
                && !t
                    .chars()
                    .any(|c| c.is_ascii_digit() || "。，；：:".contains(c))
        };
        // A line holding only the year ("2024年", "2024年度"), as titles broken in three print.
        let year_only = |t: &str| {
            find_year(&ascii_years(t)).is_some_and(|(s, e, _)| s == 0 && e == ascii_years(t).len())
        };
        if !organ.is_empty() {
            // A title broken inside the organ's name ("淮安市人民" / "政府2024年…"): the line
            // above holds its start.
            if (organ.starts_with("政府") || organ.chars().count() <= 2)
                && let Some(prev) = above.first().filter(|t| name_like(t))
            {
                organ = format!("{prev}{organ}");
            }
            md.issuing_body = Some(organ);
        } else {
            // The organ above the title, or above a line holding only the year.
            let mut k = 0;
            if let Some(y) = above.first().filter(|t| year_only(t)) {
                if md.report_year.is_none() {
                    md.report_year = find_year(&ascii_years(y)).map(|(_, _, y)| y);
                }
                k = 1;
            }
            if let Some(t) = above.get(k).filter(|t| name_like(t)) {
                md.issuing_body = Some(t.clone());
            }
        }
    }
    // A web page that names the organ only in its header ("发布机构：淮安市人民政府").
    if st.report.metadata.issuing_body.is_none() {
        let found = lines.iter().take(40).find_map(|l| {
            let j: String = l.joined().chars().filter(|c| !c.is_whitespace()).collect();
            let rest = j
                .strip_prefix("发布机构:")
                .or_else(|| j.strip_prefix("发布机构："))?;
            let name: String = rest
                .chars()
                .take_while(|c| !"|｜,，;；".contains(*c))
                .collect();
            (2..=30).contains(&name.chars().count()).then_some(name)
        });
        if found.is_some() {
            st.report.metadata.issuing_body = found;
        }
    }
    dates(st);
    if st.report.metadata.report_year.is_none() {
        // 统计期限自2023年1月1日起 / 从2019年1月1日到12月31日
        for l in lines.iter().take(200) {
            let j: String = l.joined().chars().filter(|c| !c.is_whitespace()).collect();
            if let Some(k) = j.find("1月1日")
                && let Some((_, _, y)) = find_year(&j[..k]).filter(|(_, e, _)| *e == k)
            {
                st.report.metadata.report_year = Some(y);
                break;
            }
        }
    }
}

/// The title at the start of one of the first lines of text when it runs on into the text after
/// it: up to the first `报告` after `政府信息公开` (within 80 characters), without a page marker
/// (`- 1 -`) or a crawler's label (`标题:`, `正文`) before it; with the line's index.
fn run_on_title(joined: &super::Joined) -> Option<(usize, String)> {
    let (p, j) = joined
        .iter()
        .enumerate()
        .take(40)
        .find(|(_, j)| !j.trim().is_empty())?;
    let start = j
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || c.is_whitespace() || "-－—_·•|".contains(*c)))
        .map_or(0, |(i, _)| i);
    let mut j = j[start..].trim_start();
    // A crawler's label before it (`标题:`, `正文`).
    for prefix in [
        "标题:",
        "标题：",
        "题目:",
        "题目：",
        "名称:",
        "名称：",
        "正文",
    ] {
        if let Some(rest) = j.strip_prefix(prefix) {
            j = rest.trim_start();
        }
    }
    let head: String = j.chars().take(80).collect();
    let i = head.find("政府信息公开")?;
    let end = head[i..].find("报告")? + i + "报告".len();
    let title = head[..end].to_string();
    // A title names its year and has no punctuation; 政府信息公开 is close to 报告 in it.
    let compact: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    (heading_number(&title).is_none()
        && head[i..end].chars().count() <= 14
        && !title.chars().any(|c| "。，；：:,;、".contains(c))
        && find_year(&ascii_years(&compact)).is_some())
    .then_some((p, title))
}

/// The statistical period (统计期限…自2023年1月1日起至2023年12月31日止) and the publication date
/// (发布日期：2020-01-31, 发布时间: 2020-01-20 15:22) printed near the top.
fn dates(st: &mut State<'_>) {
    // The first match in the top of the document (its first 120 lines, at most HEAD_BYTES, as
    // one string without spaces: statements are broken over lines, cells and spaces).
    const HEAD_BYTES: usize = 60_000;
    let top = st.joined.first_lines(120);
    let mut cut = top.len().min(HEAD_BYTES);
    while !top.is_char_boundary(cut) {
        cut -= 1;
    }
    let top = &top[..cut];
    let md = &mut st.report.metadata;
    let mut window = String::new();
    if let Some(n) = DATE_PATTERNS[0].first_match(top, &mut window) {
        let y1 = n[0].unwrap_or(0);
        let y2 = n[3].unwrap_or(y1);
        let n = |k: usize| n[k].unwrap_or(0);
        md.period = Some((
            format!("{y1:04}-{:02}-{:02}", n(1), n(2)),
            format!("{y2:04}-{:02}-{:02}", n(4), n(5)),
        ));
    }
    if let Some(n) = DATE_PATTERNS[1].first_match(top, &mut window) {
        let n = |k: usize| n[k].unwrap_or(0);
        md.published = Some(format!("{:04}-{:02}-{:02}", n(0), n(1), n(2)));
    }
}

/// The patterns of [`dates`]: the statistical period and the publication date, each a keyword
/// and what follows it. Matched against text without spaces (so no `\s` in them).
static DATE_PATTERNS: [DatePattern; 2] = [
    DatePattern::new(
        &["统计期限", "统计时限", "统计区间", "统计时段"],
        r"[^。]{0,12}?(\d{4})年(\d{1,2})月(\d{1,2})日[^。\d]{0,8}?(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日",
    ),
    DatePattern::new(
        &["发布日期", "发布时间", "成文日期"],
        r"[:：](\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})",
    ),
];

/// Bytes of text without spaces a [`DatePattern`] is tried on: more than any match can span
/// (a test checks this against the patterns' maximum lengths).
const DATE_WINDOW: usize = 256;

/// Where a keyword can start: the packed SIMD searcher where the CPU has it, else the automaton.
enum KeywordStarts {
    Packed(aho_corasick::packed::Searcher),
    Automaton(aho_corasick::AhoCorasick),
}

impl KeywordStarts {
    fn new(starts: &[Vec<u8>]) -> KeywordStarts {
        // (The packed SIMD searcher: the automaton's own choice of prefilter, rare bytes, is slow
        // on CJK text, whose lead bytes are all alike.)
        aho_corasick::packed::Config::new()
            .builder()
            .extend(starts)
            .build()
            .map_or_else(|| KeywordStarts::automaton(starts), KeywordStarts::Packed)
    }

    fn automaton(starts: &[Vec<u8>]) -> KeywordStarts {
        KeywordStarts::Automaton(
            aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                .build(starts)
                .expect("keywords"),
        )
    }

    fn iter<'t>(&'t self, text: &'t str) -> Box<dyn Iterator<Item = usize> + 't> {
        match self {
            KeywordStarts::Packed(s) => Box::new(s.find_iter(text).map(|m| m.start())),
            KeywordStarts::Automaton(a) => Box::new(a.find_iter(text).map(|m| m.start())),
        }
    }
}

/// A pattern that starts with one of its keywords, compiled on first use.
struct DatePattern {
    /// The keywords a match starts with.
    keywords: &'static [&'static str],
    /// What follows the keyword.
    rest: &'static str,
    compiled: std::sync::OnceLock<(regex::Regex, KeywordStarts)>,
}

impl DatePattern {
    const fn new(keywords: &'static [&'static str], rest: &'static str) -> DatePattern {
        DatePattern {
            keywords,
            rest,
            compiled: std::sync::OnceLock::new(),
        }
    }

    /// The whole pattern, unanchored: one of the keywords, then the rest.
    fn pattern(&self) -> String {
        format!("(?:{}){}", self.keywords.join("|"), self.rest)
    }

    /// Where a keyword can start when spaces may stand between its characters: its first
    /// character followed by its second, or by the first byte of a space.
    fn keyword_starts(&self) -> Vec<Vec<u8>> {
        let mut starts: Vec<Vec<u8>> = Vec::new();
        for kw in self.keywords {
            let mut cs = kw.chars();
            let (Some(first), Some(second)) = (cs.next(), cs.next()) else {
                continue;
            };
            let first = first.to_string().into_bytes();
            let nexts = std::iter::once(second.to_string().into_bytes()).chain(
                crate::input::text::SPACE_LEAD_BYTES
                    .iter()
                    .map(|b| vec![*b]),
            );
            for next in nexts {
                let start = [first.as_slice(), &next].concat();
                if !starts.contains(&start) {
                    starts.push(start);
                }
            }
        }
        starts
    }

    /// The regex (anchored at the keyword) and the searcher of [`Self::keyword_starts`].
    fn compiled(&self) -> &(regex::Regex, KeywordStarts) {
        self.compiled.get_or_init(|| {
            (
                regex::Regex::new(&format!("^{}", self.pattern())).expect("regex"),
                KeywordStarts::new(&self.keyword_starts()),
            )
        })
    }

    /// The first match in `text` with its spaces removed, as the capture groups' numbers (None
    /// for a group that did not take part, 0 for one that does not parse). The pattern is tried
    /// (anchored) at each occurrence of a keyword in order (spaces allowed between its
    /// characters), on the next [`DATE_WINDOW`] bytes without spaces: the spaces of all the text
    /// are never removed.
    fn first_match(&self, text: &str, window: &mut String) -> Option<Vec<Option<u32>>> {
        let is_space = crate::input::text::is_space;
        // A keyword at `p` with spaces allowed between its characters.
        let spaced_at = |p: usize, kw: &str| {
            let mut rest = &text[p..];
            kw.chars().all(|k| {
                rest = rest.trim_start_matches(is_space);
                let ok = rest.starts_with(k);
                if ok {
                    rest = &rest[k.len_utf8()..];
                }
                ok
            })
        };
        let (re, starts) = self.compiled();
        // (No two candidates overlap: a keyword's second character starts no keyword, and a
        // first character is no space.)
        let at = starts
            .iter(text)
            .filter(|&p| self.keywords.iter().any(|kw| spaced_at(p, kw)));
        for p in at {
            window.clear();
            for c in text[p..].chars().filter(|c| !is_space(*c)) {
                if window.len() + c.len_utf8() > DATE_WINDOW {
                    break;
                }
                window.push(c);
            }
            if let Some(c) = re.captures(window) {
                return Some(
                    c.iter()
                        .skip(1)
                        .map(|m| m.map(|m| m.as_str().parse().unwrap_or(0)))
                        .collect(),
                );
            }
        }
        None
    }
}

/// Years written in Chinese numerals (二〇二四年, 二零二四年) as ASCII digits (2024年).
fn ascii_years(s: &str) -> String {
    const DIGITS: [(char, char); 12] = [
        ('〇', '0'),
        ('○', '0'),
        ('零', '0'),
        ('一', '1'),
        ('二', '2'),
        ('三', '3'),
        ('四', '4'),
        ('五', '5'),
        ('六', '6'),
        ('七', '7'),
        ('八', '8'),
        ('九', '9'),
    ];
    let digit = |c: char| DIGITS.iter().find(|(z, _)| *z == c).map(|(_, d)| *d);
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..]
            .iter()
            .take_while(|c| digit(**c).is_some())
            .count();
        if run == 4
            && chars.get(i + 4) == Some(&'年')
            && matches!(chars[i], '二')
            && matches!(chars[i + 1], '〇' | '○' | '零')
        {
            out.extend(chars[i..i + 4].iter().filter_map(|c| digit(*c)));
            i += 4;
        } else {
            let step = run.max(1);
            out.extend(&chars[i..i + step]);
            i += step;
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_run_into_the_text_after_it() {
        let t = format!(
            "- 1 -洪泽区人民政府2023 年政府信息公开工作年度报告本报告由淮安市洪泽区人民政府办公室编制。{}",
            "一、总体情况".to_string() + &"文字".repeat(200)
        );
        let m = crate::mapper::map(&crate::input::text::read(&t));
        assert_eq!(m.report.metadata.report_year, Some(2023));
        assert_eq!(
            m.report.metadata.issuing_body.as_deref(),
            Some("洪泽区人民政府")
        );
        // Narrative mentioning 政府信息公开 is no title.
        let t = format!(
            "为做好政府信息公开工作，本单位编制本报告。{}",
            "文字".repeat(100)
        );
        let m = crate::mapper::map(&crate::input::text::read(&t));
        assert_eq!(m.report.metadata.issuing_body, None);
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
        assert_eq!(
            ascii_years("淮安市人民政府二〇二四年政府信息公开"),
            "淮安市人民政府2024年政府信息公开"
        );
        assert_eq!(ascii_years("二零一九年度"), "2019年度");
        assert_eq!(ascii_years("第一二三四年"), "第一二三四年");
    }

    #[test]
    fn organ_from_titles_with_crawler_noise() {
        let organ = |text: &str| {
            crate::mapper::map(&crate::input::text::read(text))
                .report
                .metadata
                .issuing_body
        };
        let want = Some("淮安市人民政府".to_string());
        for text in [
            "首页 > 政务公开 > 政府信息公开年报\n淮安市人民政府2024年政府信息公开工作年度报告\n",
            "当前位置：首页 > 信息公开 > 淮安市人民政府2024年政府信息公开工作年度报告\n",
            "淮安市人民政府二〇二四年政府信息公开工作年度报告\n",
            "关于淮安市人民政府2024年政府信息公开工作年度报告\n",
            "淮安市人民\n政府2024年政府信息公开工作年度报告\n",
            "淮安市人民政府办公室\n淮安市人民政府\n2024年\n政府信息公开工作年度报告\n",
            "发布机构：淮安市人民政府\n2024年政府信息公开工作年度报告\n",
        ] {
            assert_eq!(organ(text), want, "{text}");
        }
    }

    #[test]
    fn date_window_holds_any_match() {
        for p in &DATE_PATTERNS {
            let hir = regex_syntax::parse(&p.pattern()).expect("pattern");
            let max = hir.properties().maximum_len().expect("bounded");
            assert!(max <= DATE_WINDOW, "{} can match {max} bytes", p.pattern());
        }
    }

    /// [`DatePattern::first_match`] by its definition: every space removed from the text, then
    /// the first match of the pattern anywhere.
    fn first_match_by_definition(p: &DatePattern, text: &str) -> Option<Vec<Option<u32>>> {
        let head: String = text
            .chars()
            .filter(|c| !crate::input::text::is_space(*c))
            .collect();
        let re = regex::Regex::new(&p.pattern()).expect("regex");
        re.captures(&head).map(|c| {
            c.iter()
                .skip(1)
                .map(|m| m.map(|m| m.as_str().parse().unwrap_or(0)))
                .collect()
        })
    }

    proptest::proptest! {
        #[test]
        fn keyword_windows_find_what_removing_all_spaces_finds(
            text in "([统计期限时段发布日成文间：:年月至起止。0-9-]| |\\u{3000}|\\t|统计期限|发布日期|2019年|12月31日|统计期限自2019年1月1日起至2019年12月31日止|发布日期：2020-01-31){0,60}"
        ) {
            for p in &DATE_PATTERNS {
                let mut window = String::new();
                proptest::prop_assert_eq!(
                    p.first_match(&text, &mut window),
                    first_match_by_definition(p, &text),
                    "{}", p.pattern()
                );
                // The portable searcher finds the keyword starts the SIMD one finds.
                let starts = p.keyword_starts();
                proptest::prop_assert_eq!(
                    KeywordStarts::new(&starts).iter(&text).collect::<Vec<_>>(),
                    KeywordStarts::automaton(&starts).iter(&text).collect::<Vec<_>>()
                );
            }
        }
    }

    #[test]
    fn dates_take_the_first_match_not_the_first_keyword() {
        // Keywords that start no match come first; a keyword broken by spaces matches.
        let text = "统计数据如下。发布单位：某局\n统 计 期 限 自2023年1月1日起至2023年12月31日止\n成文日期：2024-01-18\n";
        let md = crate::mapper::map(&crate::input::text::read(text))
            .report
            .metadata;
        assert_eq!(md.period, Some(("2023-01-01".into(), "2023-12-31".into())));
        assert_eq!(md.published, Some("2024-01-18".into()));
        // A period within one year names its year once.
        let md = crate::mapper::map(&crate::input::text::read(
            "统计时段：2019年1月1日至12月31日",
        ))
        .report
        .metadata;
        assert_eq!(md.period, Some(("2019-01-01".into(), "2019-12-31".into())));
    }

    #[test]
    fn period_is_found_at_the_start_of_a_very_long_first_line() {
        // A page flattened into one line: the period is read from the head even when the line
        // is longer than the head (the line is cut, not dropped).
        let text = format!(
            "统计期限自2019年1月1日起至2019年12月31日止。{}",
            "本报告内容很长".repeat(4000)
        );
        let m = crate::mapper::map(&crate::input::text::read(&text));
        assert_eq!(
            m.report.metadata.period,
            Some(("2019-01-01".into(), "2019-12-31".into()))
        );
    }

    #[test]
    fn period_and_date_broken_over_lines_and_cells_are_read() {
        let read = |text: &str| {
            let md = crate::mapper::map(&crate::input::text::read(text))
                .report
                .metadata;
            (md.period, md.published)
        };
        let want = (
            Some(("2023-01-01".to_string(), "2023-12-31".to_string())),
            Some("2024-01-20".to_string()),
        );
        // Spaces inside cells, cells split by tabs, the statement broken over lines.
        assert_eq!(
            read("发布日期： 2024-01-20\n统 计期限\t自2023年 1月1日\n起至2023年12月31日止。\n"),
            want
        );
        // No space anywhere (the joined lines are searched as they are).
        assert_eq!(
            read("发布日期：2024-01-20\n统计期限自2023年1月1日\n起至2023年12月31日止。\n"),
            want
        );
    }
}
