//! Lifeline's customer agent.
//!
//! - [`device`]: the [`device::Device`] trait, what the agent needs from a phone;
//! - [`sim`]: the simulated phone ([`sim::SimPhone`]);
//! - [`adb`]: a real phone attached by USB, through the `adb` program ([`adb::AdbPhone`]);
//! - [`session`]: the session with a technician: the sans-IO core, the tokio glue, the
//!   customer's [`session::Frontend`], and joining by link;
//! - [`terminal`]: the terminal frontend of `lifeline-agent join`;
//! - [`window`]: the desktop window of `lifeline-agent join --window`.

pub mod adb;
pub mod device;
pub mod session;
pub mod sim;
pub mod terminal;
pub mod window;

pub use lifeline_protocol::consent::Capability;
