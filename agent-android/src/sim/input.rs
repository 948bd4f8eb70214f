//! Where gestures go: the dialog, the shade, the popup, the navigation bar or the screen,
//! chosen when the finger goes down (as Android picks the view that receives a touch).

use std::time::Duration;

use lifeline_protocol::messages::input::{Key, KeyAction, KeyEvent};

use super::apps::{AppId, launcher, shade};
use super::gesture::Gesture;
use super::hits::{hits, screen_scrolls, sync_scroll_limits, target_at};
use super::keys::on_key;
use super::logs::Level;
use super::render::Resources;
use super::scroller::Scroller;
use super::state::{PhoneState, Popup, Shade, Shortcut, View};
use super::ui::{SettingsPage, Target};
use crate::device::CustomerAction;

/// Flinging the shade faster than this (pixels per second) opens or closes it.
const SHADE_FLING: f32 = 1000.0;

/// What the finger that is down is touching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TouchTarget {
    Dialog,
    /// The open (or opening) shade; `on_panel` false means the scrim below it.
    Shade {
        on_panel: bool,
    },
    /// The status bar of a closed shade: dragging pulls the shade down.
    ShadePull,
    Popup,
    Nav,
    /// The screen; `caught` when the touch stopped a fling (it then taps nothing).
    Screen {
        caught: bool,
    },
}

impl PhoneState {
    /// The scroller of whatever scrolls on screen.
    fn screen_scroller(&mut self) -> Option<&mut Scroller> {
        if !screen_scrolls(self) {
            return None;
        }
        match self.view {
            View::Recents => Some(&mut self.recents_scroll),
            _ => self.current_page_mut().map(|p| &mut p.scroll),
        }
    }

    fn settle_shade(&mut self, vy: f32) {
        let m = self.metrics();
        let full = shade::panel_height(self, &m);
        let open = if vy > SHADE_FLING {
            true
        } else if vy < -SHADE_FLING {
            false
        } else {
            self.shade.pull * 2 > full
        };
        self.shade = if open {
            Shade {
                pull: full,
                open: true,
                drag_origin: full,
            }
        } else {
            Shade::default()
        };
        if open {
            self.log.event(
                self.now,
                super::state::PID_SYSTEMUI,
                super::state::PID_SYSTEMUI,
                Level::Debug,
                "NotificationShadeWindowView",
                "expanded".into(),
            );
        }
        self.dirty = true;
    }

    fn log_pointer(&mut self, up: bool) {
        let (pid, window) = match (self.view, self.foreground_app()) {
            (View::App, Some(app)) => (
                self.pid_of(app).unwrap_or(super::state::PID_LAUNCHER),
                app.activity()
                    .trim_start_matches('.')
                    .rsplit('.')
                    .next()
                    .unwrap_or("Activity")
                    .to_owned(),
            ),
            (View::Recents, _) => (super::state::PID_LAUNCHER, "RecentsActivity".to_owned()),
            _ => (super::state::PID_LAUNCHER, "Launcher".to_owned()),
        };
        self.log.event(
            self.now,
            pid,
            pid,
            Level::Info,
            &format!("ViewRootImpl@7e1c2f4[{window}]"),
            format!("ViewPostIme pointer {}", u8::from(up)),
        );
    }

    /// Handles one gesture at phone time `now`.
    pub(crate) fn on_gesture(&mut self, g: Gesture, res: &mut Resources, now: Duration) {
        let m = self.metrics();
        match g {
            Gesture::Down { x, y } => {
                self.log_pointer(false);
                sync_scroll_limits(self, now);
                self.touch = Some(if !self.prompts.is_empty() {
                    TouchTarget::Dialog
                } else if self.shade.pull > 0 && !m.nav_bar().contains(x, y) {
                    self.shade.drag_origin = self.shade.pull;
                    TouchTarget::Shade {
                        on_panel: shade::on_panel(self, &m, x, y),
                    }
                } else if y < m.status_h() {
                    TouchTarget::ShadePull
                } else if m.nav_bar().contains(x, y) {
                    TouchTarget::Nav
                } else if self.popup.is_some() {
                    TouchTarget::Popup
                } else {
                    let caught = self.screen_scroller().is_some_and(Scroller::catch);
                    TouchTarget::Screen { caught }
                });
            }
            Gesture::Tap { x, y } => {
                self.log_pointer(true);
                let touch = self.touch.take();
                let hit = target_at(&hits(self, &m, res, now), x, y);
                match touch {
                    Some(TouchTarget::Shade { on_panel: false }) => {
                        self.shade = Shade::default();
                        self.dirty = true;
                    }
                    Some(TouchTarget::Popup) => {
                        self.popup_tap(hit);
                    }
                    Some(TouchTarget::Screen { caught: true })
                    | Some(TouchTarget::ShadePull)
                    | None => {}
                    Some(_) => {
                        if let Some(target) = hit {
                            self.perform(target);
                        }
                    }
                }
            }
            Gesture::LongPress { x, y } => {
                if self.touch == Some(TouchTarget::Screen { caught: false })
                    && self.view == View::Launcher
                    && let Some(Target::AppIcon(app)) = target_at(&hits(self, &m, res, now), x, y)
                {
                    self.popup = Some(Popup {
                        app,
                        items: launcher::shortcuts(app),
                    });
                    self.log.event(
                        now,
                        super::state::PID_LAUNCHER,
                        super::state::PID_LAUNCHER,
                        Level::Debug,
                        "Launcher",
                        format!("onLongClick: {}", app.package(self.profile)),
                    );
                    self.dirty = true;
                }
            }
            Gesture::DragStart { .. } => {
                if matches!(self.touch, Some(TouchTarget::Screen { .. }))
                    && let Some(sc) = self.screen_scroller()
                {
                    sc.begin_drag();
                }
            }
            Gesture::Drag { y, dy, .. } => match self.touch {
                Some(TouchTarget::ShadePull) => {
                    let full = shade::panel_height(self, &m);
                    self.shade.pull = y.clamp(0, full);
                    self.shade.open = false;
                    self.dirty = true;
                }
                Some(TouchTarget::Shade { .. }) => {
                    let full = shade::panel_height(self, &m);
                    self.shade.pull = (self.shade.drag_origin + dy).clamp(0, full);
                    self.shade.open = false;
                    self.dirty = true;
                }
                Some(TouchTarget::Screen { .. }) => {
                    if let Some(sc) = self.screen_scroller()
                        && sc.drag(dy)
                    {
                        self.dirty = true;
                    }
                }
                _ => {}
            },
            Gesture::DragEnd { vy, .. } => {
                self.log_pointer(true);
                match self.touch.take() {
                    Some(TouchTarget::ShadePull | TouchTarget::Shade { .. }) => {
                        self.settle_shade(vy)
                    }
                    Some(TouchTarget::Screen { .. }) => {
                        if let Some(sc) = self.screen_scroller() {
                            sc.release(vy, now);
                        }
                    }
                    _ => {}
                }
            }
            Gesture::Cancel => match self.touch.take() {
                Some(TouchTarget::ShadePull | TouchTarget::Shade { .. }) => self.settle_shade(0.0),
                Some(TouchTarget::Screen { .. }) => {
                    if let Some(sc) = self.screen_scroller() {
                        sc.release(0.0, now);
                    }
                }
                _ => {}
            },
        }
    }

    fn popup_tap(&mut self, hit: Option<Target>) {
        let popup = self.popup.take();
        self.dirty = true;
        let (Some(Target::PopupItem(i)), Some(popup)) = (hit, popup) else {
            return;
        };
        match popup.items.get(usize::from(i)) {
            Some(Shortcut::Settings(page)) => {
                self.open_app(AppId::Settings);
                if let Some(task) = self.tasks.first_mut() {
                    task.stack.truncate(1);
                }
                self.open_settings_page(*page);
            }
            Some(Shortcut::NewMessage) => {
                self.open_app(AppId::Messages);
                self.focus = Some(AppId::Messages);
            }
            Some(Shortcut::AppInfo) => {
                self.open_app(AppId::Settings);
                if let Some(task) = self.tasks.first_mut() {
                    task.stack.truncate(1);
                }
                self.open_settings_page(SettingsPage::Apps);
            }
            None => {}
        }
    }

    /// Does what tapping `target` does.
    pub(crate) fn perform(&mut self, target: Target) {
        self.dirty = true;
        match target {
            Target::AppIcon(app) | Target::RecentsCard(app) => self.open_app(app),
            Target::PopupItem(_) => {}
            Target::Nav(key) => on_key(
                self,
                KeyEvent {
                    key,
                    action: KeyAction::Press,
                },
            ),
            Target::AppBarBack => on_key(
                self,
                KeyEvent {
                    key: Key::Back,
                    action: KeyAction::Press,
                },
            ),
            Target::SettingsRow(page) => self.open_settings_page(page),
            Target::Switch(setting) | Target::QuickTile(setting) => {
                self.toggle(setting);
            }
            Target::TextField => {
                self.focus = self.foreground_app();
            }
            Target::SendButton => {
                if let Some(app) = self.foreground_app() {
                    self.send_draft(app);
                }
            }
            Target::ClearAll => self.clear_recents(),
            Target::StopSharing => {
                self.customer_actions.push_back(CustomerAction::StopSharing);
                self.log
                    .agent(self.now, Level::Info, "customer tapped Stop sharing".into());
                self.shade = Shade::default();
            }
            Target::DialogAllow => self.answer_prompt(true),
            Target::DialogDeny => self.answer_prompt(false),
        }
    }

    /// A mouse wheel over (`x`, `y`): scrolls what is under it by `dy` (positive: content
    /// moves down).
    pub(crate) fn on_wheel(&mut self, dy: i32, now: Duration) {
        if !self.prompts.is_empty() || self.shade.pull > 0 {
            return;
        }
        sync_scroll_limits(self, now);
        if let Some(sc) = self.screen_scroller()
            && sc.scroll_by(-dy)
        {
            self.dirty = true;
        }
    }
}
