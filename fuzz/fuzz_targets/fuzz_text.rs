//! Plain text (any bytes): the text reader, the mapper and every rule never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = nianbao_core::engine::validate_bytes(data, "report.txt", "text/plain", Default::default());
});
