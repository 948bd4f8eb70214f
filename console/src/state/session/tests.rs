//! Tests of `session`.

use lifeline_protocol::messages::control::{ChatId, EndReason};
use lifeline_protocol::messages::handshake::Welcome;

use super::*;
use crate::state::transcript::EntryKind;

fn code() -> SessionCode {
    "123456789".parse().unwrap()
}

fn active() -> SessionState {
    let mut s = SessionState::new(code(), Some("Marie".into()));
    let now = UnixMillis(1_000);
    let t = Instant::now();
    s.apply(SessionEvent::Waiting, now, t);
    assert_eq!(s.phase, Phase::Waiting);
    s.apply(
        SessionEvent::Paired(Welcome {
            session_id: 7,
            policy: PortalPolicy::default(),
            recorded: true,
            identifier: Some("Marie".into()),
        }),
        now,
        t,
    );
    s.apply(
        SessionEvent::PeerJoined {
            name: "Marie Dupont".into(),
            device: Some(DeviceSummary {
                manufacturer: "samsung".into(),
                model: "Galaxy S25".into(),
                android_version: "16".into(),
                screen: Some((1080, 2400)),
                capabilities: CapabilitySet::ALL,
                locale: None,
            }),
        },
        now,
        t,
    );
    s
}

fn last_event(s: &SessionState) -> String {
    match &s.transcript.entries().last().unwrap().kind {
        EntryKind::System { text, .. } => text.clone(),
        other => panic!("not an event: {other:?}"),
    }
}

#[test]
fn pairing_and_join_show_in_the_transcript() {
    let s = active();
    assert!(s.is_active());
    assert_eq!(s.title(), "Marie Dupont");
    assert_eq!(s.session_id, Some(7));
    assert!(!s.chat_only());
    assert!(last_event(&s).contains("Marie Dupont joined from a samsung Galaxy S25"));
}

#[test]
fn chat_round_trip_with_ack() {
    let mut s = active();
    let t = Instant::now();
    s.draft = "Can you open Settings?".into();
    let m = s.compose_chat(UnixMillis(2_000)).unwrap();
    assert!(s.draft.is_empty());
    s.apply(SessionEvent::ChatSent(m.id), UnixMillis(2_001), t);
    s.apply(
        SessionEvent::Control(ControlMessage::ChatAck { id: m.id }),
        UnixMillis(2_002),
        t,
    );
    assert_eq!(s.transcript.delivery(m.id), Some(&Delivery::Delivered));
    let reply = ChatMessage::new(ChatId(1), Party::Customer, UnixMillis(3_000), "Done").unwrap();
    s.apply(
        SessionEvent::Control(ControlMessage::Chat(reply)),
        UnixMillis(3_000),
        t,
    );
    assert!(matches!(
        &s.transcript.entries().last().unwrap().kind,
        EntryKind::Chat { from: Party::Customer, text, .. } if text == "Done"
    ));
}

#[test]
fn consent_flow_and_refusals() {
    let mut s = active();
    let t = Instant::now();
    let now = UnixMillis(5_000);
    s.apply(
        SessionEvent::Requested(ControlMessage::ConsentRequest {
            capability: Capability::ScreenView,
        }),
        now,
        t,
    );
    assert_eq!(s.consent.get(Capability::ScreenView), &ConsentView::Asking);
    s.apply(
        SessionEvent::Control(ControlMessage::ConsentResponse {
            capability: Capability::ScreenView,
            granted: true,
            by_policy: false,
        }),
        now,
        t,
    );
    assert!(s.consent.get(Capability::ScreenView).is_granted());
    assert!(!s.can_control());
    s.apply(
        SessionEvent::Control(ControlMessage::ConsentResponse {
            capability: Capability::RemoteControl,
            granted: true,
            by_policy: true,
        }),
        now,
        t,
    );
    assert!(s.can_control());
    s.apply(
        SessionEvent::Control(ControlMessage::ConsentRevoke {
            capability: Capability::ScreenView,
        }),
        now,
        t,
    );
    assert!(!s.can_control());
    assert_eq!(last_event(&s), "The customer withdrew screen view.");

    s.apply(
        SessionEvent::Requested(ControlMessage::DiagnosticsRequest),
        now,
        t,
    );
    assert_eq!(s.diagnostics, DiagnosticsView::Waiting);
    s.apply(
        SessionEvent::Control(ControlMessage::Refused {
            capability: Capability::Diagnostics,
            reason: "the customer declined diagnostics".into(),
        }),
        now,
        t,
    );
    assert_eq!(
        s.diagnostics,
        DiagnosticsView::Refused("the customer declined diagnostics".into())
    );
}

#[test]
fn diagnostics_report_and_files() {
    let mut s = active();
    let t = Instant::now();
    let now = UnixMillis(6_000);
    s.apply(
        SessionEvent::Control(ControlMessage::DiagnosticsReport(Box::default())),
        now,
        t,
    );
    assert!(matches!(s.diagnostics, DiagnosticsView::Report { .. }));
    let header = lifeline_protocol::messages::file::FileHeader {
        file_id: 1,
        name: "logcat.txt".into(),
        size: 10,
        sha256: [0; 32],
    };
    s.apply(
        SessionEvent::Control(ControlMessage::FileOffer(header.clone())),
        now,
        t,
    );
    s.apply(
        SessionEvent::FileProgress {
            header,
            received: 5,
        },
        now,
        t,
    );
    assert_eq!(s.transfers.files()[0].progress(), 0.5);
    s.apply(
        SessionEvent::FileSaved {
            file_id: 1,
            path: "/tmp/logcat.txt".into(),
        },
        now,
        t,
    );
    assert!(last_event(&s).starts_with("Received logcat.txt (SHA-256 verified)"));
}

#[test]
fn customer_leaving_keeps_the_transcript() {
    let mut s = active();
    let t = Instant::now();
    s.draft = "still there?".into();
    let m = s.compose_chat(UnixMillis(7_000)).unwrap();
    let before = s.transcript.entries().len();
    s.apply(
        SessionEvent::Control(ControlMessage::SessionEnd {
            by: Party::Customer,
            reason: EndReason::CustomerLeft,
        }),
        UnixMillis(8_000),
        t,
    );
    assert!(s.is_ended());
    assert_eq!(s.transcript.entries().len(), before + 1);
    assert!(matches!(
        s.transcript.delivery(m.id),
        Some(Delivery::Failed(_))
    ));
    // The relay's notice that follows adds nothing.
    s.apply(SessionEvent::PeerLeft { clean: true }, UnixMillis(8_001), t);
    assert_eq!(s.transcript.entries().len(), before + 1);
    assert_eq!(
        s.phase,
        Phase::Ended("The customer ended the session: the customer left the session.".into())
    );
}

#[test]
fn end_reasons_and_local_problems_are_in_the_session_language() {
    let fr = Localizer::new(lifeline_protocol::i18n::Language::Fr);
    let mut s = active();
    s.loc = fr;
    s.apply(
        SessionEvent::Control(ControlMessage::SessionEnd {
            by: Party::Relay,
            reason: EndReason::Timeout,
        }),
        UnixMillis(8_000),
        Instant::now(),
    );
    assert_eq!(
        s.phase,
        Phase::Ended("Le serveur a mis fin à la session : l'autre côté ne répond plus.".into())
    );

    let mut s = active();
    s.loc = Localizer::new(lifeline_protocol::i18n::Language::Es);
    s.apply(
        SessionEvent::Ended(crate::state::Problem::ConnectionLost(None)),
        UnixMillis(8_000),
        Instant::now(),
    );
    assert_eq!(s.phase, Phase::Ended("Se perdió la conexión".into()));
}

#[test]
fn chat_only_devices_are_recognised() {
    let mut s = SessionState::new(code(), None);
    assert_eq!(s.title(), "123 456 789");
    s.apply(
        SessionEvent::PeerJoined {
            name: "Bob".into(),
            device: Some(DeviceSummary {
                capabilities: CapabilitySet::NONE.with(Capability::Diagnostics),
                ..DeviceSummary::default()
            }),
        },
        UnixMillis(0),
        Instant::now(),
    );
    assert!(s.chat_only());
    assert!(last_event(&s).contains("chat-only"));
    assert_eq!(
        s.consent.get(Capability::ScreenView),
        &ConsentView::Unsupported
    );
}
