//! The control stream: chat, consent, diagnostics, logs, session end, ping, video hints.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::file::FileHeader;
use super::{Party, UnixMillis};
use crate::consent::Capability;
use crate::diagnostics::DeviceDiagnostics;

/// Longest chat message, in characters.
pub const MAX_CHAT_CHARS: usize = 4000;

/// One message on the control stream.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ControlMessage {
    /// A chat message.
    Chat(ChatMessage),
    /// The receiver has the chat message with this ID.
    ChatAck {
        /// Which message.
        id: ChatId,
    },
    /// Technician → phone: please allow `capability`.
    ConsentRequest {
        /// What is asked for.
        capability: Capability,
    },
    /// Phone → technician: the answer to a request.
    ConsentResponse {
        /// What was asked for.
        capability: Capability,
        /// Whether it is allowed now.
        granted: bool,
        /// `true` when the portal's `notify` policy allowed it without asking.
        by_policy: bool,
    },
    /// Phone → technician: the customer withdrew `capability`.
    ConsentRevoke {
        /// What was withdrawn.
        capability: Capability,
    },
    /// Phone → technician: a request was not carried out, and why.
    Refused {
        /// The capability the request needed.
        capability: Capability,
        /// A readable reason, e.g. "the customer declined diagnostics".
        reason: String,
    },
    /// Phone → technician: the customer paused (or resumed) screen sharing.
    SharingPaused {
        /// `true` while paused.
        paused: bool,
    },
    /// Technician → phone: send a diagnostics report.
    DiagnosticsRequest,
    /// Phone → technician: the report.
    DiagnosticsReport(Box<DeviceDiagnostics>),
    /// Technician → phone: send log files.
    LogRequest,
    /// Phone → technician: a file stream with this header follows.
    FileOffer(FileHeader),
    /// Either side ends the session.
    SessionEnd {
        /// Who ended it.
        by: Party,
        /// Why.
        reason: EndReason,
    },
    /// Round-trip probe; answered with [`ControlMessage::Pong`] carrying the same values.
    Ping {
        /// Matches the pong to the ping.
        nonce: u64,
        /// Sender's monotonic clock, microseconds.
        sent_at_us: u64,
    },
    /// Answer to [`ControlMessage::Ping`].
    Pong {
        /// The ping's nonce.
        nonce: u64,
        /// The ping's `sent_at_us`, echoed.
        sent_at_us: u64,
    },
    /// Technician → phone: the next video frame must be a keyframe.
    KeyframeRequest,
    /// Technician → phone: adapt the video to the path.
    QualityHint(QualityHint),
    /// Technician → phone: every video frame up to `sequence` has been received. The phone
    /// keeps only a small window of frames in flight and skips stale ones beyond it.
    FrameAck {
        /// The highest frame sequence received.
        sequence: u64,
    },
}

/// Identifies a chat message within a session (per sender, increasing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ChatId(pub u64);

/// A chat message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatMessage {
    /// Per-sender ID, acknowledged by the receiver.
    pub id: ChatId,
    /// Who wrote it.
    pub from: Party,
    /// When it was sent.
    pub sent_at: UnixMillis,
    /// The text.
    pub text: String,
}

/// Why a chat message cannot be sent.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ChatError {
    /// Nothing but whitespace.
    #[error("the message is empty")]
    Empty,
    /// Over [`MAX_CHAT_CHARS`].
    #[error("the message has {chars} characters; the limit is {MAX_CHAT_CHARS}")]
    TooLong {
        /// Characters in the message.
        chars: usize,
    },
}

impl ChatMessage {
    /// A checked chat message: not blank, at most [`MAX_CHAT_CHARS`] characters.
    pub fn new(
        id: ChatId,
        from: Party,
        sent_at: UnixMillis,
        text: impl Into<String>,
    ) -> Result<Self, ChatError> {
        let text = text.into();
        Self::check_text(&text)?;
        Ok(Self {
            id,
            from,
            sent_at,
            text,
        })
    }

    /// Checks a received message's text against the same rules.
    pub fn check_text(text: &str) -> Result<(), ChatError> {
        if text.trim().is_empty() {
            return Err(ChatError::Empty);
        }
        let chars = text.chars().count();
        if chars > MAX_CHAT_CHARS {
            return Err(ChatError::TooLong { chars });
        }
        Ok(())
    }
}

/// Why a session ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum EndReason {
    /// The customer pressed Exit.
    CustomerLeft,
    /// The technician closed the session.
    TechnicianClosed,
    /// A connection was lost and did not come back.
    ConnectionLost,
    /// Nothing was heard from the peer for too long.
    Timeout,
    /// The relay is shutting down.
    RelayShutdown,
    /// Something went wrong; the text says what.
    Error(String),
}

impl fmt::Display for EndReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::CustomerLeft => f.write_str("the customer left the session"),
            Self::TechnicianClosed => f.write_str("the technician ended the session"),
            Self::ConnectionLost => f.write_str("the connection was lost"),
            Self::Timeout => f.write_str("the other side stopped responding"),
            Self::RelayShutdown => f.write_str("the server shut down"),
            Self::Error(text) => write!(f, "error: {text}"),
        }
    }
}

/// What the technician's side asks of the video stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualityHint {
    /// Highest frame rate worth sending.
    pub max_fps: u8,
    /// Bit rate budget in kbit/s, when the path is constrained.
    pub max_kbps: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::DeviceInfo;

    #[test]
    fn every_control_message_round_trips() {
        let messages = vec![
            ControlMessage::Chat(
                ChatMessage::new(
                    ChatId(1),
                    Party::Customer,
                    UnixMillis(1_700_000_000_000),
                    "Bonjour ☺",
                )
                .unwrap(),
            ),
            ControlMessage::ChatAck { id: ChatId(1) },
            ControlMessage::ConsentRequest {
                capability: Capability::Diagnostics,
            },
            ControlMessage::ConsentResponse {
                capability: Capability::Diagnostics,
                granted: true,
                by_policy: false,
            },
            ControlMessage::ConsentRevoke {
                capability: Capability::RemoteControl,
            },
            ControlMessage::Refused {
                capability: Capability::LogFiles,
                reason: "the customer declined log files".into(),
            },
            ControlMessage::SharingPaused { paused: true },
            ControlMessage::DiagnosticsRequest,
            ControlMessage::DiagnosticsReport(Box::new(DeviceDiagnostics {
                device: DeviceInfo {
                    model: Some("Pixel 9".into()),
                    ..DeviceInfo::default()
                },
                ..DeviceDiagnostics::default()
            })),
            ControlMessage::LogRequest,
            ControlMessage::FileOffer(FileHeader {
                file_id: 3,
                name: "logcat.txt".into(),
                size: 12_345,
                sha256: [7; 32],
            }),
            ControlMessage::SessionEnd {
                by: Party::Technician,
                reason: EndReason::TechnicianClosed,
            },
            ControlMessage::SessionEnd {
                by: Party::Relay,
                reason: EndReason::Error("disk full".into()),
            },
            ControlMessage::Ping {
                nonce: 9,
                sent_at_us: 123,
            },
            ControlMessage::Pong {
                nonce: 9,
                sent_at_us: 123,
            },
            ControlMessage::KeyframeRequest,
            ControlMessage::QualityHint(QualityHint {
                max_fps: 30,
                max_kbps: Some(2000),
            }),
            ControlMessage::FrameAck { sequence: 41 },
        ];
        for message in messages {
            let bytes = postcard::to_stdvec(&message).unwrap();
            assert_eq!(
                postcard::from_bytes::<ControlMessage>(&bytes).unwrap(),
                message
            );
        }
    }

    #[test]
    fn chat_text_is_checked() {
        let chat = |text: &str| ChatMessage::new(ChatId(1), Party::Technician, UnixMillis(0), text);
        assert_eq!(chat("  \n").unwrap_err(), ChatError::Empty);
        let long = "é".repeat(MAX_CHAT_CHARS + 1);
        assert_eq!(
            chat(&long).unwrap_err().to_string(),
            "the message has 4001 characters; the limit is 4000"
        );
        assert!(chat(&"é".repeat(MAX_CHAT_CHARS)).is_ok());
    }
}
