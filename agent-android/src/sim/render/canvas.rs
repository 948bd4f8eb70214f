//! Pixel operations on one frame: solid spans, alpha masks, rounded rectangles.
//!
//! Hot paths work on whole rows with slice operations: a solid rectangle fills its first row
//! and copies it down, a mask blends only where its coverage is non-zero. Everything is
//! clipped to [`Target::clip`], so a caller can redraw just a strip of the screen.

use super::color::Color;
use crate::sim::geom::Rect;

const BPP: usize = 4;

/// An 8-bit coverage mask (a glyph, an icon, a rounded corner).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Mask {
    pub(crate) w: i32,
    pub(crate) h: i32,
    /// `w * h` coverage values, row-major, 0 (outside) to 255 (inside).
    pub(crate) data: Vec<u8>,
}

impl Mask {
    pub(crate) fn row(&self, y: i32) -> &[u8] {
        let start = (y * self.w) as usize;
        self.data.get(start..start + self.w as usize).unwrap_or(&[])
    }
}

/// The pixels being drawn and the clip rectangle.
#[derive(Debug)]
pub(crate) struct Target<'a> {
    data: &'a mut [u8],
    width: i32,
    height: i32,
    clip: Rect,
}

/// Fills `span` (whole pixels) with `c`: one pixel, then doubling copies, so a row costs a
/// handful of `memcpy`s.
fn fill_span(span: &mut [u8], c: Color) {
    if span.len() < BPP {
        return;
    }
    span[..BPP].copy_from_slice(&c);
    let mut done = BPP;
    while done < span.len() {
        let n = done.min(span.len() - done);
        span.copy_within(..n, done);
        done += n;
    }
}

#[inline]
fn blend_px(px: &mut [u8], c: Color, a: u32) {
    let inv = 255 - a;
    for i in 0..3 {
        px[i] = ((u32::from(c[i]) * a + u32::from(px[i]) * inv + 127) / 255) as u8;
    }
    px[3] = 255;
}

impl<'a> Target<'a> {
    /// Wraps an RGBA8 buffer of `width`×`height`; the clip starts as the whole image.
    pub(crate) fn new(data: &'a mut [u8], width: u32, height: u32) -> Self {
        let width = i32::try_from(width).unwrap_or(0);
        let height = i32::try_from(height).unwrap_or(0);
        let valid = data.len() == width as usize * height as usize * BPP;
        let (width, height) = if valid { (width, height) } else { (0, 0) };
        Self {
            data,
            width,
            height,
            clip: Rect::new(0, 0, width, height),
        }
    }

    pub(crate) fn clip(&self) -> Rect {
        self.clip
    }

    /// Restricts drawing to `r` (within the image); returns the previous clip.
    pub(crate) fn set_clip(&mut self, r: Rect) -> Rect {
        let old = self.clip;
        self.clip = r.intersect(Rect::new(0, 0, self.width, self.height));
        old
    }

    fn span(&self, y: i32, x0: i32, x1: i32) -> std::ops::Range<usize> {
        let row = y as usize * self.width as usize * BPP;
        row + x0 as usize * BPP..row + x1 as usize * BPP
    }

    /// Fills `r` with `c` (blended when `c` is not opaque).
    pub(crate) fn fill_rect(&mut self, r: Rect, c: Color) {
        let r = r.intersect(self.clip);
        if r.is_empty() || c[3] == 0 {
            return;
        }
        if c[3] == 255 {
            let first = self.span(r.y, r.x, r.right());
            fill_span(&mut self.data[first.clone()], c);
            for y in r.y + 1..r.bottom() {
                let dst = self.span(y, r.x, r.right());
                self.data.copy_within(first.clone(), dst.start);
            }
        } else {
            let a = u32::from(c[3]);
            for y in r.y..r.bottom() {
                let span = self.span(y, r.x, r.right());
                for px in self.data[span].chunks_exact_mut(BPP) {
                    blend_px(px, c, a);
                }
            }
        }
    }

    /// Blends `c` through `mask` placed with its top-left corner at (`x`, `y`).
    pub(crate) fn draw_mask(&mut self, mask: &Mask, x: i32, y: i32, c: Color) {
        let r = Rect::new(x, y, mask.w, mask.h).intersect(self.clip);
        if r.is_empty() {
            return;
        }
        let alpha = u32::from(c[3]);
        for row_y in r.y..r.bottom() {
            let m = mask.row(row_y - y);
            let m = &m[(r.x - x) as usize..(r.right() - x) as usize];
            let span = self.span(row_y, r.x, r.right());
            for (px, &cov) in self.data[span].chunks_exact_mut(BPP).zip(m) {
                if cov == 0 {
                    continue;
                }
                let a = if alpha == 255 {
                    u32::from(cov)
                } else {
                    (u32::from(cov) * alpha + 127) / 255
                };
                if a == 255 {
                    px.copy_from_slice(&c);
                    px[3] = 255;
                } else if a > 0 {
                    blend_px(px, c, a);
                }
            }
        }
    }

    /// Fills `r` with corners rounded to `corner` (a quarter-circle coverage mask of
    /// `corner.w`×`corner.w`, see [`corner_mask`]).
    pub(crate) fn fill_round_rect(&mut self, r: Rect, corner: &Mask, c: Color) {
        let rad = corner.w.min(r.w / 2).min(r.h / 2);
        if rad <= 0 || corner.w != rad {
            // The caller sized the corner for this rectangle; anything else draws square.
            self.fill_rect(r, c);
            return;
        }
        let clipped = r.intersect(self.clip);
        if clipped.is_empty() {
            return;
        }
        // Middle band: full-width rows.
        self.fill_rect(Rect::new(r.x, r.y + rad, r.w, r.h - 2 * rad), c);
        // Top and bottom bands: corners blended, the span between them solid.
        for i in 0..rad {
            let cov = corner.row(i);
            for y in [r.y + i, r.bottom() - 1 - i] {
                if y < self.clip.y || y >= self.clip.bottom() {
                    continue;
                }
                self.fill_rect(Rect::new(r.x + rad, y, r.w - 2 * rad, 1), c);
                self.corner_row(r.x, y, cov, false, c);
                self.corner_row(r.right() - rad, y, cov, true, c);
            }
        }
    }

    /// One row of a corner: `cov` read left to right (mirrored for the right-hand corners).
    fn corner_row(&mut self, x: i32, y: i32, cov: &[u8], mirrored: bool, c: Color) {
        let alpha = u32::from(c[3]);
        let n = cov.len() as i32;
        let x0 = x.max(self.clip.x);
        let x1 = (x + n).min(self.clip.right());
        if x0 >= x1 {
            return;
        }
        let span = self.span(y, x0, x1);
        for (i, px) in self.data[span].chunks_exact_mut(BPP).enumerate() {
            let k = (x0 - x) as usize + i;
            let k = if mirrored { n as usize - 1 - k } else { k };
            let a = (u32::from(cov[k]) * alpha + 127) / 255;
            if a == 255 {
                px.copy_from_slice(&c);
            } else if a > 0 {
                blend_px(px, c, a);
            }
        }
    }

    /// A vertical gradient from `top` to `bottom` over `r`, one solid colour per row.
    pub(crate) fn vgradient(&mut self, r: Rect, top: Color, bottom: Color) {
        let h = r.h.max(1);
        let rows = r.intersect(self.clip);
        for y in rows.y..rows.bottom() {
            let t = ((y - r.y) * 255 / h).clamp(0, 255) as u8;
            let c = super::color::mix(top, bottom, t);
            self.fill_rect(Rect::new(rows.x, y, rows.w, 1), c);
        }
    }
}

/// Coverage of the top-left quarter of a circle of radius `r` (pixel (i, j) of an `r`×`r`
/// mask), from 8×8 samples per pixel: an exact, deterministic integer count.
pub(crate) fn corner_mask(r: i32) -> Mask {
    let r = r.max(0);
    let mut data = Vec::with_capacity((r * r) as usize);
    // In units of 1/16 pixel: sample centres at odd sixteenths.
    let rr = i64::from(r) * 16;
    for j in 0..r {
        for i in 0..r {
            let mut inside = 0u32;
            for sy in 0..8 {
                for sx in 0..8 {
                    let px = i64::from(i) * 16 + sx * 2 + 1;
                    let py = i64::from(j) * 16 + sy * 2 + 1;
                    let dx = rr - px;
                    let dy = rr - py;
                    if dx * dx + dy * dy <= rr * rr {
                        inside += 1;
                    }
                }
            }
            data.push((inside * 255 / 64) as u8);
        }
    }
    Mask { w: r, h: r, data }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::render::color::{BLACK, WHITE, rgb};

    fn image(w: u32, h: u32) -> Vec<u8> {
        [0, 0, 0, 255].repeat((w * h) as usize)
    }

    fn px(data: &[u8], w: u32, x: u32, y: u32) -> [u8; 4] {
        let i = ((y * w + x) * 4) as usize;
        [data[i], data[i + 1], data[i + 2], data[i + 3]]
    }

    #[test]
    fn fill_rect_clips_and_blends() {
        let mut data = image(8, 8);
        let mut t = Target::new(&mut data, 8, 8);
        t.fill_rect(Rect::new(6, 6, 10, 10), WHITE);
        t.set_clip(Rect::new(0, 0, 4, 4));
        t.fill_rect(Rect::new(0, 0, 8, 8), [255, 0, 0, 128]);
        assert_eq!(px(&data, 8, 7, 7), WHITE);
        assert_eq!(px(&data, 8, 5, 5), BLACK);
        assert_eq!(px(&data, 8, 3, 3), [128, 0, 0, 255]);
        assert_eq!(px(&data, 8, 4, 4), BLACK);
    }

    #[test]
    fn round_rect_has_soft_corners_and_solid_middle() {
        let mut data = image(40, 40);
        let mut t = Target::new(&mut data, 40, 40);
        t.fill_round_rect(
            Rect::new(0, 0, 40, 40),
            &corner_mask(10),
            rgb(200, 200, 200),
        );
        assert_eq!(px(&data, 40, 0, 0), BLACK);
        assert_eq!(px(&data, 40, 39, 39), BLACK);
        assert_eq!(px(&data, 40, 20, 0), rgb(200, 200, 200));
        assert_eq!(px(&data, 40, 0, 20), rgb(200, 200, 200));
        let soft = (0..10).flat_map(|y| (0..10).map(move |x| (x, y)));
        let partial = soft
            .filter(|&(x, y)| (1..200).contains(&px(&data, 40, x, y)[0]))
            .count();
        assert!(partial >= 5, "anti-aliased corner pixels: {partial}");
    }
}
