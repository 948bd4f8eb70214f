//! The bar above the phone and the chat: where the session stands (sharing, control) and the
//! customer's buttons — pause or resume sharing, stop control, exit, and close once over.

use egui::{Align, Color32, Layout, RichText};
use lifeline_protocol::tr;

use super::model::{Phase, SessionModel};
use crate::session::CustomerCommand;

/// What the customer asked for in the bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BarAction {
    /// A command for the session.
    Command(CustomerCommand),
    /// Close the window.
    Close,
}

fn dot(ui: &mut egui::Ui, color: Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
    ui.painter().circle_filled(rect.center(), 5.0, color);
}

/// Draws the bar; returns what the customer clicked.
pub(crate) fn ui(ui: &mut egui::Ui, model: &SessionModel) -> Option<BarAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        let (color, strong) = match &model.phase {
            Phase::Live if model.status.sharing => (Color32::from_rgb(220, 60, 50), true),
            Phase::Live if model.status.paused => (Color32::from_rgb(230, 160, 30), true),
            Phase::Live => (Color32::from_rgb(60, 170, 90), false),
            Phase::Joining(_) | Phase::Waiting => (Color32::from_rgb(90, 140, 220), false),
            Phase::Failed(_) | Phase::Ended(_) => (Color32::GRAY, false),
        };
        dot(ui, color);
        let text = RichText::new(model.status_line());
        ui.label(if strong { text.strong() } else { text });

        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if model.is_over() {
                if ui.button(tr!(model.loc, "window-close")).clicked() {
                    action = Some(BarAction::Close);
                }
                return;
            }
            if ui.button(tr!(model.loc, "window-exit")).clicked() {
                action = Some(if model.is_live() {
                    BarAction::Command(CustomerCommand::Exit)
                } else {
                    // Not started yet: nothing to leave but the window.
                    BarAction::Close
                });
            }
            if !model.is_live() {
                return;
            }
            let s = model.status;
            if ui
                .add_enabled(
                    s.control_granted,
                    egui::Button::new(tr!(model.loc, "window-stop-control")),
                )
                .on_hover_text(tr!(model.loc, "window-stop-control-tip"))
                .clicked()
            {
                action = Some(BarAction::Command(CustomerCommand::StopControl));
            }
            let (label, paused) = if s.paused {
                (tr!(model.loc, "window-resume"), false)
            } else {
                (tr!(model.loc, "window-pause"), true)
            };
            if ui
                .add_enabled(s.screen_granted, egui::Button::new(label))
                .clicked()
            {
                action = Some(BarAction::Command(CustomerCommand::PauseSharing(paused)));
            }
        });
    });
    action
}
