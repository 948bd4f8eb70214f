//! The Code Management window: create a code, the list of codes with their live countdown,
//! copy / email / cancel, and incoming portal requests.

use egui::{Grid, RichText, ScrollArea, TextEdit};
use lifeline_protocol::SessionCode;
use lifeline_protocol::messages::UnixMillis;

use super::format;
use super::theme::{self, BAD, GOOD, WARN};
use crate::state::ConsoleState;
use crate::state::codes::{CodeEntry, CodeState};

/// What the technician did in the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeAction {
    /// Create a code.
    Create {
        /// The note typed, if any.
        identifier: Option<String>,
        /// The portal picked.
        portal: Option<String>,
    },
    /// Withdraw a pending code.
    Cancel(SessionCode),
    /// Put the join URL on the clipboard.
    CopyUrl(String),
    /// Open the mail client with an invitation.
    Email(Box<CodeEntry>),
    /// Take a portal request.
    Accept(i64),
    /// Show the code's session.
    Open(SessionCode),
    /// Reload everything.
    Refresh,
}

/// The new-code form.
#[derive(Debug, Clone, Default)]
pub struct CodeForm {
    /// The identifier being typed.
    pub identifier: String,
    /// The portal picked (slug); the default portal when `None`.
    pub portal: Option<String>,
}

/// The window. `now` drives the countdowns.
pub fn code_management_ui(
    ui: &mut egui::Ui,
    state: &ConsoleState,
    form: &mut CodeForm,
    now: UnixMillis,
) -> Vec<CodeAction> {
    let mut actions = Vec::new();
    ScrollArea::vertical()
        .id_salt("codes-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading("Code Management");
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button("⟳ Refresh").clicked() {
                        actions.push(CodeAction::Refresh);
                    }
                });
            });
            ui.add_space(6.0);
            new_code_ui(ui, state, form, &mut actions);
            ui.add_space(12.0);
            codes_list_ui(ui, state, now, &mut actions);
            ui.add_space(12.0);
            requests_ui(ui, state, now, &mut actions);
        });
    actions
}

fn new_code_ui(
    ui: &mut egui::Ui,
    state: &ConsoleState,
    form: &mut CodeForm,
    actions: &mut Vec<CodeAction>,
) {
    theme::card(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new("New session code").strong());
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Identifier");
            let edit = ui
                .add(
                    TextEdit::singleline(&mut form.identifier)
                        .hint_text("customer's name (optional)")
                        .desired_width(220.0),
                )
                .labelled_by(label.id);
            ui.add_space(8.0);
            let label = ui.label("Portal");
            let selected = form
                .portal
                .as_ref()
                .and_then(|slug| state.portals.iter().find(|p| &p.slug == slug))
                .map(|p| p.name.clone())
                .unwrap_or_else(|| "Default".to_owned());
            egui::ComboBox::from_id_salt("portal-picker")
                .selected_text(selected)
                .width(160.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut form.portal, None, "Default");
                    for portal in &state.portals {
                        ui.selectable_value(
                            &mut form.portal,
                            Some(portal.slug.clone()),
                            &portal.name,
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            ui.add_space(8.0);
            let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let create = ui.add_enabled(state.signed_in(), theme::primary_button("Create code"));
            if create.clicked() || (enter && state.signed_in()) {
                let identifier = form.identifier.trim();
                actions.push(CodeAction::Create {
                    identifier: (!identifier.is_empty()).then(|| identifier.to_owned()),
                    portal: form.portal.clone(),
                });
                form.identifier.clear();
            }
        });
    });
}

fn state_color(state: CodeState) -> egui::Color32 {
    match state {
        CodeState::Pending => WARN,
        CodeState::Active => GOOD,
        CodeState::Ended | CodeState::Cancelled => egui::Color32::GRAY,
        CodeState::Expired => BAD,
    }
}

fn codes_list_ui(
    ui: &mut egui::Ui,
    state: &ConsoleState,
    now: UnixMillis,
    actions: &mut Vec<CodeAction>,
) {
    theme::card(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new("Your codes").strong());
        ui.add_space(4.0);
        let entries = state.codes.entries();
        if entries.is_empty() {
            ui.weak("No codes yet. Create one and send it to your customer.");
            return;
        }
        Grid::new("codes-grid")
            .num_columns(6)
            .striped(true)
            .spacing([14.0, 6.0])
            .show(ui, |ui| {
                for title in ["Code", "Identifier", "Portal", "State", "Expires in", ""] {
                    ui.label(RichText::new(title).small().weak());
                }
                ui.end_row();
                for entry in entries {
                    let code_state = entry.state_at(now);
                    ui.label(RichText::new(entry.display_code()).monospace().strong());
                    ui.label(entry.identifier.as_deref().unwrap_or("—"));
                    let portal = state
                        .portals
                        .iter()
                        .find(|p| p.slug == entry.portal)
                        .map_or(entry.portal.as_str(), |p| p.name.as_str());
                    ui.label(portal);
                    let waiting = state
                        .session(entry.code)
                        .is_some_and(|s| s.phase == crate::state::Phase::Waiting);
                    let mut label = code_state.label().to_owned();
                    if code_state == CodeState::Pending && waiting {
                        label.push_str(" · waiting for the customer");
                    }
                    if entry.chat_only {
                        label.push_str(" · chat only");
                    }
                    ui.label(RichText::new(label).color(state_color(code_state)));
                    ui.label(RichText::new(entry.countdown(now)).monospace());
                    ui.horizontal(|ui| {
                        if code_state == CodeState::Pending {
                            if ui
                                .button("Copy URL")
                                .on_hover_text(&entry.url)
                                .clicked()
                            {
                                actions.push(CodeAction::CopyUrl(entry.url.clone()));
                            }
                            if ui
                                .button("Send code via email")
                                .on_hover_text("Opens your mail client with the link, the code and how to join")
                                .clicked()
                            {
                                actions.push(CodeAction::Email(Box::new(entry.clone())));
                            }
                            if ui.button("Cancel").clicked() {
                                actions.push(CodeAction::Cancel(entry.code));
                            }
                        }
                        let has_session = code_state == CodeState::Active
                            || state.session(entry.code).is_some_and(|s| s.session_id.is_some());
                        if has_session && ui.button("Open session").clicked() {
                            actions.push(CodeAction::Open(entry.code));
                        }
                    });
                    ui.end_row();
                }
            });
    });
}

fn requests_ui(
    ui: &mut egui::Ui,
    state: &ConsoleState,
    now: UnixMillis,
    actions: &mut Vec<CodeAction>,
) {
    theme::card(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new("Portal requests").strong());
        ui.add_space(4.0);
        if state.requests.is_empty() {
            ui.weak("No customer is waiting in a portal.");
            return;
        }
        for request in &state.requests {
            ui.horizontal(|ui| {
                ui.vertical(|ui| {
                    ui.label(
                        RichText::new(format!(
                            "{} · {} · {}",
                            request.customer_name,
                            request.portal_name,
                            format::clock(request.created_at)
                        ))
                        .strong(),
                    );
                    ui.label(&request.problem);
                    let left = request.expires_at.0.saturating_sub(now.0);
                    ui.weak(format!(
                        "chat only · expires in {}",
                        crate::state::codes::format_countdown(std::time::Duration::from_millis(
                            left
                        ))
                    ));
                });
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.add(theme::primary_button("Accept")).clicked() {
                        actions.push(CodeAction::Accept(request.id));
                    }
                });
            });
            ui.separator();
        }
    });
}
