//! The Sessions window: the list of session records with filters and search, and an opened
//! record with its details, transcript, events, diagnostics, files and the review player.
//! Also the wrap-up a technician writes when a session ends.
//!
//! - [`list`]: filters, search and the table;
//! - [`record`]: an opened record: details and side tabs;
//! - [`files`]: its Files tab, downloading the files the relay keeps;
//! - [`player`]: the frame, play / pause, speed, the timeline with event markers;
//! - [`wrapup`]: resolved / unresolved / follow-up and notes.
//!
//! Requests go out as [`ReviewAction::Request`]; their results land in the window's
//! [`ReviewMailbox`], read at the start of every frame.

pub mod files;
pub mod list;
pub mod player;
pub mod record;
pub mod wrapup;

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use lifeline_protocol::i18n::Localizer;
use lifeline_protocol::tr;

use crate::net::{ReviewMailbox, ReviewRequest, ReviewResult};
use crate::state::review::{Player, RecordDetails, RecordQuery, RecordRow};
pub use record::RecordTab;
pub use wrapup::{WrapUpForm, wrapup_ui};

/// What the window asks the app to do.
#[derive(Debug, Clone, PartialEq)]
pub enum ReviewAction {
    /// Send this to the relay.
    Request(ReviewRequest),
    /// Save a text file to the downloads folder.
    SaveText {
        /// File name.
        name: String,
        /// Content.
        text: String,
    },
    /// Save a PNG to the downloads folder.
    SavePng {
        /// File name.
        name: String,
        /// Content.
        bytes: Vec<u8>,
    },
}

/// A record being viewed.
pub struct OpenRecord {
    /// Its details from the relay.
    pub details: RecordDetails,
    /// The player over its recording.
    pub player: Player,
    /// The side panel's tab.
    pub tab: RecordTab,
    /// The frame's texture and the video index it shows.
    pub texture: Option<(usize, egui::TextureHandle)>,
    /// When the player last moved on.
    pub last_tick: Option<Instant>,
    /// Downloads of the record's files asked for, by SHA-256 (lowercase hex).
    pub downloads: HashMap<String, FileDownload>,
}

/// A download of one of the record's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileDownload {
    /// Asked for; not back yet.
    Running,
    /// Saved here, its SHA-256 checked.
    Saved(PathBuf),
    /// Why not.
    Failed(String),
}

impl std::fmt::Debug for OpenRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenRecord")
            .field("id", &self.details.row.id)
            .field("tab", &self.tab)
            .finish_non_exhaustive()
    }
}

/// The window's state.
#[derive(Debug, Default)]
pub struct ReviewUi {
    /// Where answers land.
    pub mailbox: ReviewMailbox,
    /// The filters.
    pub query: RecordQuery,
    /// The list.
    pub rows: Vec<RecordRow>,
    /// A list request is out.
    pub loading: bool,
    /// The list was asked for at least once.
    pub loaded: bool,
    /// The last failure, in words.
    pub error: Option<String>,
    /// The record being opened.
    pub opening: Option<u64>,
    /// The record shown.
    pub open: Option<OpenRecord>,
    /// Wrap-up forms of ended sessions, by the relay's session id.
    pub wrapups: HashMap<u64, WrapUpForm>,
}

impl ReviewUi {
    /// Applies what came back from the relay; messages in the language of `loc`.
    pub fn apply(&mut self, result: ReviewResult, loc: Localizer) {
        match result {
            ReviewResult::List(Ok(rows)) => {
                self.rows = rows;
                self.loading = false;
                self.error = None;
            }
            ReviewResult::List(Err(reason)) => {
                self.loading = false;
                self.error = Some(reason.text(loc));
            }
            ReviewResult::Opened(id, result) => {
                if self.opening != Some(id) {
                    return;
                }
                self.opening = None;
                match result {
                    Ok(opened) => {
                        let (details, recording) = *opened;
                        self.open = Some(OpenRecord {
                            details,
                            player: Player::new(recording),
                            tab: RecordTab::Chat,
                            texture: None,
                            last_tick: None,
                            downloads: HashMap::new(),
                        });
                        self.error = None;
                    }
                    Err(reason) => {
                        let reason = reason.text(loc);
                        self.error = Some(tr!(loc, "review-open-failed", reason = reason));
                    }
                }
            }
            ReviewResult::FileSaved {
                record_id,
                sha256,
                result,
            } => {
                if let Some(open) = self.open.as_mut().filter(|o| o.details.row.id == record_id) {
                    let state = match result {
                        Ok(path) => FileDownload::Saved(path),
                        Err(reason) => FileDownload::Failed(reason.text(loc)),
                    };
                    open.downloads.insert(sha256, state);
                }
            }
            ReviewResult::WrapUp(id, result) => {
                if let Some(form) = self.wrapups.get_mut(&id) {
                    form.saving = false;
                    match result {
                        Ok(()) => form.saved = true,
                        Err(reason) => form.error = Some(reason.text(loc)),
                    }
                }
            }
        }
    }

    /// The list request for the current filters.
    pub fn list_request(&mut self) -> ReviewAction {
        self.loading = true;
        self.loaded = true;
        ReviewAction::Request(ReviewRequest::List(self.query.clone()))
    }
}

/// The Sessions window; returns what the app must do.
pub fn review_ui(ui: &mut egui::Ui, review: &mut ReviewUi, now: Instant) -> Vec<ReviewAction> {
    let loc = crate::ui::lang::loc(ui.ctx());
    for result in review.mailbox.drain() {
        review.apply(result, loc);
    }
    let mut actions = Vec::new();
    if !review.loaded {
        actions.push(review.list_request());
    }
    if review.open.is_some() {
        actions.extend(record::record_ui(ui, review, now));
    } else {
        actions.extend(list::list_ui(ui, review));
    }
    actions
}
