//! Reading a whole recording: chunks one after another.

use thiserror::Error;

use super::RecordFrame;
use super::chunk::{ChunkError, DecodedChunk, decode_chunk, frame_bounds, next_frame};

/// Why a recording could not be read.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum ReadError {
    /// A chunk is damaged.
    #[error("chunk {position} of the recording is damaged: {cause}")]
    Chunk {
        /// Which chunk, counting from 0 in the file.
        position: usize,
        /// What is wrong.
        cause: ChunkError,
    },
    /// Chunks of different sessions, or out of order.
    #[error("the recording mixes sessions or its chunks are out of order at chunk {0}")]
    Order(usize),
}

/// Reads recordings (chunks concatenated in sequence order).
#[derive(Debug, Clone, Copy, Default)]
pub struct RecordReader;

impl RecordReader {
    /// Splits `bytes` into its chunks and checks each. Missing sequence numbers (a chunk
    /// that never arrived) are allowed; the player shows what there is.
    pub fn read(bytes: &[u8]) -> Result<Vec<DecodedChunk>, ReadError> {
        let mut chunks: Vec<DecodedChunk> = Vec::new();
        let mut pos = 0;
        while pos < bytes.len() {
            let position = chunks.len();
            let end =
                chunk_end(&bytes[pos..]).map_err(|cause| ReadError::Chunk { position, cause })?;
            let chunk = decode_chunk(&bytes[pos..pos + end], None)
                .map_err(|cause| ReadError::Chunk { position, cause })?;
            if let Some(last) = chunks.last()
                && (last.header.session_id != chunk.header.session_id
                    || last.header.seq >= chunk.header.seq)
            {
                return Err(ReadError::Order(position));
            }
            chunks.push(chunk);
            pos += end;
        }
        Ok(chunks)
    }
}

/// Length of the chunk at the start of `bytes`: its header and the entries it announces.
fn chunk_end(bytes: &[u8]) -> Result<usize, ChunkError> {
    let (frame, mut pos) = next_frame(bytes, 0)?;
    let RecordFrame::Header(header) = frame else {
        return Err(ChunkError::Header { index: 0 });
    };
    for index in 1..=header.entries as usize {
        let rest = bytes.get(pos..).unwrap_or_default();
        let (prefix, len) = frame_bounds(rest, index)?;
        pos += prefix + len;
    }
    Ok(pos)
}
