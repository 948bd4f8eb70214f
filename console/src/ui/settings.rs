//! The settings window: theme, downloads folder, server.

use egui::{RichText, TextEdit};

use crate::settings::{Settings, Theme};

/// The window's fields (applied on "Save").
#[derive(Debug, Clone, Default)]
pub struct SettingsForm {
    /// Whether the window is open.
    pub open: bool,
    /// Server URL; empty for local mode.
    pub server: String,
    /// Fingerprint, may be empty.
    pub fingerprint: String,
    /// Downloads folder.
    pub downloads: String,
    /// Theme.
    pub theme: Theme,
}

impl SettingsForm {
    /// Opens the window with `settings`' values.
    pub fn open(&mut self, settings: &Settings) {
        *self = Self {
            open: true,
            server: settings.server.clone().unwrap_or_default(),
            fingerprint: settings.fingerprint.clone().unwrap_or_default(),
            downloads: settings.downloads_dir().display().to_string(),
            theme: settings.theme,
        };
    }

    /// The settings these fields describe.
    pub fn to_settings(&self, base: &Settings) -> Settings {
        let non_empty = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
        Settings {
            server: non_empty(&self.server),
            fingerprint: non_empty(&self.fingerprint),
            downloads: non_empty(&self.downloads).map(Into::into),
            theme: self.theme,
            ..base.clone()
        }
    }
}

/// Shows the window; `true` when the technician saved.
pub fn settings_ui(ctx: &egui::Context, form: &mut SettingsForm) -> bool {
    let mut saved = false;
    let mut open = form.open;
    egui::Window::new("Settings")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_width(460.0)
        .show(ctx, |ui| {
            egui::Grid::new("settings-grid")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    ui.label("Theme");
                    ui.horizontal(|ui| {
                        ui.selectable_value(&mut form.theme, Theme::Dark, "Dark");
                        ui.selectable_value(&mut form.theme, Theme::Light, "Light");
                    });
                    ui.end_row();
                    let label = ui.label("Downloads folder");
                    ui.add(TextEdit::singleline(&mut form.downloads).desired_width(300.0))
                        .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("Server");
                    ui.add(
                        TextEdit::singleline(&mut form.server)
                            .hint_text("empty: run a server on this computer")
                            .desired_width(300.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("Fingerprint");
                    ui.add(
                        TextEdit::singleline(&mut form.fingerprint)
                            .hint_text("SHA-256 of the server's certificate")
                            .desired_width(300.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                });
            ui.add_space(4.0);
            ui.label(
                RichText::new("Changing the server reconnects; live sessions end.")
                    .small()
                    .weak(),
            );
            ui.add_space(8.0);
            if ui.button("Save").clicked() {
                saved = true;
            }
        });
    form.open = open && !saved;
    saved
}
