//! The decoder: payload in, image and damage out.

use zstd::bulk::Decompressor;

use super::format::{self, Reader};
use super::grid::{TileGrid, row_span, tile_runs};
use super::scroll::ScrollOp;
use super::{Damage, Rect, TileError};
use crate::video::RgbaImage;

/// Decodes the payloads of one [`TileEncoder`](super::TileEncoder) stream into an image.
///
/// A payload is checked completely (header, scroll ops, tile list, exact decompressed size,
/// no trailing bytes) before the image is touched: when [`decode`](Self::decode) returns an
/// error, [`image`](Self::image) is exactly what it was before the call.
#[derive(Default)]
pub struct TileDecoder {
    image: Option<RgbaImage>,
    /// Created on first use.
    decompressor: Option<Decompressor<'static>>,
    /// Decompressed tile data of the payload being decoded.
    tile_data: Vec<u8>,
    /// Tile indices of the payload being decoded.
    tiles: Vec<u32>,
    /// Scroll ops of the payload being decoded.
    scrolls: Vec<ScrollOp>,
}

impl std::fmt::Debug for TileDecoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TileDecoder")
            .field("image", &self.image)
            .finish_non_exhaustive()
    }
}

impl TileDecoder {
    /// A decoder waiting for its first keyframe.
    pub fn new() -> Self {
        Self::default()
    }

    /// The current image, once a keyframe has been decoded.
    pub fn image(&self) -> Option<&RgbaImage> {
        self.image.as_ref()
    }

    /// Forgets the image (e.g. after a stream restart); the next non-empty payload must be a
    /// keyframe.
    pub fn reset(&mut self) {
        self.image = None;
    }

    /// Applies one payload and says what changed. An empty payload means "no change". On error
    /// the image is left exactly as it was.
    pub fn decode(&mut self, payload: &[u8]) -> Result<Damage, TileError> {
        if payload.is_empty() {
            return Ok(Damage::default());
        }
        let mut r = Reader::new(payload);
        let header = format::read_header(&mut r)?;
        let grid = TileGrid::new(header.width, header.height);

        // Check everything, touching nothing.
        let modes = if header.keyframe {
            self.tiles.clear();
            self.scrolls.clear();
            &[][..]
        } else {
            let image = self.image.as_ref().ok_or(TileError::DeltaBeforeKeyframe)?;
            if image.width() != header.width || image.height() != header.height {
                return Err(TileError::SizeMismatch {
                    frame_width: header.width,
                    frame_height: header.height,
                    image_width: image.width(),
                    image_height: image.height(),
                });
            }
            format::read_delta(&mut r, &grid, &mut self.scrolls, &mut self.tiles)?.modes
        };
        let data = format::read_data(&mut r)?;
        let expected = format::data_len(&grid, header.keyframe, &self.tiles);
        self.unpack(data, header.stored, expected)?;

        // The payload is known good from here on; the error paths below cannot fire (the
        // size was checked by `read_header`, the image's presence just above).
        if header.keyframe {
            let reuse = self
                .image
                .as_ref()
                .is_some_and(|i| i.width() == header.width && i.height() == header.height);
            if !reuse {
                // Tile data covers the whole frame, so its length is the image's.
                let fresh = RgbaImage::from_raw(header.width, header.height, vec![0; expected])
                    .map_err(|_| TileError::InvalidSize {
                        width: header.width.into(),
                        height: header.height.into(),
                    })?;
                self.image = Some(fresh);
            }
            let Some(image) = self.image.as_mut() else {
                return Err(TileError::DeltaBeforeKeyframe);
            };
            write_tiles(image, &grid, 0..grid.len(), &[], &self.tile_data);
            return Ok(Damage {
                keyframe: true,
                rects: vec![Rect {
                    x: 0,
                    y: 0,
                    width: header.width,
                    height: header.height,
                }],
            });
        }

        let Some(image) = self.image.as_mut() else {
            return Err(TileError::DeltaBeforeKeyframe);
        };
        let stride = image.stride();
        let mut rects = Vec::with_capacity(self.scrolls.len() + 1);
        for op in &self.scrolls {
            op.apply(image.data_mut(), stride);
            rects.push(op.rect(header.width));
        }
        let tiles = self.tiles.iter().map(|&t| t as usize);
        write_tiles(image, &grid, tiles.clone(), modes, &self.tile_data);
        rects.extend(tile_runs(&grid, tiles));
        Ok(Damage {
            keyframe: false,
            rects,
        })
    }

    /// Puts exactly `expected` bytes of tile data from `data` into `self.tile_data`.
    fn unpack(&mut self, data: &[u8], stored: bool, expected: usize) -> Result<(), TileError> {
        let wrong_size = |actual: u64| TileError::DataSize {
            actual,
            expected: expected as u64,
        };
        self.tile_data.clear();
        if stored || expected == 0 {
            if data.len() != expected {
                return Err(wrong_size(data.len() as u64));
            }
            self.tile_data.extend_from_slice(data);
            return Ok(());
        }
        // Refuse before allocating when the zstd header announces another size.
        match zstd::zstd_safe::get_frame_content_size(data) {
            Ok(Some(size)) if size != expected as u64 => return Err(wrong_size(size)),
            Ok(_) => {}
            Err(e) => return Err(TileError::Zstd(e.to_string())),
        }
        if self.decompressor.is_none() {
            self.decompressor =
                Some(Decompressor::new().map_err(|e| TileError::Zstd(e.to_string()))?);
        }
        let Some(decompressor) = self.decompressor.as_mut() else {
            return Err(TileError::Zstd("no decompression context".into()));
        };
        // A slice of exactly `expected` bytes: zstd cannot write past it.
        self.tile_data.resize(expected, 0);
        let written = decompressor
            .decompress_to_buffer(data, self.tile_data.as_mut_slice())
            .map_err(|e| TileError::Zstd(e.to_string()))?;
        if written != expected {
            return Err(wrong_size(written as u64));
        }
        Ok(())
    }
}

/// Writes the data of `tiles` (in order) into `image`; listed tile `i` is XORed into the
/// image when bit `i` of `modes` is set, copied otherwise. `data` holds exactly the tiles'
/// bytes (checked by the caller).
fn write_tiles(
    image: &mut RgbaImage,
    grid: &TileGrid,
    tiles: impl Iterator<Item = usize>,
    modes: &[u8],
    data: &[u8],
) {
    let stride = image.stride();
    let mut rest = data;
    for (i, index) in tiles.enumerate() {
        let rect = grid.rect(index);
        let span = row_span(&rect);
        let xor = format::is_xor(modes, i);
        let Some((tile, after)) = rest.split_at_checked(span.len() * rect.height as usize) else {
            return;
        };
        rest = after;
        let rows = image
            .data_mut()
            .chunks_exact_mut(stride)
            .skip(rect.y as usize)
            .take(rect.height as usize);
        for (row, src) in rows.zip(tile.chunks_exact(span.len().max(1))) {
            // The tile lies inside the frame, so `span` lies inside the row.
            let dst = &mut row[span.clone()];
            if xor {
                dst.iter_mut().zip(src).for_each(|(d, s)| *d ^= s);
            } else {
                dst.copy_from_slice(src);
            }
        }
    }
}
