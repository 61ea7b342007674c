//! JSON over HTTP (Connect unary) and gRPC-Web on the gRPC port, driven with real clients: plain
//! `curl` (HTTP/1.1 and HTTP/2) and `buf curl` with `--protocol connect`, `grpcweb` and `grpc`.
//! When curl or buf is missing these tests fail under CI=true and print a skip notice otherwise
//! (.ci/run installs buf and exports its path as NIANBAO_BUF).

mod common;

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use nianbao::pb;

fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

fn curl_available() -> bool {
    if Command::new("curl").arg("--version").output().is_ok() {
        return true;
    }
    assert!(!ci(), "curl is required under CI=true");
    eprintln!("SKIP: curl not found on PATH");
    false
}

/// An HTTP answer as curl saw it.
#[derive(Debug)]
struct Answer {
    status: u16,
    headers: HashMap<String, String>,
    body: String,
}

impl Answer {
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {} {}", self.status, self.body))
    }
}

/// `curl -s -i` with `args`, the request body (if any) from a temporary file.
fn curl(args: &[&str], body: Option<&str>) -> Answer {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new("curl");
    cmd.args(["-s", "-i", "--max-time", "20", "-H", "Expect:"])
        .args(args);
    if let Some(b) = body {
        let f = dir.path().join("req.json");
        std::fs::write(&f, b).unwrap();
        cmd.arg("--data-binary").arg(format!("@{}", f.display()));
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "curl failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").expect("an HTTP answer");
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Answer {
        status,
        headers,
        body: body.to_string(),
    }
}

/// A JSON POST to a report service method.
fn post(base: &str, method: &str, body: &str, extra: &[&str]) -> Answer {
    let url = format!("{base}/nianbao.v1.ReportService/{method}");
    let mut args = vec!["-H", "Content-Type: application/json"];
    args.extend_from_slice(extra);
    args.push(&url);
    curl(&args, Some(body))
}

fn validate_body() -> String {
    serde_json::json!({"input": {"text": common::seed_text()}}).to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn json_validate_gives_the_findings_of_the_grpc_call() {
    if !curl_available() {
        return;
    }
    let mut s = common::TestServer::start(Default::default()).await;
    let mut client = pb::report_service_client::ReportServiceClient::connect(s.url())
        .await
        .unwrap();
    let grpc = client
        .validate(pb::ValidateRequest {
            input: Some(pb::ReportInput {
                source: Some(pb::report_input::Source::Text(common::seed_text())),
            }),
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    let mut want = serde_json::to_value(&grpc).unwrap();
    want.as_object_mut().unwrap().remove("submissionId");
    assert!(!want["findings"].as_array().unwrap().is_empty());

    let base = s.url();
    for extra in [&[][..], &["--http2-prior-knowledge"][..]] {
        let body = validate_body();
        let mut args = vec!["-H", "x-request-id: json-1"];
        args.extend_from_slice(extra);
        let a = tokio::task::spawn_blocking({
            let base = base.clone();
            move || post(&base, "Validate", &body, &args)
        })
        .await
        .unwrap();
        assert_eq!(a.status, 200, "{}", a.body);
        assert_eq!(a.headers["content-type"], "application/json");
        assert_eq!(a.headers["x-request-id"], "json-1");
        let mut got = a.json();
        let sub = got.as_object_mut().unwrap().remove("submissionId").unwrap();
        assert_eq!(sub.as_str().unwrap().len(), 36);
        assert_eq!(got, want, "{extra:?}");
    }
    s.shutdown();
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_requests_get_connect_errors_with_the_grpc_details() {
    if !curl_available() {
        return;
    }
    let mut s = common::TestServer::start(nianbao::server::Config {
        max_message_bytes: 64 * 1024,
        ..Default::default()
    })
    .await;
    let base = s.url();
    tokio::task::spawn_blocking(move || {
        // No report: INVALID_ARGUMENT, with ErrorInfo, LocalizedMessage and BadRequest.
        let a = post(&base, "Validate", "{}", &[]);
        assert_eq!(a.status, 400, "{}", a.body);
        assert_eq!(a.headers["content-type"], "application/json");
        assert!(a.headers.contains_key("x-request-id"));
        assert!(!a.headers.keys().any(|k| k.starts_with("grpc-")), "{a:?}");
        let e = a.json();
        assert_eq!(e["code"], "invalid_argument");
        assert!(e["message"].as_str().unwrap().contains("input is required"));
        let detail = |ty: &str| {
            e["details"]
                .as_array()
                .unwrap()
                .iter()
                .find(|d| d["type"] == ty)
                .unwrap_or_else(|| panic!("no {ty} in {e}"))
                .clone()
        };
        let info = detail("google.rpc.ErrorInfo");
        assert_eq!(info["debug"]["reason"], "INPUT_MISSING");
        assert_eq!(info["debug"]["domain"], "nianbao.v1.ReportService");
        assert!(!info["value"].as_str().unwrap().is_empty());
        assert_eq!(
            detail("google.rpc.LocalizedMessage")["debug"]["locale"],
            "zh-CN"
        );
        assert_eq!(
            detail("google.rpc.BadRequest")["debug"]["fieldViolations"][0]["field"],
            "input"
        );

        let reason = |a: &Answer| a.json()["details"][0]["debug"]["reason"].clone();
        // Not JSON of the request type.
        let a = post(&base, "Validate", "{\"input\": 5", &[]);
        assert_eq!(
            (a.status, reason(&a)),
            (400, "BODY_INVALID".into()),
            "{}",
            a.body
        );
        let a = post(&base, "Validate", "{\"nope\": 1}", &[]);
        assert_eq!(
            (a.status, reason(&a)),
            (400, "BODY_INVALID".into()),
            "{}",
            a.body
        );
        // Over --max-message-bytes: refused without reading it all.
        let big = serde_json::json!({"input": {"text": "x".repeat(100 * 1024)}}).to_string();
        let a = post(&base, "Validate", &big, &[]);
        assert_eq!(a.json()["code"], "out_of_range", "{}", a.body);
        assert_eq!((a.status, reason(&a)), (400, "MESSAGE_TOO_LARGE".into()));
        // A deadline already past: DEADLINE_EXCEEDED (504).
        let a = post(
            &base,
            "Validate",
            &validate_body(),
            &["-H", "Connect-Timeout-Ms: 0"],
        );
        assert_eq!(
            (a.status, reason(&a)),
            (504, "DEADLINE_EXCEEDED".into()),
            "{}",
            a.body
        );
        // Client streaming is gRPC-only.
        let a = post(&base, "SummarizeStream", "{}", &[]);
        assert_eq!(a.json()["code"], "unimplemented");
        assert_eq!((a.status, reason(&a)), (501, "PROTOCOL_UNSUPPORTED".into()));
        // No such method; other services are not served over JSON.
        let a = post(&base, "Nope", "{}", &[]);
        assert_eq!(
            (a.status, reason(&a)),
            (404, "METHOD_UNKNOWN".into()),
            "{}",
            a.body
        );
        let a = curl(
            &[
                "-H",
                "Content-Type: application/json",
                &format!("{base}/grpc.health.v1.Health/Check"),
            ],
            Some("{}"),
        );
        assert_eq!(
            (a.status, reason(&a)),
            (404, "METHOD_UNKNOWN".into()),
            "{}",
            a.body
        );
        // Other content types and methods.
        let a = curl(
            &[
                "-H",
                "Content-Type: text/plain",
                &format!("{base}/nianbao.v1.ReportService/Validate"),
            ],
            Some("{}"),
        );
        assert_eq!((a.status, reason(&a)), (415, "PROTOCOL_UNSUPPORTED".into()));
        let a = curl(
            &[
                "-H",
                "Content-Type: application/json",
                &format!("{base}/nianbao.v1.ReportService/ListRules"),
            ],
            None,
        );
        assert_eq!((a.status, reason(&a)), (405, "PROTOCOL_UNSUPPORTED".into()));
        assert_eq!(a.headers["allow"], "POST");
    })
    .await
    .unwrap();
    s.shutdown();
}

#[tokio::test(flavor = "multi_thread")]
async fn api_keys_apply_over_http_as_over_grpc() {
    if !curl_available() {
        return;
    }
    let mut s = common::TestServer::start(nianbao::server::Config {
        api_keys: nianbao::auth::ApiKeys::parse("portal:s3cret"),
        ..Default::default()
    })
    .await;
    let base = s.url();
    tokio::task::spawn_blocking(move || {
        let a = post(&base, "ListRules", "{}", &[]);
        assert_eq!(a.status, 401, "{}", a.body);
        assert_eq!(a.json()["code"], "unauthenticated");
        assert_eq!(a.json()["details"][0]["debug"]["reason"], "UNAUTHENTICATED");
        let a = post(
            &base,
            "ListRules",
            "{}",
            &["-H", "Authorization: Bearer wrong"],
        );
        assert_eq!(a.status, 401);
        let a = post(
            &base,
            "ListRules",
            "{}",
            &["-H", "Authorization: Bearer s3cret"],
        );
        assert_eq!(a.status, 200, "{}", a.body);
        let a = post(
            &base,
            "Validate",
            &validate_body(),
            &["-H", "x-api-key: s3cret"],
        );
        assert_eq!(a.status, 200, "{}", a.body);
    })
    .await
    .unwrap();
    s.shutdown();
}

#[tokio::test(flavor = "multi_thread")]
async fn render_and_list_rules_over_json() {
    if !curl_available() {
        return;
    }
    let mut s = common::TestServer::start(Default::default()).await;
    let base = s.url();
    tokio::task::spawn_blocking(move || {
        let body = serde_json::json!({
            "input": {"text": common::seed_text()},
            "format": "RENDER_FORMAT_CSV",
        })
        .to_string();
        let a = post(&base, "Render", &body, &[]);
        assert_eq!(a.status, 200, "{}", a.body);
        let r = a.json();
        assert!(
            r["mediaType"].as_str().unwrap().starts_with("text/csv"),
            "{r}"
        );
        assert!(!r["text"].as_str().unwrap().is_empty());
        let a = post(&base, "ListRules", "{}", &[]);
        assert_eq!(a.status, 200, "{}", a.body);
        let rules = a.json()["rules"].as_array().unwrap().len();
        assert_eq!(rules, nianbao::convert::rules_to_pb().rules.len());
        // An empty body is the empty message.
        assert_eq!(post(&base, "ListRules", "", &[]).status, 200);
    })
    .await
    .unwrap();
    s.shutdown();
}

#[tokio::test(flavor = "multi_thread")]
async fn cors_is_off_by_default_and_follows_the_allow_list() {
    if !curl_available() {
        return;
    }
    let preflight = |base: &str, origin: &str| {
        curl(
            &[
                "-X",
                "OPTIONS",
                "-H",
                &format!("Origin: {origin}"),
                "-H",
                "Access-Control-Request-Method: POST",
                "-H",
                "Access-Control-Request-Headers: content-type,connect-protocol-version,x-api-key",
                &format!("{base}/nianbao.v1.ReportService/Validate"),
            ],
            None,
        )
    };
    let portal = "https://portal.example.gov.cn";
    let mut off = common::TestServer::start(Default::default()).await;
    let mut on = common::TestServer::start(nianbao::server::Config {
        cors_allowed_origins: vec![portal.into()],
        ..Default::default()
    })
    .await;
    let (off_url, on_url) = (off.url(), on.url());
    tokio::task::spawn_blocking(move || {
        let a = preflight(&off_url, portal);
        assert!(
            !a.headers.contains_key("access-control-allow-origin"),
            "{a:?}"
        );
        let a = preflight(&on_url, portal);
        assert_eq!(a.status, 200, "{a:?}");
        assert_eq!(a.headers["access-control-allow-origin"], portal);
        let allowed = a.headers["access-control-allow-headers"].to_ascii_lowercase();
        for h in ["content-type", "connect-protocol-version", "x-api-key"] {
            assert!(allowed.contains(h), "{allowed}");
        }
        let a = preflight(&on_url, "https://elsewhere.example.com");
        assert!(
            !a.headers.contains_key("access-control-allow-origin"),
            "{a:?}"
        );
        // The call itself carries the CORS answer headers.
        let a = post(
            &on_url,
            "ListRules",
            "{}",
            &["-H", &format!("Origin: {portal}")],
        );
        assert_eq!(a.status, 200);
        assert_eq!(a.headers["access-control-allow-origin"], portal);
        assert!(a.headers["access-control-expose-headers"].contains("x-request-id"));
    })
    .await
    .unwrap();
    off.shutdown();
    on.shutdown();
}

/// The buf CLI: $NIANBAO_BUF, else the copy .ci/run installs, else `buf` on PATH.
fn buf() -> Option<PathBuf> {
    let tmp = std::env::var("TMPDIR").unwrap_or_else(|_| "/tmp".into());
    let candidates = [
        std::env::var("NIANBAO_BUF").ok().map(PathBuf::from),
        Some(PathBuf::from(tmp).join("nianbao-buf/node_modules/.bin/buf")),
        Some(PathBuf::from("buf")),
    ];
    for c in candidates.into_iter().flatten() {
        if Command::new(&c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return Some(c);
        }
    }
    assert!(
        !ci(),
        "buf is required under CI=true: npm install --prefix $TMPDIR/nianbao-buf @bufbuild/buf@1.75.0 (or set NIANBAO_BUF)"
    );
    eprintln!(
        "SKIP: buf not found; install it with `npm install --prefix $TMPDIR/nianbao-buf @bufbuild/buf@1.75.0` or set NIANBAO_BUF"
    );
    None
}

#[test]
fn buf_curl_calls_validate_over_connect_grpc_web_and_grpc() {
    let Some(buf) = buf() else {
        return;
    };
    let b = common::Binary::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let req = dir.path().join("req.json");
    std::fs::write(&req, validate_body()).unwrap();
    let url = format!("http://{}/nianbao.v1.ReportService/Validate", b.addr);
    let mut verdicts = Vec::new();
    for (protocol, extra) in [
        ("connect", None),
        ("grpcweb", None),
        ("grpc", Some("--http2-prior-knowledge")),
    ] {
        let out = Command::new(&buf)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["curl", "--schema", ".", "--protocol", protocol])
            .args(extra)
            .arg("--data")
            .arg(format!("@{}", req.display()))
            .arg(&url)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "buf curl --protocol {protocol}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(
            !v["findings"].as_array().unwrap().is_empty(),
            "{protocol}: {v}"
        );
        verdicts.push(v["verdict"].clone());
    }
    assert!(verdicts.windows(2).all(|w| w[0] == w[1]), "{verdicts:?}");
    // A refusal over Connect reaches buf curl as the same error.
    let out = Command::new(&buf)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "curl",
            "--schema",
            ".",
            "--protocol",
            "connect",
            "--data",
            "{}",
        ])
        .arg(&url)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("invalid_argument") && err.contains("INPUT_MISSING"),
        "{err}"
    );

    // Every HTTP call went through the submission layer: one event each, with its code.
    let (ok, stderr) = b.stop();
    assert!(ok, "{stderr}");
    let events: Vec<serde_json::Value> = stderr
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|e| e["target"] == "nianbao::submission")
        .collect();
    let codes: Vec<i64> = events
        .iter()
        .map(|e| e["grpc_code"].as_i64().unwrap_or(-1))
        .collect();
    assert_eq!(codes, [0, 0, 0, 3], "{events:?}");
    assert!(events.iter().all(|e| e["rpc"] == "Validate"));
}

/// The files `index.html` loads (`src` and `href` attributes naming same-origin files).
fn page_files(index: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["src=\"", "href=\""] {
        for part in index.split(attr).skip(1) {
            let v = part.split('"').next().unwrap_or_default();
            if !v.contains(':') && !v.starts_with('#') && !v.is_empty() {
                out.push(format!(
                    "/{}",
                    v.trim_start_matches("./").trim_start_matches('/')
                ));
            }
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn the_web_page_is_served_with_its_policy_and_without_credentials() {
    if !curl_available() {
        return;
    }
    // API keys on: the page itself is public, its calls need a key.
    let mut s = common::TestServer::start(nianbao::server::Config {
        api_keys: nianbao::auth::ApiKeys::parse("portal:s3cret"),
        ..Default::default()
    })
    .await;
    let mut off = common::TestServer::start(nianbao::server::Config {
        web: nianbao::web::Page::Off,
        ..Default::default()
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!DOCTYPE html><title>dev</title>",
    )
    .unwrap();
    let mut dev = common::TestServer::start(nianbao::server::Config {
        web: nianbao::web::Page::Dir(std::sync::Arc::new(dir.path().to_path_buf())),
        ..Default::default()
    })
    .await;
    let (base, base_off, base_dev) = (s.url(), off.url(), dev.url());
    tokio::task::spawn_blocking(move || {
        let a = curl(&[&format!("{base}/")], None);
        assert_eq!(a.status, 200, "{}", a.body);
        assert_eq!(a.headers["content-type"], "text/html; charset=utf-8");
        assert_eq!(a.headers["content-security-policy"], nianbao::web::CSP);
        assert_eq!(a.headers["x-content-type-options"], "nosniff");
        assert!(a.body.contains("<html"), "{}", a.body);
        assert!(
            !a.body.contains("<script>") && !a.body.contains(" style="),
            "inline script or style: the CSP blocks it"
        );
        // Every file the page loads is served, with its media type and the policy.
        let files = page_files(&a.body);
        assert!(files.iter().any(|f| f.ends_with(".js")), "{files:?}");
        for f in &files {
            let a = curl(&[&format!("{base}{f}")], None);
            assert_eq!(a.status, 200, "{f}");
            assert_eq!(
                a.headers["content-type"],
                nianbao::web::media_type(f),
                "{f}"
            );
            assert_eq!(
                a.headers["content-security-policy"],
                nianbao::web::CSP,
                "{f}"
            );
        }
        let a = curl(&["-I", &format!("{base}/")], None);
        assert_eq!(a.status, 200);
        for bad in ["/no-such-file.js", "/../Cargo.toml", "/.git/config"] {
            let a = curl(&["--path-as-is", &format!("{base}{bad}")], None);
            assert_eq!(a.status, 404, "{bad}");
        }
        // Its calls still need the key.
        assert_eq!(post(&base, "ListRules", "{}", &[]).status, 401);
        // Turned off: 404 that says so; from a directory: that directory's files.
        let a = curl(&[&format!("{base_off}/")], None);
        assert_eq!(a.status, 404);
        assert!(a.body.contains("--web-ui false"), "{}", a.body);
        let a = curl(&[&format!("{base_dev}/")], None);
        assert_eq!(
            (a.status, a.body.as_str()),
            (200, "<!DOCTYPE html><title>dev</title>")
        );
    })
    .await
    .unwrap();
    s.shutdown();
    off.shutdown();
    dev.shutdown();
}
