//! How a client decides to trust the relay: a pinned certificate fingerprint, or CA roots.

use std::sync::{Arc, OnceLock};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};

use crate::fingerprint::CertFingerprint;

/// What makes the relay's certificate acceptable.
#[derive(Debug, Clone)]
pub enum ServerTrust {
    /// Exactly the certificate with this SHA-256 fingerprint (the relay's self-signed one, as
    /// the session link and the console's server setting carry it). Names and dates are not
    /// checked: the fingerprint names the certificate. The TLS 1.3 handshake signature is
    /// still verified, so only the holder of its private key gets through.
    Pinned(CertFingerprint),
    /// A chain to one of these roots, valid for the relay's host name (a CA-issued
    /// certificate). The caller supplies the roots (e.g. from the platform's store).
    Roots(Arc<RootCertStore>),
}

impl From<CertFingerprint> for ServerTrust {
    fn from(fingerprint: CertFingerprint) -> Self {
        Self::Pinned(fingerprint)
    }
}

/// The ring provider: the only one Lifeline uses.
pub(crate) fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// Accepts exactly one certificate, named by its fingerprint; the handshake signature is
/// still checked, so only the holder of its key gets through. Used for QUIC here and for
/// HTTPS to the relay by the console and the agent.
#[derive(Debug)]
pub struct PinnedCertVerifier {
    expected: CertFingerprint,
    provider: Arc<CryptoProvider>,
    /// The fingerprint of the certificate that did not match, kept for the error message.
    mismatch: Arc<OnceLock<CertFingerprint>>,
}

impl PinnedCertVerifier {
    /// A verifier pinning `expected`; a mismatching certificate's fingerprint lands in
    /// `mismatch`.
    pub fn new(
        expected: CertFingerprint,
        provider: Arc<CryptoProvider>,
        mismatch: Arc<OnceLock<CertFingerprint>>,
    ) -> Self {
        Self {
            expected,
            provider,
            mismatch,
        }
    }
}

impl ServerCertVerifier for PinnedCertVerifier {
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
            Ok(ServerCertVerified::assertion())
        } else {
            // Only the first mismatch of this connection is kept; there is only one.
            let _ = self.mismatch.set(got);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn check(verifier: &PinnedCertVerifier, der: &[u8]) -> Result<(), rustls::Error> {
        let name = ServerName::try_from("relay.example").unwrap();
        verifier
            .verify_server_cert(
                &CertificateDer::from(der.to_vec()),
                &[],
                &name,
                &[],
                UnixTime::now(),
            )
            .map(|_| ())
    }

    #[test]
    fn accepts_exactly_the_pinned_certificate_and_remembers_a_stranger() {
        let pinned = b"the relay's certificate";
        let seen = Arc::new(OnceLock::new());
        let verifier =
            PinnedCertVerifier::new(CertFingerprint::of_der(pinned), provider(), seen.clone());
        assert!(check(&verifier, pinned).is_ok());
        assert_eq!(seen.get(), None);
        let stranger = b"someone else's certificate";
        assert!(matches!(
            check(&verifier, stranger),
            Err(rustls::Error::InvalidCertificate(
                CertificateError::ApplicationVerificationFailure
            ))
        ));
        assert_eq!(seen.get(), Some(&CertFingerprint::of_der(stranger)));
        assert!(!verifier.supported_verify_schemes().is_empty());
    }
}
