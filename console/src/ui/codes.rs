//! The Code Management window: create a code, the list of codes with their live countdown,
//! copy / email / cancel, and incoming portal requests.

use egui::{Grid, RichText, ScrollArea, TextEdit};
use lifeline_protocol::SessionCode;
use lifeline_protocol::messages::UnixMillis;
use lifeline_protocol::tr;

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
    let loc = super::lang::loc(ui.ctx());
    ScrollArea::vertical()
        .id_salt("codes-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading(tr!(loc, "header-code-management"));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button(tr!(loc, "codes-refresh")).clicked() {
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
    let loc = super::lang::loc(ui.ctx());
    theme::card(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(tr!(loc, "codes-new")).strong());
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(tr!(loc, "codes-identifier"));
            let edit = ui
                .add(
                    TextEdit::singleline(&mut form.identifier)
                        .hint_text(tr!(loc, "codes-identifier-hint"))
                        .desired_width(220.0),
                )
                .labelled_by(label.id);
            ui.add_space(8.0);
            let label = ui.label(tr!(loc, "codes-portal"));
            let selected = form
                .portal
                .as_ref()
                .and_then(|slug| state.portals.iter().find(|p| &p.slug == slug))
                .map(|p| p.name.clone())
                .unwrap_or_else(|| tr!(loc, "codes-default-portal"));
            egui::ComboBox::from_id_salt("portal-picker")
                .selected_text(selected)
                .width(160.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut form.portal, None, tr!(loc, "codes-default-portal"));
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
            let create = ui.add_enabled(
                state.signed_in(),
                theme::primary_button(tr!(loc, "codes-create")),
            );
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
    let loc = super::lang::loc(ui.ctx());
    theme::card(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(tr!(loc, "codes-yours")).strong());
        ui.add_space(4.0);
        let entries = state.codes.entries();
        if entries.is_empty() {
            ui.weak(tr!(loc, "codes-none"));
            return;
        }
        Grid::new("codes-grid")
            .num_columns(6)
            .striped(true)
            .spacing([14.0, 6.0])
            .show(ui, |ui| {
                for title in [
                    tr!(loc, "codes-column-code"),
                    tr!(loc, "codes-column-identifier"),
                    tr!(loc, "codes-column-portal"),
                    tr!(loc, "codes-column-state"),
                    tr!(loc, "codes-column-expires"),
                    String::new(),
                ] {
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
                    let mut label = code_state.label(loc);
                    if code_state == CodeState::Pending && waiting {
                        label = format!("{label} · {}", tr!(loc, "codes-waiting-customer"));
                    }
                    if entry.chat_only {
                        label = format!("{label} · {}", tr!(loc, "codes-chat-only"));
                    }
                    ui.label(RichText::new(label).color(state_color(code_state)));
                    ui.label(RichText::new(entry.countdown(now)).monospace());
                    ui.horizontal(|ui| {
                        if code_state == CodeState::Pending {
                            if ui
                                .button(tr!(loc, "codes-copy-url"))
                                .on_hover_text(&entry.url)
                                .clicked()
                            {
                                actions.push(CodeAction::CopyUrl(entry.url.clone()));
                            }
                            if ui
                                .button(tr!(loc, "codes-send-email"))
                                .on_hover_text(tr!(loc, "codes-send-email-tip"))
                                .clicked()
                            {
                                actions.push(CodeAction::Email(Box::new(entry.clone())));
                            }
                            if ui.button(tr!(loc, "codes-cancel")).clicked() {
                                actions.push(CodeAction::Cancel(entry.code));
                            }
                        }
                        let has_session = code_state == CodeState::Active
                            || state
                                .session(entry.code)
                                .is_some_and(|s| s.session_id.is_some());
                        if has_session && ui.button(tr!(loc, "codes-open-session")).clicked() {
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
    let loc = super::lang::loc(ui.ctx());
    theme::card(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(tr!(loc, "codes-requests")).strong());
        ui.add_space(4.0);
        if state.requests.is_empty() {
            ui.weak(tr!(loc, "codes-no-requests"));
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
                            format::clock(request.created_at, loc)
                        ))
                        .strong(),
                    );
                    ui.label(&request.problem);
                    let left = request.expires_at.0.saturating_sub(now.0);
                    let left = crate::state::codes::format_countdown(
                        std::time::Duration::from_millis(left),
                    );
                    ui.weak(tr!(loc, "codes-request-expires", left = left));
                });
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .add(theme::primary_button(tr!(loc, "codes-accept")))
                        .clicked()
                    {
                        actions.push(CodeAction::Accept(request.id));
                    }
                });
            });
            ui.separator();
        }
    });
}
