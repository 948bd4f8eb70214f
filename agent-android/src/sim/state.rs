//! The simulated phone's model: apps and their back stacks, overlays, switches, chats,
//! consent prompts. Input changes it, rendering reads it; it never draws.

use std::collections::{BTreeMap, VecDeque};
use std::time::Duration;

use lifeline_protocol::i18n::{Language, Localizer};
use lifeline_protocol::messages::video::Rotation;

use super::apps::AppId;
use super::apps::conversation::Conversation;
use super::clock::{UPTIME_AT_START, WallClock};
use super::geom::Metrics;
use super::logs::{Level, LogBook};
use super::profile::Profile;
use super::render::color::{Theme, rgb};
use super::scroller::Scroller;
use super::toggles::Toggles;
use super::ui::{ChatMessage, Page, SettingsPage};
use crate::device::{ConsentPrompt, CustomerAction, PromptAnswer};

/// Loudest volume step.
pub const MAX_VOLUME: u8 = 15;
/// How long the volume overlay stays after the last volume key.
pub(crate) const VOLUME_OVERLAY: Duration = Duration::from_secs(3);
/// How long a toast stays.
pub(crate) const TOAST: Duration = Duration::from_millis(3500);
/// Battery falls by one percent every this long.
const BATTERY_STEP: Duration = Duration::from_secs(300);

/// One page in an app's back stack, with its own scroll position.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PageState {
    pub(crate) page: Page,
    pub(crate) scroll: Scroller,
}

impl PageState {
    pub(crate) fn new(page: Page) -> Self {
        Self {
            page,
            scroll: Scroller::default(),
        }
    }
}

/// An app's task: its back stack, bottom first (never empty).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Task {
    pub(crate) app: AppId,
    pub(crate) stack: Vec<PageState>,
}

impl Task {
    pub(crate) fn top(&self) -> Option<&PageState> {
        self.stack.last()
    }
}

/// What fills the screen under the overlays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum View {
    Launcher,
    /// The foreground task, `tasks[0]`.
    App,
    Recents,
}

/// An entry in the long-press shortcut popup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shortcut {
    Settings(SettingsPage),
    NewMessage,
    AppInfo,
}

impl Shortcut {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Self::Settings(SettingsPage::Wifi) => "Wi-Fi",
            Self::Settings(SettingsPage::Battery) => "Battery",
            Self::Settings(SettingsPage::Storage) => "Storage",
            Self::Settings(_) => "Settings",
            Self::NewMessage => "New conversation",
            Self::AppInfo => "App info",
        }
    }
}

/// The shortcut popup of a launcher icon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Popup {
    pub(crate) app: AppId,
    pub(crate) items: Vec<Shortcut>,
}

/// The notification shade: how far it is pulled, and whether it settled open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Shade {
    /// Pixels from the top to the panel's lower edge; 0 = closed.
    pub(crate) pull: i32,
    pub(crate) open: bool,
    /// Pull when the current drag began.
    pub(crate) drag_origin: i32,
}

/// A notification in the shade.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Notification {
    pub(crate) app: AppId,
    pub(crate) title: String,
    pub(crate) text: String,
    pub(crate) time: String,
}

/// Fixed process IDs of the system, and where app PIDs start.
pub(crate) const PID_SYSTEM_SERVER: u32 = 1523;
pub(crate) const PID_SYSTEMUI: u32 = 2187;
pub(crate) const PID_LAUNCHER: u32 = 2890;
pub(crate) const PID_AGENT: u32 = 3342;
const FIRST_APP_PID: u32 = 4127;

/// The whole model.
#[derive(Debug, Clone)]
pub(crate) struct PhoneState {
    pub(crate) profile: &'static Profile,
    pub(crate) clock: WallClock,
    pub(crate) theme: Theme,
    /// Phone time of the last event or tick.
    pub(crate) now: Duration,
    pub(crate) rotation: Rotation,
    pub(crate) screen_on: bool,
    pub(crate) view: View,
    /// Recent tasks, most recent first; `tasks[0]` is in front when `view` is `App`.
    pub(crate) tasks: Vec<Task>,
    pub(crate) recents_scroll: Scroller,
    pub(crate) toggles: Toggles,
    pub(crate) popup: Option<Popup>,
    pub(crate) shade: Shade,
    /// The app whose conversation text field has focus.
    pub(crate) focus: Option<AppId>,
    pub(crate) messages: Conversation,
    pub(crate) support: Conversation,
    /// What the customer typed in the Lifeline chat, for the agent.
    pub(crate) outbox: VecDeque<String>,
    /// Consent prompts; the first one is on screen.
    pub(crate) prompts: VecDeque<ConsentPrompt>,
    /// The language the phone shows Lifeline's words in (its locale, or `--lang`).
    pub(crate) loc: Localizer,
    pub(crate) answers: VecDeque<PromptAnswer>,
    pub(crate) customer_actions: VecDeque<CustomerAction>,
    pub(crate) sharing: bool,
    /// Who the customer is talking to (from the last consent prompt or chat message), once
    /// known.
    pub(crate) technician: Option<String>,
    /// Whether the technician has written in the Lifeline chat (its status line says so).
    pub(crate) chatting: bool,
    pub(crate) volume: u8,
    pub(crate) volume_until: Option<Duration>,
    pub(crate) toast: Option<(String, Duration)>,
    pub(crate) notifications: Vec<Notification>,
    pub(crate) pids: BTreeMap<AppId, u32>,
    pub(crate) next_pid: u32,
    pub(crate) log: LogBook,
    /// What the finger that is down touches.
    pub(crate) touch: Option<super::input::TouchTarget>,
    /// Something visible changed since the last render.
    pub(crate) dirty: bool,
}

impl PhoneState {
    pub(crate) fn new(profile: &'static Profile) -> Self {
        let clock = WallClock::new(profile.clock_24h);
        let [r, g, b] = profile.accent;
        let (top, bottom) = profile.wallpaper;
        let theme = Theme::with_accent(
            rgb(r, g, b),
            (
                rgb(top[0], top[1], top[2]),
                rgb(bottom[0], bottom[1], bottom[2]),
            ),
        );
        let earlier = |mins: u64| {
            let c = clock.civil_at_ms(-(mins as i64) * 60_000);
            format!("{:02}:{:02}", c.hour, c.minute)
        };
        let messages = Conversation::new(
            "Mum",
            "Mobile",
            vec![
                ChatMessage {
                    outgoing: false,
                    text: "Hi love, is your phone working again?".into(),
                    time: earlier(52),
                },
                ChatMessage {
                    outgoing: true,
                    text: "Not yet. Someone from support is going to look at it this morning"
                        .into(),
                    time: earlier(47),
                },
                ChatMessage {
                    outgoing: false,
                    text: "OK, call me when it's fixed. Dad says hello".into(),
                    time: earlier(45),
                },
            ],
        );
        let support = Conversation::default();
        let mut state = Self {
            profile,
            clock,
            theme,
            now: Duration::ZERO,
            rotation: Rotation::Deg0,
            screen_on: true,
            view: View::Launcher,
            tasks: Vec::new(),
            recents_scroll: Scroller::default(),
            toggles: Toggles {
                wifi: true,
                bluetooth: false,
                flashlight: false,
                dnd: false,
                airplane: false,
                auto_rotate: true,
                location: true,
                battery_saver: false,
                other: BTreeMap::new(),
            },
            popup: None,
            shade: Shade::default(),
            focus: None,
            messages,
            support,
            outbox: VecDeque::new(),
            prompts: VecDeque::new(),
            loc: Localizer::new(Language::from_tag(profile.locale).unwrap_or(Language::FALLBACK)),
            answers: VecDeque::new(),
            customer_actions: VecDeque::new(),
            sharing: false,
            technician: None,
            chatting: false,
            volume: 8,
            volume_until: None,
            toast: None,
            notifications: vec![Notification {
                app: AppId::Messages,
                title: "Mum".into(),
                text: "OK, call me when it's fixed. Dad says hello".into(),
                time: earlier(45),
            }],
            pids: BTreeMap::new(),
            next_pid: FIRST_APP_PID,
            log: LogBook::new(profile, clock),
            touch: None,
            dirty: true,
        };
        state.pids.insert(AppId::Lifeline, PID_AGENT);
        state.label_support();
        state
    }

    /// Screen geometry for the current rotation.
    pub(crate) fn metrics(&self) -> Metrics {
        let (w, h) = self.frame_dims();
        Metrics::new(w, h, self.profile.density_dpi)
    }

    /// Frame width and height after rotation.
    pub(crate) fn frame_dims(&self) -> (u32, u32) {
        let (w, h) = (self.profile.width, self.profile.height);
        match self.rotation {
            Rotation::Deg0 | Rotation::Deg180 => (w, h),
            Rotation::Deg90 | Rotation::Deg270 => (h, w),
        }
    }

    pub(crate) fn foreground(&self) -> Option<&Task> {
        match self.view {
            View::App => self.tasks.first(),
            View::Launcher | View::Recents => None,
        }
    }

    pub(crate) fn foreground_app(&self) -> Option<AppId> {
        self.foreground().map(|t| t.app)
    }

    /// The page on screen, when an app is in front.
    pub(crate) fn current_page(&self) -> Option<&PageState> {
        self.foreground().and_then(Task::top)
    }

    pub(crate) fn current_page_mut(&mut self) -> Option<&mut PageState> {
        match self.view {
            View::App => self.tasks.first_mut().and_then(|t| t.stack.last_mut()),
            View::Launcher | View::Recents => None,
        }
    }

    /// The Settings list's scroller (the root page of the Settings task), if Settings ran.
    pub(crate) fn settings_scroll(&self) -> i32 {
        self.tasks
            .iter()
            .find(|t| t.app == AppId::Settings)
            .and_then(|t| t.stack.first())
            .map_or(0, |p| p.scroll.offset())
    }

    pub(crate) fn conversation(&self, app: AppId) -> Option<&Conversation> {
        match app {
            AppId::Messages => Some(&self.messages),
            AppId::Lifeline => Some(&self.support),
            _ => None,
        }
    }

    pub(crate) fn conversation_mut(&mut self, app: AppId) -> Option<&mut Conversation> {
        match app {
            AppId::Messages => Some(&mut self.messages),
            AppId::Lifeline => Some(&mut self.support),
            _ => None,
        }
    }

    pub(crate) fn battery_percent(&self, now: Duration) -> u8 {
        let drained = now.as_secs() / BATTERY_STEP.as_secs();
        let start = u64::from(self.profile.battery_start_percent);
        start.saturating_sub(drained).max(1) as u8
    }

    pub(crate) fn uptime(&self, now: Duration) -> Duration {
        UPTIME_AT_START + now
    }

    pub(crate) fn pid_of(&self, app: AppId) -> Option<u32> {
        self.pids.get(&app).copied()
    }

    /// Closes the popup and the shade, and drops text focus.
    pub(crate) fn close_transients(&mut self) {
        self.popup = None;
        self.shade = Shade::default();
        self.focus = None;
    }

    pub(crate) fn show_toast(&mut self, text: &str) {
        self.toast = Some((text.to_owned(), self.now + TOAST));
        self.dirty = true;
    }

    /// The consent prompt answered: record it, take the dialog down.
    pub(crate) fn answer_prompt(&mut self, allowed: bool) {
        if let Some(prompt) = self.prompts.pop_front() {
            self.answers.push_back(PromptAnswer {
                capability: prompt.capability,
                allowed,
            });
            self.log.agent(
                self.now,
                Level::Info,
                format!(
                    "customer {} {}",
                    if allowed { "allowed" } else { "denied" },
                    prompt.capability
                ),
            );
            self.dirty = true;
        }
    }

    /// Sends the draft of `app`'s conversation.
    pub(crate) fn send_draft(&mut self, app: AppId) {
        let time = self.clock.hm(self.now);
        let Some(text) = self.conversation_mut(app).and_then(|c| c.send(time)) else {
            return;
        };
        let pid = self.pid_of(app).unwrap_or(PID_AGENT);
        if app == AppId::Lifeline {
            self.log.agent(
                self.now,
                Level::Info,
                format!(
                    "customer sent a chat message ({} chars)",
                    text.chars().count()
                ),
            );
            self.outbox.push_back(text);
        } else {
            self.log.event(
                self.now,
                pid,
                pid,
                Level::Info,
                "Bugle",
                format!(
                    "Sending message to conversation 17 ({} chars)",
                    text.chars().count()
                ),
            );
        }
        self.dirty = true;
    }

    /// Volume up or down by one step; shows the overlay.
    pub(crate) fn change_volume(&mut self, up: bool) {
        self.volume = if up {
            (self.volume + 1).min(MAX_VOLUME)
        } else {
            self.volume.saturating_sub(1)
        };
        self.volume_until = Some(self.now + VOLUME_OVERLAY);
        self.log.event(
            self.now,
            PID_SYSTEM_SERVER,
            PID_SYSTEM_SERVER + 8,
            Level::Debug,
            "AudioService",
            format!(
                "adjustStreamVolume(stream=3, dir={}) -> {}",
                if up { 1 } else { -1 },
                self.volume
            ),
        );
        self.dirty = true;
    }

    pub(crate) fn set_power(&mut self, on: bool) {
        if self.screen_on == on {
            return;
        }
        self.screen_on = on;
        if !on {
            self.close_transients();
            self.volume_until = None;
        }
        let msg = if on {
            "Waking up from Asleep (uid=1000, reason=WAKE_REASON_POWER_BUTTON, details=android.policy:POWER)"
        } else {
            "Going to sleep due to power_button (uid 1000)..."
        };
        self.log.event(
            self.now,
            PID_SYSTEM_SERVER,
            PID_SYSTEM_SERVER + 5,
            Level::Info,
            "PowerManagerService",
            msg.to_owned(),
        );
        self.dirty = true;
    }
}
