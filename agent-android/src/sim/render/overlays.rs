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

/// Lines a toast shows at most, as on Android; the last is shortened with "…" if needed.
const TOAST_LINES: usize = 2;

/// A toast above the navigation bar: the text wrapped on up to [`TOAST_LINES`] lines.
pub(crate) fn draw_toast(c: &mut Canvas<'_>, text: &str) {
    let m = c.m;
    let style = TextStyle::regular(m.sp(14.0));
    let pad = m.dp(16.0);
    let max_text_w = m.w - 2 * m.dp(48.0) - 2 * pad;
    let lines = c.wrap_at_most(text, style, max_text_w, TOAST_LINES);
    let text_w = lines
        .iter()
        .map(|line| c.measure(line, style))
        .max()
        .unwrap_or(0);
    let line_h = style.line_height();
    let count = i32::try_from(lines.len()).unwrap_or(1).max(1);
    let h = m.dp(40.0).max(count * line_h + m.dp(16.0));
    let w = text_w + 2 * pad;
    let r = Rect::new((m.w - w) / 2, m.content().bottom() - m.dp(64.0) - h, w, h);
    c.round_rect(r, m.dp(20.0).min(h / 2), rgba(0x32, 0x32, 0x36, 235));
    let first_baseline = r.y + (h - count * line_h) / 2 + (line_h + style.cap_height()) / 2;
    for (i, line) in (0..).zip(&lines) {
        c.text(
            line,
            r.x + w / 2,
            first_baseline + i * line_h,
            style,
            WHITE,
            Align::Center,
        );
    }
}
