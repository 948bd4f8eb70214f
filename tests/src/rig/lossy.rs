//! A bad network path between a phone and the relay.
//!
//! The first choice would be a Linux network namespace with `netem` on its link; the agent
//! runs in the test's own process, though, and cannot move into another namespace without
//! `unsafe` `setns`. So the loss and delay are made by a UDP forwarder on loopback that
//! the phone connects to instead of the relay: each datagram, either way, is dropped with a
//! given probability or passed on after a fixed delay. QUIC sees real packet loss.
//! [`netem_probe`] says whether the machine would have allowed `netem`, for the test's
//! output.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::net::UdpSocket;
use tokio::runtime::Runtime;

/// What the path does to each datagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Impairment {
    /// Datagrams lost, in percent.
    pub loss_percent: u32,
    /// Delay of every datagram that gets through, each way.
    pub delay: Duration,
    /// Seed of the loss pattern.
    pub seed: u64,
}

impl Impairment {
    /// 5 % loss and 100 ms delay each way.
    pub fn bad_mobile() -> Self {
        Self {
            loss_percent: 5,
            delay: Duration::from_millis(100),
            seed: 0x5eed,
        }
    }
}

/// Counts of the path's work.
#[derive(Debug, Default)]
pub struct PathStats {
    /// Datagrams passed on.
    pub forwarded: AtomicU64,
    /// Datagrams dropped.
    pub dropped: AtomicU64,
}

/// A running lossy path to `upstream`.
#[derive(Debug)]
pub struct LossyPath {
    /// Where to connect instead of the relay.
    pub addr: SocketAddr,
    /// What it did.
    pub stats: Arc<PathStats>,
    _runtime: Runtime,
}

/// Loss decisions: SplitMix64 over a counter, shared by both directions.
#[derive(Debug)]
struct Dice {
    state: AtomicU64,
    percent: u32,
}

impl Dice {
    fn lose(&self) -> bool {
        let mut z = self
            .state
            .fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed)
            .wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        z % 100 < u64::from(self.percent)
    }
}

impl LossyPath {
    /// Starts forwarding from a fresh loopback port to `upstream`.
    pub fn start(upstream: SocketAddr, impairment: Impairment) -> std::io::Result<Self> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("lossy-path")
            .enable_all()
            .build()?;
        let front = runtime.block_on(UdpSocket::bind("127.0.0.1:0"))?;
        let addr = front.local_addr()?;
        let stats = Arc::new(PathStats::default());
        let dice = Arc::new(Dice {
            state: AtomicU64::new(impairment.seed),
            percent: impairment.loss_percent,
        });
        runtime.spawn(forward(
            Arc::new(front),
            upstream,
            impairment.delay,
            dice,
            stats.clone(),
        ));
        Ok(Self {
            addr,
            stats,
            _runtime: runtime,
        })
    }

    /// Datagrams dropped so far.
    pub fn dropped(&self) -> u64 {
        self.stats.dropped.load(Ordering::Relaxed)
    }

    /// Datagrams passed on so far.
    pub fn forwarded(&self) -> u64 {
        self.stats.forwarded.load(Ordering::Relaxed)
    }
}

/// Passes `datagram` to `to` through `socket` after `delay`, unless the dice lose it.
fn pass(
    socket: &Arc<UdpSocket>,
    to: SocketAddr,
    datagram: Vec<u8>,
    delay: Duration,
    dice: &Dice,
    stats: &Arc<PathStats>,
) {
    if dice.lose() {
        stats.dropped.fetch_add(1, Ordering::Relaxed);
        return;
    }
    stats.forwarded.fetch_add(1, Ordering::Relaxed);
    let socket = socket.clone();
    tokio::spawn(async move {
        tokio::time::sleep(delay).await;
        // A send error is a lost datagram, like any other.
        let _ = socket.send_to(&datagram, to).await;
    });
}

/// Client datagrams arrive on `front`; each client gets its own socket towards `upstream`,
/// whose answers go back to that client.
async fn forward(
    front: Arc<UdpSocket>,
    upstream: SocketAddr,
    delay: Duration,
    dice: Arc<Dice>,
    stats: Arc<PathStats>,
) {
    let mut clients: HashMap<SocketAddr, Arc<UdpSocket>> = HashMap::new();
    let mut buf = vec![0u8; 65_536];
    loop {
        let Ok((n, from)) = front.recv_from(&mut buf).await else {
            return;
        };
        let back = match clients.get(&from) {
            Some(socket) => socket.clone(),
            None => {
                let Ok(socket) = UdpSocket::bind("127.0.0.1:0").await else {
                    continue;
                };
                let socket = Arc::new(socket);
                clients.insert(from, socket.clone());
                let (front, back, dice, stats) =
                    (front.clone(), socket.clone(), dice.clone(), stats.clone());
                tokio::spawn(async move {
                    let mut buf = vec![0u8; 65_536];
                    while let Ok((n, _)) = back.recv_from(&mut buf).await {
                        pass(&front, from, buf[..n].to_vec(), delay, &dice, &stats);
                    }
                });
                socket
            }
        };
        pass(&back, upstream, buf[..n].to_vec(), delay, &dice, &stats);
    }
}

/// Whether this machine would let a test put `netem` on a link in a network namespace, in
/// words (it needs root and iproute2).
pub fn netem_probe() -> String {
    let ns = format!("lifeline-probe-{}", std::process::id());
    let run = |args: &[&str]| {
        Command::new("ip")
            .args(args)
            .output()
            .map_err(|e| format!("ip: {e}"))
            .and_then(|out| {
                if out.status.success() {
                    Ok(())
                } else {
                    Err(String::from_utf8_lossy(&out.stderr).trim().to_owned())
                }
            })
    };
    let verdict = run(&["netns", "add", &ns]).and_then(|()| {
        let netem = run(&[
            "netns", "exec", &ns, "tc", "qdisc", "add", "dev", "lo", "root", "netem", "loss", "5%",
            "delay", "100ms",
        ]);
        let _ = run(&["netns", "del", &ns]);
        netem
    });
    match verdict {
        Ok(()) => "netem in a network namespace is available here, but the agent runs in \
                   this process and cannot enter the namespace"
            .into(),
        Err(why) => format!("netem in a network namespace is not available here ({why})"),
    }
}
