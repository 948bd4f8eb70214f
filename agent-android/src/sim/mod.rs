//! `sim`: a software Android phone, deterministic given its clock.
//!
//! [`SimPhone`] renders a launcher, Settings (a long list that scrolls and flings, detail
//! pages with live values), Messages, the Lifeline support chat, the notification shade,
//! Recents, a status bar with the "screen is being shared" chip, a three-button navigation
//! bar, and Android-style consent dialogs. Touches become taps, long-presses, drags and
//! flings as on Android. Nothing reads the system clock or an unseeded random source: the
//! same events at the same times give the same pixels.
//!
//! Profiles ([`profiles`]) choose the model, screen, Android version and what the phone can
//! do; `old` (Android 4.4) cannot capture its screen and joins chat-only. What the agent
//! asks of it as a phone is in `device`.

mod activity;
mod apps;
mod clock;
mod device;
mod diagnostics;
mod dialog;
mod geom;
mod gesture;
mod hits;
mod input;
mod keys;
mod logs;
mod nav;
mod profile;
mod render;
mod scroller;
mod state;
mod toggles;
mod ui;

use std::time::Duration;

use lifeline_protocol::i18n::{Language, Localizer};
use lifeline_protocol::messages::video::Rotation;
use lifeline_protocol::video::RgbaImage;

pub use activity::Activity;
pub use apps::AppId;
pub use logs::{DEFAULT_LOG_SIZE, MAX_LOG_SIZE, MIN_LOG_SIZE};
pub use profile::{IconShape, NavStyle, Profile, default_profile, profile, profiles};
pub use state::MAX_VOLUME;
pub use ui::{ChatMessage, Page, Screen, Setting, SettingsPage, Target, UiSnapshot};

use gesture::{Gesture, Recognizer};
use logs::Level;
use render::{Canvas, Resources};
use state::{PhoneState, View};

/// While a list flings, the phone wants a tick this often.
const ANIMATION_FRAME: Duration = Duration::from_millis(16);

/// The simulated phone.
#[derive(Debug)]
pub struct SimPhone {
    state: PhoneState,
    res: Resources,
    recognizer: Recognizer,
    /// The last rendered screen; `None` only if the profile's size is not a valid image.
    frame: Option<RgbaImage>,
    /// Time-dependent content (clock minute, live values) last rendered.
    time_bucket: u64,
    renders: u64,
    gestures: Vec<Gesture>,
    /// What the phone does by itself, if anything.
    script: Option<activity::Script>,
}

impl Default for SimPhone {
    fn default() -> Self {
        Self::new(default_profile())
    }
}

impl SimPhone {
    /// A phone of `profile`, on its home screen, at simulation time zero.
    pub fn new(profile: &'static Profile) -> Self {
        let state = PhoneState::new(profile);
        let m = state.metrics();
        let mut phone = Self {
            recognizer: Recognizer::new(m.density),
            state,
            res: Resources::default(),
            frame: None,
            time_bucket: 0,
            renders: 0,
            gestures: Vec::new(),
            script: None,
        };
        phone.time_bucket = phone.bucket(Duration::ZERO);
        phone
    }

    /// A phone of the profile called `name` (see [`profiles`]).
    pub fn with_profile(name: &str) -> Option<Self> {
        profile(name).map(Self::new)
    }

    /// The phone's profile.
    pub fn profile(&self) -> &'static Profile {
        self.state.profile
    }

    /// Shows Lifeline's words (consent dialogs, the sharing notification) in `language`
    /// rather than the profile locale's (`lifeline-agent join --lang`).
    pub fn set_language(&mut self, language: Language) {
        if self.state.loc.language() != language {
            self.state.loc = Localizer::new(language);
            self.state.label_support();
            self.state.dirty = true;
        }
    }

    /// Turns the phone (the customer rotating it); the frame size changes with it. A touch in
    /// progress is cancelled.
    pub fn set_rotation(&mut self, rotation: Rotation) {
        if rotation == self.state.rotation {
            return;
        }
        self.cancel_touch();
        self.state.rotation = rotation;
        self.state.popup = None;
        if self.state.shade.open {
            let m = self.state.metrics();
            let full = apps::shade::panel_height(&self.state, &m);
            self.state.shade.pull = full;
            self.state.shade.drag_origin = full;
        }
        self.state.dirty = true;
        let code = match rotation {
            Rotation::Deg0 => 0,
            Rotation::Deg90 => 1,
            Rotation::Deg180 => 2,
            Rotation::Deg270 => 3,
        };
        self.state.log.event(
            self.state.now,
            state::PID_SYSTEM_SERVER,
            state::PID_SYSTEM_SERVER + 19,
            Level::Info,
            "WindowManager",
            format!(
                "Rotation changed to {code} from {}",
                if code % 2 == 0 { 1 } else { 0 }
            ),
        );
    }

    /// Sets the size of `logcat.txt` in bytes (clamped to [`MIN_LOG_SIZE`]..=[`MAX_LOG_SIZE`];
    /// [`DEFAULT_LOG_SIZE`] until set).
    pub fn set_log_size(&mut self, bytes: usize) {
        self.state.log.set_size(bytes);
    }

    /// Makes the phone act by itself from now on (demos and benchmarks).
    pub fn set_activity(&mut self, activity: Activity) {
        self.script = Some(activity::Script::new(activity));
    }

    /// The size `logcat.txt` will have.
    pub fn log_size(&self) -> usize {
        self.state.log.size()
    }

    /// The screen, drawn whether or not this phone can share it (the desktop window shows
    /// the `old` phone too).
    pub fn screen(&mut self, now: Duration) -> Option<&RgbaImage> {
        self.advance(now, true);
        self.render_if_needed(now);
        self.frame.as_ref()
    }

    /// How many times the screen has been drawn (an idle phone draws nothing).
    pub fn render_count(&self) -> u64 {
        self.renders
    }

    /// The UI state, for tests and the desktop window.
    pub fn ui(&self) -> UiSnapshot {
        let s = &self.state;
        let screen = match s.view {
            View::Launcher => Screen::Launcher,
            View::Recents => Screen::Recents,
            View::App => match s.foreground() {
                Some(task) => Screen::App {
                    app: task.app,
                    page: task.top().map_or(Page::Main, |p| p.page),
                },
                None => Screen::Launcher,
            },
        };
        let flinging = s.recents_scroll.is_flinging()
            || s.tasks
                .iter()
                .flat_map(|t| &t.stack)
                .any(|p| p.scroll.is_flinging());
        UiSnapshot {
            screen_on: s.screen_on,
            screen,
            shade_open: s.shade.open,
            shade_pull: s.shade.pull,
            popup: s.popup.as_ref().map(|p| p.app),
            dialog: s.prompts.front().map(|p| p.capability),
            recents: s.tasks.iter().map(|t| t.app).collect(),
            settings_scroll: s.settings_scroll(),
            flinging,
            focused_text: s
                .focus
                .and_then(|app| s.conversation(app))
                .map(|c| c.draft.clone()),
            messages: s.messages.messages.clone(),
            support_chat: s.support.messages.clone(),
            rotation: s.rotation,
            volume: s.volume,
            volume_overlay: s.volume_until.is_some_and(|until| s.now < until),
            sharing_indicator: s.sharing,
            wifi_on: s.toggles.wifi,
            battery_percent: s.battery_percent(s.now),
            toast: s
                .toast
                .as_ref()
                .filter(|(_, until)| s.now < *until)
                .map(|(text, _)| text.clone()),
        }
    }

    /// Where `target` is on screen now (its centre, in frame pixels), if it is visible and
    /// can be tapped.
    pub fn locate(&mut self, target: Target) -> Option<(u32, u32)> {
        let m = self.state.metrics();
        let now = self.state.now;
        hits::sync_scroll_limits(&mut self.state, now);
        let found = hits::hits(&self.state, &m, &mut self.res, now)
            .into_iter()
            .find(|(t, _)| *t == target)?;
        let (x, y) = found.1.center();
        Some((u32::try_from(x).ok()?, u32::try_from(y).ok()?))
    }

    /// Live values on screen change every 10 s (Wi-Fi signal on the Wi-Fi page) or every
    /// minute (the clock, battery, up time): the period in seconds.
    fn live_period(&self) -> u64 {
        match self.state.current_page().map(|p| p.page) {
            Some(Page::Settings(SettingsPage::Wifi)) => 10,
            _ => 60,
        }
    }

    /// Numbers the period `now` falls in; a new number means the screen changed.
    fn bucket(&self, now: Duration) -> u64 {
        now.as_secs() / self.live_period()
    }

    fn next_bucket_at(&self, now: Duration) -> Duration {
        let period = self.live_period();
        Duration::from_secs((now.as_secs() / period + 1) * period)
    }

    fn run_gestures(&mut self, now: Duration) {
        for g in std::mem::take(&mut self.gestures) {
            self.state.on_gesture(g, &mut self.res, now);
        }
    }

    fn cancel_touch(&mut self) {
        self.recognizer.cancel(&mut self.gestures);
        let now = self.state.now;
        self.run_gestures(now);
    }

    /// Moves the phone to `now`: flings, overlays that time out, the clock; and, when
    /// `timers`, the long-press timer.
    fn advance(&mut self, now: Duration, timers: bool) {
        let now = now.max(self.state.now);
        self.state.now = now;
        if timers {
            self.recognizer.tick(now, &mut self.gestures);
            self.run_gestures(now);
        }
        let s = &mut self.state;
        if s.recents_scroll.tick(now) {
            s.dirty = true;
        }
        for task in &mut s.tasks {
            for page in &mut task.stack {
                if page.scroll.tick(now) {
                    s.dirty = true;
                }
            }
        }
        if s.volume_until.is_some_and(|until| now >= until) {
            s.volume_until = None;
            s.dirty = true;
        }
        if s.toast.as_ref().is_some_and(|(_, until)| now >= *until) {
            s.toast = None;
            s.dirty = true;
        }
        let bucket = self.bucket(now);
        if bucket != self.time_bucket {
            self.time_bucket = bucket;
            self.state.dirty = true;
        }
    }

    fn render_if_needed(&mut self, now: Duration) {
        let (w, h) = self.state.frame_dims();
        let size_ok = self
            .frame
            .as_ref()
            .is_some_and(|f| f.width() == w && f.height() == h);
        if size_ok && !self.state.dirty {
            return;
        }
        if !size_ok {
            self.frame = RgbaImage::new(w, h).ok();
        }
        hits::sync_scroll_limits(&mut self.state, now);
        let Some(frame) = self.frame.as_mut() else {
            return;
        };
        let mut canvas = Canvas {
            px: render::canvas::Target::new(frame.data_mut(), w, h),
            res: &mut self.res,
            m: self.state.metrics(),
            theme: self.state.theme,
        };
        render::frame::draw(&mut canvas, &self.state, now);
        self.state.dirty = false;
        self.renders += 1;
    }

    fn type_text(&mut self, text: &str) {
        let Some(app) = self.state.focus else {
            return;
        };
        if self.state.foreground_app() != Some(app) {
            return;
        }
        let send = self
            .state
            .conversation_mut(app)
            .is_some_and(|c| c.type_text(text));
        if send {
            self.state.send_draft(app);
        }
        self.state.dirty = true;
    }
}
