//! Headless end to end: the relay in-process (local mode), the console's network side
//! driven through `TechnicianClient`, and a fake phone over `lifeline_protocol::quic`.

mod common;

use std::time::Duration;

use common::fake_phone;
use lifeline_console::net::{Command, NetConfig, TechnicianClient};
use lifeline_console::state::Phase;
use lifeline_console::state::codes::CodeState;
use lifeline_console::state::diagnostics::DiagnosticsView;
use lifeline_console::state::transcript::{Delivery, EntryKind};
use lifeline_console::state::transfers::TransferStatus;
use lifeline_protocol::consent::Capability;
use lifeline_protocol::i18n::{Language, Localizer};
use lifeline_protocol::messages::Party;
use lifeline_protocol::messages::input::{InputEvent, Key, KeyAction, KeyEvent};
use lifeline_protocol::messages::video::Codec;
use sha2::{Digest, Sha256};

const WAIT: Duration = Duration::from_secs(20);

/// The path of a file the transcript says was saved under `name`.
fn saved(
    session: &lifeline_console::state::SessionState,
    name: &str,
) -> Option<std::path::PathBuf> {
    session
        .transcript
        .entries()
        .iter()
        .find_map(|e| match &e.kind {
            EntryKind::System { text, .. } => text
                .strip_prefix("Saved ")
                .filter(|path| path.ends_with(name))
                .map(std::path::PathBuf::from),
            _ => None,
        })
}

#[test]
fn a_whole_session_with_a_fake_phone() {
    let dir = tempfile::tempdir().unwrap();
    let downloads = dir.path().join("downloads");
    let mut tech =
        TechnicianClient::start(NetConfig::local(dir.path().join("relay"), &downloads)).unwrap();
    tech.wait_signed_in(WAIT).unwrap();
    assert_eq!(tech.state().account.as_ref().unwrap().name, "technician");

    // A code, created over HTTP; the console waits on it at once.
    let entry = tech.create_code(Some("Marie"), WAIT).unwrap();
    let code = entry.code;
    assert_eq!(entry.state, CodeState::Pending);
    assert!(entry.url.contains(&code.digits()));
    tech.wait_until(WAIT, |s| {
        s.session(code).is_some_and(|s| s.phase == Phase::Waiting)
    })
    .unwrap();

    // The phone joins, on a runtime of its own.
    let link = entry.deep_link.clone();
    let phone = fake_phone::spawn(link, Codec::Tiles);
    tech.wait_for_session(code, WAIT).unwrap();
    tech.wait_until(WAIT, |s| {
        s.session(code).unwrap().customer.as_deref() == Some("Marie")
    })
    .unwrap();
    assert_eq!(
        tech.state().codes.get(code).unwrap().state,
        CodeState::Active
    );

    // Chat both ways, with the phone's ack.
    let id = tech.send_chat(code, "Hello Marie").unwrap();
    tech.wait_until(WAIT, |s| {
        let session = s.session(code).unwrap();
        session.transcript.delivery(id) == Some(&Delivery::Delivered)
            && session.transcript.entries().iter().any(|e| {
                matches!(&e.kind, EntryKind::Chat { from: Party::Customer, text, .. }
                    if text == "Got it: Hello Marie")
            })
    })
    .unwrap();

    // Screen view: frames decoded off the UI thread into the shared screen.
    tech.request(code, Capability::RemoteControl).unwrap();
    tech.wait_until(WAIT, |s| {
        let session = s.session(code).unwrap();
        session.can_control()
            && session
                .screen
                .snapshot()
                .is_some_and(|img| img.pixel(5, fake_phone::HEIGHT - 5) == Some(fake_phone::BOTTOM))
    })
    .unwrap();
    let image = tech.session(code).unwrap().screen.snapshot().unwrap();
    assert_eq!(
        (image.width(), image.height()),
        (fake_phone::WIDTH, fake_phone::HEIGHT)
    );
    assert_eq!(
        image,
        fake_phone::second_frame(),
        "the decoded screen is exactly the phone's"
    );
    assert!(tech.session(code).unwrap().video.frames >= 2);

    // A screenshot of it, as PNG in the session's folder.
    tech.commands()
        .send(Command::SaveScreenshot {
            code,
            width: image.width(),
            height: image.height(),
            rgba: image.clone().into_raw(),
        })
        .unwrap();
    tech.wait_until(WAIT, |s| {
        saved(s.session(code).unwrap(), "screenshot.png").is_some()
    })
    .unwrap();
    let png = saved(tech.session(code).unwrap(), "screenshot.png").unwrap();
    let png = image::open(png).unwrap().to_rgba8();
    assert_eq!(
        png.as_raw(),
        image.data(),
        "the PNG holds exactly the screen"
    );

    // A key press travels on the input stream.
    tech.input(
        code,
        InputEvent::Key(KeyEvent {
            key: Key::Back,
            action: KeyAction::Press,
        }),
    )
    .unwrap();

    // Diagnostics (consent first, then the request).
    tech.request_diagnostics(code).unwrap();
    tech.wait_until(WAIT, |s| {
        matches!(
            s.session(code).unwrap().diagnostics,
            DiagnosticsView::Report { .. }
        )
    })
    .unwrap();

    // The report exports as JSON.
    let DiagnosticsView::Report { report, .. } = &tech.session(code).unwrap().diagnostics else {
        unreachable!()
    };
    let json = serde_json::to_string_pretty(report.as_ref()).unwrap();
    tech.commands()
        .send(Command::ExportDiagnostics { code, json })
        .unwrap();
    tech.wait_until(WAIT, |s| {
        saved(s.session(code).unwrap(), "diagnostics.json").is_some()
    })
    .unwrap();

    // A log file, received with progress and saved with a matching SHA-256.
    let file = fake_phone::receive_log(&mut tech, code, WAIT);
    let TransferStatus::Saved(path) = &file.status else {
        panic!("the file failed: {:?}", file.status);
    };
    let saved = std::fs::read(path).unwrap();
    assert_eq!(saved, fake_phone::log_content());
    assert_eq!(hex::encode(Sha256::digest(&saved)), file.sha256);
    assert!(path.starts_with(&downloads));
    assert_eq!(path.file_name().unwrap(), fake_phone::LOG_NAME);

    // The technician ends it; the phone hears why.
    tech.end_session(code, WAIT).unwrap();
    let log = phone.join().unwrap();
    assert!(log.ended_by_technician);
    assert_eq!(log.chats, vec!["Hello Marie".to_owned()]);
    assert!(log.input.contains(&InputEvent::Key(KeyEvent {
        key: Key::Back,
        action: KeyAction::Press,
    })));
    let session = tech.session(code).unwrap();
    assert!(session.is_ended());
    assert!(session.video.rtt.is_some() || session.transcript.entries().len() > 5);
    tech.shutdown(Duration::from_secs(5));
}

#[test]
fn h264_video_is_decoded_into_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut tech = TechnicianClient::start(NetConfig::local(
        dir.path().join("relay"),
        dir.path().join("downloads"),
    ))
    .unwrap();
    tech.wait_signed_in(WAIT).unwrap();
    let entry = tech.create_code(None, WAIT).unwrap();
    let code = entry.code;
    let link = entry.deep_link.clone();
    let phone = fake_phone::spawn(link, Codec::H264);
    tech.wait_for_session(code, WAIT).unwrap();
    tech.request(code, Capability::ScreenView).unwrap();
    let close = |a: [u8; 4], b: [u8; 4]| a.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= 24);
    tech.wait_until(WAIT, |s| {
        s.session(code)
            .unwrap()
            .screen
            .snapshot()
            .is_some_and(|img| {
                img.pixel(10, fake_phone::HEIGHT - 10)
                    .is_some_and(|p| close(p, fake_phone::BOTTOM))
            })
    })
    .unwrap();
    let image = tech.session(code).unwrap().screen.snapshot().unwrap();
    assert_eq!(
        (image.width(), image.height()),
        (fake_phone::WIDTH, fake_phone::HEIGHT)
    );
    assert!(close(image.pixel(10, 10).unwrap(), fake_phone::TOP));
    assert_eq!(
        tech.session(code).unwrap().video.stream.map(|s| s.codec),
        Some(Codec::H264)
    );
    // Ended in Spanish: the reason is worded by the console, not carried as English.
    tech.set_language(Localizer::new(Language::Es));
    tech.end_session(code, WAIT).unwrap();
    assert!(phone.join().unwrap().ended_by_technician);
    assert_eq!(
        tech.session(code).unwrap().phase,
        Phase::Ended("Usted finalizó la sesión".into())
    );
    tech.shutdown(Duration::from_secs(5));
}
