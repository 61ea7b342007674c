//! Prints the document model a PDF reads to: one line per table row or text line, cells
//! separated by ` | `, with the page and line on the page.
//!
//!     cargo run -p nianbao-core --example pdflines -- FILE.pdf

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: pdflines FILE.pdf");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).expect("read");
    match nianbao_core::input::pdf::read(&bytes, nianbao_core::input::Limits::DEFAULT) {
        Ok(doc) => {
            for l in &doc.lines {
                let loc = l.frags.first().map(|f| f.loc).unwrap_or_default();
                let cells: Vec<&str> = l.frags.iter().map(|f| f.text.as_str()).collect();
                println!("p{}:{:<3} {}", loc.page, loc.line, cells.join(" | "));
            }
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
