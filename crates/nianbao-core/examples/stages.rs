//! Time per stage (read, map, rules) for a file: `cargo run --release -p nianbao-core --example
//! stages -- FILE [N]`.
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&args[1]).expect("file");
    let n: u32 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let (mut read, mut map, mut check) = (0u128, 0u128, 0u128);
    for _ in 0..n {
        let t = Instant::now();
        let (_, doc) =
            nianbao_core::input::read_bytes(&bytes, &args[1], "", Default::default()).unwrap();
        read += t.elapsed().as_nanos();
        let t = Instant::now();
        let m = nianbao_core::mapper::map(&doc);
        map += t.elapsed().as_nanos();
        let t = Instant::now();
        let f = nianbao_core::rules::check(&m.report);
        check += t.elapsed().as_nanos();
        std::hint::black_box(f);
    }
    let us = |x: u128| x as f64 / n as f64 / 1000.0;
    println!(
        "read {:.1} µs, map {:.1} µs, rules {:.1} µs",
        us(read),
        us(map),
        us(check)
    );
}
