//! Where the console keeps things: the local relay's data and the downloads folder.

use std::path::PathBuf;

use directories::{ProjectDirs, UserDirs};

/// The app's ID for eframe's storage (settings and window layout).
pub const APP_ID: &str = "lifeline-console";

fn project() -> Option<ProjectDirs> {
    ProjectDirs::from("org", "Lifeline", "Lifeline Console")
}

/// The local relay's data directory (database, certificate), in the user's data directory.
pub fn local_relay_dir() -> PathBuf {
    project()
        .map(|p| p.data_dir().join("relay"))
        .unwrap_or_else(|| std::env::temp_dir().join("lifeline-console").join("relay"))
}

/// Where session records wait until the relay has them.
pub fn recording_spool() -> PathBuf {
    project()
        .map(|p| p.data_dir().join("record-spool"))
        .unwrap_or_else(|| {
            std::env::temp_dir()
                .join("lifeline-console")
                .join("record-spool")
        })
}

/// The default folder for files received from phones: `Downloads/Lifeline`.
pub fn default_downloads() -> PathBuf {
    UserDirs::new()
        .and_then(|u| u.download_dir().map(|d| d.join("Lifeline")))
        .or_else(|| project().map(|p| p.data_dir().join("downloads")))
        .unwrap_or_else(|| std::env::temp_dir().join("lifeline-downloads"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_absolute_and_named() {
        let relay = local_relay_dir();
        assert!(relay.ends_with("relay"));
        assert!(default_downloads().is_absolute());
    }
}
