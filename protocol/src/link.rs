//! Session links: the join URL sent to a customer and the deep link that opens the app.
//!
//! - Join URL: `https://HOST[:PORT]/join/CODE` — opens the relay's join page in a browser.
//!   (`http://` is accepted too, for relays serving plain HTTP on loopback in tests.)
//! - Deep link: `lifeline://join/CODE?relay=HOST:PORT&fp=SHA256HEX` — hands the code, the
//!   relay's QUIC address and its certificate fingerprint straight to the agent app. `fp` may
//!   be left out for a relay with a CA-issued certificate; a missing port means
//!   [`DEFAULT_RELAY_PORT`].

use std::fmt;
use std::str::FromStr;

use thiserror::Error;
use url::Url;

use crate::code::{CodeError, SessionCode};
use crate::fingerprint::{CertFingerprint, FingerprintError};

/// Scheme of deep links into the agent app.
pub const DEEP_LINK_SCHEME: &str = "lifeline";

/// QUIC port assumed when a deep link's `relay` names no port.
pub const DEFAULT_RELAY_PORT: u16 = 443;

/// Why a text is not a session link.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum LinkError {
    /// Not a URL at all.
    #[error("not a link: {0}")]
    NotAUrl(String),
    /// A scheme other than `https`/`http` (join URL) or `lifeline` (deep link).
    #[error("links start with https:// or lifeline://, not {found}://")]
    WrongScheme {
        /// The scheme found.
        found: String,
    },
    /// The join URL names no host.
    #[error("the link names no server")]
    MissingHost,
    /// The join URL carries a user name or password.
    #[error("a join link must not contain a user name or password")]
    HasCredentials,
    /// The path is not `/join/CODE`.
    #[error("expected the link to end in /join/CODE, found {found:?}")]
    WrongPath {
        /// The path found.
        found: String,
    },
    /// The code in the link is invalid.
    #[error("the link's session code is invalid: {0}")]
    BadCode(#[from] CodeError),
    /// A join URL with a query or fragment, which it never carries.
    #[error("a join URL carries nothing after the code, found {found:?}")]
    UnexpectedSuffix {
        /// The query or fragment found.
        found: String,
    },
    /// The deep link lacks `relay=HOST:PORT`.
    #[error("the deep link does not say which relay to use (relay=HOST:PORT)")]
    MissingRelay,
    /// `relay=` is not `HOST[:PORT]`.
    #[error("the deep link's relay address {found:?} is not HOST:PORT")]
    BadRelay {
        /// The value found.
        found: String,
    },
    /// `fp=` is not a SHA-256 fingerprint.
    #[error("the deep link's certificate fingerprint is invalid: {0}")]
    BadFingerprint(#[from] FingerprintError),
    /// A query parameter other than `relay` and `fp`.
    #[error("the deep link has an unknown parameter {name:?}")]
    UnknownParameter {
        /// Its name.
        name: String,
    },
    /// A query parameter given twice.
    #[error("the deep link gives {name:?} more than once")]
    DuplicateParameter {
        /// Its name.
        name: String,
    },
}

/// A relay's QUIC address as written in links: `HOST:PORT`, IPv6 hosts in brackets.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RelayAddr {
    /// Host name or IP address (IPv6 without brackets).
    pub host: String,
    /// UDP port.
    pub port: u16,
}

impl RelayAddr {
    /// A relay address.
    pub fn new(host: impl Into<String>, port: u16) -> Self {
        Self {
            host: host.into(),
            port,
        }
    }
}

impl FromStr for RelayAddr {
    type Err = LinkError;

    /// Parses `HOST`, `HOST:PORT`, `[IPV6]` or `[IPV6]:PORT`.
    fn from_str(text: &str) -> Result<Self, LinkError> {
        let bad = || LinkError::BadRelay {
            found: text.to_owned(),
        };
        let (host, port) = if let Some(rest) = text.strip_prefix('[') {
            let (host, after) = rest.split_once(']').ok_or_else(bad)?;
            match after {
                "" => (host, None),
                _ => (host, Some(after.strip_prefix(':').ok_or_else(bad)?)),
            }
        } else if text.matches(':').count() > 1 {
            return Err(bad());
        } else {
            match text.split_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (text, None),
            }
        };
        let port = match port {
            None => DEFAULT_RELAY_PORT,
            Some(p) => match p.parse::<u16>() {
                Ok(port) if port != 0 && p.bytes().all(|b| b.is_ascii_digit()) => port,
                _ => return Err(bad()),
            },
        };
        let valid_host = if text.starts_with('[') {
            host.parse::<std::net::Ipv6Addr>().is_ok()
        } else {
            !host.is_empty() && url::Host::parse(host).is_ok()
        };
        if !valid_host {
            return Err(bad());
        }
        Ok(Self::new(host, port))
    }
}

impl fmt::Display for RelayAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.host.contains(':') {
            write!(f, "[{}]:{}", self.host, self.port)
        } else {
            write!(f, "{}:{}", self.host, self.port)
        }
    }
}

/// `https://HOST[:PORT]/join/CODE`: the link a technician sends a customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinUrl {
    /// `false` for `http://` (loopback tests only).
    pub https: bool,
    /// The relay's web host.
    pub host: String,
    /// The web port when not the scheme's default.
    pub port: Option<u16>,
    /// The session code.
    pub code: SessionCode,
}

impl JoinUrl {
    /// An `https` join URL.
    pub fn new(host: impl Into<String>, port: Option<u16>, code: SessionCode) -> Self {
        Self {
            https: true,
            host: host.into(),
            port,
            code,
        }
    }
}

impl fmt::Display for JoinUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = if self.https { "https" } else { "http" };
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        match self.port {
            Some(port) => write!(f, "{scheme}://{host}:{port}/join/{}", self.code.digits()),
            None => write!(f, "{scheme}://{host}/join/{}", self.code.digits()),
        }
    }
}

fn parse_url(text: &str) -> Result<Url, LinkError> {
    Url::parse(text.trim()).map_err(|e| LinkError::NotAUrl(e.to_string()))
}

/// The code from a path `/join/CODE` (a trailing slash is tolerated).
fn code_from_path(path: &str) -> Result<SessionCode, LinkError> {
    let wrong = || LinkError::WrongPath {
        found: path.to_owned(),
    };
    let rest = path.strip_prefix("/join/").ok_or_else(wrong)?;
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    if rest.is_empty() || rest.contains('/') {
        return Err(wrong());
    }
    Ok(rest.parse::<SessionCode>()?)
}

impl FromStr for JoinUrl {
    type Err = LinkError;

    fn from_str(text: &str) -> Result<Self, LinkError> {
        let url = parse_url(text)?;
        let https = match url.scheme() {
            "https" => true,
            "http" => false,
            other => {
                return Err(LinkError::WrongScheme {
                    found: other.to_owned(),
                });
            }
        };
        if !url.username().is_empty() || url.password().is_some() {
            return Err(LinkError::HasCredentials);
        }
        let host = match url.host() {
            Some(url::Host::Domain(d)) => d.to_owned(),
            Some(url::Host::Ipv4(ip)) => ip.to_string(),
            Some(url::Host::Ipv6(ip)) => ip.to_string(),
            None => return Err(LinkError::MissingHost),
        };
        if let Some(suffix) = url.query().or(url.fragment()) {
            return Err(LinkError::UnexpectedSuffix {
                found: suffix.to_owned(),
            });
        }
        let code = code_from_path(url.path())?;
        Ok(Self {
            https,
            host,
            port: url.port(),
            code,
        })
    }
}

/// `lifeline://join/CODE?relay=HOST:PORT&fp=SHA256HEX`: opens the agent app on a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeepLink {
    /// The session code.
    pub code: SessionCode,
    /// Where the relay's QUIC endpoint listens.
    pub relay: RelayAddr,
    /// The relay certificate's fingerprint to pin; `None` trusts CA-issued certificates.
    pub fingerprint: Option<CertFingerprint>,
}

impl fmt::Display for DeepLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{DEEP_LINK_SCHEME}://join/{}?relay={}",
            self.code.digits(),
            self.relay
        )?;
        if let Some(fp) = &self.fingerprint {
            write!(f, "&fp={fp}")?;
        }
        Ok(())
    }
}

impl FromStr for DeepLink {
    type Err = LinkError;

    fn from_str(text: &str) -> Result<Self, LinkError> {
        let url = parse_url(text)?;
        if url.scheme() != DEEP_LINK_SCHEME {
            return Err(LinkError::WrongScheme {
                found: url.scheme().to_owned(),
            });
        }
        // In `lifeline://join/CODE` the URL parser sees `join` as the host.
        let path = format!("/{}{}", url.host_str().unwrap_or_default(), url.path());
        let code = code_from_path(&path)?;
        if let Some(fragment) = url.fragment() {
            return Err(LinkError::UnexpectedSuffix {
                found: fragment.to_owned(),
            });
        }
        let mut relay = None;
        let mut fingerprint = None;
        for (name, value) in url.query_pairs() {
            let slot_taken = match name.as_ref() {
                "relay" => relay.replace(value.parse::<RelayAddr>()?).is_some(),
                "fp" => fingerprint
                    .replace(value.parse::<CertFingerprint>()?)
                    .is_some(),
                other => {
                    return Err(LinkError::UnknownParameter {
                        name: other.to_owned(),
                    });
                }
            };
            if slot_taken {
                return Err(LinkError::DuplicateParameter {
                    name: name.into_owned(),
                });
            }
        }
        Ok(Self {
            code,
            relay: relay.ok_or(LinkError::MissingRelay)?,
            fingerprint,
        })
    }
}

/// Either kind of link, as a customer may paste or open it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionLink {
    /// A join URL.
    Join(JoinUrl),
    /// A deep link.
    Deep(DeepLink),
}

impl SessionLink {
    /// The session code the link carries.
    pub fn code(&self) -> SessionCode {
        match self {
            Self::Join(url) => url.code,
            Self::Deep(link) => link.code,
        }
    }
}

impl FromStr for SessionLink {
    type Err = LinkError;

    fn from_str(text: &str) -> Result<Self, LinkError> {
        let scheme = parse_url(text)?.scheme().to_owned();
        if scheme == DEEP_LINK_SCHEME {
            text.parse().map(Self::Deep)
        } else {
            text.parse().map(Self::Join)
        }
    }
}

impl fmt::Display for SessionLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Join(url) => url.fmt(f),
            Self::Deep(link) => link.fmt(f),
        }
    }
}

#[cfg(test)]
mod tests;
