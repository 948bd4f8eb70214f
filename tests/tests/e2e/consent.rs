//! What the customer allows, refuses and takes back, and the phone that can only chat.

use lifeline_agent_android::session::{Approval, CustomerCommand, CustomerEvent};
use lifeline_agent_android::sim::{AppId, Screen, Target};
use lifeline_console::net::SessionCommand;
use lifeline_console::state::consent::ConsentView;
use lifeline_console::state::diagnostics::DiagnosticsView;
use lifeline_protocol::consent::Capability;
use lifeline_protocol::messages::input::Key;
use lifeline_tests::rig::{Joining, Phone, RigRelay, Tech, customer_lines, wait_same_screen};

/// A technician and a phone in a fresh session on the default portal.
fn session(how: &Joining) -> (RigRelay, Tech, Phone, lifeline_protocol::SessionCode) {
    let relay = RigRelay::start();
    let mut tech = Tech::sign_in(&relay, "alex");
    let entry = tech.create_code(None, None);
    let phone = Phone::join(&entry.url, relay.fingerprint(), how);
    tech.wait_joined(entry.code);
    (relay, tech, phone, entry.code)
}

#[test]
fn the_chat_only_phone_chats_and_never_shows_its_screen() {
    let (_relay, mut tech, mut phone, code) = session(&Joining {
        profile: "old",
        ..Joining::marie()
    });
    assert!(phone.seen.iter().any(|e| matches!(
        e,
        CustomerEvent::Connected {
            chat_only: true,
            ..
        }
    )));
    let session = tech.session(code);
    assert!(session.chat_only());
    assert_eq!(
        *session.consent.get(Capability::ScreenView),
        ConsentView::Unsupported
    );
    assert_eq!(
        *session.consent.get(Capability::RemoteControl),
        ConsentView::Unsupported
    );

    // Asking anyway gets a refusal, not a screen.
    tech.command(code, SessionCommand::Request(Capability::ScreenView));
    tech.command(code, SessionCommand::Keyframe);
    let id = tech.chat(code, "Can you read me?");
    tech.wait_delivered(code, id);
    phone.send(CustomerCommand::SendChat("Yes!".into()));
    tech.wait_session(code, "the reply", |s| customer_lines(s) == ["Yes!"]);
    let late = phone.collect(500);
    assert!(
        !late
            .iter()
            .any(|e| matches!(e, CustomerEvent::PromptNeeded(_))),
        "{late:?}"
    );
    let session = tech.session(code);
    assert_eq!(session.video.frames, 0);
    assert!(session.screen.snapshot().is_none());
    assert!(!phone.ui().sharing_indicator);
    tech.end(code);
    assert!(!phone.outcome().reason.to_string().is_empty());
}

#[test]
fn a_customer_who_says_no_to_everything_shares_nothing() {
    let (_relay, mut tech, mut phone, code) = session(&Joining::marie());

    tech.command(code, SessionCommand::Request(Capability::ScreenView));
    phone.answer(Capability::ScreenView, false);
    tech.wait_session(code, "screen declined", |s| {
        *s.consent.get(Capability::ScreenView) == ConsentView::Denied
    });

    tech.client().request_diagnostics(code).unwrap();
    phone.answer(Capability::Diagnostics, false);
    tech.wait_session(code, "diagnostics declined", |s| {
        *s.consent.get(Capability::Diagnostics) == ConsentView::Denied
    });

    tech.client().request_logs(code).unwrap();
    phone.answer(Capability::LogFiles, false);
    tech.wait_session(code, "logs declined", |s| {
        *s.consent.get(Capability::LogFiles) == ConsentView::Denied
    });

    // Control needs the screen: the phone asks for it again, and the customer says no again
    // (and to anything else it asks).
    tech.command(code, SessionCommand::Request(Capability::RemoteControl));
    phone.answer(Capability::ScreenView, false);
    for event in phone.collect(600) {
        if let CustomerEvent::PromptNeeded(prompt) = event {
            phone.send(CustomerCommand::AnswerPrompt {
                capability: prompt.capability,
                allow: false,
            });
        }
    }

    // Input sent anyway does nothing on the phone.
    let settings = phone.locate(Target::AppIcon(AppId::Settings));
    tech.tap(code, settings);
    tech.key(code, Key::Recents);
    phone.collect(600);
    let ui = phone.ui();
    assert_eq!(ui.screen, Screen::Launcher, "{ui:?}");
    assert!(!ui.sharing_indicator);
    assert!(ui.dialog.is_none(), "{ui:?}");

    let session = tech.session(code);
    assert!(!session.can_control());
    assert!(!session.consent.get(Capability::RemoteControl).is_granted());
    assert_eq!(session.video.frames, 0, "no frame left the phone");
    assert!(session.screen.snapshot().is_none());
    assert!(
        session.transfers.files().is_empty(),
        "no file left the phone"
    );
    assert!(
        !matches!(session.diagnostics, DiagnosticsView::Report { .. }),
        "no report left the phone"
    );
    tech.end(code);
    phone.outcome();
}

#[test]
fn control_taken_back_mid_drag_stops_the_drag_at_once() {
    let (_relay, mut tech, mut phone, code) = session(&Joining {
        approval: Approval::All,
        ..Joining::marie()
    });
    tech.command(code, SessionCommand::Request(Capability::RemoteControl));
    tech.wait_session(code, "control granted", |s| s.can_control());
    tech.tap(code, phone.locate(Target::AppIcon(AppId::Settings)));
    phone.wait_ui("Settings", |ui| {
        matches!(
            ui.screen,
            Screen::App {
                app: AppId::Settings,
                ..
            }
        )
    });

    // The technician drags the list up, finger still down...
    let mut y = 2000;
    let mut t = tech.drag_start(code, (540, y));
    for _ in 0..10 {
        y -= 40;
        t += 16_000;
        tech.drag_move(code, (540, y), t);
    }
    phone.wait_ui("the list follows the finger", |ui| {
        ui.settings_scroll >= 300
    });

    // ...and the customer takes control back.
    phone.send(CustomerCommand::StopControl);
    tech.wait_session(code, "control withdrawn", |s| {
        *s.consent.get(Capability::RemoteControl) == ConsentView::Revoked
    });
    let frozen = phone.ui().settings_scroll;
    for _ in 0..10 {
        y -= 40;
        t += 16_000;
        tech.drag_move(code, (540, y), t);
    }
    tech.drag_end(code, (540, y), t + 16_000);
    phone.collect(500);
    let ui = phone.ui();
    assert_eq!(
        ui.settings_scroll, frozen,
        "no move landed after the withdrawal"
    );
    assert!(!ui.flinging);
    let session = tech.session(code);
    assert!(!session.can_control());
    assert!(session.is_active(), "the session goes on");
    assert!(
        session.consent.get(Capability::ScreenView).is_granted(),
        "the screen is still shared"
    );
    wait_same_screen(&mut tech, code, &phone, "the screen after the withdrawal");
    tech.end(code);
    phone.outcome();
}
