//! Helpers shared by the console's integration tests.

// Test helpers: a failed unwrap is a failed test.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used, clippy::expect_used)]

pub mod customer;
pub mod fake_phone;
pub mod h264_phone;
pub mod paced_phone;
pub mod phone_frames;
pub mod relay_rig;
pub mod ui;
