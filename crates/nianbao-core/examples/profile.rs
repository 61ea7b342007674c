//! Runs parse + validate of a file many times (for profilers): `cargo run --release -p
//! nianbao-core --example profile -- FILE [N]`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&args[1]).expect("file");
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let mut errors = 0;
    for _ in 0..n {
        let o = nianbao_core::engine::validate_bytes(&bytes, &args[1], "", Default::default())
            .expect("readable");
        errors += o.counts.errors;
    }
    println!("{errors}");
}
