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
/// freed memory for a while before returning it (57–72 MiB peak instead of 30 MiB with 1,000
/// streams, for no measurable throughput). Run as an ELF constructor, before the first allocation
/// reserves an arena. mimalloc's own variables win: `MIMALLOC_ARENA_EAGER_COMMIT` (old name
/// `MIMALLOC_EAGER_REGION_COMMIT`) and `MIMALLOC_PURGE_DELAY` (old name `MIMALLOC_RESET_DELAY`),
/// in any case, as mimalloc reads them.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static TUNE_ALLOCATOR: extern "C" fn() = tune_allocator;

#[cfg(target_os = "linux")]
extern "C" fn tune_allocator() {
    // mi_option_arena_eager_commit and mi_option_purge_delay (mimalloc.h, the same in v2 and v3).
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    let options: [(libmimalloc_sys::mi_option_t, &[&[u8]]); 2] = [
        (
            ARENA_EAGER_COMMIT,
            &[
                b"MIMALLOC_ARENA_EAGER_COMMIT",
                b"MIMALLOC_EAGER_REGION_COMMIT",
            ],
        ),
        (
            PURGE_DELAY,
            &[b"MIMALLOC_PURGE_DELAY", b"MIMALLOC_RESET_DELAY"],
        ),
    ];
    for (option, names) in options {
        if !in_environment(names) {
            // SAFETY: a plain setter on mimalloc's option table, with a valid option number.
            unsafe { libmimalloc_sys::mi_option_set(option, 0) };
        }
    }
}

/// Whether one of `names` is set in the environment (ASCII case ignored, as mimalloc does),
/// read from `environ` directly: nothing may allocate before the options are set.
#[cfg(target_os = "linux")]
fn in_environment(names: &[&[u8]]) -> bool {
    unsafe extern "C" {
        static environ: *const *const std::ffi::c_char;
    }
    // SAFETY: `environ` is the process's NULL-terminated array of NUL-terminated strings; no
    // other thread exists yet (constructors run before main), so nothing changes it meanwhile.
    unsafe {
        let mut p = environ;
        while !p.is_null() && !(*p).is_null() {
            let entry = std::ffi::CStr::from_ptr(*p).to_bytes();
            if names.iter().any(|n| {
                entry.len() > n.len()
                    && entry[n.len()] == b'='
                    && entry[..n.len()].eq_ignore_ascii_case(n)
            }) {
                return true;
            }
            p = p.add(1);
        }
    }
    false
}

/// SIGPIPE back to its default action (terminate).
fn restore_sigpipe() {
    #[cfg(target_os = "linux")]
    {
        unsafe extern "C" {
            fn signal(signum: i32, handler: usize) -> usize;
        }
        const SIGPIPE: i32 = 13;
        const SIG_DFL: usize = 0;
        // SAFETY: called before any thread is started; SIG_DFL is a valid disposition.
        unsafe {
            signal(SIGPIPE, SIG_DFL);
        }
    }
}

fn main() -> ExitCode {
    // One rustls crypto provider, chosen explicitly (tonic's TLS uses the process default).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let cli = Cli::parse();
    if !matches!(cli.command, Command::Serve(_)) {
        // A command-line tool whose reader went away (`nianbao check … | head`) ends quietly,
        // as other Unix tools do, instead of panicking on the failed print. (The server keeps
        // Rust's default, SIGPIPE ignored, so a closed socket is an error, not a signal.)
        restore_sigpipe();
    }
    match &cli.command {
        Command::Serve(a) => cli::serve(a),
        Command::Check(a) => cli::check(a),
        Command::Render(a) => cli::render(a),
        Command::Summarize(a) => cli::summarize(a),
        Command::Rules(a) => cli::rules(a),
    }
}
