//! An opened record: the toolbar (back, exports), the player, and a side panel with the
//! chat (scrolling along with playback), events (the current ones highlighted),
//! diagnostics, files and details (who, when, device, duration, outcome, notes, access log).

use std::time::Instant;

use egui::{Grid, RichText, ScrollArea};
use lifeline_protocol::i18n::{Language, Localizer};
use lifeline_protocol::record::RecordItem;
use lifeline_protocol::tr;

use super::player::{CURRENT_WINDOW_US, controls_ui, frame_ui, tick};
use super::{OpenRecord, ReviewAction, ReviewUi};
use crate::state::diagnostics::{groups, human_bytes};
use crate::state::review::describe::{describe, party, party_named};
use crate::state::review::export::{clock, frame_png, transcript_text};
use crate::state::review::reasons::recorded_reason;
use crate::ui::{format, theme};

/// The side panel's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordTab {
    /// Chat up to the current moment.
    Chat,
    /// Every event, the current ones highlighted.
    Events,
    /// Diagnostics reports.
    Diagnostics,
    /// Files received.
    Files,
    /// Who, when, outcome, access log.
    Details,
}

impl RecordTab {
    const ALL: [RecordTab; 5] = [
        Self::Chat,
        Self::Events,
        Self::Diagnostics,
        Self::Files,
        Self::Details,
    ];

    fn label(self, loc: Localizer) -> String {
        match self {
            Self::Chat => tr!(loc, "review-tab-chat"),
            Self::Events => tr!(loc, "review-tab-events"),
            Self::Diagnostics => tr!(loc, "review-tab-diagnostics"),
            Self::Files => tr!(loc, "review-tab-files"),
            Self::Details => tr!(loc, "review-tab-details"),
        }
    }
}

/// `Session 7 — amy with Marie`; in English for the exported transcript (a record format).
fn title(open: &OpenRecord, loc: Localizer) -> String {
    let row = &open.details.row;
    tr!(
        loc,
        "review-record-title",
        id = row.id,
        technician = row.technician.name.as_str(),
        customer = row.customer_name.as_str()
    )
}

/// The record; returns what was asked for.
pub fn record_ui(ui: &mut egui::Ui, review: &mut ReviewUi, now: Instant) -> Vec<ReviewAction> {
    let loc = crate::ui::lang::loc(ui.ctx());
    let mut actions = Vec::new();
    let mut close = false;
    let Some(open) = review.open.as_mut() else {
        return actions;
    };
    tick(open, now);
    if open.player.is_playing() {
        ui.ctx().request_repaint();
    }
    ui.horizontal(|ui| {
        if ui.button(tr!(loc, "review-back")).clicked() {
            close = true;
        }
        ui.heading(title(open, loc));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button(tr!(loc, "review-export-frame")).clicked()
                && let Some(frame) = open.player.frame()
            {
                match frame_png(frame) {
                    Ok(bytes) => actions.push(ReviewAction::SavePng {
                        name: format!(
                            "session-{}-{}.png",
                            open.details.row.id,
                            clock(open.player.position_us()).replace(':', "-")
                        ),
                        bytes,
                    }),
                    Err(reason) => tracing::warn!("the frame was not exported: {reason}"),
                }
            }
            if ui.button(tr!(loc, "review-export-transcript")).clicked() {
                let english = Localizer::new(Language::En);
                actions.push(ReviewAction::SaveText {
                    name: format!("session-{}-transcript.txt", open.details.row.id),
                    text: transcript_text(open.player.recording(), &title(open, english)),
                });
            }
        });
    });
    let missing = &open.player.recording().missing_chunks;
    if !missing.is_empty() {
        let chunks = missing
            .iter()
            .map(|n| loc.integer(i64::from(*n)))
            .collect::<Vec<_>>()
            .join(", ");
        ui.label(
            RichText::new(tr!(
                loc,
                "review-missing-chunks",
                count = missing.len(),
                chunks = chunks
            ))
            .color(theme::WARN),
        );
    }
    egui::Panel::right("record-side")
        .resizable(true)
        .default_size(340.0)
        .show(ui, |ui| actions.extend(side_ui(ui, open)));
    egui::CentralPanel::default().show(ui, |ui| {
        egui::Panel::bottom("record-controls").show(ui, |ui| controls_ui(ui, open, now));
        egui::CentralPanel::default().show(ui, |ui| frame_ui(ui, open));
    });
    if close {
        review.open = None;
    }
    actions
}

fn side_ui(ui: &mut egui::Ui, open: &mut OpenRecord) -> Vec<ReviewAction> {
    let loc = crate::ui::lang::loc(ui.ctx());
    ui.horizontal(|ui| {
        for tab in RecordTab::ALL {
            ui.selectable_value(&mut open.tab, tab, tab.label(loc));
        }
    });
    ui.separator();
    match open.tab {
        RecordTab::Chat => chat_ui(ui, open, loc),
        RecordTab::Events => events_ui(ui, open, loc),
        RecordTab::Diagnostics => diagnostics_ui(ui, open, loc),
        RecordTab::Files => return super::files::files_ui(ui, open, loc),
        RecordTab::Details => details_ui(ui, open, loc),
    }
    Vec::new()
}

fn chat_ui(ui: &mut egui::Ui, open: &OpenRecord, loc: Localizer) {
    let at = open.player.position_us();
    let lines = open.player.recording().chat_until(at);
    if lines.is_empty() {
        ui.weak(tr!(loc, "review-no-chat"));
        return;
    }
    ScrollArea::vertical()
        .id_salt("record-chat")
        .stick_to_bottom(true)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (at_us, chat) in lines {
                let who = party(chat.from, loc);
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(clock(at_us)).small().weak());
                    ui.label(RichText::new(who).strong());
                    ui.label(&chat.text);
                });
            }
        });
}

fn events_ui(ui: &mut egui::Ui, open: &mut OpenRecord, loc: Localizer) {
    let at = open.player.position_us();
    let current = open.player.recording().current(at, CURRENT_WINDOW_US);
    let mut seek = None;
    ScrollArea::vertical()
        .id_salt("record-events")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (index, item) in open.player.recording().items.iter().enumerate() {
                if matches!(item.item, RecordItem::Chat(_)) {
                    continue;
                }
                let Some(text) = describe(&item.item, loc) else {
                    continue;
                };
                let mut line = RichText::new(format!("{}  {text}", clock(item.at_us)));
                if current.contains(&index) {
                    line = line.strong().color(theme::ACCENT);
                } else if item.at_us > at {
                    line = line.weak();
                }
                if ui
                    .selectable_label(current.contains(&index), line)
                    .on_hover_text(tr!(loc, "review-go-to"))
                    .clicked()
                {
                    seek = Some(item.at_us);
                }
            }
        });
    if let Some(at) = seek {
        open.player.seek(at);
    }
}

fn diagnostics_ui(ui: &mut egui::Ui, open: &OpenRecord, loc: Localizer) {
    let reports: Vec<_> = open
        .player
        .recording()
        .items
        .iter()
        .filter_map(|i| match &i.item {
            RecordItem::Diagnostics(report) => Some((i.at_us, report)),
            _ => None,
        })
        .collect();
    if reports.is_empty() {
        ui.weak(tr!(loc, "review-no-diagnostics"));
        return;
    }
    ScrollArea::vertical()
        .id_salt("record-diagnostics")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (n, (at_us, report)) in reports.into_iter().enumerate() {
                ui.label(RichText::new(tr!(loc, "review-report-at", time = clock(at_us))).strong());
                for (g, group) in groups(report, loc).into_iter().enumerate() {
                    egui::CollapsingHeader::new(&group.title)
                        .id_salt(("record-diag", n, g))
                        .show(ui, |ui| {
                            Grid::new(("record-diag-grid", n, g))
                                .num_columns(2)
                                .striped(true)
                                .show(ui, |ui| {
                                    for (label, value) in &group.rows {
                                        ui.label(RichText::new(label).weak());
                                        ui.label(value);
                                        ui.end_row();
                                    }
                                });
                        });
                }
            }
        });
}

fn details_ui(ui: &mut egui::Ui, open: &OpenRecord, loc: Localizer) {
    let d = &open.details;
    let row = &d.row;
    ScrollArea::vertical()
        .id_salt("record-details")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            Grid::new("record-details-grid")
                .num_columns(2)
                .spacing([12.0, 4.0])
                .show(ui, |ui| {
                    let mut line = |label: String, value: String| {
                        ui.label(RichText::new(label).weak());
                        ui.label(value);
                        ui.end_row();
                    };
                    line(
                        tr!(loc, "review-detail-technician"),
                        row.technician.name.clone(),
                    );
                    line(
                        tr!(loc, "review-detail-customer"),
                        row.customer_name.clone(),
                    );
                    line(
                        tr!(loc, "review-detail-identifier"),
                        row.identifier.clone().unwrap_or_else(|| "—".into()),
                    );
                    line(tr!(loc, "review-detail-code"), row.code.clone());
                    line(tr!(loc, "review-detail-portal"), row.portal.clone());
                    line(
                        tr!(loc, "review-detail-device"),
                        tr!(
                            loc,
                            "session-device",
                            make = row.device.manufacturer.as_str(),
                            model = row.device.model.as_str(),
                            version = row.device.android_version.as_str()
                        ),
                    );
                    line(
                        tr!(loc, "review-detail-started"),
                        format::date_time(row.started_at, loc),
                    );
                    line(
                        tr!(loc, "review-detail-duration"),
                        row.duration_ms.map_or_else(
                            || tr!(loc, "review-still-running"),
                            |ms| clock(ms * 1000),
                        ),
                    );
                    line(
                        tr!(loc, "review-detail-ended-by"),
                        match (&d.ended_by, &d.end_reason) {
                            (Some(by), Some(reason)) => {
                                tr!(
                                    loc,
                                    "review-ended-by-value",
                                    by = party_named(by, loc),
                                    reason = recorded_reason(reason, loc)
                                )
                            }
                            (Some(by), None) => party_named(by, loc),
                            _ => "—".into(),
                        },
                    );
                    line(
                        tr!(loc, "review-detail-outcome"),
                        d.wrapup
                            .as_ref()
                            .map_or_else(|| tr!(loc, "review-no-wrapup"), |w| w.outcome.label(loc)),
                    );
                    if let Some(w) = &d.wrapup {
                        line(tr!(loc, "review-detail-notes"), w.notes.clone());
                    }
                    line(
                        tr!(loc, "review-detail-recording"),
                        human_bytes(row.recording_bytes, loc),
                    );
                });
            ui.add_space(8.0);
            ui.label(RichText::new(tr!(loc, "review-access-log")).strong());
            for access in &d.access_log {
                let when = format::date_time(access.at, loc);
                let user = access.user.as_str();
                ui.label(if let Some(file) = &access.file {
                    tr!(
                        loc,
                        "review-access-downloaded-file",
                        user = user,
                        file = file.as_str(),
                        when = when
                    )
                } else if access.action == "download" {
                    tr!(loc, "review-access-downloaded", user = user, when = when)
                } else {
                    tr!(loc, "review-access-opened", user = user, when = when)
                });
            }
        });
}
