//! TLS and mutual TLS with certificates made at test time (rcgen): a client with a certificate
//! from the configured CA is served; none, or one from another CA, is refused; the plaintext
//! health listener still answers.

use std::time::Duration;

use nianbao::pb::{self, report_service_client::ReportServiceClient};
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
use tonic::transport::{Certificate, Channel, ClientTlsConfig, Identity};

struct Ca {
    params: CertificateParams,
    key: KeyPair,
    pem: String,
}

fn make_ca(name: &str) -> Ca {
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.distinguished_name.push(DnType::CommonName, name);
    let key = KeyPair::generate().unwrap();
    let pem = params.self_signed(&key).unwrap().pem();
    Ca { params, key, pem }
}

fn leaf(ca: &Ca, cn: &str, sans: &[&str]) -> (String, String) {
    let mut params =
        CertificateParams::new(sans.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap();
    params.distinguished_name.push(DnType::CommonName, cn);
    let key = KeyPair::generate().unwrap();
    let issuer = Issuer::from_params(&ca.params, &ca.key);
    (
        params.signed_by(&key, &issuer).unwrap().pem(),
        key.serialize_pem(),
    )
}

fn request() -> pb::ValidateRequest {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/samples/xinqing-zhen-2020.txt"
    ))
    .unwrap();
    pb::ValidateRequest {
        view: 0,
        input: Some(pb::ReportInput {
            source: Some(pb::report_input::Source::Text(text)),
        }),
        previous: None,
        options: None,
    }
}

async fn client(
    addr: &str,
    ca_pem: &str,
    identity: Option<(&str, &str)>,
) -> Result<ReportServiceClient<Channel>, tonic::transport::Error> {
    let mut tls = ClientTlsConfig::new()
        .ca_certificate(Certificate::from_pem(ca_pem))
        .domain_name("localhost");
    if let Some((c, k)) = identity {
        tls = tls.identity(Identity::from_pem(c, k));
    }
    let ch = Channel::from_shared(format!("https://{addr}"))
        .unwrap()
        .tls_config(tls)?
        .timeout(Duration::from_secs(5))
        .connect()
        .await?;
    Ok(ReportServiceClient::new(ch))
}

#[tokio::test]
async fn mutual_tls() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let ca = make_ca("nianbao test CA");
    let rogue = make_ca("rogue CA");
    let (server_cert, server_key) = leaf(&ca, "nianbao", &["localhost", "127.0.0.1"]);
    let (client_cert, client_key) = leaf(&ca, "partner-system", &[]);
    let (rogue_cert, rogue_key) = leaf(&rogue, "intruder", &[]);

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let health = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let (addr, haddr) = (
        listener.local_addr().unwrap().to_string(),
        health.local_addr().unwrap().to_string(),
    );
    let config = nianbao::server::Config {
        tls: Some(nianbao::server::Tls {
            cert: server_cert.into_bytes(),
            key: server_key.into_bytes(),
            client_ca: Some(ca.pem.clone().into_bytes()),
        }),
        ..Default::default()
    };
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let handle = tokio::spawn(nianbao::server::serve_with_health(
        listener,
        Some(health),
        config,
        async {
            let _ = rx.await;
        },
    ));

    // A client certificate from the CA: served.
    let mut ok = client(&addr, &ca.pem, Some((&client_cert, &client_key)))
        .await
        .unwrap();
    let r = ok.validate(request()).await.unwrap().into_inner();
    assert_eq!(r.verdict, pb::Verdict::Fail as i32);

    // No client certificate, or one from another CA: refused at the handshake.
    for id in [None, Some((rogue_cert.as_str(), rogue_key.as_str()))] {
        match client(&addr, &ca.pem, id).await {
            Err(_) => {}
            Ok(mut c) => assert!(c.validate(request()).await.is_err(), "refused"),
        }
    }
    // Plaintext on the TLS port: refused.
    let plain = Channel::from_shared(format!("http://{addr}"))
        .unwrap()
        .connect()
        .await;
    if let Ok(ch) = plain {
        assert!(
            ReportServiceClient::new(ch)
                .validate(request())
                .await
                .is_err()
        );
    }

    // The plaintext health listener answers (kubelet probes send no certificate).
    let ch = Channel::from_shared(format!("http://{haddr}"))
        .unwrap()
        .connect()
        .await
        .unwrap();
    let mut h = tonic_health::pb::health_client::HealthClient::new(ch);
    let st = h
        .check(tonic_health::pb::HealthCheckRequest {
            service: "readiness".into(),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        st.status,
        tonic_health::pb::health_check_response::ServingStatus::Serving as i32
    );

    let _ = tx.send(());
    assert!(
        tokio::time::timeout(Duration::from_secs(15), handle)
            .await
            .unwrap()
            .unwrap()
            .is_ok()
    );
}
