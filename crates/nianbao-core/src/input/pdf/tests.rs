//! Tests of the PDF reader on the shared sample PDFs and on broken and hostile files
//! (`tests/fixtures/pdf-bad/`, made by `tools/pdfbad/make.py`).

use super::*;

fn fixture(dir: &str, name: &str) -> Vec<u8> {
    let p = format!(
        "{}/../../tests/fixtures/{dir}/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn bad(name: &str) -> Result<Document, ReadError> {
    read(&fixture("pdf-bad", name), Limits::DEFAULT)
}

#[test]
fn sample_pdfs_read_with_pages_and_lines() {
    for f in [
        "004-hongze-qu-2023.pdf",
        "005-hongze-qu-2024.pdf",
        "014-huaian-shi-2024.pdf",
        "006-shanghai-bangongting-2019-lo.pdf",
    ] {
        let d = read(&fixture("samples", f), Limits::DEFAULT).unwrap();
        assert!(d.lines.len() > 50, "{f}");
        assert!(d.damage.is_none(), "{f}");
        // Every cell knows its page; lines count from 1 on every page.
        assert!(
            d.lines
                .iter()
                .all(|l| l.frags.iter().all(|f| f.loc.page >= 1))
        );
        let first = &d.lines[0].frags[0].loc;
        assert_eq!((first.page, first.line), (1, 1), "{f}");
    }
}

#[test]
fn a_row_with_blank_boxes_keeps_them_as_blank_cells() {
    // 上海 2019 (LibreOffice): blank cells are empty boxes of the grid.
    let d = read(
        &fixture("samples", "006-shanghai-bangongting-2019-lo.pdf"),
        Limits::DEFAULT,
    )
    .unwrap();
    let row = d
        .lines
        .iter()
        .find(|l| {
            l.frags
                .iter()
                .any(|f| f.text.contains("本机关不掌握相关政府信息"))
        })
        .unwrap();
    let texts: Vec<&str> = row.frags.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(texts[texts.len() - 7..], ["252", "12", "", "", "1", "", ""]);
}

#[test]
fn a_scan_is_no_text() {
    assert_eq!(
        bad("scan.pdf").unwrap_err(),
        ReadError::PdfNoText {
            pages: 2,
            images: 2
        }
    );
}

#[test]
fn a_password_is_encrypted_and_the_empty_user_password_opens() {
    assert_eq!(bad("encrypted.pdf").unwrap_err(), ReadError::PdfEncrypted);
    assert_eq!(
        bad("encrypted-rc4.pdf").unwrap_err(),
        ReadError::PdfEncrypted
    );
    let d = bad("encrypted-empty-user.pdf").unwrap();
    assert!(
        d.lines.iter().any(|l| l.joined().contains("总体情况")),
        "{:?}",
        d.lines
    );
}

#[test]
fn truncated_files_are_read_as_far_as_they_go_or_refused() {
    // The first 55%: the first pages are read, and the damage is said.
    let d = bad("truncated.pdf").unwrap();
    assert!(d.damage.is_some());
    assert!(
        d.lines
            .iter()
            .any(|l| l.joined().contains("洪泽区人民政府"))
    );
    // Text in a font the truncation lost is unknown (U+FFFD), never digits or other letters.
    assert!(
        d.lines
            .iter()
            .flat_map(|l| l.frags.iter())
            .filter(|f| f.text.contains('\u{fffd}'))
            .all(|f| f
                .text
                .chars()
                .all(|c| c == '\u{fffd}' || !c.is_ascii_alphanumeric()))
    );
    for f in [
        "truncated-head.pdf",
        "garbage.pdf",
        "no-pages.pdf",
        "cycle-ref.pdf",
    ] {
        assert!(
            matches!(bad(f), Err(ReadError::PdfDamaged(_))),
            "{f}: {:?}",
            bad(f).map(|d| d.lines.len())
        );
    }
}

#[test]
fn bombs_stop_at_a_limit() {
    for (f, setting) in [
        ("flate-bomb.pdf", "max_pdf_ratio"),
        ("flate-bomb-single.pdf", "max_pdf_ratio"),
        ("objstm-bomb.pdf", "max_pdf_inflated_bytes"),
    ] {
        match bad(f) {
            Err(ReadError::PdfTooLarge { setting: s, .. }) => assert_eq!(s, setting, "{f}"),
            other => panic!("{f}: {other:?}"),
        }
    }
    // A lower inflated-bytes limit refuses what the default reads.
    let small = Limits {
        max_pdf_inflated_bytes: 1024,
        ..Limits::DEFAULT
    };
    assert!(matches!(
        read(&fixture("samples", "005-hongze-qu-2024.pdf"), small),
        Err(ReadError::PdfTooLarge {
            setting: "max_pdf_inflated_bytes",
            ..
        })
    ));
    let few_pages = Limits {
        max_pdf_pages: 4,
        ..Limits::DEFAULT
    };
    assert!(matches!(
        read(&fixture("samples", "005-hongze-qu-2024.pdf"), few_pages),
        Err(ReadError::PdfTooLarge {
            setting: "max_pdf_pages",
            size: 5,
            ..
        })
    ));
    let few_objects = Limits {
        max_pdf_objects: 10,
        ..Limits::DEFAULT
    };
    assert!(matches!(
        read(&fixture("samples", "005-hongze-qu-2024.pdf"), few_objects),
        Err(ReadError::PdfTooLarge {
            setting: "max_pdf_objects",
            ..
        })
    ));
}

#[test]
fn cycles_and_deep_nesting_end() {
    assert!(matches!(
        bad("cycle-xobject.pdf"),
        Err(ReadError::PdfDamaged(m)) if m.contains("cycle")
    ));
    // A page tree that lists itself: lopdf's walk is bounded; the page is read.
    assert!(bad("cycle-pages.pdf").is_ok());
    // Nesting beyond lopdf's limits: an error or the readable rest, never a stack overflow.
    // (lopdf drops the page dictionary nested 10,000 deep: no text, a clear error.)
    assert!(bad("deep-nesting.pdf").is_err());
    let _ = bad("deep-tj.pdf");
}

#[test]
fn forms_nested_deeper_than_the_limit_are_refused() {
    // One form drawing the next, 20 deep: over a limit of 16.
    let depth = 20;
    let mut objs: Vec<String> = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /XObject << /F0 5 0 R >> >> >>".into(),
        "<< /Length 7 >>\nstream\n/F0 Do\nendstream".into(),
    ];
    for k in 0..depth {
        let next = if k + 1 < depth {
            format!("/Resources << /XObject << /F0 {} 0 R >> >>", 6 + k)
        } else {
            String::new()
        };
        objs.push(format!(
            "<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] {next} /Length 7 >>\nstream\n/F0 Do\nendstream"
        ));
    }
    let pdf = build_pdf(&objs);
    assert!(matches!(
        read(&pdf, Limits::DEFAULT),
        Err(ReadError::PdfTooLarge {
            setting: "max_pdf_depth",
            ..
        })
    ));
}

/// A PDF of the given object bodies (1-based ids), with a correct cross-reference table.
pub(crate) fn build_pdf(objs: &[String]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[test]
fn text_shown_with_a_predefined_chinese_cmap_decodes() {
    // reportlab's STSong-Light: UniGB-UCS2-H, no ToUnicode: the codes are UCS-2.
    let pdf = page_with_font(
        "BT /F1 12 Tf 10 100 Td <4E003001603B4F53>Tj ET",
        "",
        "",
        "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
        &["<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 >>".into()],
    );
    let d = read(&pdf, Limits::DEFAULT).unwrap();
    assert_eq!(d.lines[0].joined(), "一、总体");
}

#[test]
fn many_pages_sharing_one_busy_content_stream_are_bounded() {
    // 300 pages that all draw the same stream of 20,000 glyphs: 6,000,000 glyphs in all.
    let text = format!("BT /F1 1 Tf ({}) Tj ET", "a".repeat(20_000));
    let mut objs = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        String::new(),
        format!("<< /Length {} >>\nstream\n{text}\nendstream", text.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into(),
    ];
    let mut kids = Vec::new();
    for k in 0..300 {
        kids.push(format!("{} 0 R", 5 + k));
        objs.push("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>".into());
    }
    objs[1] = format!(
        "<< /Type /Pages /Kids [{}] /Count {} >>",
        kids.join(" "),
        kids.len()
    );
    assert!(matches!(
        read(&build_pdf(&objs), Limits::DEFAULT),
        Err(ReadError::TooComplex(_))
    ));
}

/// A one-page PDF with Helvetica as /F1, the given content, extra page keys and extra objects
/// (numbered from 6).
fn one_page(content: &str, page_extra: &str, xobjects: &str, extra: &[String]) -> Vec<u8> {
    page_with_font(
        content,
        page_extra,
        xobjects,
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        extra,
    )
}

/// [`one_page`] with the font dictionary of /F1 given (object 5).
fn page_with_font(
    content: &str,
    page_extra: &str,
    xobjects: &str,
    font: &str,
    extra: &[String],
) -> Vec<u8> {
    let mut objs = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R {page_extra} /Resources << /Font << /F1 5 0 R >> /XObject << {xobjects} >> >> >>"
        ),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
        font.into(),
    ];
    objs.extend(extra.iter().cloned());
    build_pdf(&objs)
}

#[test]
fn a_rotated_page_reads_as_displayed() {
    // /Rotate 90: text drawn turned a quarter left in user space reads left to right on screen.
    let pdf = one_page(
        "BT /F1 12 Tf 0 1 -1 0 300 100 Tm (ABC) Tj ET",
        "/Rotate 90",
        "",
        &[],
    );
    let d = read(&pdf, Limits::DEFAULT).unwrap();
    assert_eq!(d.texts(), vec![vec!["ABC"]]);
}

#[test]
fn a_frame_around_a_table_does_not_swallow_it() {
    // A frame (one box) around a 2×2 ruled table that does not touch it.
    let content = "10 10 580 780 re S \
        100 500 m 300 500 l S 100 520 m 300 520 l S 100 540 m 300 540 l S \
        100 500 m 100 540 l S 200 500 m 200 540 l S 300 500 m 300 540 l S \
        BT /F1 10 Tf 110 525 Td (a) Tj ET BT /F1 10 Tf 210 525 Td (1) Tj ET \
        BT /F1 10 Tf 110 505 Td (b) Tj ET";
    let d = read(&one_page(content, "", "", &[]), Limits::DEFAULT).unwrap();
    assert_eq!(d.texts(), vec![vec!["a", "1"], vec!["b", ""]]);
}

#[test]
fn an_unbalanced_q_in_a_form_does_not_pop_the_page_state() {
    let content = "q 2 0 0 2 0 0 cm /Fx Do Q BT /F1 10 Tf 50 50 Td (Z) Tj ET";
    let form =
        "<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Length 1 >>\nstream\nQ\nendstream";
    let pdf = one_page(content, "", "/Fx 6 0 R", &[form.to_string()]);
    let (pages, _) = read_pages(&pdf, Limits::DEFAULT).unwrap();
    let z = &pages[0].glyphs[0];
    assert!(
        (z.x0 - 50.0).abs() < 0.01,
        "drawn at {} (scaled twice?)",
        z.x0
    );
}

#[test]
fn hostile_font_values_are_bounded() {
    // FirstChar at the top of u32, and a ToUnicode target of 100,000 characters.
    let target = "4E00".repeat(100_000);
    let cmap = format!("1 beginbfchar <41> <{target}> endbfchar");
    let pdf = page_with_font(
        "BT /F1 10 Tf 10 10 Td (AAAA) Tj ET",
        "",
        "",
        "<< /Type /Font /Subtype /TrueType /BaseFont /X /FirstChar 4294967295 /Widths [500 500] /ToUnicode 6 0 R >>",
        &[format!(
            "<< /Length {} >>\nstream\n{cmap}\nendstream",
            cmap.len()
        )],
    );
    let d = read(&pdf, Limits::DEFAULT).unwrap();
    let text = d.lines[0].joined();
    assert!(
        text.chars().count() <= 4 * 16,
        "{} characters",
        text.chars().count()
    );
    assert!(text.starts_with('一'));
}

#[test]
fn a_border_closed_by_s_has_its_fourth_edge() {
    // Two cells side by side drawn as one closed path each (`m l l l s`): the shared edge and
    // the closing edges make a grid, so the two cells stay apart.
    let content = "100 500 m 200 500 l 200 540 l 100 540 l s \
        200 500 m 300 500 l 300 540 l 200 540 l s \
        BT /F1 10 Tf 110 515 Td (x) Tj ET BT /F1 10 Tf 210 515 Td (7) Tj ET";
    let pdf = one_page(content, "", "", &[]);
    let d = read(&pdf, Limits::DEFAULT).unwrap();
    assert_eq!(d.texts(), vec![vec!["x", "7"]]);
    let (pages, _) = read_pages(&pdf, Limits::DEFAULT).unwrap();
    assert!(
        pages[0].v.iter().any(|s| (s.at - 100.0).abs() < 0.01),
        "the closing edge at x = 100: {:?}",
        pages[0].v
    );
}

#[test]
fn inputs_the_fuzzer_found_read_in_bounds() {
    // `tests/fixtures/pdf-bad/fuzz/`: inputs that ran out of memory (2.3 GB: a "table without
    // rules" of thousands of columns) or were slow before the bounds that now hold them.
    let dir = format!(
        "{}/../../tests/fixtures/pdf-bad/fuzz",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let bytes = std::fs::read(e.unwrap().path()).unwrap();
        if let Ok(d) = read(&bytes, Limits::DEFAULT) {
            assert!(d.lines.iter().all(|l| l.frags.len() <= 64));
        }
        n += 1;
    }
    assert!(n >= 3);
}

#[test]
fn codes_of_unknown_glyph_names_are_unknown_not_digits() {
    // A subset font whose Differences name its glyphs /g1 /g2 (no ToUnicode): the codes 0x31 and
    // 0x32 must not read as "1" and "2"; /three still reads as "3".
    let pdf = page_with_font(
        "BT /F1 10 Tf 10 700 Td (123) Tj ET",
        "",
        "",
        "<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+SimSun /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [49 /g1 /g2 /three] >> >>",
        &[],
    );
    let d = read(&pdf, Limits::DEFAULT).unwrap();
    assert_eq!(d.lines[0].joined(), "\u{fffd}\u{fffd}3");
}

#[test]
fn a_landscape_table_drawn_turned_reads_as_rows() {
    // The whole page turned a quarter left by its content (no /Rotate): a 2×2 table whose rows
    // run up the page.
    let content = "q 0 1 -1 0 600 0 cm \
        100 500 m 300 500 l S 100 520 m 300 520 l S 100 540 m 300 540 l S \
        100 500 m 100 540 l S 200 500 m 200 540 l S 300 500 m 300 540 l S \
        BT /F1 10 Tf 110 525 Td (a) Tj ET BT /F1 10 Tf 210 525 Td (1) Tj ET \
        BT /F1 10 Tf 110 505 Td (b) Tj ET BT /F1 10 Tf 210 505 Td (2) Tj ET Q";
    let d = read(&one_page(content, "", "", &[]), Limits::DEFAULT).unwrap();
    assert_eq!(d.texts(), vec![vec!["a", "1"], vec!["b", "2"]]);
}

#[test]
fn overprinted_bold_is_read_once_and_a_slanted_watermark_not_at_all() {
    // "95" drawn twice 0.3 pt apart (bold simulated by overprinting); "11" drawn once; a
    // watermark at 45°.
    let content = "BT /F1 10 Tf 100 700 Td (95) Tj ET BT /F1 10 Tf 100.3 700 Td (95) Tj ET \
        BT /F1 10 Tf 100 650 Td (11) Tj ET \
        BT /F1 40 Tf 0.7071 0.7071 -0.7071 0.7071 200 400 Tm (DRAFT) Tj ET";
    let d = read(&one_page(content, "", "", &[]), Limits::DEFAULT).unwrap();
    assert_eq!(d.texts(), vec![vec!["95"], vec!["11"]]);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(96))]

    /// Any sequence of drawing operators (numbers, names, strings, arrays, paths, text, forms)
    /// reads to a document or a clear error: never a panic, whatever the geometry.
    #[test]
    fn any_content_stream_reads_or_errs(
        ops in proptest::collection::vec(
            proptest::prop_oneof![
                "-?[0-9]{1,4}(\\.[0-9]{1,2})?",
                "(q|Q|BT|ET|S|s|f|b|n|h|T\\*|re|m|l|c|cm|Tm|Td|TD|Tf|Tj|TJ|Tc|Tw|Tz|TL|Ts|Do|BI|ID|EI)",
                "/(F1|Fx|P)",
                "\\((1|2|总|计|\\\\\\(|\\)){0,4}\\)",
                "<[0-9A-F]{0,8}>",
                "\\[ ?(\\(7\\) -250 )?\\]",
                "<< /MCID 0 >>",
            ],
            0..120,
        )
    ) {
        let content = ops.join(" ");
        let form = "<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Length 9 >>\nstream\nBT ET 0 0\nendstream";
        let pdf = one_page(&content, "", "/Fx 6 0 R", &[form.to_string()]);
        match read(&pdf, Limits::DEFAULT) {
            Ok(d) => proptest::prop_assert!(!d.lines.is_empty()),
            Err(e) => proptest::prop_assert!(!e.to_string().is_empty()),
        }
    }
}
