//! DOCX (any bytes, and any document.xml): the zip limits, the XML reader, the mapper and rules.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = nianbao_core::engine::validate_bytes(data, "report.docx", "", Default::default());
    if let Ok(doc) = nianbao_core::input::docx::parse_xml(data) {
        let m = nianbao_core::mapper::map(&doc);
        let _ = nianbao_core::rules::check(&m.report);
    }
});
