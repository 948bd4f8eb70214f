//! Where the relay is, and the QUIC client setup that reaches it.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use crate::ALPN;
use crate::fingerprint::CertFingerprint;
use crate::link::RelayAddr;

use super::connect::ConnectError;
use super::socket;
use super::trust::{PinnedCertVerifier, ServerTrust, provider};

/// How a client connects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectOptions {
    /// Reaching the relay and getting its first answer (welcome, waiting or refusal) must
    /// take at most this long. Waiting for the peer afterwards has no limit: the relay
    /// ends the wait when the code expires.
    pub timeout: Duration,
    /// A keep-alive goes out this often, so a party waiting for its peer, or a quiet session,
    /// stays connected.
    pub keep_alive: Duration,
    /// The connection is given up after this long without hearing from the relay. (The
    /// relay has its own, and the shorter one applies.)
    pub idle_timeout: Duration,
}

impl Default for ConnectOptions {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(10),
            keep_alive: Duration::from_secs(5),
            idle_timeout: Duration::from_secs(30),
        }
    }
}

/// The relay to connect to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RelayTarget {
    /// A host name or IP address and port, as links carry it; resolved at connect time.
    Addr(RelayAddr),
    /// A socket address, and the name to present (and, with CA roots, check) in TLS.
    Socket {
        /// Where the relay listens.
        addr: SocketAddr,
        /// The TLS server name.
        server_name: String,
    },
}

impl From<RelayAddr> for RelayTarget {
    fn from(addr: RelayAddr) -> Self {
        Self::Addr(addr)
    }
}

impl From<&RelayAddr> for RelayTarget {
    fn from(addr: &RelayAddr) -> Self {
        Self::Addr(addr.clone())
    }
}

impl From<SocketAddr> for RelayTarget {
    /// The address itself as the server name (fine with a pinned fingerprint).
    fn from(addr: SocketAddr) -> Self {
        Self::Socket {
            addr,
            server_name: addr.ip().to_string(),
        }
    }
}

impl fmt::Display for RelayTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Addr(addr) => write!(f, "{addr}"),
            Self::Socket { addr, .. } => write!(f, "{addr}"),
        }
    }
}

impl RelayTarget {
    /// The socket address to send to and the TLS server name.
    pub(crate) async fn resolve(&self) -> Result<(SocketAddr, String), ConnectError> {
        match self {
            Self::Socket { addr, server_name } => Ok((*addr, server_name.clone())),
            Self::Addr(relay) => {
                let unresolved = |detail: String| ConnectError::Unreachable {
                    relay: relay.to_string(),
                    detail,
                };
                let mut addrs = tokio::net::lookup_host((relay.host.as_str(), relay.port))
                    .await
                    .map_err(|e| unresolved(format!("cannot resolve the name: {e}")))?;
                let addr = addrs
                    .next()
                    .ok_or_else(|| unresolved("the name has no address".into()))?;
                Ok((addr, relay.host.clone()))
            }
        }
    }
}

/// A quinn client configuration, and what the pinning verifier saw.
#[derive(Debug)]
pub(crate) struct ClientSetup {
    pub(crate) config: quinn::ClientConfig,
    /// The pinned fingerprint and the slot where a mismatching certificate's lands.
    pub(crate) pin: Option<(CertFingerprint, Arc<OnceLock<CertFingerprint>>)>,
}

/// TLS 1.3 with the ring provider, ALPN `lifeline/1`, keep-alive and idle timeout.
pub(crate) fn client_setup(
    trust: &ServerTrust,
    options: &ConnectOptions,
) -> Result<ClientSetup, ConnectError> {
    let setup_error =
        |what: &str, e: &dyn fmt::Display| ConnectError::Setup(format!("{what}: {e}"));
    let provider = provider();
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_protocol_versions(&[&rustls::version::TLS13])
        .map_err(|e| setup_error("TLS 1.3 with the ring provider", &e))?;
    let (mut tls, pin) = match trust {
        ServerTrust::Pinned(expected) => {
            let slot = Arc::new(OnceLock::new());
            let verifier = PinnedCertVerifier::new(*expected, provider, slot.clone());
            let tls = builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(verifier))
                .with_no_client_auth();
            (tls, Some((*expected, slot)))
        }
        ServerTrust::Roots(roots) => (
            builder
                .with_root_certificates(roots.clone())
                .with_no_client_auth(),
            None,
        ),
    };
    tls.alpn_protocols = vec![ALPN.to_vec()];
    let quic = quinn::crypto::rustls::QuicClientConfig::try_from(tls)
        .map_err(|e| setup_error("QUIC over TLS", &e))?;
    let mut transport = quinn::TransportConfig::default();
    transport.keep_alive_interval(Some(options.keep_alive));
    let idle = quinn::IdleTimeout::try_from(options.idle_timeout)
        .map_err(|e| setup_error("idle timeout", &e))?;
    transport.max_idle_timeout(Some(idle));
    let mut config = quinn::ClientConfig::new(Arc::new(quic));
    config.transport_config(Arc::new(transport));
    Ok(ClientSetup { config, pin })
}

/// A client endpoint on an ephemeral port of `remote`'s address family, with a receive
/// buffer that holds a full-screen keyframe.
pub(crate) fn client_endpoint(remote: SocketAddr) -> Result<quinn::Endpoint, ConnectError> {
    let local: SocketAddr = match remote {
        SocketAddr::V4(_) => (Ipv4Addr::UNSPECIFIED, 0).into(),
        SocketAddr::V6(_) => (Ipv6Addr::UNSPECIFIED, 0).into(),
    };
    let (socket, _) =
        socket::bind_udp(local, socket::CLIENT_SOCKET_BUFFER).map_err(ConnectError::Socket)?;
    socket::endpoint(socket, None).map_err(ConnectError::Socket)
}
