//! Load generator: throughput and latency of `Validate` on a real sample against the health
//! `Check` RPC of the same server, in the same run.
//!
//! `cargo run --release --example loadgen -- --addr 127.0.0.1:50051 --seconds 10 --concurrency 32
//! [--rate N] [--file tests/fixtures/samples/xinqing-zhen-2020.txt] [--pid SERVER_PID]
//! [--connections N] [--view full|summary] [--only health|validate] [--client-threads N]`
//! `--rate` (requests per second, 0 = closed loop as fast as possible) measures latency at a fixed
//! load; `--pid` reports the server's peak RSS (VmHWM) from /proc; `--connections` spreads the
//! workers over that many HTTP/2 connections (default 1); `--view summary` asks `Validate` for
//! findings without the parsed cells; `--client-threads` sets the load generator's own runtime
//! threads (default: one per core; 1 leaves the server more of a shared machine).

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
