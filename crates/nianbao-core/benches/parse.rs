//! Parse + validate, per input shape, on the shared samples (one core: criterion measures on the
//! calling thread). `cargo bench -p nianbao-core --bench parse`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao_core::{engine, input::Limits};

mod shared;

use shared::sample;

fn bench(c: &mut Criterion) {
    shared::bench_group(c, "parse_validate");
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
