//! The phone's screen over adb.
//!
//! - [`geometry`]: size and rotation, from `wm size` and `dumpsys display`;
//! - [`worker`]: the thread that streams `screenrecord`'s H.264 (split into access units,
//!   restarted when it exits at its time limit, on a keyframe request, and when the screen
//!   turns), or takes `screencap -p` screenshots when `screenrecord` is missing or fails.

pub mod geometry;
pub(crate) mod worker;

pub use geometry::Geometry;
