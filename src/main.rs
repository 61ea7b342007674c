//! The `nianbao` binary: parses the command line and hands over to [`nianbao::cli`].

use std::process::ExitCode;

use clap::Parser;
use nianbao::cli::{self, Cli, Command};

/// mimalloc instead of glibc malloc: under load the server allocates on tokio workers and frees
/// on blocking threads, and glibc's arena locks made allocation a third of its CPU time
/// (docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc tuned for a small resident set: its defaults commit whole arenas eagerly and keep
/// freed memory for 10 ms (57 MiB peak instead of 30 MiB with 1,000 streams, for no measurable
/// throughput). Run as an ELF constructor, before the first allocation reserves an arena;
/// `MIMALLOC_ARENA_EAGER_COMMIT` / `MIMALLOC_PURGE_DELAY` in the environment win.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static TUNE_ALLOCATOR: extern "C" fn() = tune_allocator;

#[cfg(target_os = "linux")]
extern "C" fn tune_allocator() {
    // mi_option_arena_eager_commit and mi_option_purge_delay (mimalloc.h, the same in v2 and v3).
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    for (option, env) in [
        (ARENA_EAGER_COMMIT, c"MIMALLOC_ARENA_EAGER_COMMIT"),
        (PURGE_DELAY, c"MIMALLOC_PURGE_DELAY"),
    ] {
        // SAFETY: getenv with a C string (no allocation, nothing else runs yet); mi_option_set
        // is a plain setter on mimalloc's option table with a valid option number.
        unsafe {
            if libc::getenv(env.as_ptr()).is_null() {
                libmimalloc_sys::mi_option_set(option, 0);
            }
        }
    }
}

fn main() -> ExitCode {
    // One rustls crypto provider, chosen explicitly (tonic's TLS uses the process default).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let cli = Cli::parse();
    match &cli.command {
        Command::Serve(a) => cli::serve(a),
        Command::Check(a) => cli::check(a),
        Command::Render(a) => cli::render(a),
        Command::Summarize(a) => cli::summarize(a),
        Command::Rules(a) => cli::rules(a),
    }
}
