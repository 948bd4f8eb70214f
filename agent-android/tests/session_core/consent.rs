//! Consent: refusals send nothing, the notify policy grants at once, control goes when the screen stops or is withdrawn mid-drag.

use super::*;

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
