//! The Sessions list: filters, search, and one row per record.

use egui::{Grid, RichText, ScrollArea, TextEdit};
use lifeline_protocol::i18n::Localizer;
use lifeline_protocol::tr;

use super::{ReviewAction, ReviewUi};
use crate::net::ReviewRequest;
use crate::state::review::{Outcome, OutcomeFilter};
use crate::ui::{format, theme};

fn outcome_label(filter: OutcomeFilter, loc: Localizer) -> String {
    match filter {
        OutcomeFilter::Any => tr!(loc, "review-outcome-any"),
        OutcomeFilter::None => tr!(loc, "review-outcome-none"),
        OutcomeFilter::Is(o) => o.label(loc),
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
    let loc = crate::ui::lang::loc(ui.ctx());
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        ui.heading(tr!(loc, "review-title"));
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
            let any = tr!(loc, "review-any");
            let date = tr!(loc, "review-date-hint");
            search |= field(
                ui,
                &tr!(loc, "review-search"),
                &mut q.text,
                &tr!(loc, "review-search-hint"),
                270.0,
            );
            search |= field(
                ui,
                &tr!(loc, "review-technician"),
                &mut q.technician,
                &any,
                100.0,
            );
            search |= field(ui, &tr!(loc, "review-portal"), &mut q.portal, &any, 90.0);
            search |= field(ui, &tr!(loc, "review-from"), &mut q.from, &date, 110.0);
            search |= field(ui, &tr!(loc, "review-to"), &mut q.to, &date, 110.0);
            egui::ComboBox::from_id_salt("outcome-filter")
                .selected_text(outcome_label(q.outcome, loc))
                .show_ui(ui, |ui| {
                    for choice in [OutcomeFilter::Any, OutcomeFilter::None]
                        .into_iter()
                        .chain(Outcome::ALL.map(OutcomeFilter::Is))
                    {
                        if ui
                            .selectable_value(&mut q.outcome, choice, outcome_label(choice, loc))
                            .changed()
                        {
                            search = true;
                        }
                    }
                });
            if ui.button(tr!(loc, "review-search-button")).clicked() {
                search = true;
            }
        });
        if let Some(problem) = review.query.problem(loc) {
            ui.label(RichText::new(problem).color(theme::WARN));
        }
    });
    if search && review.query.problem(loc).is_none() {
        actions.push(review.list_request());
    }
    if let Some(error) = &review.error {
        ui.label(RichText::new(error).color(theme::BAD));
    }
    if review.opening.is_some() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(tr!(loc, "review-opening"));
        });
    }
    ui.add_space(6.0);
    if review.rows.is_empty() && !review.loading {
        ui.weak(tr!(loc, "review-no-match"));
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
                        tr!(loc, "review-column-started"),
                        tr!(loc, "review-column-customer"),
                        tr!(loc, "review-column-identifier"),
                        tr!(loc, "review-column-technician"),
                        tr!(loc, "review-column-portal"),
                        tr!(loc, "review-column-duration"),
                        tr!(loc, "review-column-outcome"),
                        String::new(),
                    ] {
                        ui.label(RichText::new(title).small().weak());
                    }
                    ui.end_row();
                    for row in &review.rows {
                        ui.label(format::date_time(row.started_at, loc));
                        ui.label(&row.customer_name);
                        ui.label(row.identifier.as_deref().unwrap_or("—"));
                        ui.label(&row.technician.name);
                        ui.label(&row.portal);
                        ui.label(row.duration_ms.map_or_else(
                            || tr!(loc, "review-running"),
                            |ms| crate::state::review::export::clock(ms * 1000),
                        ));
                        ui.label(row.outcome.map_or_else(|| "—".to_owned(), |o| o.label(loc)));
                        if ui
                            .button(tr!(loc, "review-open"))
                            .on_hover_text(tr!(
                                loc,
                                "review-open-tip",
                                id = row.id,
                                code = row.code.as_str()
                            ))
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
