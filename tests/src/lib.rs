//! Shared helpers for Lifeline's end-to-end tests and the `lifeline-bench` binary.

pub mod rig;
pub mod synthetic;
