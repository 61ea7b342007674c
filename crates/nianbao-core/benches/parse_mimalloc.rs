//! The parse + validate benchmark with mimalloc, the allocator the server binary ships with
//! (`src/main.rs`), tuned the same way (arenas committed lazily, freed memory purged at once).
//! `cargo bench -p nianbao-core --bench parse_mimalloc`.

use criterion::{Criterion, criterion_group, criterion_main};

mod shared;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench(c: &mut Criterion) {
    // mi_option_arena_eager_commit and mi_option_purge_delay, as the server sets them.
    unsafe {
        libmimalloc_sys::mi_option_set(4, 0);
        libmimalloc_sys::mi_option_set(15, 0);
    }
    shared::bench_group(c, "parse_validate_mimalloc");
}

criterion_group!(benches, bench);
criterion_main!(benches);
