//! How a relay is set up: where it keeps its data, where it listens, its limits.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Where the relay's TLS certificate comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TlsSource {
    /// A self-signed certificate created on first start and kept in the data dir.
    SelfSigned,
    /// The operator's own certificate chain and key, PEM files.
    Files {
        /// Certificate chain, PEM.
        cert: PathBuf,
        /// Private key, PEM.
        key: PathBuf,
    },
}

/// Limits that protect the relay and the sessions on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// QUIC connections open at once from one source address.
    pub connections_per_address: u32,
    /// Time a client has to complete the relay handshake.
    pub handshake_timeout: Duration,
    /// Largest handshake message, bytes.
    pub handshake_max_bytes: usize,
    /// A connection silent this long is closed.
    pub idle_timeout: Duration,
    /// Paired sessions at once.
    pub max_sessions: u32,
    /// Join attempts per source address per minute before backing off.
    pub join_attempts_per_minute: u32,
    /// Failed sign-ins per account or source address before throttling.
    pub login_failures_before_lock: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            connections_per_address: 16,
            handshake_timeout: Duration::from_secs(10),
            handshake_max_bytes: lifeline_protocol::framing::HANDSHAKE_MAX,
            idle_timeout: Duration::from_secs(30),
            max_sessions: 1000,
            join_attempts_per_minute: 10,
            login_failures_before_lock: 5,
        }
    }
}

/// Everything [`crate::Relay::start`] needs.
#[derive(Debug, Clone)]
pub struct RelayConfig {
    /// Database, certificate and recordings live here; created if missing.
    pub data_dir: PathBuf,
    /// HTTP(S) listen address (port 0 picks a free port).
    pub http_addr: SocketAddr,
    /// QUIC (UDP) listen address (port 0 picks a free port).
    pub quic_addr: SocketAddr,
    /// The URL customers reach the web pages at, used in join links; defaults to the HTTP
    /// listen address.
    pub public_url: Option<url::Url>,
    /// Certificate source.
    pub tls: TlsSource,
    /// Serve plain HTTP instead of HTTPS (loopback tests only).
    pub insecure_http: bool,
    /// Protective limits.
    pub limits: Limits,
}

impl RelayConfig {
    /// A relay on loopback with free ports, self-signed, for the console's local mode and
    /// tests.
    pub fn loopback(data_dir: impl Into<PathBuf>) -> Self {
        let any_port = SocketAddr::from(([127, 0, 0, 1], 0));
        Self {
            data_dir: data_dir.into(),
            http_addr: any_port,
            quic_addr: any_port,
            public_url: None,
            tls: TlsSource::SelfSigned,
            insecure_http: false,
            limits: Limits::default(),
        }
    }
}
