//! End to end: a real relay on loopback (QUIC, HTTPS, SQLite), the agent's session with a
//! simulated phone, and a technician driven headless through the console's network side.
//! One test binary, one module per theme.

// Tests: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod codes;
mod consent;
mod faults;
mod record;
mod sessions;
mod standard;
