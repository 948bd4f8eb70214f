//! What the person joining reads, in the phone's language: each step of joining and each
//! reason it failed. The errors' `Display` stays English, for logs.

use lifeline_protocol::i18n::Localizer;
use lifeline_protocol::link::LinkError;
use lifeline_protocol::messages::handshake::RejectReason;
use lifeline_protocol::quic::ConnectError;
use lifeline_protocol::tr;

use super::JoinStep;
use super::error::JoinError;

/// "Opening https://…/join/123456789…", "Joining session 123 456 789 at … as Marie…".
pub fn step(loc: Localizer, step: &JoinStep) -> String {
    match step {
        JoinStep::Connecting => tr!(loc, "window-connecting"),
        JoinStep::OpeningPage { url } => tr!(loc, "window-opening", url = url.as_str()),
        JoinStep::Joining { code, relay, name } => tr!(
            loc,
            "window-joining",
            code = code.to_string(),
            relay = relay.as_str(),
            name = name.as_str()
        ),
    }
}

/// Why the agent could not join, as one clause ("this session code has expired; ask for a
/// new one").
pub fn join_error(loc: Localizer, err: &JoinError) -> String {
    match err {
        JoinError::FingerprintConflict { given, link } => tr!(
            loc,
            "agent-join-fingerprint-conflict",
            given = given.to_string(),
            link = link.to_string()
        ),
        JoinError::InsecurePage { host } => {
            tr!(loc, "agent-join-insecure-page", host = host.as_str())
        }
        JoinError::PageUnreachable { url, detail } => tr!(
            loc,
            "agent-join-page-unreachable",
            url = url.as_str(),
            detail = detail.as_str()
        ),
        JoinError::PageTimedOut { url } => {
            tr!(loc, "agent-join-page-timed-out", url = url.as_str())
        }
        JoinError::PageUntrusted { .. } => tr!(loc, "agent-join-page-untrusted"),
        JoinError::PageCertificateMismatch { expected, got } => tr!(
            loc,
            "agent-join-page-certificate-mismatch",
            expected = expected.to_string(),
            got = got.to_string()
        ),
        JoinError::Refused(reason) => reject_reason(loc, *reason),
        JoinError::Cancelled => tr!(loc, "agent-join-cancelled"),
        JoinError::PageStatus { url, status } => tr!(
            loc,
            "agent-join-page-status",
            url = url.as_str(),
            status = status.to_string()
        ),
        JoinError::NoDeepLink { url } => tr!(loc, "agent-join-no-deep-link", url = url.as_str()),
        JoinError::BadDeepLink(_) => tr!(loc, "agent-join-bad-deep-link"),
        JoinError::Link(err) => link_error(loc, err),
        JoinError::Connect(err) => connect_error(loc, err),
    }
}

/// Why the relay refused the code.
pub fn reject_reason(loc: Localizer, reason: RejectReason) -> String {
    match reason {
        RejectReason::UnknownCode => tr!(loc, "agent-reject-unknown-code"),
        RejectReason::Expired => tr!(loc, "agent-reject-expired"),
        RejectReason::AlreadyUsed => tr!(loc, "agent-reject-already-used"),
        RejectReason::RateLimited { retry_after_secs } => {
            tr!(loc, "agent-reject-rate-limited", seconds = retry_after_secs)
        }
        RejectReason::UnsupportedVersion { supported } => tr!(
            loc,
            "agent-reject-unsupported-version",
            supported = supported.to_string()
        ),
        RejectReason::Unauthorized => tr!(loc, "agent-reject-unauthorized"),
    }
}

/// Why the link given is unusable. The details of a malformed link are the technician's
/// business; the customer is told which part is wrong only where they can act on it.
pub fn link_error(loc: Localizer, err: &LinkError) -> String {
    match err {
        LinkError::WrongScheme { found } => {
            tr!(loc, "agent-join-link-scheme", found = found.as_str())
        }
        LinkError::BadCode(_) => tr!(loc, "agent-join-link-code"),
        _ => tr!(loc, "agent-join-link-invalid"),
    }
}

/// Why connecting to the relay failed. System errors (`detail`) keep the system's words.
pub fn connect_error(loc: Localizer, err: &ConnectError) -> String {
    match err {
        ConnectError::NoFingerprint => tr!(loc, "agent-join-no-fingerprint"),
        ConnectError::Setup(detail) => tr!(loc, "agent-join-setup", detail = detail.as_str()),
        ConnectError::Socket(io) => tr!(loc, "agent-join-socket", detail = io.to_string()),
        ConnectError::Unreachable { relay, detail } => tr!(
            loc,
            "agent-join-relay-unreachable",
            relay = relay.as_str(),
            detail = detail.as_str()
        ),
        ConnectError::TimedOut { relay, after } => tr!(
            loc,
            "agent-join-timed-out",
            relay = relay.as_str(),
            seconds = after.as_secs_f64()
        ),
        ConnectError::CertificateMismatch { expected, got } => tr!(
            loc,
            "agent-join-relay-certificate-mismatch",
            expected = expected.to_string(),
            got = got.to_string()
        ),
        ConnectError::UntrustedCertificate { detail } => {
            tr!(loc, "agent-join-relay-untrusted", detail = detail.as_str())
        }
        ConnectError::WrongProtocol { relay } => {
            tr!(loc, "agent-join-wrong-protocol", relay = relay.as_str())
        }
        ConnectError::Rejected(reason) => reject_reason(loc, *reason),
        ConnectError::Busy => tr!(loc, "agent-join-busy"),
        ConnectError::ShuttingDown => tr!(loc, "agent-join-shutting-down"),
        ConnectError::HandshakeRefused(_) => tr!(loc, "agent-join-handshake-refused"),
        ConnectError::BadHello(_) => tr!(loc, "agent-join-bad-hello"),
        ConnectError::HandshakeMalformed { .. } => tr!(loc, "agent-join-malformed"),
        ConnectError::ConnectionLost(_) => tr!(loc, "agent-join-connection-lost"),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use lifeline_protocol::i18n::Language;

    use super::*;

    fn all_reasons() -> [RejectReason; 6] {
        [
            RejectReason::UnknownCode,
            RejectReason::Expired,
            RejectReason::AlreadyUsed,
            RejectReason::RateLimited {
                retry_after_secs: 30,
            },
            RejectReason::UnsupportedVersion { supported: 3 },
            RejectReason::Unauthorized,
        ]
    }

    #[test]
    fn english_wording_matches_the_logged_words() {
        let en = Localizer::new(Language::En);
        for reason in all_reasons() {
            assert_eq!(reject_reason(en, reason), reason.to_string());
        }
        let errors = [
            JoinError::Cancelled,
            JoinError::PageTimedOut {
                url: "https://relay.example/join/123456789".into(),
            },
            JoinError::Connect(ConnectError::Busy),
            JoinError::Connect(ConnectError::TimedOut {
                relay: "relay.example:4433".into(),
                after: Duration::from_secs(10),
            }),
            JoinError::InsecurePage {
                host: "relay.example".into(),
            },
        ];
        for err in errors {
            assert_eq!(join_error(en, &err), err.to_string());
        }
    }

    #[test]
    fn refusals_read_in_french_and_spanish() {
        let fr = Localizer::new(Language::Fr);
        let es = Localizer::new(Language::Es);
        let expired = JoinError::Refused(RejectReason::Expired);
        assert_eq!(
            join_error(fr, &expired),
            "ce code de session a expiré ; demandez-en un nouveau"
        );
        assert_eq!(
            join_error(es, &expired),
            "este código de sesión ha caducado; pida uno nuevo"
        );
        let limited = JoinError::Connect(ConnectError::Rejected(RejectReason::RateLimited {
            retry_after_secs: 1,
        }));
        assert_eq!(
            join_error(fr, &limited),
            "trop de tentatives ; réessayez dans 1 seconde"
        );
        assert_eq!(
            join_error(es, &limited),
            "demasiados intentos; vuelva a intentarlo dentro de 1 segundo"
        );
        assert_eq!(
            join_error(es, &JoinError::Cancelled),
            "este código de sesión se canceló; pida uno nuevo"
        );
    }

    #[test]
    fn every_failure_has_its_own_wording_in_each_language() {
        let errors = [
            JoinError::PageUntrusted { url: "u".into() },
            JoinError::Cancelled,
            JoinError::BadDeepLink("x".into()),
            JoinError::Link(LinkError::MissingHost),
            JoinError::Link(LinkError::WrongScheme {
                found: "ftp".into(),
            }),
            JoinError::Connect(ConnectError::NoFingerprint),
            JoinError::Connect(ConnectError::Busy),
            JoinError::Connect(ConnectError::ShuttingDown),
            JoinError::Connect(ConnectError::HandshakeMalformed { detail: "x".into() }),
        ];
        for language in [Language::Fr, Language::Es] {
            let loc = Localizer::new(language);
            let en = Localizer::new(Language::En);
            for err in &errors {
                let text = join_error(loc, err);
                // A key missing from the catalogs would come back as the key itself.
                assert!(!text.starts_with("agent-"), "{text}");
                assert_ne!(text, join_error(en, err), "{language:?}: {err:?}");
            }
            for reason in all_reasons() {
                assert_ne!(reject_reason(loc, reason), reason.to_string());
            }
        }
    }

    #[test]
    fn join_steps_are_worded_in_the_phones_language() {
        let es = Localizer::new(Language::Es);
        let joining = JoinStep::Joining {
            code: "123456789".parse().unwrap(),
            relay: "relay.example:4433".into(),
            name: "Marie".into(),
        };
        let text = step(es, &joining);
        assert!(
            text.starts_with("Uniéndose a la sesión ") && text.ends_with(" como Marie…"),
            "{text}"
        );
        assert_eq!(
            step(Localizer::new(Language::Fr), &JoinStep::Connecting),
            "Connexion…"
        );
    }
}
