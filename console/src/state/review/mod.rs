//! Session records and their review: what the Sessions list and the record window show.
//!
//! - [`records`]: the relay's records (list rows, details, wrap-up, access log) and the
//!   list's filters;
//! - [`recording`]: a downloaded recording laid out for playback, with its keyframe index;
//! - [`player`]: play / pause, speed, seek (from the last keyframe forward to the exact
//!   frame);
//! - [`export`]: the transcript as text, the current frame as PNG;
//! - [`reasons`]: recorded end reasons in the technician's language.

pub mod describe;
pub mod export;
pub mod player;
pub mod reasons;
pub mod recording;
pub mod records;

pub use player::{Player, SPEEDS};
pub use recording::{Recording, TimedItem, VideoEntry};
pub use records::{
    Access, Outcome, OutcomeFilter, RecordDetails, RecordFile, RecordQuery, RecordRow, Technician,
    WrapUp,
};

#[cfg(test)]
mod tests;
