//! A session the relay welcomed: the notice stream and the peer.

use std::fmt;

use thiserror::Error;

use crate::framing::{FrameDecoder, FrameError, HANDSHAKE_MAX};
use crate::messages::handshake::{RelayNotice, Welcome};

use super::disconnect::Disconnect;
use super::frames::{ReadMessageError, read_message};
use super::peer::Peer;

/// Why the next notice could not be read.
#[derive(Debug, Error)]
pub enum NoticeError {
    /// The relay sent something that is not a notice.
    #[error("the relay sent a malformed notice: {0}")]
    Malformed(#[from] FrameError),
    /// The relay abandoned the notice stream.
    #[error("the relay reset the notice stream (code {code})")]
    Reset {
        /// The relay's reset code.
        code: u64,
    },
    /// The connection is gone.
    #[error("the connection to the relay is gone: {0}")]
    ConnectionLost(Disconnect),
}

/// What the relay says about the peer, on the handshake stream after the welcome.
pub struct Notices {
    /// Our half of the handshake stream, held for the session's life; nothing more is sent
    /// on it after the hello.
    _send: quinn::SendStream,
    recv: quinn::RecvStream,
    decoder: FrameDecoder<RelayNotice>,
}

impl fmt::Debug for Notices {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Notices")
            .field("stream", &self.recv.id())
            .field("decoder", &self.decoder)
            .finish()
    }
}

impl Notices {
    /// Continues the handshake stream; `early` are bytes read past the welcome.
    pub(crate) fn new(send: quinn::SendStream, recv: quinn::RecvStream, early: &[u8]) -> Self {
        let mut decoder = FrameDecoder::new(HANDSHAKE_MAX);
        decoder.push(early);
        Self {
            _send: send,
            recv,
            decoder,
        }
    }

    /// The next notice; `None` once the relay finished the stream (after
    /// [`RelayNotice::PeerLeft`] or [`RelayNotice::Shutdown`]). Cancel-safe.
    pub async fn next(&mut self) -> Result<Option<RelayNotice>, NoticeError> {
        match read_message(&mut self.recv, &mut self.decoder).await {
            Ok(notice) => Ok(notice),
            Err(ReadMessageError::Frame(err)) => Err(NoticeError::Malformed(err)),
            Err(ReadMessageError::Read(err)) => Err(match err {
                quinn::ReadError::Reset(code) => NoticeError::Reset {
                    code: code.into_inner(),
                },
                quinn::ReadError::ConnectionLost(err) => NoticeError::ConnectionLost(err.into()),
                other => NoticeError::ConnectionLost(Disconnect::Other(other.to_string())),
            }),
        }
    }
}

/// A session in progress: what the relay welcomed us with, its notices, and the peer.
///
/// To read notices and accept streams at once, take the parts apart:
/// `let (welcome, peer, notices) = session.into_parts();` — or clone [`RelaySession::peer`].
#[derive(Debug)]
pub struct RelaySession {
    welcome: Welcome,
    peer: Peer,
    notices: Notices,
}

impl RelaySession {
    pub(crate) fn new(welcome: Welcome, peer: Peer, notices: Notices) -> Self {
        Self {
            welcome,
            peer,
            notices,
        }
    }

    /// The relay's welcome: session ID, portal policy, recording, identifier.
    pub fn welcome(&self) -> &Welcome {
        &self.welcome
    }

    /// The peer: streams, datagrams, close. Clone it to use it from other tasks.
    pub fn peer(&self) -> &Peer {
        &self.peer
    }

    /// The next notice from the relay (see [`Notices::next`]).
    pub async fn next_notice(&mut self) -> Result<Option<RelayNotice>, NoticeError> {
        self.notices.next().await
    }

    /// The welcome, the peer and the notice stream, to be used separately.
    pub fn into_parts(self) -> (Welcome, Peer, Notices) {
        (self.welcome, self.peer, self.notices)
    }

    /// Leaves the session cleanly: the relay tells the peer, and closes the record.
    pub async fn close(self) {
        self.peer.close().await;
    }
}
