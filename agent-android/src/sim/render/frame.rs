//! Composes one frame from the phone's state: the screen, then the bars and overlays on top.

use std::time::Duration;

use lifeline_protocol::tr;

use super::Canvas;
use super::color::{BLACK, WHITE};
use super::{nav_bar, overlays, status_bar};
use crate::sim::apps::{AppId, launcher, list, placeholder, recents, settings, shade};
use crate::sim::dialog;
use crate::sim::state::{PhoneState, View};
use crate::sim::ui::Page;

/// Draws the whole screen as it is at `now`.
pub(crate) fn draw(c: &mut Canvas<'_>, s: &PhoneState, now: Duration) {
    let m = c.m;
    let t = c.theme;
    if !s.screen_on {
        c.rect(m.screen(), BLACK);
        return;
    }
    let on_wallpaper = match s.view {
        View::Launcher => {
            launcher::draw(c, s, now);
            true
        }
        View::Recents => {
            recents::draw(c, s);
            true
        }
        View::App => {
            draw_app(c, s, now);
            false
        }
    };
    let (bar_bg, bar_fg) = if on_wallpaper {
        (None, WHITE)
    } else {
        (Some(t.surface), t.text)
    };
    let mut bar = status_bar::StatusBar {
        time: s.clock.status_time(now),
        battery_percent: s.battery_percent(now),
        wifi: s.toggles.wifi,
        airplane: s.toggles.airplane,
        sharing: s.sharing,
        sharing_label: tr!(s.loc, "shade-chip"),
        background: bar_bg,
        foreground: bar_fg,
    };
    status_bar::draw(c, &bar);
    nav_bar::draw(c, s.profile.nav_style, bar_bg, bar_fg);
    if let (View::Launcher, Some(popup)) = (s.view, &s.popup) {
        launcher::draw_popup(c, popup);
    }
    if s.shade.pull > 0 {
        shade::draw(c, s, &s.technician_name());
        if s.shade.pull >= m.status_h() {
            bar.background = None;
            bar.foreground = t.text;
            status_bar::draw(c, &bar);
        }
    }
    if s.volume_until.is_some_and(|until| now < until) {
        overlays::draw_volume(c, s.volume);
    }
    if let Some((text, until)) = &s.toast
        && now < *until
    {
        overlays::draw_toast(c, text);
    }
    if let Some(prompt) = s.prompts.front() {
        dialog::draw(c, prompt, s.loc);
    }
}

fn draw_app(c: &mut Canvas<'_>, s: &PhoneState, now: Duration) {
    let Some(task) = s.foreground() else {
        return;
    };
    let Some(top) = task.top() else {
        return;
    };
    match (task.app, top.page) {
        (AppId::Settings, page) => {
            let items = settings::with_switch_state(s, settings::items(s, page, now));
            list::draw(
                c,
                &settings::title(page),
                page != Page::Main,
                &items,
                top.scroll.offset(),
            );
        }
        (app @ (AppId::Messages | AppId::Lifeline), _) => {
            if let Some(conv) = s.conversation(app) {
                let hint = tr!(s.loc, "sim-text-message");
                conv.draw(c, s.focus == Some(app), app == AppId::Lifeline, &hint);
            }
        }
        (app, _) => placeholder::draw(c, s, app, now),
    }
}
