//! Hand-made clients that misbehave: raw quinn with a chosen ALPN, trusting the relay's
//! certificate as a root.

use std::net::SocketAddr;
use std::sync::Arc;

use lifeline_relay::RelayHandle;

/// A quinn client endpoint offering `alpn`, trusting exactly `relay`'s certificate.
pub(crate) fn client(relay: &RelayHandle, alpn: &[u8]) -> (quinn::Endpoint, quinn::ClientConfig) {
    let mut roots = rustls::RootCertStore::empty();
    roots.add(relay.tls().cert_chain[0].clone()).unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13])
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    tls.alpn_protocols = vec![alpn.to_vec()];
    let quic = quinn::crypto::rustls::QuicClientConfig::try_from(tls).unwrap();
    let config = quinn::ClientConfig::new(Arc::new(quic));
    let endpoint = quinn::Endpoint::client(SocketAddr::from(([127, 0, 0, 1], 0))).unwrap();
    (endpoint, config)
}

/// Connects with `alpn`.
pub(crate) async fn connect(
    relay: &RelayHandle,
    alpn: &[u8],
) -> Result<(quinn::Endpoint, quinn::Connection), quinn::ConnectionError> {
    let (endpoint, config) = client(relay, alpn);
    let connecting = endpoint
        .connect_with(config, relay.quic_addr, "127.0.0.1")
        .unwrap();
    let conn = connecting.await?;
    Ok((endpoint, conn))
}
