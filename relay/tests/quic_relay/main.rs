//! The QUIC relay end to end: a real relay on loopback (SQLite in a temp dir), real QUIC
//! clients from `lifeline_protocol::quic`.

// Helpers shared by the tests unwrap like the tests do: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod forwarding;
mod leaving;
mod limits;
mod pairing;
mod raw;
mod refusals;
mod robustness;
mod trust;
