//! Shared test helpers: an in-process server on port 0, and the sample fixtures.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::PathBuf;

use tokio::sync::oneshot;

/// A server running in-process.
pub struct TestServer {
    pub addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    pub handle: tokio::task::JoinHandle<anyhow::Result<()>>,
}

impl TestServer {
    /// Starts the real server on 127.0.0.1:0.
    pub async fn start(config: nianbao::server::Config) -> TestServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = oneshot::channel::<()>();
        let handle = tokio::spawn(nianbao::server::serve(listener, config, async {
            let _ = rx.await;
        }));
        TestServer {
            addr,
            stop: Some(tx),
            handle,
        }
    }

    /// The endpoint URL.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Asks the server to shut down.
    pub fn shutdown(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
    }
}

/// A sample fixture's path.
pub fn sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/samples")
        .join(name)
}

/// The seed sample's text.
pub fn seed_text() -> String {
    std::fs::read_to_string(sample("xinqing-zhen-2020.txt")).unwrap()
}

/// The real binary, started with `serve` on 127.0.0.1:0 (JSON logs captured).
pub struct Binary {
    pub child: std::process::Child,
    pub addr: String,
}

impl Binary {
    /// Starts `nianbao serve` with extra arguments.
    pub fn start(extra: &[&str]) -> Binary {
        Binary::start_with_env(extra, &[], &[])
    }

    /// Starts `nianbao serve` with extra arguments, environment variables set and removed.
    pub fn start_with_env(extra: &[&str], set: &[(&str, &str)], remove: &[&str]) -> Binary {
        use std::io::BufRead;
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"));
        cmd.args(["serve", "--addr", "127.0.0.1:0", "--log-format", "json"])
            .args(extra)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        for (k, v) in set {
            cmd.env(k, v);
        }
        for k in remove {
            cmd.env_remove(k);
        }
        let mut child = cmd.spawn().expect("start nianbao");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let v: serde_json::Value = serde_json::from_str(&line).expect("first stdout line is JSON");
        let addr = v["listening"].as_str().unwrap().to_string();
        Binary { child, addr }
    }

    /// Sends SIGTERM and returns (exit success, stderr).
    pub fn stop(self) -> (bool, String) {
        let pid = self.child.id().to_string();
        std::process::Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap();
        let out = self.child.wait_with_output().unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

/// Whether the health service at `url` says `service` is SERVING (a fresh plaintext connection).
#[allow(dead_code)]
pub async fn serving(url: &str, service: &str) -> bool {
    let ch = tonic::transport::Channel::from_shared(url.to_string())
        .unwrap()
        .connect()
        .await
        .unwrap();
    let status = tonic_health::pb::health_client::HealthClient::new(ch)
        .check(tonic_health::pb::HealthCheckRequest {
            service: service.into(),
        })
        .await
        .unwrap()
        .into_inner()
        .status;
    status == tonic_health::pb::health_check_response::ServingStatus::Serving as i32
}
