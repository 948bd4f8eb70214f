use std::sync::Arc;
use std::time::Duration;

use lifeline_relay::{Relay, RelayConfig};
use reqwest::StatusCode;

use crate::common::install_crypto;

fn client_trusting(cert: Option<&rustls::pki_types::CertificateDer<'static>>) -> reqwest::Client {
    let mut roots = rustls::RootCertStore::empty();
    if let Some(cert) = cert {
        roots.add(cert.clone()).unwrap();
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

#[tokio::test]
async fn https_serves_the_relays_own_certificate() {
    install_crypto();
    let dir = tempfile::tempdir().unwrap();
    let relay = Relay::start(RelayConfig::loopback(dir.path()))
        .await
        .unwrap();
    assert_eq!(relay.public_url.scheme(), "https");
    let cert = relay.tls().cert_chain[0].clone();
    assert_eq!(
        relay.fingerprint,
        lifeline_protocol::CertFingerprint::of_der(&cert)
    );

    let url = format!("https://localhost:{}/healthz", relay.http_addr.port());
    let trusted = client_trusting(Some(&cert)).get(&url).send().await.unwrap();
    assert_eq!(trusted.status(), StatusCode::OK);
    assert_eq!(trusted.text().await.unwrap(), "{\"status\":\"ok\"}");
    let by_ip = format!("{}healthz", relay.public_url);
    let trusted = client_trusting(Some(&cert))
        .get(&by_ip)
        .send()
        .await
        .unwrap();
    assert_eq!(
        trusted.status(),
        StatusCode::OK,
        "the certificate names 127.0.0.1 too"
    );

    let untrusting = client_trusting(None).get(&url).send().await;
    assert!(
        untrusting.is_err(),
        "a client that does not trust the certificate is refused"
    );

    let plain = reqwest::Client::new()
        .get(format!(
            "http://127.0.0.1:{}/healthz",
            relay.http_addr.port()
        ))
        .send()
        .await;
    assert!(
        plain.map(|r| r.status() != StatusCode::OK).unwrap_or(true),
        "no plain HTTP"
    );
    relay.shutdown().await;
}
