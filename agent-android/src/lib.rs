//! Lifeline's customer agent.
//!
//! Today it holds the [`device::Device`] trait and its first backend, the simulated phone
//! ([`sim::SimPhone`]). Still to come (see `README.md` in this crate): the session core that
//! answers a technician, the `lifeline-agent` command line, the desktop window, and the adb
//! backend for real phones attached by USB.

pub mod device;
pub mod sim;

pub use lifeline_protocol::consent::Capability;
