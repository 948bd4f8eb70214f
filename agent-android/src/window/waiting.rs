//! What the chat side shows before the session starts (joining, waiting for the technician)
//! and when joining failed.

use egui::{Align, Layout, RichText};

use lifeline_protocol::tr;

use super::model::{Phase, SessionModel};

/// Draws the waiting card centred in `ui`.
pub(crate) fn ui(ui: &mut egui::Ui, model: &SessionModel) {
    let loc = model.loc;
    ui.with_layout(Layout::top_down(Align::Center), |ui| {
        ui.add_space((ui.available_height() * 0.3).max(12.0));
        match &model.phase {
            Phase::Joining(detail) => {
                ui.add(egui::Spinner::new().size(36.0));
                ui.add_space(12.0);
                ui.heading(tr!(loc, "window-connecting"));
                ui.add_space(6.0);
                ui.label(detail);
            }
            Phase::Waiting => {
                ui.add(egui::Spinner::new().size(36.0));
                ui.add_space(12.0);
                ui.heading(tr!(loc, "window-waiting-title"));
                ui.add_space(6.0);
                ui.label(tr!(loc, "window-waiting-body"));
                ui.add_space(4.0);
                ui.label(RichText::new(tr!(loc, "window-waiting-note")).weak());
            }
            Phase::Failed(reason) => {
                ui.heading(tr!(loc, "window-join-failed"));
                ui.add_space(6.0);
                ui.label(reason);
                ui.add_space(4.0);
                ui.label(RichText::new(tr!(loc, "window-join-failed-hint")).weak());
            }
            Phase::Live | Phase::Ended(_) => {}
        }
    });
}
