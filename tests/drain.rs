//! A drain loses no accepted request: clients keep sending `Validate` across a shutdown, and every
//! call the server answered OK (counted on the server side, from its own
//! `grpc_server_handled_total` metric) reached its client as OK. Whatever error a client gets for a
//! request the server never answered (GOAWAY, connection closed, a request cancelled before it was
//! sent) is "not accepted"; no error class is trusted blindly. Its own test binary: the metrics
//! recorder is process-wide, so no other test may count into it.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use common::{TestServer, seed_text};
use nianbao::pb::{self, report_service_client::ReportServiceClient};

/// The server's count of Validate calls it answered, by status code, from the Prometheus text
/// (the metrics layer counts every call the server accepted, as it answers it).
fn server_answered(
    metrics: &metrics_exporter_prometheus::PrometheusHandle,
) -> std::collections::BTreeMap<String, usize> {
    metrics
        .render()
        .lines()
        .filter(|l| {
            l.starts_with("grpc_server_handled_total{") && l.contains("grpc_method=\"Validate\"")
        })
        .filter_map(|l| {
            let code = l
                .split("grpc_code=\"")
                .nth(1)?
                .split('"')
                .next()?
                .to_string();
            Some((code, l.rsplit(' ').next()?.parse().ok()?))
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn drain_loses_no_accepted_request() {
    let metrics = metrics_exporter_prometheus::PrometheusBuilder::new()
        .install_recorder()
        .expect("the only recorder in this test binary");
    let config = nianbao::server::Config {
        drain_delay: Duration::from_millis(400),
        shutdown_grace: Duration::from_secs(10),
        ..Default::default()
    };
    let mut s = TestServer::start(config).await;
    let ok = Arc::new(AtomicUsize::new(0));
    let not_answered = Arc::new(std::sync::Mutex::new(Vec::new()));
    let url = s.url();
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let (ok, not_answered, url) = (ok.clone(), not_answered.clone(), url.clone());
        tasks.push(tokio::spawn(async move {
            let ch = tonic::transport::Channel::from_shared(url)
                .unwrap()
                .connect()
                .await
                .expect("connects before the shutdown");
            let mut c = ReportServiceClient::new(ch);
            // Until the server stops accepting (bounded, in case it never does).
            for _ in 0..1_000_000 {
                let req = pb::ValidateRequest {
                    view: pb::ResponseView::Summary as i32,
                    input: Some(pb::ReportInput {
                        source: Some(pb::report_input::Source::Text(seed_text())),
                    }),
                    previous: None,
                    options: None,
                };
                match c.validate(req).await {
                    Ok(_) => {
                        ok.fetch_add(1, Ordering::SeqCst);
                    }
                    Err(e) => {
                        not_answered.lock().unwrap().push(format!(
                            "{:?}: {}",
                            e.code(),
                            e.message()
                        ));
                        break;
                    }
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let before = ok.load(Ordering::SeqCst);
    s.shutdown();
    for t in tasks {
        t.await.unwrap();
    }
    let r = tokio::time::timeout(Duration::from_secs(15), s.handle)
        .await
        .expect("exits")
        .unwrap();
    assert!(r.is_ok());
    let client_ok = ok.load(Ordering::SeqCst);
    let answered = server_answered(&metrics);
    let server_ok = answered.get("Ok").copied().unwrap_or(0);
    assert_eq!(
        server_ok,
        client_ok,
        "the server answered {server_ok} calls OK but clients received {client_ok}; client errors: {:?}",
        not_answered.lock().unwrap()
    );
    // Every call the server accepted was answered OK: none refused or cut during the drain.
    assert_eq!(
        answered.values().sum::<usize>(),
        server_ok,
        "calls the server answered, by code: {answered:?}"
    );
    assert!(
        client_ok > before,
        "requests kept being answered during the drain delay"
    );
    // Every client stopped because the server stopped accepting, not by running out of requests.
    assert_eq!(not_answered.lock().unwrap().len(), 4);
}
