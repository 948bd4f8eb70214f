//! The screen: frames decode to the phone's pixels, are paced and windowed, restart on rotation, never leave a chat-only phone.

use super::*;

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
