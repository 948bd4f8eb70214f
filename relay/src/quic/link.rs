//! One client's connection and its handshake stream, and the ways the relay ends it.

use std::time::Duration;

use lifeline_protocol::framing::{HANDSHAKE_MAX, encode};
use lifeline_protocol::messages::handshake::{
    CloseCode, DeviceSummary, RejectReason, RelayNotice, ServerHello,
};
use serde::Serialize;
use thiserror::Error;

use crate::pairing::ConnId;
use crate::store::User;

use super::context::{ConnectionGuard, Context};

/// How long the relay waits for a client to close after the relay's last words (a refusal,
/// `PeerLeft`), before closing itself. Closing first could discard words still in flight.
const LAST_WORDS_GRACE: Duration = Duration::from_secs(2);

/// A message for the client could not be sent.
#[derive(Debug, Error)]
pub(crate) enum LinkError {
    /// The message does not fit the handshake limit (a bug).
    #[error("could not encode: {0}")]
    Encode(#[from] lifeline_protocol::framing::FrameError),
    /// The client is gone.
    #[error("could not write: {0}")]
    Write(#[from] quinn::WriteError),
}

/// A client that completed the QUIC handshake and sent its hello.
#[derive(Debug)]
pub(crate) struct Link {
    pub(crate) id: ConnId,
    pub(crate) conn: quinn::Connection,
    /// The relay's half of the handshake stream: answers and notices.
    send: quinn::SendStream,
    /// The client's half; nothing more is read after the hello.
    _recv: quinn::RecvStream,
    _guard: ConnectionGuard,
}

impl Link {
    pub(crate) fn new(
        id: ConnId,
        conn: quinn::Connection,
        send: quinn::SendStream,
        recv: quinn::RecvStream,
        guard: ConnectionGuard,
    ) -> Self {
        Self {
            id,
            conn,
            send,
            _recv: recv,
            _guard: guard,
        }
    }

    async fn send_frame<T: Serialize>(&mut self, message: &T) -> Result<(), LinkError> {
        let frame = encode(message, HANDSHAKE_MAX)?;
        self.send.write_all(&frame).await?;
        Ok(())
    }

    /// Sends a handshake answer.
    pub(crate) async fn send_hello(&mut self, hello: &ServerHello) -> Result<(), LinkError> {
        self.send_frame(hello).await
    }

    /// Sends a notice about the peer.
    pub(crate) async fn send_notice(&mut self, notice: &RelayNotice) -> Result<(), LinkError> {
        self.send_frame(notice).await
    }

    /// Ends the handshake stream, gives the client a moment to read what was sent and close,
    /// then closes with `code`.
    pub(crate) async fn close_after_last_words(mut self, code: CloseCode) {
        let _ = self.send.finish();
        let _ = tokio::time::timeout(LAST_WORDS_GRACE, self.conn.closed()).await;
        self.close_now(code);
    }

    /// Closes with `code` at once.
    pub(crate) fn close_now(&self, code: CloseCode) {
        self.conn.close(
            quinn::VarInt::from_u32(code.code()),
            code.to_string().as_bytes(),
        );
    }

    /// Refuses the hello with `reason`, counts it, and closes.
    pub(crate) async fn reject(mut self, ctx: &Context, reason: RejectReason) {
        ctx.metrics.join_rejected(&reason);
        tracing::debug!(
            remote = %self.conn.remote_address(),
            %reason,
            "join refused"
        );
        if self
            .send_hello(&ServerHello::Rejected { reason })
            .await
            .is_ok()
        {
            self.close_after_last_words(CloseCode::Rejected).await;
        } else {
            self.close_now(CloseCode::Rejected);
        }
    }
}

/// Who a party is, as the hello and the store said.
#[derive(Debug, Clone)]
pub(crate) enum Who {
    /// A signed-in technician.
    Technician(User),
    /// A customer.
    Customer {
        /// The name they entered.
        name: String,
        /// Their phone.
        device: DeviceSummary,
    },
}

/// An admitted client: its link and who it is.
#[derive(Debug)]
pub(crate) struct Party {
    pub(crate) link: Link,
    pub(crate) who: Who,
}
