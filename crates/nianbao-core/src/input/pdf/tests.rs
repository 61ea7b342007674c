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
    let _ = bad("deep-nesting.pdf");
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
    let content = "BT /F1 12 Tf 10 100 Td <4E003001603B4F53>Tj ET";
    let objs = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".into(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>".into(),
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 >>".into(),
    ];
    let d = read(&build_pdf(&objs), Limits::DEFAULT).unwrap();
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
