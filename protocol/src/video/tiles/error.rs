//! Why a `tiles` payload was rejected.

use thiserror::Error;

/// Why [`TileDecoder::decode`](super::TileDecoder::decode) rejected a payload. The decoder's
/// image is unchanged whenever one of these is returned.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum TileError {
    /// The first byte names a format version this build does not speak.
    #[error("unsupported tiles format version {0}")]
    UnsupportedVersion(u8),
    /// The flags byte has bits this version does not define.
    #[error("unknown tiles flags 0x{0:02x}")]
    UnknownFlags(u8),
    /// The payload ends before a field it announces.
    #[error("payload truncated: needed {needed} more bytes for {what}")]
    Truncated {
        /// How many bytes were missing (at least).
        needed: usize,
        /// The field being read.
        what: &'static str,
    },
    /// A varint is longer than 10 bytes or overflows 64 bits.
    #[error("malformed varint for {what}")]
    BadVarint {
        /// The field being read.
        what: &'static str,
    },
    /// Width or height is zero or above `MAX_DIMENSION`.
    #[error("frame size {width}x{height} is invalid (each side must be 1..=8192)")]
    InvalidSize {
        /// Width as sent.
        width: u64,
        /// Height as sent.
        height: u64,
    },
    /// A delta frame arrived while the decoder had no image to apply it to.
    #[error("delta frame before any keyframe")]
    DeltaBeforeKeyframe,
    /// A delta frame's size differs from the decoder's current image.
    #[error(
        "delta frame is {frame_width}x{frame_height} but the current image is \
         {image_width}x{image_height}"
    )]
    SizeMismatch {
        /// Width in the payload.
        frame_width: u32,
        /// Height in the payload.
        frame_height: u32,
        /// Width of the decoder's image.
        image_width: u32,
        /// Height of the decoder's image.
        image_height: u32,
    },
    /// More scroll ops than the format allows.
    #[error("{count} scroll ops in one frame, at most {max} are allowed")]
    TooManyScrollOps {
        /// Count as sent.
        count: u64,
        /// The limit.
        max: usize,
    },
    /// A scroll region reaches past the bottom of the frame or is empty.
    #[error("scroll region rows {top}..{bottom} outside a {height}-row frame")]
    ScrollOutOfBounds {
        /// First row as sent.
        top: u64,
        /// End row (exclusive) as sent.
        bottom: u64,
        /// Frame height.
        height: u32,
    },
    /// A scroll shift is zero or not smaller than its region.
    #[error("scroll shift {dy} does not fit rows {top}..{bottom}")]
    BadScrollShift {
        /// First row of the region.
        top: u32,
        /// End row (exclusive) of the region.
        bottom: u32,
        /// Shift as sent.
        dy: i64,
    },
    /// The frame lists more tiles than its grid holds.
    #[error("frame lists {count} tiles but its {columns}x{rows} grid has {} tiles", columns * rows)]
    TooManyTiles {
        /// Count as sent.
        count: u64,
        /// Tile columns of the grid.
        columns: u32,
        /// Tile rows of the grid.
        rows: u32,
    },
    /// A tile index lies outside the grid.
    #[error("tile index {index} is outside the {columns}x{rows} grid")]
    TileOutOfRange {
        /// Index as decoded.
        index: u64,
        /// Tile columns of the grid.
        columns: u32,
        /// Tile rows of the grid.
        rows: u32,
    },
    /// Tile indices do not strictly increase.
    #[error("tile index {index} does not come after {previous}: indices must strictly increase")]
    TilesNotIncreasing {
        /// The offending index.
        index: u64,
        /// The index before it.
        previous: u64,
    },
    /// The tile mode bitmap has bits set past the last listed tile.
    #[error("tile mode bitmap has bits set past the last of {count} tiles")]
    ModePadding {
        /// Listed tiles.
        count: usize,
    },
    /// The zstd frame could not be decompressed.
    #[error("zstd data is corrupt: {0}")]
    Zstd(String),
    /// The tile data does not have the size the tile list implies.
    #[error("decompressed tile data is {actual} bytes, expected {expected}")]
    DataSize {
        /// Size found (or announced by the zstd header).
        actual: u64,
        /// Size the tile list implies.
        expected: u64,
    },
    /// Bytes follow the tile data.
    #[error("{0} trailing bytes after the tile data")]
    TrailingBytes(usize),
}
