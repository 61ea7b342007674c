//! Request decoding: bytes → ValidateRequest (protobuf) → the structured-report boundary and the
//! engine, as the server does it.
#![no_main]
use libfuzzer_sys::fuzz_target;
use prost::Message;

fuzz_target!(|data: &[u8]| {
    let Ok(req) = nianbao::pb::ValidateRequest::decode(data) else { return };
    let Some(source) = req.input.and_then(|i| i.source) else { return };
    use nianbao::pb::report_input::Source;
    match source {
        Source::Text(t) => {
            let _ = nianbao_core::engine::validate_str(&t, Default::default());
        }
        Source::File(f) => {
            let _ = nianbao_core::engine::validate_bytes(&f.content, &f.file_name, &f.media_type, Default::default());
        }
        Source::Report(r) => {
            if let Ok(report) = nianbao::convert::report_from_pb(&r, "input.report") {
                let o = nianbao_core::engine::validate_report(report, nianbao_core::input::InputKind::Structured, Vec::new());
                let _ = nianbao::convert::outcome_to_pb(&o, "", None, nianbao::pb::ResponseView::Full);
            }
        }
    }
});
