//! The relay's QUIC endpoint: handshakes, pairing by code, stream splicing, limits.
//!
//! Every connection goes through the same steps, each bounded:
//!
//! 1. *Arrival* ([`QuicServer`]'s accept loop): refused outright when its source address
//!    (IPv4, or IPv6 /64) already holds `connections_per_address` connections.
//! 2. *Handshake* (`connection`, `handshake`): QUIC + TLS 1.3 with ALPN `lifeline/1`,
//!    then one [`ClientHello`](lifeline_protocol::messages::handshake::ClientHello) frame on
//!    the first bidirectional stream, at most `handshake_max_bytes`, all within
//!    `handshake_timeout`. Garbage, oversized, slow or wrong-ALPN handshakes are closed with
//!    `BadHandshake` and counted; they cost nothing else.
//! 3. *Join* (`join`, `hub`): the source's join budget, the token and code lookups, and
//!    the pairing core's verdict: refused (with its reason), busy, waiting, or paired.
//! 4. *Waiting* (`waiting`): `Waiting` is sent; the party waits for the peer, until the
//!    code expires (`Rejected { Expired }`), a newer technician connection displaces it, it
//!    leaves (the code stays pending), or the relay shuts down.
//! 5. *Session* (`session`, `splice`): the record is opened, both sides get `Welcome`
//!    and `PeerJoined`, and streams and datagrams are forwarded opaquely with byte counts.
//!    When one side goes, the record is closed, the other side gets `PeerLeft { clean }`
//!    and is closed.

// Every connection holds one task for the whole session: a future awaited inside it that is
// larger than `future-size-threshold` (clippy.toml) is boxed, so that only what a session
// needs while it runs stays allocated.
#![warn(clippy::large_futures)]

mod config;
mod connection;
mod context;
mod handshake;
mod hub;
mod join;
mod link;
mod records;
mod session;
mod splice;
mod udp;
mod waiting;

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use lifeline_protocol::messages::handshake::CloseCode;
use lifeline_protocol::quic::socket;
use thiserror::Error;
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};
use tracing::{debug, info, warn};

use crate::config::Limits;
use crate::metrics::Metrics;
use crate::pairing::PairingRules;
use crate::server::Clock;
use crate::store::Store;
use crate::tls::TlsMaterial;

pub use config::ServerConfigError;

use context::{ConnectionGuard, Context};
use hub::Hub;

/// How long connections get to wind up (sessions closing their records) at shutdown.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Everything the QUIC endpoint needs.
#[derive(Debug)]
pub struct QuicSetup {
    /// UDP address to listen on (port 0 picks one).
    pub listen: SocketAddr,
    /// Protective limits.
    pub limits: Limits,
    /// The relay's certificate and key.
    pub tls: TlsMaterial,
    /// Users, codes and session records.
    pub store: Store,
    /// Relay-wide counters.
    pub metrics: Arc<Metrics>,
    /// Wall-clock time for code expiry and the budgets.
    pub clock: Arc<dyn Clock>,
}

/// Why the QUIC endpoint could not start.
#[derive(Debug, Error)]
pub enum QuicStartError {
    /// The TLS/QUIC configuration was refused.
    #[error(transparent)]
    Config(#[from] ServerConfigError),
    /// The UDP socket could not be bound.
    #[error("could not listen on UDP {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// The cause.
        source: io::Error,
    },
}

/// The running QUIC endpoint.
#[derive(Debug)]
pub struct QuicServer {
    local_addr: SocketAddr,
    shutdown: watch::Sender<bool>,
    accept_loop: JoinHandle<()>,
}

impl QuicServer {
    /// Binds the endpoint and starts accepting connections. Must be called within a tokio
    /// runtime.
    pub fn start(setup: QuicSetup) -> Result<Self, QuicStartError> {
        let QuicSetup {
            listen,
            limits,
            tls,
            store,
            metrics,
            clock,
        } = setup;
        let config = config::server_config(&tls, &limits)?;
        let bind_error = |source| QuicStartError::Bind {
            addr: listen,
            source,
        };
        let (socket, buffers) =
            socket::bind_udp(listen, socket::SERVER_SOCKET_BUFFER).map_err(bind_error)?;
        // A relay on loopback (the console's local mode, tests) serves a few sessions on this
        // machine; a capped buffer matters to one that serves many.
        if buffers.receive_capped(socket::SERVER_SOCKET_BUFFER) && !listen.ip().is_loopback() {
            warn!(
                granted_kib = buffers.receive / 1024,
                wanted_kib = socket::SERVER_SOCKET_BUFFER / 1024,
                "the UDP receive buffer is smaller than asked: bursts from many sessions may \
                 be dropped and resent late; raise net.core.rmem_max"
            );
        }
        let endpoint = udp::endpoint(socket, config, Arc::clone(&metrics)).map_err(bind_error)?;
        let local_addr = endpoint.local_addr().map_err(bind_error)?;
        info!(
            receive_kib = buffers.receive / 1024,
            send_kib = buffers.send / 1024,
            "UDP socket buffers"
        );
        let (shutdown, shutdown_rx) = watch::channel(false);
        let ctx = Arc::new(Context {
            store,
            metrics,
            hub: Hub::new(PairingRules::from_limits(&limits)),
            limits,
            clock,
            shutdown: shutdown_rx,
        });
        info!(%local_addr, "QUIC relay listening");
        let accept_loop = tokio::spawn(accept_loop(endpoint, ctx));
        Ok(Self {
            local_addr,
            shutdown,
            accept_loop,
        })
    }

    /// The UDP address the endpoint is bound to.
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// Stops accepting, tells paired clients (`RelayNotice::Shutdown`), closes every
    /// connection and every open session record, and waits (a few seconds at most) for that.
    pub async fn shutdown(self) {
        let _ = self.shutdown.send(true);
        let _ = self.accept_loop.await;
    }
}

/// Accepts connections until shutdown; then winds them up.
async fn accept_loop(endpoint: quinn::Endpoint, ctx: Arc<Context>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            incoming = endpoint.accept() => {
                let Some(incoming) = incoming else { break };
                let ip = incoming.remote_address().ip();
                match ctx.hub.connection_opened(ip) {
                    Ok(()) => {
                        let guard = ConnectionGuard::new(ctx.clone(), ip);
                        connections.spawn(connection::serve(ctx.clone(), Box::new(incoming), guard));
                    }
                    Err(refused) => {
                        debug!("refused a connection: {refused}");
                        incoming.refuse();
                    }
                }
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            () = ctx.shutting_down() => break,
        }
    }
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, async {
        while connections.join_next().await.is_some() {}
    })
    .await;
    connections.shutdown().await;
    let code = CloseCode::Shutdown;
    endpoint.close(
        quinn::VarInt::from_u32(code.code()),
        code.to_string().as_bytes(),
    );
    let _ = tokio::time::timeout(Duration::from_secs(1), endpoint.wait_idle()).await;
    info!("QUIC relay stopped");
}
