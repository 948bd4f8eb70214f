//! Joining: from what the customer was given (deep link, join URL, or code + relay +
//! fingerprint) to the relay's QUIC endpoint and how to trust it, and the hello that joins.

mod error;
mod page;
mod target;

use std::time::Duration;

use lifeline_protocol::PROTOCOL_VERSION;
use lifeline_protocol::SessionCode;
use lifeline_protocol::messages::handshake::{ClientHello, DeviceSummary, Role};

pub use error::JoinError;
pub use page::resolve_join_url;
pub use target::{JoinTarget, RelayEndpoint};

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
