//! Apps the simulation does not model in depth: an app bar, the app's icon and a short line.
//! The Clock app shows the time.

use std::time::Duration;

use super::AppId;
use super::launcher::draw_app_icon;
use super::list::PageLayout;
use crate::sim::geom::{Metrics, Rect};
use crate::sim::render::icons::Icon;
use crate::sim::render::text::TextStyle;
use crate::sim::render::{Align, Canvas};
use crate::sim::state::PhoneState;
use crate::sim::ui::Target;

pub(crate) fn hits(m: &Metrics) -> Vec<(Target, Rect)> {
    vec![(Target::AppBarBack, PageLayout::new(m).back)]
}

pub(crate) fn draw(c: &mut Canvas<'_>, s: &PhoneState, app: AppId, now: Duration) {
    let m = c.m;
    let t = c.theme;
    let l = PageLayout::new(&m);
    c.rect(l.app_bar, t.surface);
    let (bx, by) = l.back.center();
    c.icon_at(Icon::ArrowBack, bx, by, m.dp(24.0), t.text);
    let title = TextStyle::regular(m.sp(22.0));
    let baseline = l.app_bar.y + (l.app_bar.h + title.cap_height()) / 2;
    c.text(
        app.label(),
        l.back.right() + m.dp(8.0),
        baseline,
        title,
        t.text,
        Align::Left,
    );
    c.rect(l.viewport, t.background);

    let (cx, cy) = l.viewport.center();
    if app == AppId::Clock {
        let big = TextStyle::regular(m.sp(80.0));
        c.text(
            &s.clock.status_time(now),
            cx,
            cy,
            big,
            t.text,
            Align::Center,
        );
        let small = TextStyle::regular(m.sp(18.0));
        c.text(
            &s.clock.date_line(now),
            cx,
            cy + m.dp(48.0),
            small,
            t.text_secondary,
            Align::Center,
        );
        return;
    }
    let d = m.dp(96.0);
    draw_app_icon(c, s, app, Rect::new(cx - d / 2, cy - d, d, d));
    let style = TextStyle::medium(m.sp(20.0));
    c.text(
        app.label(),
        cx,
        cy + m.dp(44.0),
        style,
        t.text,
        Align::Center,
    );
    let small = TextStyle::regular(m.sp(14.0));
    c.text(
        "This app is not part of the simulation",
        cx,
        cy + m.dp(72.0),
        small,
        t.text_secondary,
        Align::Center,
    );
}
