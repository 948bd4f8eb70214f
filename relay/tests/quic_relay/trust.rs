//! Certificate pinning and CA roots, as the client checks them.

use std::sync::Arc;

use lifeline_protocol::CertFingerprint;
use lifeline_protocol::quic::{ConnectError, ServerTrust};

use crate::common::{TestRelay, customer_hello, options, within};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_fingerprint_is_a_certificate_mismatch() {
    let relay = TestRelay::start().await;
    let expected = CertFingerprint::of_der(b"some other certificate");
    let hello = customer_hello("123 456 789".parse().unwrap(), "Marie");
    let result = within(
        "connect",
        lifeline_protocol::quic::connect(
            relay.target(),
            &ServerTrust::Pinned(expected),
            &hello,
            &options(),
        ),
    )
    .await;
    match result {
        Err(ConnectError::CertificateMismatch { expected: e, got }) => {
            assert_eq!(e, expected);
            assert_eq!(got, relay.relay.fingerprint);
        }
        Err(other) => panic!("expected a mismatch, got {other}"),
        Ok(_) => panic!("expected a mismatch, connected"),
    }
    // The relay sees the client's alert a moment after the client gave up.
    crate::common::eventually("the failed handshake is counted", async || {
        relay
            .relay
            .metrics()
            .render()
            .contains("lifeline_handshakes_failed_total 1\n")
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ca_roots_work_and_an_unknown_issuer_is_untrusted() {
    let relay = TestRelay::start().await;
    let tech = relay.technician("alice").await;
    let code = relay.code(&tech).await;

    let mut roots = rustls::RootCertStore::empty();
    roots.add(relay.relay.tls().cert_chain[0].clone()).unwrap();
    let trusted = ServerTrust::Roots(Arc::new(roots));
    let admitted = within(
        "connect",
        lifeline_protocol::quic::admit(relay.target(), &trusted, &tech.hello(code), &options()),
    )
    .await
    .unwrap();
    assert!(admitted.is_waiting());

    let nobody = ServerTrust::Roots(Arc::new(rustls::RootCertStore::empty()));
    let result = within(
        "connect",
        lifeline_protocol::quic::admit(relay.target(), &nobody, &tech.hello(code), &options()),
    )
    .await;
    assert!(
        matches!(result, Err(ConnectError::UntrustedCertificate { .. })),
        "{:?}",
        result.err()
    );
    assert!(matches!(
        ServerTrust::from_link(None),
        Err(ConnectError::NoFingerprint)
    ));
}
