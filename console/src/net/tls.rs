//! HTTPS to the relay: its self-signed certificate pinned by fingerprint, or the platform's
//! trust store for a CA-issued one.

use std::sync::Arc;
use std::time::Duration;

use lifeline_protocol::CertFingerprint;
use lifeline_protocol::quic::trust::PinnedCertVerifier;

/// How long one API request may take.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// Installs ring as the process's rustls provider (reqwest is built without one). Safe to
/// call more than once.
pub fn install_crypto() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// An HTTP client for the relay: pinned when `fingerprint` is given, else the platform's
/// roots.
pub fn http_client(fingerprint: Option<CertFingerprint>) -> Result<reqwest::Client, String> {
    install_crypto();
    let builder = reqwest::Client::builder()
        .timeout(REQUEST_TIMEOUT)
        .connect_timeout(REQUEST_TIMEOUT)
        .user_agent(concat!("lifeline-console/", env!("CARGO_PKG_VERSION")));
    let builder = match fingerprint {
        Some(fingerprint) => {
            let provider = Arc::new(rustls::crypto::ring::default_provider());
            let verifier = Arc::new(PinnedCertVerifier::new(
                fingerprint,
                provider.clone(),
                Arc::default(),
            ));
            let tls = rustls::ClientConfig::builder_with_provider(provider)
                .with_safe_default_protocol_versions()
                .map_err(|e| e.to_string())?
                .dangerous()
                .with_custom_certificate_verifier(verifier)
                .with_no_client_auth();
            builder.tls_backend_preconfigured(tls)
        }
        None => builder,
    };
    builder.build().map_err(|e| e.to_string())
}
