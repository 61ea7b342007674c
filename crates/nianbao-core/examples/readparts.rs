//! Time of the reader's parts (detect, decode, split into cells; for HTML also the HTML decode and
//! reader) for a file, in µs per call:
//! `cargo run --release -p nianbao-core --example readparts -- FILE`.
use std::time::Instant;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&args[1]).unwrap();
    let n = 5000;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(nianbao_core::input::detect(&bytes, &args[1], "").unwrap());
    }
    println!(
        "detect {:.1}",
        t.elapsed().as_nanos() as f64 / n as f64 / 1000.0
    );
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(nianbao_core::input::decode_text(&bytes).unwrap());
    }
    println!(
        "decode {:.1}",
        t.elapsed().as_nanos() as f64 / n as f64 / 1000.0
    );
    let s = nianbao_core::input::decode_text(&bytes).unwrap();
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(nianbao_core::input::text::read(&s));
    }
    println!(
        "text::read {:.1}",
        t.elapsed().as_nanos() as f64 / n as f64 / 1000.0
    );
    if nianbao_core::input::detect(&bytes, &args[1], "") == Ok(nianbao_core::input::InputKind::Html)
    {
        let t = Instant::now();
        for _ in 0..n {
            std::hint::black_box(nianbao_core::input::html::decode(&bytes).unwrap());
        }
        println!(
            "html::decode {:.1}",
            t.elapsed().as_nanos() as f64 / n as f64 / 1000.0
        );
        let s = nianbao_core::input::html::decode(&bytes).unwrap();
        let t = Instant::now();
        for _ in 0..n {
            std::hint::black_box(nianbao_core::input::html::read(&s).unwrap());
        }
        println!(
            "html::read {:.1}",
            t.elapsed().as_nanos() as f64 / n as f64 / 1000.0
        );
    }
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(
            nianbao_core::input::read_bytes(&bytes, &args[1], "", Default::default()).unwrap(),
        );
    }
    println!(
        "read_bytes {:.1}",
        t.elapsed().as_nanos() as f64 / n as f64 / 1000.0
    );
}
