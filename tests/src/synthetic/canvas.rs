//! Clipped drawing primitives over an [`RgbaImage`]: spans, rectangles, anti-aliased circles,
//! rounded rectangles and coverage masks.
//!
//! Coordinates are signed so that content can start above or left of the clip (a list row
//! scrolled half off the top); everything is clipped to the canvas's clip rectangle.

use lifeline_protocol::video::RgbaImage;

/// An RGBA8 color.
pub(crate) type Rgba = [u8; 4];

/// A half-open rectangle `[x0, x1) × [y0, y1)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rect {
    pub(crate) x0: i32,
    pub(crate) y0: i32,
    pub(crate) x1: i32,
    pub(crate) y1: i32,
}

impl Rect {
    /// The rectangle at (`x`, `y`) of `w`×`h`.
    pub(crate) fn new(x: i32, y: i32, w: i32, h: i32) -> Self {
        Self {
            x0: x,
            y0: y,
            x1: x.saturating_add(w.max(0)),
            y1: y.saturating_add(h.max(0)),
        }
    }

    pub(crate) fn width(self) -> i32 {
        self.x1 - self.x0
    }

    pub(crate) fn height(self) -> i32 {
        self.y1 - self.y0
    }

    pub(crate) fn is_empty(self) -> bool {
        self.x0 >= self.x1 || self.y0 >= self.y1
    }

    pub(crate) fn intersect(self, other: Rect) -> Rect {
        Rect {
            x0: self.x0.max(other.x0),
            y0: self.y0.max(other.y0),
            x1: self.x1.min(other.x1),
            y1: self.y1.min(other.y1),
        }
    }
}

/// Mixes `fg` over `bg` with `coverage` out of 255, rounding to nearest.
pub(crate) fn mix(bg: Rgba, fg: Rgba, coverage: u8) -> Rgba {
    let c = u32::from(coverage);
    let m = |b: u8, f: u8| ((u32::from(f) * c + u32::from(b) * (255 - c) + 127) / 255) as u8;
    [m(bg[0], fg[0]), m(bg[1], fg[1]), m(bg[2], fg[2]), 255]
}

/// Coverage of a pixel whose center is `dist` from an edge, inside when `dist > 0`,
/// as a box filter one pixel wide.
fn edge_coverage(dist: f32) -> u8 {
    ((dist + 0.5).clamp(0.0, 1.0) * 255.0).round() as u8
}

/// An image being drawn on, with a clip rectangle.
pub(crate) struct Canvas<'a> {
    img: &'a mut RgbaImage,
    clip: Rect,
}

impl<'a> Canvas<'a> {
    /// A canvas over the whole image.
    pub(crate) fn new(img: &'a mut RgbaImage) -> Self {
        let clip = Rect::new(0, 0, img.width() as i32, img.height() as i32);
        Self { img, clip }
    }

    /// The same image, clipped further to `clip`.
    pub(crate) fn clipped(&mut self, clip: Rect) -> Canvas<'_> {
        Canvas {
            clip: self.clip.intersect(clip),
            img: self.img,
        }
    }

    /// Blends `color` over the span `[x0, x1)` of row `y` with `coverage` (255 = opaque).
    /// The span must already be clipped.
    fn span(&mut self, y: i32, x0: i32, x1: i32, color: Rgba, coverage: u8) {
        if coverage == 0 || x0 >= x1 {
            return;
        }
        let row = self.img.row_mut(y as u32);
        let span = &mut row[x0 as usize * 4..x1 as usize * 4];
        if coverage == 255 {
            for px in span.chunks_exact_mut(4) {
                px.copy_from_slice(&color);
            }
        } else {
            for px in span.chunks_exact_mut(4) {
                let bg = [px[0], px[1], px[2], px[3]];
                px.copy_from_slice(&mix(bg, color, coverage));
            }
        }
    }

    /// Blends one pixel, clipped.
    fn pixel(&mut self, x: i32, y: i32, color: Rgba, coverage: u8) {
        if x >= self.clip.x0 && x < self.clip.x1 && y >= self.clip.y0 && y < self.clip.y1 {
            self.span(y, x, x + 1, color, coverage);
        }
    }

    /// Fills `r` with an opaque `color`.
    pub(crate) fn fill(&mut self, r: Rect, color: Rgba) {
        self.fill_alpha(r, color, 255);
    }

    /// Blends `color` over `r` with opacity `alpha`.
    pub(crate) fn fill_alpha(&mut self, r: Rect, color: Rgba, alpha: u8) {
        let r = r.intersect(self.clip);
        if r.is_empty() || alpha == 0 {
            return;
        }
        if alpha < 255 {
            for y in r.y0..r.y1 {
                self.span(y, r.x0, r.x1, color, alpha);
            }
            return;
        }
        // Opaque: build the span once, then copy it into every row.
        let line: Vec<u8> = color
            .iter()
            .copied()
            .cycle()
            .take(r.width() as usize * 4)
            .collect();
        for y in r.y0..r.y1 {
            let row = self.img.row_mut(y as u32);
            row[r.x0 as usize * 4..r.x1 as usize * 4].copy_from_slice(&line);
        }
    }

    /// Fills the disc of radius `radius` centred on the pixel corner (`cx`, `cy`), with
    /// anti-aliased edges.
    pub(crate) fn fill_circle(&mut self, cx: i32, cy: i32, radius: i32, color: Rgba) {
        self.fill_ring(cx, cy, radius, 0, color, 255);
    }

    /// Fills the ring between radii `inner` and `outer` around the pixel corner (`cx`, `cy`)
    /// with opacity `alpha`; `inner == 0` gives a disc.
    pub(crate) fn fill_ring(
        &mut self,
        cx: i32,
        cy: i32,
        outer: i32,
        inner: i32,
        color: Rgba,
        alpha: u8,
    ) {
        let bounds = Rect::new(cx - outer - 1, cy - outer - 1, 2 * outer + 2, 2 * outer + 2)
            .intersect(self.clip);
        if bounds.is_empty() {
            return;
        }
        let (ro, ri) = (outer as f32, inner as f32);
        for y in bounds.y0..bounds.y1 {
            let dy = y as f32 + 0.5 - cy as f32;
            for x in bounds.x0..bounds.x1 {
                let dx = x as f32 + 0.5 - cx as f32;
                let d = (dx * dx + dy * dy).sqrt();
                let mut cov = u32::from(edge_coverage(ro - d));
                if inner > 0 {
                    cov = cov.saturating_sub(u32::from(edge_coverage(ri - d)));
                }
                let cov = (cov * u32::from(alpha) + 127) / 255;
                self.span(y, x, x + 1, color, cov as u8);
            }
        }
    }

    /// Fills a quarter disc of `radius` with its point at the pixel corner (`cx`, `cy`),
    /// opening upwards (a Wi-Fi fan), anti-aliased.
    pub(crate) fn fill_fan(&mut self, cx: i32, cy: i32, radius: i32, color: Rgba) {
        let bounds = Rect::new(cx - radius - 1, cy - radius - 1, 2 * radius + 2, radius + 1)
            .intersect(self.clip);
        let r = radius as f32;
        for y in bounds.y0..bounds.y1 {
            let dy = cy as f32 - (y as f32 + 0.5);
            for x in bounds.x0..bounds.x1 {
                let dx = x as f32 + 0.5 - cx as f32;
                let d = (dx * dx + dy * dy).sqrt();
                // Distance inside the two 45-degree sides.
                let side = (dy - dx.abs()) * std::f32::consts::FRAC_1_SQRT_2;
                let cov = u32::from(edge_coverage(r - d)) * u32::from(edge_coverage(side));
                self.span(y, x, x + 1, color, ((cov + 127) / 255) as u8);
            }
        }
    }

    /// Fills `r` with corners rounded to `radius`, anti-aliased, with opacity `alpha`.
    pub(crate) fn fill_rounded(&mut self, r: Rect, radius: i32, color: Rgba, alpha: u8) {
        let radius = radius.min(r.width() / 2).min(r.height() / 2).max(0);
        let clipped = r.intersect(self.clip);
        if clipped.is_empty() {
            return;
        }
        if radius == 0 {
            self.fill_alpha(clipped, color, alpha);
            return;
        }
        let rf = radius as f32;
        for y in clipped.y0..clipped.y1 {
            // Distance into the top or bottom corner band, if any.
            let corner_cy = if y < r.y0 + radius {
                Some(r.y0 + radius)
            } else if y >= r.y1 - radius {
                Some(r.y1 - radius)
            } else {
                None
            };
            let Some(ccy) = corner_cy else {
                self.span(y, clipped.x0, clipped.x1, color, alpha);
                continue;
            };
            let dy = y as f32 + 0.5 - ccy as f32;
            let left_cx = r.x0 + radius;
            let right_cx = r.x1 - radius;
            // Straight middle part of the band.
            let mid0 = left_cx.max(clipped.x0);
            let mid1 = right_cx.min(clipped.x1);
            self.span(y, mid0, mid1.max(mid0), color, alpha);
            // The two corners, pixel by pixel.
            for (x0, x1, ccx) in [(r.x0, left_cx, left_cx), (right_cx, r.x1, right_cx)] {
                for x in x0.max(clipped.x0)..x1.min(clipped.x1) {
                    let dx = x as f32 + 0.5 - ccx as f32;
                    let d = (dx * dx + dy * dy).sqrt();
                    let cov = u32::from(edge_coverage(rf - d));
                    let cov = (cov * u32::from(alpha) + 127) / 255;
                    self.span(y, x, x + 1, color, cov as u8);
                }
            }
        }
    }

    /// Draws the outline of `r`, `thickness` pixels wide, inside `r`.
    pub(crate) fn stroke_rect(&mut self, r: Rect, thickness: i32, color: Rgba) {
        let t = thickness.max(1);
        self.fill(Rect::new(r.x0, r.y0, r.width(), t), color);
        self.fill(Rect::new(r.x0, r.y1 - t, r.width(), t), color);
        self.fill(Rect::new(r.x0, r.y0, t, r.height()), color);
        self.fill(Rect::new(r.x1 - t, r.y0, t, r.height()), color);
    }

    /// Fills a triangle pointing left: apex at (`x`, `cy`), base `w` to the right, `h` tall.
    pub(crate) fn fill_left_triangle(&mut self, x: i32, cy: i32, w: i32, h: i32, color: Rgba) {
        let half = (h / 2).max(1);
        for dy in -half..half {
            let y = cy + dy;
            if y < self.clip.y0 || y >= self.clip.y1 {
                continue;
            }
            // Width of the triangle at this row, with the edge pixel anti-aliased.
            let frac = 1.0 - (dy as f32 + 0.5).abs() / half as f32;
            let reach = frac * w as f32;
            let full = reach.floor() as i32;
            let x_end = x + w;
            let x_start = x_end - full;
            self.span(
                y,
                x_start.max(self.clip.x0),
                x_end.min(self.clip.x1).max(x_start.max(self.clip.x0)),
                color,
                255,
            );
            let edge = ((reach - full as f32) * 255.0).round() as u8;
            self.pixel(x_start - 1, y, color, edge);
        }
    }

    /// Blends `color` through a coverage mask of `w`×`h` bytes placed at (`x`, `y`).
    pub(crate) fn blend_mask(&mut self, x: i32, y: i32, w: i32, mask: &[u8], color: Rgba) {
        if w <= 0 {
            return;
        }
        let h = (mask.len() / w as usize) as i32;
        let area = Rect::new(x, y, w, h).intersect(self.clip);
        for py in area.y0..area.y1 {
            let mask_row = &mask[((py - y) * w) as usize..((py - y + 1) * w) as usize];
            for px in area.x0..area.x1 {
                let cov = mask_row[(px - x) as usize];
                if cov != 0 {
                    self.span(py, px, px + 1, color, cov);
                }
            }
        }
    }
}
