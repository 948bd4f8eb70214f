//! Screen frames and video codecs.
//!
//! [`RgbaImage`] is a captured screen; [`tiles`] is Lifeline's lossless codec for it.
//! The `h264` codec is produced by real phones and decoded by the console; only its
//! identifier lives here (see [`crate::messages::video::Codec`]).

mod image;
pub mod tiles;

pub use image::{BYTES_PER_PIXEL, ImageError, MAX_DIMENSION, RgbaImage};
