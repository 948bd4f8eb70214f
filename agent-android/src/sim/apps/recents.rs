//! Recents (overview): a card per recent app, most recent first, and "Clear all".

use super::AppId;
use super::launcher::draw_app_icon;
use crate::sim::geom::{Metrics, Rect};
use crate::sim::render::color::{BLACK, WHITE, mix, rgb, rgba};
use crate::sim::render::text::TextStyle;
use crate::sim::render::{Align, Canvas};
use crate::sim::state::PhoneState;
use crate::sim::ui::Target;

struct Layout {
    area: Rect,
    cards: Vec<(AppId, Rect)>,
    clear_all: Option<Rect>,
    content_h: i32,
}

fn layout(m: &Metrics, apps: &[AppId], offset: i32) -> Layout {
    // "Clear all" stays at the bottom; the cards scroll above it.
    let content = m.content();
    let band = m.dp(76.0);
    let area = Rect::new(content.x, content.y, content.w, content.h - band);
    let gap = m.dp(24.0);
    let w = (m.w - 2 * m.dp(40.0)).min(m.dp(480.0));
    let h = if m.landscape() {
        area.h * 3 / 4
    } else {
        area.h * 2 / 5
    };
    let x = (m.w - w) / 2;
    let mut y = area.y + gap - offset;
    let mut cards = Vec::new();
    for &app in apps {
        cards.push((app, Rect::new(x, y, w, h)));
        y += h + gap;
    }
    let clear_all = (!apps.is_empty()).then(|| {
        let cw = m.dp(128.0);
        Rect::new(
            (m.w - cw) / 2,
            area.bottom() + (band - m.dp(44.0)) / 2,
            cw,
            m.dp(44.0),
        )
    });
    let content_h = y + offset - area.y;
    Layout {
        area,
        cards,
        clear_all,
        content_h,
    }
}

fn apps(s: &PhoneState) -> Vec<AppId> {
    s.tasks.iter().map(|t| t.app).collect()
}

/// How far the overview can scroll.
pub(crate) fn max_scroll(s: &PhoneState, m: &Metrics) -> i32 {
    let l = layout(m, &apps(s), 0);
    (l.content_h - l.area.h).max(0)
}

pub(crate) fn hits(s: &PhoneState, m: &Metrics) -> Vec<(Target, Rect)> {
    let l = layout(m, &apps(s), s.recents_scroll.offset());
    let mut out: Vec<(Target, Rect)> = l
        .cards
        .iter()
        .map(|&(app, r)| (Target::RecentsCard(app), r.intersect(l.area)))
        .filter(|(_, r)| !r.is_empty())
        .collect();
    if let Some(r) = l.clear_all {
        out.push((Target::ClearAll, r));
    }
    out
}

pub(crate) fn draw(c: &mut Canvas<'_>, s: &PhoneState) {
    let m = c.m;
    let t = c.theme;
    let dim = |col| mix(col, BLACK, 150);
    c.px.vgradient(m.screen(), dim(t.wallpaper.0), dim(t.wallpaper.1));
    let apps = apps(s);
    let l = layout(&m, &apps, s.recents_scroll.offset());
    if apps.is_empty() {
        let (cx, cy) = l.area.center();
        c.text(
            "No recent items",
            cx,
            cy,
            TextStyle::regular(m.sp(18.0)),
            WHITE,
            Align::Center,
        );
        return;
    }
    let old = c.push_clip(l.area);
    let header_h = m.dp(48.0);
    let label = TextStyle::medium(m.sp(15.0));
    for &(app, card) in &l.cards {
        if !card.intersects(l.area) {
            continue;
        }
        let icon = m.dp(28.0);
        draw_app_icon(
            c,
            s,
            app,
            Rect::new(card.x, card.y + (header_h - icon) / 2, icon, icon),
        );
        c.text(
            app.label(),
            card.x + icon + m.dp(12.0),
            card.y + (header_h + label.cap_height()) / 2,
            label,
            WHITE,
            Align::Left,
        );
        let body = Rect::new(card.x, card.y + header_h, card.w, card.h - header_h);
        let radius = m.dp(20.0);
        c.round_rect(body, radius, t.background);
        // A sketch of the app's screen: its top bar and a few lines.
        c.round_rect(
            Rect::new(body.x, body.y, body.w, radius * 2),
            radius,
            t.surface,
        );
        let bar = Rect::new(body.x, body.y + radius, body.w, m.dp(36.0));
        c.rect(bar, t.surface);
        c.text(
            app.label(),
            bar.x + m.dp(16.0),
            bar.y + (bar.h + label.cap_height()) / 2,
            label,
            t.text,
            Align::Left,
        );
        let mut y = bar.bottom() + m.dp(16.0);
        let mut i = 0;
        while y + m.dp(12.0) < body.bottom() - m.dp(12.0) {
            let w = body.w * (6 + (i * 5 + app as i32) % 4) / 10 - m.dp(32.0);
            c.round_rect(
                Rect::new(body.x + m.dp(16.0), y, w, m.dp(10.0)),
                m.dp(5.0),
                rgb(0xDD, 0xDD, 0xE2),
            );
            y += m.dp(24.0);
            i += 1;
        }
    }
    c.pop_clip(old);
    if let Some(r) = l.clear_all {
        c.round_rect(r, r.h / 2, rgba(255, 255, 255, 60));
        c.text_in("Clear all", r, TextStyle::medium(m.sp(15.0)), WHITE);
    }
}
