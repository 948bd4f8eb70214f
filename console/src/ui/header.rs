//! The header: the app's name, the server's status, the account, theme and settings, and
//! the tabs (Code Management, then one per session).

use egui::{Align, Layout, RichText};
use lifeline_protocol::SessionCode;
use lifeline_protocol::tr;

use super::chat::phase_color;
use super::theme::{self, ACCENT, BAD, GOOD, WARN};
use crate::settings::Theme;
use crate::state::events::DemoStatus;
use crate::state::{ConsoleState, ServerMode, ServerStatus};

/// What the main area shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// Code Management.
    #[default]
    Codes,
    /// A session.
    Session(SessionCode),
    /// Portals and accounts (admins).
    Admin,
    /// Session records and the review player.
    Sessions,
}

/// What the technician did in the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderAction {
    /// Switch tabs.
    Show(View),
    /// Close an ended session's tab.
    Close(SessionCode),
    /// Dark ↔ light.
    ToggleTheme,
    /// Open the settings.
    Settings,
    /// Sign out (remote server).
    SignOut,
}

/// The header.
pub fn header_ui(
    ui: &mut egui::Ui,
    state: &ConsoleState,
    view: View,
    theme: Theme,
) -> Vec<HeaderAction> {
    let mut actions = Vec::new();
    let loc = super::lang::loc(ui.ctx());
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new("Lifeline").heading().strong().color(ACCENT));
        ui.label(RichText::new(tr!(loc, "header-subtitle")).weak());
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if ui
                .button("⚙")
                .on_hover_text(tr!(loc, "header-settings"))
                .clicked()
            {
                actions.push(HeaderAction::Settings);
            }
            let (icon, hint) = match theme {
                Theme::Dark => ("☀", tr!(loc, "header-theme-light")),
                Theme::Light => ("🌙", tr!(loc, "header-theme-dark")),
            };
            if ui.button(icon).on_hover_text(hint).clicked() {
                actions.push(HeaderAction::ToggleTheme);
            }
            if let Some(account) = &state.account {
                if matches!(state.mode, ServerMode::Remote(_))
                    && ui.button(tr!(loc, "header-sign-out")).clicked()
                {
                    actions.push(HeaderAction::SignOut);
                }
                ui.label(format!(
                    "{} ({})",
                    account.name,
                    role_label(loc, &account.role)
                ));
                ui.separator();
            }
            server_status_ui(ui, state);
        });
    });
    ui.add_space(4.0);
    if state.account.is_none() && matches!(state.mode, ServerMode::Remote(_)) {
        // Nothing to switch between before signing in.
        return actions;
    }
    ui.horizontal_wrapped(|ui| {
        if ui
            .selectable_label(view == View::Codes, tr!(loc, "header-code-management"))
            .clicked()
        {
            actions.push(HeaderAction::Show(View::Codes));
        }
        if ui
            .selectable_label(view == View::Sessions, tr!(loc, "header-sessions"))
            .on_hover_text(tr!(loc, "header-sessions-tip"))
            .clicked()
        {
            actions.push(HeaderAction::Show(View::Sessions));
        }
        if state.is_admin()
            && ui
                .selectable_label(view == View::Admin, tr!(loc, "header-admin"))
                .on_hover_text(tr!(loc, "header-admin-tip"))
                .clicked()
        {
            actions.push(HeaderAction::Show(View::Admin));
        }
        for session in state.visible_sessions() {
            ui.separator();
            let selected = view == View::Session(session.code);
            ui.horizontal(|ui| {
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                ui.painter()
                    .circle_filled(rect.center(), 4.0, phase_color(session));
                if ui.selectable_label(selected, session.title()).clicked() {
                    actions.push(HeaderAction::Show(View::Session(session.code)));
                }
                if session.is_ended()
                    && ui
                        .small_button("×")
                        .on_hover_text(tr!(loc, "header-close-tab"))
                        .clicked()
                {
                    actions.push(HeaderAction::Close(session.code));
                }
            });
        }
        match &state.demo {
            DemoStatus::Started(code)
                if state.session(*code).is_none_or(|s| s.session_id.is_none()) =>
            {
                ui.separator();
                ui.spinner();
                ui.label(RichText::new(tr!(loc, "header-demo-joining")).weak());
            }
            DemoStatus::AgentMissing(reason) => {
                ui.separator();
                ui.label(RichText::new(tr!(loc, "header-demo-unavailable")).color(BAD))
                    .on_hover_text(reason.text(loc));
            }
            _ => {}
        }
    });
    ui.add_space(4.0);
    actions
}

/// An account role as the technician reads it.
pub(crate) fn role_label(loc: lifeline_protocol::i18n::Localizer, role: &str) -> String {
    match role {
        "technician" => tr!(loc, "admin-role-technician"),
        "lead" => tr!(loc, "admin-role-lead"),
        "admin" => tr!(loc, "admin-role-admin"),
        other => other.to_owned(),
    }
}

fn server_status_ui(ui: &mut egui::Ui, state: &ConsoleState) {
    let loc = super::lang::loc(ui.ctx());
    let place = match &state.mode {
        ServerMode::Local => tr!(loc, "header-local-server"),
        ServerMode::Remote(url) => url.trim_end_matches('/').to_owned(),
    };
    let (color, status) = match &state.status {
        ServerStatus::Starting => (WARN, tr!(loc, "header-status-starting")),
        ServerStatus::SignedOut => (WARN, tr!(loc, "header-status-signed-out")),
        ServerStatus::SigningIn => (WARN, tr!(loc, "header-status-signing-in")),
        ServerStatus::Online => (GOOD, tr!(loc, "header-status-online")),
        ServerStatus::Unreachable(_) => (BAD, tr!(loc, "header-status-unreachable")),
        ServerStatus::Failed(_) => (BAD, tr!(loc, "header-status-failed")),
    };
    let response = theme::status_dot(ui, color, format!("{place} · {status}"));
    let detail = match (&state.status, &state.local_relay) {
        (ServerStatus::Unreachable(reason) | ServerStatus::Failed(reason), _) => {
            Some(reason.clone())
        }
        (_, Some((url, fingerprint))) => Some(format!(
            "{url}\n{}",
            tr!(
                loc,
                "header-certificate",
                fingerprint = fingerprint.as_str()
            )
        )),
        _ => None,
    };
    if let Some(detail) = detail {
        response.on_hover_text(detail);
    }
}
