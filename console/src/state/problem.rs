//! Why something failed, as data. `net` says what went wrong; [`Problem::text`] says it in
//! the technician's language. The relay's API answers in stable English: the console maps
//! those answers by HTTP status (and, for a few conflicts, by the stable message) and never
//! shows them as they are. Details only a system can word (an OS error, a TLS alert, a
//! decoder's complaint) stay as they are, inside a translated sentence.

use std::fmt;

use lifeline_protocol::i18n::Localizer;
use lifeline_protocol::messages::control::EndReason;
use lifeline_protocol::messages::handshake::RejectReason;
use lifeline_protocol::tr;

/// One reason something failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The HTTPS client could not be set up.
    ClientSetup(String),
    /// The server did not answer.
    Unreachable {
        /// The server.
        url: String,
        /// The system's words.
        detail: String,
    },
    /// The server's certificate is not the pinned one.
    Certificate {
        /// The server.
        url: String,
    },
    /// The server's answer could not be read.
    Malformed,
    /// Sign-in refused: wrong name or password (401 on sign-in).
    WrongPassword,
    /// The token is missing or expired (401 elsewhere).
    SignInExpired,
    /// The account is disabled (403 on sign-in).
    AccountDisabled,
    /// Too many attempts (429).
    TooManyAttempts {
        /// Seconds to wait, when the server said.
        retry_after_secs: Option<u64>,
    },
    /// The account may not do this (403).
    Forbidden,
    /// What was asked for does not exist (404).
    NotFound,
    /// An account with that name exists (409).
    NameTaken,
    /// A portal with that address exists (409).
    SlugTaken,
    /// The technician holds as many pending codes as allowed (409).
    TooManyCodes,
    /// An admin tried to disable or demote their own account (409).
    OwnAccount,
    /// The request conflicts with the server's state (other 409s).
    Conflict,
    /// The server found the request invalid (400, 422).
    Invalid,
    /// A new account's password is too short or too long.
    PasswordLength {
        /// The fewest characters allowed.
        min: u64,
    },
    /// A name is empty.
    NameEmpty,
    /// A new portal lacks a name or an address.
    PortalIncomplete,
    /// A portal's address has characters it may not have.
    SlugInvalid,
    /// A portal's code lifetime is out of range.
    CodeLifetime,
    /// The retention is out of range.
    RetentionRange,
    /// Too large for the server (413).
    TooLarge,
    /// The server failed (5xx).
    ServerFailed {
        /// HTTP status.
        status: u16,
    },
    /// Any other refusal.
    Refused {
        /// HTTP status.
        status: u16,
    },
    /// Not signed in (a request made before signing in).
    NotSignedIn,
    /// A system's own words (OS, QUIC, TLS), for what the console cannot word better.
    System(String),
    /// The demo phone's program was not found next to the console.
    DemoAgentMissing {
        /// The program's file name.
        program: String,
        /// Where it was looked for.
        folder: String,
    },
    /// The demo phone's program did not run.
    DemoNotStarted {
        /// The program.
        program: String,
        /// The system's words.
        detail: String,
    },
    /// The demo phone left its session.
    DemoLeft,
    /// The demo phone stopped with an error status.
    DemoStopped(String),
    /// The demo phone's process could not be watched.
    DemoNotWatched(String),
    /// The relay's link carries no certificate fingerprint.
    NoFingerprint,
    /// The relay refused to admit the session.
    Rejected(RejectReason),
    /// The relay could not be reached over QUIC.
    ConnectFailed(String),
    /// The code was withdrawn before anyone joined.
    CodeWithdrawn,
    /// The server is shutting down.
    ServerShutdown,
    /// The technician ended the session.
    YouEnded,
    /// The relay closed the session.
    RelayEnded,
    /// The connection was lost (with the system's words, when any).
    ConnectionLost(Option<String>),
    /// The session is not connected (a chat message with no session).
    NotConnected,
    /// Too many messages wait to be sent.
    QueueFull,
    /// The server's link for a code cannot be used.
    BadLink {
        /// The code, as displayed.
        code: String,
        /// What is wrong with it.
        detail: String,
    },
    /// The phone's screen could not be decoded.
    Decoder(String),
    /// A folder could not be created.
    FolderNotCreated {
        /// Which.
        path: String,
        /// The system's words.
        detail: String,
    },
    /// A file could not be written.
    NotWritten {
        /// Which.
        path: String,
        /// The system's words.
        detail: String,
    },
    /// A finished file could not be put in place.
    NotSaved {
        /// Which.
        path: String,
        /// The system's words.
        detail: String,
    },
    /// A file's content is not what was announced (SHA-256 mismatch).
    ChecksumMismatch,
    /// A file transfer broke off.
    TransferBroken(String),
    /// The screenshot could not be encoded.
    ScreenshotNotEncoded(String),
    /// A session recording cannot be played.
    RecordingUnplayable(String),
    /// Too many commands wait for the network side.
    Busy,
    /// The network side has stopped.
    NetworkStopped,
    /// The network side could not start.
    NetworkNotStarted(String),
}

impl Problem {
    /// The problem in the technician's language, as a sentence.
    pub fn text(&self, loc: Localizer) -> String {
        match self {
            Self::ClientSetup(detail) => {
                tr!(loc, "problem-client-setup", detail = detail.as_str())
            }
            Self::Unreachable { url, detail } => tr!(
                loc,
                "problem-unreachable",
                url = url.as_str(),
                detail = detail.as_str()
            ),
            Self::Certificate { url } => tr!(loc, "problem-certificate", url = url.as_str()),
            Self::Malformed => tr!(loc, "problem-malformed"),
            Self::WrongPassword => tr!(loc, "problem-wrong-password"),
            Self::SignInExpired => tr!(loc, "problem-sign-in-expired"),
            Self::AccountDisabled => tr!(loc, "problem-account-disabled"),
            Self::TooManyAttempts {
                retry_after_secs: Some(secs),
            } => tr!(loc, "problem-too-many-wait", seconds = *secs),
            Self::TooManyAttempts { .. } => tr!(loc, "problem-too-many"),
            Self::Forbidden => tr!(loc, "problem-forbidden"),
            Self::NotFound => tr!(loc, "problem-not-found"),
            Self::NameTaken => tr!(loc, "problem-name-taken"),
            Self::SlugTaken => tr!(loc, "problem-slug-taken"),
            Self::TooManyCodes => tr!(loc, "problem-too-many-codes"),
            Self::OwnAccount => tr!(loc, "problem-own-account"),
            Self::Conflict => tr!(loc, "problem-conflict"),
            Self::Invalid => tr!(loc, "problem-invalid"),
            Self::PasswordLength { min } => tr!(loc, "problem-password-length", min = *min),
            Self::NameEmpty => tr!(loc, "problem-name-empty"),
            Self::PortalIncomplete => tr!(loc, "problem-portal-incomplete"),
            Self::SlugInvalid => tr!(
                loc,
                "problem-slug-invalid",
                max = lifeline_relay::store::MAX_SLUG_CHARS
            ),
            Self::CodeLifetime => tr!(loc, "problem-code-lifetime"),
            Self::RetentionRange => tr!(
                loc,
                "problem-retention-range",
                max = lifeline_relay::store::MAX_RETENTION_DAYS
            ),
            Self::TooLarge => tr!(loc, "problem-too-large"),
            Self::ServerFailed { status } => tr!(loc, "problem-server-failed", status = *status),
            Self::Refused { status } => tr!(loc, "problem-refused", status = *status),
            Self::NotSignedIn => tr!(loc, "problem-not-signed-in"),
            Self::System(detail) => detail.clone(),
            Self::DemoAgentMissing { program, folder } => tr!(
                loc,
                "problem-demo-missing",
                program = program.as_str(),
                folder = folder.as_str()
            ),
            Self::DemoNotStarted { program, detail } => tr!(
                loc,
                "problem-demo-not-started",
                program = program.as_str(),
                detail = detail.as_str()
            ),
            Self::DemoLeft => tr!(loc, "problem-demo-left"),
            Self::DemoStopped(status) => {
                tr!(loc, "problem-demo-stopped", status = status.as_str())
            }
            Self::DemoNotWatched(detail) => {
                tr!(loc, "problem-demo-not-watched", detail = detail.as_str())
            }
            Self::NoFingerprint => tr!(loc, "problem-no-fingerprint"),
            Self::Rejected(reason) => rejection(*reason, loc),
            Self::ConnectFailed(detail) => {
                tr!(loc, "problem-connect-failed", detail = detail.as_str())
            }
            Self::CodeWithdrawn => tr!(loc, "problem-code-withdrawn"),
            Self::ServerShutdown => tr!(loc, "problem-server-shutdown"),
            Self::YouEnded => tr!(loc, "problem-you-ended"),
            Self::RelayEnded => tr!(loc, "problem-relay-ended"),
            Self::ConnectionLost(None) => tr!(loc, "problem-connection-lost"),
            Self::ConnectionLost(Some(detail)) => {
                tr!(
                    loc,
                    "problem-connection-lost-detail",
                    detail = detail.as_str()
                )
            }
            Self::NotConnected => tr!(loc, "problem-not-connected"),
            Self::QueueFull => tr!(loc, "problem-queue-full"),
            Self::BadLink { code, detail } => tr!(
                loc,
                "problem-bad-link",
                code = code.as_str(),
                detail = detail.as_str()
            ),
            Self::Decoder(detail) => tr!(loc, "problem-decoder", detail = detail.as_str()),
            Self::FolderNotCreated { path, detail } => tr!(
                loc,
                "problem-folder-not-created",
                path = path.as_str(),
                detail = detail.as_str()
            ),
            Self::NotWritten { path, detail } => tr!(
                loc,
                "problem-not-written",
                path = path.as_str(),
                detail = detail.as_str()
            ),
            Self::NotSaved { path, detail } => tr!(
                loc,
                "problem-not-saved",
                path = path.as_str(),
                detail = detail.as_str()
            ),
            Self::ChecksumMismatch => tr!(loc, "problem-checksum"),
            Self::TransferBroken(detail) => {
                tr!(loc, "problem-transfer-broken", detail = detail.as_str())
            }
            Self::ScreenshotNotEncoded(detail) => {
                tr!(loc, "problem-screenshot", detail = detail.as_str())
            }
            Self::RecordingUnplayable(detail) => {
                tr!(loc, "problem-recording", detail = detail.as_str())
            }
            Self::Busy => tr!(loc, "problem-busy"),
            Self::NetworkStopped => tr!(loc, "problem-network-stopped"),
            Self::NetworkNotStarted(detail) => {
                tr!(loc, "problem-network-not-started", detail = detail.as_str())
            }
        }
    }
}

/// In English, for logs and session records (which are kept in English).
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Localizer::default()))
    }
}

/// Why the relay refused a session, in the technician's language.
fn rejection(reason: RejectReason, loc: Localizer) -> String {
    match reason {
        RejectReason::UnknownCode => tr!(loc, "problem-code-unknown"),
        RejectReason::Expired => tr!(loc, "problem-code-expired"),
        RejectReason::AlreadyUsed => tr!(loc, "problem-code-used"),
        RejectReason::RateLimited { retry_after_secs } => {
            tr!(loc, "problem-too-many-wait", seconds = retry_after_secs)
        }
        RejectReason::UnsupportedVersion { supported } => {
            tr!(loc, "problem-version", version = supported)
        }
        RejectReason::Unauthorized => tr!(loc, "problem-code-not-yours"),
    }
}

/// Why a session ended, as the phone or relay said, in the technician's language: the
/// reason part of the `event-ended-*` sentences.
pub fn end_reason_text(reason: &EndReason, loc: Localizer) -> String {
    match reason {
        EndReason::CustomerLeft => tr!(loc, "end-reason-customer-left"),
        EndReason::TechnicianClosed => tr!(loc, "end-reason-technician-closed"),
        EndReason::ConnectionLost => tr!(loc, "end-reason-connection-lost"),
        EndReason::Timeout => tr!(loc, "end-reason-timeout"),
        EndReason::RelayShutdown => tr!(loc, "end-reason-relay-shutdown"),
        EndReason::Error(detail) => tr!(loc, "end-reason-error", detail = detail.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use lifeline_protocol::i18n::Language;

    use super::*;

    #[test]
    fn api_refusals_are_worded_in_the_technicians_language() {
        let fr = Localizer::new(Language::Fr);
        let es = Localizer::new(Language::Es);
        assert_eq!(
            Problem::WrongPassword.text(fr),
            "nom d'utilisateur ou mot de passe incorrect"
        );
        assert_eq!(
            Problem::WrongPassword.text(es),
            "nombre de usuario o contraseña incorrectos"
        );
        let refused = Problem::Refused { status: 418 }.text(fr);
        assert!(refused.contains("418"), "{refused}");
        assert!(!refused.contains("server"), "{refused}");
    }

    #[test]
    fn every_end_reason_has_its_own_words() {
        let fr = Localizer::new(Language::Fr);
        let reasons = [
            EndReason::CustomerLeft,
            EndReason::TechnicianClosed,
            EndReason::ConnectionLost,
            EndReason::Timeout,
            EndReason::RelayShutdown,
            EndReason::Error("boom".into()),
        ];
        let texts: Vec<String> = reasons.iter().map(|r| end_reason_text(r, fr)).collect();
        for (reason, text) in reasons.iter().zip(&texts) {
            assert_ne!(text, &reason.to_string(), "{reason:?} is still English");
        }
        let mut unique = texts.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), texts.len(), "{texts:?}");
        assert!(texts[5].contains("boom"));
    }

    #[test]
    fn session_rejections_are_translated() {
        let es = Localizer::new(Language::Es);
        let text = Problem::Rejected(RejectReason::Expired).text(es);
        assert_ne!(text, RejectReason::Expired.to_string());
        let wait = Problem::Rejected(RejectReason::RateLimited {
            retry_after_secs: 30,
        })
        .text(es);
        assert!(wait.contains("30"), "{wait}");
    }
}
