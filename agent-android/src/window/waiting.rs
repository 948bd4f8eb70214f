//! What the chat side shows before the session starts (joining, waiting for the technician)
//! and when joining failed.

use egui::{Align, Layout, RichText};

use super::model::{Phase, SessionModel};

/// Draws the waiting card centred in `ui`.
pub(crate) fn ui(ui: &mut egui::Ui, model: &SessionModel) {
    ui.with_layout(Layout::top_down(Align::Center), |ui| {
        ui.add_space((ui.available_height() * 0.3).max(12.0));
        match &model.phase {
            Phase::Joining(detail) => {
                ui.add(egui::Spinner::new().size(36.0));
                ui.add_space(12.0);
                ui.heading("Connecting…");
                ui.add_space(6.0);
                ui.label(detail);
            }
            Phase::Waiting => {
                ui.add(egui::Spinner::new().size(36.0));
                ui.add_space(12.0);
                ui.heading("Waiting for your technician");
                ui.add_space(6.0);
                ui.label("You are connected. Your technician will open the session shortly.");
                ui.add_space(4.0);
                ui.label(
                    RichText::new("Nothing on your phone is shared until you allow it.").weak(),
                );
            }
            Phase::Failed(reason) => {
                ui.heading("Could not join");
                ui.add_space(6.0);
                ui.label(reason);
                ui.add_space(4.0);
                ui.label(
                    RichText::new("Check the link from your technician and try again.").weak(),
                );
            }
            Phase::Live | Phase::Ended(_) => {}
        }
    });
}
