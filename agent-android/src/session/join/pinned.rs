//! A TLS verifier for the join page that accepts exactly one certificate, named by its
//! SHA-256 fingerprint (the relay's self-signed certificate serves its pages and its QUIC
//! endpoint alike).

use std::sync::{Arc, OnceLock};

use lifeline_protocol::CertFingerprint;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, SignatureScheme};

/// Accepts the certificate whose fingerprint is `expected`; remembers a stranger's.
#[derive(Debug)]
pub(super) struct PinnedVerifier {
    expected: CertFingerprint,
    provider: Arc<CryptoProvider>,
    seen: Arc<OnceLock<CertFingerprint>>,
}

impl PinnedVerifier {
    /// A verifier for `expected`; the fingerprint of a certificate that does not match lands
    /// in `seen`.
    pub(super) fn new(
        expected: CertFingerprint,
        provider: Arc<CryptoProvider>,
        seen: Arc<OnceLock<CertFingerprint>>,
    ) -> Self {
        Self {
            expected,
            provider,
            seen,
        }
    }
}

impl ServerCertVerifier for PinnedVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let got = CertFingerprint::of_der(end_entity);
        if got == self.expected {
            return Ok(ServerCertVerified::assertion());
        }
        // One certificate per connection: the first stranger is the one to report.
        let _ = self.seen.set(got);
        Err(rustls::Error::InvalidCertificate(
            CertificateError::ApplicationVerificationFailure,
        ))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_only_the_pinned_certificate() {
        let seen = Arc::new(OnceLock::new());
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let verifier =
            PinnedVerifier::new(CertFingerprint::of_der(b"mine"), provider, seen.clone());
        let name = ServerName::try_from("127.0.0.1").unwrap();
        let check = |der: &[u8]| {
            verifier
                .verify_server_cert(
                    &CertificateDer::from(der.to_vec()),
                    &[],
                    &name,
                    &[],
                    UnixTime::now(),
                )
                .is_ok()
        };
        assert!(check(b"mine"));
        assert!(seen.get().is_none());
        assert!(!check(b"theirs"));
        assert_eq!(seen.get(), Some(&CertFingerprint::of_der(b"theirs")));
    }
}
