//! The apps installed on the simulated phone, and each app's screens.

pub(crate) mod conversation;
pub(crate) mod launcher;
mod lifeline;
pub(crate) mod list;
pub(crate) mod placeholder;
pub(crate) mod recents;
pub(crate) mod settings;
pub(crate) mod shade;

use crate::sim::profile::Profile;
use crate::sim::render::color::{Color, rgb};
use crate::sim::render::icons::Icon;

/// An app on the launcher.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AppId {
    /// Settings: a long list and detail pages.
    Settings,
    /// Messages: a conversation with a text field.
    Messages,
    /// Phone (dialer).
    Phone,
    /// Camera.
    Camera,
    /// Chrome.
    Chrome,
    /// Gallery / Photos.
    Gallery,
    /// Clock.
    Clock,
    /// Calculator.
    Calculator,
    /// Play Store.
    PlayStore,
    /// Lifeline, the support app itself: the chat with the technician.
    Lifeline,
}

impl AppId {
    /// Every app, in launcher order.
    pub const ALL: [AppId; 10] = [
        AppId::Phone,
        AppId::Messages,
        AppId::Chrome,
        AppId::Camera,
        AppId::Gallery,
        AppId::Clock,
        AppId::Calculator,
        AppId::PlayStore,
        AppId::Settings,
        AppId::Lifeline,
    ];

    /// The label under its icon.
    pub fn label(self) -> &'static str {
        match self {
            Self::Settings => "Settings",
            Self::Messages => "Messages",
            Self::Phone => "Phone",
            Self::Camera => "Camera",
            Self::Chrome => "Chrome",
            Self::Gallery => "Gallery",
            Self::Clock => "Clock",
            Self::Calculator => "Calculator",
            Self::PlayStore => "Play Store",
            Self::Lifeline => "Lifeline",
        }
    }

    /// Package name on `profile`'s phone.
    pub fn package(self, profile: &Profile) -> &'static str {
        match self {
            Self::Settings => "com.android.settings",
            Self::Messages => profile.messages_package,
            Self::Phone => "com.android.dialer",
            Self::Camera => "com.android.camera2",
            Self::Chrome => "com.android.chrome",
            Self::Gallery => "com.google.android.apps.photos",
            Self::Clock => "com.google.android.deskclock",
            Self::Calculator => "com.google.android.calculator",
            Self::PlayStore => "com.android.vending",
            Self::Lifeline => "app.lifeline.agent",
        }
    }

    /// Version name reported in diagnostics.
    pub fn version(self, profile: &Profile) -> String {
        match self {
            Self::Settings => profile.android_version.to_owned(),
            Self::Messages => "20261104_02_RC00".to_owned(),
            Self::Phone => "126.0.701445519".to_owned(),
            Self::Camera => "9.3.160.621982096".to_owned(),
            Self::Chrome => "131.0.6778.81".to_owned(),
            Self::Gallery => "7.6.0.692310431".to_owned(),
            Self::Clock => "7.9 (6433241)".to_owned(),
            Self::Calculator => "8.6 (634190547)".to_owned(),
            Self::PlayStore => "43.4.19-31".to_owned(),
            Self::Lifeline => env!("CARGO_PKG_VERSION").to_owned(),
        }
    }

    /// Main activity, for log lines.
    pub(crate) fn activity(self) -> &'static str {
        match self {
            Self::Settings => ".Settings",
            Self::Messages => ".ui.ConversationListActivity",
            Self::Phone => ".main.impl.MainActivity",
            Self::Camera => "com.android.camera.CameraLauncher",
            Self::Chrome => "com.google.android.apps.chrome.Main",
            Self::Gallery => ".home.HomeActivity",
            Self::Clock => "com.android.deskclock.DeskClock",
            Self::Calculator => "com.android.calculator2.Calculator",
            Self::PlayStore => "com.google.android.finsky.activities.MainActivity",
            Self::Lifeline => ".ChatActivity",
        }
    }

    pub(crate) fn icon(self) -> Icon {
        match self {
            Self::Settings => Icon::Gear,
            Self::Messages => Icon::Bubble,
            Self::Phone => Icon::Phone,
            Self::Camera => Icon::Camera,
            Self::Chrome => Icon::Globe,
            Self::Gallery => Icon::Gallery,
            Self::Clock => Icon::Clock,
            Self::Calculator => Icon::Calculator,
            Self::PlayStore => Icon::Play,
            Self::Lifeline => Icon::Heart,
        }
    }

    /// Icon background.
    pub(crate) fn color(self) -> Color {
        match self {
            Self::Settings => rgb(0x5F, 0x6B, 0x7A),
            Self::Messages => rgb(0x1A, 0x73, 0xE8),
            Self::Phone => rgb(0x1E, 0x8E, 0x3E),
            Self::Camera => rgb(0x37, 0x47, 0x4F),
            Self::Chrome => rgb(0xF2, 0x99, 0x00),
            Self::Gallery => rgb(0xE3, 0x4C, 0x7E),
            Self::Clock => rgb(0x3F, 0x51, 0xB5),
            Self::Calculator => rgb(0xEF, 0x6C, 0x00),
            Self::PlayStore => rgb(0x01, 0x87, 0x5F),
            Self::Lifeline => rgb(0xD9, 0x30, 0x25),
        }
    }

    /// Resident memory of its process, for diagnostics.
    pub(crate) fn rss_bytes(self) -> u64 {
        let mib = match self {
            Self::Settings => 148,
            Self::Messages => 162,
            Self::Phone => 121,
            Self::Camera => 236,
            Self::Chrome => 412,
            Self::Gallery => 203,
            Self::Clock => 88,
            Self::Calculator => 74,
            Self::PlayStore => 287,
            Self::Lifeline => 96,
        };
        mib << 20
    }
}
