//! The sign-in dialog for a remote relay.

use egui::{RichText, TextEdit};
use lifeline_protocol::tr;

use super::theme::{self, BAD};
use crate::state::{ConsoleState, ServerStatus};

/// The dialog's fields.
#[derive(Debug, Clone, Default)]
pub struct LoginForm {
    /// `https://HOST:PORT`.
    pub server: String,
    /// The relay's certificate fingerprint (hex), when self-signed.
    pub fingerprint: String,
    /// Account name.
    pub name: String,
    /// Password (never saved).
    pub password: String,
}

/// What the technician chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginAction {
    /// Sign in (reconnecting first if the server or fingerprint changed).
    SignIn {
        /// Server URL.
        server: String,
        /// Fingerprint, may be empty.
        fingerprint: String,
        /// Name.
        name: String,
        /// Password.
        password: String,
    },
    /// Forget the remote server and run one locally.
    UseLocal,
}

/// The dialog, centred.
pub fn login_ui(
    ui: &mut egui::Ui,
    state: &ConsoleState,
    form: &mut LoginForm,
) -> Option<LoginAction> {
    let mut action = None;
    let loc = super::lang::loc(ui.ctx());
    ui.vertical_centered(|ui| {
        ui.add_space((ui.available_height() * 0.15).min(120.0));
        theme::card(ui).show(ui, |ui| {
            ui.set_width(420.0);
            ui.heading(tr!(loc, "login-title"));
            ui.label(RichText::new(tr!(loc, "login-subtitle")).weak());
            ui.add_space(10.0);
            let mut submit = false;
            egui::Grid::new("login-grid")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    let field = |ui: &mut egui::Ui,
                                 label: &str,
                                 text: &mut String,
                                 hint: &str,
                                 password: bool| {
                        let label = ui.label(label);
                        let response = ui
                            .add(
                                TextEdit::singleline(text)
                                    .hint_text(hint)
                                    .password(password)
                                    .desired_width(280.0),
                            )
                            .labelled_by(label.id);
                        ui.end_row();
                        response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
                    };
                    field(
                        ui,
                        &tr!(loc, "login-server"),
                        &mut form.server,
                        "https://relay.example.com:8443",
                        false,
                    );
                    field(
                        ui,
                        &tr!(loc, "login-fingerprint"),
                        &mut form.fingerprint,
                        &tr!(loc, "login-fingerprint-hint"),
                        false,
                    );
                    submit |= field(ui, &tr!(loc, "login-user"), &mut form.name, "", false);
                    submit |= field(
                        ui,
                        &tr!(loc, "login-password"),
                        &mut form.password,
                        "",
                        true,
                    );
                });
            if let Some(reason) = &state.sign_in_error {
                ui.add_space(6.0);
                let reason = crate::state::session::capitalize(reason);
                ui.label(RichText::new(reason).color(BAD));
            }
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                let busy = state.status == ServerStatus::SigningIn;
                let ready = !form.server.trim().is_empty()
                    && !form.name.trim().is_empty()
                    && !form.password.is_empty();
                if ui
                    .add_enabled(
                        ready && !busy,
                        theme::primary_button(tr!(loc, "login-submit")),
                    )
                    .clicked()
                    || (submit && ready && !busy)
                {
                    action = Some(LoginAction::SignIn {
                        server: form.server.trim().to_owned(),
                        fingerprint: form.fingerprint.trim().to_owned(),
                        name: form.name.trim().to_owned(),
                        password: std::mem::take(&mut form.password),
                    });
                }
                if busy {
                    ui.spinner();
                }
                if ui
                    .button(tr!(loc, "login-use-local"))
                    .on_hover_text(tr!(loc, "login-use-local-tip"))
                    .clicked()
                {
                    action = Some(LoginAction::UseLocal);
                }
            });
        });
    });
    action
}
