//! Reading a client's hello: the first bidirectional stream, one frame, size-limited.

use std::time::Duration;

use lifeline_protocol::framing::{FrameDecoder, FrameError};
use lifeline_protocol::messages::handshake::ClientHello;
use thiserror::Error;

/// Largest chunk read from the handshake stream at once.
const CHUNK: usize = 16 * 1024;

/// Why a connection did not get as far as a hello. Each is counted as a failed handshake.
#[derive(Debug, Error)]
pub(crate) enum HandshakeError {
    /// QUIC or TLS failed (e.g. wrong ALPN, garbage packets, the client gave up).
    #[error("QUIC/TLS handshake failed: {0}")]
    Quic(#[from] quinn::ConnectionError),
    /// The connection did not negotiate `lifeline/1`.
    #[error("the client does not speak lifeline/1")]
    WrongAlpn,
    /// The hello did not arrive within the handshake timeout.
    #[error("no hello within {0:?}")]
    TooSlow(Duration),
    /// The hello is garbage or larger than the limit.
    #[error("bad hello: {0}")]
    Frame(#[from] FrameError),
    /// The handshake stream failed.
    #[error("the handshake stream failed: {0}")]
    Read(#[from] quinn::ReadError),
    /// The stream ended before a whole hello.
    #[error("the handshake stream ended before a hello")]
    NoHello,
}

/// The QUIC and TLS handshake of an incoming connection.
pub(crate) async fn establish(
    incoming: quinn::Incoming,
) -> Result<quinn::Connection, HandshakeError> {
    Ok(incoming.accept()?.await?)
}

/// The client's first bidirectional stream and the hello on it, at most `max` bytes.
pub(crate) async fn accept_hello(
    conn: &quinn::Connection,
    max: usize,
) -> Result<(quinn::SendStream, quinn::RecvStream, ClientHello), HandshakeError> {
    let (send, mut recv) = conn.accept_bi().await?;
    let mut decoder = FrameDecoder::<ClientHello>::new(max);
    loop {
        if let Some(hello) = decoder.poll()? {
            return Ok((send, recv, hello));
        }
        match recv.read_chunk(CHUNK, true).await? {
            Some(chunk) => decoder.push(&chunk.bytes),
            None => return Err(HandshakeError::NoHello),
        }
    }
}
