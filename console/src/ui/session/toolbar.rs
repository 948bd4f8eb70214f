//! The session window's toolbar: consent requests (each button says where its request
//! stands), diagnostics and logs, quality, zoom, screenshot, and ending the session (with a
//! confirmation), wrapping onto a second row when the labels leave no room.

use egui::{Align, Layout, RichText};
use lifeline_protocol::consent::Capability;
use lifeline_protocol::i18n::Localizer;
use lifeline_protocol::messages::control::QualityHint;
use lifeline_protocol::tr;

use super::{FPS_CHOICES, SessionAction, SessionUi, SideTab};
use crate::net::SessionCommand;
use crate::state::SessionState;
use crate::state::consent::ConsentView;
use crate::ui::theme::BAD;

fn consent_button(
    ui: &mut egui::Ui,
    session: &SessionState,
    cap: Capability,
    label: &str,
    actions: &mut Vec<SessionAction>,
) {
    let loc = crate::ui::lang::loc(ui.ctx());
    let view = session.consent.get(cap);
    let enabled = session.is_active() && view.can_request();
    let text = match view {
        ConsentView::Granted { .. } => format!("✔ {label}"),
        ConsentView::Asking => tr!(loc, "session-asking", label = label),
        _ => label.to_owned(),
    };
    let response = ui
        .add_enabled(enabled, egui::Button::new(text))
        .on_hover_text(consent_tip(loc, cap, view))
        .on_disabled_hover_text(consent_tip(loc, cap, view));
    if response.clicked() {
        actions.push(SessionAction::Command(SessionCommand::Request(cap)));
    }
}

/// "Screen view: waiting for the customer".
fn consent_tip(loc: Localizer, cap: Capability, view: &ConsentView) -> String {
    let label = match cap {
        Capability::ScreenView => tr!(loc, "capability-screen"),
        Capability::RemoteControl => tr!(loc, "capability-control"),
        Capability::Diagnostics => tr!(loc, "capability-diagnostics"),
        Capability::LogFiles => tr!(loc, "capability-logs"),
    };
    tr!(
        loc,
        "session-consent-tip",
        label = label,
        state = view.label(loc)
    )
}

pub(super) fn toolbar_ui(
    ui: &mut egui::Ui,
    session: &mut SessionState,
    sui: &mut SessionUi,
    actions: &mut Vec<SessionAction>,
) {
    let live = session.is_active();
    let loc = crate::ui::lang::loc(ui.ctx());
    ui.horizontal_wrapped(|ui| {
        if !session.chat_only() {
            consent_button(
                ui,
                session,
                Capability::ScreenView,
                &tr!(loc, "session-request-screen"),
                actions,
            );
            consent_button(
                ui,
                session,
                Capability::RemoteControl,
                &tr!(loc, "session-request-control"),
                actions,
            );
            let pause = if session.view_paused {
                tr!(loc, "session-resume-view")
            } else {
                tr!(loc, "session-pause-view")
            };
            if ui.add_enabled(live, egui::Button::new(pause)).clicked() {
                session.view_paused = !session.view_paused;
                let fps = if session.view_paused { 1 } else { sui.max_fps };
                actions.push(SessionAction::Command(SessionCommand::Quality(
                    QualityHint {
                        max_fps: fps,
                        max_kbps: None,
                    },
                )));
                if !session.view_paused {
                    actions.push(SessionAction::Command(SessionCommand::Keyframe));
                }
            }
            if ui
                .add_enabled(
                    session.screen.size().is_some(),
                    egui::Button::new(tr!(loc, "session-screenshot")),
                )
                .on_hover_text(tr!(loc, "session-screenshot-tip"))
                .clicked()
            {
                actions.push(SessionAction::Screenshot);
            }
            let label = ui.label(tr!(loc, "session-quality"));
            let before = sui.max_fps;
            egui::ComboBox::from_id_salt("max-fps")
                .selected_text(tr!(loc, "session-fps", fps = sui.max_fps))
                .width(70.0)
                .show_ui(ui, |ui| {
                    for fps in FPS_CHOICES {
                        ui.selectable_value(
                            &mut sui.max_fps,
                            fps,
                            tr!(loc, "session-fps", fps = fps),
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            if sui.max_fps != before {
                actions.push(SessionAction::MaxFps(sui.max_fps));
                if live && !session.view_paused {
                    actions.push(SessionAction::Command(SessionCommand::Quality(
                        QualityHint {
                            max_fps: sui.max_fps,
                            max_kbps: None,
                        },
                    )));
                }
            }
            ui.separator();
        }
        if ui
            .add_enabled(
                live && !matches!(
                    session.diagnostics,
                    crate::state::diagnostics::DiagnosticsView::Waiting
                ),
                egui::Button::new(tr!(loc, "session-get-diagnostics")),
            )
            .clicked()
        {
            sui.side = SideTab::Diagnostics;
            actions.push(SessionAction::Command(SessionCommand::Diagnostics));
        }
        if ui
            .add_enabled(live, egui::Button::new(tr!(loc, "session-get-logs")))
            .clicked()
        {
            sui.side = SideTab::Files;
            actions.push(SessionAction::Command(SessionCommand::Logs));
        }
        let end = if session.is_ended() {
            RichText::new(tr!(loc, "session-close-tab"))
        } else {
            RichText::new(tr!(loc, "session-end")).color(egui::Color32::WHITE)
        };
        // Longer labels (French, Spanish) can leave too little room at the end of the row:
        // the button goes to the next row rather than over the last ones.
        let galley = egui::WidgetText::from(end.clone()).into_galley(
            ui,
            Some(egui::TextWrapMode::Extend),
            f32::INFINITY,
            egui::TextStyle::Button,
        );
        let needed = galley.size().x + 2.0 * ui.spacing().button_padding.x;
        if ui.available_size_before_wrap().x < needed + ui.spacing().item_spacing.x {
            ui.end_row();
        }
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if session.is_ended() {
                if ui.button(end).clicked() {
                    actions.push(SessionAction::Close);
                }
            } else if ui.add(egui::Button::new(end).fill(BAD)).clicked() {
                sui.confirm_end = true;
            }
        });
    });
}
