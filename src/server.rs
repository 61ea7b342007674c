//! The gRPC server: ReportService, grpc.health.v1, reflection v1 and v1alpha, graceful drain; on
//! the same port, JSON over HTTP (Connect unary) and gRPC-Web ([`crate::connect`]), HTTP/1.1 and
//! HTTP/2, and CORS for listed origins.

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tonic::transport::Server;
use tonic::transport::server::TcpIncoming;
use tonic_health::ServingStatus;

use crate::layers;
use crate::pb::{self, report_service_server::ReportServiceServer};
use crate::service::Service;

/// Server settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// Largest request and response message, in bytes (also the largest report accepted).
    pub max_message_bytes: usize,
    /// How long health says NOT_SERVING before the server stops accepting.
    pub drain_delay: Duration,
    /// How long in-flight calls may take to finish once the server stops accepting.
    pub shutdown_grace: Duration,
    /// Serve gRPC reflection (v1 and v1alpha).
    pub reflection: bool,
    /// Calls evaluated at once, process-wide (more get RESOURCE_EXHAUSTED).
    pub max_concurrent: usize,
    /// The longest a call may take (DEADLINE_EXCEEDED); a shorter grpc-timeout wins.
    pub request_timeout: Duration,
    /// Connections are closed (GOAWAY) after this long, so load balancers rebalance.
    pub max_connection_age: Option<Duration>,
    /// API keys required on the report service (none: open).
    pub api_keys: crate::auth::ApiKeys,
    /// TLS on the API port (the health listener stays plaintext for probes).
    pub tls: Option<Tls>,
    /// Deepest HTML element nesting accepted in a report.
    pub max_html_depth: usize,
    /// DOCX zip limits: entries, total uncompressed bytes, compression ratio of document.xml.
    pub max_docx_entries: usize,
    pub max_docx_uncompressed_bytes: u64,
    pub max_docx_ratio: u64,
    /// PDF limits: pages, objects, inflated stream bytes (together), stream compression ratio,
    /// form XObject nesting depth.
    pub max_pdf_pages: usize,
    pub max_pdf_objects: usize,
    pub max_pdf_inflated_bytes: u64,
    pub max_pdf_ratio: u64,
    pub max_pdf_depth: usize,
    /// Largest header list (a call's metadata) accepted, in bytes; larger calls are refused at
    /// the HTTP/2 level.
    pub max_metadata_bytes: u32,
    /// Origins (`https://host[:port]`) whose pages may call the API from a browser (CORS); none:
    /// CORS is off and browsers reach the API only from the server's own origin.
    pub cors_allowed_origins: Vec<String>,
    /// The clerks' web page at `/` (embedded, from a directory, or off).
    pub web: crate::web::Page,
}

/// TLS material, PEM.
#[derive(Debug, Clone)]
pub struct Tls {
    pub cert: Vec<u8>,
    pub key: Vec<u8>,
    /// When set, clients must present a certificate issued by this CA (mutual TLS).
    pub client_ca: Option<Vec<u8>>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_message_bytes: 8 * 1024 * 1024,
            drain_delay: Duration::from_millis(0),
            shutdown_grace: Duration::from_secs(10),
            reflection: true,
            max_concurrent: 64,
            request_timeout: Duration::from_secs(30),
            max_connection_age: None,
            api_keys: crate::auth::ApiKeys::default(),
            tls: None,
            max_html_depth: 1024,
            max_docx_entries: DOCX.max_docx_entries,
            max_docx_uncompressed_bytes: DOCX.max_docx_uncompressed_bytes,
            max_docx_ratio: DOCX.max_docx_ratio,
            max_pdf_pages: DOCX.max_pdf_pages,
            max_pdf_objects: DOCX.max_pdf_objects,
            max_pdf_inflated_bytes: DOCX.max_pdf_inflated_bytes,
            max_pdf_ratio: DOCX.max_pdf_ratio,
            max_pdf_depth: DOCX.max_pdf_depth,
            max_metadata_bytes: H2_MAX_HEADER_LIST,
            cors_allowed_origins: Vec::new(),
            web: crate::web::Page::Embedded,
        }
    }
}

/// The core's default limits (the DOCX and PDF ones are the server's defaults too).
const DOCX: nianbao_core::input::Limits = nianbao_core::input::Limits::DEFAULT;

/// Concurrent HTTP/2 streams per connection.
pub const H2_MAX_STREAMS: u32 = 256;
/// HTTP/2 ping interval and how long an unanswered ping may wait before the connection is closed.
pub const H2_PING_INTERVAL: Duration = Duration::from_secs(30);
pub const H2_PING_TIMEOUT: Duration = Duration::from_secs(10);
/// Streams reset by the client before the server accepted them (rapid-reset protection).
pub const H2_MAX_PENDING_RESETS: usize = 32;
/// Largest header list accepted (metadata of a call), in bytes, by default
/// ([`Config::max_metadata_bytes`]).
pub const H2_MAX_HEADER_LIST: u32 = 16 * 1024;
/// TCP keepalive on accepted connections.
pub const TCP_KEEPALIVE: Duration = Duration::from_secs(60);

/// The readiness service name (health service "" is liveness).
pub const READINESS: &str = "readiness";

/// Serves on `listener` until `shutdown` completes, then drains: health NOT_SERVING, wait
/// `drain_delay`, stop accepting, wait at most `shutdown_grace` for in-flight calls.
pub async fn serve(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()>,
) -> anyhow::Result<()> {
    serve_with_health(listener, None, config, shutdown).await
}

/// Like [`serve`], with a second plaintext listener serving only grpc.health.v1 (for probes when
/// the API port requires credentials).
pub async fn serve_with_health(
    listener: TcpListener,
    health_listener: Option<TcpListener>,
    config: Config,
    shutdown: impl Future<Output = ()>,
) -> anyhow::Result<()> {
    let addr: SocketAddr = listener.local_addr()?;
    let (reporter, health) = tonic_health::server::health_reporter();
    let limits = limits_of(&config);
    let service = report_stack(&config, limits);
    reporter.set_serving::<ReportServiceServer<Service>>().await;
    reporter
        .set_service_status(READINESS, ServingStatus::Serving)
        .await;

    let (v1, v1alpha) = if config.reflection {
        let v1 = reflection()?.build_v1()?;
        let v1alpha = reflection()?.build_v1alpha()?;
        (Some(v1), Some(v1alpha))
    } else {
        (None, None)
    };
    let stop = CancellationToken::new();
    let health_only = health.clone();
    let mut builder = Server::builder();
    if let Some(t) = &config.tls {
        let mut tls = tonic::transport::ServerTlsConfig::new()
            .identity(tonic::transport::Identity::from_pem(&t.cert, &t.key))
            .timeout(Duration::from_secs(10));
        if let Some(ca) = &t.client_ca {
            tls = tls.client_ca_root(tonic::transport::Certificate::from_pem(ca));
        }
        builder = builder.tls_config(tls)?;
    }
    let max_message_bytes = config.max_message_bytes;
    let cors = cors_layer(&config.cors_allowed_origins)?;
    let router = builder
        // HTTP/1.1 too, for JSON over HTTP and gRPC-Web from curl, scripts and browsers.
        .accept_http1(true)
        // HTTP/2 hygiene: bounded streams per connection, dead peers detected by pings, rapid-reset
        // floods (CVE-2023-44487) and oversized headers refused at the protocol level.
        .max_concurrent_streams(H2_MAX_STREAMS)
        .http2_keepalive_interval(Some(H2_PING_INTERVAL))
        .http2_keepalive_timeout(Some(H2_PING_TIMEOUT))
        .http2_max_pending_accept_reset_streams(Some(H2_MAX_PENDING_RESETS))
        .http2_max_header_list_size(config.max_metadata_bytes)
        .trace_fn(crate::telemetry::request_span)
        // CORS when origins are listed; routing by content type (gRPC, gRPC-Web, Connect JSON);
        // then every call: its request id, its metrics, google.rpc details on tonic's refusals.
        .layer(
            tower::ServiceBuilder::new()
                .option_layer(cors)
                .layer(crate::connect::FrontLayer {
                    web: config.web.clone(),
                })
                .layer(call_layers(max_message_bytes).into_inner())
                .into_inner(),
        )
        .max_connection_age(
            config
                .max_connection_age
                .unwrap_or(Duration::from_secs(u32::MAX as u64)),
        )
        .add_service(health)
        .add_service(service)
        .add_optional_service(v1)
        .add_optional_service(v1alpha);
    // (serve_with_incoming ignores the builder's TCP settings: set them here.)
    let incoming = TcpIncoming::from(listener)
        .with_nodelay(Some(true))
        .with_keepalive(Some(TCP_KEEPALIVE));
    let stopped = stop.clone();
    let mut server = tokio::spawn(async move {
        router
            .serve_with_incoming_shutdown(incoming, stopped.cancelled_owned())
            .await
    });
    let mut health_server = None;
    if let Some(hl) = health_listener {
        let haddr = hl.local_addr()?;
        let stopped = stop.clone();
        let incoming = TcpIncoming::from(hl).with_nodelay(Some(true));
        let r = Server::builder().add_service(health_only);
        health_server = Some(tokio::spawn(async move {
            r.serve_with_incoming_shutdown(incoming, stopped.cancelled_owned())
                .await
        }));
        tracing::info!(%haddr, "serving health");
    }
    tracing::info!(%addr, reflection = config.reflection, max_concurrent = config.max_concurrent, "serving");

    tokio::select! {
        r = &mut server => {
            r??;
            return Ok(());
        }
        _ = shutdown => {}
    }
    tracing::info!(
        drain_delay_ms = config.drain_delay.as_millis() as u64,
        "shutdown requested: health NOT_SERVING, draining"
    );
    reporter
        .set_not_serving::<ReportServiceServer<Service>>()
        .await;
    reporter
        .set_service_status(READINESS, ServingStatus::NotServing)
        .await;
    reporter
        .set_service_status("", ServingStatus::NotServing)
        .await;
    tokio::time::sleep(config.drain_delay).await;
    stop.cancel();
    if let Some(h) = health_server {
        h.abort();
    }
    match tokio::time::timeout(config.shutdown_grace, &mut server).await {
        Ok(r) => {
            r??;
            tracing::info!("drained; bye");
        }
        Err(_) => {
            server.abort();
            tracing::warn!(
                grace_ms = config.shutdown_grace.as_millis() as u64,
                "in-flight calls did not finish within the grace period; connections cut"
            );
        }
    }
    Ok(())
}

/// The core's input limits from the server settings.
pub fn limits_of(config: &Config) -> nianbao_core::input::Limits {
    nianbao_core::input::Limits {
        max_bytes: config.max_message_bytes,
        max_html_depth: config.max_html_depth,
        max_docx_entries: config.max_docx_entries,
        max_docx_uncompressed_bytes: config.max_docx_uncompressed_bytes,
        max_docx_ratio: config.max_docx_ratio,
        max_pdf_pages: config.max_pdf_pages,
        max_pdf_objects: config.max_pdf_objects,
        max_pdf_inflated_bytes: config.max_pdf_inflated_bytes,
        max_pdf_ratio: config.max_pdf_ratio,
        max_pdf_depth: config.max_pdf_depth,
    }
}

/// The report service with the layers around it (auth, the submission event, the deadline, the
/// concurrency gate), as the server runs it; the server adds, for every call, the request id,
/// metrics and error details ([`call_layers`]).
pub fn report_stack(
    config: &Config,
    limits: nianbao_core::input::Limits,
) -> impl tower::Service<
    tonic::codegen::http::Request<tonic::body::Body>,
    Response = tonic::codegen::http::Response<tonic::body::Body>,
    Error = std::convert::Infallible,
    Future = impl Send + 'static,
> + tonic::server::NamedService
+ Clone
+ Send
+ Sync
+ 'static {
    let grpc = ReportServiceServer::new(Service::new(limits))
        .max_decoding_message_size(config.max_message_bytes)
        .max_encoding_message_size(
            config
                .max_message_bytes
                .saturating_mul(4)
                .max(16 * 1024 * 1024),
        )
        .accept_compressed(tonic::codec::CompressionEncoding::Gzip)
        .accept_compressed(tonic::codec::CompressionEncoding::Zstd)
        .send_compressed(tonic::codec::CompressionEncoding::Gzip)
        .send_compressed(tonic::codec::CompressionEncoding::Zstd);
    // gRPC calls to tonic's server, Connect (JSON over HTTP) calls to the same service.
    let service = crate::connect::Dispatch {
        grpc,
        service: Service::new(limits),
        max_message_bytes: config.max_message_bytes,
    };
    tower::ServiceBuilder::new()
        .layer(layers::auth::layer(config.api_keys.clone()))
        .layer(layers::submission::layer())
        .layer(layers::deadline::DeadlineLayer {
            max: config.request_timeout,
        })
        .layer(layers::gate::layer(layers::gate::Gate::new(
            config.max_concurrent,
        )))
        .service(service)
}

/// The layers of every call, as one stack (outermost first).
pub type CallLayers = tower::layer::util::Stack<
    layers::AroundLayer<layers::details::Details>,
    tower::layer::util::Stack<
        layers::AroundLayer<layers::metrics::Metrics>,
        tower::layer::util::Stack<
            layers::AroundLayer<layers::request_id::RequestIds>,
            tower::layer::util::Identity,
        >,
    >,
>;

/// The layers of every call (outermost first): request id, metrics, details on tonic's refusals.
pub fn call_layers(max_message_bytes: usize) -> tower::ServiceBuilder<CallLayers> {
    tower::ServiceBuilder::new()
        .layer(layers::request_id::layer())
        .layer(layers::metrics::layer())
        .layer(layers::details::layer(max_message_bytes))
}

/// Headers a Connect or gRPC-Web client in a browser sends (allowed in CORS preflights).
pub const CORS_ALLOWED_HEADERS: &[&str] = &[
    "content-type",
    "connect-protocol-version",
    "connect-timeout-ms",
    "x-grpc-web",
    "x-user-agent",
    "grpc-timeout",
    "authorization",
    "x-api-key",
    "x-request-id",
];
/// Answer headers a browser page may read.
pub const CORS_EXPOSED_HEADERS: &[&str] = &[
    "grpc-status",
    "grpc-message",
    "grpc-status-details-bin",
    "x-request-id",
];

/// The CORS layer for `origins` (exactly those; none: no layer, CORS off).
pub fn cors_layer(origins: &[String]) -> anyhow::Result<Option<tower_http::cors::CorsLayer>> {
    use tonic::codegen::http::{HeaderName, HeaderValue, Method};
    if origins.is_empty() {
        return Ok(None);
    }
    let mut allowed = Vec::new();
    for o in origins {
        let o = o.trim().trim_end_matches('/');
        anyhow::ensure!(
            o != "*" && (o.starts_with("http://") || o.starts_with("https://")),
            "CORS origin {o:?}: list each origin as scheme://host[:port] (no wildcard)"
        );
        allowed
            .push(HeaderValue::from_str(o).map_err(|e| anyhow::anyhow!("CORS origin {o:?}: {e}"))?);
    }
    let names = |l: &[&'static str]| {
        l.iter()
            .map(|h| HeaderName::from_static(h))
            .collect::<Vec<_>>()
    };
    Ok(Some(
        tower_http::cors::CorsLayer::new()
            .allow_origin(allowed)
            .allow_methods([Method::POST])
            .allow_headers(names(CORS_ALLOWED_HEADERS))
            .expose_headers(names(CORS_EXPOSED_HEADERS))
            .max_age(Duration::from_secs(2 * 3600)),
    ))
}

fn reflection() -> anyhow::Result<tonic_reflection::server::Builder<'static>> {
    Ok(tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(pb::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_types::pb::FILE_DESCRIPTOR_SET))
}

/// Completes on SIGTERM or SIGINT (ctrl-c).
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot install the SIGTERM handler");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => tracing::info!("SIGINT received"),
        _ = term => tracing::info!("SIGTERM received"),
    }
}
