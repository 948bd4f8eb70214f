//! Lifeline's sans-IO protocol core.
//!
//! Everything two Lifeline peers (and the relay between them) agree on lives here, with no
//! sockets, no async runtime and no clock of its own:
//!
//! - [`code`]: the 9-digit [`SessionCode`] a technician hands to a customer;
//! - [`link`]: the join URL and the `lifeline://` deep link that carry a code;
//! - [`messages`]: every wire message as a serde type;
//! - [`framing`]: length-prefixed frames with a hard size limit per stream kind;
//! - [`diagnostics`]: the [`DeviceDiagnostics`] report a phone sends;
//! - [`consent`]: capabilities, portal policy and the consent state machine;
//! - [`video`]: frames and the lossless `tiles` codec;
//! - `i18n` (feature `i18n`): message catalogs, languages, number and date formats.

pub mod code;
pub mod consent;
pub mod diagnostics;
pub mod fingerprint;
pub mod framing;
#[cfg(feature = "i18n")]
pub mod i18n;
pub mod link;
pub mod messages;
#[cfg(feature = "quic")]
pub mod quic;
pub mod record;
pub mod video;

pub use code::SessionCode;
pub use diagnostics::DeviceDiagnostics;
pub use fingerprint::CertFingerprint;

/// Version of the wire protocol spoken by this build; sent in `ClientHello`.
pub const PROTOCOL_VERSION: u16 = 1;

/// ALPN protocol identifier of Lifeline's QUIC connections.
pub const ALPN: &[u8] = b"lifeline/1";
