//! Production behaviour: API keys (health stays open), load shedding, deadlines, request ids,
//! compressed bombs, zip bombs and over-deep HTML. (The drain test has its own binary:
//! tests/drain.rs.)

mod common;

use std::time::Duration;

use common::{TestServer, seed_text};
use nianbao::pb::{self, report_service_client::ReportServiceClient};
use tonic::{Code, Request};
use tonic_types::StatusExt;

fn validate_req() -> pb::ValidateRequest {
    pb::ValidateRequest {
        view: 0,
        input: Some(pb::ReportInput {
            source: Some(pb::report_input::Source::Text(seed_text())),
        }),
        previous: None,
        options: None,
    }
}

#[tokio::test]
async fn api_keys_guard_the_report_service_not_health() {
    let config = nianbao::server::Config {
        api_keys: nianbao::auth::ApiKeys::parse("partner:k3y"),
        ..Default::default()
    };
    let s = TestServer::start(config).await;
    let ch = tonic::transport::Channel::from_shared(s.url())
        .unwrap()
        .connect()
        .await
        .unwrap();
    let mut c = ReportServiceClient::new(ch);
    let e = c.validate(validate_req()).await.unwrap_err();
    assert_eq!(e.code(), Code::Unauthenticated);
    assert_eq!(
        e.get_details_error_info().unwrap().reason,
        "UNAUTHENTICATED"
    );
    let mut wrong = Request::new(validate_req());
    wrong
        .metadata_mut()
        .insert("authorization", "Bearer nope".parse().unwrap());
    assert_eq!(
        c.validate(wrong).await.unwrap_err().code(),
        Code::Unauthenticated
    );
    let mut ok = Request::new(validate_req());
    ok.metadata_mut()
        .insert("authorization", "Bearer k3y".parse().unwrap());
    assert!(c.validate(ok).await.is_ok());
    // Health needs no key.
    assert!(common::serving(&s.url(), "").await);
}

async fn client(s: &TestServer) -> ReportServiceClient<tonic::transport::Channel> {
    let ch = tonic::transport::Channel::from_shared(s.url())
        .unwrap()
        .connect()
        .await
        .unwrap();
    ReportServiceClient::new(ch)
}

#[tokio::test]
async fn overload_is_shed_with_resource_exhausted() {
    let s = TestServer::start(nianbao::server::Config {
        max_concurrent: 1,
        ..Default::default()
    })
    .await;
    let mut c = client(&s).await;
    // An open SummarizeStream holds the only permit until it ends.
    let (tx, rx) = tokio::sync::mpsc::channel::<pb::SummarizeStreamRequest>(1);
    let mut holder = c.clone();
    let stream = tokio::spawn(async move {
        holder
            .summarize_stream(tokio_stream::wrappers::ReceiverStream::new(rx))
            .await
    });
    tx.send(pb::SummarizeStreamRequest {
        input: validate_req().input,
        ..Default::default()
    })
    .await
    .unwrap();
    // (Calls made before the stream is admitted could take the permit first.)
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut shed = None;
    for _ in 0..100 {
        match c.validate(validate_req()).await {
            Err(e) => {
                shed = Some(e);
                break;
            }
            Ok(_) => tokio::time::sleep(Duration::from_millis(10)).await,
        }
    }
    let e = shed.expect("a call beyond the limit is shed");
    assert_eq!(e.code(), Code::ResourceExhausted);
    assert_eq!(e.get_details_error_info().unwrap().reason, "OVERLOADED");
    assert!(e.metadata().get("x-request-id").is_some());
    drop(tx);
    assert!(stream.await.unwrap().is_ok());
    assert!(c.validate(validate_req()).await.is_ok());
}

#[tokio::test]
async fn deadlines_answer_deadline_exceeded() {
    // (The caller's grpc-timeout: the layer's unit tests; a tonic client cuts the call at its
    // own deadline before any answer.)
    let s = TestServer::start(nianbao::server::Config {
        request_timeout: Duration::from_nanos(1),
        ..Default::default()
    })
    .await;
    let e = client(&s).await.validate(validate_req()).await.unwrap_err();
    assert_eq!(e.code(), Code::DeadlineExceeded, "{e:?}");
    assert_eq!(
        e.get_details_error_info().unwrap().reason,
        "DEADLINE_EXCEEDED"
    );
    assert!(e.metadata().get("x-request-id").is_some());
}

#[tokio::test]
async fn request_ids_are_echoed_or_made() {
    let s = TestServer::start(Default::default()).await;
    let mut c = client(&s).await;
    let mut r = Request::new(validate_req());
    r.metadata_mut()
        .insert("x-request-id", "partner-42".parse().unwrap());
    let resp = c.validate(r).await.unwrap();
    assert_eq!(resp.metadata().get("x-request-id").unwrap(), "partner-42");
    let resp = c.validate(validate_req()).await.unwrap();
    assert_eq!(resp.metadata().get("x-request-id").unwrap().len(), 36);
    // Malformed ids are replaced.
    let mut r = Request::new(validate_req());
    r.metadata_mut()
        .insert("x-request-id", "bad id with spaces".parse().unwrap());
    let resp = c.validate(r).await.unwrap();
    assert_ne!(
        resp.metadata().get("x-request-id").unwrap(),
        "bad id with spaces"
    );
    // Refusals carry it too.
    let mut r = Request::new(pb::ValidateRequest::default());
    r.metadata_mut()
        .insert("x-request-id", "partner-43".parse().unwrap());
    let e = c.validate(r).await.unwrap_err();
    assert_eq!(e.metadata().get("x-request-id").unwrap(), "partner-43");
}

#[tokio::test]
async fn compressed_bombs_are_refused_and_the_server_stays_up() {
    let config = nianbao::server::Config {
        max_message_bytes: 64 * 1024,
        ..Default::default()
    };
    let s = TestServer::start(config).await;
    let ch = tonic::transport::Channel::from_shared(s.url())
        .unwrap()
        .connect()
        .await
        .unwrap();
    let mut c =
        ReportServiceClient::new(ch).send_compressed(tonic::codec::CompressionEncoding::Gzip);
    // 5 MB of text compresses to a few KB; decompressed it exceeds the 64 KiB limit.
    let bomb = pb::ValidateRequest {
        view: 0,
        input: Some(pb::ReportInput {
            source: Some(pb::report_input::Source::Text(" ".repeat(5_000_000))),
        }),
        previous: None,
        options: None,
    };
    let e = c.validate(bomb).await.unwrap_err();
    // tonic's code for a message that inflates past the limit (gRPC's "received message larger
    // than max"); the reason tells it apart from OVERLOADED.
    assert_eq!(e.code(), Code::ResourceExhausted, "{e:?}");
    {
        use tonic_types::StatusExt;
        let info = e
            .get_details_error_info()
            .expect("ErrorInfo on the refusal");
        assert_eq!(info.reason, "MESSAGE_TOO_LARGE", "{e:?}");
        assert_eq!(info.metadata["max_message_bytes"], "65536");
    }
    assert!(c.validate(validate_req()).await.is_ok(), "still serving");
}

#[tokio::test]
async fn slow_streams_are_cut_at_the_deadline_and_the_server_stays_up() {
    let config = nianbao::server::Config {
        request_timeout: Duration::from_millis(300),
        ..Default::default()
    };
    let s = TestServer::start(config).await;
    let mut c = ReportServiceClient::connect(s.url()).await.unwrap();
    // One report, then the stream stays open and never finishes (a slow or stuck client).
    let first = pb::SummarizeStreamRequest {
        input: Some(pb::ReportInput {
            source: Some(pb::report_input::Source::Text(seed_text())),
        }),
        ..Default::default()
    };
    let stuck = tokio_stream::StreamExt::chain(
        tokio_stream::iter(vec![first]),
        tokio_stream::pending::<pb::SummarizeStreamRequest>(),
    );
    let started = std::time::Instant::now();
    let e = tokio::time::timeout(Duration::from_secs(10), c.summarize_stream(stuck))
        .await
        .expect("the server cuts the call; the client does not have to")
        .unwrap_err();
    assert_eq!(e.code(), Code::DeadlineExceeded, "{e:?}");
    assert!(started.elapsed() >= Duration::from_millis(300));
    let info = e.get_details_error_info().expect("ErrorInfo");
    assert_eq!(info.reason, "DEADLINE_EXCEEDED");
    assert_eq!(info.metadata["deadline_ms"], "300");
    // The caller's shorter grpc-timeout applies to the stream too.
    let mut req = tonic::Request::new(tokio_stream::pending::<pb::SummarizeStreamRequest>());
    req.set_timeout(Duration::from_millis(50));
    let e = c.summarize_stream(req).await.unwrap_err();
    assert!(
        matches!(e.code(), Code::DeadlineExceeded | Code::Cancelled),
        "{e:?}"
    );
    // Still serving.
    assert!(c.validate(validate_req()).await.is_ok());
}

#[tokio::test]
async fn oversized_metadata_is_refused_and_the_server_stays_up() {
    // A limit below the default, so a refusal here is this setting's and not a library default's.
    let config = nianbao::server::Config {
        max_metadata_bytes: 4 * 1024,
        ..Default::default()
    };
    let s = TestServer::start(config).await;
    let with_padding = |n: usize| {
        let mut req = Request::new(validate_req());
        req.metadata_mut()
            .insert("x-padding", "a".repeat(n).parse().unwrap());
        req
    };
    let mut c = ReportServiceClient::connect(s.url()).await.unwrap();
    // Under the limit: served.
    assert!(c.validate(with_padding(2 * 1024)).await.is_ok());
    // Over it (and under the 16 KiB default): refused.
    let e = c.validate(with_padding(8 * 1024)).await.unwrap_err();
    assert_ne!(e.code(), Code::Ok);
    // A new connection is served normally.
    let mut c = ReportServiceClient::connect(s.url()).await.unwrap();
    assert!(c.validate(validate_req()).await.is_ok());
    // The default refuses twice its size too.
    let s = TestServer::start(Default::default()).await;
    let mut c = ReportServiceClient::connect(s.url()).await.unwrap();
    let e = c
        .validate(with_padding(
            2 * nianbao::server::H2_MAX_HEADER_LIST as usize,
        ))
        .await
        .unwrap_err();
    assert_ne!(e.code(), Code::Ok);
}

/// A document.xml of one paragraph.
const SMALL_XML: &str = r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p></w:body></w:document>"#;

/// Checks a refusal's code, ErrorInfo reason and zh-CN message; returns the ErrorInfo metadata.
fn refused(
    e: tonic::Status,
    code: Code,
    reason: &str,
) -> std::collections::HashMap<String, String> {
    assert_eq!(e.code(), code, "{e:?}");
    let info = e.get_details_error_info().expect("ErrorInfo");
    assert_eq!(info.reason, reason, "{e:?}");
    let zh = e.get_details_localized_message().expect("LocalizedMessage");
    assert!(!zh.message.is_empty());
    info.metadata
}

/// A DOCX-shaped zip: `word/document.xml` (deflated) and `extra` stored entries.
fn docx(document_xml: &[u8], extra: usize) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    w.start_file("word/document.xml", deflated).unwrap();
    std::io::Write::write_all(&mut w, document_xml).unwrap();
    for k in 0..extra {
        w.start_file(
            format!("word/media/{k}.txt"),
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        std::io::Write::write_all(&mut w, b"x").unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn file_req(content: Vec<u8>, file_name: &str) -> pb::ValidateRequest {
    pb::ValidateRequest {
        input: Some(pb::ReportInput {
            source: Some(pb::report_input::Source::File(pb::FileInput {
                content,
                file_name: file_name.into(),
                media_type: String::new(),
            })),
        }),
        ..Default::default()
    }
}

#[tokio::test]
async fn zip_bombs_deep_html_and_too_many_entries_are_refused_with_details() {
    // Lower limits than the defaults, so each refusal below is its setting's.
    let config = nianbao::server::Config {
        max_docx_entries: 10,
        max_docx_ratio: 50,
        max_html_depth: 64,
        ..Default::default()
    };
    let s = TestServer::start(config).await;
    let mut c = ReportServiceClient::connect(s.url()).await.unwrap();
    // A small document is read (nine extra entries: ten in all, the limit).
    assert!(
        c.validate(file_req(docx(SMALL_XML.as_bytes(), 9), "a.docx"))
            .await
            .is_ok()
    );
    // Eleven entries.
    let e = c
        .validate(file_req(docx(SMALL_XML.as_bytes(), 10), "a.docx"))
        .await
        .unwrap_err();
    let meta = refused(e, Code::OutOfRange, "DOCX_TOO_LARGE");
    assert_eq!(meta["limit"], "max_docx_entries");
    assert_eq!((meta["size"].as_str(), meta["max"].as_str()), ("11", "10"));
    // A bomb: 16 MiB of spaces in a few KiB, within the message limit.
    let bomb = docx(&vec![b' '; 16 * 1024 * 1024], 0);
    assert!(bomb.len() < 64 * 1024, "{}", bomb.len());
    let e = c.validate(file_req(bomb, "bomb.docx")).await.unwrap_err();
    let meta = refused(e, Code::OutOfRange, "DOCX_TOO_LARGE");
    assert_eq!(
        (meta["limit"].as_str(), meta["max"].as_str()),
        ("max_docx_ratio", "50")
    );
    // Nesting deeper than the limit (as text: the sniffer sends it to the HTML reader).
    let deep = format!("<html><body>{}一、总体情况", "<div>".repeat(100));
    let e = c
        .validate(pb::ValidateRequest {
            input: Some(pb::ReportInput {
                source: Some(pb::report_input::Source::Text(deep)),
            }),
            ..Default::default()
        })
        .await
        .unwrap_err();
    refused(e, Code::InvalidArgument, "INPUT_TOO_COMPLEX");
    // Still serving, and healthy.
    assert!(c.validate(validate_req()).await.is_ok());
    assert!(common::serving(&s.url(), "").await);
}

#[tokio::test]
async fn docx_limits_come_from_the_environment_and_flags() {
    let binary = common::Binary::start_with_env(
        &["--max-docx-ratio", "50"],
        &[("NIANBAO_MAX_DOCX_ENTRIES", "10")],
        &[],
    );
    let mut c = ReportServiceClient::connect(format!("http://{}", binary.addr))
        .await
        .unwrap();
    let e = c
        .validate(file_req(docx(SMALL_XML.as_bytes(), 10), "a.docx"))
        .await
        .unwrap_err();
    let meta = refused(e, Code::OutOfRange, "DOCX_TOO_LARGE");
    assert_eq!(meta["limit"], "max_docx_entries");
    // 1 MiB of spaces (about 1000:1): the error names the configured ratio, 50.
    let e = c
        .validate(file_req(docx(&vec![b' '; 1024 * 1024], 0), "a.docx"))
        .await
        .unwrap_err();
    let meta = refused(e, Code::OutOfRange, "DOCX_TOO_LARGE");
    assert_eq!(
        (meta["limit"].as_str(), meta["max"].as_str()),
        ("max_docx_ratio", "50")
    );
    let (ok, _) = binary.stop();
    assert!(ok);
}
