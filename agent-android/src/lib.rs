//! Lifeline's customer agent.
//!
//! It will hold (see `README.md` in this crate): the session core that answers a
//! technician, the `Device` trait, the simulated phone used on desktops and in tests, and
//! the adb backend for real phones attached by USB.

pub use lifeline_protocol::consent::Capability;
