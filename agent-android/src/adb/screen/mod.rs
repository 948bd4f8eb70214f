//! The phone's screen over adb.
//!
//! - [`geometry`]: size and rotation, from `wm size` and `dumpsys display`;
//! - [`worker`]: the thread that streams `screenrecord`'s H.264 (split into access units,
//!   restarted when it exits at its time limit, on a keyframe request, and when the screen
//!   turns), or takes `screencap -p` screenshots when `screenrecord` is missing or fails;
//! - [`tools`]: what the phone's `screenrecord` and `adb` allow (H.264 and `exec-out` from
//!   Android 5, no time limit from Android 11), from its SDK level and `screenrecord --help`.

pub mod geometry;
pub mod tools;
pub(crate) mod worker;

pub use geometry::Geometry;
