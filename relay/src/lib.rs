//! Lifeline's relay: the server both peers of a session connect to.
//!
//! It will hold (see `README.md` in this crate): the sans-IO pairing and rate-limit core,
//! the QUIC endpoint that pairs a technician and a customer by session code and splices
//! their streams, the HTTP API (sign-in, codes, portals, users, session records), and the
//! SQLite store. The console embeds it for its local mode.

/// Default UDP port of the relay's QUIC endpoint.
pub const DEFAULT_QUIC_PORT: u16 = 4433;
