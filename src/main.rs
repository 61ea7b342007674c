//! The `nianbao` binary: parses the command line and hands over to [`nianbao::cli`].

use std::process::ExitCode;

use clap::Parser;
use nianbao::cli::{self, Cli, Command};

/// mimalloc instead of glibc malloc: under load the server allocates on tokio workers and frees
/// on blocking threads, and glibc's arena locks made allocation a third of its CPU time
/// (docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
