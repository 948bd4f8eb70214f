//! From store records to what the pairing core and the clients are told.

use lifeline_protocol::consent::{Policy, PortalPolicy};
use lifeline_protocol::messages::handshake::Welcome;

use crate::pairing::{CodeFacts, CodeStatus};
use crate::store::{CodeRecord, CodeState};

/// The facts the pairing core decides on.
pub(crate) fn facts(record: &CodeRecord) -> CodeFacts {
    CodeFacts {
        owner_id: record.owner_id,
        status: match record.state {
            CodeState::Pending => CodeStatus::Pending,
            CodeState::Active => CodeStatus::Active,
            CodeState::Ended => CodeStatus::Ended,
            CodeState::Expired => CodeStatus::Expired,
            CodeState::Cancelled => CodeStatus::Cancelled,
        },
        expires_at: record.expires_at,
    }
}

/// The policy the agent enforces: the portal's, with the screen off for chat-only codes.
pub(crate) fn policy(record: &CodeRecord) -> PortalPolicy {
    let mut policy = record.portal.policy;
    if record.chat_only {
        policy.screen_view = Policy::Off;
        policy.remote_control = Policy::Off;
    }
    policy
}

/// The welcome both sides get when the session starts.
/// `recorded` is the portal's recording notice: the customer is told.
pub(crate) fn welcome(record: &CodeRecord, session_id: i64, recorded: bool) -> Welcome {
    Welcome {
        // Row ids are positive.
        session_id: session_id.unsigned_abs(),
        policy: policy(record),
        recorded,
        identifier: record.identifier.clone(),
    }
}
