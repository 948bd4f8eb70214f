//! Writing chunks and checking one that arrives.

use thiserror::Error;

use super::{
    ChunkHeader, MAX_CHUNK_BYTES, MAX_CHUNK_SEQ, MAX_RECORD_FRAME_BYTES, RECORD_FORMAT,
    RecordEntry, RecordFrame,
};
use crate::framing::{self, FrameError};
use crate::messages::UnixMillis;
use crate::messages::video::VideoMessage;

use super::RecordItem;

/// Room kept for the header when deciding whether an entry still fits.
const HEADER_ROOM: usize = 64 * 1024;

/// Why a chunk could not be written or is not acceptable.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum ChunkError {
    /// The chunk is empty.
    #[error("the chunk is empty")]
    Empty,
    /// The chunk is over [`MAX_CHUNK_BYTES`].
    #[error("the chunk is {len} bytes; at most {max} bytes are accepted")]
    Oversized {
        /// Its length.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// A frame could not be read or written.
    #[error("frame {index} of the chunk is unreadable: {cause}")]
    Frame {
        /// Which frame (0 is the header).
        index: usize,
        /// What was wrong.
        cause: FrameError,
    },
    /// The first frame is not a header, or a header appears later.
    #[error("the chunk must start with exactly one header (frame {index} is misplaced)")]
    Header {
        /// The misplaced frame.
        index: usize,
    },
    /// A format this build does not read.
    #[error("the chunk has record format {found}; this relay reads format {RECORD_FORMAT}")]
    Format {
        /// The chunk's format.
        found: u16,
    },
    /// The header names another session or sequence number than the upload.
    #[error(
        "the chunk's header says session {session_id} chunk {seq}, not session {expected_session} chunk {expected_seq}"
    )]
    Mismatch {
        /// In the header.
        session_id: u64,
        /// In the header.
        seq: u32,
        /// Expected.
        expected_session: u64,
        /// Expected.
        expected_seq: u32,
    },
    /// The sequence number is out of range.
    #[error("chunk number {0} is out of range (at most {MAX_CHUNK_SEQ})")]
    Seq(u32),
    /// The entries contradict the header (count, times, order).
    #[error("the chunk's entries do not match its header: {0}")]
    Inconsistent(String),
}

/// A sealed chunk, ready to upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedChunk {
    /// Its sequence number.
    pub seq: u32,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Turns entries into chunks. Sans-IO: the caller decides when to [`ChunkWriter::seal`]
/// (every few seconds) and where the bytes go.
#[derive(Debug)]
pub struct ChunkWriter {
    session_id: u64,
    started_at: UnixMillis,
    next_seq: u32,
    body: Vec<u8>,
    entries: u32,
    first_us: u64,
    last_us: u64,
    keyframes: Vec<u64>,
}

impl ChunkWriter {
    /// A writer for session `session_id` whose time origin is `started_at`, numbering chunks
    /// from `next_seq`.
    pub fn new(session_id: u64, started_at: UnixMillis, next_seq: u32) -> Self {
        Self {
            session_id,
            started_at,
            next_seq,
            body: Vec::new(),
            entries: 0,
            first_us: 0,
            last_us: 0,
            keyframes: Vec::new(),
        }
    }

    /// The session.
    pub fn session_id(&self) -> u64 {
        self.session_id
    }

    /// The sequence number the next sealed chunk gets.
    pub fn next_seq(&self) -> u32 {
        self.next_seq
    }

    /// Bytes of entries waiting.
    pub fn pending_bytes(&self) -> usize {
        self.body.len()
    }

    /// Whether no entry is waiting.
    pub fn is_empty(&self) -> bool {
        self.entries == 0
    }

    /// Adds an entry. Times never go backwards within a record: an entry stamped before the
    /// previous one gets the previous one's time. When the entry would not fit in the
    /// current chunk, that chunk is sealed first and returned.
    pub fn push(&mut self, mut entry: RecordEntry) -> Result<Option<SealedChunk>, ChunkError> {
        entry.at_us = entry.at_us.max(self.last_us);
        let keyframe =
            matches!(&entry.item, RecordItem::Video(VideoMessage::Frame(f)) if f.keyframe);
        let at = entry.at_us;
        let mut encoded = Vec::new();
        framing::encode_into(
            &RecordFrame::Entry(entry),
            MAX_RECORD_FRAME_BYTES,
            &mut encoded,
        )
        .map_err(|cause| ChunkError::Frame {
            index: self.entries as usize + 1,
            cause,
        })?;
        let sealed = if !self.is_empty()
            && self.body.len() + encoded.len() + HEADER_ROOM > MAX_CHUNK_BYTES
        {
            self.seal()?
        } else {
            None
        };
        if self.is_empty() {
            self.first_us = at;
        }
        self.last_us = at;
        self.entries += 1;
        if keyframe {
            self.keyframes.push(at);
        }
        self.body.extend_from_slice(&encoded);
        Ok(sealed)
    }

    /// Seals what is waiting into a chunk (`None` when nothing is).
    pub fn seal(&mut self) -> Result<Option<SealedChunk>, ChunkError> {
        if self.is_empty() {
            return Ok(None);
        }
        let seq = self.next_seq;
        if seq > MAX_CHUNK_SEQ {
            return Err(ChunkError::Seq(seq));
        }
        let header = RecordFrame::Header(ChunkHeader {
            format: RECORD_FORMAT,
            session_id: self.session_id,
            seq,
            started_at: self.started_at,
            first_us: self.first_us,
            last_us: self.last_us,
            entries: self.entries,
            keyframes: std::mem::take(&mut self.keyframes),
        });
        let mut bytes = Vec::with_capacity(self.body.len() + 256);
        framing::encode_into(&header, HEADER_ROOM, &mut bytes)
            .map_err(|cause| ChunkError::Frame { index: 0, cause })?;
        bytes.append(&mut self.body);
        self.entries = 0;
        self.next_seq += 1;
        Ok(Some(SealedChunk { seq, bytes }))
    }
}

/// A chunk that passed [`decode_chunk`].
#[derive(Debug, Clone, PartialEq)]
pub struct DecodedChunk {
    /// Its header.
    pub header: ChunkHeader,
    /// Its entries, in order.
    pub entries: Vec<RecordEntry>,
}

/// Reads and checks one chunk: within [`MAX_CHUNK_BYTES`], a header of this format naming
/// `session_id` and `seq` (when given), then exactly the announced entries in time order
/// within the header's span, keyframes as indexed, nothing after.
pub fn decode_chunk(
    bytes: &[u8],
    expected: Option<(u64, u32)>,
) -> Result<DecodedChunk, ChunkError> {
    if bytes.is_empty() {
        return Err(ChunkError::Empty);
    }
    if bytes.len() > MAX_CHUNK_BYTES {
        return Err(ChunkError::Oversized {
            len: bytes.len(),
            max: MAX_CHUNK_BYTES,
        });
    }
    let (header, mut pos) = match next_frame(bytes, 0)? {
        (RecordFrame::Header(header), used) => (header, used),
        (RecordFrame::Entry(_), _) => return Err(ChunkError::Header { index: 0 }),
    };
    if header.format != RECORD_FORMAT {
        return Err(ChunkError::Format {
            found: header.format,
        });
    }
    if header.seq > MAX_CHUNK_SEQ {
        return Err(ChunkError::Seq(header.seq));
    }
    if let Some((session_id, seq)) = expected
        && (header.session_id != session_id || header.seq != seq)
    {
        return Err(ChunkError::Mismatch {
            session_id: header.session_id,
            seq: header.seq,
            expected_session: session_id,
            expected_seq: seq,
        });
    }
    let mut entries = Vec::new();
    let mut keyframes = Vec::new();
    let mut previous = header.first_us;
    while pos < bytes.len() {
        let index = entries.len() + 1;
        let (frame, used) = next_frame(&bytes[pos..], index)?;
        pos += used;
        let RecordFrame::Entry(entry) = frame else {
            return Err(ChunkError::Header { index });
        };
        if entry.at_us < previous || entry.at_us > header.last_us {
            return Err(ChunkError::Inconsistent(format!(
                "entry {index} is at {} µs, outside {}..={} or before the one before it",
                entry.at_us, previous, header.last_us
            )));
        }
        previous = entry.at_us;
        if matches!(&entry.item, RecordItem::Video(VideoMessage::Frame(f)) if f.keyframe) {
            keyframes.push(entry.at_us);
        }
        entries.push(entry);
    }
    if entries.len() != header.entries as usize {
        return Err(ChunkError::Inconsistent(format!(
            "{} entries announced, {} found",
            header.entries,
            entries.len()
        )));
    }
    if entries.first().is_some_and(|e| e.at_us != header.first_us) {
        return Err(ChunkError::Inconsistent(
            "the first entry's time is not the header's".into(),
        ));
    }
    if keyframes != header.keyframes {
        return Err(ChunkError::Inconsistent(
            "the keyframe index does not match the video frames".into(),
        ));
    }
    Ok(DecodedChunk { header, entries })
}

/// The frame at the start of `bytes` and the bytes it took.
pub(super) fn next_frame(bytes: &[u8], index: usize) -> Result<(RecordFrame, usize), ChunkError> {
    let (prefix, len) = frame_bounds(bytes, index)?;
    let body = &bytes[prefix..prefix + len];
    match postcard::take_from_bytes::<RecordFrame>(body) {
        Ok((frame, [])) => Ok((frame, prefix + len)),
        Ok((_, rest)) => Err(ChunkError::Frame {
            index,
            cause: FrameError::TrailingBytes { extra: rest.len() },
        }),
        Err(err) => Err(ChunkError::Frame {
            index,
            cause: FrameError::Malformed(err.to_string()),
        }),
    }
}

/// The length prefix's size and the body's length of the frame at the start of `bytes`,
/// checked to lie within `bytes`.
pub(super) fn frame_bounds(bytes: &[u8], index: usize) -> Result<(usize, usize), ChunkError> {
    let fail = |cause| ChunkError::Frame { index, cause };
    let mut len: u64 = 0;
    let mut prefix = 0;
    loop {
        let Some(&byte) = bytes.get(prefix) else {
            return Err(fail(FrameError::Truncated {
                buffered: bytes.len(),
            }));
        };
        len |= u64::from(byte & 0x7f) << (7 * prefix);
        prefix += 1;
        if byte & 0x80 == 0 {
            break;
        }
        if prefix >= 5 {
            return Err(fail(FrameError::InvalidLength));
        }
    }
    if len == 0 {
        return Err(fail(FrameError::Empty));
    }
    if len > MAX_RECORD_FRAME_BYTES as u64 {
        return Err(fail(FrameError::Oversized {
            len,
            max: MAX_RECORD_FRAME_BYTES,
        }));
    }
    // At most MAX_RECORD_FRAME_BYTES, a usize.
    let len = len as usize;
    if bytes.len() < prefix + len {
        return Err(fail(FrameError::Truncated {
            buffered: bytes.len(),
        }));
    }
    Ok((prefix, len))
}
