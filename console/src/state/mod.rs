//! Plain data and the rules that change it — no egui, no I/O. `net` produces
//! [`events::Event`]s, [`ConsoleState::apply`] applies them, `ui` reads the result.
//!
//! - [`console`]: the whole console ([`ConsoleState`]): server, account, codes, sessions;
//! - [`codes`]: session codes with their live expiry countdown, portals, portal requests;
//! - [`session`]: one session ([`SessionState`]) and how events change it;
//! - [`transcript`]: chat with delivery state, and system events inline;
//! - [`consent`]: where each capability stands;
//! - [`diagnostics`]: the diagnostics panel and the report as grouped tables;
//! - [`transfers`]: log files with progress;
//! - [`video_stats`]: fps, round-trip time, bit rate, codec;
//! - [`screen`]: the decoded phone screen shared with the viewer, with its damage;
//! - [`admin`]: portals and users as admins manage them;
//! - [`invite`]: the invitation text and `mailto:` link;
//! - [`problem`]: why something failed, as data, worded in the technician's language;
//! - [`review`]: session records — lists, details and the review player;
//! - [`events`]: what the network side reports.

pub mod admin;
pub mod codes;
pub mod consent;
pub mod console;
pub mod diagnostics;
pub mod events;
pub mod invite;
pub mod problem;
pub mod review;
pub mod screen;
pub mod session;
pub mod transcript;
pub mod transfers;
pub mod video_stats;

pub use console::{ConsoleState, ServerMode, ServerStatus};
pub use events::{Event, ServerEvent, SessionEvent};
pub use problem::Problem;
pub use session::{Phase, SessionState};
