//! A scrolling page of rows under an app bar: the Settings list and its detail pages.
//!
//! A page is a list of [`Item`]s; the same layout gives the pixels ([`draw`]) and the tap
//! targets ([`hits`]), so what is drawn is exactly what responds.

use crate::sim::geom::{Metrics, Rect};
use crate::sim::render::color::{Color, SWITCH_OFF, WHITE};
use crate::sim::render::icons::Icon;
use crate::sim::render::text::TextStyle;
use crate::sim::render::{Align, Canvas};
use crate::sim::ui::{Setting, Target};

/// What sits at the start of a row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Lead {
    None,
    Icon(Icon, Color),
    Letter(char, Color),
}

/// One element of a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    /// The "Search settings" pill.
    Search,
    /// A section title.
    Header(String),
    /// A tappable (or not) row with an optional second line.
    Row {
        lead: Lead,
        title: String,
        subtitle: Option<String>,
        target: Option<Target>,
    },
    /// A row with a switch.
    Switch {
        title: String,
        subtitle: Option<String>,
        on: bool,
        setting: Setting,
    },
    /// A label and its value, on two lines.
    Value { label: String, value: String },
    /// A big figure with a caption ("78 %").
    Hero { big: String, caption: String },
    /// A bar of coloured segments (fractions of the whole).
    Bar(Vec<(f32, Color)>),
}

fn height(item: &Item, m: &Metrics) -> i32 {
    m.dp(match item {
        Item::Search => 72.0,
        Item::Header(_) => 48.0,
        Item::Row { subtitle, .. } | Item::Switch { subtitle, .. } => {
            if subtitle.is_some() {
                72.0
            } else {
                56.0
            }
        }
        Item::Value { .. } => 64.0,
        Item::Hero { .. } => 132.0,
        Item::Bar(_) => 40.0,
    })
}

/// Where a list page's parts are.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PageLayout {
    pub(crate) app_bar: Rect,
    pub(crate) back: Rect,
    /// The scrolling area.
    pub(crate) viewport: Rect,
}

impl PageLayout {
    pub(crate) fn new(m: &Metrics) -> Self {
        let content = m.content();
        let app_bar = Rect::new(0, content.y, m.w, m.app_bar_h());
        Self {
            app_bar,
            back: Rect::new(0, app_bar.y, m.dp(56.0), app_bar.h),
            viewport: Rect::new(
                0,
                app_bar.bottom(),
                m.w,
                content.bottom() - app_bar.bottom(),
            ),
        }
    }
}

/// Total height of `items`, pixels.
pub(crate) fn content_height(items: &[Item], m: &Metrics) -> i32 {
    items.iter().map(|i| height(i, m)).sum::<i32>() + m.dp(16.0)
}

/// How far the list can scroll in `viewport`.
pub(crate) fn max_scroll(items: &[Item], m: &Metrics, viewport: Rect) -> i32 {
    (content_height(items, m) - viewport.h).max(0)
}

/// Rectangles of the items as laid out at scroll `offset` (not clipped).
fn placed<'a>(
    items: &'a [Item],
    m: &'a Metrics,
    viewport: Rect,
    offset: i32,
) -> impl Iterator<Item = (&'a Item, Rect)> + 'a {
    let mut y = viewport.y - offset;
    items.iter().map(move |item| {
        let h = height(item, m);
        let r = Rect::new(0, y, m.w, h);
        y += h;
        (item, r)
    })
}

/// Tap targets of the visible rows, plus the app bar's back arrow when `back`.
pub(crate) fn hits(items: &[Item], m: &Metrics, offset: i32, back: bool) -> Vec<(Target, Rect)> {
    let l = PageLayout::new(m);
    let mut out = Vec::new();
    if back {
        out.push((Target::AppBarBack, l.back));
    }
    for (item, r) in placed(items, m, l.viewport, offset) {
        let visible = r.intersect(l.viewport);
        if visible.is_empty() {
            continue;
        }
        match item {
            Item::Row {
                target: Some(t), ..
            } => out.push((*t, visible)),
            Item::Switch { setting, .. } => out.push((Target::Switch(*setting), visible)),
            _ => {}
        }
    }
    out
}

/// Draws the app bar and the list at scroll `offset`.
pub(crate) fn draw(c: &mut Canvas<'_>, title: &str, back: bool, items: &[Item], offset: i32) {
    let m = c.m;
    let t = c.theme;
    let l = PageLayout::new(&m);
    draw_app_bar(c, &l, title, back);
    let old = c.push_clip(l.viewport);
    c.rect(l.viewport, t.surface);
    let clip = c.clip();
    for (item, r) in placed(items, &m, l.viewport, offset) {
        if r.bottom() <= clip.y {
            continue;
        }
        if r.y >= clip.bottom() {
            break;
        }
        draw_item(c, item, r);
    }
    c.pop_clip(old);
}

fn draw_app_bar(c: &mut Canvas<'_>, l: &PageLayout, title: &str, back: bool) {
    let m = c.m;
    let t = c.theme;
    let old = c.push_clip(l.app_bar);
    c.rect(l.app_bar, t.surface);
    let icon = m.dp(24.0);
    let (bx, by) = l.back.center();
    let title_x = if back {
        c.icon_at(Icon::ArrowBack, bx, by, icon, t.text);
        l.back.right() + m.dp(8.0)
    } else {
        m.margin()
    };
    let style = TextStyle::regular(m.sp(22.0));
    let baseline = l.app_bar.y + (l.app_bar.h + style.cap_height()) / 2;
    let max_w = l.app_bar.w - title_x - m.dp(64.0);
    let shown = c.ellipsize(title, style, max_w);
    c.text(&shown, title_x, baseline, style, t.text, Align::Left);
    if !back {
        c.icon_at(
            Icon::Search,
            l.app_bar.right() - m.margin() - icon / 2,
            by,
            icon,
            t.text,
        );
    }
    c.pop_clip(old);
}

fn draw_item(c: &mut Canvas<'_>, item: &Item, r: Rect) {
    let m = c.m;
    let t = c.theme;
    let margin = m.margin();
    let x0 = r.x + margin;
    let right = r.right() - margin;
    match item {
        Item::Search => {
            let pill = Rect::new(x0, r.y + m.dp(12.0), right - x0, m.dp(48.0));
            c.round_rect(pill, pill.h / 2, t.field);
            let icon = m.dp(22.0);
            c.icon_at(
                Icon::Search,
                pill.x + m.dp(28.0),
                pill.y + pill.h / 2,
                icon,
                t.text_secondary,
            );
            let style = TextStyle::regular(m.sp(16.0));
            let baseline = pill.y + (pill.h + style.cap_height()) / 2;
            c.text(
                "Search settings",
                pill.x + m.dp(52.0),
                baseline,
                style,
                t.text_secondary,
                Align::Left,
            );
        }
        Item::Header(text) => {
            let style = TextStyle::medium(m.sp(14.0));
            c.text(
                text,
                x0,
                r.bottom() - m.dp(14.0),
                style,
                t.accent,
                Align::Left,
            );
        }
        Item::Row {
            lead,
            title,
            subtitle,
            ..
        } => {
            let text_x = draw_lead(c, lead, x0, r);
            draw_two_lines(c, title, subtitle.as_deref(), text_x, right, r);
            c.rect(
                Rect::new(text_x, r.bottom() - 1, right - text_x, 1),
                t.divider,
            );
        }
        Item::Switch {
            title,
            subtitle,
            on,
            ..
        } => {
            let track = Rect::new(
                right - m.dp(52.0),
                r.y + (r.h - m.dp(32.0)) / 2,
                m.dp(52.0),
                m.dp(32.0),
            );
            draw_two_lines(c, title, subtitle.as_deref(), x0, track.x - m.dp(16.0), r);
            draw_switch(c, track, *on);
            c.rect(Rect::new(x0, r.bottom() - 1, right - x0, 1), t.divider);
        }
        Item::Value { label, value } => {
            let style = TextStyle::regular(m.sp(16.0));
            let small = TextStyle::regular(m.sp(14.0));
            c.text(label, x0, r.y + m.dp(28.0), style, t.text, Align::Left);
            let shown = c.ellipsize(value, small, right - x0);
            c.text(
                &shown,
                x0,
                r.y + m.dp(50.0),
                small,
                t.text_secondary,
                Align::Left,
            );
        }
        Item::Hero { big, caption } => {
            let style = TextStyle::regular(m.sp(48.0));
            c.text(big, x0, r.y + m.dp(72.0), style, t.text, Align::Left);
            let small = TextStyle::regular(m.sp(15.0));
            c.text(
                caption,
                x0,
                r.y + m.dp(104.0),
                small,
                t.text_secondary,
                Align::Left,
            );
        }
        Item::Bar(segments) => {
            let bar = Rect::new(x0, r.y + m.dp(14.0), right - x0, m.dp(12.0));
            c.round_rect(bar, bar.h / 2, t.divider);
            let mut x = bar.x;
            for &(fraction, color) in segments {
                let w = (bar.w as f32 * fraction.clamp(0.0, 1.0)).round() as i32;
                let seg = Rect::new(x, bar.y, w.min(bar.right() - x), bar.h);
                let old = c.push_clip(seg);
                c.round_rect(bar, bar.h / 2, color);
                c.pop_clip(old);
                x += w;
            }
        }
    }
}

/// The lead of a row; returns where its text starts.
fn draw_lead(c: &mut Canvas<'_>, lead: &Lead, x0: i32, r: Rect) -> i32 {
    let m = c.m;
    let d = m.dp(40.0);
    let cx = x0 + d / 2;
    let cy = r.y + r.h / 2;
    match lead {
        Lead::None => return x0,
        Lead::Icon(icon, color) => {
            c.circle(cx, cy, d / 2, *color);
            c.icon_at(*icon, cx, cy, m.dp(24.0), WHITE);
        }
        Lead::Letter(ch, color) => {
            c.circle(cx, cy, d / 2, *color);
            let mut buf = [0u8; 4];
            c.text_in(
                ch.encode_utf8(&mut buf),
                Rect::new(cx - d / 2, cy - d / 2, d, d),
                TextStyle::medium(m.sp(18.0)),
                WHITE,
            );
        }
    }
    x0 + d + m.dp(16.0)
}

fn draw_two_lines(
    c: &mut Canvas<'_>,
    title: &str,
    subtitle: Option<&str>,
    x: i32,
    right: i32,
    r: Rect,
) {
    let m = c.m;
    let t = c.theme;
    let style = TextStyle::regular(m.sp(17.0));
    let max_w = right - x;
    let title = c.ellipsize(title, style, max_w);
    match subtitle {
        Some(sub) => {
            c.text(&title, x, r.y + m.dp(31.0), style, t.text, Align::Left);
            let small = TextStyle::regular(m.sp(14.0));
            let sub = c.ellipsize(sub, small, max_w);
            c.text(
                &sub,
                x,
                r.y + m.dp(53.0),
                small,
                t.text_secondary,
                Align::Left,
            );
        }
        None => {
            let baseline = r.y + (r.h + style.cap_height()) / 2;
            c.text(&title, x, baseline, style, t.text, Align::Left);
        }
    }
}

/// A Material switch in `track`.
pub(crate) fn draw_switch(c: &mut Canvas<'_>, track: Rect, on: bool) {
    let m = c.m;
    let t = c.theme;
    let (bg, thumb_r, thumb_x) = if on {
        (t.accent, m.dp(12.0), track.right() - track.h / 2)
    } else {
        (SWITCH_OFF, m.dp(8.0), track.x + track.h / 2)
    };
    c.round_rect(track, track.h / 2, bg);
    c.circle(thumb_x, track.y + track.h / 2, thumb_r, WHITE);
}
