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
//!
//! # The session conversation
//!
//! Once the relay has paired the two sides (each got `Welcome` and `PeerJoined`):
//!
//! 1. The technician opens the **control** stream (bidirectional); the phone waits for it.
//!    Everything below that is a [`control::ControlMessage`] travels on it.
//! 2. The technician opens the **input** stream (technician → phone) when it first sends
//!    input. The phone applies an event only while
//!    [`crate::consent::ConsentLedger::permit`] allows remote control and the event's frame
//!    size matches the screen ([`input::InputEvent::applies_to`]); otherwise it drops it and
//!    answers `Refused { capability: RemoteControl, .. }` once per refusal streak.
//! 3. Consent: `ConsentRequest { capability }` → the phone answers
//!    `ConsentResponse { capability, granted, by_policy }` when decided (at once under
//!    `notify`, after the customer's answer under `ask`), or `Refused { capability, reason }`
//!    when the portal switches it off or the device cannot do it. The customer may withdraw
//!    a grant at any time: `ConsentRevoke { capability }` (withdrawing screen view withdraws
//!    remote control too, and the phone sends both).
//! 4. Screen: while screen view is granted and sharing is not paused, the phone opens the
//!    **video** stream (phone → technician): `StreamStart` (codec, size, rotation), then
//!    `Frame`s, the first a keyframe. A new size or rotation sends a new `StreamStart` and a
//!    keyframe on the same stream. Frames are sent only when the screen changed, paced to
//!    the max fps (`QualityHint`), with at most a few frames beyond the technician's last
//!    `FrameAck { sequence }` in flight: when the window is full, stale frames are skipped and
//!    the latest screen is sent once there is room. `KeyframeRequest` makes the next frame a
//!    keyframe. `SharingPaused { paused }` tells the technician the customer paused.
//! 5. `DiagnosticsRequest` → `DiagnosticsReport` if permitted, else `Refused`.
//! 6. `LogRequest` → for each log file, `FileOffer(header)` on control and then a **file**
//!    stream carrying the same header and the bytes; else `Refused`.
//! 7. `Chat` → the receiver answers `ChatAck { id }`. `Ping` → `Pong` with the same values.
//! 8. `SessionEnd { by, reason }` ends the session: its sender flushes and closes the
//!    connection with [`handshake::CloseCode::Normal`]; the relay tells the other side with
//!    `PeerLeft { clean: true }` if the message was lost.

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
