//! The bar above the phone and the chat: where the session stands (sharing, control) and the
//! customer's buttons — pause or resume sharing, stop control, exit, and close once over.

use egui::{Align, Color32, Layout, RichText};

use super::model::{Phase, SessionModel};
use crate::session::CustomerCommand;

/// The buttons' texts (tests click them by these).
pub(crate) const PAUSE: &str = "Pause sharing";
pub(crate) const RESUME: &str = "Resume sharing";
pub(crate) const STOP_CONTROL: &str = "Stop control";
pub(crate) const EXIT: &str = "Exit session";
pub(crate) const CLOSE: &str = "Close window";

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
                if ui.button(CLOSE).clicked() {
                    action = Some(BarAction::Close);
                }
                return;
            }
            if ui.button(EXIT).clicked() {
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
                .add_enabled(s.control_granted, egui::Button::new(STOP_CONTROL))
                .on_hover_text("The technician can no longer tap or type on your phone")
                .clicked()
            {
                action = Some(BarAction::Command(CustomerCommand::StopControl));
            }
            let (label, paused) = if s.paused {
                (RESUME, false)
            } else {
                (PAUSE, true)
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
