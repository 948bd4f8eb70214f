//! Tile geometry: which pixels tile `i` of a frame covers.

use super::{Rect, TILE_SIZE};
use crate::video::image::BYTES_PER_PIXEL;

/// The tile grid of a `width`×`height` frame. Tiles are numbered row-major.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct TileGrid {
    pub(super) width: u32,
    pub(super) height: u32,
    pub(super) columns: u32,
    pub(super) rows: u32,
}

impl TileGrid {
    pub(super) fn new(width: u32, height: u32) -> Self {
        Self {
            width,
            height,
            columns: width.div_ceil(TILE_SIZE),
            rows: height.div_ceil(TILE_SIZE),
        }
    }

    /// Number of tiles.
    pub(super) fn len(&self) -> usize {
        self.columns as usize * self.rows as usize
    }

    /// The pixels of tile `index` (which must be `< len()`), clipped to the frame.
    pub(super) fn rect(&self, index: usize) -> Rect {
        let columns = self.columns.max(1) as usize;
        // index < len() keeps both quotient and remainder within u32.
        let tx = (index % columns) as u32;
        let ty = (index / columns) as u32;
        self.rect_at(tx, ty)
    }

    /// The pixels of the tile in column `tx`, row `ty`, clipped to the frame.
    pub(super) fn rect_at(&self, tx: u32, ty: u32) -> Rect {
        let x = tx * TILE_SIZE;
        let y = ty * TILE_SIZE;
        Rect {
            x,
            y,
            width: TILE_SIZE.min(self.width.saturating_sub(x)),
            height: TILE_SIZE.min(self.height.saturating_sub(y)),
        }
    }

    /// Bytes of pixel data tile `index` carries.
    pub(super) fn tile_bytes(&self, index: usize) -> usize {
        let r = self.rect(index);
        r.width as usize * r.height as usize * BYTES_PER_PIXEL
    }
}

/// Byte range of the part of one image row that a tile covers.
pub(super) fn row_span(rect: &Rect) -> std::ops::Range<usize> {
    let start = rect.x as usize * BYTES_PER_PIXEL;
    start..start + rect.width as usize * BYTES_PER_PIXEL
}

/// Damage rects for a sorted list of tile indices: each run of consecutive tiles in one tile
/// row becomes one rect.
pub(super) fn tile_runs(grid: &TileGrid, tiles: impl IntoIterator<Item = usize>) -> Vec<Rect> {
    let mut rects: Vec<Rect> = Vec::new();
    let mut last: Option<usize> = None;
    for index in tiles {
        let r = grid.rect(index);
        let continues = last.is_some_and(|l| l + 1 == index) && index % grid.columns as usize != 0;
        match rects.last_mut() {
            Some(run) if continues => run.width += r.width,
            _ => rects.push(r),
        }
        last = Some(index);
    }
    rects
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_tiles_are_partial() {
        let g = TileGrid::new(100, 70);
        assert_eq!((g.columns, g.rows, g.len()), (2, 2, 4));
        assert_eq!(
            g.rect(3),
            Rect {
                x: 64,
                y: 64,
                width: 36,
                height: 6
            }
        );
        assert_eq!(g.tile_bytes(1), 36 * 64 * 4);
    }

    #[test]
    fn runs_merge_within_a_row_only() {
        let g = TileGrid::new(200, 200); // 4x4
        let rects = tile_runs(&g, [1, 2, 3, 4, 9]);
        assert_eq!(
            rects,
            vec![
                Rect {
                    x: 64,
                    y: 0,
                    width: 136,
                    height: 64
                },
                Rect {
                    x: 0,
                    y: 64,
                    width: 64,
                    height: 64
                },
                Rect {
                    x: 64,
                    y: 128,
                    width: 64,
                    height: 64
                },
            ]
        );
    }
}
