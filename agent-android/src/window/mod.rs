//! The desktop window of `lifeline-agent join --window`: the phone at a comfortable scale,
//! the chat with the technician beside it, and a bar with the session's status and the
//! customer's buttons.
//!
//! - [`model`]: what the window shows, from the session's [`CustomerEvent`]s, without egui;
//! - `app`: the eframe [`App`](eframe::App) that ties the parts together each frame;
//! - [`phone_view`]: the phone's screen as a texture, fitted to the window, and the mouse and
//!   keyboard turned into the phone's own input (mapping in [`phone_view::Placement`]);
//! - `chat_panel`, `status_bar`, `waiting`: the chat, the bar, and the screen shown while
//!   joining or waiting for the technician.
//!
//! The window never waits on the network: it opens before the session starts, learns how
//! joining goes from [`Stage`]s, reads the session's events with `try_recv` each frame and
//! sends commands with `try_send`. The customer's own touches go straight into the shared
//! phone, followed by [`CommandSender::device_changed`](crate::session::CommandSender).
//!
//! [`CustomerEvent`]: crate::session::CustomerEvent

mod app;
mod chat_panel;
pub mod model;
pub mod phone_view;
mod status_bar;
mod waiting;

use std::sync::{Arc, Mutex};

use lifeline_protocol::i18n::Localizer;
use tokio::sync::mpsc;

use crate::device::Device as _;
use crate::session::join::{JoinError, JoinStep};
use crate::session::{AgentClock, Frontend};
use crate::sim::SimPhone;

pub use app::{WindowApp, style};

/// How joining goes, as the window shows it.
#[derive(Debug)]
pub enum Stage {
    /// Reaching the relay; the window words the step in the phone's language.
    Joining(JoinStep),
    /// The relay admitted the customer; the technician has not opened the session yet.
    Waiting,
    /// The technician is there: the session runs.
    Started(Frontend),
    /// Joining failed; the window says why in the phone's language.
    Failed(JoinError),
    /// Ctrl-C in the terminal that started the window: leave and close.
    Interrupted,
}

/// Sends [`Stage`]s to the window from the task that joins.
pub type StageSender = mpsc::Sender<Stage>;

/// The window's end of the [`Stage`]s.
pub type StageReceiver = mpsc::Receiver<Stage>;

/// A channel for [`Stage`]s (a few are ever sent).
pub fn stages() -> (StageSender, StageReceiver) {
    mpsc::channel(8)
}

/// Opens the window and runs it on this thread until the customer closes it. Must be called
/// on the main thread (the windowing system wants its event loop there); the session runs on
/// the tokio runtime's worker threads meanwhile.
pub fn run(
    phone: Arc<Mutex<SimPhone>>,
    clock: AgentClock,
    stages: StageReceiver,
) -> Result<(), eframe::Error> {
    let loc = Localizer::new(
        phone
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .language(),
    );
    open(loc, move || WindowApp::new(phone, clock, stages))
}

/// Like [`run`], for a real phone attached by USB: the window has the chat, the status bar
/// and the consent questions, in `loc`'s language; the customer uses the phone itself.
pub fn run_for_real_phone(
    clock: AgentClock,
    stages: StageReceiver,
    loc: Localizer,
) -> Result<(), eframe::Error> {
    open(loc, move || WindowApp::for_real_phone(clock, stages, loc))
}

/// Opens the window, titled in `loc`'s language until the app names the technician.
fn open(loc: Localizer, app: impl FnOnce() -> WindowApp + 'static) -> Result<(), eframe::Error> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(app::title(loc, None))
            .with_app_id("lifeline-agent")
            .with_inner_size([1100.0, 860.0])
            .with_min_inner_size([640.0, 480.0]),
        // The console keeps its window's place; the agent opens fresh each time.
        persist_window: false,
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        "Lifeline",
        options,
        Box::new(move |cc| {
            app::style(&cc.egui_ctx);
            Ok(Box::new(app()))
        }),
    )
}
