//! The links the relay hands out: join URLs (its public web address) and deep links (its
//! QUIC address and certificate fingerprint).

use lifeline_protocol::link::{DeepLink, JoinUrl, RelayAddr};
use lifeline_protocol::{CertFingerprint, SessionCode};
use thiserror::Error;
use url::Url;

/// Why a public URL cannot be used for links.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum LinkError {
    /// Not a URL at all.
    #[error("it is not a URL: {0}")]
    Invalid(String),
    /// Not `http` or `https`.
    #[error("the public URL must start with https:// (or http:// for tests), not {0}://")]
    Scheme(String),
    /// No host.
    #[error("the public URL names no host")]
    NoHost,
    /// A path, query or fragment: join links are `https://HOST[:PORT]/join/CODE`.
    #[error("the public URL must be just https://HOST[:PORT], without a path, query or fragment")]
    Extra,
}

/// Builds join URLs and deep links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Links {
    public_url: Url,
    https: bool,
    host: String,
    port: Option<u16>,
    quic_port: u16,
    fingerprint: CertFingerprint,
}

impl Links {
    /// Links for a relay whose pages are at `public_url` and whose QUIC endpoint listens on
    /// `quic_port` of the same host, with the certificate `fingerprint`.
    pub fn new(
        public_url: &Url,
        quic_port: u16,
        fingerprint: CertFingerprint,
    ) -> Result<Self, LinkError> {
        let https = match public_url.scheme() {
            "https" => true,
            "http" => false,
            other => return Err(LinkError::Scheme(other.to_owned())),
        };
        let host = match public_url.host() {
            Some(url::Host::Domain(d)) => d.to_owned(),
            Some(url::Host::Ipv4(ip)) => ip.to_string(),
            Some(url::Host::Ipv6(ip)) => ip.to_string(),
            None => return Err(LinkError::NoHost),
        };
        if !matches!(public_url.path(), "" | "/")
            || public_url.query().is_some()
            || public_url.fragment().is_some()
            || !public_url.username().is_empty()
        {
            return Err(LinkError::Extra);
        }
        Ok(Self {
            public_url: public_url.clone(),
            https,
            host,
            port: public_url.port(),
            quic_port,
            fingerprint,
        })
    }

    /// The relay's public web address.
    pub fn public_url(&self) -> &Url {
        &self.public_url
    }

    /// `https://HOST[:PORT]/join/CODE`.
    pub fn join_url(&self, code: SessionCode) -> JoinUrl {
        JoinUrl {
            https: self.https,
            host: self.host.clone(),
            port: self.port,
            code,
        }
    }

    /// `lifeline://join/CODE?relay=HOST:QUIC_PORT&fp=FINGERPRINT`.
    pub fn deep_link(&self, code: SessionCode) -> DeepLink {
        DeepLink {
            code,
            relay: RelayAddr::new(self.host.clone(), self.quic_port),
            fingerprint: Some(self.fingerprint),
        }
    }

    /// The customer portal page of `slug`.
    pub fn portal_url(&self, slug: &str) -> String {
        let base = self.public_url.as_str().trim_end_matches('/');
        format!("{base}/portal/{slug}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_carry_host_ports_and_fingerprint() {
        let fp = CertFingerprint::of_der(b"cert");
        let code: SessionCode = "012345678".parse().unwrap();
        let url = Url::parse("https://relay.example.com:8443/").unwrap();
        let links = Links::new(&url, 4433, fp).unwrap();
        assert_eq!(
            links.join_url(code).to_string(),
            "https://relay.example.com:8443/join/012345678"
        );
        assert_eq!(
            links.deep_link(code).to_string(),
            format!("lifeline://join/012345678?relay=relay.example.com:4433&fp={fp}")
        );
        assert_eq!(
            links.portal_url("shop"),
            "https://relay.example.com:8443/portal/shop"
        );

        let v6 = Links::new(&Url::parse("http://[::1]:8080").unwrap(), 9, fp).unwrap();
        assert_eq!(
            v6.join_url(code).to_string(),
            "http://[::1]:8080/join/012345678"
        );
        assert!(v6.deep_link(code).to_string().contains("relay=[::1]:9"));
    }

    #[test]
    fn unusable_public_urls_are_refused() {
        let fp = CertFingerprint::of_der(b"cert");
        let bad = |text: &str| Links::new(&Url::parse(text).unwrap(), 1, fp).unwrap_err();
        assert_eq!(bad("ftp://host"), LinkError::Scheme("ftp".into()));
        assert_eq!(bad("https://host/lifeline"), LinkError::Extra);
        assert_eq!(bad("https://host/?x=1"), LinkError::Extra);
    }
}
