//! The wrap-up of an ended session: resolved / unresolved / follow-up, and notes.

use egui::{RichText, TextEdit};
use lifeline_protocol::tr;

use crate::net::ReviewRequest;
use crate::state::review::Outcome;
use crate::ui::theme;

/// One session's wrap-up form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WrapUpForm {
    /// The outcome picked.
    pub outcome: Option<Outcome>,
    /// Notes.
    pub notes: String,
    /// Sent, waiting for the relay.
    pub saving: bool,
    /// The relay has it.
    pub saved: bool,
    /// Why saving failed.
    pub error: Option<String>,
}

/// The form for session `session_id`; returns the request when Save was pressed.
pub fn wrapup_ui(
    ui: &mut egui::Ui,
    session_id: u64,
    form: &mut WrapUpForm,
) -> Option<ReviewRequest> {
    let loc = crate::ui::lang::loc(ui.ctx());
    let mut request = None;
    theme::card(ui).show(ui, |ui| {
        ui.label(RichText::new(tr!(loc, "wrapup-title")).strong());
        if form.saved {
            ui.label(RichText::new(tr!(loc, "wrapup-saved")).color(theme::GOOD));
        }
        ui.horizontal(|ui| {
            for outcome in Outcome::ALL {
                ui.radio_value(&mut form.outcome, Some(outcome), outcome.label(loc));
            }
        });
        let label = ui.label(tr!(loc, "wrapup-notes"));
        ui.add(
            TextEdit::multiline(&mut form.notes)
                .hint_text(tr!(loc, "wrapup-notes-hint"))
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        ui.horizontal(|ui| {
            let ready = form.outcome.is_some() && !form.saving;
            let text = if form.saved {
                tr!(loc, "wrapup-save-again")
            } else {
                tr!(loc, "wrapup-save")
            };
            if ui.add_enabled(ready, egui::Button::new(text)).clicked()
                && let Some(outcome) = form.outcome
            {
                form.saving = true;
                form.error = None;
                request = Some(ReviewRequest::WrapUp {
                    session_id,
                    outcome,
                    notes: form.notes.clone(),
                });
            }
            if form.saving {
                ui.spinner();
            }
        });
        if let Some(error) = &form.error {
            ui.label(RichText::new(error).color(theme::BAD));
        }
    });
    request
}
