//! Lifeline's technician console.
//!
//! - [`state`]: codes, sessions (chat, consent, diagnostics, transfers, video stats) — plain
//!   data and rules, no egui;
//! - [`net`]: the HTTP and QUIC clients on a background runtime, usable headless
//!   ([`net::TechnicianClient`]);
//! - [`ui`]: one module per window; UI code emits [`net::Command`]s and never blocks;
//! - [`viewer`]: the phone's screen as a wgpu texture updated in place, and the gesture
//!   mapper;
//! - [`settings`] and [`paths`]: what persists between runs and where files go.

pub mod net;
pub mod paths;
pub mod settings;
pub mod state;
pub mod ui;
pub mod viewer;

pub use lifeline_protocol::PROTOCOL_VERSION;
