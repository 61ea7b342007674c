//! The parse + validate cases, shared by the `parse` (system allocator) and `parse_mimalloc`
//! benchmarks.

use std::hint::black_box;

use criterion::Criterion;
use nianbao_core::{engine, input::Limits};

pub fn sample(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../tests/fixtures/samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

pub fn bench_group(c: &mut Criterion, group: &str) {
    let cases = [
        ("text_tabs_xinqing", "xinqing-zhen-2020.txt"),
        ("text_pdf_huaian", "014-huaian-shi-2024-pdftext.txt"),
        ("text_markdown_kewei", "002-shanghai-kewei-2024.txt"),
        ("text_run_together_pingtan", "008-pingtan-2019.txt"),
        ("html_shanghai", "006-shanghai-bangongting-2019.html"),
        ("docx_shanghai", "006-shanghai-bangongting-2019-word.docx"),
        // PDF files read natively (5–6 pages each).
        ("pdf_hongze_2023", "004-hongze-qu-2023.pdf"),
        ("pdf_hongze_2024", "005-hongze-qu-2024.pdf"),
        ("pdf_huaian_2024", "014-huaian-shi-2024.pdf"),
        ("pdf_shanghai_lo", "006-shanghai-bangongting-2019-lo.pdf"),
        // The 2024 report four times over: 20 pages (time linear in pages).
        (
            "pdf_20_pages_hongze_x4",
            "../pdf-bench/005-hongze-qu-2024-x4.pdf",
        ),
    ];
    let mut g = c.benchmark_group(group);
    for (id, file) in cases {
        let bytes = sample(file);
        g.bench_function(id, |b| {
            b.iter(|| {
                engine::validate_bytes(black_box(&bytes), file, "", Limits::default()).unwrap()
            })
        });
    }
    g.finish();
    // Large input: linear, not quadratic (16 copies of a report).
    let big = sample("014-huaian-shi-2024-pdftext.txt").repeat(16);
    let name = if group == "parse_validate" {
        "text_16x_huaian".to_string()
    } else {
        format!("{group}_text_16x_huaian")
    };
    c.bench_function(&name, |b| {
        b.iter(|| {
            engine::validate_bytes(black_box(&big), "big.txt", "", Limits::default()).unwrap()
        })
    });
}
