//! A relay of its own for tests that need a real one: on a runtime of its own, with the technician
//! "ana", read back through its store; and a TCP proxy in front of its HTTPS port that can
//! make it unreachable.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use lifeline_console::state::review::Recording;
use lifeline_protocol::messages::Party;
use lifeline_relay::store::UserRole;
use lifeline_relay::{Relay, RelayConfig, RelayHandle};

/// How long a test waits for anything.
pub const WAIT: Duration = Duration::from_secs(20);
/// Ana's password.
pub const PASSWORD: &str = "correct horse battery";

/// The technician's chat lines of a recording, in order.
pub fn technician_lines(recording: &Recording, until_us: u64) -> Vec<String> {
    recording
        .chat_until(until_us)
        .into_iter()
        .filter(|(_, c)| c.from == Party::Technician)
        .map(|(_, c)| c.text.clone())
        .collect()
}

/// A relay on a runtime of its own, with the technician "ana".
pub struct TestRelay {
    relay: Option<RelayHandle>,
    pub runtime: tokio::runtime::Runtime,
    _dir: tempfile::TempDir,
}

impl TestRelay {
    pub fn start() -> Self {
        lifeline_console::net::tls::install_crypto();
        let dir = tempfile::tempdir().unwrap();
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let relay = runtime.block_on(async {
            let relay = Relay::start(RelayConfig::loopback(dir.path()))
                .await
                .unwrap();
            relay
                .store()
                .create_user("ana", PASSWORD, UserRole::Technician)
                .await
                .unwrap();
            relay
        });
        Self {
            relay: Some(relay),
            runtime,
            _dir: dir,
        }
    }

    pub fn relay(&self) -> &RelayHandle {
        self.relay.as_ref().unwrap()
    }

    /// The only session's id, once the phone joined.
    pub fn session_id(&self) -> i64 {
        let store = self.relay().store().clone();
        let start = Instant::now();
        loop {
            let sessions = self.runtime.block_on(store.sessions(None, 10)).unwrap();
            match sessions.as_slice() {
                [] => assert!(start.elapsed() < WAIT, "no session started"),
                [one] => return one.id,
                more => panic!("{} sessions", more.len()),
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The recording the relay holds, with its chunk numbers.
    pub fn recording(&self, id: i64) -> (Vec<u32>, Recording) {
        let store = self.relay().store().clone();
        self.runtime.block_on(async {
            let chunks = store.record_chunks(id).await.unwrap();
            let bytes = store.recording(id).await.unwrap();
            (
                chunks.iter().map(|c| c.seq).collect(),
                Recording::parse(&bytes).unwrap(),
            )
        })
    }

    /// Waits until the relay's recording has a technician line `text`.
    pub fn wait_for_line(&self, id: i64, text: &str) -> (Vec<u32>, Recording) {
        let start = Instant::now();
        loop {
            let (seqs, recording) = self.recording(id);
            if technician_lines(&recording, u64::MAX)
                .iter()
                .any(|l| l == text)
            {
                return (seqs, recording);
            }
            assert!(start.elapsed() < WAIT, "{text:?} never reached the relay");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for TestRelay {
    fn drop(&mut self) {
        if let Some(relay) = self.relay.take() {
            self.runtime.block_on(relay.shutdown());
        }
    }
}

/// A TCP proxy in front of the relay's HTTPS port that can drop every connection.
pub struct Proxy {
    pub addr: SocketAddr,
    up: Arc<AtomicBool>,
    cut: tokio::sync::watch::Sender<u64>,
}

impl Proxy {
    pub fn start(runtime: &tokio::runtime::Runtime, target: SocketAddr) -> Self {
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let addr = listener.local_addr().unwrap();
        let up = Arc::new(AtomicBool::new(true));
        let (cut, cuts) = tokio::sync::watch::channel(0u64);
        let open = up.clone();
        runtime.spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                if !open.load(Ordering::SeqCst) {
                    continue;
                }
                let mut cuts = cuts.clone();
                // Only cuts from now on end this connection.
                cuts.borrow_and_update();
                tokio::spawn(async move {
                    let Ok(mut outbound) = tokio::net::TcpStream::connect(target).await else {
                        return;
                    };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
                        _ = cuts.changed() => {}
                    }
                });
            }
        });
        Self { addr, up, cut }
    }

    pub fn set_up(&self, up: bool) {
        self.up.store(up, Ordering::SeqCst);
        if !up {
            self.cut.send_modify(|n| *n += 1);
        }
    }
}
