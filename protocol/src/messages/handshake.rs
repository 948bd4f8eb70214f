//! The relay handshake: the first bidirectional stream of every connection.
//!
//! The client sends one [`ClientHello`]; the relay answers [`ServerHello::Welcome`] or
//! [`ServerHello::Rejected`], possibly after a [`ServerHello::Waiting`] while the other side
//! has not arrived. After a welcome the relay keeps the stream open and tells the client about
//! its peer with [`RelayNotice`]s. Connections end with a [`CloseCode`].

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::code::SessionCode;
use crate::consent::{CapabilitySet, PortalPolicy};

/// The first message of a connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientHello {
    /// The client's [`crate::PROTOCOL_VERSION`].
    pub version: u16,
    /// Who is connecting.
    pub role: Role,
}

/// Who is connecting to the relay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    /// A signed-in technician opening the session for one of their codes.
    Technician {
        /// The API token from sign-in.
        token: String,
        /// The code to wait on.
        code: SessionCode,
    },
    /// A customer joining with a code.
    Customer {
        /// The code the technician gave.
        code: SessionCode,
        /// The name the customer entered.
        name: String,
        /// What the phone is and can do.
        device: DeviceSummary,
    },
}

/// A short description of the customer's phone, shown to the technician on join.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceSummary {
    /// e.g. `samsung`.
    pub manufacturer: String,
    /// e.g. `Galaxy S25+`.
    pub model: String,
    /// e.g. `16`.
    pub android_version: String,
    /// Screen size in pixels, when the device can share its screen.
    pub screen: Option<(u32, u32)>,
    /// What the device can do; without screen view the session is chat-only.
    pub capabilities: CapabilitySet,
    /// The phone's locale, e.g. `fr-FR`.
    pub locale: Option<String>,
}

/// The relay's answer to a [`ClientHello`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ServerHello {
    /// Accepted.
    Welcome(Welcome),
    /// Refused; the connection closes after this.
    Rejected {
        /// Why.
        reason: RejectReason,
    },
    /// Accepted, but the other side has not arrived yet. Sent at most once, before
    /// [`ServerHello::Welcome`] (once the other side arrives) or [`ServerHello::Rejected`]
    /// (e.g. when the code expires while waiting). The welcome waits for the peer because it
    /// names the session, and a session exists only once both sides are there.
    Waiting,
}

/// What a client learns when the relay accepts it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Welcome {
    /// The relay's ID for this session, used in records.
    pub session_id: u64,
    /// The portal's policy, which the agent enforces.
    pub policy: PortalPolicy,
    /// Whether the session is recorded (the customer is told when it is).
    pub recorded: bool,
    /// The code's identifier (e.g. the customer's name), if the technician gave one.
    pub identifier: Option<String>,
}

/// Why the relay refused a connection. Each reason reads well on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RejectReason {
    /// No such code.
    UnknownCode,
    /// The code expired before anyone joined.
    Expired,
    /// The code was already used for a session.
    AlreadyUsed,
    /// Too many attempts from this address; try again later.
    RateLimited {
        /// Seconds until attempts are accepted again.
        retry_after_secs: u32,
    },
    /// The client speaks another protocol version.
    UnsupportedVersion {
        /// The version the relay speaks.
        supported: u16,
    },
    /// The technician's token is missing, wrong or not the code's owner.
    Unauthorized,
}

impl fmt::Display for RejectReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownCode => f.write_str("this session code does not exist; check the digits"),
            Self::Expired => f.write_str("this session code has expired; ask for a new one"),
            Self::AlreadyUsed => {
                f.write_str("this session code was already used; ask for a new one")
            }
            Self::RateLimited { retry_after_secs } => write!(
                f,
                "too many attempts; try again in {retry_after_secs} seconds"
            ),
            Self::UnsupportedVersion { supported } => write!(
                f,
                "this app speaks another protocol version than the server (version {supported}); update it"
            ),
            Self::Unauthorized => {
                f.write_str("not signed in, or this code belongs to someone else")
            }
        }
    }
}

/// Application error codes in the QUIC `CONNECTION_CLOSE` frames of Lifeline connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum CloseCode {
    /// The client is done (the customer pressed Exit, the technician closed the session).
    Normal = 0,
    /// The relay refused the handshake; [`ServerHello::Rejected`] says why.
    Rejected = 1,
    /// The relay could not read the handshake: garbage, too large, or too slow.
    BadHandshake = 2,
    /// The peer left and the session is over ([`RelayNotice::PeerLeft`] came first).
    SessionEnded = 3,
    /// The relay is shutting down ([`RelayNotice::Shutdown`] came first to paired clients).
    Shutdown = 4,
    /// The relay is at its limit of sessions or of connections from this address.
    Busy = 5,
    /// A newer connection of the same technician took over this code.
    Replaced = 6,
    /// The relay failed (e.g. its database); the client may try again.
    ServerError = 7,
}

impl CloseCode {
    /// Every close code.
    pub const ALL: [CloseCode; 8] = [
        Self::Normal,
        Self::Rejected,
        Self::BadHandshake,
        Self::SessionEnded,
        Self::Shutdown,
        Self::Busy,
        Self::Replaced,
        Self::ServerError,
    ];

    /// The number on the wire.
    pub fn code(self) -> u32 {
        self as u32
    }

    /// The close code with this number, if it is one.
    pub fn from_code(code: u64) -> Option<Self> {
        Self::ALL.into_iter().find(|c| u64::from(c.code()) == code)
    }
}

impl fmt::Display for CloseCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Normal => "closed normally",
            Self::Rejected => "the relay refused the connection",
            Self::BadHandshake => "the relay could not read the handshake",
            Self::SessionEnded => "the session is over",
            Self::Shutdown => "the relay is shutting down",
            Self::Busy => "the relay is busy; try again later",
            Self::Replaced => "a newer connection took over this session code",
            Self::ServerError => "the relay had an internal error; try again",
        })
    }
}

/// What the relay tells a client about its peer after the welcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RelayNotice {
    /// The other side has joined; peer streams may open now.
    PeerJoined {
        /// The peer's display name (customer name, or technician name).
        name: String,
        /// The customer's phone (present when the peer is the customer).
        device: Option<DeviceSummary>,
    },
    /// The other side's connection is gone.
    PeerLeft {
        /// Whether it closed cleanly (customer pressed Exit) or was lost.
        clean: bool,
    },
    /// The relay is shutting down.
    Shutdown,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consent::Capability;

    fn round_trip<T: Serialize + for<'de> Deserialize<'de> + PartialEq + fmt::Debug>(value: T) {
        let bytes = postcard::to_stdvec(&value).unwrap();
        assert_eq!(postcard::from_bytes::<T>(&bytes).unwrap(), value);
    }

    #[test]
    fn hellos_round_trip() {
        let code: SessionCode = "123 456 789".parse().unwrap();
        round_trip(ClientHello {
            version: crate::PROTOCOL_VERSION,
            role: Role::Technician {
                token: "t0k3n".into(),
                code,
            },
        });
        round_trip(ClientHello {
            version: 1,
            role: Role::Customer {
                code,
                name: "Marie Dupont".into(),
                device: DeviceSummary {
                    manufacturer: "samsung".into(),
                    model: "SM-S936B".into(),
                    android_version: "16".into(),
                    screen: Some((1080, 2340)),
                    capabilities: CapabilitySet::ALL.without(Capability::LogFiles),
                    locale: Some("fr-FR".into()),
                },
            },
        });
        round_trip(ServerHello::Welcome(Welcome {
            session_id: 42,
            policy: PortalPolicy::default(),
            recorded: true,
            identifier: Some("Marie".into()),
        }));
        for reason in [
            RejectReason::UnknownCode,
            RejectReason::Expired,
            RejectReason::AlreadyUsed,
            RejectReason::RateLimited {
                retry_after_secs: 30,
            },
            RejectReason::UnsupportedVersion { supported: 1 },
            RejectReason::Unauthorized,
        ] {
            round_trip(ServerHello::Rejected { reason });
        }
        round_trip(ServerHello::Waiting);
        round_trip(RelayNotice::PeerLeft { clean: false });
    }

    #[test]
    fn close_codes_round_trip_and_read_well() {
        for close in CloseCode::ALL {
            assert_eq!(CloseCode::from_code(u64::from(close.code())), Some(close));
            assert!(!close.to_string().is_empty());
        }
        assert_eq!(CloseCode::from_code(99), None);
    }

    #[test]
    fn reasons_are_distinct_and_readable() {
        let texts: std::collections::HashSet<String> = [
            RejectReason::UnknownCode,
            RejectReason::Expired,
            RejectReason::AlreadyUsed,
            RejectReason::RateLimited {
                retry_after_secs: 30,
            },
            RejectReason::UnsupportedVersion { supported: 1 },
            RejectReason::Unauthorized,
        ]
        .iter()
        .map(ToString::to_string)
        .collect();
        assert_eq!(texts.len(), 6);
        assert!(texts.contains("too many attempts; try again in 30 seconds"));
    }
}
