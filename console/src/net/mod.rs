//! The network side: the relay's HTTP API (reqwest) and the QUIC session client, on a
//! background tokio runtime. It turns network input into [`crate::state::Event`]s and carries
//! out [`Command`]s; it needs no window, so tests and benchmarks drive it headless through
//! [`TechnicianClient`].
//!
//! - [`runtime`]: [`Net`], the runtime and its shutdown; [`config`]: how it runs;
//! - [`dispatcher`]: the main task — commands, refreshes, one task per session, local mode;
//! - [`session`]: one session, following the session conversation;
//! - [`writers`], [`video`], [`files`]: the control/input writers, video decoding off the UI
//!   thread, files saved (with their SHA-256 checked, and screenshots and reports);
//! - [`http`], [`tls`]: the API client and certificate pinning;
//! - [`local`], [`demo`]: the in-process relay and the demo phone;
//! - [`recorder`]: the session's record, spooled and streamed to the relay in chunks;
//!   [`review`]: the Sessions list, records and wrap-ups for the review window;
//! - [`command`], [`sink`]: the bounded channels to and from the UI;
//! - [`client`]: [`TechnicianClient`], the headless driver.

pub mod client;
pub mod command;
pub mod config;
pub mod demo;
pub mod dispatcher;
pub mod files;
pub mod http;
pub mod local;
pub mod recorder;
pub mod review;
pub mod runtime;
pub mod session;
pub mod sink;
pub mod tls;
pub mod video;
pub mod writers;

pub use client::{ClientError, TechnicianClient};
pub use command::{Command, CommandError, CommandSender, SessionCommand};
pub use config::{NetConfig, ServerConfig};
pub use recorder::RecordingConfig;
pub use review::{ReviewMailbox, ReviewRequest, ReviewResult};
pub use runtime::{Net, NetError};
pub use sink::{EventReceiver, EventSink, Waker};
