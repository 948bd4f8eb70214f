//! The session: the customer's side of the conversation with a technician, over the relay.
//!
//! - [`SessionCore`] (`core`, `control`, `consent`, `customer`, `video`, `input`, `chat`):
//!   every decision, without I/O. It follows "The session conversation" in
//!   `lifeline_protocol::messages`: it answers the technician's control messages, enforces
//!   consent with the protocol's ledger (the portal policy from the welcome, the device's
//!   capabilities, the customer's answers), gates input, paces the screen stream with a
//!   window of unacknowledged frames, and queues [`Action`]s. Driven with a virtual clock in
//!   tests.
//! - [`start`] (`runner`, `streams`): the tokio glue. One task owns the relay connection and
//!   a shared device (`Arc<Mutex<D>>`); reader and writer tasks per stream keep the loop
//!   from ever waiting on the network.
//! - [`Frontend`] (`handle`, `events`): what a customer-facing frontend holds — a bounded
//!   stream of [`CustomerEvent`]s and a [`CommandSender`] for [`CustomerCommand`]s. The
//!   terminal (`crate::terminal`) is one frontend; a desktop window is another.
//! - [`join`]: from a link to the relay endpoint, and the customer's hello.
//!
//! ```text
//!   relay ──control/input──▶ readers ─┐                ┌─▶ control writer ──▶ relay
//!   relay ──notices─────────────────▶ │  runner loop   ├─▶ video writer ────▶ relay
//!   frontend ──CustomerCommand──────▶ │  SessionCore   ├─▶ file sender ─────▶ relay
//!   window ──device_changed─────────▶ │  + Device      └─▶ CustomerEvent ───▶ frontend
//!   timer (device tick, frame pace) ─▶┘
//! ```

mod chat;
mod clock;
mod config;
mod consent;
mod control;
mod core;
mod customer;
mod events;
mod handle;
mod input;
pub mod join;
mod runner;
mod streams;
mod video;
pub mod wording;

pub use clock::{AgentClock, Now};
pub use config::{Approval, BadApproval, DEFAULT_FRAME_WINDOW, DEFAULT_MAX_FPS, SessionConfig};
pub use core::{Action, OutgoingFile, SessionCore};
pub use events::{CustomerCommand, CustomerEvent, SessionStatus};
pub use handle::{CommandSender, Frontend, SessionGone, SessionOutcome, SessionTask, TrySendError};
pub use runner::start;
pub use video::VideoStats;
