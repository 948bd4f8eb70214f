//! The console's windows. One module per window; functions that draw take `&mut egui::Ui`
//! and are named `*_ui`. They read the state and return what the technician did; the app
//! turns that into commands and never waits on the network.
//!
//! - [`app`]: [`ConsoleApp`], the eframe app that ties it together;
//! - [`header`]: server status, account, theme, tabs;
//! - [`login`]: the sign-in dialog (remote relay);
//! - [`codes`]: Code Management;
//! - [`session`]: a session (toolbar, viewer, softkeys, status line) with [`chat`],
//!   [`diagnostics`] and [`files`];
//! - [`admin`]: portals and accounts (admins);
//! - [`review`]: Sessions: records, the review player, the wrap-up;
//! - [`settings`]: the settings window;
//! - [`notices`], [`theme`], [`format`]: notices, look, times;
//! - [`lang`]: the language the windows are drawn in.

pub mod admin;
pub mod app;
pub mod chat;
pub mod codes;
pub mod diagnostics;
pub mod files;
pub mod format;
pub mod header;
pub mod lang;
pub mod login;
pub mod notices;
pub mod review;
pub mod session;
pub mod settings;
pub mod theme;

pub use app::{ConsoleApp, Launch};
pub use header::View;
