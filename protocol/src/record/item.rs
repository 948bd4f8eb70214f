//! The entries of a record.

use serde::{Deserialize, Serialize};

use crate::DeviceDiagnostics;
use crate::consent::Capability;
use crate::messages::Party;
use crate::messages::control::ChatMessage;
use crate::messages::handshake::DeviceSummary;
use crate::messages::video::VideoMessage;

/// Something that happened in a session, with its time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordEntry {
    /// Microseconds since the recording started.
    pub at_us: u64,
    /// What happened.
    pub item: RecordItem,
}

/// What a record keeps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum RecordItem {
    /// The session's code was created (the record's first entry).
    CodeCreated {
        /// The code's digits.
        code: String,
        /// The identifier the technician gave (the customer's name, a ticket).
        identifier: Option<String>,
    },
    /// The customer joined.
    Joined {
        /// The name they gave.
        customer_name: String,
        /// Their phone.
        device: Option<DeviceSummary>,
    },
    /// A video message exactly as received (stream start or encoded frame).
    Video(VideoMessage),
    /// A chat message, from either side.
    Chat(ChatMessage),
    /// The technician asked for a capability.
    ConsentAsked(Capability),
    /// The customer (or the portal's `notify` policy) allowed it.
    ConsentGranted {
        /// What.
        capability: Capability,
        /// Allowed by the portal's policy without asking.
        by_policy: bool,
    },
    /// The customer declined.
    ConsentDenied(Capability),
    /// The customer withdrew a capability.
    ConsentRevoked(Capability),
    /// The phone refused a request.
    Refused {
        /// The capability it needed.
        capability: Capability,
        /// Why.
        reason: String,
    },
    /// The technician asked for a diagnostics report.
    DiagnosticsRequested,
    /// The phone's diagnostics report.
    Diagnostics(Box<DeviceDiagnostics>),
    /// The technician asked for log files.
    LogsRequested,
    /// A file arrived. The entry names it; its content is uploaded beside the chunks.
    File {
        /// Its name.
        name: String,
        /// Its size.
        size: u64,
        /// SHA-256 of its content.
        sha256: [u8; 32],
    },
    /// The customer paused (`true`) or resumed screen sharing.
    SharingPaused(bool),
    /// The session ended.
    Ended {
        /// Who ended it, when known.
        by: Option<Party>,
        /// Why, in words.
        reason: String,
    },
}

impl RecordItem {
    /// Whether this is a video message (the player treats those apart).
    pub fn is_video(&self) -> bool {
        matches!(self, Self::Video(_))
    }

    /// The entry in a few words, for timelines and exports (`None` for video).
    pub fn describe(&self) -> Option<String> {
        Some(match self {
            Self::Video(_) => return None,
            Self::CodeCreated { code, identifier } => match identifier {
                Some(id) => format!("Code {code} created for {id}"),
                None => format!("Code {code} created"),
            },
            Self::Joined {
                customer_name,
                device,
            } => match device {
                Some(d) => format!(
                    "{customer_name} joined from {} {} (Android {})",
                    d.manufacturer, d.model, d.android_version
                ),
                None => format!("{customer_name} joined"),
            },
            Self::Chat(chat) => format!("{}: {}", party(chat.from), chat.text),
            Self::ConsentAsked(cap) => format!("Asked for {}", cap_name(*cap)),
            Self::ConsentGranted {
                capability,
                by_policy,
            } => match (capability, by_policy) {
                (Capability::RemoteControl, _) => "Control taken (customer allowed it)".into(),
                (cap, true) => format!("{} allowed by the portal's policy", cap_name(*cap)),
                (cap, false) => format!("Customer allowed {}", cap_name(*cap)),
            },
            Self::ConsentDenied(cap) => format!("Customer declined {}", cap_name(*cap)),
            Self::ConsentRevoked(cap) => format!("Customer withdrew {}", cap_name(*cap)),
            Self::Refused { capability, reason } => {
                format!("Phone refused {}: {reason}", cap_name(*capability))
            }
            Self::DiagnosticsRequested => "Diagnostics requested".into(),
            Self::Diagnostics(_) => "Diagnostics report received".into(),
            Self::LogsRequested => "Log files requested".into(),
            Self::File { name, size, sha256 } => format!(
                "File {name} ({size} bytes, SHA-256 {})",
                hex::encode(sha256)
            ),
            Self::SharingPaused(true) => "Customer paused screen sharing".into(),
            Self::SharingPaused(false) => "Customer resumed screen sharing".into(),
            Self::Ended { by, reason } => match by {
                Some(by) => format!("Session ended by the {}: {reason}", party(*by)),
                None => format!("Session ended: {reason}"),
            },
        })
    }
}

fn party(party: Party) -> &'static str {
    match party {
        Party::Technician => "technician",
        Party::Customer => "customer",
        Party::Relay => "relay",
    }
}

fn cap_name(cap: Capability) -> &'static str {
    match cap {
        Capability::ScreenView => "screen view",
        Capability::RemoteControl => "remote control",
        Capability::Diagnostics => "diagnostics",
        Capability::LogFiles => "log files",
    }
}
