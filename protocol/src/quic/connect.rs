//! Connecting to the relay: QUIC + TLS, the hello, the relay's answer.

use std::io;
use std::sync::OnceLock;
use std::time::Duration;

use thiserror::Error;

use crate::fingerprint::CertFingerprint;
use crate::framing::{FrameDecoder, FrameError, HANDSHAKE_MAX, encode};
use crate::messages::handshake::{ClientHello, CloseCode, RejectReason, ServerHello, Welcome};

use super::disconnect::Disconnect;
use super::endpoint::{ConnectOptions, RelayTarget, client_endpoint, client_setup};
use super::frames::{ReadMessageError, read_message};
use super::peer::Peer;
use super::session::{Notices, RelaySession};
use super::trust::ServerTrust;

/// TLS alert `no_application_protocol`: the server does not speak `lifeline/1`.
const NO_APPLICATION_PROTOCOL: u8 = 120;

/// How long to wait for the relay's close reason after it ended the handshake stream.
const CLOSE_REASON_WAIT: Duration = Duration::from_secs(1);

/// Why connecting to the relay failed. Each reads as one sentence for the person waiting.
#[derive(Debug, Error)]
pub enum ConnectError {
    /// Neither a fingerprint to pin nor CA roots were given.
    #[error(
        "there is no certificate fingerprint (fp=…) to check the relay against; use the full \
         session link"
    )]
    NoFingerprint,
    /// The client's TLS/QUIC setup failed (a bug or an unusable option).
    #[error("could not set up the connection: {0}")]
    Setup(String),
    /// No UDP socket could be opened.
    #[error("could not open a UDP socket: {0}")]
    Socket(#[source] io::Error),
    /// The relay's name does not resolve, or the network refused.
    #[error("the relay {relay} is unreachable: {detail}")]
    Unreachable {
        /// The relay as given.
        relay: String,
        /// What went wrong.
        detail: String,
    },
    /// No answer in time.
    #[error("the relay {relay} did not answer within {} s", after.as_secs_f32())]
    TimedOut {
        /// The relay as given.
        relay: String,
        /// The time allowed.
        after: Duration,
    },
    /// The relay presented another certificate than the pinned one.
    #[error(
        "the relay's certificate is not the one expected: fingerprint {got} instead of \
         {expected}; check the server setting or ask for a new link"
    )]
    CertificateMismatch {
        /// The pinned fingerprint.
        expected: CertFingerprint,
        /// The presented certificate's.
        got: CertFingerprint,
    },
    /// The certificate did not verify against the CA roots (or TLS failed otherwise).
    #[error("the relay's certificate is not trusted: {detail}")]
    UntrustedCertificate {
        /// rustls' words.
        detail: String,
    },
    /// The server does not speak ALPN `lifeline/1`.
    #[error("the server at {relay} does not speak the Lifeline protocol (lifeline/1)")]
    WrongProtocol {
        /// The relay as given.
        relay: String,
    },
    /// The relay refused the hello; the reason reads on its own.
    #[error("{0}")]
    Rejected(RejectReason),
    /// The relay is at its limit of sessions or of connections from this address.
    #[error("the relay is busy; try again in a minute")]
    Busy,
    /// The relay is shutting down.
    #[error("the relay is shutting down; try again shortly")]
    ShuttingDown,
    /// The relay could not read our hello, or failed itself.
    #[error("the relay refused the handshake: {0}")]
    HandshakeRefused(CloseCode),
    /// The hello could not be encoded (e.g. a name far too long).
    #[error("the hello could not be sent: {0}")]
    BadHello(FrameError),
    /// The relay's answer is not a valid handshake message.
    #[error("the relay's handshake answer is malformed: {detail}")]
    HandshakeMalformed {
        /// What was wrong.
        detail: String,
    },
    /// The connection dropped during the handshake.
    #[error("the connection to the relay was lost: {0}")]
    ConnectionLost(Disconnect),
}

impl ConnectError {
    /// The refusal reason, if the relay refused the hello.
    pub fn reject_reason(&self) -> Option<RejectReason> {
        match self {
            Self::Rejected(reason) => Some(*reason),
            _ => None,
        }
    }
}

impl ServerTrust {
    /// Trust from a link's optional fingerprint: pinned, or [`ConnectError::NoFingerprint`].
    pub fn from_link(fingerprint: Option<CertFingerprint>) -> Result<Self, ConnectError> {
        fingerprint
            .map(Self::Pinned)
            .ok_or(ConnectError::NoFingerprint)
    }
}

/// A connection error after the QUIC handshake, mapped to what the person can do.
fn lost(err: quinn::ConnectionError) -> ConnectError {
    match Disconnect::from(err) {
        Disconnect::Relay(CloseCode::Busy) => ConnectError::Busy,
        Disconnect::Relay(CloseCode::Shutdown) => ConnectError::ShuttingDown,
        Disconnect::Relay(code @ (CloseCode::BadHandshake | CloseCode::ServerError)) => {
            ConnectError::HandshakeRefused(code)
        }
        other => ConnectError::ConnectionLost(other),
    }
}

/// A failed QUIC/TLS handshake, mapped to what the person can do.
fn establish_failure(
    err: quinn::ConnectionError,
    relay: &str,
    pin: Option<&(CertFingerprint, std::sync::Arc<OnceLock<CertFingerprint>>)>,
) -> ConnectError {
    if let Some((expected, seen)) = pin
        && let Some(got) = seen.get()
    {
        return ConnectError::CertificateMismatch {
            expected: *expected,
            got: *got,
        };
    }
    let no_alpn = quinn::TransportErrorCode::crypto(NO_APPLICATION_PROTOCOL);
    match &err {
        quinn::ConnectionError::TransportError(e) if e.code == no_alpn => {
            ConnectError::WrongProtocol {
                relay: relay.to_owned(),
            }
        }
        quinn::ConnectionError::ConnectionClosed(close) if close.error_code == no_alpn => {
            ConnectError::WrongProtocol {
                relay: relay.to_owned(),
            }
        }
        quinn::ConnectionError::ConnectionClosed(close)
            if close.error_code == quinn::TransportErrorCode::CONNECTION_REFUSED =>
        {
            ConnectError::Busy
        }
        quinn::ConnectionError::TransportError(e)
            if (0x100..0x200).contains(&u64::from(e.code)) =>
        {
            ConnectError::UntrustedCertificate {
                detail: e.reason.clone(),
            }
        }
        quinn::ConnectionError::TimedOut => ConnectError::Unreachable {
            relay: relay.to_owned(),
            detail: "no answer".into(),
        },
        _ => lost(err),
    }
}

/// Connects, says hello and waits until the relay pairs us with the peer (or refuses).
///
/// Reaching the relay and its first answer are bounded by `options.timeout`; waiting for
/// the peer is not (the relay ends the wait when the code expires). To show "waiting for the
/// customer" in between, use [`admit`] and [`Admission::paired`].
pub async fn connect(
    target: impl Into<RelayTarget>,
    trust: &ServerTrust,
    hello: &ClientHello,
    options: &ConnectOptions,
) -> Result<RelaySession, ConnectError> {
    admit(target, trust, hello, options).await?.paired().await
}

/// Connects and says hello; returns once the relay admitted us, either straight into the
/// session or to wait for the peer.
pub async fn admit(
    target: impl Into<RelayTarget>,
    trust: &ServerTrust,
    hello: &ClientHello,
    options: &ConnectOptions,
) -> Result<Admission, ConnectError> {
    let target = target.into();
    tokio::time::timeout(options.timeout, admit_now(&target, trust, hello, options))
        .await
        .unwrap_or_else(|_| {
            Err(ConnectError::TimedOut {
                relay: target.to_string(),
                after: options.timeout,
            })
        })
}

async fn admit_now(
    target: &RelayTarget,
    trust: &ServerTrust,
    hello: &ClientHello,
    options: &ConnectOptions,
) -> Result<Admission, ConnectError> {
    let relay = target.to_string();
    let hello_frame = encode(hello, HANDSHAKE_MAX).map_err(ConnectError::BadHello)?;
    let (addr, server_name) = target.resolve().await?;
    let setup = client_setup(trust, options)?;
    let endpoint = client_endpoint(addr)?;
    let connecting = endpoint
        .connect_with(setup.config, addr, &server_name)
        .map_err(|e| ConnectError::Setup(e.to_string()))?;
    let conn = connecting
        .await
        .map_err(|e| establish_failure(e, &relay, setup.pin.as_ref()))?;
    let (mut send, recv) = conn.open_bi().await.map_err(lost)?;
    send.write_all(&hello_frame).await.map_err(|e| match e {
        quinn::WriteError::ConnectionLost(e) => lost(e),
        other => ConnectError::ConnectionLost(Disconnect::Other(other.to_string())),
    })?;
    let mut link = HandshakeLink {
        endpoint,
        conn,
        send,
        recv,
        decoder: FrameDecoder::new(HANDSHAKE_MAX),
    };
    match link.read_answer().await? {
        ServerHello::Welcome(welcome) => Ok(Admission {
            link,
            welcome: Some(welcome),
        }),
        ServerHello::Waiting => Ok(Admission {
            link,
            welcome: None,
        }),
        ServerHello::Rejected { reason } => Err(link.refused(reason).await),
    }
}

/// The handshake stream while the answer is awaited.
#[derive(Debug)]
struct HandshakeLink {
    endpoint: quinn::Endpoint,
    conn: quinn::Connection,
    send: quinn::SendStream,
    recv: quinn::RecvStream,
    decoder: FrameDecoder<ServerHello>,
}

impl HandshakeLink {
    async fn read_answer(&mut self) -> Result<ServerHello, ConnectError> {
        match read_message(&mut self.recv, &mut self.decoder).await {
            Ok(Some(answer)) => Ok(answer),
            Ok(None) => {
                // The relay ended the stream without answering: its close says why.
                match tokio::time::timeout(CLOSE_REASON_WAIT, self.conn.closed()).await {
                    Ok(err) => Err(lost(err)),
                    Err(_) => Err(ConnectError::HandshakeMalformed {
                        detail: "the relay ended the handshake without an answer".into(),
                    }),
                }
            }
            Err(ReadMessageError::Frame(err)) => Err(ConnectError::HandshakeMalformed {
                detail: err.to_string(),
            }),
            Err(ReadMessageError::Read(quinn::ReadError::ConnectionLost(err))) => Err(lost(err)),
            Err(ReadMessageError::Read(err)) => Err(ConnectError::HandshakeMalformed {
                detail: err.to_string(),
            }),
        }
    }

    /// Closes after a refusal and returns the error to report.
    async fn refused(self, reason: RejectReason) -> ConnectError {
        Peer::new(self.conn, self.endpoint).close().await;
        ConnectError::Rejected(reason)
    }

    fn into_session(self, welcome: Welcome) -> RelaySession {
        let early = self.decoder.into_remaining();
        let notices = Notices::new(self.send, self.recv, &early);
        RelaySession::new(welcome, Peer::new(self.conn, self.endpoint), notices)
    }
}

/// Admitted by the relay: either welcomed already, or waiting for the peer.
#[derive(Debug)]
pub struct Admission {
    link: HandshakeLink,
    welcome: Option<Welcome>,
}

impl Admission {
    /// Whether the peer has not arrived yet.
    pub fn is_waiting(&self) -> bool {
        self.welcome.is_none()
    }

    /// Waits for the peer (no time limit: the relay refuses with
    /// [`RejectReason::Expired`] when the code expires) and returns the session.
    /// Dropping the future closes the connection.
    pub async fn paired(mut self) -> Result<RelaySession, ConnectError> {
        if let Some(welcome) = self.welcome.take() {
            return Ok(self.link.into_session(welcome));
        }
        match self.link.read_answer().await? {
            ServerHello::Welcome(welcome) => Ok(self.link.into_session(welcome)),
            ServerHello::Rejected { reason } => Err(self.link.refused(reason).await),
            ServerHello::Waiting => Err(ConnectError::HandshakeMalformed {
                detail: "the relay said \"waiting\" twice".into(),
            }),
        }
    }

    /// Gives up waiting: closes the connection cleanly.
    pub async fn abandon(self) {
        Peer::new(self.link.conn, self.link.endpoint).close().await;
    }
}
