//! The session core's rules as stories on a virtual clock: consent, video pacing and the
//! frame window, the input gate, chat, logs, leaving. No network.

mod rig;

use lifeline_agent_android::session::{Approval, CustomerCommand, CustomerEvent};
use lifeline_agent_android::sim::{AppId, Screen, Target};
use lifeline_protocol::consent::{Capability, Policy, PortalPolicy};
use lifeline_protocol::messages::Party;
use lifeline_protocol::messages::UnixMillis;
use lifeline_protocol::messages::control::{
    ChatId, ChatMessage, ControlMessage, EndReason, QualityHint,
};
use lifeline_protocol::messages::input::{FrameSize, TouchPhase};
use lifeline_protocol::messages::video::{Codec, Rotation};
use rig::Rig;
use sha2::{Digest, Sha256};

const ALL_CAPS: [Capability; 4] = Capability::ALL;

fn ask() -> PortalPolicy {
    PortalPolicy::default()
}

#[test]
fn when_the_customer_says_no_nothing_is_sent() {
    let mut rig = Rig::new("samsung", ask(), Approval::Ask);

    // Screen: the dialog is on the phone; the customer taps Deny there.
    let out = rig.control(ControlMessage::ConsentRequest {
        capability: Capability::ScreenView,
    });
    assert!(
        out.control.is_empty(),
        "nothing is answered before the customer"
    );
    assert!(
        matches!(&out.events[..], [CustomerEvent::PromptNeeded(p)] if p.capability == Capability::ScreenView)
    );
    assert_eq!(rig.phone.ui().dialog, Some(Capability::ScreenView));
    rig.customer_taps(Target::DialogDeny);
    let out = rig.poll_after(16);
    assert_eq!(
        out.responses(),
        vec![(Capability::ScreenView, false, false)]
    );
    assert!(out.events.contains(&CustomerEvent::PromptClosed {
        capability: Capability::ScreenView,
        allowed: Some(false)
    }));

    // Diagnostics and logs: answered "no" in the frontend; the phone's dialogs go away.
    for cap in [Capability::Diagnostics, Capability::LogFiles] {
        rig.control(ControlMessage::ConsentRequest { capability: cap });
        assert_eq!(rig.phone.ui().dialog, Some(cap));
        let out = rig.command(CustomerCommand::AnswerPrompt {
            capability: cap,
            allow: false,
        });
        assert_eq!(out.responses(), vec![(cap, false, false)]);
        assert_eq!(rig.phone.ui().dialog, None);
    }

    // Control cannot even be asked for without the screen.
    let out = rig.control(ControlMessage::ConsentRequest {
        capability: Capability::RemoteControl,
    });
    assert_eq!(
        out.refusals(),
        vec![(
            Capability::RemoteControl,
            "remote control needs screen view to be allowed first".to_owned()
        )]
    );

    // Whatever the technician sends now is refused, and nothing leaves the phone.
    let out = rig.control(ControlMessage::DiagnosticsRequest);
    assert_eq!(
        out.refusals(),
        vec![(
            Capability::Diagnostics,
            "the customer declined diagnostics".to_owned()
        )]
    );
    let out = rig.control(ControlMessage::LogRequest);
    assert_eq!(
        out.refusals(),
        vec![(
            Capability::LogFiles,
            "the customer declined log files".to_owned()
        )]
    );
    assert!(out.files.is_empty());
    let (x, y) = rig.phone.locate(Target::AppIcon(AppId::Settings)).unwrap();
    let mut refusals = Vec::new();
    for phase in [
        TouchPhase::Down,
        TouchPhase::Up,
        TouchPhase::Down,
        TouchPhase::Up,
    ] {
        let ev = rig.touch(phase, x, y);
        refusals.extend(rig.input(ev).refusals());
        rig.now += std::time::Duration::from_millis(60);
    }
    assert_eq!(refusals.len(), 1, "one refusal per streak: {refusals:?}");
    assert_eq!(refusals[0].0, Capability::RemoteControl);
    assert_eq!(
        rig.phone.ui().screen,
        Screen::Launcher,
        "the tap never landed"
    );

    let out = rig.run_for(2_000);
    assert!(out.video.is_empty(), "no video without screen view");
    assert!(out.files.is_empty());
    assert!(
        !out.control
            .iter()
            .any(|m| matches!(m, ControlMessage::DiagnosticsReport(_)))
    );
    assert!(!rig.phone.ui().sharing_indicator);
    assert!(!rig.core.status().sharing);
}

#[test]
fn a_shared_screen_decodes_to_the_phones_pixels_and_follows_taps() {
    let mut rig = Rig::new("samsung", ask(), Approval::All);
    let out = rig.grant(&[Capability::ScreenView, Capability::RemoteControl]);
    assert_eq!(
        out.responses(),
        vec![
            (Capability::ScreenView, true, false),
            (Capability::RemoteControl, true, false)
        ]
    );
    let out = rig.poll_after(16);
    let start = out.starts()[0];
    assert_eq!(
        (start.codec, start.width, start.height),
        (Codec::Tiles, 1080, 2400)
    );
    assert_eq!(start.rotation, Rotation::Deg0);
    assert!(out.frames()[0].keyframe);
    assert_eq!(out.frames()[0].sequence, 0);
    assert!(
        rig.phone.ui().sharing_indicator,
        "the indicator shows while sharing"
    );
    assert!(
        rig.viewed() == rig.screen(),
        "the first frame is the phone's screen"
    );

    // The technician taps Settings: the screen changes and the change is sent.
    rig.ack(&out);
    let (x, y) = rig.phone.locate(Target::AppIcon(AppId::Settings)).unwrap();
    rig.input(rig.touch(TouchPhase::Down, x, y));
    rig.now += std::time::Duration::from_millis(60);
    rig.input(rig.touch(TouchPhase::Up, x, y));
    let out = rig.poll_after(16);
    assert_eq!(out.frames().len(), 1);
    assert!(!out.frames()[0].keyframe);
    assert!(matches!(
        rig.phone.ui().screen,
        Screen::App {
            app: AppId::Settings,
            ..
        }
    ));
    assert!(rig.viewed() == rig.screen());
}

#[test]
fn frames_are_paced_windowed_and_never_sent_while_idle() {
    let mut rig = Rig::new("samsung", ask(), Approval::All);
    rig.grant(&[Capability::ScreenView, Capability::RemoteControl]);
    let first = rig.poll_after(16);
    assert_eq!(first.frames().len(), 1);

    // Idle: minutes of polling send nothing (the clock's minute changes once).
    rig.ack(&first);
    let idle = rig.run_for(50_000);
    assert!(
        idle.frames().len() <= 1,
        "{} frames while idle",
        idle.frames().len()
    );
    rig.ack(&idle);
    let sent_before = rig.core.video_stats().frames_sent;
    let idle = rig.run_for(5_000);
    assert!(idle.video.is_empty());
    assert_eq!(rig.core.video_stats().frames_sent, sent_before);

    // A drag at 120 events a second is sent at most at 60 fps, and only 3 frames go out
    // without an ack; the newest screen follows the ack.
    rig.control(ControlMessage::KeyframeRequest);
    let out = rig.poll_after(0);
    assert!(
        out.frames()[0].keyframe,
        "a keyframe on request, even unchanged"
    );
    rig.ack(&out);
    rig.customer_taps(Target::AppIcon(AppId::Settings));
    let out = rig.poll_after(20);
    rig.ack(&out);
    let (x, mut y) = (540, 1800);
    rig.input(rig.touch(TouchPhase::Down, x, y));
    let mut sent = Vec::new();
    for _ in 0..40 {
        rig.now += std::time::Duration::from_millis(8);
        y -= 10;
        rig.input(rig.touch(TouchPhase::Move, x, y));
        let out = rig.poll_after(0);
        sent.extend(out.frames().iter().map(|f| (f.sequence, rig.now)));
    }
    assert_eq!(sent.len(), 3, "the window holds 3 frames: {sent:?}");
    for pair in sent.windows(2) {
        assert!(
            pair[1].1 - pair[0].1 >= std::time::Duration::from_micros(16_666),
            "{sent:?}"
        );
    }
    assert_eq!(rig.core.frames_in_flight(), 3);
    let out = rig.control(ControlMessage::FrameAck {
        sequence: sent[2].0,
    });
    assert!(out.video.is_empty());
    let out = rig.poll_after(0);
    assert_eq!(
        out.frames().len(),
        1,
        "the latest screen, once there is room"
    );
    assert!(rig.viewed() == rig.screen());

    // The technician asks for 10 fps: frames at least 100 ms apart.
    rig.control(ControlMessage::QualityHint(QualityHint {
        max_fps: 10,
        max_kbps: None,
    }));
    assert_eq!(rig.core.frame_rate(), 10);
    rig.ack(&out);
    let mut times = Vec::new();
    for _ in 0..30 {
        rig.now += std::time::Duration::from_millis(10);
        y -= 5;
        rig.input(rig.touch(TouchPhase::Move, x, y));
        let out = rig.poll_after(0);
        if let Some(f) = out.frames().last() {
            times.push(rig.now);
            rig.control(ControlMessage::FrameAck {
                sequence: f.sequence,
            });
        }
    }
    assert!(times.len() >= 2, "{times:?}");
    for pair in times.windows(2) {
        assert!(
            pair[1] - pair[0] >= std::time::Duration::from_millis(100),
            "{times:?}"
        );
    }
}

#[test]
fn rotation_starts_the_stream_again_with_the_new_size() {
    let mut rig = Rig::new("samsung", ask(), Approval::All);
    rig.grant(&[Capability::ScreenView, Capability::RemoteControl]);
    let out = rig.poll_after(16);
    rig.ack(&out);
    rig.phone.set_rotation(Rotation::Deg90);
    let out = rig.poll_after(20);
    let start = out.starts()[0];
    assert_eq!(
        (start.width, start.height, start.rotation),
        (2400, 1080, Rotation::Deg90)
    );
    assert!(out.frames()[0].keyframe);
    assert!(rig.viewed() == rig.screen());

    // A touch aimed at the old portrait frame is dropped and reported.
    let stale = rig.touch_on(TouchPhase::Down, 100, 2000, FrameSize::new(1080, 2400));
    let out = rig.input(stale);
    assert_eq!(out.refusals().len(), 1);
    assert!(
        out.refusals()[0].1.contains("1080x2400"),
        "{:?}",
        out.refusals()
    );
}

#[test]
fn withdrawing_control_mid_drag_stops_the_drag_at_once() {
    let mut rig = Rig::new("samsung", ask(), Approval::All);
    rig.grant(&[Capability::ScreenView, Capability::RemoteControl]);
    rig.customer_taps(Target::AppIcon(AppId::Settings));
    let (x, mut y) = (540, 2000);
    rig.input(rig.touch(TouchPhase::Down, x, y));
    for _ in 0..10 {
        rig.now += std::time::Duration::from_millis(16);
        y -= 30;
        rig.input(rig.touch(TouchPhase::Move, x, y));
    }
    let scrolled = rig.phone.ui().settings_scroll;
    assert!(scrolled > 200, "the list follows the finger: {scrolled}");
    assert!(rig.core.technician_touching());

    let out = rig.command(CustomerCommand::StopControl);
    assert_eq!(
        out.control,
        vec![ControlMessage::ConsentRevoke {
            capability: Capability::RemoteControl
        }]
    );
    assert!(!rig.core.technician_touching());
    let mut refusals = Vec::new();
    for _ in 0..10 {
        rig.now += std::time::Duration::from_millis(16);
        y -= 30;
        refusals.extend(rig.input(rig.touch(TouchPhase::Move, x, y)).refusals());
    }
    refusals.extend(rig.input(rig.touch(TouchPhase::Up, x, y)).refusals());
    assert_eq!(refusals.len(), 1, "{refusals:?}");
    assert_eq!(
        refusals[0],
        (
            Capability::RemoteControl,
            "the customer withdrew remote control".to_owned()
        )
    );
    rig.run_for(1_000);
    assert_eq!(
        rig.phone.ui().settings_scroll,
        scrolled,
        "no move after the withdrawal"
    );
    assert!(!rig.phone.ui().flinging, "a cancelled drag does not fling");
    assert!(rig.core.status().sharing, "the screen stays shared");
}

#[test]
fn stopping_the_screen_takes_control_with_it_and_pausing_keeps_the_grant() {
    let mut rig = Rig::new("samsung", ask(), Approval::All);
    rig.grant(&[Capability::ScreenView, Capability::RemoteControl]);
    let out = rig.poll_after(16);
    rig.ack(&out);

    let out = rig.command(CustomerCommand::PauseSharing(true));
    assert_eq!(
        out.control,
        vec![ControlMessage::SharingPaused { paused: true }]
    );
    assert!(!rig.phone.ui().sharing_indicator);
    rig.customer_taps(Target::AppIcon(AppId::Settings));
    assert!(rig.run_for(500).video.is_empty(), "nothing while paused");

    let out = rig.command(CustomerCommand::PauseSharing(false));
    assert_eq!(
        out.control,
        vec![ControlMessage::SharingPaused { paused: false }]
    );
    let out = rig.poll_after(16);
    assert_eq!(out.starts().len(), 1, "the stream starts again");
    assert!(out.frames()[0].keyframe);
    assert!(rig.viewed() == rig.screen());

    // "Stop sharing" in the phone's notification shade withdraws both.
    rig.ack(&out);
    rig.customer_stops_sharing_in_the_shade();
    let out = rig.poll_after(16);
    assert!(out.control.contains(&ControlMessage::ConsentRevoke {
        capability: Capability::ScreenView
    }));
    assert!(out.control.contains(&ControlMessage::ConsentRevoke {
        capability: Capability::RemoteControl
    }));
    assert!(!rig.phone.ui().sharing_indicator);
    assert!(rig.run_for(500).video.is_empty());
    let out = rig.input(rig.touch(TouchPhase::Down, 10, 10));
    assert_eq!(out.refusals().len(), 1);
}

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
fn notify_policy_grants_at_once_and_tells_the_customer() {
    let mut policy = PortalPolicy::uniform(Policy::Notify);
    policy.log_files = Policy::Off;
    let mut rig = Rig::new("samsung", policy, Approval::Ask);
    let out = rig.grant(&[Capability::Diagnostics]);
    assert_eq!(out.responses(), vec![(Capability::Diagnostics, true, true)]);
    assert!(out.events.contains(&CustomerEvent::Notice(
        "Alex can now read your device information.".into()
    )));
    assert_eq!(
        rig.phone.ui().toast.as_deref(),
        Some("Alex can now read your device information.")
    );
    let out = rig.grant(&[Capability::LogFiles]);
    assert_eq!(
        out.refusals(),
        vec![(
            Capability::LogFiles,
            "log files is turned off for this portal".to_owned()
        )]
    );
}

#[test]
fn the_chat_only_phone_never_sends_video() {
    let mut rig = Rig::new("old", ask(), Approval::All);
    let out = rig.grant(&ALL_CAPS);
    let refused: Vec<Capability> = out.refusals().into_iter().map(|r| r.0).collect();
    assert_eq!(
        refused,
        vec![Capability::ScreenView, Capability::RemoteControl]
    );
    assert!(out.refusals()[0].1.contains("does not support screen view"));
    rig.control(ControlMessage::KeyframeRequest);
    let out = rig.run_for(2_000);
    assert!(out.video.is_empty());
    assert_eq!(rig.core.video_stats().captures, 0);
    // Chat and diagnostics still work.
    let out = rig.control(ControlMessage::DiagnosticsRequest);
    assert!(matches!(
        &out.control[..],
        [ControlMessage::DiagnosticsReport(_)]
    ));
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
