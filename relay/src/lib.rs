//! Lifeline's relay: the server both sides of a session connect to.
//!
//! - [`pairing`]: the sans-IO pairing and rate-limit core, driven by an explicit `now`;
//! - [`quic`]: the QUIC endpoint: handshakes, pairing by code, stream splicing, limits;
//! - [`http`]: the HTTP API, the join page and the customer portal pages;
//! - [`store`]: SQLite persistence (users, tokens, portals, codes, session records);
//! - [`auth`]: password hashing, API tokens and sign-in throttling;
//! - [`tls`]: the relay's certificate (self-signed on first start, or the operator's);
//! - [`metrics`]: counters exported in Prometheus text format;
//! - [`allocator`]: the process's `malloc` tuning for many connections;
//! - [`server`]: [`Relay::start`], which runs all of it and returns a [`RelayHandle`].

pub mod allocator;
pub mod auth;
pub mod config;
pub mod http;
pub mod metrics;
pub mod pairing;
pub mod quic;
pub mod server;
pub mod store;
pub mod tls;

pub use config::{Limits, RelayConfig, TlsSource};
pub use server::{Clock, ManualClock, Relay, RelayHandle, StartError, SystemClock};
