//! OTLP trace export: the real binary, configured only by the standard OTEL_* variables, sends a
//! server span per call to an OTLP/gRPC collector (a fake one here, on port 0), parented by the
//! caller's W3C `traceparent`; the trace id also lands in the submission event.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use nianbao::pb;
use nianbao::pb::report_service_client::ReportServiceClient;
use opentelemetry_proto::tonic::collector::trace::v1::trace_service_server::{
    TraceService, TraceServiceServer,
};
use opentelemetry_proto::tonic::collector::trace::v1::{
    ExportTraceServiceRequest, ExportTraceServiceResponse,
};
use opentelemetry_proto::tonic::trace::v1::Span;

/// A received span with its resource's attributes (key, debug-printed value).
type Received = (Vec<(String, String)>, Span);

#[derive(Clone, Default)]
struct Collector {
    spans: Arc<Mutex<Vec<Received>>>,
}

#[tonic::async_trait]
impl TraceService for Collector {
    async fn export(
        &self,
        request: tonic::Request<ExportTraceServiceRequest>,
    ) -> Result<tonic::Response<ExportTraceServiceResponse>, tonic::Status> {
        let mut spans = self.spans.lock().unwrap();
        for rs in request.into_inner().resource_spans {
            let resource: Vec<(String, String)> = rs
                .resource
                .map(|r| {
                    r.attributes
                        .into_iter()
                        .map(|kv| (kv.key, format!("{:?}", kv.value)))
                        .collect()
                })
                .unwrap_or_default();
            for ss in rs.scope_spans {
                for s in ss.spans {
                    spans.push((resource.clone(), s));
                }
            }
        }
        Ok(tonic::Response::new(ExportTraceServiceResponse {
            partial_success: None,
        }))
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spans_go_to_the_otlp_endpoint_with_the_callers_parent() {
    let collector = Collector::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let collector_addr = listener.local_addr().unwrap();
    let svc = collector.clone();
    tokio::spawn(async move {
        tonic::transport::Server::builder()
            .add_service(TraceServiceServer::new(svc))
            .serve_with_incoming(tokio_stream::wrappers::TcpListenerStream::new(listener))
            .await
    });

    let endpoint = format!("http://{collector_addr}");
    let binary = common::Binary::start_with_env(
        &[],
        &[
            ("OTEL_EXPORTER_OTLP_ENDPOINT", &endpoint),
            // No periodic export during the test: every span must come from the flush at exit.
            ("OTEL_BSP_SCHEDULE_DELAY", "600000"),
        ],
        &[
            "OTEL_SERVICE_NAME",
            "OTEL_SDK_DISABLED",
            "OTEL_TRACES_EXPORTER",
        ],
    );
    let addr = binary.addr.clone();

    let trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
    let parent_id = "00f067aa0ba902b7";
    let mut c = ReportServiceClient::connect(format!("http://{addr}"))
        .await
        .unwrap();
    let validate = || {
        tonic::Request::new(pb::ValidateRequest {
            view: pb::ResponseView::Summary as i32,
            input: Some(pb::ReportInput {
                source: Some(pb::report_input::Source::Text(common::seed_text())),
            }),
            previous: None,
            options: None,
        })
    };
    let mut req = validate();
    req.metadata_mut().insert(
        "traceparent",
        format!("00-{trace_id}-{parent_id}-01").parse().unwrap(),
    );
    c.validate(req).await.expect("validate");
    // A call without a trace context starts a trace of its own.
    c.validate(validate()).await.expect("validate");

    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        collector.spans.lock().unwrap().is_empty(),
        "nothing exported before shutdown (the schedule delay is 10 minutes)"
    );
    // SIGTERM: the exporter flushes what is left before the process exits. (Multi-threaded
    // runtime: the client's connection must keep running while this thread waits.)
    let (exited_ok, stderr) = binary.stop();
    assert!(exited_ok, "{stderr}");

    let spans = collector.spans.lock().unwrap().clone();
    let validates: Vec<_> = spans
        .iter()
        .filter(|(_, s)| s.name == "nianbao.v1.ReportService/Validate")
        .collect();
    assert_eq!(validates.len(), 2, "both spans were flushed at shutdown");
    let (resource, span) = validates
        .iter()
        .find(|(_, s)| hex(&s.trace_id) == trace_id)
        .copied()
        .expect("the span of the call with a traceparent");
    assert_eq!(hex(&span.trace_id), trace_id, "joined the caller's trace");
    assert_eq!(
        hex(&span.parent_span_id),
        parent_id,
        "child of the caller's span"
    );
    assert_eq!(span.kind, 2, "SPAN_KIND_SERVER");
    let attr = |k: &str| {
        span.attributes
            .iter()
            .find(|a| a.key == k)
            .map(|a| format!("{:?}", a.value))
    };
    assert!(attr("rpc.grpc.status_code").is_some_and(|v| v.contains("IntValue(0)")));
    assert!(attr("rpc.method").is_some_and(|v| v.contains("Validate")));
    assert!(
        resource
            .iter()
            .any(|(k, v)| k == "service.name" && v.contains("nianbao")),
        "{resource:?}"
    );
    let (_, own) = validates
        .iter()
        .find(|(_, s)| hex(&s.trace_id) != trace_id)
        .copied()
        .expect("the span of the call without one");
    assert!(own.parent_span_id.is_empty(), "a root span");
    // Logs join traces: the submission event carries the trace id, the caller's or the one the
    // server started.
    let events: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("\"submission\"") && l.contains("\"rpc\":\"Validate\""))
        .collect();
    assert_eq!(events.len(), 2, "{stderr}");
    assert!(events.iter().any(|e| e.contains(trace_id)), "{events:?}");
    assert!(
        events.iter().any(|e| e.contains(&hex(&own.trace_id))),
        "{events:?}"
    );
}
