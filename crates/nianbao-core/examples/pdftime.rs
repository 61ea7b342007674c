//! Times reading (and reading + validating) a PDF: `cargo run --release -p nianbao-core --example pdftime -- FILE.pdf [N]`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&args[1]).expect("read");
    let n: u32 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(200);
    let t = std::time::Instant::now();
    for _ in 0..n {
        let _ = nianbao_core::input::pdf::read(&bytes, nianbao_core::input::Limits::DEFAULT);
    }
    let read = t.elapsed() / n;
    let t = std::time::Instant::now();
    for _ in 0..n {
        let _ = nianbao_core::engine::validate_bytes(&bytes, "r.pdf", "", Default::default());
    }
    println!("read {:?}  read+validate {:?}", read, t.elapsed() / n);
}
