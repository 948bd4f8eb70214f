//! What persists between runs (through eframe's storage): server, fingerprint, user name,
//! theme, downloads folder, viewer zoom and quality. The window layout persists through
//! eframe itself.

use std::path::PathBuf;

use lifeline_protocol::i18n::Language;
use serde::{Deserialize, Serialize};

use crate::viewer::Zoom;

/// The storage key.
pub const SETTINGS_KEY: &str = "lifeline-settings";

/// Light or dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Theme {
    /// Dark (default: easier on the eyes all day).
    #[default]
    Dark,
    /// Light.
    Light,
}

/// The console's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// A remote relay (`https://HOST:PORT`); `None` runs the relay locally.
    pub server: Option<String>,
    /// The remote relay's certificate fingerprint (hex), when self-signed.
    pub fingerprint: Option<String>,
    /// The last user name signed in with.
    pub user_name: String,
    /// Light or dark.
    pub theme: Theme,
    /// Where files from phones are saved; the default when `None`.
    pub downloads: Option<PathBuf>,
    /// Fit or 100 %.
    pub zoom: Zoom,
    /// Max frame rate asked of phones.
    pub max_fps: u8,
    /// The console's language; `None` follows the system.
    pub language: Option<Language>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            server: None,
            fingerprint: None,
            user_name: String::new(),
            theme: Theme::Dark,
            downloads: None,
            zoom: Zoom::Fit,
            max_fps: 30,
            language: None,
        }
    }
}

impl Settings {
    /// Loads from eframe's storage (defaults when absent or unreadable).
    pub fn load(storage: Option<&dyn eframe::Storage>) -> Self {
        storage
            .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
            .unwrap_or_default()
    }

    /// Saves to eframe's storage.
    pub fn save(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, self);
    }

    /// The language to show: the chosen one, else `system`.
    pub fn language(&self, system: Language) -> Language {
        self.language.unwrap_or(system)
    }

    /// The downloads folder in use.
    pub fn downloads_dir(&self) -> PathBuf {
        self.downloads
            .clone()
            .unwrap_or_else(crate::paths::default_downloads)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_or_partial_settings_fill_in_defaults() {
        let settings: Settings = serde_json::from_str(r#"{"user_name":"ana"}"#).unwrap();
        assert_eq!(settings.user_name, "ana");
        assert_eq!(settings.max_fps, 30);
        assert_eq!(settings.theme, Theme::Dark);
        assert_eq!(settings.language, None, "follows the system");
        let french: Settings = serde_json::from_str(r#"{"language":"fr"}"#).unwrap();
        assert_eq!(french.language(Language::Es), Language::Fr);
        assert_eq!(settings.language(Language::Es), Language::Es);
        let back: Settings =
            serde_json::from_str(&serde_json::to_string(&settings).unwrap()).unwrap();
        assert_eq!(back, settings);
    }
}
