//! Why a connection to the relay ended, in words a person can act on.

use thiserror::Error;

use crate::messages::handshake::CloseCode;

/// Why the connection to the relay is gone.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Disconnect {
    /// The relay closed it with a Lifeline close code.
    #[error("{0}")]
    Relay(CloseCode),
    /// This side closed it.
    #[error("the connection was closed on this side")]
    Local,
    /// Nothing was heard from the relay for the idle timeout.
    #[error("the relay stopped answering (network lost?)")]
    TimedOut,
    /// Anything else: a QUIC-level error, described.
    #[error("{0}")]
    Other(String),
}

impl Disconnect {
    /// The reason behind a quinn connection error.
    pub fn from_connection_error(err: &quinn::ConnectionError) -> Self {
        use quinn::ConnectionError as E;
        match err {
            E::ApplicationClosed(close) => {
                match CloseCode::from_code(close.error_code.into_inner()) {
                    Some(code) => Self::Relay(code),
                    None => Self::Other(format!(
                        "closed with unknown code {}",
                        close.error_code.into_inner()
                    )),
                }
            }
            E::LocallyClosed => Self::Local,
            E::TimedOut => Self::TimedOut,
            E::Reset => Self::Other("the relay reset the connection (did it restart?)".into()),
            other => Self::Other(other.to_string()),
        }
    }

    /// Whether the relay said the session is over because the peer left.
    pub fn is_session_end(&self) -> bool {
        matches!(self, Self::Relay(CloseCode::SessionEnded))
    }
}

impl From<quinn::ConnectionError> for Disconnect {
    fn from(err: quinn::ConnectionError) -> Self {
        Self::from_connection_error(&err)
    }
}
