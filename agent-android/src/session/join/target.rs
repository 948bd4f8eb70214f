//! What the customer was given, and the relay endpoint it leads to.

use lifeline_protocol::link::{DeepLink, JoinUrl, RelayAddr, SessionLink};
use lifeline_protocol::quic::ServerTrust;
use lifeline_protocol::{CertFingerprint, SessionCode};

use super::error::JoinError;

/// Where to join, as the customer was told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JoinTarget {
    /// A deep link (or `--code`, `--relay` and `--fingerprint`, which say the same): the
    /// relay's QUIC address and certificate fingerprint are in it.
    Direct(DeepLink),
    /// A join URL: its page on the relay holds the deep link. `fingerprint`, when given,
    /// pins the page's certificate; without it the page must have a certificate this system
    /// trusts.
    Page {
        /// The join URL.
        url: JoinUrl,
        /// The relay's certificate fingerprint, if the customer was given it.
        fingerprint: Option<CertFingerprint>,
    },
}

impl JoinTarget {
    /// The target of a link, with `--fingerprint` if given.
    pub fn from_link(
        link: SessionLink,
        fingerprint: Option<CertFingerprint>,
    ) -> Result<Self, JoinError> {
        match link {
            SessionLink::Deep(mut deep) => {
                match (deep.fingerprint, fingerprint) {
                    (Some(link), Some(given)) if link != given => {
                        return Err(JoinError::FingerprintConflict { given, link });
                    }
                    (None, Some(given)) => deep.fingerprint = Some(given),
                    _ => {}
                }
                Ok(Self::Direct(deep))
            }
            SessionLink::Join(url) => Ok(Self::Page { url, fingerprint }),
        }
    }

    /// The target of `--code`, `--relay` and `--fingerprint`.
    pub fn from_parts(code: SessionCode, relay: RelayAddr, fingerprint: CertFingerprint) -> Self {
        Self::Direct(DeepLink {
            code,
            relay,
            fingerprint: Some(fingerprint),
        })
    }

    /// The session code.
    pub fn code(&self) -> SessionCode {
        match self {
            Self::Direct(link) => link.code,
            Self::Page { url, .. } => url.code,
        }
    }
}

/// A relay to connect to, and how to trust it.
#[derive(Debug, Clone)]
pub struct RelayEndpoint {
    /// The session code.
    pub code: SessionCode,
    /// The relay's QUIC address.
    pub relay: RelayAddr,
    /// How its certificate is checked.
    pub trust: ServerTrust,
}

impl RelayEndpoint {
    /// The endpoint a deep link names; its fingerprint is required.
    pub fn from_deep_link(link: &DeepLink) -> Result<Self, JoinError> {
        Ok(Self {
            code: link.code,
            relay: link.relay.clone(),
            trust: ServerTrust::from_link(link.fingerprint)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp(seed: &[u8]) -> CertFingerprint {
        CertFingerprint::of_der(seed)
    }

    #[test]
    fn a_given_fingerprint_completes_a_deep_link_and_must_agree_with_it() {
        let bare: SessionLink = "lifeline://join/123456789?relay=127.0.0.1:4433"
            .parse()
            .unwrap();
        let target = JoinTarget::from_link(bare.clone(), Some(fp(b"a"))).unwrap();
        let JoinTarget::Direct(link) = &target else {
            panic!("{target:?}");
        };
        assert_eq!(link.fingerprint, Some(fp(b"a")));
        assert_eq!(target.code().digits(), "123456789");

        let pinned: SessionLink = format!("{bare}&fp={}", fp(b"a")).parse().unwrap();
        assert!(JoinTarget::from_link(pinned.clone(), Some(fp(b"a"))).is_ok());
        let err = JoinTarget::from_link(pinned, Some(fp(b"b"))).unwrap_err();
        assert!(
            matches!(err, JoinError::FingerprintConflict { .. }),
            "{err}"
        );
    }

    #[test]
    fn a_deep_link_without_fingerprint_cannot_be_trusted() {
        let link: DeepLink = "lifeline://join/123456789?relay=h:1".parse().unwrap();
        let err = RelayEndpoint::from_deep_link(&link).unwrap_err();
        assert!(err.to_string().contains("fingerprint"), "{err}");
    }
}
