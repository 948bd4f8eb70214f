//! A real phone attached by USB, driven through the `adb` program: [`AdbPhone`].
//!
//! - [`devices`]: `adb devices -l`, choosing the phone, one clear error per problem
//!   ([`AdbError`]);
//! - [`command`]: running `adb` with time limits, and several shell commands in one trip;
//! - [`screen`]: `screenrecord` H.264 split into access units by [`annexb`], restarted when it
//!   ends or a keyframe is wanted, or `screencap -p` screenshots;
//! - [`input`]: gestures, keys and text as `input` commands on one long-lived `adb shell`;
//! - [`diag`]: pure parsers of `getprop`, `dumpsys`, `/proc`, `df`, `ip`, `pm`, `ps`;
//! - [`report`]: running the diagnostics commands, each slow one costing only its part;
//! - [`logs`]: reads `logcat`.
//!
//! Consent prompts and chat go to the customer at the computer (the terminal or the
//! window), not to the phone: [`AdbPhone`] shows nothing on the phone itself.

pub mod annexb;
pub mod command;
pub mod devices;
pub mod diag;
mod error;
pub mod input;
pub mod logs;
mod phone;
pub mod report;
pub mod screen;
pub mod sps;

pub use command::Adb;
pub use error::AdbError;
pub use phone::{AdbOptions, AdbPhone, DEFAULT_BIT_RATE};
pub use screen::worker::ScreenMode;
