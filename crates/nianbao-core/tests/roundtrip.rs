//! Render → parse gives back the same cells: canonical text of generated reports, also after the
//! damage real extraction does (extra spaces inside labels, page footers between lines, labels
//! broken across lines, half-width brackets), and through HTML.

use nianbao_core::model::{Cell, Report, Value};
use nianbao_core::template::{Catalog, TemplateVersion};
use nianbao_core::{Decimal, engine, input};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Gen {
    Num(u16),
    Blank,
    Slash,
    /// An unsettled cell (printed `?`).
    Unsettled,
}

fn gen_cell() -> impl Strategy<Value = Gen> {
    prop_oneof![
        16 => (0u16..500).prop_map(Gen::Num),
        2 => Just(Gen::Blank),
        2 => Just(Gen::Slash),
        1 => Just(Gen::Unsettled)
    ]
}

fn report(v: TemplateVersion, year: u32, cells: &[Gen]) -> Report {
    let mut r = Report::new();
    r.metadata.issuing_body = Some("测试县人民政府".into());
    r.metadata.report_year = Some(year);
    r.metadata.template = Some(v);
    let cat = Catalog::get();
    for (ix, g) in cat.template_cells(v).iter().zip(cells.iter().cycle()) {
        let value = match g {
            Gen::Num(n) => Value::Number(Decimal::from(*n)),
            Gen::Blank => Value::Blank,
            Gen::Slash => Value::Placeholder("/".into()),
            Gen::Unsettled => Value::Ambiguous(Vec::new()),
        };
        r.set(*ix, Cell::of(value));
    }
    r
}

fn assert_same_cells(want: &Report, got: &Report) -> Result<(), TestCaseError> {
    let cat = Catalog::get();
    let v = want.effective_template();
    prop_assert_eq!(got.effective_template(), v);
    prop_assert_eq!(got.metadata.report_year, want.metadata.report_year);
    prop_assert_eq!(&got.metadata.issuing_body, &want.metadata.issuing_body);
    for ix in cat.template_cells(v) {
        prop_assert_eq!(got.value(*ix), want.value(*ix), "cell {}", cat.def(*ix).id);
    }
    Ok(())
}

/// Damage as extraction does it, driven by `seed`.
fn damage(text: &str, seed: &[u8]) -> String {
    let mut out = Vec::new();
    for (k, line) in text.lines().enumerate() {
        let s = seed[k % seed.len()];
        let mut l = line.to_string();
        if s.is_multiple_of(5) {
            // a space inside the first cell's label
            if let Some((a, rest)) = l.split_once('\t')
                && a.chars().count() > 3
            {
                let cut: usize = a.char_indices().nth(2).map(|(i, _)| i).unwrap_or(0);
                l = format!("{} {}\t{rest}", &a[..cut], &a[cut..]);
            }
        }
        if s.is_multiple_of(7) {
            l = l.replace('（', "(").replace('）', ")");
        }
        let mut continuation = None;
        if s.is_multiple_of(13)
            && let Some((a, rest)) = l.clone().split_once('\t')
            && a.chars().count() > 8
            && !a.starts_with('信')
        {
            // a label broken across lines: its tail on a line of its own after the values
            let cut: usize = a
                .char_indices()
                .nth(a.chars().count() / 2)
                .map(|(i, _)| i)
                .unwrap_or(0);
            l = format!("{}\t{rest}", &a[..cut]);
            continuation = Some(format!("\t{}", &a[cut..]));
        }
        out.push(l);
        out.extend(continuation);
        if s.is_multiple_of(11) {
            out.push(format!("- {} -", k % 90 + 1));
        }
    }
    out.join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn text_round_trip(v in any::<bool>(), cells in prop::collection::vec(gen_cell(), 200)) {
        let (v, year) = if v { (TemplateVersion::F2021, 2023) } else { (TemplateVersion::F2019, 2020) };
        let r = report(v, year, &cells);
        let text = nianbao_core::render::plain::render(&r);
        let o = engine::validate_str(&text, input::Limits::default()).unwrap();
        assert_same_cells(&r, &o.report)?;
        prop_assert_eq!(o.report.sections.len(), 6);
    }

    #[test]
    fn damaged_text_reads_the_same(v in any::<bool>(), cells in prop::collection::vec(gen_cell(), 200), seed in prop::collection::vec(any::<u8>(), 1..64)) {
        let (v, year) = if v { (TemplateVersion::F2021, 2023) } else { (TemplateVersion::F2019, 2020) };
        let r = report(v, year, &cells);
        let text = damage(&nianbao_core::render::plain::render(&r), &seed);
        let o = engine::validate_str(&text, input::Limits::default()).unwrap();
        assert_same_cells(&r, &o.report)?;
    }

    #[test]
    fn html_round_trip(v in any::<bool>(), cells in prop::collection::vec(gen_cell(), 200)) {
        let (v, year) = if v { (TemplateVersion::F2021, 2023) } else { (TemplateVersion::F2019, 2020) };
        let r = report(v, year, &cells);
        let text = nianbao_core::render::plain::render(&r);
        // Tab text as an HTML page: one <p> per line, tables as rows of cells.
        let mut html = String::from("<html><head><meta charset=\"utf-8\"><title>x</title></head><body><div class=nav>首页 &gt; 信息公开</div>");
        for line in text.lines() {
            if line.contains('\t') {
                html.push_str("<table><tr>");
                for c in line.split('\t') {
                    html.push_str(&format!("<td><span>{}</span></td>", if c.is_empty() { "&nbsp;" } else { c }));
                }
                html.push_str("</tr></table>\n");
            } else {
                html.push_str(&format!("<p>{line}</p>\n"));
            }
        }
        html.push_str("</body></html>");
        let o = engine::validate_str(&html, input::Limits::default()).unwrap();
        assert_same_cells(&r, &o.report)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn official_html_round_trip(v in any::<bool>(), cells in prop::collection::vec(gen_cell(), 200)) {
        let (v, year) = if v { (TemplateVersion::F2021, 2023) } else { (TemplateVersion::F2019, 2020) };
        let r = report(v, year, &cells);
        let html = nianbao_core::render::html::render(&r);
        let o = engine::validate_str(&html, input::Limits::default()).unwrap();
        assert_same_cells(&r, &o.report)?;
        prop_assert_eq!(o.report.sections.len(), 6);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn markdown_round_trip(v in any::<bool>(), cells in prop::collection::vec(gen_cell(), 200)) {
        let (v, year) = if v { (TemplateVersion::F2021, 2023) } else { (TemplateVersion::F2019, 2020) };
        let r = report(v, year, &cells);
        let md = nianbao_core::render::markdown::render(&r);
        let o = engine::validate_str(&md, input::Limits::default()).unwrap();
        assert_same_cells(&r, &o.report)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn docx_round_trip(v in any::<bool>(), cells in prop::collection::vec(gen_cell(), 200)) {
        let (v, year) = if v { (TemplateVersion::F2021, 2023) } else { (TemplateVersion::F2019, 2020) };
        let r = report(v, year, &cells);
        let bytes = nianbao_core::render::docx::render(&r);
        let o = engine::validate_bytes(&bytes, "report.docx", "", input::Limits::default()).unwrap();
        assert_same_cells(&r, &o.report)?;
        prop_assert_eq!(o.report.sections.len(), 6);
    }
}
