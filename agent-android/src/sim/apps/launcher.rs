//! The home screen: wallpaper, a clock, the app grid, and the long-press shortcut popup.

use std::time::Duration;

use super::AppId;
use crate::sim::geom::{Metrics, Rect};
use crate::sim::profile::IconShape;
use crate::sim::render::color::{WHITE, rgba};
use crate::sim::render::text::TextStyle;
use crate::sim::render::{Align, Canvas};
use crate::sim::state::{PhoneState, Popup, Shortcut};
use crate::sim::ui::{SettingsPage, Target};

/// Icon grid: columns, cell size, and where each app sits.
fn grid(m: &Metrics) -> Vec<(AppId, Rect)> {
    let cols: i32 = if m.landscape() { 6 } else { 4 };
    let side = m.dp(16.0).max(m.margin() / 2);
    let cell_w = (m.w - 2 * side) / cols;
    let cell_h = m.dp(100.0);
    let n = AppId::ALL.len() as i32;
    let rows = (n + cols - 1) / cols;
    let bottom = m.content().bottom() - m.dp(24.0);
    let top = bottom - rows * cell_h;
    AppId::ALL
        .iter()
        .enumerate()
        .map(|(i, &app)| {
            let i = i as i32;
            let r = Rect::new(
                side + (i % cols) * cell_w,
                top + (i / cols) * cell_h,
                cell_w,
                cell_h,
            );
            (app, r)
        })
        .collect()
}

fn icon_rect(m: &Metrics, cell: Rect) -> Rect {
    let d = m.dp(56.0);
    Rect::new(cell.x + (cell.w - d) / 2, cell.y + m.dp(8.0), d, d)
}

/// The shortcuts of an app's popup.
pub(crate) fn shortcuts(app: AppId) -> Vec<Shortcut> {
    match app {
        AppId::Settings => vec![
            Shortcut::Settings(SettingsPage::Wifi),
            Shortcut::Settings(SettingsPage::Battery),
            Shortcut::Settings(SettingsPage::Storage),
            Shortcut::AppInfo,
        ],
        AppId::Messages => vec![Shortcut::NewMessage, Shortcut::AppInfo],
        _ => vec![Shortcut::AppInfo],
    }
}

/// The popup's card and its rows.
fn popup_layout(m: &Metrics, popup: &Popup) -> (Rect, Vec<Rect>) {
    let Some(cell) = grid(m)
        .into_iter()
        .find(|(a, _)| *a == popup.app)
        .map(|(_, r)| r)
    else {
        return (Rect::default(), Vec::new());
    };
    let icon = icon_rect(m, cell);
    let item_h = m.dp(52.0);
    let w = m.dp(232.0);
    let h = item_h * popup.items.len() as i32 + m.dp(16.0);
    let x = (icon.x + icon.w / 2 - w / 2).clamp(m.dp(8.0), m.w - w - m.dp(8.0));
    let above = icon.y - m.dp(8.0) - h;
    let y = if above >= m.content().y {
        above
    } else {
        icon.bottom() + m.dp(8.0)
    };
    let card = Rect::new(x, y, w, h);
    let rows = (0..popup.items.len() as i32)
        .map(|i| Rect::new(x, y + m.dp(8.0) + i * item_h, w, item_h))
        .collect();
    (card, rows)
}

pub(crate) fn hits(m: &Metrics) -> Vec<(Target, Rect)> {
    grid(m)
        .into_iter()
        .map(|(app, cell)| (Target::AppIcon(app), cell))
        .collect()
}

pub(crate) fn popup_hits(m: &Metrics, popup: &Popup) -> Vec<(Target, Rect)> {
    let (_, rows) = popup_layout(m, popup);
    rows.into_iter()
        .enumerate()
        .map(|(i, r)| (Target::PopupItem(u8::try_from(i).unwrap_or(u8::MAX)), r))
        .collect()
}

/// The launcher icon of `app` (background shape and pictogram) in `r`.
pub(crate) fn draw_app_icon(c: &mut Canvas<'_>, s: &PhoneState, app: AppId, r: Rect) {
    let radius = match s.profile.icon_shape {
        IconShape::Circle => r.w / 2,
        IconShape::Squircle => r.w * 3 / 10,
    };
    c.round_rect(r, radius, app.color());
    let (cx, cy) = r.center();
    c.icon_at(app.icon(), cx, cy, r.w * 9 / 16, WHITE);
}

pub(crate) fn draw(c: &mut Canvas<'_>, s: &PhoneState, now: Duration) {
    let m = c.m;
    let t = c.theme;
    c.px.vgradient(m.screen(), t.wallpaper.0, t.wallpaper.1);

    // Clock widget.
    let content = m.content();
    let x = m.margin() + m.dp(8.0);
    let (big, top) = if m.landscape() {
        (m.sp(48.0), content.y + m.dp(64.0))
    } else {
        (m.sp(72.0), content.y + m.dp(120.0))
    };
    let shadow = rgba(0, 0, 0, 70);
    let off = m.dp(1.0).max(1);
    let time = s.clock.status_time(now);
    for (dx, color) in [(off, shadow), (0, WHITE)] {
        c.text(
            &time,
            x + dx,
            top + dx,
            TextStyle::regular(big),
            color,
            Align::Left,
        );
    }
    let date = s.clock.date_line(now);
    let date_style = TextStyle::regular(m.sp(18.0));
    let date_y = top + m.dp(36.0);
    for (dx, color) in [(off, shadow), (0, WHITE)] {
        c.text(&date, x + dx, date_y + dx, date_style, color, Align::Left);
    }

    // App grid.
    let label = TextStyle::regular(m.sp(13.0));
    for (app, cell) in grid(&m) {
        let icon = icon_rect(&m, cell);
        draw_app_icon(c, s, app, icon);
        let baseline = icon.bottom() + m.dp(20.0);
        let text = c.ellipsize(app.label(), label, cell.w - m.dp(4.0));
        let cx = cell.x + cell.w / 2;
        c.text(
            &text,
            cx + off,
            baseline + off,
            label,
            shadow,
            Align::Center,
        );
        c.text(&text, cx, baseline, label, WHITE, Align::Center);
    }
}

pub(crate) fn draw_popup(c: &mut Canvas<'_>, popup: &Popup) {
    let m = c.m;
    let t = c.theme;
    let (card, rows) = popup_layout(&m, popup);
    if card.is_empty() {
        return;
    }
    let radius = m.dp(20.0);
    c.round_rect(card.offset(0, m.dp(2.0)), radius, rgba(0, 0, 0, 50));
    c.round_rect(card, radius, t.surface);
    let style = TextStyle::regular(m.sp(16.0));
    for (shortcut, r) in popup.items.iter().zip(rows) {
        let baseline = r.y + (r.h + style.cap_height()) / 2;
        c.text(
            shortcut.label(),
            r.x + m.dp(20.0),
            baseline,
            style,
            t.text,
            Align::Left,
        );
    }
}
