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
//! do; `old` (Android 4.4) cannot capture its screen and joins chat-only.

mod activity;
mod apps;
mod clock;
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

use lifeline_protocol::consent::CapabilitySet;
use lifeline_protocol::diagnostics::DeviceDiagnostics;
use lifeline_protocol::i18n::{Language, Localizer};
use lifeline_protocol::messages::handshake::DeviceSummary;
use lifeline_protocol::messages::input::{FrameSize, InputEvent};
use lifeline_protocol::messages::video::Rotation;
use lifeline_protocol::video::RgbaImage;

pub use activity::Activity;
pub use apps::AppId;
pub use logs::{DEFAULT_LOG_SIZE, MAX_LOG_SIZE, MIN_LOG_SIZE};
pub use profile::{IconShape, NavStyle, Profile, default_profile, profile, profiles};
pub use state::MAX_VOLUME;
pub use ui::{ChatMessage, Page, Screen, Setting, SettingsPage, Target, UiSnapshot};

use crate::device::{ConsentPrompt, CustomerAction, Device, InputError, LogFile, PromptAnswer};
use gesture::{Gesture, Recognizer};
use logs::Level;
use render::{Canvas, Resources};
use state::{Notification, PhoneState, View};

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

impl Device for SimPhone {
    fn summary(&self) -> DeviceSummary {
        let p = self.state.profile;
        let size = self.frame_size();
        DeviceSummary {
            manufacturer: p.manufacturer.to_owned(),
            model: p.marketing_name.to_owned(),
            android_version: p.android_version.to_owned(),
            screen: p.can_capture.then_some((size.width, size.height)),
            capabilities: p.capabilities,
            locale: Some(p.locale.to_owned()),
        }
    }

    fn capabilities(&self) -> CapabilitySet {
        self.state.profile.capabilities
    }

    fn language(&self) -> Language {
        self.state.loc.language()
    }

    fn frame_size(&self) -> FrameSize {
        let (w, h) = self.state.frame_dims();
        FrameSize::new(w, h)
    }

    fn rotation(&self) -> Rotation {
        self.state.rotation
    }

    fn tick(&mut self, now: Duration) {
        if let Some(mut script) = self.script.take() {
            script.step(self, now);
            self.script = Some(script);
        }
        self.advance(now, true);
    }

    fn next_tick(&self) -> Option<Duration> {
        let s = &self.state;
        let now = s.now;
        let flinging = s.recents_scroll.is_flinging()
            || s.tasks
                .iter()
                .flat_map(|t| &t.stack)
                .any(|p| p.scroll.is_flinging());
        [
            self.recognizer.deadline(),
            flinging.then_some(now + ANIMATION_FRAME),
            s.volume_until,
            s.toast.as_ref().map(|(_, until)| *until),
            Some(self.next_bucket_at(now)),
            self.script.as_ref().map(activity::Script::deadline),
        ]
        .into_iter()
        .flatten()
        .min()
    }

    fn screen_changed(&self) -> bool {
        self.state.dirty
            || self.frame.as_ref().is_none_or(|f| {
                let (w, h) = self.state.frame_dims();
                f.width() != w || f.height() != h
            })
    }

    fn capture(&mut self, now: Duration) -> Option<&RgbaImage> {
        if !self.state.profile.can_capture {
            return None;
        }
        self.screen(now)
    }

    fn inject(&mut self, event: &InputEvent, now: Duration) -> Result<(), InputError> {
        // Timers wait: the event's own timestamp decides whether a hold was long.
        self.advance(now, false);
        // The phone's clock never runs backwards: a stale `now` counts as the current time.
        let now = self.state.now;
        InputError::check(event, self.frame_size())?;
        match event {
            InputEvent::Key(key) => {
                keys::on_key(&mut self.state, *key);
                if !self.state.screen_on {
                    self.cancel_touch();
                }
            }
            _ if !self.state.screen_on => {}
            InputEvent::Touch(touch) => {
                self.recognizer.touch(touch, now, &mut self.gestures);
                self.run_gestures(now);
            }
            InputEvent::Text { text } => self.type_text(text),
            InputEvent::Scroll(wheel) => self.state.on_wheel(wheel.dy, now),
        }
        Ok(())
    }

    fn diagnostics(&mut self, now: Duration) -> DeviceDiagnostics {
        self.advance(now, true);
        self.state
            .log
            .agent(now, Level::Info, "device information read".into());
        diagnostics::report(&self.state, now)
    }

    fn logs(&mut self, now: Duration) -> Vec<LogFile> {
        self.advance(now, true);
        self.state.log.agent(
            now,
            Level::Info,
            format!("log files read (logcat {} bytes)", self.state.log.size()),
        );
        self.state.log.files(now)
    }

    fn set_sharing_indicator(&mut self, on: bool) {
        if self.state.sharing != on {
            self.state.sharing = on;
            self.state.dirty = true;
            let now = self.state.now;
            self.state.log.agent(
                now,
                Level::Info,
                format!("screen sharing indicator {}", if on { "on" } else { "off" }),
            );
            self.state.log.event(
                now,
                state::PID_SYSTEM_SERVER,
                state::PID_SYSTEM_SERVER + 71,
                Level::Info,
                "MediaProjectionManagerService",
                format!(
                    "{} projection for app.lifeline.agent",
                    if on { "Starting" } else { "Stopping" }
                ),
            );
        }
    }

    fn show_prompt(&mut self, prompt: ConsentPrompt) {
        let now = self.state.now;
        self.state.log.agent(
            now,
            Level::Info,
            format!(
                "asking the customer: {}",
                prompt.title(Localizer::default())
            ),
        );
        self.state.technician = Some(prompt.requester.clone());
        self.state.label_support();
        self.state.prompts.push_back(prompt);
        self.cancel_touch();
        self.state.dirty = true;
    }

    fn dismiss_prompts(&mut self) {
        if !self.state.prompts.is_empty() {
            self.state.prompts.clear();
            self.state.dirty = true;
        }
    }

    fn take_prompt_answer(&mut self) -> Option<PromptAnswer> {
        self.state.answers.pop_front()
    }

    fn show_chat(&mut self, from: &str, text: &str, now: Duration) {
        self.advance(now, true);
        let time = self.state.clock.hm(now);
        self.state.support.receive(text, time.clone());
        self.state.technician = Some(from.to_owned());
        self.state.chatting = true;
        self.state.label_support();
        if self.state.foreground_app() != Some(AppId::Lifeline) {
            self.state.notifications.push(Notification {
                app: AppId::Lifeline,
                title: from.to_owned(),
                text: text.to_owned(),
                time,
            });
        }
        self.state.log.agent(
            now,
            Level::Info,
            format!("chat message from {from} ({} chars)", text.chars().count()),
        );
        self.state.dirty = true;
    }

    fn take_chat_reply(&mut self) -> Option<String> {
        self.state.outbox.pop_front()
    }

    fn show_notice(&mut self, text: &str, now: Duration) {
        self.advance(now, true);
        self.state.show_toast(text);
        self.state
            .log
            .agent(now, Level::Info, format!("notice shown: {text}"));
    }

    fn take_customer_action(&mut self) -> Option<CustomerAction> {
        self.state.customer_actions.pop_front()
    }
}
