//! The eframe app: applies network events to the state, lays out the header, the current
//! window and the notices, and turns what the technician does into commands. It never
//! waits on the network. The windows themselves, and what their actions do, are in
//! [`windows`].

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use eframe::egui_wgpu;
use lifeline_protocol::i18n::{Language, Localizer};
use lifeline_protocol::messages::UnixMillis;
use lifeline_protocol::{CertFingerprint, SessionCode, tr};
use tokio::sync::mpsc;

use super::admin::{AdminForm, admin_ui};
use super::codes::CodeForm;
use super::header::View;
use super::login::LoginForm;
use super::notices::notices_ui;
use super::review::ReviewUi;
use super::session::SessionUi;
use super::settings::SettingsForm;
use super::theme;
use crate::net::{Command, CommandSender, EventReceiver, Net, NetConfig, ServerConfig};
use crate::settings::{Settings, Theme};
use crate::state::{ConsoleState, ServerMode, ServerStatus};

mod windows;

/// How the console was started (command line).
#[derive(Debug, Clone, Default)]
pub struct Launch {
    /// `--server`: a remote relay (saved in the settings).
    pub server: Option<String>,
    /// `--fingerprint`: its certificate fingerprint (saved in the settings).
    pub fingerprint: Option<String>,
    /// `--demo`: local relay plus a simulated phone.
    pub demo: bool,
    /// `--local`: run the relay locally this time, whatever the settings say.
    pub local: bool,
    /// `--data-dir`: the local relay's data directory.
    pub data_dir: Option<PathBuf>,
    /// `--agent`: the agent binary for `--demo`.
    pub agent: Option<PathBuf>,
    /// `--downloads`: where files are saved this time.
    pub downloads: Option<PathBuf>,
    /// `--demo-activity`: what the demo phone does by itself.
    pub demo_activity: Option<String>,
    /// `--max-fps`: the frame rate asked of phones this time (default: the settings').
    pub max_fps: Option<u8>,
}

/// The console.
pub struct ConsoleApp {
    /// Everything the console knows.
    pub state: ConsoleState,
    settings: Settings,
    launch: Launch,
    commands: CommandSender,
    events: Option<EventReceiver>,
    net: Option<Net>,
    render_state: Option<egui_wgpu::RenderState>,
    view: View,
    code_form: CodeForm,
    login_form: LoginForm,
    settings_form: SettingsForm,
    admin_form: AdminForm,
    session_uis: HashMap<SessionCode, SessionUi>,
    review: ReviewUi,
    seen_sessions: HashSet<SessionCode>,
    clipboard: Option<arboard::Clipboard>,
    theme_applied: Option<Theme>,
    /// The language the OS window's title was last set in.
    titled_in: Option<Localizer>,
    /// The system's language, read once at start.
    system_language: Language,
    /// A fixed "now" (UI tests); the wall clock when `None`.
    frozen_now: Option<UnixMillis>,
}

impl std::fmt::Debug for ConsoleApp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConsoleApp")
            .field("view", &self.view)
            .field("sessions", &self.state.sessions.len())
            .finish_non_exhaustive()
    }
}

/// Why the configured server cannot be used, in `loc`'s language.
fn server_config(
    settings: &Settings,
    launch: &Launch,
    loc: Localizer,
) -> Result<Option<ServerConfig>, String> {
    let local = ServerConfig::Local {
        data_dir: launch
            .data_dir
            .clone()
            .unwrap_or_else(crate::paths::local_relay_dir),
    };
    if launch.demo || launch.local {
        return Ok(Some(local));
    }
    let Some(server) = settings.server.as_deref().filter(|s| !s.trim().is_empty()) else {
        return Ok(Some(local));
    };
    let url = url::Url::parse(server.trim()).map_err(|e| {
        tr!(
            loc,
            "error-server-not-url",
            server = format!("{server:?}"),
            reason = e.to_string()
        )
    })?;
    if url.scheme() != "https" && url.scheme() != "http" {
        return Err(tr!(loc, "error-server-scheme", scheme = url.scheme()));
    }
    let fingerprint = match settings
        .fingerprint
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(text) => Some(
            text.parse::<CertFingerprint>()
                .map_err(|e| tr!(loc, "error-bad-fingerprint", reason = e.to_string()))?,
        ),
        None => None,
    };
    Ok(Some(ServerConfig::Remote { url, fingerprint }))
}

impl ConsoleApp {
    /// The real console: loads the settings, applies the command line, starts the network
    /// side.
    pub fn new(cc: &eframe::CreationContext<'_>, launch: Launch) -> Self {
        let mut settings = Settings::load(cc.storage);
        if let Some(server) = &launch.server {
            settings.server = Some(server.clone());
            settings.fingerprint = launch.fingerprint.clone();
        }
        let (commands, _) = CommandSender::channel();
        let mut app = Self::with_parts(cc, settings, launch, commands, None);
        app.connect(&cc.egui_ctx);
        app
    }

    /// A console without network side, for UI tests: commands land in the returned
    /// receiver, and `state` is shown as given.
    pub fn offline(
        cc: &eframe::CreationContext<'_>,
        state: ConsoleState,
        settings: Settings,
    ) -> (Self, mpsc::Receiver<Command>) {
        let (commands, receiver) = CommandSender::channel();
        let mut app = Self::with_parts(cc, settings, Launch::default(), commands, None);
        app.state = state;
        (app, receiver)
    }

    fn with_parts(
        cc: &eframe::CreationContext<'_>,
        settings: Settings,
        launch: Launch,
        commands: CommandSender,
        events: Option<EventReceiver>,
    ) -> Self {
        let system_language = Language::from_system();
        let loc = Localizer::new(settings.language(system_language));
        let mode = match server_config(&settings, &launch, loc) {
            Ok(Some(ServerConfig::Remote { url, .. })) => ServerMode::Remote(url.to_string()),
            Err(_) => ServerMode::Remote(settings.server.clone().unwrap_or_default()),
            _ => ServerMode::Local,
        };
        let login_form = LoginForm {
            server: settings.server.clone().unwrap_or_default(),
            fingerprint: settings.fingerprint.clone().unwrap_or_default(),
            name: settings.user_name.clone(),
            password: String::new(),
        };
        Self {
            state: ConsoleState::new(mode),
            settings,
            launch,
            commands,
            events,
            net: None,
            render_state: cc.wgpu_render_state.clone(),
            view: View::Codes,
            code_form: CodeForm::default(),
            login_form,
            settings_form: SettingsForm::default(),
            admin_form: AdminForm::default(),
            session_uis: HashMap::new(),
            review: ReviewUi::default(),
            seen_sessions: HashSet::new(),
            clipboard: None,
            theme_applied: None,
            titled_in: None,
            system_language,
            frozen_now: None,
        }
    }

    /// The language the console is shown in.
    pub fn localizer(&self) -> Localizer {
        Localizer::new(self.settings.language(self.system_language))
    }

    /// The current view.
    pub fn view(&self) -> View {
        self.view
    }

    /// Shows a view.
    pub fn show(&mut self, view: View) {
        self.view = view;
    }

    /// The record open in the Sessions window (tests).
    pub fn review_open(&self) -> Option<&super::review::OpenRecord> {
        self.review.open.as_ref()
    }

    /// Where a session's viewer last drew the frame (tests).
    pub fn session_viewer_placement(&self, code: SessionCode) -> Option<crate::viewer::Placement> {
        self.session_uis.get(&code)?.viewer.placement()
    }

    /// Bytes a session's viewer wrote to its texture so far (tests).
    pub fn session_viewer_uploaded(&self, code: SessionCode) -> Option<u64> {
        Some(
            self.session_uis
                .get(&code)?
                .viewer
                .texture()
                .uploaded_bytes(),
        )
    }

    /// Stops the clock at `now` (countdowns and timestamps), for UI tests.
    pub fn freeze_clock(&mut self, now: UnixMillis) {
        self.frozen_now = Some(now);
    }

    fn now(&self) -> UnixMillis {
        self.frozen_now.unwrap_or_else(UnixMillis::now)
    }

    /// The settings in use.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// (Re)starts the network side for the configured server.
    fn connect(&mut self, ctx: &egui::Context) {
        if let Some(mut net) = self.net.take() {
            net.shutdown(Duration::from_secs(3));
        }
        self.session_uis.clear();
        self.seen_sessions.clear();
        self.view = View::Codes;
        let config = match server_config(&self.settings, &self.launch, self.localizer()) {
            Ok(Some(server)) => server,
            Ok(None) => return,
            Err(reason) => {
                self.state = ConsoleState::new(ServerMode::Remote(
                    self.settings.server.clone().unwrap_or_default(),
                ));
                self.state.status = ServerStatus::SignedOut;
                self.state.sign_in_error = Some(reason);
                return;
            }
        };
        self.state = ConsoleState::new(match &config {
            ServerConfig::Local { .. } => ServerMode::Local,
            ServerConfig::Remote { url, .. } => ServerMode::Remote(url.to_string()),
        });
        let net_config = NetConfig {
            server: config,
            downloads: self.downloads(),
            demo: self.launch.demo,
            agent: self.launch.agent.clone(),
            demo_activity: self.launch.demo_activity.clone(),
            max_fps: self.launch.max_fps.unwrap_or(self.settings.max_fps),
            auto_connect: true,
            recording: Some(crate::net::RecordingConfig::new(
                crate::paths::recording_spool(),
            )),
        };
        let repaint = ctx.clone();
        match Net::start(net_config, Arc::new(move || repaint.request_repaint())) {
            Ok((net, events)) => {
                self.commands = net.commands();
                self.events = Some(events);
                self.net = Some(net);
            }
            Err(err) => {
                let text = err.problem().text(self.localizer());
                self.state.status = ServerStatus::Failed(text.clone());
                self.state.notify(text, true, Instant::now());
            }
        }
    }

    fn downloads(&self) -> PathBuf {
        self.launch
            .downloads
            .clone()
            .unwrap_or_else(|| self.settings.downloads_dir())
    }

    fn send(&mut self, command: Command) {
        if let Err(err) = self.commands.send(command) {
            let text = err.problem().text(self.localizer());
            self.state.notify(text, true, Instant::now());
        }
    }

    /// Puts `text` on the clipboard and says so with `notice`.
    fn copy(&mut self, ctx: &egui::Context, text: String, notice: String) {
        if self.clipboard.is_none() {
            self.clipboard = arboard::Clipboard::new().ok();
        }
        let copied = self
            .clipboard
            .as_mut()
            .is_some_and(|c| c.set_text(text.clone()).is_ok());
        if !copied {
            // The window system's clipboard, through egui.
            ctx.copy_text(text);
        }
        self.state.notify(notice, false, Instant::now());
    }

    /// Opens `target` (a `mailto:` link or a folder) with the system's handler.
    fn open(&mut self, target: &str, folder: bool) {
        if let Err(err) = open::that_detached(target) {
            let loc = self.localizer();
            let reason = err.to_string();
            let text = if folder {
                tr!(loc, "notice-open-failed-folder", reason = reason)
            } else {
                tr!(loc, "notice-open-failed-mail", reason = reason)
            };
            self.state.notify(text, true, Instant::now());
        }
    }

    /// Applies waiting network events.
    fn pump(&mut self) {
        let Some(events) = &mut self.events else {
            return;
        };
        let (now, instant) = (
            self.frozen_now.unwrap_or_else(UnixMillis::now),
            Instant::now(),
        );
        while let Some(event) = events.try_recv() {
            self.state.apply(event, now, instant);
        }
        // A customer just joined: show the session (unless another one is on screen).
        let new: Vec<SessionCode> = self
            .state
            .visible_sessions()
            .map(|s| s.code)
            .filter(|c| !self.seen_sessions.contains(c))
            .collect();
        for code in new {
            self.seen_sessions.insert(code);
            if self.view == View::Codes {
                self.view = View::Session(code);
            }
        }
    }

    fn apply_theme(&mut self, ctx: &egui::Context) {
        if self.theme_applied != Some(self.settings.theme) {
            theme::apply(ctx, self.settings.theme);
            self.theme_applied = Some(self.settings.theme);
        }
    }
}

impl eframe::App for ConsoleApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let loc = self.localizer();
        super::lang::set(&ctx, loc);
        self.state.set_language(loc);
        if self.titled_in != Some(loc) {
            self.titled_in = Some(loc);
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(tr!(
                loc,
                "console-window-title"
            )));
        }
        self.apply_theme(&ctx);
        self.pump();
        self.state.expire_notices(Instant::now());
        self.header(ui);
        if !self.state.notices.is_empty() {
            egui::Panel::bottom("notices")
                .resizable(false)
                .show(ui, |ui| notices_ui(ui, &self.state.notices));
        }
        let view = self.view;
        egui::CentralPanel::default().show(ui, |ui| {
            let needs_login =
                matches!(self.state.mode, ServerMode::Remote(_)) && !self.state.signed_in();
            if needs_login {
                self.login(ui);
                return;
            }
            match view {
                View::Codes => {
                    if let ServerStatus::Failed(reason) = &self.state.status {
                        ui.label(
                            egui::RichText::new(tr!(
                                loc,
                                "notice-server-failed",
                                reason = reason.as_str()
                            ))
                            .color(theme::BAD),
                        );
                        ui.add_space(8.0);
                    }
                    if self.state.status == ServerStatus::Starting {
                        ui.horizontal(|ui| {
                            ui.spinner();
                            ui.label(tr!(loc, "notice-server-starting"));
                        });
                    }
                    self.codes(ui);
                }
                View::Session(code) => {
                    self.wrapup(ui, code);
                    self.session(ui, code);
                }
                View::Sessions => self.sessions(ui),
                View::Admin => {
                    for command in admin_ui(ui, &self.state, &mut self.admin_form) {
                        self.send(command);
                    }
                }
            }
        });
        self.settings_window(&ctx);
        // Countdowns tick every second even when nothing else happens.
        ctx.request_repaint_after(Duration::from_secs(1));
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.settings.save(storage);
    }

    fn on_exit(&mut self) {
        if let Some(mut net) = self.net.take() {
            net.shutdown(Duration::from_secs(5));
        }
    }
}
