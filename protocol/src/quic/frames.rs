//! Reading framed messages from a quinn stream.

use serde::de::DeserializeOwned;
use thiserror::Error;

use crate::framing::{FrameDecoder, FrameError};

/// Largest chunk taken from a stream at once.
pub(crate) const READ_CHUNK: usize = 64 * 1024;

/// Why a framed message could not be read.
#[derive(Debug, Error)]
pub(crate) enum ReadMessageError {
    /// The bytes are not a valid frame or message.
    #[error(transparent)]
    Frame(#[from] FrameError),
    /// The stream or connection failed.
    #[error(transparent)]
    Read(#[from] quinn::ReadError),
}

/// The next message on `recv`, or `None` when the stream ended cleanly between frames.
///
/// Cancel-safe: bytes read are kept in `decoder`, and quinn's `read_chunk` is cancel-safe.
pub(crate) async fn read_message<T: DeserializeOwned>(
    recv: &mut quinn::RecvStream,
    decoder: &mut FrameDecoder<T>,
) -> Result<Option<T>, ReadMessageError> {
    loop {
        if let Some(message) = decoder.poll()? {
            return Ok(Some(message));
        }
        match recv.read_chunk(READ_CHUNK, true).await? {
            Some(chunk) => decoder.push(&chunk.bytes),
            None => {
                decoder.finish()?;
                return Ok(None);
            }
        }
    }
}
