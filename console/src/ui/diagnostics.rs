//! The diagnostics panel: ask, wait for the customer, then the report as grouped tables
//! with a filter, copy, export to JSON and refresh. A refusal is shown as such.

use egui::{CollapsingHeader, Grid, RichText, ScrollArea, TextEdit};
use lifeline_protocol::tr;

use super::format;
use super::theme::{self, WARN};
use crate::state::SessionState;
use crate::state::diagnostics::{self, DiagnosticsView};

/// What the technician did in the panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiagnosticsAction {
    /// Ask the phone (again).
    Request,
    /// Put the report on the clipboard as text.
    Copy(String),
    /// Save the report as JSON.
    Export(String),
}

/// The panel. `filter` is the filter box's text.
pub fn diagnostics_ui(
    ui: &mut egui::Ui,
    session: &SessionState,
    filter: &mut String,
) -> Vec<DiagnosticsAction> {
    let mut actions = Vec::new();
    let live = session.is_active();
    let loc = super::lang::loc(ui.ctx());
    match &session.diagnostics {
        DiagnosticsView::Idle => {
            ui.add_space(8.0);
            ui.label(tr!(loc, "diag-intro"));
            ui.add_space(6.0);
            if ui
                .add_enabled(live, theme::primary_button(tr!(loc, "diag-request")))
                .clicked()
            {
                actions.push(DiagnosticsAction::Request);
            }
        }
        DiagnosticsView::Waiting => {
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(tr!(loc, "diag-waiting"));
            });
        }
        DiagnosticsView::Refused(reason) => {
            ui.add_space(8.0);
            ui.label(RichText::new(tr!(loc, "diag-refused", reason = reason.as_str())).color(WARN));
            ui.add_space(6.0);
            if ui
                .add_enabled(live, egui::Button::new(tr!(loc, "diag-ask-again")))
                .clicked()
            {
                actions.push(DiagnosticsAction::Request);
            }
        }
        DiagnosticsView::Report { at, report } => {
            let groups = diagnostics::groups(report, loc);
            ui.horizontal_wrapped(|ui| {
                let label = ui.label(tr!(loc, "diag-filter"));
                ui.add(
                    TextEdit::singleline(filter)
                        .hint_text(tr!(loc, "diag-filter-hint"))
                        .desired_width(140.0),
                )
                .labelled_by(label.id);
                if ui.button(tr!(loc, "diag-copy")).clicked() {
                    actions.push(DiagnosticsAction::Copy(diagnostics::to_text(&groups)));
                }
                if ui.button(tr!(loc, "diag-export")).clicked() {
                    let json = serde_json::to_string_pretty(report.as_ref()).unwrap_or_default();
                    actions.push(DiagnosticsAction::Export(json));
                }
                if ui
                    .add_enabled(live, egui::Button::new(tr!(loc, "diag-refresh")))
                    .clicked()
                {
                    actions.push(DiagnosticsAction::Request);
                }
            });
            ui.weak(tr!(
                loc,
                "diag-received",
                time = format::clock_seconds(*at, loc)
            ));
            ui.separator();
            ScrollArea::vertical()
                .id_salt("diagnostics-scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    let mut shown = 0;
                    for group in groups.iter().filter_map(|g| g.filtered(filter)) {
                        shown += 1;
                        let big = group.rows.len() > 12;
                        CollapsingHeader::new(RichText::new(&group.title).strong())
                            .id_salt(&group.title)
                            .default_open(!big || !filter.trim().is_empty())
                            .show(ui, |ui| {
                                if group.rows.is_empty() {
                                    ui.weak(tr!(loc, "diag-nothing"));
                                    return;
                                }
                                Grid::new(("diag-grid", &group.title))
                                    .num_columns(2)
                                    .min_col_width(120.0)
                                    .striped(true)
                                    .spacing([16.0, 4.0])
                                    .show(ui, |ui| {
                                        for (label, value) in &group.rows {
                                            ui.label(RichText::new(label).weak());
                                            ui.label(value);
                                            ui.end_row();
                                        }
                                    });
                            });
                    }
                    if shown == 0 {
                        ui.weak(tr!(loc, "diag-no-match"));
                    }
                });
        }
    }
    actions
}
