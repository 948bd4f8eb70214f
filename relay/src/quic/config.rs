//! The quinn server configuration: TLS 1.3 (ring) with the relay's certificate, ALPN
//! `lifeline/1`, the idle timeout, datagrams, and how much a client may make the relay buffer.

use std::sync::Arc;

use lifeline_protocol::ALPN;
use thiserror::Error;

use crate::config::Limits;
use crate::tls::TlsMaterial;

/// Unread bytes one connection may have in flight towards the relay, over all its streams.
/// quinn's default is unbounded; a client that opens many streams (before pairing, or with a
/// peer that does not read) would make the relay buffer them all.
const CONNECTION_RECEIVE_WINDOW: u32 = 8 * 1024 * 1024;

/// Streams a peer may have open at once. The protocol opens two bidirectional streams (the
/// handshake and control) and unidirectional ones for input, video and each file; quinn keeps
/// state for every stream a peer may open (100 of each by default), per connection. A peer
/// past the limit waits for one of its streams to end before opening the next.
const MAX_BIDI_STREAMS: u32 = 4;
const MAX_UNI_STREAMS: u32 = 16;

/// Why the QUIC server configuration could not be built.
#[derive(Debug, Error)]
pub enum ServerConfigError {
    /// rustls refused the certificate or key, or the protocol setup.
    #[error("the certificate cannot be used for QUIC: {0}")]
    Tls(#[from] rustls::Error),
    /// rustls' configuration has no cipher suite QUIC can use.
    #[error("TLS setup unusable for QUIC: {0}")]
    Quic(String),
    /// The idle timeout is beyond what QUIC can express.
    #[error("idle timeout {0:?} is too long for QUIC")]
    IdleTimeout(std::time::Duration),
}

/// The server configuration for the relay's endpoint.
pub(crate) fn server_config(
    tls: &TlsMaterial,
    limits: &Limits,
) -> Result<quinn::ServerConfig, ServerConfigError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut crypto = rustls::ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13])?
        .with_no_client_auth()
        .with_single_cert(tls.cert_chain.clone(), tls.key.clone_key())?;
    crypto.alpn_protocols = vec![ALPN.to_vec()];
    // No session tickets: each one costs the relay memory for every connection, and a client
    // reconnecting (after a lost connection) saves one round trip at most with it.
    crypto.send_tls13_tickets = 0;
    let quic = quinn::crypto::rustls::QuicServerConfig::try_from(crypto)
        .map_err(|e| ServerConfigError::Quic(e.to_string()))?;
    let mut transport = quinn::TransportConfig::default();
    let idle = quinn::IdleTimeout::try_from(limits.idle_timeout)
        .map_err(|_| ServerConfigError::IdleTimeout(limits.idle_timeout))?;
    transport.max_idle_timeout(Some(idle));
    transport.receive_window(quinn::VarInt::from_u32(CONNECTION_RECEIVE_WINDOW));
    transport.max_concurrent_bidi_streams(quinn::VarInt::from_u32(MAX_BIDI_STREAMS));
    transport.max_concurrent_uni_streams(quinn::VarInt::from_u32(MAX_UNI_STREAMS));
    // Peers acknowledge at quinn's pace (every second packet). Asking them to acknowledge
    // less often (every tenth, with the ACK frequency extension) saved the relay no
    // measurable time and held large frames back by the peer's 25 ms ACK delay whenever the
    // relay had to wait for an acknowledgement to send the end of a frame.
    // Datagrams are forwarded between peers; quinn's default buffer enables them.
    transport.datagram_receive_buffer_size(Some(1024 * 1024));
    let mut config = quinn::ServerConfig::with_crypto(Arc::new(quic));
    config.transport_config(Arc::new(transport));
    Ok(config)
}

/// Whether the connection negotiated `lifeline/1` (rustls refuses others already; this is
/// the relay's own check).
pub(crate) fn speaks_lifeline(conn: &quinn::Connection) -> bool {
    conn.handshake_data()
        .and_then(|data| data.downcast::<quinn::crypto::rustls::HandshakeData>().ok())
        .is_some_and(|data| data.protocol.as_deref() == Some(ALPN))
}
