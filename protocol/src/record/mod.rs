//! Session records: what the console keeps of a session, as it streams it to the relay.
//!
//! A record is a sequence of **chunks**, each uploaded on its own and numbered from 0. A
//! chunk is a run of frames in the protocol's framing (LEB128 length + postcard): first a
//! [`RecordFrame::Header`] naming the session, the chunk's sequence number, its time span
//! and the times of its video keyframes (the keyframe index), then one
//! [`RecordFrame::Entry`] per thing that happened. Chunks concatenated in sequence order are
//! the whole recording; a reader needs nothing else.
//!
//! Entries carry `at_us`, microseconds since the recording started (`started_at` in every
//! header, wall clock). Video is kept exactly as received ([`VideoMessage`]s, no
//! re-encoding); chat, consent, diagnostics, files, pauses and the end are entries too.
//!
//! The content of files received in the session travels apart from the chunks: uploaded
//! part by part (each at most [`MAX_FILE_PART_BYTES`]) under the record, named by their
//! SHA-256, up to [`MAX_RECORD_FILE_BYTES`] each.
//!
//! Everything here is sans-IO: [`ChunkWriter`] turns entries into chunk bytes,
//! [`decode_chunk`] checks one uploaded chunk, [`RecordReader`] reads a whole recording.

mod chunk;
mod item;
mod reader;

pub use chunk::{ChunkError, ChunkWriter, DecodedChunk, SealedChunk, decode_chunk};
pub use item::{RecordEntry, RecordItem};
pub use reader::{ReadError, RecordReader};

use serde::{Deserialize, Serialize};

use crate::messages::UnixMillis;

/// Version of the chunk format written here.
pub const RECORD_FORMAT: u16 = 1;

/// Largest chunk the relay accepts, in bytes. Writers seal chunks well before this.
pub const MAX_CHUNK_BYTES: usize = 24 * 1024 * 1024;

/// Largest single frame inside a chunk (a lossless keyframe of a large screen).
pub const MAX_RECORD_FRAME_BYTES: usize = 20 * 1024 * 1024;

/// Highest chunk sequence number: a chunk per second for more than a year.
pub const MAX_CHUNK_SEQ: u32 = 50_000_000;

/// Largest received file a record keeps the content of (256 MiB); larger ones are listed
/// with name, size and SHA-256 only.
pub const MAX_RECORD_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Largest part of a received file uploaded at once.
pub const MAX_FILE_PART_BYTES: usize = 4 * 1024 * 1024;

/// One frame of a chunk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum RecordFrame {
    /// The chunk's first frame.
    Header(ChunkHeader),
    /// Something that happened.
    Entry(RecordEntry),
}

/// What a chunk says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChunkHeader {
    /// [`RECORD_FORMAT`] of the writer.
    pub format: u16,
    /// The relay's session id (from the relay's `Welcome`).
    pub session_id: u64,
    /// The chunk's position in the record, from 0.
    pub seq: u32,
    /// Wall-clock time of `at_us == 0`.
    pub started_at: UnixMillis,
    /// Time of the first entry, µs since `started_at`.
    pub first_us: u64,
    /// Time of the last entry.
    pub last_us: u64,
    /// Entries that follow.
    pub entries: u32,
    /// Times of the video keyframes in this chunk (the keyframe index).
    pub keyframes: Vec<u64>,
}

#[cfg(test)]
mod tests;
