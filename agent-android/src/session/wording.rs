//! What the customer reads about the session, in one place, in the phone's language.

use lifeline_protocol::consent::Capability;
use lifeline_protocol::i18n::Localizer;
use lifeline_protocol::messages::control::{ChatError, EndReason, MAX_CHAT_CHARS};
use lifeline_protocol::tr;

/// Who the technician is, before their name is known.
pub(crate) fn someone(loc: Localizer) -> String {
    tr!(loc, "agent-someone")
}

/// "Alex can now see your screen."
pub(crate) fn granted(loc: Localizer, who: &str, cap: Capability) -> String {
    match cap {
        Capability::ScreenView => tr!(loc, "agent-granted-screen", who = who),
        Capability::RemoteControl => tr!(loc, "agent-granted-control", who = who),
        Capability::Diagnostics => tr!(loc, "agent-granted-diagnostics", who = who),
        Capability::LogFiles => tr!(loc, "agent-granted-logs", who = who),
    }
}

/// "Alex may not see your screen."
pub(crate) fn declined(loc: Localizer, who: &str, cap: Capability) -> String {
    match cap {
        Capability::ScreenView => tr!(loc, "agent-declined-screen", who = who),
        Capability::RemoteControl => tr!(loc, "agent-declined-control", who = who),
        Capability::Diagnostics => tr!(loc, "agent-declined-diagnostics", who = who),
        Capability::LogFiles => tr!(loc, "agent-declined-logs", who = who),
    }
}

/// "Alex can no longer see your screen."
pub(crate) fn withdrawn(loc: Localizer, who: &str, cap: Capability) -> String {
    match cap {
        Capability::ScreenView => tr!(loc, "agent-withdrawn-screen", who = who),
        Capability::RemoteControl => tr!(loc, "agent-withdrawn-control", who = who),
        Capability::Diagnostics => tr!(loc, "agent-withdrawn-diagnostics", who = who),
        Capability::LogFiles => tr!(loc, "agent-withdrawn-logs", who = who),
    }
}

/// "Alex read your device information."
pub(crate) fn diagnostics_read(loc: Localizer, who: &str) -> String {
    tr!(loc, "agent-diagnostics-read", who = who)
}

/// "Sending your log files to Alex."
pub(crate) fn sending_logs(loc: Localizer, who: &str) -> String {
    tr!(loc, "agent-sending-logs", who = who)
}

/// Paused or resumed sharing.
pub(crate) fn paused(loc: Localizer, paused: bool) -> String {
    if paused {
        tr!(loc, "agent-sharing-paused")
    } else {
        tr!(loc, "agent-sharing-resumed")
    }
}

/// Why the session ended, as the clause placed in `agent-ended`: "the technician ended the
/// session".
pub fn end_reason(loc: Localizer, reason: &EndReason) -> String {
    match reason {
        EndReason::CustomerLeft => tr!(loc, "agent-end-reason-customer-left"),
        EndReason::TechnicianClosed => tr!(loc, "agent-end-reason-technician-closed"),
        EndReason::ConnectionLost => tr!(loc, "agent-connection-lost"),
        EndReason::Timeout => tr!(loc, "agent-end-reason-timeout"),
        EndReason::RelayShutdown => tr!(loc, "agent-end-reason-relay-shutdown"),
        EndReason::Error(detail) => tr!(loc, "agent-end-reason-error", detail = detail.as_str()),
    }
}

/// "Message not sent: …."
pub(crate) fn message_not_sent(loc: Localizer, err: &ChatError) -> String {
    let reason = match err {
        ChatError::Empty => tr!(loc, "agent-chat-empty"),
        ChatError::TooLong { chars } => tr!(
            loc,
            "agent-chat-too-long",
            chars = *chars,
            max = MAX_CHAT_CHARS
        ),
    };
    tr!(loc, "agent-message-not-sent", reason = reason)
}

/// A file size the customer can read: `1.5 MB`, `1,5 Mo`.
pub fn file_size(loc: Localizer, bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let bytes = bytes as f64;
    if bytes >= KB * KB {
        tr!(
            loc,
            "agent-size-mb",
            size = loc.number(bytes / (KB * KB), 1)
        )
    } else {
        tr!(loc, "agent-size-kb", size = loc.number(bytes / KB, 1))
    }
}

#[cfg(test)]
mod tests {
    use lifeline_protocol::i18n::Language;

    use super::*;

    #[test]
    fn every_capability_has_its_words_in_every_language() {
        for language in Language::ALL {
            let loc = Localizer::new(language);
            for cap in Capability::ALL {
                for text in [
                    granted(loc, "Alex", cap),
                    declined(loc, "Alex", cap),
                    withdrawn(loc, "Alex", cap),
                ] {
                    assert!(text.starts_with("Alex "), "{text}");
                    assert!(text.ends_with('.'), "{text}");
                }
            }
        }
        let en = Localizer::new(Language::En);
        assert_eq!(
            granted(en, "Alex", Capability::ScreenView),
            "Alex can now see your screen."
        );
        let fr = Localizer::new(Language::Fr);
        assert_eq!(
            granted(fr, "Alex", Capability::ScreenView),
            "Alex peut maintenant voir votre écran."
        );
        let es = Localizer::new(Language::Es);
        assert_eq!(someone(es), "El técnico");
        assert_eq!(paused(es, true), "Pantalla compartida en pausa.");
    }

    #[test]
    fn end_reasons_and_unsent_messages_read_in_the_phones_language() {
        let es = Localizer::new(Language::Es);
        assert_eq!(
            end_reason(es, &EndReason::TechnicianClosed),
            "el técnico finalizó la sesión"
        );
        assert_eq!(
            end_reason(es, &EndReason::Error("disk full".into())),
            "se produjo un error (disk full)"
        );
        let fr = Localizer::new(Language::Fr);
        assert_eq!(
            end_reason(fr, &EndReason::ConnectionLost),
            "la connexion a été perdue"
        );
        assert_eq!(
            message_not_sent(fr, &ChatError::TooLong { chars: 4321 }),
            "Message non envoyé : le message compte 4\u{202f}321 caractères ; la limite est de \
             4\u{202f}000."
        );
        let en = Localizer::new(Language::En);
        assert_eq!(
            message_not_sent(en, &ChatError::Empty),
            "Message not sent: the message is empty."
        );
        // Every reason has its own words, none the logged English in French.
        let reasons = [
            EndReason::CustomerLeft,
            EndReason::TechnicianClosed,
            EndReason::ConnectionLost,
            EndReason::Timeout,
            EndReason::RelayShutdown,
        ];
        for reason in &reasons {
            let text = end_reason(fr, reason);
            assert!(!text.starts_with("agent-"), "{text}");
            assert_ne!(text, reason.to_string());
        }
    }

    #[test]
    fn sizes_use_the_language_separators() {
        let fr = Localizer::new(Language::Fr);
        assert_eq!(file_size(fr, 1536 * 1024), "1,5 Mo");
        assert_eq!(file_size(fr, 512), "0,5 ko");
        let en = Localizer::new(Language::En);
        assert_eq!(file_size(en, 1536 * 1024), "1.5 MB");
    }
}
