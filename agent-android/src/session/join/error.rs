//! Why joining failed. The `Display` words are English, for logs; what the person waiting
//! reads comes from [`super::wording`], in the phone's language.

use lifeline_protocol::CertFingerprint;
use lifeline_protocol::link::LinkError;
use lifeline_protocol::messages::handshake::RejectReason;
use lifeline_protocol::quic::ConnectError;
use thiserror::Error;

/// Why the agent could not join a session.
#[derive(Debug, Error)]
pub enum JoinError {
    /// `--fingerprint` and the link's `fp=` name different certificates.
    #[error(
        "--fingerprint {given} does not match the link's fingerprint {link}; use the link as \
         your technician sent it"
    )]
    FingerprintConflict {
        /// Given on the command line.
        given: CertFingerprint,
        /// In the link.
        link: CertFingerprint,
    },
    /// A plain `http://` join URL for another computer: its answer could be forged.
    #[error(
        "a plain http:// join link is only accepted for this computer, not {host}; use the \
         https:// link"
    )]
    InsecurePage {
        /// The link's host.
        host: String,
    },
    /// The join page could not be fetched.
    #[error("the join page {url} is unreachable: {detail}")]
    PageUnreachable {
        /// The join URL.
        url: String,
        /// What went wrong.
        detail: String,
    },
    /// The join page did not answer in time.
    #[error("the join page {url} is unreachable: no answer in time")]
    PageTimedOut {
        /// The join URL.
        url: String,
    },
    /// The join page's certificate is not trusted by this system and no fingerprint was given.
    #[error(
        "the join page's certificate is not trusted by this system (the relay may use its own \
         certificate); pass --fingerprint FP as your technician gives it, or open the \
         lifeline:// link instead"
    )]
    PageUntrusted {
        /// The join URL.
        url: String,
    },
    /// The join page presented another certificate than `--fingerprint`.
    #[error(
        "the relay's certificate is not the one expected: fingerprint {got} instead of \
         {expected}; check the fingerprint or ask for a new link"
    )]
    PageCertificateMismatch {
        /// `--fingerprint`.
        expected: CertFingerprint,
        /// The page's certificate.
        got: CertFingerprint,
    },
    /// The join page says the code cannot be used.
    #[error("{0}")]
    Refused(RejectReason),
    /// The join page says the technician cancelled the code.
    #[error("this session code was cancelled; ask for a new one")]
    Cancelled,
    /// The join page answered with an unexpected status.
    #[error("the join page {url} answered {status}")]
    PageStatus {
        /// The join URL.
        url: String,
        /// The HTTP status.
        status: u16,
    },
    /// The page holds no `lifeline://` link.
    #[error("{url} is not a Lifeline join page (it holds no lifeline:// link)")]
    NoDeepLink {
        /// The join URL.
        url: String,
    },
    /// The page's `lifeline://` link is invalid or for another code.
    #[error("the join page's link is unusable: {0}")]
    BadDeepLink(String),
    /// A link that is not a join URL or deep link.
    #[error("{0}")]
    Link(#[from] LinkError),
    /// Connecting to the relay failed.
    #[error(transparent)]
    Connect(#[from] ConnectError),
}
