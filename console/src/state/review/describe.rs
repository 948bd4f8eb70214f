//! A record's events in the technician's language, for the events list and the timeline.
//! The exported transcript keeps the record format's English ([`RecordItem::describe`]).

use lifeline_protocol::i18n::Localizer;
use lifeline_protocol::messages::Party;
use lifeline_protocol::record::RecordItem;
use lifeline_protocol::tr;

use crate::state::diagnostics::human_bytes;
use crate::state::session::cap_key;

/// Who wrote a chat line or ended a session, in words.
pub fn party(party: Party, loc: Localizer) -> String {
    match party {
        Party::Technician => tr!(loc, "review-party-technician"),
        Party::Customer => tr!(loc, "review-party-customer"),
        Party::Relay => tr!(loc, "review-party-relay"),
    }
}

/// The relay's name of a party (`technician`, `customer`, `relay`) in words; other names
/// as they are.
pub fn party_named(name: &str, loc: Localizer) -> String {
    match name {
        "technician" => party(Party::Technician, loc),
        "customer" => party(Party::Customer, loc),
        "relay" => party(Party::Relay, loc),
        other => other.to_owned(),
    }
}

/// The entry in a few words (`None` for video).
pub fn describe(item: &RecordItem, loc: Localizer) -> Option<String> {
    Some(match item {
        RecordItem::Video(_) => return None,
        RecordItem::CodeCreated { code, identifier } => match identifier {
            Some(id) => tr!(
                loc,
                "review-event-code-created-for",
                code = code.to_string(),
                identifier = id.as_str()
            ),
            None => tr!(loc, "review-event-code-created", code = code.to_string()),
        },
        RecordItem::Joined {
            customer_name,
            device,
        } => match device {
            Some(d) => tr!(
                loc,
                "event-joined-from",
                chat_only = "no",
                name = customer_name.as_str(),
                make = d.manufacturer.as_str(),
                model = d.model.as_str(),
                version = d.android_version.as_str()
            ),
            None => tr!(loc, "event-joined", name = customer_name.as_str()),
        },
        RecordItem::Chat(chat) => tr!(
            loc,
            "review-event-chat",
            who = party(chat.from, loc),
            text = chat.text.as_str()
        ),
        RecordItem::ConsentAsked(cap) => tr!(loc, "event-asked", capability = cap_key(*cap)),
        RecordItem::ConsentGranted {
            capability,
            by_policy: true,
        } => tr!(
            loc,
            "event-allowed-by-policy",
            capability = cap_key(*capability)
        ),
        RecordItem::ConsentGranted { capability, .. } => {
            tr!(loc, "event-allowed", capability = cap_key(*capability))
        }
        RecordItem::ConsentDenied(cap) => tr!(loc, "event-declined", capability = cap_key(*cap)),
        RecordItem::ConsentRevoked(cap) => tr!(loc, "event-withdrew", capability = cap_key(*cap)),
        RecordItem::Refused { capability, reason } => tr!(
            loc,
            "review-event-refused",
            capability = cap_key(*capability),
            reason = reason.as_str()
        ),
        RecordItem::DiagnosticsRequested => tr!(loc, "event-asked-diagnostics"),
        RecordItem::Diagnostics(_) => tr!(loc, "event-diagnostics-received"),
        RecordItem::LogsRequested => tr!(loc, "event-asked-logs"),
        RecordItem::File { name, size, .. } => tr!(
            loc,
            "review-event-file",
            name = name.as_str(),
            size = human_bytes(*size, loc)
        ),
        RecordItem::SharingPaused(true) => tr!(loc, "event-paused"),
        RecordItem::SharingPaused(false) => tr!(loc, "event-resumed"),
        RecordItem::Ended { by, reason } => {
            let reason = super::reasons::recorded_reason(reason, loc);
            match by {
                Some(Party::Customer) => tr!(loc, "event-ended-customer", reason = reason),
                Some(Party::Technician) => tr!(loc, "event-ended-technician", reason = reason),
                Some(Party::Relay) => tr!(loc, "event-ended-server", reason = reason),
                None => tr!(loc, "review-event-ended", reason = reason),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use lifeline_protocol::consent::Capability;
    use lifeline_protocol::i18n::Language;
    use lifeline_protocol::messages::UnixMillis;
    use lifeline_protocol::messages::control::{ChatId, ChatMessage};

    use super::*;

    #[test]
    fn events_in_the_technicians_language() {
        let fr = Localizer::new(Language::Fr);
        let es = Localizer::new(Language::Es);
        let refused = RecordItem::Refused {
            capability: Capability::LogFiles,
            reason: "no storage".into(),
        };
        assert_eq!(
            describe(&refused, fr).unwrap(),
            "Le téléphone a refusé les fichiers journaux : no storage"
        );
        let chat = RecordItem::Chat(ChatMessage {
            id: ChatId(1),
            from: Party::Customer,
            sent_at: UnixMillis(0),
            text: "hola".into(),
        });
        assert_eq!(describe(&chat, es).unwrap(), "Cliente: hola");
        let ended = RecordItem::Ended {
            by: None,
            reason: "timeout".into(),
        };
        assert_eq!(
            describe(&ended, Localizer::new(Language::En)).unwrap(),
            "The session ended: timeout."
        );
        assert_eq!(party_named("relay", fr), "Serveur");
        assert_eq!(party_named("someone", fr), "someone");
    }
}
