//! The session window: toolbar, the phone's screen with softkeys and the status line, and
//! a side panel with chat, diagnostics and files. Chat-only sessions have no viewer. The
//! toolbar is in [`toolbar`].

use std::path::{Path, PathBuf};
use std::time::Instant;

use egui::RichText;
use lifeline_protocol::consent::Capability;
use lifeline_protocol::messages::UnixMillis;
use lifeline_protocol::messages::input::Key;
use lifeline_protocol::tr;

use super::chat::chat_ui;
use super::diagnostics::{DiagnosticsAction, diagnostics_ui};
use super::files::{FilesAction, files_ui};
use super::theme::{self, BAD, WARN};
use crate::net::SessionCommand;
use crate::state::consent::ConsentView;
use crate::state::{Phase, SessionState};
use crate::viewer::{GestureMapper, Viewer, Zoom};
use toolbar::toolbar_ui;

mod toolbar;

/// Frame rates offered in the quality menu.
pub const FPS_CHOICES: [u8; 5] = [5, 10, 15, 30, 60];

/// The side panel's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SideTab {
    /// Chat and events.
    #[default]
    Chat,
    /// Device information.
    Diagnostics,
    /// Log files.
    Files,
}

/// A session window's own UI state.
#[derive(Debug)]
pub struct SessionUi {
    /// The screen.
    pub viewer: Viewer,
    /// The side panel's tab.
    pub side: SideTab,
    /// The diagnostics filter.
    pub filter: String,
    /// The end-session confirmation is open.
    pub confirm_end: bool,
    /// Max frame rate asked of the phone.
    pub max_fps: u8,
}

impl SessionUi {
    /// A window with this viewer.
    pub fn new(viewer: Viewer, max_fps: u8) -> Self {
        Self {
            viewer,
            side: SideTab::Chat,
            filter: String::new(),
            confirm_end: false,
            max_fps,
        }
    }
}

/// What the technician did in the window, beyond session commands.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionAction {
    /// A command for the session.
    Command(SessionCommand),
    /// Save the current screen as PNG.
    Screenshot,
    /// Save the diagnostics report (JSON).
    ExportDiagnostics(String),
    /// Put text on the clipboard.
    Copy(String),
    /// Open a folder.
    OpenFolder(PathBuf),
    /// Close the (ended) session's tab.
    Close,
    /// The zoom changed (remembered in the settings).
    Zoom(Zoom),
    /// The max fps changed (remembered in the settings).
    MaxFps(u8),
}

/// The window.
pub fn session_ui(
    ui: &mut egui::Ui,
    session: &mut SessionState,
    sui: &mut SessionUi,
    folder: &Path,
    now: UnixMillis,
    instant: Instant,
) -> Vec<SessionAction> {
    let mut actions = Vec::new();
    let loc = super::lang::loc(ui.ctx());
    egui::Panel::top("session-toolbar")
        .resizable(false)
        .show(ui, |ui| {
            ui.add_space(4.0);
            title_ui(ui, session);
            ui.add_space(2.0);
            toolbar_ui(ui, session, sui, &mut actions);
            ui.add_space(4.0);
        });
    egui::Panel::right("session-side")
        .resizable(true)
        .default_size(360.0)
        .min_size(280.0)
        .show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                for (tab, label) in [
                    (SideTab::Chat, tr!(loc, "session-tab-chat")),
                    (SideTab::Diagnostics, tr!(loc, "session-tab-diagnostics")),
                    (SideTab::Files, tr!(loc, "session-tab-files")),
                ] {
                    ui.selectable_value(&mut sui.side, tab, label);
                }
            });
            ui.separator();
            match sui.side {
                SideTab::Chat => {
                    if chat_ui(ui, session) {
                        match session.compose_chat(now) {
                            Ok(message) => {
                                actions.push(SessionAction::Command(SessionCommand::Chat(message)))
                            }
                            Err(err) => tracing::debug!("chat not sent: {err}"),
                        }
                    }
                }
                SideTab::Diagnostics => {
                    for action in diagnostics_ui(ui, session, &mut sui.filter) {
                        actions.push(match action {
                            DiagnosticsAction::Request => {
                                SessionAction::Command(SessionCommand::Diagnostics)
                            }
                            DiagnosticsAction::Copy(text) => SessionAction::Copy(text),
                            DiagnosticsAction::Export(json) => {
                                SessionAction::ExportDiagnostics(json)
                            }
                        });
                    }
                }
                SideTab::Files => {
                    for action in files_ui(ui, session, folder) {
                        actions.push(match action {
                            FilesAction::Request => SessionAction::Command(SessionCommand::Logs),
                            FilesAction::OpenFolder(path) => SessionAction::OpenFolder(path),
                        });
                    }
                }
            }
        });
    egui::CentralPanel::default().show(ui, |ui| {
        if session.chat_only() {
            ui.centered_and_justified(|ui| {
                ui.label(RichText::new(tr!(loc, "session-chat-only")).weak());
            });
            return;
        }
        egui::Panel::bottom("session-softkeys")
            .resizable(false)
            .show(ui, |ui| {
                ui.add_space(4.0);
                softkeys_ui(ui, session, sui, instant, &mut actions);
                ui.add_space(2.0);
            });
        viewer_ui(ui, session, sui, &mut actions);
    });
    if sui.confirm_end {
        confirm_end_ui(ui, session, sui, &mut actions);
    }
    actions
}

fn title_ui(ui: &mut egui::Ui, session: &SessionState) {
    let loc = super::lang::loc(ui.ctx());
    ui.horizontal_wrapped(|ui| {
        ui.heading(session.title());
        if let Some(device) = &session.device {
            ui.label(
                RichText::new(tr!(
                    loc,
                    "session-device",
                    make = device.manufacturer.as_str(),
                    model = device.model.as_str(),
                    version = device.android_version.as_str()
                ))
                .weak(),
            );
        }
        ui.label(
            RichText::new(tr!(loc, "session-code", code = session.code.to_string()))
                .weak()
                .monospace(),
        );
        let (color, text) = match &session.phase {
            Phase::Connecting => (WARN, tr!(loc, "session-connecting")),
            Phase::Waiting => (WARN, tr!(loc, "session-waiting")),
            Phase::Active => (theme::GOOD, tr!(loc, "session-live")),
            Phase::Ended(reason) => (BAD, reason.clone()),
        };
        theme::status_dot(ui, color, text);
        if session.recorded {
            ui.label(
                RichText::new(tr!(loc, "session-recorded"))
                    .small()
                    .color(BAD),
            );
        }
    });
}

fn softkeys_ui(
    ui: &mut egui::Ui,
    session: &mut SessionState,
    sui: &mut SessionUi,
    instant: Instant,
    actions: &mut Vec<SessionAction>,
) {
    let control = session.can_control();
    let loc = super::lang::loc(ui.ctx());
    ui.horizontal(|ui| {
        for (key, label, hint) in [
            (
                Key::Back,
                tr!(loc, "session-back"),
                tr!(loc, "session-back-tip"),
            ),
            (
                Key::Home,
                tr!(loc, "session-home"),
                tr!(loc, "session-home-tip"),
            ),
            (
                Key::Recents,
                tr!(loc, "session-recents"),
                tr!(loc, "session-recents-tip"),
            ),
        ] {
            let response = ui
                .add_enabled(control, egui::Button::new(label))
                .on_hover_text(hint)
                .on_disabled_hover_text(tr!(loc, "session-control-first"));
            if response.clicked() {
                actions.push(SessionAction::Command(SessionCommand::Input(
                    GestureMapper::softkey(key),
                )));
            }
        }
        ui.separator();
        let before = sui.viewer.zoom;
        ui.selectable_value(
            &mut sui.viewer.zoom,
            Zoom::Fit,
            tr!(loc, "session-zoom-fit"),
        );
        ui.selectable_value(&mut sui.viewer.zoom, Zoom::Actual, "100 %");
        if sui.viewer.zoom != before {
            actions.push(SessionAction::Zoom(sui.viewer.zoom));
        }
        ui.separator();
        ui.label(
            RichText::new(session.video.summary(instant, loc))
                .monospace()
                .small(),
        );
    });
}

fn viewer_ui(
    ui: &mut egui::Ui,
    session: &mut SessionState,
    sui: &mut SessionUi,
    actions: &mut Vec<SessionAction>,
) {
    let loc = super::lang::loc(ui.ctx());
    let screen_view = session.consent.get(Capability::ScreenView);
    let overlay = if session.is_ended() {
        Some(tr!(loc, "session-over"))
    } else if session.sharing_paused {
        Some(tr!(loc, "session-customer-paused"))
    } else if session.view_paused {
        Some(tr!(loc, "session-view-paused"))
    } else if matches!(screen_view, ConsentView::Revoked | ConsentView::Denied)
        && session.screen.size().is_some()
    {
        Some(tr!(loc, "session-view-withdrawn"))
    } else {
        None
    };
    let placeholder = match screen_view {
        ConsentView::Granted { .. } => tr!(loc, "session-first-frame"),
        ConsentView::Asking => tr!(loc, "session-asking-screen"),
        ConsentView::Unsupported => tr!(loc, "session-no-screen"),
        ConsentView::Off => tr!(loc, "session-screen-off"),
        ConsentView::Denied => tr!(loc, "session-screen-declined"),
        ConsentView::Revoked => tr!(loc, "session-screen-stopped"),
        ConsentView::Refused(reason) => {
            tr!(loc, "session-screen-refused", reason = reason.as_str())
        }
        ConsentView::NotRequested => tr!(loc, "session-screen-hint"),
    };
    let control = session.can_control() && overlay.is_none();
    let input = sui.viewer.ui(
        ui,
        &session.screen,
        control,
        overlay.as_deref(),
        &placeholder,
    );
    actions.extend(
        input
            .into_iter()
            .map(|event| SessionAction::Command(SessionCommand::Input(event))),
    );
}

fn confirm_end_ui(
    ui: &mut egui::Ui,
    session: &SessionState,
    sui: &mut SessionUi,
    actions: &mut Vec<SessionAction>,
) {
    let modal =
        egui::Modal::new(egui::Id::unique(("end-session", session.code))).show(ui.ctx(), |ui| {
            let loc = super::lang::loc(ui.ctx());
            ui.set_width(320.0);
            ui.heading(tr!(loc, "session-end-title"));
            ui.add_space(6.0);
            ui.label(tr!(loc, "session-end-body", who = session.title()));
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                if ui
                    .add(
                        egui::Button::new(
                            RichText::new(tr!(loc, "session-end-now")).color(egui::Color32::WHITE),
                        )
                        .fill(BAD),
                    )
                    .clicked()
                {
                    actions.push(SessionAction::Command(SessionCommand::End));
                    sui.confirm_end = false;
                }
                if ui.button(tr!(loc, "session-keep-going")).clicked() {
                    sui.confirm_end = false;
                }
            });
        });
    if modal.should_close() {
        sui.confirm_end = false;
    }
}
