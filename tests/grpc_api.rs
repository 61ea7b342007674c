//! The real server in-process on port 0, called with the generated tonic client: every RPC,
//! errors with google.rpc details, health, reflection v1 and v1alpha, compression, limits, drain.

mod common;

use std::time::Duration;

use common::{TestServer, seed_text};
use nianbao::pb::{self, report_service_client::ReportServiceClient};
use tonic::Code;
use tonic_types::StatusExt;

type Client = ReportServiceClient<tonic::transport::Channel>;

async fn channel(s: &TestServer) -> tonic::transport::Channel {
    tonic::transport::Channel::from_shared(s.url())
        .unwrap()
        .connect()
        .await
        .unwrap()
}

async fn client(s: &TestServer) -> Client {
    ReportServiceClient::connect(s.url()).await.unwrap()
}

fn text_input(t: &str) -> Option<pb::ReportInput> {
    Some(pb::ReportInput {
        source: Some(pb::report_input::Source::Text(t.to_string())),
    })
}

fn codes(r: &pb::ValidateResponse, sev: pb::Severity) -> Vec<String> {
    r.findings
        .iter()
        .filter(|f| f.severity == sev as i32)
        .map(|f| f.code.clone())
        .collect()
}

#[tokio::test]
async fn validate_seed_sample_text() {
    let s = TestServer::start(Default::default()).await;
    let mut c = client(&s).await;
    let r = c
        .validate(pb::ValidateRequest {
            view: 0,
            previous: None,
            options: None,
            input: text_input(&seed_text()),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(r.verdict, pb::Verdict::Fail as i32);
    let md = r.report.as_ref().unwrap().metadata.as_ref().unwrap();
    assert_eq!(md.issuing_body, "新青镇");
    assert_eq!(md.report_year, 2020);
    assert_eq!(md.template_version, pb::TemplateVersion::F2019 as i32);
    let cells = &r.report.as_ref().unwrap().cells;
    assert_eq!(cells.len(), 22 + 161 + 15);
    assert!(
        cells
            .iter()
            .filter(|c| c.id.starts_with("T3."))
            .all(|c| c.state == pb::CellState::Number as i32 && c.value == "0")
    );
    // Errors: section 二 wrongly headed, 五 and 六 missing; no arithmetic error.
    assert_eq!(
        codes(&r, pb::Severity::Error),
        ["STR002", "STR001", "STR001"]
    );
    let wrong = r.findings.iter().find(|f| f.code == "STR002").unwrap();
    assert_eq!(
        wrong.location,
        Some(pb::SourceLocation {
            line: 21,
            column: 1,
            page: 0
        })
    );
    assert!(wrong.message_zh.contains("二、其他需要报告的事项"));
    let missing: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.code == "STR001")
        .map(|f| f.message_zh.as_str())
        .collect();
    assert!(
        missing[0].contains("五、存在的主要问题及改进情况")
            && missing[1].contains("六、其他需要报告的事项")
    );
    // The blank 行政复议 cells of 表四.
    let blank = r.findings.iter().find(|f| f.code == "VAL002").unwrap();
    assert_eq!(
        blank.cells,
        [
            "T4.RV.KEEP",
            "T4.RV.CORR",
            "T4.RV.OTHER",
            "T4.RV.PEND",
            "T4.RV.TOT"
        ]
    );
    assert!(!r.findings.iter().any(|f| f.code.starts_with("ARI")));
    assert!(!r.submission_id.is_empty());
    assert!(r.ruleset_version.starts_with("nianbao-rules"));
}

fn structured(cells: Vec<(&str, &str)>, year: u32) -> pb::Report {
    pb::Report {
        metadata: Some(pb::ReportMetadata {
            issuing_body: "测试局".into(),
            report_year: year,
            ..Default::default()
        }),
        sections: vec![],
        cells: cells
            .into_iter()
            .map(|(id, v)| pb::Cell {
                id: id.into(),
                value: v.into(),
                ..Default::default()
            })
            .collect(),
    }
}

/// A balanced 2021-template report: 10 new + 2 carried = 11 handled + 1 carried forward, all 自然人.
fn balanced_2021() -> Vec<(String, String)> {
    let cat = nianbao::core::template::Catalog::get();
    let mut out = Vec::new();
    for ix in cat.template_cells(nianbao::core::template::TemplateVersion::F2021) {
        let id = cat.def(*ix).id.clone();
        let v = match id.as_str() {
            "T3.R1.NP" | "T3.R1.TOT" => "10",
            "T3.R2.NP" | "T3.R2.TOT" => "2",
            "T3.R3.1.NP" | "T3.R3.1.TOT" => "8",
            "T3.R3.4.1.NP" | "T3.R3.4.1.TOT" => "3",
            "T3.R3.7.NP" | "T3.R3.7.TOT" => "11",
            "T3.R4.NP" | "T3.R4.TOT" => "1",
            _ => "0",
        };
        out.push((id, v.to_string()));
    }
    out
}

#[tokio::test]
async fn structured_report_breaking_the_balance_in_one_column() {
    let s = TestServer::start(Default::default()).await;
    let mut c = client(&s).await;
    let mut cells = balanced_2021();
    let ok = structured(
        cells
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect(),
        2023,
    );
    let r = c
        .validate(pb::ValidateRequest {
            view: 0,
            previous: None,
            options: None,
            input: Some(pb::ReportInput {
                source: Some(pb::report_input::Source::Report(ok)),
            }),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(r.verdict, pb::Verdict::Pass as i32, "{:#?}", r.findings);
    // 自然人 carried forward 2 instead of 1 (and 总计 too, so only the column identity breaks).
    for (id, v) in cells.iter_mut() {
        if id == "T3.R4.NP" || id == "T3.R4.TOT" {
            *v = "2".into();
        }
    }
    let bad = structured(
        cells
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect(),
        2023,
    );
    let r = c
        .validate(pb::ValidateRequest {
            view: 0,
            previous: None,
            options: None,
            input: Some(pb::ReportInput {
                source: Some(pb::report_input::Source::Report(bad)),
            }),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(r.verdict, pb::Verdict::Fail as i32);
    let errs: Vec<&pb::Finding> = r
        .findings
        .iter()
        .filter(|f| f.severity == pb::Severity::Error as i32)
        .collect();
    assert_eq!(errs.len(), 2, "{errs:#?}");
    let np = errs
        .iter()
        .find(|f| f.cells.contains(&"T3.R1.NP".to_string()))
        .unwrap();
    assert_eq!(np.code, "ARI001");
    assert_eq!(np.spec_rule, "R1");
    assert!(np.message_zh.contains("自然人"), "{}", np.message_zh);
    assert_eq!(
        (np.expected.as_deref(), np.actual.as_deref()),
        (Some("12"), Some("13"))
    );
    assert!(
        errs.iter()
            .any(|f| f.code == "ARI001" && f.cells.contains(&"T3.R1.TOT".to_string()))
    );
}

#[tokio::test]
async fn invalid_requests_get_bad_request_details() {
    let s = TestServer::start(Default::default()).await;
    let mut c = client(&s).await;
    let e = c
        .validate(pb::ValidateRequest {
            view: 0,
            previous: None,
            options: None,
            input: None,
        })
        .await
        .unwrap_err();
    assert_eq!(e.code(), Code::InvalidArgument);
    let d = e.get_error_details();
    assert_eq!(d.error_info().unwrap().reason, "INPUT_MISSING");
    assert_eq!(d.error_info().unwrap().domain, "nianbao.v1.ReportService");
    assert_eq!(d.bad_request().unwrap().field_violations[0].field, "input");
    assert!(d.localized_message().unwrap().message.contains("缺少报告"));

    let bad = structured(vec![("T3.R9.NP", "1"), ("T3.R1.NP", "x")], 2023);
    let e = c
        .validate(pb::ValidateRequest {
            view: 0,
            previous: None,
            options: None,
            input: Some(pb::ReportInput {
                source: Some(pb::report_input::Source::Report(bad)),
            }),
        })
        .await
        .unwrap_err();
    assert_eq!(e.code(), Code::InvalidArgument);
    let fields: Vec<String> = e
        .get_details_bad_request()
        .unwrap()
        .field_violations
        .into_iter()
        .map(|v| v.field)
        .collect();
    assert_eq!(
        fields,
        ["input.report.cells[0].id", "input.report.cells[1].value"]
    );

    let e = c
        .validate(pb::ValidateRequest {
            view: 0,
            previous: None,
            options: None,
            input: text_input("   \n "),
        })
        .await
        .unwrap_err();
    assert_eq!(e.code(), Code::InvalidArgument);
    assert_eq!(e.get_details_error_info().unwrap().reason, "INPUT_EMPTY");

    // HTML without any report in it: findings (three tables missing), not an error.
    let r = c
        .validate(pb::ValidateRequest {
            view: 0,
            previous: None,
            options: None,
            input: text_input("<html><body><table></table></body></html>"),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(r.findings.iter().filter(|f| f.code == "STR003").count(), 3);

    // Files that cannot be read: a truncated DOCX, binary data.
    for (content, name, reason) in [
        (
            b"PK\x03\x04 truncated".to_vec(),
            "report.docx",
            "DOCX_INVALID",
        ),
        (vec![0, 159, 146, 150, 0, 1, 2, 3], "x.bin", "INPUT_BINARY"),
    ] {
        let file = pb::FileInput {
            content,
            file_name: name.into(),
            media_type: String::new(),
        };
        let req = pb::ValidateRequest {
            view: 0,
            previous: None,
            options: None,
            input: Some(pb::ReportInput {
                source: Some(pb::report_input::Source::File(file)),
            }),
        };
        let e = c.validate(req).await.unwrap_err();
        assert_eq!(e.code(), Code::InvalidArgument, "{name}");
        assert_eq!(e.get_details_error_info().unwrap().reason, reason);
    }
}

#[tokio::test]
async fn validate_file_bytes_and_garbage_text() {
    let s = TestServer::start(Default::default()).await;
    let mut c = client(&s).await;
    let file = pb::FileInput {
        content: seed_text().into_bytes(),
        file_name: "xinqing-zhen-2020.txt".into(),
        media_type: String::new(),
    };
    let r = c
        .validate(pb::ValidateRequest {
            view: 0,
            previous: None,
            options: None,
            input: Some(pb::ReportInput {
                source: Some(pb::report_input::Source::File(file)),
            }),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(r.verdict, pb::Verdict::Fail as i32);
    // Text that is no report at all: findings, not an error, and no cell read as 0.
    let r = c
        .validate(pb::ValidateRequest {
            view: 0,
            previous: None,
            options: None,
            input: text_input("hello\tworld\n1\t2\t3"),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(r.verdict, pb::Verdict::Fail as i32);
    assert!(r.findings.iter().filter(|f| f.code == "STR003").count() == 3);
    assert!(
        r.report
            .unwrap()
            .cells
            .iter()
            .all(|c| c.state == pb::CellState::Missing as i32)
    );
}

#[tokio::test]
async fn summarize_render_and_list_rules() {
    let s = TestServer::start(Default::default()).await;
    let mut c = client(&s).await;
    let cells = balanced_2021();
    let rep = structured(
        cells
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect(),
        2023,
    );
    let mut other = rep.clone();
    other.metadata.as_mut().unwrap().issuing_body = "另一局".into();
    let inputs = vec![
        pb::ReportInput {
            source: Some(pb::report_input::Source::Report(rep.clone())),
        },
        pb::ReportInput {
            source: Some(pb::report_input::Source::Report(other)),
        },
        pb::ReportInput {
            source: Some(pb::report_input::Source::Text(String::new())),
        },
        // The same body and year twice: counted once.
        pb::ReportInput {
            source: Some(pb::report_input::Source::Report(rep)),
        },
    ];
    let r = c
        .summarize(pb::SummarizeRequest {
            inputs,
            groups: vec!["东区".into(), "西区".into()],
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(r.included, 2);
    assert_eq!(r.reports.len(), 4);
    assert!(
        r.reports[3]
            .excluded_reason
            .contains("same issuing body and year"),
        "{:?}",
        r.reports[3]
    );
    assert_eq!(r.groups.len(), 2);
    let rollup = r.rollup.as_ref().unwrap();
    let cell = |id: &str| {
        rollup
            .cells
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.value.clone())
    };
    assert_eq!(cell("T3.R1.NP").as_deref(), Some("20"));
    assert_eq!(cell("T3.R3.4.1.TOT").as_deref(), Some("6"));
    assert!(r.reports[2].excluded_reason.starts_with("unreadable"));
    let total = |id: &str| r.total.iter().find(|f| f.id == id).unwrap().value.clone();
    assert_eq!(total("applications_new"), "20");
    assert_eq!(total("handled"), "22");
    assert_eq!(total("carried_forward"), "2");

    let e = c
        .summarize(pb::SummarizeRequest {
            inputs: vec![],
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(e.code(), Code::InvalidArgument);

    let r = c
        .render(pb::RenderRequest {
            input: text_input(&seed_text()),
            format: pb::RenderFormat::Csv as i32,
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    let Some(pb::render_response::Body::Text(csv)) = r.body else {
        panic!("text body")
    };
    assert_eq!(r.media_type, "text/csv; charset=utf-8");
    assert_eq!(
        csv.lines().next(),
        Some("table,row,column,row_label,column_label,value,state")
    );
    assert_eq!(csv.lines().filter(|l| l.starts_with("T3,")).count(), 161);
    let r = c
        .render(pb::RenderRequest {
            input: text_input(&seed_text()),
            format: pb::RenderFormat::Json as i32,
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    let Some(pb::render_response::Body::Text(json)) = r.body else {
        panic!("text body")
    };
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["metadata"]["issuingBody"], "新青镇");
    let e = c
        .render(pb::RenderRequest {
            input: text_input(&seed_text()),
            format: 0,
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(e.code(), Code::InvalidArgument);

    // Two years side by side: last year's 结转下年度 beside this year's 上年结转.
    let this_year =
        std::fs::read_to_string(common::sample("005-hongze-qu-2024-pdftext.txt")).unwrap();
    let last_year =
        std::fs::read_to_string(common::sample("004-hongze-qu-2023-pdftext.txt")).unwrap();
    let r = c
        .render(pb::RenderRequest {
            input: text_input(&this_year),
            previous: text_input(&last_year),
            format: pb::RenderFormat::ComparisonHtml as i32,
        })
        .await
        .unwrap()
        .into_inner();
    let Some(pb::render_response::Body::Text(page)) = r.body else {
        panic!("text body")
    };
    assert_eq!(r.media_type, "text/html; charset=utf-8");
    assert!(
        page.contains("<td data-cell=\"T3.R2.TOT\">0</td><td data-prev-cell=\"T3.R4.TOT\">0</td><td>一致 / agrees</td>"),
        "{page}"
    );
    assert!(
        page.contains("<span class=\"now\">8</span><span class=\"was\">5</span>"),
        "{page}"
    );
    let r = c
        .render(pb::RenderRequest {
            input: text_input(&this_year),
            previous: text_input(&last_year),
            format: pb::RenderFormat::ComparisonCsv as i32,
        })
        .await
        .unwrap()
        .into_inner();
    let Some(pb::render_response::Body::Text(csv)) = r.body else {
        panic!("text body")
    };
    assert!(
        csv.contains("\nT2,A20_1.NORM,INFORCE,行政规范性文件,现行有效件数,5,8,3,number,number\n"),
        "{csv}"
    );
    // Without last year's report the comparison cannot be made: INPUT_MISSING naming `previous`.
    let e = c
        .render(pb::RenderRequest {
            input: text_input(&this_year),
            format: pb::RenderFormat::ComparisonHtml as i32,
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(e.code(), Code::InvalidArgument);
    let d = e.get_error_details();
    assert_eq!(d.error_info().unwrap().reason, "INPUT_MISSING");
    assert_eq!(
        d.bad_request().unwrap().field_violations[0].field,
        "previous"
    );

    let rules = c
        .list_rules(pb::ListRulesRequest {})
        .await
        .unwrap()
        .into_inner();
    let codes: Vec<&str> = rules.rules.iter().map(|r| r.code.as_str()).collect();
    for code in [
        "ARI001", "ARI002", "ARI003", "ARI004", "VAL001", "VAL002", "VAL004", "STR001", "STR002",
        "PRS001",
    ] {
        assert!(codes.contains(&code), "{code} missing");
    }
    assert!(
        rules
            .rules
            .iter()
            .all(|r| !r.description.is_empty() && r.default_severity != 0)
    );
}

#[tokio::test]
async fn health_reflection_and_compression() {
    use tonic_health::pb::{
        HealthCheckRequest, health_check_response::ServingStatus, health_client::HealthClient,
    };
    let s = TestServer::start(Default::default()).await;
    let mut h = HealthClient::new(channel(&s).await);
    for service in ["", "readiness", "nianbao.v1.ReportService"] {
        let r = h
            .check(HealthCheckRequest {
                service: service.into(),
            })
            .await
            .unwrap()
            .into_inner();
        assert_eq!(r.status, ServingStatus::Serving as i32, "{service}");
    }

    // The same request over reflection v1 and v1alpha (grpcurl 1.8.6 speaks only v1alpha).
    macro_rules! list_services {
        ($v:ident) => {{
            use tonic_reflection::pb::$v::{
                ServerReflectionRequest, server_reflection_client::ServerReflectionClient,
                server_reflection_request::MessageRequest,
                server_reflection_response::MessageResponse,
            };
            let mut r = ServerReflectionClient::new(channel(&s).await);
            let req = ServerReflectionRequest {
                host: String::new(),
                message_request: Some(MessageRequest::ListServices(String::new())),
            };
            let mut stream = r
                .server_reflection_info(tokio_stream::iter(vec![req]))
                .await
                .unwrap()
                .into_inner();
            let Some(MessageResponse::ListServicesResponse(l)) =
                stream.message().await.unwrap().unwrap().message_response
            else {
                panic!("no list_services response")
            };
            l.service
                .into_iter()
                .map(|s| s.name)
                .collect::<Vec<String>>()
        }};
    }
    for names in [list_services!(v1), list_services!(v1alpha)] {
        assert!(
            names.contains(&"nianbao.v1.ReportService".to_string())
                && names.contains(&"grpc.health.v1.Health".to_string()),
            "{names:?}"
        );
    }

    let mut c = client(&s)
        .await
        .send_compressed(tonic::codec::CompressionEncoding::Gzip)
        .accept_compressed(tonic::codec::CompressionEncoding::Zstd);
    let r = c
        .validate(pb::ValidateRequest {
            view: 0,
            previous: None,
            options: None,
            input: text_input(&seed_text()),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(r.verdict, pb::Verdict::Fail as i32);
}

#[tokio::test]
async fn oversized_request_is_refused() {
    let config = nianbao::server::Config {
        max_message_bytes: 4096,
        ..Default::default()
    };
    let s = TestServer::start(config).await;
    let mut c = client(&s).await;
    let e = c
        .validate(pb::ValidateRequest {
            view: 0,
            previous: None,
            options: None,
            input: text_input(&"一".repeat(5000)),
        })
        .await
        .unwrap_err();
    assert_eq!(e.code(), Code::OutOfRange, "{e:?}");
    // tonic refused it before the handler; the refusal still carries google.rpc details.
    let info = e
        .get_details_error_info()
        .expect("ErrorInfo on tonic's own refusal");
    assert_eq!(info.reason, "MESSAGE_TOO_LARGE");
    assert_eq!(info.domain, "nianbao.v1.ReportService");
    assert_eq!(info.metadata["max_message_bytes"], "4096");
    assert!(e.get_details_localized_message().is_some());
    // Still serving.
    let r = c.list_rules(pb::ListRulesRequest {}).await;
    assert!(r.is_ok());
}

#[tokio::test]
async fn shutdown_flips_health_then_exits() {
    use tonic_health::pb::{
        HealthCheckRequest, health_check_response::ServingStatus, health_client::HealthClient,
    };
    let config = nianbao::server::Config {
        drain_delay: Duration::from_millis(300),
        ..Default::default()
    };
    let mut s = TestServer::start(config).await;
    let mut h = HealthClient::new(channel(&s).await);
    s.shutdown();
    let mut status = ServingStatus::Serving as i32;
    for _ in 0..50 {
        status = h
            .check(HealthCheckRequest {
                service: "readiness".into(),
            })
            .await
            .map(|r| r.into_inner().status)
            .unwrap_or(-1);
        if status != ServingStatus::Serving as i32 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(status, ServingStatus::NotServing as i32);
    let r = tokio::time::timeout(Duration::from_secs(15), s.handle)
        .await
        .expect("server exits")
        .unwrap();
    assert!(r.is_ok());
}

#[tokio::test]
async fn previous_report_and_rule_options() {
    let s = TestServer::start(Default::default()).await;
    let mut c = client(&s).await;
    let cells = balanced_2021();
    let prev = structured(
        cells
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect(),
        2022,
    );
    // This year's 上年结转 自然人 is 2; last year's report carried 1 forward.
    let now = structured(
        cells
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect(),
        2023,
    );
    let req = pb::ValidateRequest {
        view: 0,
        input: Some(pb::ReportInput {
            source: Some(pb::report_input::Source::Report(now.clone())),
        }),
        previous: Some(pb::ReportInput {
            source: Some(pb::report_input::Source::Report(prev.clone())),
        }),
        options: None,
    };
    let r = c.validate(req).await.unwrap().into_inner();
    let x: Vec<&pb::Finding> = r.findings.iter().filter(|f| f.code == "XYR001").collect();
    assert_eq!(x.len(), 2, "{:#?}", r.findings);
    assert_eq!(
        (x[0].expected.as_deref(), x[0].actual.as_deref()),
        (Some("1"), Some("2"))
    );
    // Strict profile: the cross-year warnings become errors; ignore drops them again.
    let opts = |profile: pb::Profile, ignore: Vec<String>| pb::RuleOptions {
        profile: profile as i32,
        ignore,
        ..Default::default()
    };
    let req = |o: pb::RuleOptions| pb::ValidateRequest {
        view: 0,
        input: Some(pb::ReportInput {
            source: Some(pb::report_input::Source::Report(now.clone())),
        }),
        previous: Some(pb::ReportInput {
            source: Some(pb::report_input::Source::Report(prev.clone())),
        }),
        options: Some(o),
    };
    let r = c
        .validate(req(opts(pb::Profile::Strict, vec![])))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(r.verdict, pb::Verdict::Fail as i32);
    assert!(
        r.findings
            .iter()
            .any(|f| f.code == "XYR001" && f.severity == pb::Severity::Error as i32)
    );
    let r = c
        .validate(req(opts(pb::Profile::Strict, vec!["XYR".into()])))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(r.verdict, pb::Verdict::Pass as i32, "{:#?}", r.findings);
    // An unknown code is a bad request.
    let e = c
        .validate(req(opts(pb::Profile::Unspecified, vec!["NOPE1".into()])))
        .await
        .unwrap_err();
    assert_eq!(e.code(), Code::InvalidArgument);
    assert_eq!(
        e.get_details_bad_request().unwrap().field_violations[0].field,
        "options"
    );
}

#[tokio::test]
async fn summarize_stream_and_figures_against_last_year() {
    let s = TestServer::start(Default::default()).await;
    let mut c = client(&s).await;
    let cells = balanced_2021();
    let mk = |body: &str, year: u32| {
        let mut r = structured(
            cells
                .iter()
                .map(|(a, b)| (a.as_str(), b.as_str()))
                .collect(),
            year,
        );
        r.metadata.as_mut().unwrap().issuing_body = body.into();
        r
    };
    let msgs: Vec<pb::SummarizeStreamRequest> = (0..50)
        .map(|k| pb::SummarizeStreamRequest {
            input: Some(pb::ReportInput {
                source: Some(pb::report_input::Source::Report(mk(
                    &format!("局{k}"),
                    2023,
                ))),
            }),
            group: if k % 2 == 0 {
                "东区".into()
            } else {
                "西区".into()
            },
            exclude_failed: true,
            year: 0,
        })
        .chain(std::iter::once(pb::SummarizeStreamRequest {
            input: Some(pb::ReportInput {
                source: Some(pb::report_input::Source::Text("   ".into())),
            }),
            ..Default::default()
        }))
        .collect();
    let r = c
        .summarize_stream(tokio_stream::iter(msgs))
        .await
        .unwrap()
        .into_inner()
        .summary
        .unwrap();
    assert_eq!(r.included, 50);
    assert_eq!(r.reports.len(), 51);
    assert!(r.reports[50].excluded_reason.starts_with("unreadable"));
    assert_eq!(
        r.total
            .iter()
            .find(|f| f.id == "applications_new")
            .unwrap()
            .value,
        "500"
    );
    assert_eq!(
        r.groups.iter().map(|g| g.included).collect::<Vec<_>>(),
        [25, 25]
    );
    let e = c
        .summarize_stream(tokio_stream::iter(Vec::<pb::SummarizeStreamRequest>::new()))
        .await
        .unwrap_err();
    assert_eq!(e.code(), Code::InvalidArgument);

    // Validate with last year's report: key figures carry last year's value and the change.
    let mut prev = mk("局0", 2022);
    prev.cells
        .iter_mut()
        .filter(|c| c.id == "T3.R1.TOT")
        .for_each(|c| c.value = "7".into());
    let r = c
        .validate(pb::ValidateRequest {
            view: 0,
            input: Some(pb::ReportInput {
                source: Some(pb::report_input::Source::Report(mk("局0", 2023))),
            }),
            previous: Some(pb::ReportInput {
                source: Some(pb::report_input::Source::Report(prev)),
            }),
            options: None,
        })
        .await
        .unwrap()
        .into_inner();
    let f = r
        .figures
        .iter()
        .find(|f| f.id == "applications_new")
        .unwrap();
    assert_eq!(
        (
            f.value.as_str(),
            f.previous_value.as_str(),
            f.change.as_str()
        ),
        ("10", "7", "3")
    );
}

#[tokio::test]
async fn unknown_methods_are_refused_with_details() {
    let s = TestServer::start(Default::default()).await;
    let mut grpc = tonic::client::Grpc::new(channel(&s).await);
    grpc.ready().await.unwrap();
    let e = grpc
        .unary::<_, pb::ListRulesResponse, _>(
            tonic::Request::new(pb::ListRulesRequest {}),
            tonic::codegen::http::uri::PathAndQuery::from_static("/nianbao.v1.ReportService/Nope"),
            tonic_prost::ProstCodec::default(),
        )
        .await
        .unwrap_err();
    assert_eq!(e.code(), Code::Unimplemented, "{e:?}");
    assert_eq!(
        e.get_details_error_info().expect("ErrorInfo").reason,
        "METHOD_UNKNOWN"
    );
}

#[tokio::test]
async fn summary_view_leaves_out_the_cells_not_the_findings() {
    let s = TestServer::start(Default::default()).await;
    let mut c = client(&s).await;
    let req = |view: pb::ResponseView| pb::ValidateRequest {
        view: view as i32,
        previous: None,
        options: None,
        input: text_input(&seed_text()),
    };
    let full = c
        .validate(req(pb::ResponseView::Full))
        .await
        .unwrap()
        .into_inner();
    let summary = c
        .validate(req(pb::ResponseView::Summary))
        .await
        .unwrap()
        .into_inner();
    let report = summary.report.as_ref().unwrap();
    assert!(report.cells.is_empty() && report.sections.is_empty());
    assert_eq!(report.metadata, full.report.as_ref().unwrap().metadata);
    assert_eq!(summary.findings, full.findings);
    assert_eq!(summary.verdict, full.verdict);
    assert_eq!(summary.counts, full.counts);
    assert_eq!(summary.figures, full.figures);
    assert!(!full.report.unwrap().cells.is_empty());
    // An unknown view is a bad request, not silently the full one.
    let mut bad = req(pb::ResponseView::Full);
    bad.view = 9;
    let e = c.validate(bad).await.unwrap_err();
    assert_eq!(e.code(), Code::InvalidArgument);
    assert_eq!(e.get_details_error_info().unwrap().reason, "VIEW_UNKNOWN");
    assert_eq!(
        e.get_details_bad_request().unwrap().field_violations[0].field,
        "view"
    );
}

#[tokio::test]
async fn other_services_keep_their_own_errors() {
    use tonic_health::pb::{HealthCheckRequest, health_client::HealthClient};
    let s = TestServer::start(Default::default()).await;
    let mut h = HealthClient::new(channel(&s).await);
    let e = h
        .check(HealthCheckRequest {
            service: "no.such.Service".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(e.code(), Code::NotFound);
    assert!(
        e.get_details_error_info().is_none(),
        "health's own NOT_FOUND is not dressed as a nianbao refusal"
    );
}

fn pdf_file(name: &str, file_name: &str, media_type: &str) -> Option<pb::ReportInput> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    Some(pb::ReportInput {
        source: Some(pb::report_input::Source::File(pb::FileInput {
            content: std::fs::read(dir.join(name)).unwrap(),
            file_name: file_name.into(),
            media_type: media_type.into(),
        })),
    })
}

fn validate_req(input: Option<pb::ReportInput>) -> pb::ValidateRequest {
    pb::ValidateRequest {
        view: 0,
        previous: None,
        options: None,
        input,
    }
}

#[tokio::test]
async fn validate_pdf_files_by_name_media_type_or_signature() {
    let s = TestServer::start(Default::default()).await;
    let mut c = client(&s).await;
    for (name, media) in [("r.pdf", ""), ("", "application/pdf"), ("upload.bin", "")] {
        let r = c
            .validate(validate_req(pdf_file(
                "samples/004-hongze-qu-2023.pdf",
                name,
                media,
            )))
            .await
            .unwrap()
            .into_inner();
        let report = r.report.unwrap();
        let md = report.metadata.unwrap();
        assert_eq!(md.report_year, 2023, "{name} {media}");
        assert_eq!(md.issuing_body, "洪泽区人民政府");
        // The cells carry their page.
        let cell = report.cells.iter().find(|c| c.id == "T3.R1.NP").unwrap();
        assert_eq!(cell.value, "21");
        let at = cell.source.unwrap();
        assert!(at.page >= 2 && at.line >= 1 && at.column >= 2, "{at:?}");
        // The 表四 totals printed 0 beside results that are not: ARI004 with its page.
        let f = r.findings.iter().find(|f| f.code == "ARI004").unwrap();
        assert!(f.location.unwrap().page > 0);
    }
}

#[tokio::test]
async fn unreadable_pdfs_are_errors_with_details() {
    let s = TestServer::start(Default::default()).await;
    let mut c = client(&s).await;
    for (file, code, reason) in [
        ("pdf-bad/scan.pdf", Code::InvalidArgument, "PDF_NO_TEXT"),
        (
            "pdf-bad/encrypted.pdf",
            Code::InvalidArgument,
            "PDF_ENCRYPTED",
        ),
        ("pdf-bad/garbage.pdf", Code::InvalidArgument, "PDF_DAMAGED"),
        ("pdf-bad/flate-bomb.pdf", Code::OutOfRange, "PDF_TOO_LARGE"),
    ] {
        let e = c
            .validate(validate_req(pdf_file(file, "r.pdf", "")))
            .await
            .unwrap_err();
        assert_eq!(e.code(), code, "{file}");
        let info = e.get_details_error_info().unwrap();
        assert_eq!(info.reason, reason, "{file}");
        assert!(
            e.get_details_localized_message()
                .unwrap()
                .message
                .contains("PDF"),
            "{file}"
        );
        if reason == "PDF_TOO_LARGE" {
            assert_eq!(info.metadata["limit"], "max_pdf_ratio");
        }
        if reason == "PDF_NO_TEXT" {
            assert_eq!(info.metadata["images"], "2");
        }
    }
}

/// A message whose field 1 is a varint: not a ValidateRequest (whose field 1 is a message).
#[derive(Clone, PartialEq, prost::Message)]
struct NotAValidateRequest {
    #[prost(uint64, tag = "1")]
    input: u64,
}

/// tonic's own refusals are recognised by their code and structure, not their words: if a tonic
/// upgrade changes what they look like, this test fails (and `Refusal::of_tonic` needs a look).
#[tokio::test]
async fn tonic_refusals_keep_the_shape_they_are_recognised_by() {
    let s = TestServer::start(nianbao::server::Config {
        max_message_bytes: 4096,
        ..Default::default()
    })
    .await;
    let path = || {
        tonic::codegen::http::uri::PathAndQuery::from_static("/nianbao.v1.ReportService/Validate")
    };
    // Undecodable: INTERNAL without details from tonic, REQUEST_UNDECODABLE with them.
    let mut grpc = tonic::client::Grpc::new(channel(&s).await);
    grpc.ready().await.unwrap();
    let e = grpc
        .unary::<_, pb::ValidateResponse, _>(
            tonic::Request::new(NotAValidateRequest { input: 7 }),
            path(),
            tonic_prost::ProstCodec::default(),
        )
        .await
        .unwrap_err();
    assert_eq!(e.code(), Code::Internal, "{e:?}");
    assert_eq!(
        e.get_details_error_info().expect("ErrorInfo").reason,
        "REQUEST_UNDECODABLE"
    );
    // Too large: OUT_OF_RANGE.
    let mut c = client(&s).await;
    let e = c
        .validate(pb::ValidateRequest {
            input: text_input(&"x".repeat(5000)),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(e.code(), Code::OutOfRange, "{e:?}");
    let info = e.get_details_error_info().expect("ErrorInfo");
    assert_eq!(info.reason, "MESSAGE_TOO_LARGE");
    assert_eq!(info.metadata["max_message_bytes"], "4096");
    // An unsupported compression: UNIMPLEMENTED with grpc-accept-encoding.
    let ch = channel(&s).await;
    let body = {
        // One message flagged compressed, in an encoding the server does not accept.
        let mut b = vec![1u8, 0, 0, 0, 2];
        b.extend_from_slice(&[0x0a, 0x00]);
        b
    };
    let req = tonic::codegen::http::Request::builder()
        .method("POST")
        .uri(format!("{}/nianbao.v1.ReportService/Validate", s.url()))
        .header("content-type", "application/grpc")
        .header("te", "trailers")
        .header("grpc-encoding", "deflate")
        .body(tonic::body::Body::new(http_body_util::Full::new(
            bytes::Bytes::from(body),
        )))
        .unwrap();
    use tower::ServiceExt;
    let resp = ch.oneshot(req).await.unwrap();
    let status = tonic::Status::from_header_map(resp.headers()).expect("trailers-only refusal");
    assert_eq!(status.code(), Code::Unimplemented, "{status:?}");
    assert!(resp.headers().contains_key("grpc-accept-encoding"));
    assert_eq!(
        status.get_details_error_info().expect("ErrorInfo").reason,
        "COMPRESSION_UNSUPPORTED"
    );
}
