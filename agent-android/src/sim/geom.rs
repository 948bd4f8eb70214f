//! Integer rectangles and density-independent sizes.
//!
//! Everything on the simulated screen sits on whole pixels, so that a layer drawn at an offset
//! is exactly the same pixels moved (the Settings list scrolled by 500 px is the old frame
//! shifted by 500 rows).

/// A rectangle in screen pixels; `w` and `h` may be zero (empty) but never negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Rect {
    pub(crate) x: i32,
    pub(crate) y: i32,
    pub(crate) w: i32,
    pub(crate) h: i32,
}

impl Rect {
    /// A rectangle; negative sizes are clamped to zero.
    pub(crate) const fn new(x: i32, y: i32, w: i32, h: i32) -> Self {
        Self {
            x,
            y,
            w: if w < 0 { 0 } else { w },
            h: if h < 0 { 0 } else { h },
        }
    }

    pub(crate) fn right(self) -> i32 {
        self.x + self.w
    }

    pub(crate) fn bottom(self) -> i32 {
        self.y + self.h
    }

    pub(crate) fn is_empty(self) -> bool {
        self.w <= 0 || self.h <= 0
    }

    pub(crate) fn contains(self, x: i32, y: i32) -> bool {
        x >= self.x && x < self.right() && y >= self.y && y < self.bottom()
    }

    /// The overlap of two rectangles (empty when they do not meet).
    pub(crate) fn intersect(self, other: Rect) -> Rect {
        let x = self.x.max(other.x);
        let y = self.y.max(other.y);
        let r = self.right().min(other.right());
        let b = self.bottom().min(other.bottom());
        Rect::new(x, y, r - x, b - y)
    }

    pub(crate) fn intersects(self, other: Rect) -> bool {
        !self.intersect(other).is_empty()
    }

    /// The rectangle moved by (`dx`, `dy`).
    pub(crate) fn offset(self, dx: i32, dy: i32) -> Rect {
        Rect::new(self.x + dx, self.y + dy, self.w, self.h)
    }

    pub(crate) fn center(self) -> (i32, i32) {
        (self.x + self.w / 2, self.y + self.h / 2)
    }
}

/// Converts density-independent pixels (dp, sp) into screen pixels for one screen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Metrics {
    /// Frame width in pixels (after rotation).
    pub(crate) w: i32,
    /// Frame height in pixels (after rotation).
    pub(crate) h: i32,
    /// Pixels per dp: density in dpi / 160.
    pub(crate) density: f32,
}

impl Metrics {
    pub(crate) fn new(w: u32, h: u32, density_dpi: u32) -> Self {
        Self {
            w: i32::try_from(w).unwrap_or(i32::MAX),
            h: i32::try_from(h).unwrap_or(i32::MAX),
            density: density_dpi.max(80) as f32 / 160.0,
        }
    }

    /// `v` dp in whole pixels.
    pub(crate) fn dp(&self, v: f32) -> i32 {
        (v * self.density).round() as i32
    }

    /// `v` sp as a text size in pixels (the em size).
    pub(crate) fn sp(&self, v: f32) -> f32 {
        (v * self.density).round()
    }

    pub(crate) fn landscape(&self) -> bool {
        self.w > self.h
    }

    pub(crate) fn screen(&self) -> Rect {
        Rect::new(0, 0, self.w, self.h)
    }

    pub(crate) fn status_h(&self) -> i32 {
        self.dp(24.0)
    }

    pub(crate) fn nav_h(&self) -> i32 {
        self.dp(48.0)
    }

    /// Between the status bar and the navigation bar.
    pub(crate) fn content(&self) -> Rect {
        let top = self.status_h();
        Rect::new(0, top, self.w, self.h - top - self.nav_h())
    }

    pub(crate) fn status_bar(&self) -> Rect {
        Rect::new(0, 0, self.w, self.status_h())
    }

    pub(crate) fn nav_bar(&self) -> Rect {
        let h = self.nav_h();
        Rect::new(0, self.h - h, self.w, h)
    }

    /// Height of an app's top bar.
    pub(crate) fn app_bar_h(&self) -> i32 {
        self.dp(64.0)
    }

    /// Horizontal margin of content: wider on a landscape screen so lines stay readable.
    pub(crate) fn margin(&self) -> i32 {
        if self.landscape() {
            (self.w - self.dp(640.0)).max(self.dp(16.0) * 2) / 2
        } else {
            self.dp(16.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rect_intersection_and_containment() {
        let a = Rect::new(0, 0, 10, 10);
        let b = Rect::new(5, 5, 10, 10);
        assert_eq!(a.intersect(b), Rect::new(5, 5, 5, 5));
        assert!(a.intersect(Rect::new(20, 20, 5, 5)).is_empty());
        assert!(a.contains(9, 9));
        assert!(!a.contains(10, 9));
        assert_eq!(Rect::new(0, 0, -3, 4).w, 0);
    }

    #[test]
    fn metrics_scale_with_density() {
        let m = Metrics::new(1080, 2400, 420);
        assert_eq!(m.dp(24.0), 63);
        assert_eq!(m.content().y, 63);
        assert_eq!(m.content().bottom(), 2400 - 126);
        assert!(!m.landscape());
    }
}
