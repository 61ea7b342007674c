//! Load generator: throughput and latency of `Validate` on a real sample against the health
//! `Check` RPC of the same server, in the same run.
//!
//! `cargo run --release --example loadgen -- --addr 127.0.0.1:50051 --seconds 10 --concurrency 32
//! [--rate N] [--file tests/fixtures/samples/xinqing-zhen-2020.txt] [--pid SERVER_PID]
//! [--connections N] [--view full|summary] [--only health|validate|hostile] [--client-threads N]`
//! `--rate` (requests per second, 0 = closed loop as fast as possible) measures latency at a fixed
//! load; `--pid` reports the server's peak RSS (VmHWM) from /proc; `--connections` spreads the
//! workers over that many HTTP/2 connections (default 1); `--view summary` asks `Validate` for
//! findings without the parsed cells; `--client-threads` sets the load generator's own runtime
//! threads (default: one per core; 1 leaves the server more of a shared machine).
//!
//! `--only hostile` (not part of the default run) floods the server with requests it must refuse,
//! in turn: a text one byte over the default 8 MiB message limit, the same text gzip-compressed
//! (a few KiB that inflate past the limit), a DOCX zip bomb (16 MiB of spaces in a few KiB), and
//! HTML nested 5,000 deep; it counts the status codes of each kind, measures the health `Check`
//! on a connection of its own meanwhile (as a probe would), and with `--pid` prints the server's
//! peak RSS: the server
//! must refuse every one of them, keep answering health, and stay bounded in memory.

use std::sync::Arc;
use std::time::{Duration, Instant};

use hdrhistogram::Histogram;
use nianbao::pb::{self, report_service_client::ReportServiceClient};
use tokio::sync::Mutex;
use tonic_health::pb::{HealthCheckRequest, health_client::HealthClient};

struct Args {
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

async fn run(name: &str, a: &Args, channels: &[tonic::transport::Channel], text: Arc<String>) {
    let hist = Arc::new(Mutex::new(
        Histogram::<u64>::new_with_bounds(1, 60_000_000, 3).unwrap(),
    ));
    let errors = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let end = Instant::now() + Duration::from_secs(a.seconds);
    // Open loop: each worker sends at rate/concurrency per second.
    let interval =
        (a.rate > 0).then(|| Duration::from_secs_f64(a.concurrency as f64 / a.rate as f64));
    let mut tasks = Vec::new();
    let view = a.view as i32;
    let concurrency = a.concurrency;
    for w in 0..a.concurrency {
        let (hist, errors, channel, text, name) = (
            hist.clone(),
            errors.clone(),
            channels[w % channels.len()].clone(),
            text.clone(),
            name.to_string(),
        );
        tasks.push(tokio::spawn(async move {
            let mut rc = ReportServiceClient::new(channel.clone());
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
                let ok = if name == "validate" {
                    let req = pb::ValidateRequest {
                        view,
                        input: Some(pb::ReportInput {
                            source: Some(pb::report_input::Source::Text((*text).clone())),
                        }),
                        previous: None,
                        options: None,
                    };
                    rc.validate(req).await.is_ok()
                } else {
                    hc.check(HealthCheckRequest {
                        service: String::new(),
                    })
                    .await
                    .is_ok()
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
    println!(
        "{name:>8}: {:>9.0} req/s  p50 {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms  ok {}  errors {}",
        rps,
        h.value_at_quantile(0.50) as f64 / 1000.0,
        h.value_at_quantile(0.99) as f64 / 1000.0,
        h.max() as f64 / 1000.0,
        h.len(),
        errors.load(std::sync::atomic::Ordering::Relaxed)
    );
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
    let text = Arc::new(std::fs::read_to_string(&a.file).expect("sample"));
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
    for name in ["health", "validate"] {
        if a.only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        run(name, &a, &channels, text.clone()).await;
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
