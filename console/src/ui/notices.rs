//! Notices at the bottom of the window: errors in plain words, confirmations.

use egui::RichText;

use super::theme::{BAD, GOOD};
use crate::state::console::Notice;

/// The notices, newest last.
pub fn notices_ui(ui: &mut egui::Ui, notices: &[Notice]) {
    ui.add_space(4.0);
    for notice in notices {
        let (mark, color) = if notice.error {
            ("⚠", BAD)
        } else {
            ("✔", GOOD)
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(mark).color(color));
            ui.label(&notice.text);
        });
    }
    ui.add_space(2.0);
}
