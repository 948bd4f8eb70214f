//! What a test (or the desktop window) can ask the simulated phone about its screen:
//! a snapshot of the UI state, and the names of the things that can be tapped.

use lifeline_protocol::consent::Capability;
use lifeline_protocol::messages::input::Key;
use lifeline_protocol::messages::video::Rotation;

use super::apps::AppId;

/// The screen under any overlay (shade, dialog, popup).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// The home screen.
    Launcher,
    /// The overview of recent apps.
    Recents,
    /// An app, on one of its pages.
    App {
        /// Which app.
        app: AppId,
        /// Which page of it.
        page: Page,
    },
}

/// A page inside an app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page {
    /// The app's first screen (the Settings list, the Messages conversation, …).
    Main,
    /// A Settings detail page.
    Settings(SettingsPage),
}

/// A Settings detail page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SettingsPage {
    /// Wi-Fi: switch, current network, other networks.
    Wifi,
    /// Bluetooth: switch.
    Bluetooth,
    /// Battery: level, state, health, temperature.
    Battery,
    /// Storage: used and free space by category.
    Storage,
    /// Apps: installed apps and their versions.
    Apps,
    /// About phone: model, Android version, build, addresses.
    About,
    /// Any other row of the list, by its index in the list.
    Other(u8),
}

/// A setting that can be switched on the phone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Setting {
    /// Wi-Fi.
    Wifi,
    /// Bluetooth.
    Bluetooth,
    /// Flashlight.
    Flashlight,
    /// Do not disturb.
    DoNotDisturb,
    /// Airplane mode (turns Wi-Fi and mobile data off).
    Airplane,
    /// Auto-rotate.
    AutoRotate,
    /// Location.
    Location,
    /// Battery saver.
    BatterySaver,
    /// A switch on a generic Settings page: (row index of the page, switch index).
    Other(u8, u8),
}

/// Something on screen that can be tapped. [`SimPhone::locate`](super::SimPhone::locate)
/// says where it is, when it is visible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// An app icon on the home screen.
    AppIcon(AppId),
    /// An entry of the long-press shortcut popup, by position (0 = top).
    PopupItem(u8),
    /// A navigation-bar button: [`Key::Back`], [`Key::Home`] or [`Key::Recents`].
    Nav(Key),
    /// The back arrow in an app's top bar.
    AppBarBack,
    /// A row of the Settings list that opens this page.
    SettingsRow(SettingsPage),
    /// A switch on the current page.
    Switch(Setting),
    /// A quick-settings tile in the notification shade.
    QuickTile(Setting),
    /// The text field of the conversation on screen.
    TextField,
    /// The send button of the conversation on screen.
    SendButton,
    /// An app's card in Recents.
    RecentsCard(AppId),
    /// "Clear all" in Recents.
    ClearAll,
    /// "Stop sharing" on the screen-sharing notification in the shade.
    StopSharing,
    /// The consent dialog's allow button.
    DialogAllow,
    /// The consent dialog's deny button.
    DialogDeny,
}

/// One chat bubble.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatMessage {
    /// Sent from this phone (right-hand bubble) or received.
    pub outgoing: bool,
    /// The text.
    pub text: String,
    /// `hh:mm` when it was sent or received.
    pub time: String,
}

/// The phone's UI state at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct UiSnapshot {
    /// Whether the display is on (power key).
    pub screen_on: bool,
    /// The screen under any overlay.
    pub screen: Screen,
    /// Whether the notification shade is fully open.
    pub shade_open: bool,
    /// How far the shade is pulled down, in pixels (0 = closed).
    pub shade_pull: i32,
    /// The app whose long-press shortcut popup is showing.
    pub popup: Option<AppId>,
    /// The capability the consent dialog on screen asks for.
    pub dialog: Option<Capability>,
    /// Apps in Recents, most recent first.
    pub recents: Vec<AppId>,
    /// Scroll offset of the Settings list, pixels.
    pub settings_scroll: i32,
    /// Whether any list is still flinging.
    pub flinging: bool,
    /// Text of the focused field, if a field has focus.
    pub focused_text: Option<String>,
    /// The Messages app's conversation, oldest first.
    pub messages: Vec<ChatMessage>,
    /// The Lifeline app's chat with the technician, oldest first.
    pub support_chat: Vec<ChatMessage>,
    /// Orientation.
    pub rotation: Rotation,
    /// Media volume, 0..=[`MAX_VOLUME`](super::MAX_VOLUME).
    pub volume: u8,
    /// Whether the volume overlay is showing.
    pub volume_overlay: bool,
    /// Whether the "screen is being shared" chip is in the status bar.
    pub sharing_indicator: bool,
    /// Wi-Fi switch.
    pub wifi_on: bool,
    /// Battery charge shown in the status bar.
    pub battery_percent: u8,
    /// The toast on screen, if any.
    pub toast: Option<String>,
}
