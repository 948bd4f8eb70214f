//! The Sessions list: filters, search, and one row per record.

use egui::{Grid, RichText, ScrollArea, TextEdit};

use super::{ReviewAction, ReviewUi};
use crate::net::ReviewRequest;
use crate::state::review::{Outcome, OutcomeFilter};
use crate::ui::{format, theme};

fn outcome_label(filter: OutcomeFilter) -> &'static str {
    match filter {
        OutcomeFilter::Any => "Any outcome",
        OutcomeFilter::None => "No wrap-up",
        OutcomeFilter::Is(o) => o.label(),
    }
}

fn field(ui: &mut egui::Ui, label: &str, text: &mut String, hint: &str, width: f32) -> bool {
    let label = ui.label(label);
    let edit = ui
        .add(
            TextEdit::singleline(text)
                .hint_text(hint)
                .desired_width(width),
        )
        .labelled_by(label.id);
    edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
}

/// The list; returns what was asked for.
pub fn list_ui(ui: &mut egui::Ui, review: &mut ReviewUi) -> Vec<ReviewAction> {
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        ui.heading("Sessions");
        if review.loading {
            ui.spinner();
        }
    });
    ui.add_space(4.0);
    let mut search = false;
    theme::card(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            let q = &mut review.query;
            search |= field(
                ui,
                "Search",
                &mut q.text,
                "name, identifier or chat text",
                220.0,
            );
            search |= field(ui, "Technician", &mut q.technician, "any", 100.0);
            search |= field(ui, "Portal", &mut q.portal, "any", 90.0);
            search |= field(ui, "From", &mut q.from, "YYYY-MM-DD", 90.0);
            search |= field(ui, "To", &mut q.to, "YYYY-MM-DD", 90.0);
            egui::ComboBox::from_id_salt("outcome-filter")
                .selected_text(outcome_label(q.outcome))
                .show_ui(ui, |ui| {
                    for choice in [OutcomeFilter::Any, OutcomeFilter::None]
                        .into_iter()
                        .chain(Outcome::ALL.map(OutcomeFilter::Is))
                    {
                        if ui
                            .selectable_value(&mut q.outcome, choice, outcome_label(choice))
                            .changed()
                        {
                            search = true;
                        }
                    }
                });
            if ui.button("Search").clicked() {
                search = true;
            }
        });
        if let Some(problem) = review.query.problem() {
            ui.label(RichText::new(problem).color(theme::WARN));
        }
    });
    if search && review.query.problem().is_none() {
        actions.push(review.list_request());
    }
    if let Some(error) = &review.error {
        ui.label(RichText::new(error).color(theme::BAD));
    }
    if review.opening.is_some() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Opening the record…");
        });
    }
    ui.add_space(6.0);
    if review.rows.is_empty() && !review.loading {
        ui.weak("No session records match.");
        return actions;
    }
    ScrollArea::vertical()
        .id_salt("records-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            Grid::new("records-grid")
                .num_columns(8)
                .striped(true)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    for title in [
                        "Started",
                        "Customer",
                        "Identifier",
                        "Technician",
                        "Portal",
                        "Duration",
                        "Outcome",
                        "",
                    ] {
                        ui.label(RichText::new(title).small().weak());
                    }
                    ui.end_row();
                    for row in &review.rows {
                        ui.label(format::date_time(row.started_at));
                        ui.label(&row.customer_name);
                        ui.label(row.identifier.as_deref().unwrap_or("—"));
                        ui.label(&row.technician.name);
                        ui.label(&row.portal);
                        ui.label(row.duration_ms.map_or_else(
                            || "running".to_owned(),
                            |ms| crate::state::review::export::clock(ms * 1000),
                        ));
                        ui.label(row.outcome.map_or("—", Outcome::label));
                        if ui
                            .button("Open")
                            .on_hover_text(format!("Session {} (code {})", row.id, row.code))
                            .clicked()
                        {
                            review.opening = Some(row.id);
                            actions.push(ReviewAction::Request(ReviewRequest::Open(row.id)));
                        }
                        ui.end_row();
                    }
                });
        });
    actions
}
