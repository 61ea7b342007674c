//! Runs parse + validate of a file many times (for profilers): `cargo run --release -p
//! nianbao-core --example profile -- FILE [N]`.
//!
//! One call warms up (compiles the regexes and builds the tables), then `measured` runs the N
//! calls, so a profiler can count only those: `valgrind --tool=callgrind
//! --toggle-collect=profile::measured target/release/examples/profile FILE 100` gives the
//! instructions of 100 calls.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&args[1]).expect("file");
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let warm = one(&bytes, &args[1]);
    println!("{}", warm + measured(&bytes, &args[1], n));
}

#[inline(never)]
fn measured(bytes: &[u8], name: &str, n: usize) -> u64 {
    (0..n).map(|_| one(bytes, name)).sum()
}

fn one(bytes: &[u8], name: &str) -> u64 {
    nianbao_core::engine::validate_bytes(bytes, name, "", Default::default())
        .expect("readable")
        .counts
        .errors as u64
}
