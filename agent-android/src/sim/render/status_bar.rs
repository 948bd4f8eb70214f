//! The status bar: clock, the red "screen is being shared" chip, Wi-Fi and battery.

use super::color::{Color, SHARING_RED, WHITE, with_alpha};
use super::icons::Icon;
use super::text::TextStyle;
use super::{Align, Canvas};
use crate::sim::geom::Rect;

/// What the status bar shows.
#[derive(Debug, Clone)]
pub(crate) struct StatusBar {
    pub(crate) time: String,
    pub(crate) battery_percent: u8,
    pub(crate) wifi: bool,
    pub(crate) airplane: bool,
    pub(crate) sharing: bool,
    /// The chip's word, in the phone's language.
    pub(crate) sharing_label: String,
    /// Background to paint, or `None` to leave what is there (wallpaper, shade).
    pub(crate) background: Option<Color>,
    /// Colour of text and icons.
    pub(crate) foreground: Color,
}

/// The sharing chip's rectangle, when shown (also used by tests to find it).
pub(crate) fn chip_rect(c: &mut Canvas<'_>, time: &str, text: &str) -> Rect {
    let m = c.m;
    let style = TextStyle::medium(m.sp(14.0));
    let x = m.dp(16.0) + c.measure(time, style) + m.dp(8.0);
    let h = m.dp(20.0);
    let label = TextStyle::medium(m.sp(12.0));
    let w = m.dp(8.0) + m.dp(14.0) + m.dp(4.0) + c.measure(text, label) + m.dp(10.0);
    Rect::new(x, (m.status_h() - h) / 2, w, h)
}

pub(crate) fn draw(c: &mut Canvas<'_>, bar: &StatusBar) {
    let m = c.m;
    let r = m.status_bar();
    if !r.intersects(c.clip()) {
        return;
    }
    if let Some(bg) = bar.background {
        c.rect(r, bg);
    }
    let fg = bar.foreground;
    let style = TextStyle::medium(m.sp(14.0));
    let baseline = (r.h + style.cap_height()) / 2;
    c.text(&bar.time, m.dp(16.0), baseline, style, fg, Align::Left);

    if bar.sharing {
        let chip = chip_rect(c, &bar.time, &bar.sharing_label);
        c.round_rect(chip, chip.h / 2, SHARING_RED);
        let icon = m.dp(14.0);
        c.icon(
            Icon::ScreenShare,
            chip.x + m.dp(8.0),
            chip.y + (chip.h - icon) / 2,
            icon,
            WHITE,
        );
        let label = TextStyle::medium(m.sp(12.0));
        c.text(
            &bar.sharing_label,
            chip.x + m.dp(8.0) + icon + m.dp(4.0),
            chip.y + (chip.h + label.cap_height()) / 2,
            label,
            WHITE,
            Align::Left,
        );
    }

    // Battery, right-aligned: "78%" then a horizontal battery.
    let right = r.right() - m.dp(16.0);
    let bw = m.dp(22.0);
    let bh = m.dp(11.0);
    let nub = m.dp(2.0).max(1);
    let body = Rect::new(right - nub - bw, (r.h - bh) / 2, bw, bh);
    let radius = m.dp(3.0);
    c.round_rect(body, radius, with_alpha(fg, 90));
    c.rect(
        Rect::new(body.right(), body.y + bh / 3, nub, bh - 2 * (bh / 3)),
        with_alpha(fg, 90),
    );
    let level = i32::from(bar.battery_percent.min(100));
    let fill_w = body.w * level / 100;
    let old = c.push_clip(Rect::new(body.x, body.y, fill_w, body.h));
    c.round_rect(body, radius, fg);
    c.pop_clip(old);
    let pct = format!("{}%", bar.battery_percent);
    let small = TextStyle::medium(m.sp(13.0));
    let pct_w = c.text(&pct, body.x - m.dp(4.0), baseline, small, fg, Align::Right);

    let icon = m.dp(17.0);
    let wifi_x = body.x - m.dp(4.0) - pct_w - m.dp(6.0) - icon;
    let wifi_y = (r.h - icon) / 2;
    if bar.airplane {
        c.icon(Icon::Airplane, wifi_x, wifi_y, icon, fg);
    } else if bar.wifi {
        c.icon(Icon::Wifi, wifi_x, wifi_y, icon, fg);
    } else {
        // Mobile signal: four rising bars.
        let step = icon / 5;
        for i in 0..4 {
            let h = step * (i + 1) + step / 2;
            c.rect(
                Rect::new(wifi_x + i * (step + step / 3), wifi_y + icon - h, step, h),
                fg,
            );
        }
    }
}
