//! Typed peer streams: messages framed with [`crate::framing`] at the stream kind's limit.

use std::fmt;
use std::marker::PhantomData;

use serde::Serialize;
use serde::de::DeserializeOwned;
use thiserror::Error;

use crate::framing::{FrameDecoder, FrameError, encode_into, max_frame_len};
use crate::messages::StreamKind;

use super::disconnect::Disconnect;
use super::frames::{ReadMessageError, read_message};

/// Why a message could not be sent.
#[derive(Debug, Error)]
pub enum SendError {
    /// The message is too large for its stream, or does not encode.
    #[error("message not sent: {0}")]
    Frame(#[from] FrameError),
    /// The peer said it reads no more of this stream.
    #[error("the peer stopped reading this stream (code {code})")]
    Stopped {
        /// The peer's stop code.
        code: u64,
    },
    /// The connection is gone.
    #[error("the connection is gone: {0}")]
    ConnectionLost(Disconnect),
    /// The stream was already finished or reset on this side.
    #[error("this stream was already finished")]
    Closed,
}

impl From<quinn::WriteError> for SendError {
    fn from(err: quinn::WriteError) -> Self {
        match err {
            quinn::WriteError::Stopped(code) => Self::Stopped {
                code: code.into_inner(),
            },
            quinn::WriteError::ConnectionLost(err) => Self::ConnectionLost(err.into()),
            quinn::WriteError::ClosedStream | quinn::WriteError::ZeroRttRejected => Self::Closed,
        }
    }
}

/// Why a message could not be received.
#[derive(Debug, Error)]
pub enum RecvError {
    /// A frame was not a valid message. When [`RecvError::is_recoverable`], the stream goes
    /// on and the next call reads the next message.
    #[error("bad message: {0}")]
    Frame(#[from] FrameError),
    /// The peer abandoned the stream.
    #[error("the peer abandoned this stream (code {code})")]
    Reset {
        /// The peer's reset code.
        code: u64,
    },
    /// The connection is gone.
    #[error("the connection is gone: {0}")]
    ConnectionLost(Disconnect),
    /// The stream was already stopped on this side.
    #[error("this stream was already stopped")]
    Closed,
}

impl RecvError {
    /// Whether reading may go on after this error (one malformed message was skipped).
    pub fn is_recoverable(&self) -> bool {
        matches!(self, Self::Frame(err) if err.is_recoverable())
    }
}

impl From<quinn::ReadError> for RecvError {
    fn from(err: quinn::ReadError) -> Self {
        match err {
            quinn::ReadError::Reset(code) => Self::Reset {
                code: code.into_inner(),
            },
            quinn::ReadError::ConnectionLost(err) => Self::ConnectionLost(err.into()),
            quinn::ReadError::ClosedStream
            | quinn::ReadError::IllegalOrderedRead
            | quinn::ReadError::ZeroRttRejected => Self::Closed,
        }
    }
}

impl From<ReadMessageError> for RecvError {
    fn from(err: ReadMessageError) -> Self {
        match err {
            ReadMessageError::Frame(err) => Self::Frame(err),
            ReadMessageError::Read(err) => err.into(),
        }
    }
}

/// Sends `T` messages on one peer stream, each as one frame within the kind's limit.
pub struct MessageSender<T> {
    send: quinn::SendStream,
    kind: StreamKind,
    buf: Vec<u8>,
    _message: PhantomData<fn(&T)>,
}

impl<T> fmt::Debug for MessageSender<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MessageSender")
            .field("kind", &self.kind)
            .field("stream", &self.send.id())
            .finish()
    }
}

impl<T: Serialize> MessageSender<T> {
    /// Wraps a stream whose tag byte is already written.
    pub(crate) fn new(send: quinn::SendStream, kind: StreamKind) -> Self {
        Self {
            send,
            kind,
            buf: Vec::new(),
            _message: PhantomData,
        }
    }

    /// The stream's kind.
    pub fn kind(&self) -> StreamKind {
        self.kind
    }

    /// Sends one message; waits while the peer's flow control is full.
    pub async fn send(&mut self, message: &T) -> Result<(), SendError> {
        self.buf.clear();
        encode_into(message, max_frame_len(self.kind), &mut self.buf)?;
        self.send.write_all(&self.buf).await?;
        Ok(())
    }

    /// Ends the stream after what was sent; the peer's receiver then yields `None`.
    pub fn finish(&mut self) -> Result<(), SendError> {
        self.send.finish().map_err(|_| SendError::Closed)
    }

    /// Abandons the stream, dropping what the peer has not received.
    pub fn reset(&mut self, code: u32) -> Result<(), SendError> {
        self.send
            .reset(quinn::VarInt::from_u32(code))
            .map_err(|_| SendError::Closed)
    }

    /// Higher-priority streams' data leaves first (see `Peer`'s defaults per kind).
    pub fn set_priority(&self, priority: i32) -> Result<(), SendError> {
        self.send
            .set_priority(priority)
            .map_err(|_| SendError::Closed)
    }
}

/// Receives `T` messages from one peer stream, refusing frames over the kind's limit.
pub struct MessageReceiver<T> {
    recv: quinn::RecvStream,
    kind: StreamKind,
    decoder: FrameDecoder<T>,
}

impl<T> fmt::Debug for MessageReceiver<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MessageReceiver")
            .field("kind", &self.kind)
            .field("stream", &self.recv.id())
            .field("decoder", &self.decoder)
            .finish()
    }
}

impl<T: DeserializeOwned> MessageReceiver<T> {
    /// Wraps a stream whose tag byte was already read.
    pub(crate) fn new(recv: quinn::RecvStream, kind: StreamKind) -> Self {
        Self {
            recv,
            kind,
            decoder: FrameDecoder::for_kind(kind),
        }
    }

    /// The stream's kind.
    pub fn kind(&self) -> StreamKind {
        self.kind
    }

    /// The next message; `None` once the peer finished the stream. Cancel-safe.
    pub async fn recv(&mut self) -> Result<Option<T>, RecvError> {
        Ok(read_message(&mut self.recv, &mut self.decoder).await?)
    }

    /// Tells the peer to stop sending on this stream.
    pub fn stop(&mut self, code: u32) -> Result<(), RecvError> {
        self.recv
            .stop(quinn::VarInt::from_u32(code))
            .map_err(|_| RecvError::Closed)
    }
}
