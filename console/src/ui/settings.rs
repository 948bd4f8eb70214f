//! The settings window: theme, downloads folder, server.

use egui::{RichText, TextEdit};
use lifeline_protocol::i18n::Language;
use lifeline_protocol::tr;

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
    /// The chosen language; `None` follows the system.
    pub language: Option<Language>,
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
            language: settings.language,
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
            language: self.language,
            ..base.clone()
        }
    }
}

/// Shows the window; `true` when the technician saved. `system` is the system's language,
/// shown on the "follow the system" choice.
pub fn settings_ui(ctx: &egui::Context, form: &mut SettingsForm, system: Language) -> bool {
    let mut saved = false;
    let mut open = form.open;
    let loc = super::lang::loc(ctx);
    egui::Window::new(tr!(loc, "settings-title"))
        .id(egui::Id::unique("settings-window"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_width(460.0)
        .show(ctx, |ui| {
            egui::Grid::new("settings-grid")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    let label = ui.label(tr!(loc, "settings-language"));
                    let system_name = tr!(
                        loc,
                        "settings-language-system",
                        language = system.native_name()
                    );
                    let selected = form
                        .language
                        .map_or(system_name.clone(), |l| l.native_name().to_owned());
                    egui::ComboBox::from_id_salt("settings-language")
                        .selected_text(selected)
                        .width(300.0)
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut form.language, None, system_name);
                            for language in Language::ALL {
                                ui.selectable_value(
                                    &mut form.language,
                                    Some(language),
                                    language.native_name(),
                                );
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();
                    ui.label(tr!(loc, "settings-theme"));
                    ui.horizontal(|ui| {
                        ui.selectable_value(
                            &mut form.theme,
                            Theme::Dark,
                            tr!(loc, "settings-theme-dark"),
                        );
                        ui.selectable_value(
                            &mut form.theme,
                            Theme::Light,
                            tr!(loc, "settings-theme-light"),
                        );
                    });
                    ui.end_row();
                    let label = ui.label(tr!(loc, "settings-downloads"));
                    ui.add(TextEdit::singleline(&mut form.downloads).desired_width(300.0))
                        .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label(tr!(loc, "settings-server"));
                    ui.add(
                        TextEdit::singleline(&mut form.server)
                            .hint_text(tr!(loc, "settings-server-hint"))
                            .desired_width(300.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label(tr!(loc, "settings-fingerprint"));
                    ui.add(
                        TextEdit::singleline(&mut form.fingerprint)
                            .hint_text(tr!(loc, "settings-fingerprint-hint"))
                            .desired_width(300.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                });
            ui.add_space(4.0);
            ui.label(
                RichText::new(tr!(loc, "settings-reconnect-note"))
                    .small()
                    .weak(),
            );
            ui.add_space(8.0);
            if ui.button(tr!(loc, "settings-save")).clicked() {
                saved = true;
            }
        });
    form.open = open && !saved;
    saved
}
