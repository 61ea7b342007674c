//! Parse + validate, per input shape, on the shared samples (one core: criterion measures on the
//! calling thread). `cargo bench -p nianbao-core --bench parse`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao_core::{engine, input::Limits};

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../tests/fixtures/samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn bench(c: &mut Criterion) {
    let cases = [
        ("text_tabs_xinqing", "xinqing-zhen-2020.txt"),
        ("text_pdf_huaian", "014-huaian-shi-2024-pdftext.txt"),
        ("text_markdown_kewei", "002-shanghai-kewei-2024.txt"),
        ("text_run_together_pingtan", "008-pingtan-2019.txt"),
        ("html_shanghai", "006-shanghai-bangongting-2019.html"),
        ("docx_shanghai", "006-shanghai-bangongting-2019-word.docx"),
    ];
    let mut g = c.benchmark_group("parse_validate");
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
    c.bench_function("text_16x_huaian", |b| {
        b.iter(|| {
            engine::validate_bytes(black_box(&big), "big.txt", "", Limits::default()).unwrap()
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches, rollups);

/// A roll-up of 100,000 validated reports (the summing and bookkeeping, not the parsing).
fn rollup(c: &mut Criterion) {
    use nianbao_core::summary::{Item, Options, Streaming};
    let o = engine::validate_bytes(
        &sample("014-huaian-shi-2024-pdftext.txt"),
        "r.txt",
        "",
        Limits::default(),
    )
    .unwrap();
    let mut g = c.benchmark_group("rollup");
    g.sample_size(10);
    g.bench_function("100k_reports", |b| {
        b.iter(|| {
            let mut st = Streaming::new(Options::default());
            for k in 0..100_000 {
                let mut o = o.clone();
                o.report.metadata.issuing_body = Some(format!("局{k}"));
                st.push(Item {
                    outcome: Ok(o),
                    group: None,
                });
            }
            black_box(st.finish())
        })
    });
    // The cost of making the 100,000 inputs alone (cloning one validated report), to subtract.
    g.bench_function("100k_clones_only", |b| {
        b.iter(|| {
            for k in 0..100_000 {
                let mut o = o.clone();
                o.report.metadata.issuing_body = Some(format!("局{k}"));
                black_box(o);
            }
        })
    });
    g.finish();
}

criterion_group!(rollups, rollup);
