//! Transient overlays: the volume slider and toasts.

use super::color::{WHITE, rgba};
use super::icons::Icon;
use super::text::TextStyle;
use super::{Align, Canvas};
use crate::sim::geom::Rect;
use crate::sim::state::MAX_VOLUME;

/// The volume panel at the right edge, filled to `volume`.
pub(crate) fn draw_volume(c: &mut Canvas<'_>, volume: u8) {
    let m = c.m;
    let t = c.theme;
    let w = m.dp(48.0);
    let h = m.dp(200.0).min(m.content().h - m.dp(32.0));
    let panel = Rect::new(
        m.w - m.dp(16.0) - w,
        m.content().y + (m.content().h - h) / 2,
        w,
        h,
    );
    c.round_rect(panel.offset(0, m.dp(2.0)), w / 2, rgba(0, 0, 0, 50));
    c.round_rect(panel, w / 2, t.surface);
    let track = Rect::new(
        panel.x + m.dp(8.0),
        panel.y + m.dp(8.0),
        w - m.dp(16.0),
        h - m.dp(56.0),
    );
    c.round_rect(track, track.w / 2, t.field);
    let fill_h = track.h * i32::from(volume.min(MAX_VOLUME)) / i32::from(MAX_VOLUME);
    if fill_h > 0 {
        let old = c.push_clip(Rect::new(track.x, track.bottom() - fill_h, track.w, fill_h));
        c.round_rect(track, track.w / 2, t.accent);
        c.pop_clip(old);
    }
    let size = m.dp(24.0);
    c.icon_at(
        Icon::Speaker,
        panel.x + w / 2,
        panel.bottom() - m.dp(24.0),
        size,
        t.text,
    );
}

/// A toast above the navigation bar.
pub(crate) fn draw_toast(c: &mut Canvas<'_>, text: &str) {
    let m = c.m;
    let style = TextStyle::regular(m.sp(14.0));
    let max_w = m.w - 2 * m.dp(48.0);
    let shown = c.ellipsize(text, style, max_w - 2 * m.dp(16.0));
    let w = c.measure(&shown, style) + 2 * m.dp(16.0);
    let h = m.dp(40.0);
    let r = Rect::new((m.w - w) / 2, m.content().bottom() - m.dp(64.0) - h, w, h);
    c.round_rect(r, h / 2, rgba(0x32, 0x32, 0x36, 235));
    c.text(
        &shown,
        r.x + m.dp(16.0),
        r.y + (r.h + style.cap_height()) / 2,
        style,
        WHITE,
        Align::Left,
    );
}
