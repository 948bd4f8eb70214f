//! The wire layout (see the [module docs](super)): writing it, and reading it back with every
//! field bounds-checked.

use super::TileError;
use super::grid::TileGrid;
use super::scroll::ScrollOp;
use crate::video::image::{BYTES_PER_PIXEL, MAX_DIMENSION};

/// The format version this build writes and reads.
pub(super) const VERSION: u8 = 1;
/// Flag: every tile is sent, no reference needed.
pub(super) const FLAG_KEYFRAME: u8 = 1;
/// Flag: the tile data is stored as is rather than zstd-compressed.
pub(super) const FLAG_STORED: u8 = 2;
/// At most this many scroll ops in one frame.
pub(super) const MAX_SCROLL_OPS: usize = 16;

/// Appends `value` as an unsigned LEB128 varint.
pub(super) fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn zigzag(value: i64) -> u64 {
    ((value << 1) ^ (value >> 63)) as u64
}

fn unzigzag(value: u64) -> i64 {
    ((value >> 1) as i64) ^ -((value & 1) as i64)
}

/// Writes the version, flags and size.
pub(super) fn put_header(out: &mut Vec<u8>, flags: u8, width: u32, height: u32) {
    out.push(VERSION);
    out.push(flags);
    put_varint(out, width.into());
    put_varint(out, height.into());
}

/// Writes the delta-frame part: scroll ops, tile indices (ascending) and the mode bitmap.
pub(super) fn put_delta(out: &mut Vec<u8>, scrolls: &[ScrollOp], tiles: &[u32], modes: &[u8]) {
    put_varint(out, scrolls.len() as u64);
    for op in scrolls {
        put_varint(out, op.top.into());
        put_varint(out, op.bottom.into());
        put_varint(out, zigzag(op.dy.into()));
    }
    put_varint(out, tiles.len() as u64);
    let mut previous = None;
    for &index in tiles {
        let gap = match previous {
            None => index,
            Some(p) => index - p,
        };
        put_varint(out, gap.into());
        previous = Some(index);
    }
    out.extend_from_slice(modes);
}

/// Writes the tile data with its length.
pub(super) fn put_data(out: &mut Vec<u8>, data: &[u8]) {
    put_varint(out, data.len() as u64);
    out.extend_from_slice(data);
}

/// A cursor over a payload that never reads past its end.
#[derive(Debug)]
pub(super) struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(super) fn new(payload: &'a [u8]) -> Self {
        Self { rest: payload }
    }

    pub(super) fn u8(&mut self, what: &'static str) -> Result<u8, TileError> {
        let (&byte, rest) = self
            .rest
            .split_first()
            .ok_or(TileError::Truncated { needed: 1, what })?;
        self.rest = rest;
        Ok(byte)
    }

    pub(super) fn bytes(&mut self, len: usize, what: &'static str) -> Result<&'a [u8], TileError> {
        if len > self.rest.len() {
            return Err(TileError::Truncated {
                needed: len - self.rest.len(),
                what,
            });
        }
        let (bytes, rest) = self.rest.split_at(len);
        self.rest = rest;
        Ok(bytes)
    }

    pub(super) fn varint(&mut self, what: &'static str) -> Result<u64, TileError> {
        let mut value: u64 = 0;
        for shift in (0..64).step_by(7) {
            let byte = self.u8(what)?;
            let bits = u64::from(byte & 0x7f);
            // The 10th byte may only carry the top bit of a u64.
            if shift == 63 && bits > 1 {
                return Err(TileError::BadVarint { what });
            }
            value |= bits << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(TileError::BadVarint { what })
    }

    pub(super) fn remaining(&self) -> usize {
        self.rest.len()
    }
}

/// Version, flags and size of a payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Header {
    pub(super) keyframe: bool,
    pub(super) stored: bool,
    pub(super) width: u32,
    pub(super) height: u32,
}

/// Reads and checks the version, flags and size.
pub(super) fn read_header(r: &mut Reader<'_>) -> Result<Header, TileError> {
    let version = r.u8("the format version")?;
    if version != VERSION {
        return Err(TileError::UnsupportedVersion(version));
    }
    let flags = r.u8("the flags")?;
    if flags & !(FLAG_KEYFRAME | FLAG_STORED) != 0 {
        return Err(TileError::UnknownFlags(flags));
    }
    let width = r.varint("the frame width")?;
    let height = r.varint("the frame height")?;
    let max = u64::from(MAX_DIMENSION);
    if width == 0 || height == 0 || width > max || height > max {
        return Err(TileError::InvalidSize { width, height });
    }
    Ok(Header {
        keyframe: flags & FLAG_KEYFRAME != 0,
        stored: flags & FLAG_STORED != 0,
        // Both checked to be at most MAX_DIMENSION above.
        width: width as u32,
        height: height as u32,
    })
}

/// The part of a delta frame between the header and the data, checked against the grid.
#[derive(Debug)]
pub(super) struct DeltaBody<'a> {
    /// Bit `i` (LSB first) of byte `i / 8` set: listed tile `i` is XORed with the reference.
    pub(super) modes: &'a [u8],
}

/// Reads the scroll ops, tile list and modes of a delta frame into `scrolls` and `tiles`
/// (cleared first), validating every value against `grid`.
pub(super) fn read_delta<'a>(
    r: &mut Reader<'a>,
    grid: &TileGrid,
    scrolls: &mut Vec<ScrollOp>,
    tiles: &mut Vec<u32>,
) -> Result<DeltaBody<'a>, TileError> {
    scrolls.clear();
    tiles.clear();

    let count = r.varint("the scroll op count")?;
    if count > MAX_SCROLL_OPS as u64 {
        return Err(TileError::TooManyScrollOps {
            count,
            max: MAX_SCROLL_OPS,
        });
    }
    for _ in 0..count {
        let top = r.varint("a scroll op's top row")?;
        let bottom = r.varint("a scroll op's bottom row")?;
        let dy = unzigzag(r.varint("a scroll op's shift")?);
        scrolls.push(ScrollOp::checked(top, bottom, dy, grid.height)?);
    }

    let count = r.varint("the tile count")?;
    if count > grid.len() as u64 {
        return Err(TileError::TooManyTiles {
            count,
            columns: grid.columns,
            rows: grid.rows,
        });
    }
    // count <= grid.len() <= 128 * 128, so this is a small, bounded allocation.
    tiles.reserve(count as usize);
    let mut previous: Option<u64> = None;
    for _ in 0..count {
        let gap = r.varint("a tile index")?;
        let index = match previous {
            None => gap,
            Some(p) => {
                if gap == 0 {
                    return Err(TileError::TilesNotIncreasing {
                        index: p,
                        previous: p,
                    });
                }
                p.saturating_add(gap)
            }
        };
        if index >= grid.len() as u64 {
            return Err(TileError::TileOutOfRange {
                index,
                columns: grid.columns,
                rows: grid.rows,
            });
        }
        // Below grid.len(), which fits in u32.
        tiles.push(index as u32);
        previous = Some(index);
    }

    let modes = r.bytes(tiles.len().div_ceil(8), "the tile modes")?;
    let used_bits = tiles.len() % 8;
    if let Some(&last) = modes.last()
        && used_bits != 0
        && last >> used_bits != 0
    {
        return Err(TileError::ModePadding { count: tiles.len() });
    }
    Ok(DeltaBody { modes })
}

/// Reads the length-prefixed tile data and checks that nothing follows it.
pub(super) fn read_data<'a>(r: &mut Reader<'a>) -> Result<&'a [u8], TileError> {
    let len = r.varint("the tile data length")?;
    let len = usize::try_from(len).unwrap_or(usize::MAX);
    let data = r.bytes(len, "the tile data")?;
    if r.remaining() != 0 {
        return Err(TileError::TrailingBytes(r.remaining()));
    }
    Ok(data)
}

/// Whether listed tile `i` is XORed with the reference.
pub(super) fn is_xor(modes: &[u8], i: usize) -> bool {
    modes
        .get(i / 8)
        .is_some_and(|byte| byte >> (i % 8) & 1 != 0)
}

/// Bytes of tile data a frame with these tiles carries.
pub(super) fn data_len(grid: &TileGrid, keyframe: bool, tiles: &[u32]) -> usize {
    if keyframe {
        grid.width as usize * grid.height as usize * BYTES_PER_PIXEL
    } else {
        tiles.iter().map(|&t| grid.tile_bytes(t as usize)).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        for v in [0, 1, 127, 128, 300, u32::MAX.into(), u64::MAX] {
            let mut buf = Vec::new();
            put_varint(&mut buf, v);
            let mut r = Reader::new(&buf);
            assert_eq!(r.varint("v").unwrap(), v);
            assert_eq!(r.remaining(), 0);
        }
        for v in [0, 1, -1, 16, -16, i64::MAX, i64::MIN] {
            assert_eq!(unzigzag(zigzag(v)), v);
        }
    }

    #[test]
    fn overlong_varints_are_rejected() {
        let mut r = Reader::new(&[0xff; 11]);
        assert_eq!(r.varint("x"), Err(TileError::BadVarint { what: "x" }));
        let mut buf = vec![0xff; 9];
        buf.push(0x02); // would be bit 64
        assert_eq!(
            Reader::new(&buf).varint("x"),
            Err(TileError::BadVarint { what: "x" })
        );
    }

    #[test]
    fn truncated_reads_say_what_was_missing() {
        let mut r = Reader::new(&[1, 2]);
        assert_eq!(
            r.bytes(5, "stuff").unwrap_err().to_string(),
            "payload truncated: needed 3 more bytes for stuff"
        );
    }
}
