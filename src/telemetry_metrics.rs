//! Prometheus metrics on their own port: requests by RPC and status, latency histograms with
//! explicit buckets, findings by code, input sizes by kind, in-flight requests.

use std::net::SocketAddr;

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder};

/// Latency buckets (seconds).
const LATENCY: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];
/// Input size buckets (bytes).
const BYTES: &[f64] = &[
    1024.0, 4096.0, 16384.0, 65536.0, 262144.0, 1048576.0, 4194304.0, 16777216.0,
];

/// Starts the exporter's HTTP listener (`/metrics`); must run inside the tokio runtime.
pub fn install(addr: SocketAddr) -> anyhow::Result<()> {
    PrometheusBuilder::new()
        .with_http_listener(addr)
        .set_buckets_for_metric(
            Matcher::Full("grpc_server_handling_seconds".into()),
            LATENCY,
        )?
        .set_buckets_for_metric(Matcher::Full("nianbao_input_bytes".into()), BYTES)?
        .install()?;
    Ok(())
}
