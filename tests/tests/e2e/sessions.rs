//! One technician, two customers at once: neither session disturbs the other.

use lifeline_agent_android::session::{Approval, CustomerCommand, CustomerEvent};
use lifeline_agent_android::sim::{AppId, Screen, Target};
use lifeline_console::net::SessionCommand;
use lifeline_protocol::consent::Capability;
use lifeline_tests::rig::{Joining, Phone, RigRelay, Tech, customer_lines, wait_same_screen};

fn chats(phone: &Phone) -> Vec<String> {
    phone
        .seen
        .iter()
        .filter_map(|e| match e {
            CustomerEvent::Chat { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn two_sessions_at_once_for_one_technician() {
    let relay = RigRelay::start();
    let mut tech = Tech::sign_in(&relay, "alex");
    let marie = tech.create_code(Some("Marie"), None);
    let jonas = tech.create_code(Some("Jonas"), None);
    let how = |name| Joining {
        name,
        approval: Approval::All,
        ..Joining::marie()
    };
    let mut marie_phone = Phone::join(&marie.url, relay.fingerprint(), &how("Marie"));
    let mut jonas_phone = Phone::join(&jonas.url, relay.fingerprint(), &how("Jonas"));
    let (m, j) = (marie.code, jonas.code);
    tech.wait("both customers joined", |s| {
        s.session(m)
            .is_some_and(|s| s.customer.as_deref() == Some("Marie"))
            && s.session(j)
                .is_some_and(|s| s.customer.as_deref() == Some("Jonas"))
    });
    for code in [m, j] {
        tech.command(code, SessionCommand::Request(Capability::RemoteControl));
    }
    tech.wait("control of both", |s| {
        s.session(m).is_some_and(|s| s.can_control())
            && s.session(j).is_some_and(|s| s.can_control())
    });

    // Each phone does what its own session asked.
    tech.tap(m, marie_phone.locate(Target::AppIcon(AppId::Settings)));
    tech.tap(j, jonas_phone.locate(Target::AppIcon(AppId::Messages)));
    let on = |app| move |ui: &lifeline_agent_android::sim::UiSnapshot| matches!(ui.screen, Screen::App { app: a, .. } if a == app);
    marie_phone.wait_ui("Marie's phone in Settings", on(AppId::Settings));
    jonas_phone.wait_ui("Jonas's phone in Messages", on(AppId::Messages));
    let marie_screen = wait_same_screen(&mut tech, m, &marie_phone, "Marie's screen");
    let jonas_screen = wait_same_screen(&mut tech, j, &jonas_phone, "Jonas's screen");
    assert!(marie_screen != jonas_screen);

    // Chat goes to the right customer only.
    let to_marie = tech.chat(m, "Hello Marie");
    let to_jonas = tech.chat(j, "Hello Jonas");
    tech.wait_delivered(m, to_marie);
    tech.wait_delivered(j, to_jonas);
    marie_phone.send(CustomerCommand::SendChat("Hi, Marie here".into()));
    jonas_phone.send(CustomerCommand::SendChat("Hi, Jonas here".into()));
    tech.wait("both replies", |s| {
        s.session(m)
            .is_some_and(|s| customer_lines(s) == ["Hi, Marie here"])
            && s.session(j)
                .is_some_and(|s| customer_lines(s) == ["Hi, Jonas here"])
    });
    marie_phone.collect(200);
    jonas_phone.collect(200);
    assert_eq!(chats(&marie_phone), ["Hello Marie"]);
    assert_eq!(chats(&jonas_phone), ["Hello Jonas"]);

    // Ending Marie's session leaves Jonas's running.
    tech.end(m);
    marie_phone.outcome();
    assert!(tech.session(j).is_active());
    assert!(!jonas_phone.is_finished());
    tech.tap(j, jonas_phone.locate(Target::TextField));
    tech.text(j, "still here");
    jonas_phone.wait_ui("Jonas's session still works", |ui| {
        ui.focused_text.as_deref() == Some("still here")
    });
    tech.end(j);
    jonas_phone.outcome();
}
