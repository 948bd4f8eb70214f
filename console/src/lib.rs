//! Lifeline's technician console.
//!
//! It will hold (see `README.md` in this crate): `state` (codes, sessions, review, no
//! egui), `net` (HTTP and QUIC clients, usable headless), `ui` (one module per window) and
//! `viewer` (the wgpu-rendered phone screen and the gesture mapper).

pub use lifeline_protocol::PROTOCOL_VERSION;
