//! The three-button navigation bar.

use lifeline_protocol::messages::input::Key;

use super::Canvas;
use super::color::Color;
use super::icons::Icon;
use crate::sim::geom::{Metrics, Rect};
use crate::sim::profile::NavStyle;

/// The buttons left to right and their touch areas.
pub(crate) fn buttons(m: &Metrics, style: NavStyle) -> [(Key, Rect); 3] {
    let bar = m.nav_bar();
    let order = match style {
        NavStyle::Aosp => [Key::Back, Key::Home, Key::Recents],
        NavStyle::Samsung => [Key::Recents, Key::Home, Key::Back],
    };
    // Buttons sit in the middle of the bar, as on phones, each a third of a centred group.
    let group = bar.w.min(m.dp(360.0));
    let x0 = bar.x + (bar.w - group) / 2;
    let w = group / 3;
    let [a, b, c] = order;
    [
        (a, Rect::new(x0, bar.y, w, bar.h)),
        (b, Rect::new(x0 + w, bar.y, w, bar.h)),
        (c, Rect::new(x0 + 2 * w, bar.y, w, bar.h)),
    ]
}

fn icon(key: Key, style: NavStyle) -> Icon {
    match (style, key) {
        (NavStyle::Aosp, Key::Back) => Icon::NavBack,
        (NavStyle::Aosp, Key::Recents) => Icon::NavRecents,
        (NavStyle::Samsung, Key::Back) => Icon::SamsungBack,
        (NavStyle::Samsung, Key::Recents) => Icon::SamsungRecents,
        (NavStyle::Samsung, _) => Icon::SamsungHome,
        (NavStyle::Aosp, _) => Icon::NavHome,
    }
}

pub(crate) fn draw(c: &mut Canvas<'_>, style: NavStyle, background: Option<Color>, fg: Color) {
    let m = c.m;
    let bar = m.nav_bar();
    if !bar.intersects(c.clip()) {
        return;
    }
    if let Some(bg) = background {
        c.rect(bar, bg);
    }
    let size = m.dp(24.0);
    for (key, r) in buttons(&m, style) {
        let (cx, cy) = r.center();
        c.icon_at(icon(key, style), cx, cy, size, fg);
    }
}
