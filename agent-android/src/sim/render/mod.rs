//! Software rendering of the simulated phone's screen.
//!
//! [`Canvas`] bundles the pixels being drawn ([`canvas::Target`]), the caches (glyphs, icons,
//! rounded corners) and the screen's metrics and theme; the screens draw themselves with it.
//! [`frame::draw`] composes a whole frame from the phone's state.

pub(crate) mod canvas;
pub(crate) mod color;
pub(crate) mod frame;
pub(crate) mod icons;
pub(crate) mod nav_bar;
pub(crate) mod overlays;
pub(crate) mod status_bar;
pub(crate) mod text;

use std::collections::HashMap;

use canvas::{Mask, Target, corner_mask};
use color::{Color, Theme};
use icons::{Icon, IconCache};
use text::{TextCache, TextStyle};

use super::geom::{Metrics, Rect};

/// Caches that live as long as the phone: rasterized glyphs, icons and corners.
#[derive(Debug, Default)]
pub(crate) struct Resources {
    pub(crate) text: TextCache,
    pub(crate) icons: IconCache,
    corners: HashMap<i32, Mask>,
}

/// Horizontal alignment of a line of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
}

/// Everything a screen needs to draw itself.
#[derive(Debug)]
pub(crate) struct Canvas<'a> {
    pub(crate) px: Target<'a>,
    pub(crate) res: &'a mut Resources,
    pub(crate) m: Metrics,
    pub(crate) theme: Theme,
}

impl Canvas<'_> {
    pub(crate) fn rect(&mut self, r: Rect, c: Color) {
        self.px.fill_rect(r, c);
    }

    /// A rectangle with corners of radius `radius` (clamped to half the shorter side).
    pub(crate) fn round_rect(&mut self, r: Rect, radius: i32, c: Color) {
        let radius = radius.min(r.w / 2).min(r.h / 2).max(0);
        if radius == 0 {
            self.px.fill_rect(r, c);
            return;
        }
        if !r.intersects(self.px.clip()) {
            return;
        }
        let corner = self
            .res
            .corners
            .entry(radius)
            .or_insert_with(|| corner_mask(radius));
        self.px.fill_round_rect(r, corner, c);
    }

    pub(crate) fn circle(&mut self, cx: i32, cy: i32, radius: i32, c: Color) {
        self.round_rect(
            Rect::new(cx - radius, cy - radius, 2 * radius, 2 * radius),
            radius,
            c,
        );
    }

    /// `icon` at `size` pixels with its top-left corner at (`x`, `y`).
    pub(crate) fn icon(&mut self, icon: Icon, x: i32, y: i32, size: i32, c: Color) {
        if !Rect::new(x, y, size, size).intersects(self.px.clip()) {
            return;
        }
        let mask = self.res.icons.get(icon, size);
        self.px.draw_mask(mask, x, y, c);
    }

    /// `icon` centred on (`cx`, `cy`).
    pub(crate) fn icon_at(&mut self, icon: Icon, cx: i32, cy: i32, size: i32, c: Color) {
        self.icon(icon, cx - size / 2, cy - size / 2, size, c);
    }

    /// Draws one line of text with its baseline at `baseline`; `x` is the left edge, the
    /// centre or the right edge depending on `align`. Returns the text's width.
    pub(crate) fn text(
        &mut self,
        s: &str,
        x: i32,
        baseline: i32,
        style: TextStyle,
        c: Color,
        align: Align,
    ) -> i32 {
        let clip = self.px.clip();
        // A line's ink lies within about one em above and half an em below the baseline.
        let size = style.size.ceil() as i32;
        if baseline + size / 2 < clip.y || baseline - size - size / 4 > clip.bottom() {
            return 0;
        }
        let w = self.res.text.measure(s, style);
        let x0 = match align {
            Align::Left => x,
            Align::Center => x - w / 2,
            Align::Right => x - w,
        };
        let px = &mut self.px;
        self.res.text.layout(s, style, |g, gx| {
            if !g.mask.data.is_empty() {
                px.draw_mask(&g.mask, x0 + gx + g.left, baseline + g.top, c);
            }
        });
        w
    }

    /// One line of text centred in `r` (both ways, by cap height).
    pub(crate) fn text_in(&mut self, s: &str, r: Rect, style: TextStyle, c: Color) {
        let baseline = r.y + (r.h + style.cap_height()) / 2;
        self.text(s, r.x + r.w / 2, baseline, style, c, Align::Center);
    }

    pub(crate) fn measure(&mut self, s: &str, style: TextStyle) -> i32 {
        self.res.text.measure(s, style)
    }

    pub(crate) fn ellipsize(&mut self, s: &str, style: TextStyle, max_w: i32) -> String {
        self.res.text.ellipsize(s, style, max_w)
    }

    pub(crate) fn wrap_at_most(
        &mut self,
        s: &str,
        style: TextStyle,
        max_w: i32,
        max_lines: usize,
    ) -> Vec<String> {
        self.res.text.wrap_at_most(s, style, max_w, max_lines)
    }

    /// Restricts drawing to `r` within the current clip; returns the clip to restore.
    pub(crate) fn push_clip(&mut self, r: Rect) -> Rect {
        let old = self.px.clip();
        self.px.set_clip(r.intersect(old));
        old
    }

    pub(crate) fn pop_clip(&mut self, old: Rect) {
        self.px.set_clip(old);
    }

    pub(crate) fn clip(&self) -> Rect {
        self.px.clip()
    }
}
