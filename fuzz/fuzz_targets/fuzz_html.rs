//! HTML (any bytes): charset detection, the tokenizer-based reader, the mapper and the rules.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = nianbao_core::engine::validate_bytes(data, "page.html", "text/html", Default::default());
});
