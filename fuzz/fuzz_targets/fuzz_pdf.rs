//! PDF (any bytes as a `.pdf`): lopdf's parser and repair, the PDF limits, the content-stream
//! interpreter (fonts, CMaps, forms), the table layout, the mapper and every rule.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = nianbao_core::engine::validate_bytes(data, "report.pdf", "", Default::default());
});
