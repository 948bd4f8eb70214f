//! The relay's certificate: self-signed on first start and kept in the data dir, or the
//! operator's own PEM files. The same certificate serves HTTPS and QUIC; clients pin its
//! SHA-256 [`CertFingerprint`].

mod self_signed;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lifeline_protocol::CertFingerprint;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use thiserror::Error;

use crate::config::TlsSource;

pub(crate) use self_signed::host_name;

/// File name of the self-signed certificate in the data dir.
pub const CERT_FILE: &str = "cert.pem";
/// File name of the self-signed certificate's private key in the data dir.
pub const KEY_FILE: &str = "key.pem";

/// Why the relay's certificate could not be loaded or created.
#[derive(Debug, Error)]
pub enum TlsError {
    /// A certificate or key file could not be read or written.
    #[error("{action} {path}: {cause}")]
    Io {
        /// What was being done, e.g. "could not read".
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The cause.
        cause: io::Error,
    },
    /// A PEM file holds no usable certificate or key.
    #[error("{path} is not a usable PEM {what}: {detail}")]
    Pem {
        /// "certificate chain" or "private key".
        what: &'static str,
        /// The file.
        path: PathBuf,
        /// What the PEM parser said.
        detail: String,
    },
    /// The data dir holds a certificate without its key.
    #[error(
        "{cert} exists but its key {key} is missing; restore the key, or remove the certificate \
         to create a new one (clients that pinned the old fingerprint will need the new one)"
    )]
    MissingKey {
        /// The certificate file.
        cert: PathBuf,
        /// The key file expected beside it.
        key: PathBuf,
    },
    /// Creating the self-signed certificate failed.
    #[error("could not create a self-signed certificate: {0}")]
    Generate(rcgen::Error),
    /// rustls refused the certificate and key (e.g. they do not belong together).
    #[error("the certificate and key cannot be used for TLS: {0}")]
    Rustls(rustls::Error),
}

// Conversions without `#[from]`: the messages above already carry the cause, so the errors
// expose no `source()` (a report would print the cause twice).
impl From<rcgen::Error> for TlsError {
    fn from(err: rcgen::Error) -> Self {
        Self::Generate(err)
    }
}

impl From<rustls::Error> for TlsError {
    fn from(err: rustls::Error) -> Self {
        Self::Rustls(err)
    }
}

/// The relay's certificate chain and key, and the fingerprint clients pin.
pub struct TlsMaterial {
    /// The chain, leaf first.
    pub cert_chain: Vec<CertificateDer<'static>>,
    /// The leaf's private key.
    pub key: PrivateKeyDer<'static>,
    /// SHA-256 of the leaf certificate's DER.
    pub fingerprint: CertFingerprint,
}

impl Clone for TlsMaterial {
    fn clone(&self) -> Self {
        Self {
            cert_chain: self.cert_chain.clone(),
            key: self.key.clone_key(),
            fingerprint: self.fingerprint,
        }
    }
}

impl std::fmt::Debug for TlsMaterial {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsMaterial")
            .field("certificates", &self.cert_chain.len())
            .field("fingerprint", &self.fingerprint)
            .finish_non_exhaustive()
    }
}

impl TlsMaterial {
    /// Wraps a chain and key, computing the leaf's fingerprint. `None` if the chain is empty.
    pub fn new(
        cert_chain: Vec<CertificateDer<'static>>,
        key: PrivateKeyDer<'static>,
    ) -> Option<Self> {
        let fingerprint = CertFingerprint::of_der(cert_chain.first()?);
        Some(Self {
            cert_chain,
            key,
            fingerprint,
        })
    }

    /// A rustls server configuration (ring provider, safe default protocol versions, no client
    /// authentication) serving this certificate with the given ALPN protocols.
    pub fn server_config(&self, alpn: &[&[u8]]) -> Result<rustls::ServerConfig, TlsError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()?
            .with_no_client_auth()
            .with_single_cert(self.cert_chain.clone(), self.key.clone_key())?;
        config.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
        Ok(config)
    }
}

/// Loads the relay's certificate, creating the self-signed one on first start.
///
/// - [`TlsSource::SelfSigned`]: `DATA_DIR/cert.pem` and `DATA_DIR/key.pem` are reused when
///   present, otherwise created (SANs `localhost`, `127.0.0.1`, `::1` and the host name; the
///   key file is readable by its owner only).
/// - [`TlsSource::Files`]: the operator's PEM chain and key.
///
/// Either way the pair is checked with rustls before it is returned.
pub fn load_or_create(data_dir: &Path, source: &TlsSource) -> Result<TlsMaterial, TlsError> {
    let material = match source {
        TlsSource::SelfSigned => self_signed::load_or_create(data_dir)?,
        TlsSource::Files { cert, key } => load_files(cert, key)?,
    };
    material.server_config(&[])?;
    Ok(material)
}

/// Reads a PEM certificate chain and private key.
pub fn load_files(cert: &Path, key: &Path) -> Result<TlsMaterial, TlsError> {
    let chain_pem = read(cert)?;
    let key_pem = read(key)?;
    let pem_error = |what, path: &Path, detail: String| TlsError::Pem {
        what,
        path: path.to_owned(),
        detail,
    };
    let chain = CertificateDer::pem_slice_iter(&chain_pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| pem_error("certificate chain", cert, e.to_string()))?;
    let key_der = PrivateKeyDer::from_pem_slice(&key_pem)
        .map_err(|e| pem_error("private key", key, e.to_string()))?;
    TlsMaterial::new(chain, key_der)
        .ok_or_else(|| pem_error("certificate chain", cert, "no certificate found".into()))
}

fn read(path: &Path) -> Result<Vec<u8>, TlsError> {
    std::fs::read(path).map_err(|cause| TlsError::Io {
        action: "could not read",
        path: path.to_owned(),
        cause,
    })
}

#[cfg(test)]
mod tests;
