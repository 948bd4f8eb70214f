//! Joining: from what the customer was given (deep link, join URL, or code + relay +
//! fingerprint) to the relay's QUIC endpoint and how to trust it, and the hello that joins.

mod error;
mod page;
mod target;
pub mod wording;

use std::time::Duration;

use lifeline_protocol::PROTOCOL_VERSION;
use lifeline_protocol::SessionCode;
use lifeline_protocol::messages::handshake::{ClientHello, DeviceSummary, Role};

pub use error::JoinError;
pub use page::resolve_join_url;
pub use target::{JoinTarget, RelayEndpoint};

/// Where joining is, for the person waiting; [`wording::step`] says it in their language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JoinStep {
    /// Starting out.
    Connecting,
    /// Fetching the join page at `url`.
    OpeningPage {
        /// The join URL.
        url: String,
    },
    /// Saying hello to the relay.
    Joining {
        /// The session code.
        code: SessionCode,
        /// The relay's address.
        relay: String,
        /// The customer's name, as the technician will see it.
        name: String,
    },
}

impl JoinStep {
    /// The first step for `target`: opening its page, or connecting.
    pub fn first(target: &JoinTarget) -> Self {
        match target {
            JoinTarget::Page { url, .. } => Self::OpeningPage {
                url: url.to_string(),
            },
            JoinTarget::Direct(_) => Self::Connecting,
        }
    }

    /// Saying hello to `endpoint` as `name`.
    pub fn joining(endpoint: &RelayEndpoint, name: &str) -> Self {
        Self::Joining {
            code: endpoint.code,
            relay: endpoint.relay.to_string(),
            name: name.to_owned(),
        }
    }
}

/// The relay endpoint `target` leads to: at once for a deep link, by fetching the join page
/// for a join URL (see [`resolve_join_url`]).
pub async fn resolve(target: &JoinTarget, timeout: Duration) -> Result<RelayEndpoint, JoinError> {
    match target {
        JoinTarget::Direct(link) => RelayEndpoint::from_deep_link(link),
        JoinTarget::Page { url, fingerprint } => resolve_join_url(url, *fingerprint, timeout).await,
    }
}

/// The hello of a customer called `name` joining `code` with `device`.
pub fn customer_hello(code: SessionCode, name: &str, device: DeviceSummary) -> ClientHello {
    ClientHello {
        version: PROTOCOL_VERSION,
        role: Role::Customer {
            code,
            name: name.to_owned(),
            device,
        },
    }
}
