//! What is under a finger: the tap targets on screen, topmost first, and the scroll limits
//! of the page on screen. The same layout code draws the screen, so what is drawn responds.

use std::time::Duration;

use super::apps::{AppId, conversation, launcher, list, placeholder, recents, settings, shade};
use super::dialog;
use super::geom::{Metrics, Rect};
use super::render::Resources;
use super::render::nav_bar;
use super::state::{PhoneState, View};
use super::ui::{Page, Target};

/// Tap targets, topmost first. A dialog is modal; the shade and the popup leave only the
/// navigation bar usable besides themselves.
pub(crate) fn hits(
    s: &PhoneState,
    m: &Metrics,
    res: &mut Resources,
    now: Duration,
) -> Vec<(Target, Rect)> {
    if let Some(prompt) = s.prompts.front() {
        let text = &mut res.text;
        return dialog::hits(m, prompt, s.loc, &mut |t, style, w| text.wrap(t, style, w));
    }
    let mut out: Vec<(Target, Rect)> = Vec::new();
    if s.shade.pull > 0 {
        out.extend(shade::hits(s, m));
    } else if let (View::Launcher, Some(popup)) = (s.view, &s.popup) {
        out.extend(launcher::popup_hits(m, popup));
    }
    out.extend(
        nav_bar::buttons(m, s.profile.nav_style)
            .into_iter()
            .map(|(key, r)| (Target::Nav(key), r)),
    );
    if s.shade.pull > 0 || s.popup.is_some() {
        return out;
    }
    out.extend(screen_hits(s, m, now));
    out
}

fn screen_hits(s: &PhoneState, m: &Metrics, now: Duration) -> Vec<(Target, Rect)> {
    match s.view {
        View::Launcher => launcher::hits(m),
        View::Recents => recents::hits(s, m),
        View::App => {
            let Some(task) = s.foreground() else {
                return Vec::new();
            };
            let Some(top) = task.top() else {
                return Vec::new();
            };
            match task.app {
                AppId::Settings => {
                    let items = settings::items(s, top.page, now);
                    list::hits(&items, m, top.scroll.offset(), top.page != Page::Main)
                }
                AppId::Messages | AppId::Lifeline => {
                    conversation::ConversationLayout::new(m).hits()
                }
                _ => placeholder::hits(m),
            }
        }
    }
}

/// The topmost target at (`x`, `y`).
pub(crate) fn target_at(hits: &[(Target, Rect)], x: i32, y: i32) -> Option<Target> {
    hits.iter().find(|(_, r)| r.contains(x, y)).map(|(t, _)| *t)
}

/// Updates the scroll limits of the page on screen and of Recents for the current size.
pub(crate) fn sync_scroll_limits(s: &mut PhoneState, now: Duration) {
    let m = s.metrics();
    let recents_max = recents::max_scroll(s, &m);
    s.recents_scroll.set_max(recents_max);
    let settings_max = match s.foreground() {
        Some(task) if task.app == AppId::Settings => task.top().map(|top| {
            let items = settings::items(s, top.page, now);
            list::max_scroll(&items, &m, list::PageLayout::new(&m).viewport)
        }),
        _ => None,
    };
    if let (Some(max), Some(page)) = (settings_max, s.current_page_mut()) {
        page.scroll.set_max(max);
    }
}

/// Whether the screen under the overlays scrolls (Settings pages, Recents).
pub(crate) fn screen_scrolls(s: &PhoneState) -> bool {
    match s.view {
        View::Recents => true,
        View::App => s.foreground_app() == Some(AppId::Settings),
        View::Launcher => false,
    }
}
