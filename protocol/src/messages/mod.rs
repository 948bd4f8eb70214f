//! Every message Lifeline peers exchange, as serde types.
//!
//! - [`handshake`]: the first bidirectional stream between a client and the relay;
//! - [`control`]: chat, consent, diagnostics, logs, session end, ping, video hints;
//! - [`input`]: touches, keys, text and scroll from technician to phone;
//! - [`video`]: stream start and frames from phone to technician;
//! - [`file`]: the header that starts each file stream.
//!
//! Peer streams begin with a one-byte [`StreamKind`] tag; messages on them are framed by
//! [`crate::framing`].

pub mod control;
pub mod file;
pub mod handshake;
pub mod input;
pub mod video;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Who did something in a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Party {
    /// The technician at the console.
    Technician,
    /// The customer on the phone.
    Customer,
    /// The relay (e.g. a peer's connection was lost).
    Relay,
}

/// Milliseconds since the Unix epoch (wall clock), for things people read: chat, events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct UnixMillis(pub u64);

impl UnixMillis {
    /// The current wall-clock time. (Reading the clock is not I/O; callers that need
    /// determinism pass their own value instead.)
    pub fn now() -> Self {
        let since_epoch = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        Self(u64::try_from(since_epoch.as_millis()).unwrap_or(u64::MAX))
    }
}

/// The kind of a peer stream, sent as its first byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum StreamKind {
    /// Bidirectional: [`control::ControlMessage`]s both ways.
    Control = 1,
    /// Technician → phone: [`input::InputEvent`]s.
    Input = 2,
    /// Phone → technician: [`video::VideoMessage`]s.
    Video = 3,
    /// Phone → technician: one [`file::FileHeader`], then the file's bytes.
    File = 4,
}

/// A stream's first byte names no known kind.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("unknown stream kind tag {0}")]
pub struct UnknownStreamKind(pub u8);

impl StreamKind {
    /// Every kind.
    pub const ALL: [StreamKind; 4] = [Self::Control, Self::Input, Self::Video, Self::File];

    /// The tag byte.
    pub fn tag(self) -> u8 {
        self as u8
    }
}

impl TryFrom<u8> for StreamKind {
    type Error = UnknownStreamKind;

    fn try_from(tag: u8) -> Result<Self, UnknownStreamKind> {
        Self::ALL
            .into_iter()
            .find(|k| k.tag() == tag)
            .ok_or(UnknownStreamKind(tag))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stream_kind_tags_round_trip() {
        for kind in StreamKind::ALL {
            assert_eq!(StreamKind::try_from(kind.tag()), Ok(kind));
        }
        assert_eq!(StreamKind::try_from(0), Err(UnknownStreamKind(0)));
        assert_eq!(StreamKind::try_from(9), Err(UnknownStreamKind(9)));
    }

    #[test]
    fn now_is_after_2020() {
        assert!(UnixMillis::now().0 > 1_577_836_800_000);
    }
}
