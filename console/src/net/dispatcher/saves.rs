//! The dispatcher's commands that save something from a session to the downloads folder:
//! the diagnostics report (JSON) and a screenshot (PNG, encoded off the runtime).

use super::Dispatcher;
use crate::net::command::Command;
use crate::net::files::{encode_png, save, session_folder};
use crate::state::problem::Problem;
use crate::state::{ServerEvent, SessionEvent};

impl Dispatcher {
    /// Saves what `command` carries into the session's folder; the saved path (or the
    /// problem) goes to the sink.
    pub(super) fn save(&self, command: Command) {
        match command {
            Command::ExportDiagnostics { code, json } => {
                let path = session_folder(&self.config.downloads, code);
                let sink = self.sink.clone();
                tokio::spawn(async move {
                    let event = match save(path, "diagnostics.json", json.into_bytes()).await {
                        Ok(path) => SessionEvent::Saved(path),
                        Err(err) => {
                            sink.server(ServerEvent::Error(err)).await;
                            return;
                        }
                    };
                    sink.session(code, event).await;
                });
            }
            Command::SaveScreenshot {
                code,
                width,
                height,
                rgba,
            } => {
                let path = session_folder(&self.config.downloads, code);
                let sink = self.sink.clone();
                tokio::spawn(async move {
                    let png = tokio::task::spawn_blocking(move || encode_png(width, height, rgba))
                        .await
                        .map_err(|e| e.to_string())
                        .and_then(|r| r);
                    let result = match png {
                        Ok(png) => save(path, "screenshot.png", png).await,
                        Err(err) => Err(Problem::ScreenshotNotEncoded(err)),
                    };
                    match result {
                        Ok(path) => sink.session(code, SessionEvent::Saved(path)).await,
                        Err(err) => sink.server(ServerEvent::Error(err)).await,
                    };
                });
            }
            // The other commands are the dispatcher's own (`Dispatcher::command`).
            _ => {}
        }
    }
}
