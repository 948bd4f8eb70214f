//! The standard session, from the code to the record.

use lifeline_agent_android::device::Device as _;
use lifeline_agent_android::session::{CustomerCommand, CustomerEvent};
use lifeline_agent_android::sim::{AppId, Page, Screen, Target};
use lifeline_console::net::SessionCommand;
use lifeline_console::state::Phase;
use lifeline_console::state::consent::ConsentView;
use lifeline_console::state::diagnostics::DiagnosticsView;
use lifeline_console::state::transfers::TransferStatus;
use lifeline_protocol::consent::{Capability, PortalPolicy};
use lifeline_protocol::messages::Party;
use lifeline_protocol::messages::control::EndReason;
use lifeline_protocol::messages::input::Key;
use lifeline_protocol::messages::video::VideoMessage;
use lifeline_protocol::record::RecordItem;
use lifeline_tests::rig::{Joining, Phone, RigRelay, Tech, customer_lines, wait_same_screen};
use sha2::{Digest, Sha256};

use crate::record::{Expected, assert_record, record_file, recording};

fn in_app(app: AppId) -> impl Fn(&lifeline_agent_android::sim::UiSnapshot) -> bool {
    move |ui| matches!(ui.screen, Screen::App { app: a, .. } if a == app)
}

#[test]
fn a_standard_session_from_code_to_record() {
    let relay = RigRelay::start();
    let portal = relay.create_portal("retail", PortalPolicy::default());
    let mut tech = Tech::sign_in(&relay, "alex");

    // A code with an identifier and a portal; its URL is what the customer gets.
    let entry = tech.create_code(Some("Marie Dupont"), Some(&portal));
    let code = entry.code;
    assert_eq!(entry.identifier.as_deref(), Some("Marie Dupont"));
    assert_eq!(entry.portal, portal);
    assert!(
        entry.url.ends_with(&format!("/join/{}", code.digits())),
        "{}",
        entry.url
    );

    // The customer opens the URL on the phone and joins.
    let mut phone = Phone::join(&entry.url, relay.fingerprint(), &Joining::marie());
    tech.wait_session(code, "the customer joined", |s| {
        s.is_active() && s.customer.as_deref() == Some("Marie")
    });

    // Chat both ways, each delivered.
    let hello = tech.chat(code, "Hello Marie, this is Alex.");
    tech.wait_delivered(code, hello);
    let heard = phone.wait_for("the technician's chat", |e| match e {
        CustomerEvent::Chat { from, text } => Some(format!("{from}: {text}")),
        _ => None,
    });
    assert_eq!(heard, "alex: Hello Marie, this is Alex.");
    phone.send(CustomerCommand::SendChat("My Wi-Fi keeps dropping.".into()));
    tech.wait_session(code, "the customer's chat", |s| {
        customer_lines(s) == ["My Wi-Fi keeps dropping."]
    });
    phone.wait_for("the customer's chat delivered", |e| {
        matches!(e, CustomerEvent::ChatDelivered { .. }).then_some(())
    });

    // View: the customer allows it; frames arrive and decode to the phone's exact pixels.
    tech.command(code, SessionCommand::Request(Capability::ScreenView));
    phone.answer(Capability::ScreenView, true);
    let home = wait_same_screen(&mut tech, code, &phone, "the home screen");
    assert_eq!((home.width(), home.height()), (1080, 2400));
    assert!(phone.ui().sharing_indicator);

    // Control, each gesture checked on the phone and on the technician's screen.
    tech.command(code, SessionCommand::Request(Capability::RemoteControl));
    phone.answer(Capability::RemoteControl, true);
    tech.wait_session(code, "control granted", |s| s.can_control());

    let settings = phone.locate(Target::AppIcon(AppId::Settings));
    tech.tap(code, settings);
    phone.wait_ui("a tap opens Settings", in_app(AppId::Settings));
    wait_same_screen(&mut tech, code, &phone, "Settings");

    tech.drag(code, (540, 1900), (540, 900), 12);
    let ui = phone.wait_ui("a drag scrolls the list", |ui| {
        ui.settings_scroll >= 600 && !ui.flinging
    });
    assert!(ui.settings_scroll <= 1100, "{ui:?}");
    wait_same_screen(&mut tech, code, &phone, "the scrolled list");

    tech.key(code, Key::Back);
    phone.wait_ui("Back leaves Settings", |ui| ui.screen == Screen::Launcher);

    let messages = phone.locate(Target::AppIcon(AppId::Messages));
    tech.long_press(code, messages);
    phone.wait_ui("a long-press opens the shortcuts", |ui| {
        ui.popup == Some(AppId::Messages)
    });
    wait_same_screen(&mut tech, code, &phone, "the shortcuts popup");

    tech.key(code, Key::Home);
    phone.wait_ui("Home closes the popup", |ui| {
        ui.screen == Screen::Launcher && ui.popup.is_none()
    });

    tech.tap(code, phone.locate(Target::AppIcon(AppId::Messages)));
    phone.wait_ui("a tap opens Messages", |ui| {
        matches!(
            ui.screen,
            Screen::App {
                app: AppId::Messages,
                page: Page::Main
            }
        )
    });
    tech.tap(code, phone.locate(Target::TextField));
    phone.wait_ui("the text field has focus", |ui| ui.focused_text.is_some());
    tech.text(code, "Hello from Alex");
    phone.wait_ui("the text lands in the field", |ui| {
        ui.focused_text.as_deref() == Some("Hello from Alex")
    });
    wait_same_screen(&mut tech, code, &phone, "the typed text");

    tech.key(code, Key::Recents);
    let ui = phone.wait_ui("Recents opens", |ui| ui.screen == Screen::Recents);
    assert!(ui.recents.contains(&AppId::Settings), "{ui:?}");
    assert!(ui.recents.contains(&AppId::Messages), "{ui:?}");
    wait_same_screen(&mut tech, code, &phone, "Recents");
    tech.key(code, Key::Home);
    phone.wait_ui("Home", |ui| ui.screen == Screen::Launcher);

    // Diagnostics after consent.
    tech.client().request_diagnostics(code).unwrap();
    phone.answer(Capability::Diagnostics, true);
    tech.wait_session(code, "the diagnostics report", |s| {
        matches!(s.diagnostics, DiagnosticsView::Report { .. })
    });
    let maker = phone.sim().summary().manufacturer.to_lowercase();
    let DiagnosticsView::Report { report, .. } = &tech.session(code).diagnostics else {
        unreachable!()
    };
    assert!(
        report.device.model.as_ref().is_some_and(|m| !m.is_empty()),
        "{report:?}"
    );
    assert_eq!(
        report.device.manufacturer.as_deref().map(str::to_lowercase),
        Some(maker),
        "{report:?}"
    );

    // Two log files after consent, saved with the SHA-256 the phone announced.
    tech.client().request_logs(code).unwrap();
    phone.answer(Capability::LogFiles, true);
    tech.wait_files_done(code, 2);
    let mut file_bytes = 0;
    let mut files = Vec::new();
    for file in tech.session(code).transfers.files().to_vec() {
        let TransferStatus::Saved(path) = &file.status else {
            panic!("{} failed: {:?}", file.name, file.status);
        };
        let saved = std::fs::read(path).unwrap();
        assert_eq!(saved.len() as u64, file.size, "{}", file.name);
        assert_eq!(
            hex::encode(Sha256::digest(&saved)),
            file.sha256,
            "{}",
            file.name
        );
        assert!(path.starts_with(tech.downloads()), "{path:?}");
        file_bytes += file.size;
        files.push((file.name.clone(), file.sha256.clone(), saved));
    }
    assert!(file_bytes > 100_000, "{file_bytes}");

    // The customer exits; both sides say so.
    phone.send(CustomerCommand::Exit);
    let outcome = phone.outcome();
    assert_eq!(outcome.reason, EndReason::CustomerLeft);
    tech.wait_session(code, "the session ends", |s| s.is_ended());
    let Phase::Ended(why) = &tech.session(code).phase else {
        unreachable!()
    };
    assert!(why.contains("customer"), "{why}");
    assert!(!phone.ui().sharing_indicator);
    for cap in [Capability::ScreenView, Capability::RemoteControl] {
        assert!(
            !matches!(tech.session(code).consent.get(cap), ConsentView::Asking),
            "{cap}"
        );
    }

    // The relay's record has all of it.
    let id = assert_record(
        &relay,
        code,
        &Expected {
            technician: "alex",
            customer: "Marie",
            identifier: Some("Marie Dupont"),
            portal: &portal,
            ended_by: &["customer"],
            min_customer_bytes: file_bytes,
        },
    );

    // The recording, read back from the relay as a reviewer would: both chats, the
    // screen, every consent given, the diagnostics, both files, the end.
    let items = recording(&relay, id);
    let chats: Vec<(Party, &str)> = items
        .iter()
        .filter_map(|item| match item {
            RecordItem::Chat(chat) => Some((chat.from, chat.text.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(
        chats,
        [
            (Party::Technician, "Hello Marie, this is Alex."),
            (Party::Customer, "My Wi-Fi keeps dropping."),
        ]
    );
    let frames = items
        .iter()
        .filter(|item| matches!(item, RecordItem::Video(VideoMessage::Frame(_))))
        .count();
    assert!(frames > 5, "{frames} frames recorded");
    for capability in [
        Capability::ScreenView,
        Capability::RemoteControl,
        Capability::Diagnostics,
        Capability::LogFiles,
    ] {
        assert!(
            items.iter().any(|item| matches!(
                item,
                RecordItem::ConsentGranted { capability: c, .. } if *c == capability
            )),
            "no consent for {capability} in the recording"
        );
    }
    assert!(
        items
            .iter()
            .any(|item| matches!(item, RecordItem::Diagnostics(_)))
    );
    let mut recorded_files: Vec<(String, String)> = items
        .iter()
        .filter_map(|item| match item {
            RecordItem::File { name, sha256, .. } => Some((name.clone(), hex::encode(sha256))),
            _ => None,
        })
        .collect();
    let mut saved_files: Vec<(String, String)> = files
        .iter()
        .map(|(name, sha, _)| (name.clone(), sha.clone()))
        .collect();
    recorded_files.sort();
    saved_files.sort();
    assert_eq!(recorded_files, saved_files);
    assert!(
        matches!(
            items.last(),
            Some(RecordItem::Ended {
                by: Some(Party::Customer),
                ..
            })
        ),
        "{:?}",
        items.last()
    );
    // The files' content on the relay is byte for byte what the technician saved.
    for (name, sha256, saved) in &files {
        assert!(
            record_file(&relay, id, sha256) == *saved,
            "{name} differs on the relay"
        );
    }
}
