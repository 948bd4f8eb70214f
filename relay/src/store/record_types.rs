//! Session records' plain data: chunks, wrap-up, access log, search filter.

use std::fmt;
use std::str::FromStr;

use lifeline_protocol::messages::UnixMillis;
use serde::{Deserialize, Serialize};

use super::types::SessionRecord;

/// One stored chunk of a recording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChunkInfo {
    /// Its sequence number.
    pub seq: u32,
    /// SHA-256 of its bytes, lowercase hex.
    pub sha256: String,
    /// Its size.
    pub bytes: u64,
    /// First entry's time, µs since the recording started.
    pub first_us: u64,
    /// Last entry's time.
    pub last_us: u64,
    /// Video keyframes in it.
    pub keyframes: u32,
}

/// A file received in a session, as its record keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordFile {
    /// Its name on the phone.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    /// SHA-256 of its content, lowercase hex (its name within the record).
    pub sha256: String,
    /// Bytes the relay holds so far.
    pub received: u64,
    /// All bytes arrived and match the SHA-256: it can be downloaded.
    pub complete: bool,
}

/// What storing a chunk did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChunkStored {
    /// A new chunk.
    Created,
    /// The same chunk was already stored; nothing changed.
    AlreadyStored,
}

/// How a session turned out, in the technician's wrap-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The problem is solved.
    Resolved,
    /// It is not.
    Unresolved,
    /// Someone has to follow up.
    FollowUp,
}

impl Outcome {
    /// The name used in the database and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Resolved => "resolved",
            Self::Unresolved => "unresolved",
            Self::FollowUp => "follow_up",
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Outcome {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "resolved" => Ok(Self::Resolved),
            "unresolved" => Ok(Self::Unresolved),
            "follow_up" => Ok(Self::FollowUp),
            other => Err(format!(
                "unknown outcome {other:?}; use resolved, unresolved or follow_up"
            )),
        }
    }
}

/// The technician's wrap-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WrapUp {
    /// How it turned out.
    pub outcome: Outcome,
    /// Free text.
    pub notes: String,
    /// Who wrote it.
    pub written_by: String,
    /// When.
    pub written_at: UnixMillis,
}

/// What someone did with a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AccessAction {
    /// Opened its details.
    Open,
    /// Downloaded its recording.
    Download,
}

impl AccessAction {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Download => "download",
        }
    }
}

/// One line of a record's access log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccessEntry {
    /// Who.
    pub user: String,
    /// What.
    pub action: String,
    /// When.
    pub at: UnixMillis,
    /// The received file downloaded, for a file's download.
    pub file: Option<String>,
}

/// Which records to list. Every field narrows the list; `None` does not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordFilter {
    /// Only this technician's (by id): the caller's own for technicians.
    pub scope: Option<i64>,
    /// Technician's name, any case.
    pub technician: Option<String>,
    /// Portal slug.
    pub portal: Option<String>,
    /// Started at or after.
    pub from: Option<UnixMillis>,
    /// Started before.
    pub to: Option<UnixMillis>,
    /// Wrap-up outcome; `Some(None)` for records without a wrap-up.
    pub outcome: Option<Option<Outcome>>,
    /// Text in the identifier, the customer's name or the chat (any case).
    pub text: Option<String>,
    /// At most this many, newest first.
    pub limit: u32,
}

/// A record in a list.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordSummary {
    /// The session.
    pub session: SessionRecord,
    /// The wrap-up's outcome.
    pub outcome: Option<Outcome>,
    /// Recording bytes stored.
    pub bytes: u64,
    /// Chunks stored.
    pub chunks: u32,
    /// Time span recorded, ms.
    pub recorded_ms: u64,
}
