//! Log files: ask for them, watch each arrive with a progress bar, open the folder.

use std::path::PathBuf;

use egui::{ProgressBar, RichText};
use lifeline_protocol::tr;

use super::theme::{self, BAD, GOOD};
use crate::state::SessionState;
use crate::state::diagnostics::human_bytes;
use crate::state::transfers::TransferStatus;

/// What the technician did in the panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilesAction {
    /// Ask the phone for its log files.
    Request,
    /// Open the folder in the file manager.
    OpenFolder(PathBuf),
}

/// The panel; `folder` is where this session's files go.
pub fn files_ui(
    ui: &mut egui::Ui,
    session: &SessionState,
    folder: &std::path::Path,
) -> Vec<FilesAction> {
    let mut actions = Vec::new();
    let loc = super::lang::loc(ui.ctx());
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(
                session.is_active(),
                theme::primary_button(tr!(loc, "files-request")),
            )
            .clicked()
        {
            actions.push(FilesAction::Request);
        }
        if ui
            .button(tr!(loc, "files-open-folder"))
            .on_hover_text(folder.display().to_string())
            .clicked()
        {
            actions.push(FilesAction::OpenFolder(folder.to_path_buf()));
        }
    });
    ui.add_space(6.0);
    let files = session.transfers.files();
    if files.is_empty() {
        ui.weak(tr!(loc, "files-none"));
        return actions;
    }
    egui::ScrollArea::vertical()
        .id_salt("files-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for file in files {
                ui.label(RichText::new(&file.name).strong());
                match &file.status {
                    TransferStatus::Offered | TransferStatus::Receiving => {
                        ui.add(
                            ProgressBar::new(file.progress())
                                .show_percentage()
                                .desired_width(ui.available_width()),
                        );
                        ui.weak(tr!(
                            loc,
                            "files-progress",
                            received = human_bytes(file.received, loc),
                            total = human_bytes(file.size, loc)
                        ));
                    }
                    TransferStatus::Saved(path) => {
                        ui.label(
                            RichText::new(tr!(
                                loc,
                                "files-verified",
                                size = human_bytes(file.size, loc)
                            ))
                            .color(GOOD),
                        )
                        .on_hover_text(format!("SHA-256 {}", file.sha256));
                        ui.weak(path.display().to_string());
                    }
                    TransferStatus::Failed(reason) => {
                        ui.label(RichText::new(format!("✖ {reason}")).color(BAD));
                    }
                }
                ui.separator();
            }
        });
    actions
}
