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
