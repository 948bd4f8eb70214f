//! The notification shade: pulled down from the top edge; quick settings and notifications.

use lifeline_protocol::tr;

use crate::sim::geom::{Metrics, Rect};
use crate::sim::render::color::{SHARING_RED, WHITE, rgba};
use crate::sim::render::icons::Icon;
use crate::sim::render::text::TextStyle;
use crate::sim::render::{Align, Canvas};
use crate::sim::state::PhoneState;
use crate::sim::ui::{Setting, Target};

/// Quick settings tiles, in order.
pub(crate) const TILES: [(Setting, Icon, &str); 8] = [
    (Setting::Wifi, Icon::Wifi, "Wi-Fi"),
    (Setting::Bluetooth, Icon::Bluetooth, "Bluetooth"),
    (Setting::Flashlight, Icon::Flashlight, "Flashlight"),
    (Setting::DoNotDisturb, Icon::DoNotDisturb, "Do not disturb"),
    (Setting::Airplane, Icon::Airplane, "Airplane mode"),
    (Setting::AutoRotate, Icon::Rotate, "Auto rotate"),
    (Setting::Location, Icon::Location, "Location"),
    (Setting::BatterySaver, Icon::BatterySaver, "Power saving"),
];

struct Layout {
    /// The panel at its current pull (its bottom edge at `pull`).
    panel: Rect,
    tiles: Vec<(Setting, Rect)>,
    notifications: Vec<Rect>,
    stop_sharing: Option<Rect>,
}

fn notification_h(m: &Metrics, with_button: bool) -> i32 {
    m.dp(if with_button { 128.0 } else { 84.0 })
}

/// Height of the fully open panel.
pub(crate) fn panel_height(s: &PhoneState, m: &Metrics) -> i32 {
    layout(s, m, i32::MAX).panel.h
}

fn layout(s: &PhoneState, m: &Metrics, pull: i32) -> Layout {
    let cols: i32 = if m.landscape() { 8 } else { 4 };
    let tile_h = m.dp(96.0);
    let rows = (TILES.len() as i32 + cols - 1) / cols;
    let header_h = m.status_h() + m.dp(72.0);
    let gap = m.dp(12.0);
    let mut notes = Vec::new();
    if s.sharing {
        notes.push(notification_h(m, true));
    }
    for _ in &s.notifications {
        notes.push(notification_h(m, false));
    }
    let notes_h: i32 = notes.iter().map(|h| h + gap).sum();
    let full_h = (header_h + rows * tile_h + gap + notes_h + m.dp(24.0)).min(m.content().bottom());
    let pull = pull.clamp(0, full_h);
    let top = pull - full_h;
    let panel = Rect::new(0, top, m.w, full_h);
    let side = m.margin();
    let tile_w = (m.w - 2 * side) / cols;
    let tiles = TILES
        .iter()
        .enumerate()
        .map(|(i, &(setting, _, _))| {
            let i = i as i32;
            (
                setting,
                Rect::new(
                    side + (i % cols) * tile_w,
                    top + header_h + (i / cols) * tile_h,
                    tile_w,
                    tile_h,
                ),
            )
        })
        .collect();
    let mut y = top + header_h + rows * tile_h + gap;
    let mut notifications = Vec::new();
    for h in notes {
        notifications.push(Rect::new(side, y, m.w - 2 * side, h));
        y += h + gap;
    }
    let stop_sharing = (s.sharing).then(|| {
        let n = notifications.first().copied().unwrap_or_default();
        let w = m.dp(132.0);
        Rect::new(
            n.right() - w - m.dp(12.0),
            n.bottom() - m.dp(52.0),
            w,
            m.dp(40.0),
        )
    });
    Layout {
        panel,
        tiles,
        notifications,
        stop_sharing,
    }
}

pub(crate) fn hits(s: &PhoneState, m: &Metrics) -> Vec<(Target, Rect)> {
    let l = layout(s, m, s.shade.pull);
    let mut out: Vec<(Target, Rect)> = l
        .tiles
        .into_iter()
        .map(|(setting, r)| (Target::QuickTile(setting), r))
        .collect();
    if let Some(r) = l.stop_sharing {
        out.push((Target::StopSharing, r));
    }
    out
}

/// Whether (`x`, `y`) is on the panel (elsewhere is the scrim, which closes the shade).
pub(crate) fn on_panel(s: &PhoneState, m: &Metrics, x: i32, y: i32) -> bool {
    layout(s, m, s.shade.pull).panel.contains(x, y)
}

pub(crate) fn draw(c: &mut Canvas<'_>, s: &PhoneState, technician: &str) {
    let m = c.m;
    let t = c.theme;
    let l = layout(s, &m, s.shade.pull);
    if l.panel.bottom() <= 0 {
        return;
    }
    // Scrim over the rest of the screen, stronger as the shade comes down.
    let full = l.panel.h.max(1);
    let alpha = (110 * l.panel.bottom() / full).clamp(0, 110) as u8;
    c.rect(
        Rect::new(0, l.panel.bottom(), m.w, m.h - l.panel.bottom()),
        rgba(0, 0, 0, alpha),
    );
    let radius = m.dp(28.0);
    c.round_rect(l.panel, radius, t.shade);
    c.rect(Rect::new(0, l.panel.y, m.w, l.panel.h - radius), t.shade);

    let old = c.push_clip(Rect::new(0, 0, m.w, l.panel.bottom()));
    let x = m.margin();
    let header_base = l.panel.y + m.status_h() + m.dp(48.0);
    c.text(
        &s.clock.status_time(s.now),
        x,
        header_base,
        TextStyle::regular(m.sp(32.0)),
        t.text,
        Align::Left,
    );
    c.text(
        &s.clock.date_line(s.now),
        m.w - x,
        header_base,
        TextStyle::regular(m.sp(15.0)),
        t.text_secondary,
        Align::Right,
    );

    let label = TextStyle::regular(m.sp(12.0));
    for (&(setting, icon, name), &(_, r)) in TILES.iter().zip(&l.tiles) {
        let on = s.toggles.get(setting);
        let d = m.dp(56.0);
        let cx = r.x + r.w / 2;
        let cy = r.y + m.dp(8.0) + d / 2;
        let (bg, fg) = if on {
            (t.accent, t.on_accent)
        } else {
            (t.field, t.text)
        };
        c.circle(cx, cy, d / 2, bg);
        c.icon_at(icon, cx, cy, m.dp(26.0), fg);
        let text = c.ellipsize(name, label, r.w - m.dp(4.0));
        c.text(
            &text,
            cx,
            cy + d / 2 + m.dp(18.0),
            label,
            t.text,
            Align::Center,
        );
    }

    let mut rects = l.notifications.iter();
    let title = TextStyle::medium(m.sp(15.0));
    let body = TextStyle::regular(m.sp(14.0));
    let small = TextStyle::regular(m.sp(12.0));
    if s.sharing
        && let Some(&r) = rects.next()
    {
        c.round_rect(r, m.dp(20.0), t.surface);
        let p = m.dp(16.0);
        c.circle(
            r.x + p + m.dp(14.0),
            r.y + p + m.dp(14.0),
            m.dp(14.0),
            SHARING_RED,
        );
        c.icon_at(
            Icon::ScreenShare,
            r.x + p + m.dp(14.0),
            r.y + p + m.dp(14.0),
            m.dp(18.0),
            WHITE,
        );
        let tx = r.x + p + m.dp(40.0);
        c.text(
            &tr!(s.loc, "shade-app-now"),
            tx,
            r.y + p + m.dp(12.0),
            small,
            t.text_secondary,
            Align::Left,
        );
        c.text(
            &tr!(s.loc, "shade-sharing-title"),
            tx,
            r.y + p + m.dp(34.0),
            title,
            t.text,
            Align::Left,
        );
        let line = tr!(s.loc, "shade-sharing-body", who = technician);
        let line = c.ellipsize(&line, body, r.right() - tx - p);
        c.text(
            &line,
            tx,
            r.y + p + m.dp(54.0),
            body,
            t.text_secondary,
            Align::Left,
        );
        if let Some(b) = l.stop_sharing {
            c.round_rect(b, b.h / 2, SHARING_RED);
            c.text_in(
                &tr!(s.loc, "shade-stop-sharing"),
                b,
                TextStyle::medium(m.sp(14.0)),
                WHITE,
            );
        }
    }
    for (n, &r) in s.notifications.iter().rev().zip(rects) {
        c.round_rect(r, m.dp(20.0), t.surface);
        let p = m.dp(16.0);
        let icon = m.dp(28.0);
        super::launcher::draw_app_icon(c, s, n.app, Rect::new(r.x + p, r.y + p, icon, icon));
        let tx = r.x + p + m.dp(40.0);
        c.text(
            &format!("{} · {}", n.app.label(), n.time),
            tx,
            r.y + p + m.dp(12.0),
            small,
            t.text_secondary,
            Align::Left,
        );
        let head = c.ellipsize(&n.title, title, r.right() - tx - p);
        c.text(&head, tx, r.y + p + m.dp(34.0), title, t.text, Align::Left);
        let line = c.ellipsize(&n.text, body, r.right() - tx - p);
        c.text(
            &line,
            tx,
            r.y + p + m.dp(54.0),
            body,
            t.text_secondary,
            Align::Left,
        );
    }
    c.pop_clip(old);
    // The handle.
    let hw = m.dp(36.0);
    c.round_rect(
        Rect::new((m.w - hw) / 2, l.panel.bottom() - m.dp(14.0), hw, m.dp(4.0)),
        m.dp(2.0),
        t.divider,
    );
}
