//! Which session events a record keeps, and as what.

use lifeline_protocol::messages::Party;
use lifeline_protocol::messages::control::ControlMessage;
use lifeline_protocol::record::RecordItem;

use crate::state::SessionEvent;

/// The record entry for `event`, if it is one worth keeping.
pub(super) fn item(event: &SessionEvent) -> Option<RecordItem> {
    Some(match event {
        SessionEvent::PeerJoined { name, device } => RecordItem::Joined {
            customer_name: name.clone(),
            device: device.clone(),
        },
        SessionEvent::Control(message) => return control(message),
        SessionEvent::Requested(message) => match message {
            ControlMessage::ConsentRequest { capability } => RecordItem::ConsentAsked(*capability),
            ControlMessage::DiagnosticsRequest => RecordItem::DiagnosticsRequested,
            ControlMessage::LogRequest => RecordItem::LogsRequested,
            _ => return None,
        },
        SessionEvent::PeerLeft { clean } => RecordItem::Ended {
            by: Some(Party::Customer),
            reason: if *clean {
                "the customer left the session".into()
            } else {
                "the customer's connection dropped".into()
            },
        },
        SessionEvent::Ended(reason) => RecordItem::Ended {
            by: None,
            reason: reason.to_string(),
        },
        _ => return None,
    })
}

/// The record entry for a control message from the phone.
fn control(message: &ControlMessage) -> Option<RecordItem> {
    Some(match message {
        ControlMessage::Chat(chat) => RecordItem::Chat(chat.clone()),
        ControlMessage::ConsentResponse {
            capability,
            granted: true,
            by_policy,
        } => RecordItem::ConsentGranted {
            capability: *capability,
            by_policy: *by_policy,
        },
        ControlMessage::ConsentResponse { capability, .. } => {
            RecordItem::ConsentDenied(*capability)
        }
        ControlMessage::ConsentRevoke { capability } => RecordItem::ConsentRevoked(*capability),
        ControlMessage::Refused { capability, reason } => RecordItem::Refused {
            capability: *capability,
            reason: reason.clone(),
        },
        ControlMessage::SharingPaused { paused } => RecordItem::SharingPaused(*paused),
        ControlMessage::DiagnosticsReport(report) => RecordItem::Diagnostics(report.clone()),
        ControlMessage::FileOffer(header) => RecordItem::File {
            name: header.name.clone(),
            size: header.size,
            sha256: header.sha256,
        },
        ControlMessage::SessionEnd { by, reason } => RecordItem::Ended {
            by: Some(*by),
            reason: reason.to_string(),
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use lifeline_protocol::consent::Capability;

    use super::*;

    #[test]
    fn consent_answers_become_grants_and_refusals() {
        let granted = SessionEvent::Control(ControlMessage::ConsentResponse {
            capability: Capability::RemoteControl,
            granted: true,
            by_policy: false,
        });
        assert_eq!(
            item(&granted),
            Some(RecordItem::ConsentGranted {
                capability: Capability::RemoteControl,
                by_policy: false
            })
        );
        let denied = SessionEvent::Control(ControlMessage::ConsentResponse {
            capability: Capability::Diagnostics,
            granted: false,
            by_policy: false,
        });
        assert_eq!(
            item(&denied),
            Some(RecordItem::ConsentDenied(Capability::Diagnostics))
        );
        let asked = SessionEvent::Requested(ControlMessage::ConsentRequest {
            capability: Capability::ScreenView,
        });
        assert_eq!(
            item(&asked),
            Some(RecordItem::ConsentAsked(Capability::ScreenView))
        );
        assert_eq!(item(&SessionEvent::Waiting), None);
        assert_eq!(
            item(&SessionEvent::Control(ControlMessage::KeyframeRequest)),
            None
        );
    }
}
