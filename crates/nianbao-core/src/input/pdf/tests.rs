//! Tests of the PDF reader on the shared sample PDFs and on broken files.

use super::*;

fn sample(name: &str) -> Vec<u8> {
    let p = format!(
        "{}/../../tests/fixtures/samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

#[test]
fn samples_read() {
    for f in [
        "004-hongze-qu-2023.pdf",
        "005-hongze-qu-2024.pdf",
        "014-huaian-shi-2024.pdf",
        "006-shanghai-bangongting-2019-lo.pdf",
    ] {
        let d = read(&sample(f), Limits::DEFAULT).unwrap();
        assert!(d.lines.len() > 50, "{f}");
    }
}
