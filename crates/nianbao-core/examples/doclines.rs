//! Prints the lines the table mappers see for any input file (text, HTML, DOCX, PDF): one line
//! per row after segmenting run-together pages, with the source line number, cells separated by
//! ` | `.
//!
//!     cargo run -p nianbao-core --example doclines -- FILE

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: doclines FILE");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).expect("read");
    let limits = nianbao_core::input::Limits::DEFAULT;
    match nianbao_core::input::read_bytes(&bytes, &path, "", limits) {
        Ok((_, doc)) => {
            for l in nianbao_core::mapper::debug_lines(&doc) {
                println!("{l}");
            }
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
