//! HTTPS to the relay: its self-signed certificate pinned by fingerprint, or the platform's
//! trust store for a CA-issued one.

use std::sync::Arc;
use std::time::Duration;

use lifeline_protocol::CertFingerprint;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, SignatureScheme};

/// How long one API request may take.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// Installs ring as the process's rustls provider (reqwest is built without one). Safe to
/// call more than once.
pub fn install_crypto() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// Accepts the one certificate whose SHA-256 is the pinned fingerprint; the handshake
/// signature is still checked, so only the key's holder passes.
#[derive(Debug)]
struct Pinned {
    fingerprint: CertFingerprint,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for Pinned {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if self.fingerprint.matches(end_entity) {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::ApplicationVerificationFailure,
            ))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
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
            let verifier = Arc::new(Pinned {
                fingerprint,
                provider: provider.clone(),
            });
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
