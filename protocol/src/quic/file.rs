//! File streams: one [`FileHeader`] frame, then exactly `size` raw bytes.

use std::fmt;

use sha2::{Digest, Sha256};
use thiserror::Error;

use crate::framing::{FrameDecoder, FrameError, encode, max_frame_len};
use crate::messages::StreamKind;
use crate::messages::file::{FileHeader, FileHeaderError};

use super::frames::{READ_CHUNK, ReadMessageError, read_message};
use super::messages::{RecvError, SendError};

/// Why a file could not be sent.
#[derive(Debug, Error)]
pub enum FileSendError {
    /// The header is not one a receiver accepts.
    #[error("the file header is not acceptable: {0}")]
    Header(#[from] FileHeaderError),
    /// The stream failed.
    #[error(transparent)]
    Send(#[from] SendError),
    /// More bytes than the header announced.
    #[error("{attempted} bytes is more than the {size} bytes the header announced")]
    TooLong {
        /// Announced size.
        size: u64,
        /// Bytes that would have been sent.
        attempted: u64,
    },
    /// Finished before sending all announced bytes.
    #[error("only {sent} of the {size} bytes announced were sent")]
    Short {
        /// Bytes sent.
        sent: u64,
        /// Announced size.
        size: u64,
    },
}

/// Why a file could not be received.
#[derive(Debug, Error)]
pub enum FileRecvError {
    /// The header frame is not a valid header.
    #[error("the file header is malformed: {0}")]
    HeaderFrame(FrameError),
    /// The stream ended before a header.
    #[error("the file stream ended before its header")]
    NoHeader,
    /// The header names an unsafe file or one too large.
    #[error("the file header is not acceptable: {0}")]
    Header(#[from] FileHeaderError),
    /// The stream failed.
    #[error(transparent)]
    Recv(#[from] RecvError),
    /// More bytes than announced.
    #[error("the file is longer than the {size} bytes announced")]
    TooLong {
        /// Announced size.
        size: u64,
    },
    /// The stream ended early.
    #[error("the file ended after {received} of {size} bytes")]
    Truncated {
        /// Bytes received.
        received: u64,
        /// Announced size.
        size: u64,
    },
    /// The content's SHA-256 is not the header's.
    #[error("the file's content does not match its SHA-256")]
    HashMismatch,
}

/// Sends one file: the header went out when the stream opened; then [`FileSender::write`]
/// the content and [`FileSender::finish`].
pub struct FileSender {
    send: quinn::SendStream,
    header: FileHeader,
    sent: u64,
}

impl fmt::Debug for FileSender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileSender")
            .field("header", &self.header)
            .field("sent", &self.sent)
            .finish()
    }
}

impl FileSender {
    /// Writes the header on a stream whose tag byte is already written.
    pub(crate) async fn start(
        mut send: quinn::SendStream,
        header: FileHeader,
    ) -> Result<Self, FileSendError> {
        header.validate()?;
        let frame = encode(&header, max_frame_len(StreamKind::File)).map_err(SendError::from)?;
        send.write_all(&frame).await.map_err(SendError::from)?;
        Ok(Self {
            send,
            header,
            sent: 0,
        })
    }

    /// The header sent.
    pub fn header(&self) -> &FileHeader {
        &self.header
    }

    /// Content bytes sent so far.
    pub fn sent(&self) -> u64 {
        self.sent
    }

    /// Sends the next part of the content.
    pub async fn write(&mut self, bytes: &[u8]) -> Result<(), FileSendError> {
        let attempted = self.sent.saturating_add(bytes.len() as u64);
        if attempted > self.header.size {
            return Err(FileSendError::TooLong {
                size: self.header.size,
                attempted,
            });
        }
        self.send.write_all(bytes).await.map_err(SendError::from)?;
        self.sent = attempted;
        Ok(())
    }

    /// Ends the stream; an error if fewer bytes than announced were sent.
    pub fn finish(mut self) -> Result<(), FileSendError> {
        if self.sent != self.header.size {
            // The receiver would reject the short file; tell it now.
            let _ = self.send.reset(quinn::VarInt::from_u32(0));
            return Err(FileSendError::Short {
                sent: self.sent,
                size: self.header.size,
            });
        }
        self.send.finish().map_err(|_| SendError::Closed)?;
        Ok(())
    }
}

/// Receives one file: its header, then the content in chunks, checked against the header's
/// size and SHA-256 at the end.
pub struct FileReceiver {
    recv: quinn::RecvStream,
    header: FileHeader,
    /// Content that arrived with the header.
    early: Option<Vec<u8>>,
    received: u64,
    hasher: Sha256,
    done: bool,
}

impl fmt::Debug for FileReceiver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileReceiver")
            .field("header", &self.header)
            .field("received", &self.received)
            .finish()
    }
}

impl FileReceiver {
    /// Reads and checks the header of a stream whose tag byte was already read.
    pub(crate) async fn start(mut recv: quinn::RecvStream) -> Result<Self, FileRecvError> {
        let mut decoder = FrameDecoder::<FileHeader>::for_kind(StreamKind::File);
        let header = match read_message(&mut recv, &mut decoder).await {
            Ok(Some(header)) => header,
            Ok(None) => return Err(FileRecvError::NoHeader),
            Err(ReadMessageError::Frame(err)) => return Err(FileRecvError::HeaderFrame(err)),
            Err(ReadMessageError::Read(err)) => return Err(RecvError::from(err).into()),
        };
        header.validate()?;
        let early = decoder.into_remaining();
        let mut receiver = Self {
            recv,
            header,
            early: None,
            received: 0,
            hasher: Sha256::new(),
            done: false,
        };
        if !early.is_empty() {
            receiver.count(&early)?;
            receiver.early = Some(early);
        }
        Ok(receiver)
    }

    /// The header: name, size, SHA-256.
    pub fn header(&self) -> &FileHeader {
        &self.header
    }

    /// Content bytes received so far.
    pub fn received(&self) -> u64 {
        self.received
    }

    fn count(&mut self, bytes: &[u8]) -> Result<(), FileRecvError> {
        self.received = self.received.saturating_add(bytes.len() as u64);
        if self.received > self.header.size {
            let _ = self.recv.stop(quinn::VarInt::from_u32(0));
            return Err(FileRecvError::TooLong {
                size: self.header.size,
            });
        }
        self.hasher.update(bytes);
        Ok(())
    }

    /// The next part of the content; `None` once all of it arrived and matched the header.
    pub async fn read_chunk(&mut self) -> Result<Option<Vec<u8>>, FileRecvError> {
        if let Some(early) = self.early.take() {
            return Ok(Some(early));
        }
        if self.done {
            return Ok(None);
        }
        match self
            .recv
            .read_chunk(READ_CHUNK, true)
            .await
            .map_err(RecvError::from)?
        {
            Some(chunk) => {
                let bytes = Vec::from(chunk.bytes);
                self.count(&bytes)?;
                Ok(Some(bytes))
            }
            None => {
                self.done = true;
                if self.received != self.header.size {
                    return Err(FileRecvError::Truncated {
                        received: self.received,
                        size: self.header.size,
                    });
                }
                let digest: [u8; 32] = self.hasher.clone().finalize().into();
                if digest != self.header.sha256 {
                    return Err(FileRecvError::HashMismatch);
                }
                Ok(None)
            }
        }
    }

    /// The whole content, checked. For small files; large ones are better written out chunk
    /// by chunk.
    pub async fn read_to_end(mut self) -> Result<Vec<u8>, FileRecvError> {
        let mut content = Vec::new();
        while let Some(chunk) = self.read_chunk().await? {
            content.extend_from_slice(&chunk);
        }
        Ok(content)
    }
}
