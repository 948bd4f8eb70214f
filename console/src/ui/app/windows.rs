//! What the app lays out: the header, the codes, the sessions and their wrap-up, sign-in
//! and settings; and what the technician's actions there turn into.

use std::path::PathBuf;
use std::time::Instant;

use lifeline_protocol::i18n::Localizer;
use lifeline_protocol::{SessionCode, tr};

use super::ConsoleApp;
use crate::net::Command;
use crate::net::files::session_folder;
use crate::settings::Theme;
use crate::state::ServerStatus;
use crate::state::invite;
use crate::ui::codes::{CodeAction, code_management_ui};
use crate::ui::header::{HeaderAction, View, header_ui};
use crate::ui::login::{LoginAction, login_ui};
use crate::ui::review::{ReviewAction, review_ui, wrapup_ui};
use crate::ui::session::{SessionAction, SessionUi, session_ui};
use crate::ui::settings::settings_ui;
use crate::viewer::Viewer;

impl ConsoleApp {
    pub(super) fn header(&mut self, ui: &mut egui::Ui) {
        let actions = egui::Panel::top("header")
            .show(ui, |ui| {
                header_ui(ui, &self.state, self.view, self.settings.theme)
            })
            .inner;
        for action in actions {
            match action {
                HeaderAction::Show(view) => {
                    if view == View::Admin && self.view != View::Admin {
                        self.admin_form.drafts.clear();
                        self.send(Command::LoadAdmin);
                    }
                    self.view = view;
                }
                HeaderAction::Close(code) => self.close_session(code),
                HeaderAction::ToggleTheme => {
                    self.settings.theme = match self.settings.theme {
                        Theme::Dark => Theme::Light,
                        Theme::Light => Theme::Dark,
                    };
                }
                HeaderAction::Settings => self.settings_form.open(&self.settings),
                HeaderAction::SignOut => self.send(Command::SignOut),
            }
        }
    }

    pub(super) fn close_session(&mut self, code: SessionCode) {
        self.state.close_session(code);
        if self.state.session(code).is_none() {
            self.session_uis.remove(&code);
            if self.view == View::Session(code) {
                self.view = View::Codes;
            }
        }
    }

    pub(super) fn codes(&mut self, ui: &mut egui::Ui) {
        let now = self.now();
        let actions = code_management_ui(ui, &self.state, &mut self.code_form, now);
        for action in actions {
            match action {
                CodeAction::Create { identifier, portal } => {
                    self.send(Command::CreateCode { identifier, portal });
                }
                CodeAction::Cancel(code) => self.send(Command::CancelCode(code)),
                CodeAction::CopyUrl(url) => {
                    let notice = tr!(self.localizer(), "notice-copied-url");
                    self.copy(ui.ctx(), url, notice);
                }
                CodeAction::Email(entry) => {
                    let link = invite::mailto(&entry, self.localizer());
                    self.open(&link, false);
                }
                CodeAction::Accept(id) => self.send(Command::AcceptRequest(id)),
                CodeAction::Open(code) => self.view = View::Session(code),
                CodeAction::Refresh => self.send(Command::Refresh),
            }
        }
    }

    pub(super) fn session(&mut self, ui: &mut egui::Ui, code: SessionCode) {
        let downloads = self.downloads();
        let folder = session_folder(&downloads, code);
        let now = self.now();
        let Some(session) = self.state.session_mut(code) else {
            self.view = View::Codes;
            return;
        };
        let sui = self.session_uis.entry(code).or_insert_with(|| {
            SessionUi::new(
                Viewer::new(self.render_state.clone(), self.settings.zoom),
                self.settings.max_fps,
            )
        });
        let actions = session_ui(ui, session, sui, &folder, now, Instant::now());
        for action in actions {
            match action {
                SessionAction::Command(command) => {
                    if let Err(err) = self.commands.session(code, command) {
                        let text = err.problem().text(self.localizer());
                        self.state.notify(text, true, Instant::now());
                    }
                }
                SessionAction::Screenshot => {
                    let snapshot = self.state.session(code).and_then(|s| s.screen.snapshot());
                    if let Some(image) = snapshot {
                        let (width, height) = (image.width(), image.height());
                        self.send(Command::SaveScreenshot {
                            code,
                            width,
                            height,
                            rgba: image.into_raw(),
                        });
                    }
                }
                SessionAction::ExportDiagnostics(json) => {
                    self.send(Command::ExportDiagnostics { code, json });
                }
                SessionAction::Copy(text) => {
                    let notice = tr!(self.localizer(), "notice-copied-report");
                    self.copy(ui.ctx(), text, notice);
                }
                SessionAction::OpenFolder(path) => {
                    if let Err(err) = std::fs::create_dir_all(&path) {
                        let text = tr!(
                            self.localizer(),
                            "notice-folder-failed",
                            path = path.display().to_string(),
                            reason = err.to_string()
                        );
                        self.state.notify(text, true, Instant::now());
                    } else {
                        self.open(&path.display().to_string(), true);
                    }
                }
                SessionAction::Close => self.close_session(code),
                SessionAction::Zoom(zoom) => self.settings.zoom = zoom,
                SessionAction::MaxFps(fps) => self.settings.max_fps = fps,
            }
        }
    }

    /// The Sessions window (records and the review player).
    pub(super) fn sessions(&mut self, ui: &mut egui::Ui) {
        let downloads = self.downloads();
        for action in review_ui(ui, &mut self.review, Instant::now()) {
            self.review_action(action, &downloads);
        }
    }

    /// The wrap-up form under an ended session.
    pub(super) fn wrapup(&mut self, ui: &mut egui::Ui, code: SessionCode) {
        let Some(session) = self.state.session(code) else {
            return;
        };
        let (Some(session_id), true) = (session.session_id, session.is_ended()) else {
            return;
        };
        let form = self.review.wrapups.entry(session_id).or_default();
        if let Some(request) = egui::Panel::bottom("wrapup")
            .show(ui, |ui| wrapup_ui(ui, session_id, form))
            .inner
        {
            let downloads = self.downloads();
            self.review_action(ReviewAction::Request(request), &downloads);
        }
    }

    pub(super) fn review_action(&mut self, action: ReviewAction, downloads: &std::path::Path) {
        let loc = self.localizer();
        let saved = match action {
            ReviewAction::Request(request) => {
                self.send(Command::Review(request, self.review.mailbox.clone()));
                return;
            }
            ReviewAction::SaveText { name, text } => {
                save_file(downloads, &name, text.as_bytes(), loc)
            }
            ReviewAction::SavePng { name, bytes } => save_file(downloads, &name, &bytes, loc),
        };
        let (text, bad) = match saved {
            Ok(path) => (
                tr!(loc, "event-saved", path = path.display().to_string()),
                false,
            ),
            Err(reason) => (reason, true),
        };
        self.state.notify(text, bad, Instant::now());
    }

    pub(super) fn login(&mut self, ui: &mut egui::Ui) {
        let Some(action) = login_ui(ui, &self.state, &mut self.login_form) else {
            return;
        };
        match action {
            LoginAction::SignIn {
                server,
                fingerprint,
                name,
                password,
            } => {
                let fingerprint = (!fingerprint.is_empty()).then_some(fingerprint);
                let changed = self.settings.server.as_deref() != Some(server.as_str())
                    || self.settings.fingerprint != fingerprint
                    || self.net.is_none();
                self.settings.server = Some(server);
                self.settings.fingerprint = fingerprint;
                self.settings.user_name = name.clone();
                if changed {
                    self.connect(ui.ctx());
                }
                if self.net.is_some() {
                    self.state.status = ServerStatus::SigningIn;
                    self.state.sign_in_error = None;
                    self.send(Command::SignIn { name, password });
                }
            }
            LoginAction::UseLocal => {
                self.settings.server = None;
                self.settings.fingerprint = None;
                self.connect(ui.ctx());
            }
        }
    }

    pub(super) fn settings_window(&mut self, ctx: &egui::Context) {
        if !self.settings_form.open {
            return;
        }
        if settings_ui(ctx, &mut self.settings_form, self.system_language) {
            let new = self.settings_form.to_settings(&self.settings);
            let reconnect = new.server != self.settings.server
                || new.fingerprint != self.settings.fingerprint
                || new.downloads != self.settings.downloads;
            self.settings = new;
            if reconnect {
                self.login_form.server = self.settings.server.clone().unwrap_or_default();
                self.login_form.fingerprint = self.settings.fingerprint.clone().unwrap_or_default();
                self.launch.local = false;
                self.launch.demo = false;
                self.connect(ctx);
            }
        }
    }
}

/// Writes `bytes` to a new file `name` in `dir`; errors in the language of `loc`.
fn save_file(
    dir: &std::path::Path,
    name: &str,
    bytes: &[u8],
    loc: Localizer,
) -> Result<PathBuf, String> {
    std::fs::create_dir_all(dir).map_err(|e| {
        tr!(
            loc,
            "notice-folder-failed",
            path = dir.display().to_string(),
            reason = e.to_string()
        )
    })?;
    let path = crate::net::files::unique_path(dir, name);
    std::fs::write(&path, bytes).map_err(|e| {
        tr!(
            loc,
            "notice-file-not-written",
            path = path.display().to_string(),
            reason = e.to_string()
        )
    })?;
    Ok(path)
}
