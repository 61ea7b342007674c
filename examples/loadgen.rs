//! Load generator: throughput and latency of `Validate` on a real sample against the health
//! `Check` RPC of the same server, in the same run.
//!
//! `cargo run --release --example loadgen -- --addr 127.0.0.1:50051 --seconds 10 --concurrency 32
//! [--rate N] [--file tests/fixtures/samples/xinqing-zhen-2020.txt] [--pid SERVER_PID]
//! [--connections N] [--view full|summary] [--only health|validate|json|hostile] [--client-threads N]`
//! `--rate` (requests per second, 0 = closed loop as fast as possible) measures latency at a fixed
//! load; `--pid` reports the server's peak RSS (VmHWM) from /proc; `--connections` spreads the
//! workers over that many HTTP/2 connections (default 1); `--view summary` asks `Validate` for
//! findings without the parsed cells; `--client-threads` sets the load generator's own runtime
//! threads (default: one per core; 1 leaves the server more of a shared machine).
//!
//! The default run measures, on the same report and in the same run: the core's own cost
//! (`t_core`: parse + validate on one thread of this process, with the allocator the server
//! ships with), the health `Check` (`t_health` = 1 / its throughput), then `Validate`, and prints
//! Validate's throughput as a fraction of the limit `1 / (t_health + t_core)`: what the server
//! would serve if it added nothing to the core but the transport floor. With `--pid` it also
//! prints the server's CPU time per call (from /proc). `Validate` requests are encoded once and
//! answers are not decoded (a pass-through codec; one real answer is decoded and checked first),
//! so the load generator spends on each call what a health check costs it, not the decoding of
//! every cell. `--only summarize --batch N` sends `Summarize` with N copies of the report per
//! call and reports the server's CPU time per report against `t_core`.
//!
//! `--only hostile` (not part of the default run) floods the server with requests it must refuse,
//! in turn: a text one byte over the default 8 MiB message limit, the same text gzip-compressed
//! (a few KiB that inflate past the limit), a DOCX zip bomb (16 MiB of spaces in a few KiB), and
//! HTML nested 5,000 deep; it counts the status codes of each kind, measures the health `Check`
//! on a connection of its own meanwhile (as a probe would), and with `--pid` prints the server's
//! peak RSS: the server
//! must refuse every one of them, keep answering health, and stay bounded in memory.
//!
//! `--only json` measures `Validate` over gRPC and then as JSON over HTTP/1.1 (Connect unary:
//! `POST /nianbao.v1.ReportService/Validate`, `Content-Type: application/json`, one keep-alive
//! connection per worker) on the same report, in the same run, and prints the JSON figures as a
//! multiple of the gRPC ones (throughput, and with `--pid` the server's CPU per call). The JSON
//! body is serialized once and answers are read whole but not parsed, as the gRPC answers are.

use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::{Buf, BufMut, Bytes};
use hdrhistogram::Histogram;
use nianbao::pb::{self, report_service_client::ReportServiceClient};
use tokio::sync::Mutex;
use tonic::codec::{Codec, DecodeBuf, Decoder, EncodeBuf, Encoder};
use tonic_health::pb::{HealthCheckRequest, health_client::HealthClient};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A codec that sends bytes encoded beforehand and skips the answer (its size only).
#[derive(Debug, Clone, Copy, Default)]
struct Raw;

impl Codec for Raw {
    type Encode = Bytes;
    type Decode = usize;
    type Encoder = Raw;
    type Decoder = Raw;

    fn encoder(&mut self) -> Raw {
        Raw
    }

    fn decoder(&mut self) -> Raw {
        Raw
    }
}

impl Encoder for Raw {
    type Item = Bytes;
    type Error = tonic::Status;

    fn encode(&mut self, item: Bytes, dst: &mut EncodeBuf<'_>) -> Result<(), tonic::Status> {
        dst.put_slice(&item);
        Ok(())
    }
}

impl Decoder for Raw {
    type Item = usize;
    type Error = tonic::Status;

    fn decode(&mut self, src: &mut DecodeBuf<'_>) -> Result<Option<usize>, tonic::Status> {
        let n = src.remaining();
        src.advance(n);
        Ok(Some(n))
    }
}

/// A keep-alive HTTP/1.1 connection for JSON calls.
type H1 = hyper::client::conn::http1::SendRequest<http_body_util::Full<Bytes>>;

async fn connect_h1(addr: &str) -> H1 {
    let tcp = tokio::net::TcpStream::connect(addr).await.expect("connect");
    tcp.set_nodelay(true).ok();
    let (send, conn) = hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(tcp))
        .await
        .expect("HTTP/1.1 handshake");
    tokio::spawn(conn);
    send
}

/// POSTs the JSON `body` to Validate; whether the answer was 200 (its body read whole).
async fn json_call(h1: &mut H1, addr: &str, body: Bytes) -> bool {
    use http_body_util::BodyExt;
    if h1.ready().await.is_err() {
        *h1 = connect_h1(addr).await;
    }
    let req = tonic::codegen::http::Request::post("/nianbao.v1.ReportService/Validate")
        .header("host", addr)
        .header("content-type", "application/json")
        .body(http_body_util::Full::new(body))
        .unwrap();
    match h1.send_request(req).await {
        Ok(resp) => {
            let ok = resp.status() == 200;
            ok && resp.into_body().collect().await.is_ok()
        }
        Err(_) => false,
    }
}

/// Sends pre-encoded `body` to `path` and returns whether the answer was OK.
async fn raw_call(
    grpc: &mut tonic::client::Grpc<tonic::transport::Channel>,
    path: &'static str,
    body: Bytes,
) -> bool {
    if grpc.ready().await.is_err() {
        return false;
    }
    grpc.unary(
        tonic::Request::new(body),
        tonic::codegen::http::uri::PathAndQuery::from_static(path),
        Raw,
    )
    .await
    .is_ok()
}

/// The core's cost of one report: parse + validate on this thread, µs (median of 5 rounds of
/// about 200 ms each).
fn core_us(text: &str) -> f64 {
    let limits = nianbao::core::input::Limits::default();
    let once = || {
        std::hint::black_box(
            nianbao::core::engine::validate_str(std::hint::black_box(text), limits)
                .expect("the report reads"),
        );
    };
    for _ in 0..200 {
        once();
    }
    let mut rounds: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            let mut n = 0u32;
            while t.elapsed() < Duration::from_millis(200) {
                once();
                n += 1;
            }
            t.elapsed().as_secs_f64() * 1e6 / f64::from(n)
        })
        .collect();
    rounds.sort_by(f64::total_cmp);
    rounds[2]
}

/// The server's CPU time so far (user + system), µs, from /proc.
fn cpu_us(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks * 1e6 / 100.0)
}

struct Args {
    batch: usize,
    addr: String,
    seconds: u64,
    concurrency: usize,
    rate: u64,
    file: String,
    pid: Option<u32>,
    only: Option<String>,
    connections: usize,
    view: pb::ResponseView,
    client_threads: usize,
}

fn args() -> Args {
    let mut a = Args {
        batch: 16,
        addr: "127.0.0.1:50051".into(),
        seconds: 10,
        concurrency: 32,
        rate: 0,
        file: "tests/fixtures/samples/xinqing-zhen-2020.txt".into(),
        pid: None,
        only: None,
        connections: 1,
        view: pb::ResponseView::Full,
        client_threads: 0,
    };
    let v: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i + 1 < v.len() {
        match v[i].as_str() {
            "--addr" => a.addr = v[i + 1].clone(),
            "--batch" => a.batch = v[i + 1].parse().expect("batch"),
            "--seconds" => a.seconds = v[i + 1].parse().expect("seconds"),
            "--concurrency" => a.concurrency = v[i + 1].parse().expect("concurrency"),
            "--rate" => a.rate = v[i + 1].parse().expect("rate"),
            "--file" => a.file = v[i + 1].clone(),
            "--pid" => a.pid = v[i + 1].parse().ok(),
            "--only" => a.only = Some(v[i + 1].clone()),
            "--connections" => a.connections = v[i + 1].parse().expect("connections"),
            "--client-threads" => a.client_threads = v[i + 1].parse().expect("client threads"),
            "--view" => {
                a.view = match v[i + 1].as_str() {
                    "full" => pb::ResponseView::Full,
                    "summary" => pb::ResponseView::Summary,
                    other => panic!("unknown view {other}: full or summary"),
                }
            }
            other => panic!("unknown argument {other}"),
        }
        i += 2;
    }
    a
}

fn peak_rss_kib(pid: u32) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    s.lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// What one run measured.
struct Measured {
    rps: f64,
    calls: u64,
    /// Server CPU per call, µs (with `--pid`).
    server_cpu_us: Option<f64>,
}

/// One closed- or open-loop run of `name` (`health`, `validate`, `summarize`); `body`: the
/// encoded request for the report RPCs.
async fn run(
    name: &str,
    a: &Args,
    channels: &[tonic::transport::Channel],
    body: Bytes,
) -> Measured {
    let hist = Arc::new(Mutex::new(
        Histogram::<u64>::new_with_bounds(1, 60_000_000, 3).unwrap(),
    ));
    let errors = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let cpu_before = a.pid.and_then(cpu_us);
    let end = Instant::now() + Duration::from_secs(a.seconds);
    // Open loop: each worker sends at rate/concurrency per second.
    let interval =
        (a.rate > 0).then(|| Duration::from_secs_f64(a.concurrency as f64 / a.rate as f64));
    let mut tasks = Vec::new();
    let concurrency = a.concurrency;
    let path: &'static str = match name {
        "validate" => "/nianbao.v1.ReportService/Validate",
        _ => "/nianbao.v1.ReportService/Summarize",
    };
    for w in 0..a.concurrency {
        let (hist, errors, channel, body, name) = (
            hist.clone(),
            errors.clone(),
            channels[w % channels.len()].clone(),
            body.clone(),
            name.to_string(),
        );
        let addr = a.addr.clone();
        tasks.push(tokio::spawn(async move {
            let mut h1 = if name == "json" {
                Some(connect_h1(&addr).await)
            } else {
                None
            };
            let mut grpc = tonic::client::Grpc::new(channel.clone());
            let mut hc = HealthClient::new(channel);
            // Open loop: workers start staggered over one interval, so requests arrive evenly
            // rather than in bursts of `concurrency`.
            let mut next = Instant::now()
                + interval.map_or(Duration::ZERO, |iv| {
                    iv.mul_f64(w as f64 / concurrency as f64)
                });
            while Instant::now() < end {
                if let Some(iv) = interval {
                    tokio::time::sleep_until(next.into()).await;
                    next += iv;
                }
                let t = Instant::now();
                let ok = if name == "health" {
                    hc.check(HealthCheckRequest {
                        service: String::new(),
                    })
                    .await
                    .is_ok()
                } else if let Some(h1) = h1.as_mut() {
                    json_call(h1, &addr, body.clone()).await
                } else {
                    raw_call(&mut grpc, path, body.clone()).await
                };
                let us = t.elapsed().as_micros() as u64;
                if ok {
                    hist.lock().await.record(us.max(1)).ok();
                } else {
                    errors.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let h = hist.lock().await;
    let rps = h.len() as f64 / a.seconds as f64;
    let server_cpu_us = cpu_before.zip(a.pid.and_then(cpu_us)).map(|(b, e)| {
        (e - b) / (h.len() + errors.load(std::sync::atomic::Ordering::Relaxed)).max(1) as f64
    });
    println!(
        "{name:>9}: {:>9.0} req/s  p50 {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms  ok {}  errors {}{}",
        rps,
        h.value_at_quantile(0.50) as f64 / 1000.0,
        h.value_at_quantile(0.99) as f64 / 1000.0,
        h.max() as f64 / 1000.0,
        h.len(),
        errors.load(std::sync::atomic::Ordering::Relaxed),
        server_cpu_us.map_or(String::new(), |c| format!("  server CPU {c:.1} µs/call"))
    );
    Measured {
        rps,
        calls: h.len(),
        server_cpu_us,
    }
}

/// The requests of `--only hostile`: (kind, request, compressed?).
fn hostile_requests() -> Vec<(&'static str, pb::ValidateRequest, bool)> {
    let text = |t: String| pb::ValidateRequest {
        input: Some(pb::ReportInput {
            source: Some(pb::report_input::Source::Text(t)),
        }),
        ..Default::default()
    };
    let oversized = " ".repeat(8 * 1024 * 1024 + 1);
    let bomb = {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        w.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated),
        )
        .unwrap();
        std::io::Write::write_all(&mut w, &vec![b' '; 16 * 1024 * 1024]).unwrap();
        w.finish().unwrap().into_inner()
    };
    vec![
        ("oversized", text(oversized.clone()), false),
        ("gzip bomb", text(oversized), true),
        (
            "zip bomb",
            pb::ValidateRequest {
                input: Some(pb::ReportInput {
                    source: Some(pb::report_input::Source::File(pb::FileInput {
                        content: bomb,
                        file_name: "bomb.docx".into(),
                        media_type: String::new(),
                    })),
                }),
                ..Default::default()
            },
            false,
        ),
        (
            "deep html",
            text(format!("<html><body>{}一、总体情况", "<div>".repeat(5000))),
            false,
        ),
    ]
}

/// `--only hostile`: hostile requests from every worker, health checks alongside.
async fn hostile(a: &Args, channels: &[tonic::transport::Channel]) {
    use std::collections::BTreeMap;
    let requests = Arc::new(hostile_requests());
    let codes: Arc<Mutex<BTreeMap<(&'static str, String), u64>>> = Arc::default();
    let end = Instant::now() + Duration::from_secs(a.seconds);
    let mut tasks = Vec::new();
    for w in 0..a.concurrency {
        let (requests, codes, channel) = (
            requests.clone(),
            codes.clone(),
            channels[w % channels.len()].clone(),
        );
        tasks.push(tokio::spawn(async move {
            let plain =
                ReportServiceClient::new(channel.clone()).max_encoding_message_size(usize::MAX);
            let gzip = plain
                .clone()
                .send_compressed(tonic::codec::CompressionEncoding::Gzip);
            let mut k = w;
            while Instant::now() < end {
                let (kind, req, compressed) = &requests[k % requests.len()];
                k += 1;
                let mut c = if *compressed {
                    gzip.clone()
                } else {
                    plain.clone()
                };
                let code = match c.validate(req.clone()).await {
                    Ok(_) => "OK (not refused!)".to_string(),
                    Err(e) => format!("{:?}", e.code()),
                };
                *codes.lock().await.entry((*kind, code)).or_default() += 1;
            }
        }));
    }
    // Health on a connection of its own while the flood runs (as a kubelet probe would).
    let probe = tonic::transport::Channel::from_shared(format!("http://{}", a.addr))
        .unwrap()
        .connect()
        .await
        .expect("connect");
    let mut hc = HealthClient::new(probe);
    let mut hist = Histogram::<u64>::new_with_bounds(1, 60_000_000, 3).unwrap();
    let mut health_errors = 0u64;
    while Instant::now() < end {
        let t = Instant::now();
        let r = hc
            .check(HealthCheckRequest {
                service: String::new(),
            })
            .await;
        match r {
            Ok(r) if r.get_ref().status == 1 => {
                hist.record(t.elapsed().as_micros().max(1) as u64).ok();
            }
            _ => health_errors += 1,
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    for t in tasks {
        t.await.unwrap();
    }
    for ((kind, code), n) in codes.lock().await.iter() {
        println!(
            "{kind:>10}: {code:<22} {:>7} ({:.0}/s)",
            n,
            *n as f64 / a.seconds as f64
        );
    }
    println!(
        "  health: {} SERVING answers meanwhile, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms, failures {}",
        hist.len(),
        hist.value_at_quantile(0.50) as f64 / 1000.0,
        hist.value_at_quantile(0.99) as f64 / 1000.0,
        hist.max() as f64 / 1000.0,
        health_errors
    );
}

/// The requests of `--only soak`, in turn: (kind, encoded ValidateRequest, answered OK?). The
/// text report (the seed sample), an HTML page and a Word file of real reports, and malformed
/// input (binary bytes; no input at all) that must be refused with INVALID_ARGUMENT.
fn soak_requests() -> Vec<(&'static str, Bytes, bool)> {
    let dir = "tests/fixtures/samples/";
    let file = |name: &str, media: &str| pb::ValidateRequest {
        input: Some(pb::ReportInput {
            source: Some(pb::report_input::Source::File(pb::FileInput {
                content: std::fs::read(format!("{dir}{name}")).expect("sample"),
                file_name: name.into(),
                media_type: media.into(),
            })),
        }),
        ..Default::default()
    };
    let text = pb::ValidateRequest {
        input: Some(pb::ReportInput {
            source: Some(pb::report_input::Source::Text(
                std::fs::read_to_string(format!("{dir}xinqing-zhen-2020.txt")).expect("sample"),
            )),
        }),
        ..Default::default()
    };
    let binary = pb::ValidateRequest {
        input: Some(pb::ReportInput {
            source: Some(pb::report_input::Source::File(pb::FileInput {
                content: (0..4096u32)
                    .map(|i: u32| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
                    .collect(),
                file_name: "junk.bin".into(),
                media_type: String::new(),
            })),
        }),
        ..Default::default()
    };
    let enc = |m: &pb::ValidateRequest| Bytes::from(prost::Message::encode_to_vec(m));
    vec![
        ("text", enc(&text), true),
        (
            "html",
            enc(&file("006-shanghai-bangongting-2019.html", "text/html")),
            true,
        ),
        ("text", enc(&text), true),
        (
            "docx",
            enc(&file("006-shanghai-bangongting-2019-word.docx", "")),
            true,
        ),
        ("text", enc(&text), true),
        ("malformed", enc(&binary), false),
        ("text", enc(&text), true),
        ("malformed", enc(&pb::ValidateRequest::default()), false),
    ]
}

/// The server's resident set now, KiB (VmRSS).
fn rss_kib(pid: u32) -> Option<u64> {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()?
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// `--only soak`: an open loop of mixed inputs for `--seconds` at `--rate`, the server's RSS
/// every 10 s (`--pid`), latency per kind, and every answer that is not what its kind expects.
async fn soak(a: &Args, channels: &[tonic::transport::Channel]) {
    use std::collections::BTreeMap;
    let requests = Arc::new(soak_requests());
    let hists: Arc<Mutex<BTreeMap<&'static str, Histogram<u64>>>> = Arc::default();
    let unexpected: Arc<Mutex<BTreeMap<(&'static str, String), u64>>> = Arc::default();
    let end = Instant::now() + Duration::from_secs(a.seconds);
    let rate = if a.rate > 0 { a.rate } else { 1000 };
    let interval = Duration::from_secs_f64(a.concurrency as f64 / rate as f64);
    let mut tasks = Vec::new();
    for w in 0..a.concurrency {
        let (requests, hists, unexpected, channel) = (
            requests.clone(),
            hists.clone(),
            unexpected.clone(),
            channels[w % channels.len()].clone(),
        );
        let concurrency = a.concurrency;
        tasks.push(tokio::spawn(async move {
            let mut grpc = tonic::client::Grpc::new(channel);
            let mut next = Instant::now() + interval.mul_f64(w as f64 / concurrency as f64);
            let mut k = w;
            while Instant::now() < end {
                tokio::time::sleep_until(next.into()).await;
                next += interval;
                let (kind, body, want_ok) = &requests[k % requests.len()];
                k += 1;
                let t = Instant::now();
                let code = if grpc.ready().await.is_err() {
                    tonic::Code::Unavailable
                } else {
                    match grpc
                        .unary(
                            tonic::Request::new(body.clone()),
                            tonic::codegen::http::uri::PathAndQuery::from_static(
                                "/nianbao.v1.ReportService/Validate",
                            ),
                            Raw,
                        )
                        .await
                    {
                        Ok(_) => tonic::Code::Ok,
                        Err(e) => e.code(),
                    }
                };
                let us = t.elapsed().as_micros().max(1) as u64;
                let expected = if *want_ok {
                    code == tonic::Code::Ok
                } else {
                    code == tonic::Code::InvalidArgument
                };
                if expected {
                    hists
                        .lock()
                        .await
                        .entry(*kind)
                        .or_insert_with(|| {
                            Histogram::<u64>::new_with_bounds(1, 60_000_000, 3).unwrap()
                        })
                        .record(us)
                        .ok();
                } else {
                    *unexpected
                        .lock()
                        .await
                        .entry((*kind, format!("{code:?}")))
                        .or_default() += 1;
                }
            }
        }));
    }
    let start = Instant::now();
    while Instant::now() < end {
        tokio::time::sleep(Duration::from_secs(10).min(end - Instant::now())).await;
        if let Some(pid) = a.pid {
            println!(
                "  t={:>4.0} s  RSS {} KiB",
                start.elapsed().as_secs_f64(),
                rss_kib(pid).map_or("?".into(), |k| k.to_string())
            );
        }
    }
    for t in tasks {
        t.await.unwrap();
    }
    for (kind, h) in hists.lock().await.iter() {
        println!(
            "{kind:>10}: {:>8} answered as expected ({:.0}/s)  p50 {:.2} ms  p99 {:.2} ms  max {:.2} ms",
            h.len(),
            h.len() as f64 / a.seconds as f64,
            h.value_at_quantile(0.50) as f64 / 1000.0,
            h.value_at_quantile(0.99) as f64 / 1000.0,
            h.max() as f64 / 1000.0
        );
    }
    let total: u64 = hists.lock().await.values().map(Histogram::len).sum();
    println!(
        "    total: {total} answered as expected, {:.0}/s",
        total as f64 / a.seconds as f64
    );
    let u = unexpected.lock().await;
    println!(
        "unexpected answers: {}",
        if u.is_empty() {
            "none".to_string()
        } else {
            format!("{u:?}")
        }
    );
}

fn main() {
    let a = args();
    let mut rt = tokio::runtime::Builder::new_multi_thread();
    if a.client_threads > 0 {
        rt.worker_threads(a.client_threads);
    }
    rt.enable_all()
        .build()
        .expect("runtime")
        .block_on(generate(a));
}

async fn generate(a: Args) {
    let text = std::fs::read_to_string(&a.file).expect("sample");
    let input = || {
        Some(pb::ReportInput {
            source: Some(pb::report_input::Source::Text(text.clone())),
        })
    };
    let validate = pb::ValidateRequest {
        view: a.view as i32,
        input: input(),
        previous: None,
        options: None,
    };
    let summarize = pb::SummarizeRequest {
        inputs: (0..a.batch).filter_map(|_| input()).collect(),
        ..Default::default()
    };
    let validate_body = Bytes::from(prost::Message::encode_to_vec(&validate));
    let summarize_body = Bytes::from(prost::Message::encode_to_vec(&summarize));
    let mut channels = Vec::new();
    for _ in 0..a.connections.max(1) {
        channels.push(
            tonic::transport::Channel::from_shared(format!("http://{}", a.addr))
                .unwrap()
                .connect()
                .await
                .expect("connect"),
        );
    }
    // One real answer, decoded, before the load: the server evaluates this report.
    let answer = ReportServiceClient::new(channels[0].clone())
        .validate(validate.clone())
        .await
        .expect("Validate answers")
        .into_inner();
    assert!(
        answer.counts.is_some() && answer.report.is_some(),
        "a real answer"
    );
    println!(
        "{} workers on {} connection(s), {} client thread(s), {} s each, view {:?}, {}",
        a.concurrency,
        channels.len(),
        if a.client_threads > 0 {
            a.client_threads.to_string()
        } else {
            "default".into()
        },
        a.seconds,
        a.view,
        if a.rate > 0 {
            format!("open loop at {} req/s", a.rate)
        } else {
            "closed loop".into()
        }
    );
    if a.only.as_deref() == Some("hostile") {
        hostile(&a, &channels).await;
    }
    if a.only.as_deref() == Some("soak") {
        soak(&a, &channels).await;
    }
    let only = |name: &str| a.only.as_deref().is_none_or(|o| o == name);
    let t_core = (a.rate == 0 && (only("validate") || only("summarize"))).then(|| {
        let us = core_us(&text);
        println!("     core: {us:>9.1} µs per report (parse + validate, one thread)");
        us
    });
    let mut health = None;
    if only("health") {
        health = Some(run("health", &a, &channels, Bytes::new()).await);
    }
    if only("validate") {
        let v = run("validate", &a, &channels, validate_body.clone()).await;
        if let (Some(h), Some(tc)) = (&health, t_core) {
            let t_health = 1e6 / h.rps;
            let limit = 1e6 / (t_health + tc);
            println!(
                "    limit: 1 / (t_health {t_health:.1} µs + t_core {tc:.1} µs) = {limit:.0} req/s; Validate ({:?} view) = {:.2} of it",
                a.view,
                v.rps / limit
            );
        }
    }
    if a.only.as_deref() == Some("json") {
        let json_body = Bytes::from(serde_json::to_vec(&validate).expect("JSON"));
        let g = run("validate", &a, &channels, validate_body.clone()).await;
        let j = run("json", &a, &channels, json_body).await;
        println!(
            "     json: {:.2}× the time of a gRPC Validate (throughput {:.0} vs {:.0} req/s){}",
            g.rps / j.rps.max(f64::MIN_POSITIVE),
            j.rps,
            g.rps,
            g.server_cpu_us
                .zip(j.server_cpu_us)
                .map_or(String::new(), |(gc, jc)| format!(
                    "; server CPU {jc:.1} vs {gc:.1} µs/call = {:.2}×",
                    jc / gc
                ))
        );
    }
    if a.only.as_deref() == Some("summarize") {
        let m = run("summarize", &a, &channels, summarize_body).await;
        if let (Some(c), Some(tc)) = (m.server_cpu_us, t_core) {
            let per = c / a.batch as f64;
            println!(
                "summarize: {} reports per call, {} calls; server CPU {per:.1} µs per report = {:.2}× t_core",
                a.batch,
                m.calls,
                per / tc
            );
        }
    }
    if let Some(pid) = a.pid {
        println!(
            "server peak RSS: {} KiB",
            peak_rss_kib(pid)
                .map(|k| k.to_string())
                .unwrap_or_else(|| "?".into())
        );
    }
}
