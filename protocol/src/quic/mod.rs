//! The client side of Lifeline's transport (feature `quic`): how the console, the agent and
//! the tests reach the relay.
//!
//! ```text
//! connect(relay, trust, hello)          QUIC + TLS 1.3 (ring), ALPN lifeline/1,
//!   │                                   certificate pinned by fingerprint
//!   ├─ ClientHello ─────────────────▶   first bidirectional stream, framed (HANDSHAKE_MAX)
//!   ◀─ Waiting? · Welcome | Rejected    (Rejected → ConnectError::Rejected(reason))
//!   ▼
//! RelaySession
//!   ├─ next_notice()                    PeerJoined, PeerLeft, Shutdown (same stream)
//!   └─ peer(): Peer                     typed streams through the relay:
//!        open_control / open_input / open_video / open_file   (tag byte, then frames)
//!        accept_stream() → IncomingStream::{Control, Input, Video, File}
//!        send_datagram / read_datagram, close()
//! ```
//!
//! - [`trust`]: [`ServerTrust`] (pinned fingerprint or CA roots) and the pinning verifier;
//! - [`endpoint`]: [`RelayTarget`], [`ConnectOptions`] and the quinn client setup;
//! - [`connect`](mod@connect): [`connect()`], [`admit`], [`ConnectError`];
//! - [`session`]: [`RelaySession`] and its [`Notices`];
//! - [`peer`]: [`Peer`]: opening and accepting typed streams, datagrams;
//! - [`messages`]: [`MessageSender`] / [`MessageReceiver`] for framed message streams;
//! - [`file`](mod@file): [`FileSender`] / [`FileReceiver`] (header, raw bytes, size and SHA-256 checked);
//! - [`disconnect`]: [`Disconnect`], why a connection ended;
//! - [`socket`]: UDP sockets with kernel buffers sized for bursts, for clients and servers.
//!
//! Needs a tokio runtime.

pub mod connect;
pub mod disconnect;
pub mod endpoint;
pub mod file;
mod frames;
pub mod messages;
pub mod peer;
pub mod session;
pub mod socket;
pub mod trust;

pub use connect::{Admission, ConnectError, admit, connect};
pub use disconnect::Disconnect;
pub use endpoint::{ConnectOptions, RelayTarget};
pub use file::{FileReceiver, FileRecvError, FileSendError, FileSender};
pub use messages::{MessageReceiver, MessageSender, RecvError, SendError};
pub use peer::{AcceptError, DatagramError, IncomingStream, OpenError, Peer};
pub use session::{NoticeError, Notices, RelaySession};
pub use trust::ServerTrust;
