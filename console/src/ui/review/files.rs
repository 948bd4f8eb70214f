//! The record's Files tab: every file received in the session, with a Download button for
//! those whose content the relay keeps, and how each download went.

use egui::{Grid, RichText, ScrollArea};
use lifeline_protocol::i18n::Localizer;
use lifeline_protocol::record::RecordItem;
use lifeline_protocol::tr;

use super::{FileDownload, OpenRecord, ReviewAction};
use crate::net::ReviewRequest;
use crate::state::diagnostics::human_bytes;
use crate::state::review::export::clock;
use crate::ui::theme;

/// The files received, each with a Download button when the relay keeps its content.
pub(super) fn files_ui(
    ui: &mut egui::Ui,
    open: &mut OpenRecord,
    loc: Localizer,
) -> Vec<ReviewAction> {
    let mut actions = Vec::new();
    let files: Vec<(u64, String, u64, String)> = open
        .player
        .recording()
        .items
        .iter()
        .filter_map(|item| match &item.item {
            RecordItem::File { name, size, sha256 } => {
                Some((item.at_us, name.clone(), *size, hex::encode(sha256)))
            }
            _ => None,
        })
        .collect();
    if files.is_empty() {
        ui.weak(tr!(loc, "review-no-files"));
        return actions;
    }
    ScrollArea::vertical()
        .id_salt("record-files")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            Grid::new("record-files-grid")
                .num_columns(4)
                .striped(true)
                .show(ui, |ui| {
                    for (at_us, name, size, sha256) in &files {
                        ui.label(clock(*at_us));
                        ui.label(name.as_str())
                            .on_hover_text(format!("SHA-256 {sha256}"));
                        ui.label(human_bytes(*size, loc));
                        if let Some(action) = file_action_ui(ui, open, name, sha256, loc) {
                            actions.push(action);
                        }
                        ui.end_row();
                    }
                });
            ui.add_space(6.0);
            ui.weak(tr!(loc, "review-files-note"));
        });
    actions
}

/// A file's Download button and how its download went; the request when clicked.
fn file_action_ui(
    ui: &mut egui::Ui,
    open: &mut OpenRecord,
    name: &str,
    sha256: &str,
    loc: Localizer,
) -> Option<ReviewAction> {
    let Some(kept) = open.details.file(sha256) else {
        ui.weak(tr!(loc, "review-file-not-kept"));
        return None;
    };
    if !kept.complete {
        ui.weak(tr!(
            loc,
            "review-file-uploading",
            received = human_bytes(kept.received, loc),
            size = human_bytes(kept.size, loc)
        ));
        return None;
    }
    let mut action = None;
    ui.vertical(|ui| {
        let running = open.downloads.get(sha256) == Some(&FileDownload::Running);
        let label = if running {
            tr!(loc, "review-file-downloading")
        } else {
            tr!(loc, "review-file-download")
        };
        if ui.add_enabled(!running, egui::Button::new(label)).clicked() {
            open.downloads
                .insert(sha256.to_owned(), FileDownload::Running);
            action = Some(ReviewAction::Request(ReviewRequest::DownloadFile {
                record_id: open.details.row.id,
                code: open.details.row.code.clone(),
                name: name.to_owned(),
                sha256: sha256.to_owned(),
            }));
        }
        match open.downloads.get(sha256) {
            Some(FileDownload::Saved(path)) => {
                ui.label(
                    RichText::new(tr!(
                        loc,
                        "review-file-saved",
                        path = path.display().to_string()
                    ))
                    .small(),
                );
            }
            Some(FileDownload::Failed(reason)) => {
                ui.label(
                    RichText::new(tr!(loc, "review-file-failed", reason = reason.as_str()))
                        .small()
                        .color(theme::WARN),
                );
            }
            Some(FileDownload::Running) | None => {}
        }
    });
    action
}
