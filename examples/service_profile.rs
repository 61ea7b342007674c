//! The service path in process, for instruction counts (callgrind): `N` calls of one RPC through
//! the report service and every layer the server puts around it, without the network, against
//! the same number of calls of the core alone on the same report. Instruction counts do not
//! depend on what else the machine runs, unlike throughput.
//!
//! `cargo build --release --example service_profile && valgrind --tool=callgrind
//! --toggle-collect='service_profile::measured*' target/release/examples/service_profile
//! [validate|summary|summarize|core] FILE N`
//! (`summarize`: one Summarize call of N copies of the report). Without valgrind it prints the
//! wall time per call.

use std::time::Instant;

use bytes::{BufMut, Bytes, BytesMut};
use http_body_util::BodyExt;
use nianbao::pb;
use tonic::body::Body;
use tonic::codegen::http;
use tower::{Service, ServiceExt};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn frame(msg: &impl prost::Message) -> Bytes {
    let body = msg.encode_to_vec();
    let mut b = BytesMut::with_capacity(body.len() + 5);
    b.put_u8(0);
    b.put_u32(body.len() as u32);
    b.put_slice(&body);
    b.freeze()
}

fn request(path: &'static str, body: Bytes) -> http::Request<Body> {
    http::Request::builder()
        .method("POST")
        .uri(path)
        .header("content-type", "application/grpc")
        .header("te", "trailers")
        .body(Body::new(http_body_util::Full::new(body)))
        .unwrap()
}

/// The measured calls (callgrind counts only inside this function).
#[inline(never)]
async fn measured<S>(svc: &mut S, path: &'static str, body: &Bytes, n: usize) -> usize
where
    S: Service<
            http::Request<Body>,
            Response = http::Response<Body>,
            Error = std::convert::Infallible,
        >,
{
    let mut bytes = 0;
    for _ in 0..n {
        let resp = svc
            .ready()
            .await
            .unwrap()
            .call(request(path, body.clone()))
            .await
            .unwrap();
        let collected = resp.into_body().collect().await.expect("body");
        let trailers = collected.trailers().cloned();
        assert_eq!(
            trailers
                .as_ref()
                .and_then(|t| t.get("grpc-status"))
                .map(|v| v.as_bytes()),
            Some(&b"0"[..]),
            "OK"
        );
        bytes += collected.to_bytes().len();
    }
    bytes
}

#[inline(never)]
fn measured_core(text: &str, n: usize) {
    for _ in 0..n {
        std::hint::black_box(
            nianbao::core::engine::validate_str(text, nianbao::core::input::Limits::default())
                .unwrap(),
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let what = args.get(1).map_or("validate", String::as_str).to_string();
    let file = args
        .get(2)
        .cloned()
        .unwrap_or("tests/fixtures/samples/xinqing-zhen-2020.txt".into());
    let n: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(100);
    let text = std::fs::read_to_string(&file).expect("report");
    if what == "core" {
        measured_core(&text, 1);
        let t = Instant::now();
        measured_core(&text, n);
        println!(
            "core: {:.1} µs per report",
            t.elapsed().as_secs_f64() * 1e6 / n as f64
        );
        return;
    }
    let input = || {
        Some(pb::ReportInput {
            source: Some(pb::report_input::Source::Text(text.clone())),
        })
    };
    let (path, body, calls) = match what.as_str() {
        "summarize" => (
            "/nianbao.v1.ReportService/Summarize",
            frame(&pb::SummarizeRequest {
                inputs: (0..n).filter_map(|_| input()).collect(),
                ..Default::default()
            }),
            1,
        ),
        view => (
            "/nianbao.v1.ReportService/Validate",
            frame(&pb::ValidateRequest {
                input: input(),
                view: if view == "summary" {
                    pb::ResponseView::Summary
                } else {
                    pb::ResponseView::Full
                } as i32,
                ..Default::default()
            }),
            n,
        ),
    };
    let config = nianbao::server::Config::default();
    let stack = nianbao::server::report_stack(&config, nianbao::server::limits_of(&config));
    let mut svc = nianbao::server::call_layers(config.max_message_bytes).service(stack);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        measured(&mut svc, path, &body, 1).await;
        let t = Instant::now();
        let bytes = measured(&mut svc, path, &body, calls).await;
        println!(
            "{what}: {:.1} µs per {} ({} answer bytes)",
            t.elapsed().as_secs_f64() * 1e6 / n as f64,
            if what == "summarize" {
                "report"
            } else {
                "call"
            },
            bytes / calls
        );
    });
}
