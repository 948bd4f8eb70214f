//! Chat, diagnostics and logs, and how a session ends on either side.

use super::*;

#[test]
fn chat_goes_both_ways_with_acks() {
    let mut rig = Rig::new("samsung", ask(), Approval::Ask);
    let hello =
        ChatMessage::new(ChatId(1), Party::Technician, UnixMillis(5), "Hello Marie").unwrap();
    let out = rig.control(ControlMessage::Chat(hello));
    assert_eq!(out.control, vec![ControlMessage::ChatAck { id: ChatId(1) }]);
    assert!(out.events.contains(&CustomerEvent::Chat {
        from: "Alex".into(),
        text: "Hello Marie".into()
    }));
    assert_eq!(
        rig.phone.ui().support_chat.last().unwrap().text,
        "Hello Marie"
    );

    let out = rig.command(CustomerCommand::SendChat("Hi, my phone is slow".into()));
    let [ControlMessage::Chat(sent)] = &out.control[..] else {
        panic!("{:?}", out.control);
    };
    assert_eq!(
        (sent.id, sent.from, sent.text.as_str()),
        (ChatId(1), Party::Customer, "Hi, my phone is slow")
    );
    assert_eq!(rig.core.chats_unacked(), 1);
    let out = rig.control(ControlMessage::ChatAck { id: ChatId(1) });
    assert_eq!(
        out.events,
        vec![CustomerEvent::ChatDelivered { id: ChatId(1) }]
    );
    assert_eq!(rig.core.chats_unacked(), 0);

    // Blank text is not sent; the customer is told why.
    let out = rig.command(CustomerCommand::SendChat("   ".into()));
    assert!(out.control.is_empty());
    assert!(matches!(&out.events[..], [CustomerEvent::Notice(t)] if t.contains("empty")));

    // Ping is answered.
    let out = rig.control(ControlMessage::Ping {
        nonce: 4,
        sent_at_us: 9,
    });
    assert_eq!(
        out.control,
        vec![ControlMessage::Pong {
            nonce: 4,
            sent_at_us: 9
        }]
    );
}

#[test]
fn logs_and_diagnostics_go_out_after_consent() {
    let mut rig = Rig::new("samsung", ask(), Approval::All);
    rig.phone.set_log_size(300_000);
    rig.grant(&[Capability::Diagnostics, Capability::LogFiles]);
    let out = rig.control(ControlMessage::DiagnosticsRequest);
    let [ControlMessage::DiagnosticsReport(report)] = &out.control[..] else {
        panic!("{:?}", out.control);
    };
    assert_eq!(report.device.model.as_deref(), Some("SM-G991B"));

    let out = rig.control(ControlMessage::LogRequest);
    let offers: Vec<_> = out
        .control
        .iter()
        .filter_map(|m| match m {
            ControlMessage::FileOffer(h) => Some(h.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(offers.len(), 2);
    assert_eq!(out.files.len(), 2);
    for (offer, file) in offers.iter().zip(&out.files) {
        assert_eq!(offer, &file.header);
        assert_eq!(file.header.size, file.bytes.len() as u64);
        assert_eq!(
            file.header.sha256,
            <[u8; 32]>::from(Sha256::digest(&file.bytes))
        );
    }
    assert_eq!(offers[0].name, "logcat.txt");
    assert_eq!(offers[0].size, 300_000);
    assert_ne!(offers[0].file_id, offers[1].file_id);
}

#[test]
fn exit_tells_the_technician_and_closes() {
    let mut rig = Rig::new("samsung", ask(), Approval::Ask);
    rig.control(ControlMessage::ConsentRequest {
        capability: Capability::Diagnostics,
    });
    let out = rig.command(CustomerCommand::Exit);
    assert_eq!(
        out.control,
        vec![ControlMessage::SessionEnd {
            by: Party::Customer,
            reason: EndReason::CustomerLeft
        }]
    );
    assert!(out.closed);
    assert!(out.events.contains(&CustomerEvent::Ended {
        by: Party::Customer,
        reason: EndReason::CustomerLeft
    }));
    assert_eq!(rig.phone.ui().dialog, None, "open questions are taken down");
    assert!(
        rig.control(ControlMessage::DiagnosticsRequest)
            .control
            .is_empty()
    );
    assert!(rig.command(CustomerCommand::Exit).control.is_empty());
}

#[test]
fn the_technician_ending_the_session_ends_it_here() {
    let mut rig = Rig::new("samsung", ask(), Approval::All);
    rig.grant(&[Capability::ScreenView]);
    rig.poll_after(16);
    assert!(rig.phone.ui().sharing_indicator);
    let out = rig.control(ControlMessage::SessionEnd {
        by: Party::Technician,
        reason: EndReason::TechnicianClosed,
    });
    assert!(out.control.is_empty(), "the ender closes; no answer");
    assert!(out.closed);
    assert_eq!(
        rig.core.ended(),
        Some(&(Party::Technician, EndReason::TechnicianClosed))
    );
    assert!(!rig.phone.ui().sharing_indicator);
}
