//! What the store keeps, as plain data.

use std::fmt;
use std::str::FromStr;

use lifeline_protocol::SessionCode;
use lifeline_protocol::consent::PortalPolicy;
use lifeline_protocol::messages::handshake::DeviceSummary;
use lifeline_protocol::messages::{Party, UnixMillis};
use serde::{Deserialize, Serialize};

/// A person who signs in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Row id.
    pub id: i64,
    /// Sign-in name, unique ignoring ASCII case.
    pub name: String,
    /// What they may do.
    pub role: UserRole,
    /// Disabled accounts cannot sign in and their tokens stop working.
    pub disabled: bool,
}

/// What a user may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UserRole {
    /// Own codes and sessions.
    Technician,
    /// Also reviews the team's sessions.
    Lead,
    /// Also manages portals and users.
    Admin,
}

impl UserRole {
    /// The name used in the database and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Technician => "technician",
            Self::Lead => "lead",
            Self::Admin => "admin",
        }
    }

    /// Whether the role sees every technician's sessions.
    pub fn reviews_all_sessions(self) -> bool {
        matches!(self, Self::Lead | Self::Admin)
    }
}

impl fmt::Display for UserRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for UserRole {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "technician" => Ok(Self::Technician),
            "lead" => Ok(Self::Lead),
            "admin" => Ok(Self::Admin),
            other => Err(format!(
                "unknown role {other:?}; use technician, lead or admin"
            )),
        }
    }
}

/// Where a session code stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CodeState {
    /// Waiting for the customer.
    Pending,
    /// In a session.
    Active,
    /// Its session is over.
    Ended,
    /// Nobody joined in time.
    Expired,
    /// The technician withdrew it.
    Cancelled,
}

impl CodeState {
    /// The name used in the database and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Active => "active",
            Self::Ended => "ended",
            Self::Expired => "expired",
            Self::Cancelled => "cancelled",
        }
    }
}

impl fmt::Display for CodeState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CodeState {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "pending" => Ok(Self::Pending),
            "active" => Ok(Self::Active),
            "ended" => Ok(Self::Ended),
            "expired" => Ok(Self::Expired),
            "cancelled" => Ok(Self::Cancelled),
            other => Err(format!("unknown code state {other:?}")),
        }
    }
}

/// A portal: a customer-facing entry point with its own policy and code settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Portal {
    /// Row id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// URL name: `/portal/SLUG`.
    pub slug: String,
    /// What technicians may do in its sessions.
    pub policy: PortalPolicy,
    /// How long a new code stays valid.
    pub code_lifetime_secs: u32,
    /// Pending codes one technician may hold at once.
    pub max_pending_codes: u32,
    /// Whether customers may leave chat-only requests on its page.
    pub accept_chat_requests: bool,
    /// Whether its customers are told that their session is recorded (set apart, with
    /// `Store::set_recording_notice`).
    pub recording_notice: bool,
}

/// A portal's editable settings, for creating or updating one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalSettings {
    /// Display name, 1 to 100 characters.
    pub name: String,
    /// URL name: 1 to 40 of `a-z`, `0-9` and inner `-`.
    pub slug: String,
    /// Policy per capability.
    pub policy: PortalPolicy,
    /// Code lifetime, 60 s to 7 days.
    pub code_lifetime_secs: u32,
    /// 1 to 100.
    pub max_pending_codes: u32,
    /// Whether the portal page takes chat-only requests.
    pub accept_chat_requests: bool,
}

impl PortalSettings {
    /// The default portal's settings: everything asked, 20-minute codes, 8 pending codes.
    pub fn default_portal() -> Self {
        Self {
            name: "Default".into(),
            slug: "default".into(),
            policy: PortalPolicy::default(),
            code_lifetime_secs: 20 * 60,
            max_pending_codes: 8,
            accept_chat_requests: true,
        }
    }
}

impl From<&Portal> for PortalSettings {
    fn from(portal: &Portal) -> Self {
        Self {
            name: portal.name.clone(),
            slug: portal.slug.clone(),
            policy: portal.policy,
            code_lifetime_secs: portal.code_lifetime_secs,
            max_pending_codes: portal.max_pending_codes,
            accept_chat_requests: portal.accept_chat_requests,
        }
    }
}

/// A session code as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeRecord {
    /// The digits.
    pub code: SessionCode,
    /// The technician it belongs to (the relay's system account for an unaccepted portal
    /// request, which no technician can sign in as).
    pub owner_id: i64,
    /// Its portal, with the policy in force.
    pub portal: Portal,
    /// What the technician noted, e.g. the customer's name.
    pub identifier: Option<String>,
    /// The stored state; see [`CodeRecord::effective_state`].
    pub state: CodeState,
    /// Chat-only (from a portal request): no screen sharing.
    pub chat_only: bool,
    /// When it was created.
    pub created_at: UnixMillis,
    /// When a pending code stops being usable.
    pub expires_at: UnixMillis,
}

impl CodeRecord {
    /// The state as of `now`: a pending code past its expiry reads as expired.
    pub fn effective_state(&self, now: UnixMillis) -> CodeState {
        if self.state == CodeState::Pending && now >= self.expires_at {
            CodeState::Expired
        } else {
            self.state
        }
    }
}

/// What is needed to create a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCode {
    /// The technician creating it.
    pub owner_id: i64,
    /// Its portal's id.
    pub portal_id: i64,
    /// Optional note, e.g. the customer's name.
    pub identifier: Option<String>,
}

/// A session starting: both sides are present.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    /// The code it runs under.
    pub code: SessionCode,
    /// The technician.
    pub technician_id: i64,
    /// The name the customer entered.
    pub customer_name: String,
    /// The customer's phone.
    pub device: DeviceSummary,
    /// When the two sides were paired.
    pub started_at: UnixMillis,
}

/// How a session ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionEnd {
    /// When.
    pub ended_at: UnixMillis,
    /// Who ended it.
    pub ended_by: Party,
    /// Why, in words.
    pub reason: String,
    /// Bytes the relay carried from the technician to the customer.
    pub bytes_from_technician: u64,
    /// Bytes the relay carried from the customer to the technician.
    pub bytes_from_customer: u64,
}

/// A session's record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    /// Row id.
    pub id: i64,
    /// The code it ran under.
    pub code: SessionCode,
    /// The code's identifier.
    pub identifier: Option<String>,
    /// The portal's slug.
    pub portal: String,
    /// The technician's id.
    pub technician_id: i64,
    /// The technician's name.
    pub technician_name: String,
    /// The customer's name.
    pub customer_name: String,
    /// The customer's phone.
    pub device: DeviceSummary,
    /// When the code was created.
    pub code_created_at: UnixMillis,
    /// When the two sides were paired.
    pub started_at: UnixMillis,
    /// How it ended; `None` while it runs.
    pub end: Option<SessionEnd>,
}

/// One thing that happened in a session.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionEvent {
    /// When.
    pub at: UnixMillis,
    /// What kind of event, e.g. `joined`, `ended`.
    pub kind: String,
    /// Its details.
    pub data: serde_json::Value,
}

/// A customer's chat-only request from a portal page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalRequest {
    /// Row id.
    pub id: i64,
    /// The portal it came through.
    pub portal: Portal,
    /// The code the customer was given.
    pub code: CodeRecord,
    /// The name the customer entered.
    pub customer_name: String,
    /// Their problem, in their words.
    pub problem: String,
    /// When it arrived.
    pub created_at: UnixMillis,
    /// The technician who took it, and when.
    pub accepted: Option<(i64, UnixMillis)>,
}

/// A party as the store and the API write it: `technician`, `customer`, `relay`.
pub fn party_name(party: Party) -> &'static str {
    match party {
        Party::Technician => "technician",
        Party::Customer => "customer",
        Party::Relay => "relay",
    }
}

/// The inverse of [`party_name`].
pub(crate) fn parse_party(text: &str) -> Option<Party> {
    match text {
        "technician" => Some(Party::Technician),
        "customer" => Some(Party::Customer),
        "relay" => Some(Party::Relay),
        _ => None,
    }
}
