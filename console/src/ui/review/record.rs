//! An opened record: the toolbar (back, exports), the player, and a side panel with the
//! chat (scrolling along with playback), events (the current ones highlighted),
//! diagnostics, files and details (who, when, device, duration, outcome, notes, access log).

use std::time::Instant;

use egui::{Grid, RichText, ScrollArea};
use lifeline_protocol::messages::Party;
use lifeline_protocol::record::RecordItem;

use super::player::{CURRENT_WINDOW_US, controls_ui, frame_ui, tick};
use super::{OpenRecord, ReviewAction, ReviewUi};
use crate::state::diagnostics::{groups, human_bytes};
use crate::state::review::export::{clock, frame_png, transcript_text};
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

    fn label(self) -> &'static str {
        match self {
            Self::Chat => "Chat",
            Self::Events => "Events",
            Self::Diagnostics => "Diagnostics",
            Self::Files => "Files",
            Self::Details => "Details",
        }
    }
}

fn title(open: &OpenRecord) -> String {
    let row = &open.details.row;
    format!(
        "Session {} — {} with {}",
        row.id, row.technician.name, row.customer_name
    )
}

/// The record; returns what was asked for.
pub fn record_ui(ui: &mut egui::Ui, review: &mut ReviewUi, now: Instant) -> Vec<ReviewAction> {
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
        if ui.button("Back to Sessions").clicked() {
            close = true;
        }
        ui.heading(title(open));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Export frame (PNG)").clicked()
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
            if ui.button("Export transcript").clicked() {
                actions.push(ReviewAction::SaveText {
                    name: format!("session-{}-transcript.txt", open.details.row.id),
                    text: transcript_text(open.player.recording(), &title(open)),
                });
            }
        });
    });
    if !open.player.recording().missing_chunks.is_empty() {
        ui.label(
            RichText::new(format!(
                "Parts of this recording never reached the server (chunks {:?}).",
                open.player.recording().missing_chunks
            ))
            .color(theme::WARN),
        );
    }
    egui::Panel::right("record-side")
        .resizable(true)
        .default_size(340.0)
        .show(ui, |ui| side_ui(ui, open));
    egui::CentralPanel::default().show(ui, |ui| {
        egui::Panel::bottom("record-controls").show(ui, |ui| controls_ui(ui, open, now));
        egui::CentralPanel::default().show(ui, |ui| frame_ui(ui, open));
    });
    if close {
        review.open = None;
    }
    actions
}

fn side_ui(ui: &mut egui::Ui, open: &mut OpenRecord) {
    ui.horizontal(|ui| {
        for tab in RecordTab::ALL {
            ui.selectable_value(&mut open.tab, tab, tab.label());
        }
    });
    ui.separator();
    match open.tab {
        RecordTab::Chat => chat_ui(ui, open),
        RecordTab::Events => events_ui(ui, open),
        RecordTab::Diagnostics => diagnostics_ui(ui, open),
        RecordTab::Files => files_ui(ui, open),
        RecordTab::Details => details_ui(ui, open),
    }
}

fn chat_ui(ui: &mut egui::Ui, open: &OpenRecord) {
    let at = open.player.position_us();
    let lines = open.player.recording().chat_until(at);
    if lines.is_empty() {
        ui.weak("No chat up to this moment.");
        return;
    }
    ScrollArea::vertical()
        .id_salt("record-chat")
        .stick_to_bottom(true)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (at_us, chat) in lines {
                let who = match chat.from {
                    Party::Technician => "Technician",
                    Party::Customer => "Customer",
                    Party::Relay => "Relay",
                };
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(clock(at_us)).small().weak());
                    ui.label(RichText::new(who).strong());
                    ui.label(&chat.text);
                });
            }
        });
}

fn events_ui(ui: &mut egui::Ui, open: &mut OpenRecord) {
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
                let Some(text) = item.item.describe() else {
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
                    .on_hover_text("Go to this moment")
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

fn diagnostics_ui(ui: &mut egui::Ui, open: &OpenRecord) {
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
        ui.weak("No diagnostics were shared in this session.");
        return;
    }
    ScrollArea::vertical()
        .id_salt("record-diagnostics")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (n, (at_us, report)) in reports.into_iter().enumerate() {
                ui.label(RichText::new(format!("Report at {}", clock(at_us))).strong());
                for group in groups(report, crate::ui::lang::loc(ui.ctx())) {
                    egui::CollapsingHeader::new(group.title.clone())
                        .id_salt(("record-diag", n, group.title.clone()))
                        .show(ui, |ui| {
                            Grid::new(("record-diag-grid", n, group.title.clone()))
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

fn files_ui(ui: &mut egui::Ui, open: &OpenRecord) {
    let mut any = false;
    Grid::new("record-files")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            for item in &open.player.recording().items {
                if let RecordItem::File { name, size, sha256 } = &item.item {
                    any = true;
                    ui.label(clock(item.at_us));
                    ui.label(name)
                        .on_hover_text(format!("SHA-256 {}", hex::encode(sha256)));
                    ui.label(human_bytes(*size, crate::ui::lang::loc(ui.ctx())));
                    ui.end_row();
                }
            }
        });
    if !any {
        ui.weak("No files were received in this session.");
    } else {
        ui.weak("Files were saved on the technician's computer; their SHA-256 identifies them.");
    }
}

fn details_ui(ui: &mut egui::Ui, open: &OpenRecord) {
    let loc = crate::ui::lang::loc(ui.ctx());
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
                    let mut line = |label: &str, value: String| {
                        ui.label(RichText::new(label).weak());
                        ui.label(value);
                        ui.end_row();
                    };
                    line("Technician", row.technician.name.clone());
                    line("Customer", row.customer_name.clone());
                    line(
                        "Identifier",
                        row.identifier.clone().unwrap_or_else(|| "—".into()),
                    );
                    line("Code", row.code.clone());
                    line("Portal", row.portal.clone());
                    line(
                        "Device",
                        format!(
                            "{} {} (Android {})",
                            row.device.manufacturer, row.device.model, row.device.android_version
                        ),
                    );
                    line("Started", format::date_time(row.started_at));
                    line(
                        "Duration",
                        row.duration_ms
                            .map_or_else(|| "still running".into(), |ms| clock(ms * 1000)),
                    );
                    line(
                        "Ended by",
                        match (&d.ended_by, &d.end_reason) {
                            (Some(by), Some(reason)) => format!("{by}: {reason}"),
                            (Some(by), None) => by.clone(),
                            _ => "—".into(),
                        },
                    );
                    line(
                        "Outcome",
                        d.wrapup
                            .as_ref()
                            .map_or_else(|| "no wrap-up".into(), |w| w.outcome.label().into()),
                    );
                    if let Some(w) = &d.wrapup {
                        line("Notes", w.notes.clone());
                    }
                    line("Recording", human_bytes(row.recording_bytes, loc));
                });
            ui.add_space(8.0);
            ui.label(RichText::new("Access log").strong());
            for access in &d.access_log {
                let what = if access.action == "download" {
                    "downloaded"
                } else {
                    "opened"
                };
                ui.label(format!(
                    "{} {} it on {}",
                    access.user,
                    what,
                    format::date_time(access.at)
                ));
            }
        });
}
