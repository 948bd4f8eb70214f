//! The peer behind the relay: typed streams both ways, datagrams, closing.

use std::net::SocketAddr;
use std::time::Duration;

use thiserror::Error;

use crate::messages::StreamKind;
use crate::messages::control::ControlMessage;
use crate::messages::file::FileHeader;
use crate::messages::handshake::CloseCode;
use crate::messages::input::InputEvent;
use crate::messages::video::VideoMessage;

use super::disconnect::Disconnect;
use super::file::{FileReceiver, FileRecvError, FileSendError, FileSender};
use super::messages::{MessageReceiver, MessageSender, RecvError, SendError};

/// How long [`Peer::close`] waits for the close to reach the relay.
const CLOSE_FLUSH: Duration = Duration::from_secs(1);

/// Stop/reset code for streams refused on arrival (unknown or misdirected kind).
const REFUSED_STREAM: u32 = 1;

/// Send priority of each kind: input never waits behind chat, video or files.
fn priority(kind: StreamKind) -> i32 {
    match kind {
        StreamKind::Input => 3,
        StreamKind::Control => 2,
        StreamKind::Video => 1,
        StreamKind::File => 0,
    }
}

/// Why a stream could not be opened.
#[derive(Debug, Error)]
pub enum OpenError {
    /// The connection is gone.
    #[error("the connection is gone: {0}")]
    ConnectionLost(Disconnect),
    /// The kind tag could not be written.
    #[error("could not start the stream: {0}")]
    Send(#[from] SendError),
    /// The file header was refused or could not be written.
    #[error(transparent)]
    File(#[from] FileSendError),
}

/// Why an incoming stream was not handed over. Only [`AcceptError::ConnectionLost`] ends
/// the session; after any other, accept the next stream.
#[derive(Debug, Error)]
pub enum AcceptError {
    /// The connection is gone.
    #[error("the connection is gone: {0}")]
    ConnectionLost(Disconnect),
    /// The stream's first byte names no stream kind; the stream was refused.
    #[error("the peer opened a stream with unknown kind tag {0}")]
    UnknownKind(u8),
    /// A control stream that is not bidirectional, or another kind that is; refused.
    #[error("the peer opened a {kind:?} stream as {}", if *.bidirectional { "bidirectional" } else { "unidirectional" })]
    WrongDirection {
        /// The kind announced.
        kind: StreamKind,
        /// Whether the stream was bidirectional.
        bidirectional: bool,
    },
    /// The stream ended before its kind tag.
    #[error("the peer's stream ended before its kind tag")]
    NoTag,
    /// Reading the tag failed.
    #[error("could not read the stream's kind: {0}")]
    Recv(#[from] RecvError),
    /// A file stream's header was malformed or unacceptable.
    #[error(transparent)]
    File(#[from] FileRecvError),
}

impl AcceptError {
    /// Whether the connection is gone (no more streams will come).
    pub fn is_connection_lost(&self) -> bool {
        matches!(self, Self::ConnectionLost(_))
    }
}

/// Why a datagram could not be sent or received.
#[derive(Debug, Error)]
pub enum DatagramError {
    /// Larger than the path carries.
    #[error("a datagram of {len} bytes is larger than the path carries ({max:?} bytes)")]
    TooLarge {
        /// The datagram's size.
        len: usize,
        /// The largest the path carries now, if datagrams are possible at all.
        max: Option<usize>,
    },
    /// The relay does not accept datagrams.
    #[error("the relay does not accept datagrams")]
    Unsupported,
    /// The connection is gone.
    #[error("the connection is gone: {0}")]
    ConnectionLost(Disconnect),
}

/// A stream the peer opened, typed by its kind tag.
#[derive(Debug)]
pub enum IncomingStream {
    /// Control messages both ways.
    Control(
        MessageSender<ControlMessage>,
        MessageReceiver<ControlMessage>,
    ),
    /// Input events from the technician.
    Input(MessageReceiver<InputEvent>),
    /// Video from the phone.
    Video(MessageReceiver<VideoMessage>),
    /// One file from the phone; its header was read and checked.
    File(FileReceiver),
}

impl IncomingStream {
    /// The stream's kind.
    pub fn kind(&self) -> StreamKind {
        match self {
            Self::Control(..) => StreamKind::Control,
            Self::Input(_) => StreamKind::Input,
            Self::Video(_) => StreamKind::Video,
            Self::File(_) => StreamKind::File,
        }
    }
}

/// The paired peer, reached through the relay. Cheap to clone; every clone is the same
/// connection.
#[derive(Debug, Clone)]
pub struct Peer {
    conn: quinn::Connection,
    /// Kept so the endpoint lives as long as the connection is used.
    endpoint: quinn::Endpoint,
}

impl Peer {
    pub(crate) fn new(conn: quinn::Connection, endpoint: quinn::Endpoint) -> Self {
        Self { conn, endpoint }
    }

    async fn open_uni_tagged(&self, kind: StreamKind) -> Result<quinn::SendStream, OpenError> {
        let mut send = self
            .conn
            .open_uni()
            .await
            .map_err(|e| OpenError::ConnectionLost(e.into()))?;
        // Set before any data is queued; the stream is fresh, so this cannot fail.
        let _ = send.set_priority(priority(kind));
        send.write_all(&[kind.tag()])
            .await
            .map_err(SendError::from)?;
        Ok(send)
    }

    /// Opens the control stream (bidirectional).
    pub async fn open_control(
        &self,
    ) -> Result<
        (
            MessageSender<ControlMessage>,
            MessageReceiver<ControlMessage>,
        ),
        OpenError,
    > {
        let kind = StreamKind::Control;
        let (mut send, recv) = self
            .conn
            .open_bi()
            .await
            .map_err(|e| OpenError::ConnectionLost(e.into()))?;
        let _ = send.set_priority(priority(kind));
        send.write_all(&[kind.tag()])
            .await
            .map_err(SendError::from)?;
        Ok((
            MessageSender::new(send, kind),
            MessageReceiver::new(recv, kind),
        ))
    }

    /// Opens an input stream (technician → phone).
    pub async fn open_input(&self) -> Result<MessageSender<InputEvent>, OpenError> {
        let send = self.open_uni_tagged(StreamKind::Input).await?;
        Ok(MessageSender::new(send, StreamKind::Input))
    }

    /// Opens a video stream (phone → technician).
    pub async fn open_video(&self) -> Result<MessageSender<VideoMessage>, OpenError> {
        let send = self.open_uni_tagged(StreamKind::Video).await?;
        Ok(MessageSender::new(send, StreamKind::Video))
    }

    /// Opens a file stream (phone → technician) and sends its header.
    pub async fn open_file(&self, header: FileHeader) -> Result<FileSender, OpenError> {
        header.validate().map_err(FileSendError::from)?;
        let send = self.open_uni_tagged(StreamKind::File).await?;
        Ok(FileSender::start(send, header).await?)
    }

    /// The next stream the peer opens.
    ///
    /// Not cancel-safe: once a stream is accepted, its kind tag (and a file's header) is read
    /// before this returns, and dropping the future then loses that stream. Call it from a
    /// loop of its own (one task accepting and handing streams on) rather than as one branch
    /// of a `select!` that other branches may win.
    pub async fn accept_stream(&self) -> Result<IncomingStream, AcceptError> {
        let lost = |e: quinn::ConnectionError| AcceptError::ConnectionLost(e.into());
        tokio::select! {
            bi = self.conn.accept_bi() => {
                let (mut send, mut recv) = bi.map_err(lost)?;
                match read_tag(&mut recv).await? {
                    StreamKind::Control => {
                        let _ = send.set_priority(priority(StreamKind::Control));
                        Ok(IncomingStream::Control(
                            MessageSender::new(send, StreamKind::Control),
                            MessageReceiver::new(recv, StreamKind::Control),
                        ))
                    }
                    kind => {
                        let _ = recv.stop(quinn::VarInt::from_u32(REFUSED_STREAM));
                        let _ = send.reset(quinn::VarInt::from_u32(REFUSED_STREAM));
                        Err(AcceptError::WrongDirection { kind, bidirectional: true })
                    }
                }
            }
            uni = self.conn.accept_uni() => {
                let mut recv = uni.map_err(lost)?;
                match read_tag(&mut recv).await? {
                    StreamKind::Input => Ok(IncomingStream::Input(
                        MessageReceiver::new(recv, StreamKind::Input),
                    )),
                    StreamKind::Video => Ok(IncomingStream::Video(
                        MessageReceiver::new(recv, StreamKind::Video),
                    )),
                    StreamKind::File => Ok(IncomingStream::File(FileReceiver::start(recv).await?)),
                    kind @ StreamKind::Control => {
                        let _ = recv.stop(quinn::VarInt::from_u32(REFUSED_STREAM));
                        Err(AcceptError::WrongDirection { kind, bidirectional: false })
                    }
                }
            }
        }
    }

    /// Sends an unreliable datagram to the peer (dropped on the way if the peer's path is
    /// smaller than ours).
    pub fn send_datagram(&self, data: Vec<u8>) -> Result<(), DatagramError> {
        let len = data.len();
        self.conn.send_datagram(data.into()).map_err(|e| match e {
            quinn::SendDatagramError::TooLarge => DatagramError::TooLarge {
                len,
                max: self.conn.max_datagram_size(),
            },
            quinn::SendDatagramError::UnsupportedByPeer | quinn::SendDatagramError::Disabled => {
                DatagramError::Unsupported
            }
            quinn::SendDatagramError::ConnectionLost(e) => DatagramError::ConnectionLost(e.into()),
        })
    }

    /// The next datagram from the peer. Cancel-safe.
    pub async fn read_datagram(&self) -> Result<Vec<u8>, DatagramError> {
        let data = self
            .conn
            .read_datagram()
            .await
            .map_err(|e| DatagramError::ConnectionLost(e.into()))?;
        Ok(Vec::from(data))
    }

    /// The largest datagram the path to the relay carries now.
    pub fn max_datagram_size(&self) -> Option<usize> {
        self.conn.max_datagram_size()
    }

    /// Round-trip time to the relay (not to the peer).
    pub fn rtt(&self) -> Duration {
        self.conn.rtt()
    }

    /// The relay's address.
    pub fn relay_address(&self) -> SocketAddr {
        self.conn.remote_address()
    }

    /// Resolves when the connection is gone, with why.
    pub async fn closed(&self) -> Disconnect {
        self.conn.closed().await.into()
    }

    /// Closes the connection cleanly (the relay tells the peer it left on purpose) and
    /// waits briefly for the close to go out.
    pub async fn close(&self) {
        self.conn
            .close(quinn::VarInt::from_u32(CloseCode::Normal.code()), b"done");
        let _ = tokio::time::timeout(CLOSE_FLUSH, self.endpoint.wait_idle()).await;
    }
}

/// Reads a stream's kind tag.
async fn read_tag(recv: &mut quinn::RecvStream) -> Result<StreamKind, AcceptError> {
    let mut tag = [0u8; 1];
    recv.read_exact(&mut tag).await.map_err(|e| match e {
        quinn::ReadExactError::FinishedEarly(_) => AcceptError::NoTag,
        quinn::ReadExactError::ReadError(e) => match e {
            quinn::ReadError::ConnectionLost(e) => AcceptError::ConnectionLost(e.into()),
            other => AcceptError::Recv(other.into()),
        },
    })?;
    StreamKind::try_from(tag[0]).map_err(|unknown| {
        let _ = recv.stop(quinn::VarInt::from_u32(REFUSED_STREAM));
        AcceptError::UnknownKind(unknown.0)
    })
}
