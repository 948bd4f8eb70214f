//! The encoder: frame in, payload out.

use zstd::bulk::Compressor;

use super::format::{self, FLAG_KEYFRAME, FLAG_STORED};
use super::grid::{TileGrid, row_span};
use super::hash::hash_rows;
use super::scroll::{self, ScrollOp};
use super::{EncodedFrame, TILE_SIZE};
use crate::video::RgbaImage;

/// zstd level for tile data. Level 1 is the fastest full-strength level; on screen content
/// higher levels buy a few percent for several times the time.
const ZSTD_LEVEL: i32 = 1;

/// Encodes successive frames of one stream. It keeps the last frame it encoded, exactly as the
/// [`TileDecoder`](super::TileDecoder) on the other side holds it, plus scratch buffers reused
/// from frame to frame.
#[derive(Default)]
pub struct TileEncoder {
    /// The decoder's image after the last payload.
    reference: Option<RgbaImage>,
    /// Row hashes of `reference`.
    hashes: Vec<u64>,
    /// Row hashes of the frame being encoded.
    next_hashes: Vec<u64>,
    force_keyframe: bool,
    /// Created on first use; `None` afterwards only if zstd could not allocate one, in which
    /// case tile data is sent stored.
    compressor: Option<Compressor<'static>>,
    /// Uncompressed tile data of the frame being encoded.
    tile_data: Vec<u8>,
    /// Compressed tile data.
    packed: Vec<u8>,
    /// Changed tile indices, ascending.
    changed: Vec<u32>,
    /// Mode bitmap of `changed`.
    modes: Vec<u8>,
    /// Per tile column of the current tile row: changed?
    dirty: Vec<bool>,
}

impl std::fmt::Debug for TileEncoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TileEncoder")
            .field("reference", &self.reference)
            .field("force_keyframe", &self.force_keyframe)
            .finish_non_exhaustive()
    }
}

impl TileEncoder {
    /// An encoder whose first frame will be a keyframe.
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes the next frame a keyframe (the viewer asked for one, or lost its image).
    pub fn request_keyframe(&mut self) {
        self.force_keyframe = true;
    }

    /// Encodes `frame` against the previous one. Returns an empty payload when nothing
    /// changed. The first frame, a frame after [`request_keyframe`](Self::request_keyframe),
    /// and a frame whose size differs from the previous one are keyframes.
    pub fn encode(&mut self, frame: &RgbaImage) -> EncodedFrame {
        let same_size = self
            .reference
            .as_ref()
            .is_some_and(|r| r.width() == frame.width() && r.height() == frame.height());
        if self.force_keyframe || !same_size {
            return self.encode_keyframe(frame);
        }
        self.encode_delta(frame)
    }

    fn encode_keyframe(&mut self, frame: &RgbaImage) -> EncodedFrame {
        self.force_keyframe = false;
        let grid = TileGrid::new(frame.width(), frame.height());
        let stride = frame.stride();

        self.tile_data.clear();
        self.tile_data.reserve(frame.data().len());
        for index in 0..grid.len() {
            let rect = grid.rect(index);
            let span = row_span(&rect);
            for row in frame
                .data()
                .chunks_exact(stride)
                .skip(rect.y as usize)
                .take(rect.height as usize)
            {
                // span ends at the frame's right edge at most.
                self.tile_data.extend_from_slice(&row[span.clone()]);
            }
        }

        match &mut self.reference {
            Some(r) if r.width() == frame.width() && r.height() == frame.height() => {
                r.data_mut().copy_from_slice(frame.data());
            }
            reference => *reference = Some(frame.clone()),
        }
        self.hashes.clear();
        self.hashes.resize(frame.height() as usize, 0);
        hash_rows(
            frame.data(),
            stride,
            0..frame.height() as usize,
            &mut self.hashes,
        );

        let stored = self.pack();
        let mut payload = Vec::with_capacity(16 + self.packed.len());
        let flags = FLAG_KEYFRAME | if stored { FLAG_STORED } else { 0 };
        format::put_header(&mut payload, flags, frame.width(), frame.height());
        format::put_data(&mut payload, self.packed_or_stored(stored));
        EncodedFrame {
            payload,
            keyframe: true,
        }
    }

    fn encode_delta(&mut self, frame: &RgbaImage) -> EncodedFrame {
        let Some(reference) = self.reference.as_mut() else {
            return self.encode_keyframe(frame);
        };
        let stride = frame.stride();
        let height = frame.height() as usize;
        let grid = TileGrid::new(frame.width(), frame.height());

        // 1. The band of changed rows: first and last row that differ.
        let rows = || {
            frame
                .data()
                .chunks_exact(stride)
                .zip(reference.data().chunks_exact(stride))
        };
        let Some(first) = rows().position(|(a, b)| a != b) else {
            return EncodedFrame {
                payload: Vec::new(),
                keyframe: false,
            };
        };
        let last = rows().rposition(|(a, b)| a != b).unwrap_or(first);
        let band = first..last + 1;

        // 2. Scroll detection on row hashes; rows outside the band equal the reference.
        self.next_hashes.clear();
        self.next_hashes.extend_from_slice(&self.hashes);
        hash_rows(frame.data(), stride, band.clone(), &mut self.next_hashes);
        let scroll = scroll::detect(&self.hashes, &self.next_hashes, band.clone());

        // 3. The reference the decoder will have after the scroll, and the tiles of `frame`
        //    that differ from it. Rows outside the band and the scroll region are equal.
        let mut check = band;
        if let Some(op) = &scroll {
            op.apply(reference.data_mut(), stride);
            check = check.start.min(op.top as usize)..check.end.max(op.bottom as usize);
        }
        let check = check.start..check.end.min(height);
        self.changed.clear();
        let tile = TILE_SIZE as usize;
        let tile_bytes = tile * crate::video::image::BYTES_PER_PIXEL;
        for ty in check.start / tile..check.end.div_ceil(tile) {
            self.dirty.clear();
            self.dirty.resize(grid.columns as usize, false);
            let mut dirty_count = 0;
            let rows_here = (ty * tile).max(check.start)..((ty + 1) * tile).min(check.end);
            let cur_rows = frame.data().chunks_exact(stride).skip(rows_here.start);
            let ref_rows = reference.data().chunks_exact(stride).skip(rows_here.start);
            for (a, b) in cur_rows.zip(ref_rows).take(rows_here.len()) {
                if a == b {
                    continue;
                }
                let segments = a.chunks(tile_bytes).zip(b.chunks(tile_bytes));
                for (dirty, (sa, sb)) in self.dirty.iter_mut().zip(segments) {
                    if !*dirty && sa != sb {
                        *dirty = true;
                        dirty_count += 1;
                    }
                }
                if dirty_count == self.dirty.len() {
                    break;
                }
            }
            let first_index = ty as u32 * grid.columns;
            for (tx, _) in self.dirty.iter().enumerate().filter(|(_, d)| **d) {
                self.changed.push(first_index + tx as u32);
            }
        }

        if self.changed.is_empty() && scroll.is_none() {
            // Unreachable in practice (a row differed), but an empty payload is the right
            // answer for "nothing to send".
            return EncodedFrame {
                payload: Vec::new(),
                keyframe: false,
            };
        }

        // 4. Tile data: XORed with the reference where that leaves mostly zeros. Then the
        //    reference takes the frame's pixels, so it equals `frame` afterwards.
        self.tile_data.clear();
        self.modes.clear();
        self.modes.resize(self.changed.len().div_ceil(8), 0);
        for (i, &index) in self.changed.iter().enumerate() {
            let rect = grid.rect(index as usize);
            let span = row_span(&rect);
            let rows = || {
                frame
                    .data()
                    .chunks_exact(stride)
                    .zip(reference.data().chunks_exact(stride))
                    .skip(rect.y as usize)
                    .take(rect.height as usize)
            };
            // span ends at the right edge of the frame at most, so indexing rows is in bounds.
            let equal_pixels: usize = rows()
                .map(|(a, b)| {
                    let (a, _) = a[span.clone()].as_chunks::<4>();
                    let (b, _) = b[span.clone()].as_chunks::<4>();
                    a.iter().zip(b).filter(|(p, q)| p == q).count()
                })
                .sum();
            let xor = 2 * equal_pixels >= rect.width as usize * rect.height as usize;
            if xor {
                if let Some(m) = self.modes.get_mut(i / 8) {
                    *m |= 1 << (i % 8);
                }
                for (a, b) in rows() {
                    let (a, b) = (&a[span.clone()], &b[span.clone()]);
                    self.tile_data.extend(a.iter().zip(b).map(|(p, q)| p ^ q));
                }
            } else {
                for (a, _) in rows() {
                    self.tile_data.extend_from_slice(&a[span.clone()]);
                }
            }
            let src_rows = frame.data().chunks_exact(stride).skip(rect.y as usize);
            let dst_rows = reference
                .data_mut()
                .chunks_exact_mut(stride)
                .skip(rect.y as usize);
            for (a, b) in src_rows.zip(dst_rows).take(rect.height as usize) {
                b[span.clone()].copy_from_slice(&a[span.clone()]);
            }
        }
        std::mem::swap(&mut self.hashes, &mut self.next_hashes);

        let stored = self.pack();
        let data = self.packed_or_stored(stored);
        let mut payload = Vec::with_capacity(32 + 2 * self.changed.len() + data.len());
        let flags = if stored { FLAG_STORED } else { 0 };
        format::put_header(&mut payload, flags, frame.width(), frame.height());
        let scrolls: &[ScrollOp] = scroll.as_slice();
        format::put_delta(&mut payload, scrolls, &self.changed, &self.modes);
        format::put_data(&mut payload, data);
        EncodedFrame {
            payload,
            keyframe: false,
        }
    }

    /// Compresses `tile_data` into `packed`; returns whether the data must be sent stored
    /// instead (zstd unavailable, or it did not shrink the data).
    fn pack(&mut self) -> bool {
        self.packed.clear();
        if self.tile_data.is_empty() {
            return false;
        }
        if self.compressor.is_none() {
            self.compressor = Compressor::new(ZSTD_LEVEL).ok();
        }
        let Some(compressor) = self.compressor.as_mut() else {
            return true;
        };
        self.packed
            .reserve(zstd::zstd_safe::compress_bound(self.tile_data.len()));
        match compressor.compress_to_buffer(&self.tile_data, &mut self.packed) {
            Ok(_) => self.packed.len() >= self.tile_data.len(),
            Err(_) => true,
        }
    }

    fn packed_or_stored(&self, stored: bool) -> &[u8] {
        if stored {
            &self.tile_data
        } else {
            &self.packed
        }
    }
}
