//! Length-prefixed framing of messages on a byte stream.
//!
//! Each frame is the message's postcard encoding, preceded by its length as an unsigned
//! LEB128 varint (one byte for messages under 128 bytes, at most five). Every stream kind
//! has a hard limit on a frame's length; a decoder refuses a larger frame as soon as it reads
//! the length prefix, before buffering its body.
//!
//! [`FrameDecoder`] is push/poll: push bytes as they arrive, in chunks of any size, then
//! poll until it returns `Ok(None)`. A frame whose length is valid but whose content is not a
//! message is reported and skipped, so one bad message does not cost the stream; an invalid
//! or oversized length leaves no way to find the next frame, so the decoder stops there and
//! repeats that error.

use std::marker::PhantomData;

use serde::Serialize;
use serde::de::DeserializeOwned;
use thiserror::Error;

use crate::messages::StreamKind;

/// Longest length prefix: five LEB128 bytes carry 35 bits, enough for any u32.
const MAX_PREFIX_BYTES: usize = 5;

/// Frame limit of the relay handshake stream.
pub const HANDSHAKE_MAX: usize = 16 * 1024;

/// Largest frame of each stream kind, in bytes (prefix not counted).
pub fn max_frame_len(kind: StreamKind) -> usize {
    match kind {
        // Diagnostics reports with hundreds of apps and processes are the largest.
        StreamKind::Control => 1024 * 1024,
        // Text is capped at 1000 characters (4000 bytes in UTF-8).
        StreamKind::Input => 8 * 1024,
        // A lossless keyframe of a large tablet screen that does not compress.
        StreamKind::Video => 48 * 1024 * 1024,
        // Only the header is framed; the file's bytes follow raw.
        StreamKind::File => 4 * 1024,
    }
}

/// What went wrong reading or writing a frame.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum FrameError {
    /// A frame announced (or a message needs) more than the stream allows.
    #[error("frame of {len} bytes exceeds this stream's limit of {max} bytes")]
    Oversized {
        /// The announced or needed length.
        len: u64,
        /// The limit.
        max: usize,
    },
    /// The length prefix is not a valid varint.
    #[error("invalid frame length prefix")]
    InvalidLength,
    /// A zero-length frame; no message encodes to nothing.
    #[error("empty frame")]
    Empty,
    /// The frame's bytes are not a valid message.
    #[error("malformed message: {0}")]
    Malformed(String),
    /// The message ended before the frame did.
    #[error("message is followed by {extra} unexpected bytes in its frame")]
    TrailingBytes {
        /// Bytes left over.
        extra: usize,
    },
    /// The stream ended in the middle of a frame.
    #[error("stream ended in the middle of a frame ({buffered} bytes unread)")]
    Truncated {
        /// Bytes received of the unfinished frame.
        buffered: usize,
    },
    /// A message could not be encoded.
    #[error("message could not be encoded: {0}")]
    Encode(String),
}

impl FrameError {
    /// Whether the decoder can go on to the next frame after this error.
    pub fn is_recoverable(&self) -> bool {
        matches!(self, Self::Malformed(_) | Self::TrailingBytes { .. })
    }
}

/// Appends `message` as one frame to `out`, refusing messages over `max` bytes.
pub fn encode_into<T: Serialize>(
    message: &T,
    max: usize,
    out: &mut Vec<u8>,
) -> Result<(), FrameError> {
    let body = postcard::to_stdvec(message).map_err(|e| FrameError::Encode(e.to_string()))?;
    if body.len() > max {
        return Err(FrameError::Oversized {
            len: body.len() as u64,
            max,
        });
    }
    let mut len = body.len();
    loop {
        // The mask keeps the value below 128, so the cast cannot truncate.
        let byte = (len & 0x7f) as u8;
        len >>= 7;
        if len == 0 {
            out.push(byte);
            break;
        }
        out.push(byte | 0x80);
    }
    out.extend_from_slice(&body);
    Ok(())
}

/// `message` as one frame, refusing messages over `max` bytes.
pub fn encode<T: Serialize>(message: &T, max: usize) -> Result<Vec<u8>, FrameError> {
    let mut out = Vec::new();
    encode_into(message, max, &mut out)?;
    Ok(out)
}

/// Reads a varint at the start of `bytes`: `Ok(Some((value, prefix_len)))`, `Ok(None)` if
/// more bytes are needed.
fn read_length(bytes: &[u8]) -> Result<Option<(u64, usize)>, FrameError> {
    let mut value: u64 = 0;
    for (i, &byte) in bytes.iter().take(MAX_PREFIX_BYTES).enumerate() {
        value |= u64::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            if value > u64::from(u32::MAX) {
                return Err(FrameError::InvalidLength);
            }
            return Ok(Some((value, i + 1)));
        }
    }
    if bytes.len() >= MAX_PREFIX_BYTES {
        return Err(FrameError::InvalidLength);
    }
    Ok(None)
}

/// Push/poll decoder of frames holding messages of type `T`.
pub struct FrameDecoder<T> {
    buf: Vec<u8>,
    /// Start of unread data in `buf`.
    pos: usize,
    max: usize,
    failed: Option<FrameError>,
    _message: PhantomData<fn() -> T>,
}

impl<T> std::fmt::Debug for FrameDecoder<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FrameDecoder")
            .field("buffered", &(self.buf.len() - self.pos))
            .field("max", &self.max)
            .field("failed", &self.failed)
            .finish()
    }
}

impl<T: DeserializeOwned> FrameDecoder<T> {
    /// A decoder refusing frames over `max` bytes.
    pub fn new(max: usize) -> Self {
        Self {
            buf: Vec::new(),
            pos: 0,
            max,
            failed: None,
            _message: PhantomData,
        }
    }

    /// A decoder with the limit of a peer stream kind.
    pub fn for_kind(kind: StreamKind) -> Self {
        Self::new(max_frame_len(kind))
    }

    /// Bytes received and not yet decoded.
    pub fn buffered(&self) -> usize {
        self.buf.len() - self.pos
    }

    /// Adds received bytes. Poll until `Ok(None)` after each push: the decoder then holds at
    /// most one partial frame beyond what was pushed.
    pub fn push(&mut self, bytes: &[u8]) {
        if self.pos > 0 && self.pos >= self.buf.len() / 2 {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        self.buf.extend_from_slice(bytes);
    }

    /// The next complete message, `Ok(None)` if more bytes are needed.
    pub fn poll(&mut self) -> Result<Option<T>, FrameError> {
        if let Some(err) = &self.failed {
            return Err(err.clone());
        }
        let unread = &self.buf[self.pos..];
        let (len, prefix) = match read_length(unread) {
            Ok(Some(found)) => found,
            Ok(None) => return Ok(None),
            Err(err) => return Err(self.fail(err)),
        };
        if len > self.max as u64 {
            return Err(self.fail(FrameError::Oversized { len, max: self.max }));
        }
        // `len` is at most `self.max`, a usize.
        let len = len as usize;
        if len == 0 {
            return Err(self.fail(FrameError::Empty));
        }
        let Some(body) = unread.get(prefix..prefix + len) else {
            return Ok(None);
        };
        let decoded = postcard::take_from_bytes::<T>(body);
        self.pos += prefix + len;
        match decoded {
            Ok((message, [])) => Ok(Some(message)),
            Ok((_, rest)) => Err(FrameError::TrailingBytes { extra: rest.len() }),
            Err(err) => Err(FrameError::Malformed(err.to_string())),
        }
    }

    /// Call when the stream has ended: an error if it ended inside a frame.
    pub fn finish(&self) -> Result<(), FrameError> {
        match self.buffered() {
            0 => Ok(()),
            buffered => Err(FrameError::Truncated { buffered }),
        }
    }

    /// Bytes received beyond the frames decoded so far (e.g. a file's content after its
    /// header).
    pub fn into_remaining(mut self) -> Vec<u8> {
        self.buf.drain(..self.pos);
        self.buf
    }

    fn fail(&mut self, err: FrameError) -> FrameError {
        self.failed = Some(err.clone());
        err
    }
}

#[cfg(test)]
mod tests;
