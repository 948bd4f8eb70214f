//! The admin window: portals (policy per capability, code lifetime, pending limit, chat
//! requests, the recording notice), how long session records are kept, and accounts
//! (create, role, disable), through the relay's API.

use std::collections::HashMap;

use egui::{DragValue, Grid, RichText, ScrollArea, TextEdit};
use lifeline_protocol::tr;

use super::header::role_label;
use super::theme;
use crate::net::Command;
use crate::state::ConsoleState;
use crate::state::admin::{PolicyLevel, PortalDraft, ROLES};

/// The window's fields.
#[derive(Debug, Clone, Default)]
pub struct AdminForm {
    /// Portals being edited, by id.
    pub drafts: HashMap<i64, PortalDraft>,
    /// The new portal's fields.
    pub new_portal: PortalDraft,
    /// The new account's name.
    pub user_name: String,
    /// The new account's password.
    pub user_password: String,
    /// The new account's role.
    pub user_role: String,
    /// The retention being edited (from the relay's, once loaded).
    pub retention: Option<RetentionDraft>,
}

/// How long records are kept, as edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetentionDraft {
    /// Records are deleted after `days`; otherwise kept forever.
    pub limited: bool,
    /// Days, when limited.
    pub days: u32,
}

impl RetentionDraft {
    /// Days shown when a relay keeps records forever and the admin starts limiting them.
    const DEFAULT_DAYS: u32 = 90;

    fn from_days(days: Option<u32>) -> Self {
        Self {
            limited: days.is_some(),
            days: days.unwrap_or(Self::DEFAULT_DAYS),
        }
    }

    fn days(self) -> Option<u32> {
        self.limited.then_some(self.days)
    }
}

/// The records card: which portals' customers are told their session is recorded (each
/// change sent at once), and the retention (saved with its own button).
fn records_ui(ui: &mut egui::Ui, state: &ConsoleState, form: &mut AdminForm) -> Vec<Command> {
    let loc = super::lang::loc(ui.ctx());
    let mut commands = Vec::new();
    ui.label(RichText::new(tr!(loc, "admin-records")).strong());
    ui.add_space(4.0);
    ui.label(tr!(loc, "admin-recording-notice"));
    ui.horizontal_wrapped(|ui| {
        for portal in &state.portals {
            let mut notice = portal.recording_notice;
            if ui.checkbox(&mut notice, &portal.name).changed() {
                commands.push(Command::SetRecordingNotice {
                    portal: portal.id,
                    notice,
                });
            }
        }
    });
    ui.add_space(6.0);
    commands.extend(retention_ui(ui, state, form));
    commands
}

/// How long records are kept, saved with its own button.
fn retention_ui(ui: &mut egui::Ui, state: &ConsoleState, form: &mut AdminForm) -> Option<Command> {
    let loc = super::lang::loc(ui.ctx());
    let Some(stored) = state.retention else {
        ui.weak(tr!(loc, "admin-retention-loading"));
        return None;
    };
    let draft = form
        .retention
        .get_or_insert_with(|| RetentionDraft::from_days(stored));
    let mut command = None;
    ui.horizontal(|ui| {
        ui.checkbox(&mut draft.limited, tr!(loc, "admin-retention-delete-after"));
        ui.add_enabled(
            draft.limited,
            DragValue::new(&mut draft.days)
                .range(1..=MAX_RETENTION_DAYS)
                // "1 day", "30 days": the catalog picks the plural form.
                .custom_formatter(move |days, _| {
                    tr!(loc, "admin-days-value", days = days.round() as u32)
                })
                .custom_parser(leading_number),
        );
        let changed = draft.days() != stored;
        if ui
            .add_enabled(changed, egui::Button::new(tr!(loc, "admin-save")))
            .clicked()
        {
            command = Some(Command::SetRetention(draft.days()));
        }
        if changed && ui.button(tr!(loc, "admin-undo")).clicked() {
            *draft = RetentionDraft::from_days(stored);
        }
    });
    ui.weak(match stored {
        Some(days) => tr!(loc, "admin-retention-now", days = days),
        None => tr!(loc, "admin-retention-forever"),
    });
    command
}

/// Longest retention the relay takes (ten years).
const MAX_RETENTION_DAYS: u32 = 3650;

fn policy_ui(
    ui: &mut egui::Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    level: &mut PolicyLevel,
) {
    let loc = super::lang::loc(ui.ctx());
    egui::ComboBox::from_id_salt(id)
        .selected_text(level.label(loc))
        .width(90.0)
        .show_ui(ui, |ui| {
            for choice in PolicyLevel::ALL {
                ui.selectable_value(level, choice, choice.label(loc));
            }
        });
}

/// The fields of one portal, as a row of the grid.
fn portal_fields_ui(ui: &mut egui::Ui, key: &str, draft: &mut PortalDraft) {
    let p = &mut draft.policy;
    policy_ui(ui, (key, "screen"), &mut p.screen_view);
    policy_ui(ui, (key, "control"), &mut p.remote_control);
    policy_ui(ui, (key, "diag"), &mut p.diagnostics);
    policy_ui(ui, (key, "logs"), &mut p.log_files);
    let mut minutes = draft.code_lifetime_secs / 60;
    ui.add(
        DragValue::new(&mut minutes)
            .range(1..=24 * 60)
            .suffix(tr!(super::lang::loc(ui.ctx()), "admin-minutes-suffix")),
    );
    draft.code_lifetime_secs = minutes * 60;
    ui.add(DragValue::new(&mut draft.max_pending_codes).range(1..=100));
    ui.checkbox(&mut draft.accept_chat_requests, "");
}

/// The window; returns the commands to send.
pub fn admin_ui(ui: &mut egui::Ui, state: &ConsoleState, form: &mut AdminForm) -> Vec<Command> {
    let mut commands = Vec::new();
    let loc = super::lang::loc(ui.ctx());
    ScrollArea::vertical()
        .id_salt("admin-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading(tr!(loc, "admin-title"));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button(tr!(loc, "admin-reload")).clicked() {
                        form.drafts.clear();
                        form.retention = None;
                        commands.push(Command::LoadAdmin);
                    }
                });
            });
            ui.add_space(6.0);
            theme::card(ui).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(RichText::new(tr!(loc, "admin-portals")).strong());
                ui.weak(tr!(loc, "admin-policy-help"));
                ui.add_space(4.0);
                Grid::new("portals-grid")
                    .num_columns(10)
                    .striped(true)
                    .spacing([10.0, 6.0])
                    .show(ui, |ui| {
                        for title in [
                            tr!(loc, "admin-column-portal"),
                            tr!(loc, "admin-column-screen"),
                            tr!(loc, "admin-column-control"),
                            tr!(loc, "admin-column-diagnostics"),
                            tr!(loc, "admin-column-logs"),
                            tr!(loc, "admin-column-lifetime"),
                            tr!(loc, "admin-column-pending"),
                            tr!(loc, "admin-column-requests"),
                            String::new(),
                            String::new(),
                        ] {
                            ui.label(RichText::new(title).small().weak());
                        }
                        ui.end_row();
                        for portal in &state.portals {
                            let draft = form
                                .drafts
                                .entry(portal.id)
                                .or_insert_with(|| PortalDraft::from(portal));
                            ui.label(&portal.name).on_hover_text(&portal.page_url);
                            portal_fields_ui(ui, &portal.slug, draft);
                            let changed = draft.differs_from(portal);
                            if ui
                                .add_enabled(changed, egui::Button::new(tr!(loc, "admin-save")))
                                .clicked()
                            {
                                commands.push(Command::SavePortal {
                                    id: Some(portal.id),
                                    draft: draft.clone(),
                                });
                            }
                            if changed && ui.button(tr!(loc, "admin-undo")).clicked() {
                                *draft = PortalDraft::from(portal);
                            }
                            ui.end_row();
                        }
                    });
                ui.add_space(8.0);
                ui.separator();
                ui.label(RichText::new(tr!(loc, "admin-new-portal")).strong());
                ui.horizontal_wrapped(|ui| {
                    let label = ui.label(tr!(loc, "admin-name"));
                    ui.add(TextEdit::singleline(&mut form.new_portal.name).desired_width(160.0))
                        .labelled_by(label.id);
                    let label = ui.label(tr!(loc, "admin-slug"));
                    ui.add(
                        TextEdit::singleline(&mut form.new_portal.slug)
                            .hint_text(tr!(loc, "admin-slug-hint"))
                            .desired_width(120.0),
                    )
                    .labelled_by(label.id);
                    let ready = !form.new_portal.name.trim().is_empty()
                        && !form.new_portal.slug.trim().is_empty();
                    if ui
                        .add_enabled(
                            ready,
                            theme::primary_button(tr!(loc, "admin-create-portal")),
                        )
                        .clicked()
                    {
                        commands.push(Command::SavePortal {
                            id: None,
                            draft: form.new_portal.clone(),
                        });
                        form.new_portal = PortalDraft::default();
                    }
                });
            });
            ui.add_space(12.0);
            theme::card(ui).show(ui, |ui| {
                ui.set_width(ui.available_width());
                commands.extend(records_ui(ui, state, form));
            });
            ui.add_space(12.0);
            theme::card(ui).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(RichText::new(tr!(loc, "admin-accounts")).strong());
                ui.add_space(4.0);
                Grid::new("users-grid")
                    .num_columns(3)
                    .striped(true)
                    .spacing([14.0, 6.0])
                    .show(ui, |ui| {
                        for title in [
                            tr!(loc, "admin-column-name"),
                            tr!(loc, "admin-column-role"),
                            tr!(loc, "admin-column-disabled"),
                        ] {
                            ui.label(RichText::new(title).small().weak());
                        }
                        ui.end_row();
                        for user in &state.users {
                            ui.label(&user.name);
                            let mut role = user.role.clone();
                            egui::ComboBox::from_id_salt(("role", user.id))
                                .selected_text(role_label(loc, &role))
                                .width(130.0)
                                .show_ui(ui, |ui| {
                                    for choice in ROLES {
                                        ui.selectable_value(
                                            &mut role,
                                            choice.to_owned(),
                                            role_label(loc, choice),
                                        );
                                    }
                                });
                            if role != user.role {
                                commands.push(Command::UpdateUser {
                                    id: user.id,
                                    role: Some(role),
                                    disabled: None,
                                });
                            }
                            let mut disabled = user.disabled;
                            if ui.checkbox(&mut disabled, "").changed() {
                                commands.push(Command::UpdateUser {
                                    id: user.id,
                                    role: None,
                                    disabled: Some(disabled),
                                });
                            }
                            ui.end_row();
                        }
                    });
                ui.add_space(8.0);
                ui.separator();
                ui.label(RichText::new(tr!(loc, "admin-new-account")).strong());
                ui.horizontal_wrapped(|ui| {
                    let label = ui.label(tr!(loc, "admin-name"));
                    ui.add(TextEdit::singleline(&mut form.user_name).desired_width(140.0))
                        .labelled_by(label.id);
                    let label = ui.label(tr!(loc, "admin-password"));
                    ui.add(
                        TextEdit::singleline(&mut form.user_password)
                            .password(true)
                            .hint_text(tr!(loc, "admin-password-hint"))
                            .desired_width(180.0),
                    )
                    .labelled_by(label.id);
                    if form.user_role.is_empty() {
                        form.user_role = ROLES[0].to_owned();
                    }
                    egui::ComboBox::from_id_salt("new-user-role")
                        .selected_text(role_label(loc, &form.user_role))
                        .width(130.0)
                        .show_ui(ui, |ui| {
                            for choice in ROLES {
                                ui.selectable_value(
                                    &mut form.user_role,
                                    choice.to_owned(),
                                    role_label(loc, choice),
                                );
                            }
                        });
                    let ready = !form.user_name.trim().is_empty() && !form.user_password.is_empty();
                    if ui
                        .add_enabled(
                            ready,
                            theme::primary_button(tr!(loc, "admin-create-account")),
                        )
                        .clicked()
                    {
                        commands.push(Command::CreateUser {
                            name: form.user_name.trim().to_owned(),
                            password: std::mem::take(&mut form.user_password),
                            role: form.user_role.clone(),
                        });
                        form.user_name.clear();
                    }
                });
            });
        });
    commands
}

/// The number a technician typed into a field that shows "30 days": its leading digits.
fn leading_number(text: &str) -> Option<f64> {
    let digits: String = text
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse::<u32>().ok().map(f64::from)
}

#[cfg(test)]
mod tests {
    use lifeline_protocol::i18n::{Language, Localizer};

    use super::*;

    #[test]
    fn retention_days_read_with_their_plural_and_parse_back() {
        let fr = Localizer::new(Language::Fr);
        let es = Localizer::new(Language::Es);
        assert_eq!(tr!(fr, "admin-days-value", days = 1u32), "1 jour");
        assert_eq!(tr!(fr, "admin-days-value", days = 30u32), "30 jours");
        assert_eq!(tr!(es, "admin-days-value", days = 1u32), "1 día");
        assert_eq!(
            tr!(Localizer::default(), "admin-days-value", days = 1u32),
            "1 day"
        );
        assert_eq!(leading_number("30 jours"), Some(30.0));
        assert_eq!(leading_number(" 7"), Some(7.0));
        assert_eq!(leading_number("jours"), None);
    }
}
