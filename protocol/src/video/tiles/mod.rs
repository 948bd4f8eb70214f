//! `tiles`: Lifeline's lossless screen codec.
//!
//! A frame is cut into [`TILE_SIZE`]×[`TILE_SIZE`] tiles (the last column and row are
//! partial when the size is not a multiple of 64). The [`TileEncoder`] keeps the last frame it
//! sent; for each new frame it
//!
//! 1. finds the band of rows that changed (plain row compares from the top and the bottom);
//! 2. looks for a vertical scroll inside that band (row hashes vote for a shift, see
//!    [`scroll`](self::scroll)) and, when one pays off, emits a *scroll op*: "shift rows
//!    `top..bottom` by `dy`";
//! 3. applies the scroll ops to its copy of the previous frame exactly as the decoder will,
//!    compares every tile of the new frame against that reference byte for byte, and sends
//!    only the tiles that differ. A tile where at least half the pixels equal the reference is
//!    sent XORed with it (mostly zeros), any other tile is sent as is;
//! 4. packs all the sent tiles' pixels into one zstd frame.
//!
//! A frame identical to the previous one encodes to an empty payload. The first frame, a
//! frame after [`TileEncoder::request_keyframe`] and a frame of a new size are keyframes: every
//! tile is sent and no reference is needed.
//!
//! # Wire layout (version 1)
//!
//! Integers marked *varint* are unsigned LEB128 (at most 10 bytes, no overflow); `dy` is a
//! zigzag-encoded varint.
//!
//! ```text
//! u8      version                    = 1
//! u8      flags                      bit 0: keyframe, bit 1: tile data is stored, not zstd;
//!                                    other bits must be 0
//! varint  width, height              1..=8192 each
//! -- delta frames only (no keyframe flag) --
//! varint  scroll_count               0..=16
//!         scroll_count × { varint top, varint bottom, zigzag varint dy }
//!                                    rows top..bottom (exclusive) shift by dy (> 0: down);
//!                                    0 < |dy| < bottom - top <= height; applied in order
//! varint  tile_count                 0..=tiles in the grid
//!         tile_count × varint        first tile index, then the gap to the previous one (>= 1);
//!                                    index = row * columns + column, row-major
//! bytes   modes                      ceil(tile_count / 8) bytes, bit i (LSB first) set: tile i
//!                                    is XORed with the reference; unused bits must be 0
//! -- all frames --
//! varint  data_len
//! bytes   data                       data_len bytes: one zstd frame (or the raw bytes when flag
//!                                    bit 1 is set) holding each listed tile's pixels (all tiles
//!                                    for a keyframe), tile after tile, rows top to bottom, RGBA8;
//!                                    exactly the size the tile list implies
//! ```
//!
//! Nothing may follow the data. In a scroll op, a row whose source would lie outside
//! `top..bottom` keeps its previous content (those rows are the newly revealed ones, sent as
//! tiles).
//!
//! # Robustness
//!
//! [`TileDecoder::decode`] checks the whole payload (bounds, tile order, scroll ranges, the
//! exact decompressed size, trailing bytes) before it touches its image: on any error the
//! image is exactly what it was before the call. Hostile input gives a [`TileError`], never a
//! panic, and allocations are bounded by the frame size, itself capped at
//! [`MAX_DIMENSION`](super::image::MAX_DIMENSION) on a side.

mod decoder;
mod encoder;
mod error;
mod format;
mod grid;
mod hash;
mod scroll;

#[cfg(test)]
mod tests;

pub use decoder::TileDecoder;
pub use encoder::TileEncoder;
pub use error::TileError;

/// Width and height of a tile, in pixels.
pub const TILE_SIZE: u32 = 64;

/// One encoded frame.
#[derive(Debug, Clone)]
pub struct EncodedFrame {
    /// The bytes to send; empty when nothing changed.
    pub payload: Vec<u8>,
    /// Whether the payload is a keyframe (decodable without a reference).
    pub keyframe: bool,
}

/// A rectangle of pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    /// Left edge.
    pub x: u32,
    /// Top edge.
    pub y: u32,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// What changed in the decoder's image, so a viewer can upload only that to the GPU.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Damage {
    /// The whole image was replaced (and may have a new size).
    pub keyframe: bool,
    /// Changed areas: full-width rects for scroll regions, then runs of changed tiles. They may
    /// overlap.
    pub rects: Vec<Rect>,
}

impl Damage {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        !self.keyframe && self.rects.is_empty()
    }
}
