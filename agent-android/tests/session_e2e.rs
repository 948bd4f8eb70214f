//! The agent's session against a real relay on loopback over real QUIC, with a technician
//! client built on `protocol::quic`: consent, the screen decoded to the phone's exact pixels,
//! taps, logs, chat, revoking control mid-drag, the chat-only phone, both ways of ending.

mod net;

use std::time::Duration;

use lifeline_agent_android::session::{Approval, CustomerCommand, CustomerEvent};
use lifeline_agent_android::sim::{AppId, Screen, Target};
use lifeline_protocol::consent::Capability;
use lifeline_protocol::messages::control::{ChatId, ChatMessage, ControlMessage, EndReason};
use lifeline_protocol::messages::handshake::RelayNotice;
use lifeline_protocol::messages::input::TouchPhase;
use lifeline_protocol::messages::{Party, UnixMillis};
use net::{TechEvent, TestRelay, granted, pair, within};
use sha2::{Digest, Sha256};

fn refused(cap: Capability) -> impl FnMut(&ControlMessage) -> Option<String> {
    move |m| match m {
        ControlMessage::Refused { capability, reason } if *capability == cap => {
            Some(reason.clone())
        }
        _ => None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_technician_sees_the_exact_screen_taps_and_gets_logs() {
    let relay = TestRelay::start().await;
    let (mut tech, mut agent) = pair(&relay, "samsung", Approval::All).await;
    agent.phone.lock().unwrap().set_log_size(1_500_000);

    for cap in [
        Capability::ScreenView,
        Capability::RemoteControl,
        Capability::LogFiles,
    ] {
        tech.send(ControlMessage::ConsentRequest { capability: cap })
            .await;
        assert!(tech.control("granted", granted(cap)).await, "{cap}");
    }
    let start = tech
        .first("stream start", |e| match e {
            TechEvent::Start(s) => Some(*s),
            _ => None,
        })
        .await;
    assert_eq!((start.width, start.height), (1080, 2400));
    let first = agent.wait_screen_matches(&tech, "first frame").await;
    assert!(agent.phone.lock().unwrap().ui().sharing_indicator);

    // A tap on the Settings icon opens Settings on the phone, and the technician sees it.
    let (x, y) = agent
        .phone
        .lock()
        .unwrap()
        .locate(Target::AppIcon(AppId::Settings))
        .unwrap();
    tech.touch(TouchPhase::Down, x, y, 1_000_000).await;
    tech.touch(TouchPhase::Up, x, y, 1_060_000).await;
    within("settings opens", async {
        while !matches!(
            agent.phone.lock().unwrap().ui().screen,
            Screen::App {
                app: AppId::Settings,
                ..
            }
        ) {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await;
    let settings = agent.wait_screen_matches(&tech, "settings frame").await;
    assert!(settings != first, "the change arrived");

    // Logs: offered on control, then each on its own file stream, SHA-256 checked.
    tech.send(ControlMessage::LogRequest).await;
    let mut offers = Vec::new();
    let mut files = Vec::new();
    while files.len() < 2 {
        let event = tech
            .wait_for("log files", |e| match e {
                TechEvent::Control(ControlMessage::FileOffer(h)) => Some(Ok(h.clone())),
                TechEvent::File { header, content } => Some(Err((header.clone(), content.clone()))),
                _ => None,
            })
            .await;
        match event {
            Ok(offer) => offers.push(offer),
            Err(file) => files.push(file),
        }
    }
    for (header, content) in &files {
        let content = content
            .as_ref()
            .expect("the receiver checked size and SHA-256");
        assert_eq!(header.sha256, <[u8; 32]>::from(Sha256::digest(content)));
        assert!(offers.contains(header), "{header:?} was offered first");
    }
    let logcat = files.iter().find(|(h, _)| h.name == "logcat.txt").unwrap();
    assert_eq!(logcat.0.size, 1_500_000);
    agent
        .wait_for("file sent", |e| {
            matches!(e, CustomerEvent::FileSent { name, .. } if name == "logcat.txt").then_some(())
        })
        .await;

    // Chat both ways, each acknowledged.
    let hello =
        ChatMessage::new(ChatId(1), Party::Technician, UnixMillis(1), "Hello Marie").unwrap();
    tech.send(ControlMessage::Chat(hello)).await;
    tech.control("chat ack", |m| {
        (*m == ControlMessage::ChatAck { id: ChatId(1) }).then_some(())
    })
    .await;
    let text = agent
        .wait_for("chat", |e| match e {
            CustomerEvent::Chat { from, text } => Some(format!("{from}: {text}")),
            _ => None,
        })
        .await;
    assert_eq!(text, "alice: Hello Marie");
    agent
        .frontend
        .commands
        .send(CustomerCommand::SendChat("Thanks!".into()))
        .await
        .unwrap();
    let reply = tech
        .control("customer chat", |m| match m {
            ControlMessage::Chat(c) => Some(c.clone()),
            _ => None,
        })
        .await;
    assert_eq!(
        (reply.from, reply.text.as_str()),
        (Party::Customer, "Thanks!")
    );
    tech.send(ControlMessage::ChatAck { id: reply.id }).await;
    agent
        .wait_for("delivered", |e| {
            (*e == CustomerEvent::ChatDelivered { id: reply.id }).then_some(())
        })
        .await;

    // The technician ends the session: the agent ends cleanly.
    tech.end().await;
    let outcome = within("agent ends", agent.task.wait()).await;
    assert_eq!(outcome.by, Party::Technician);
    assert_eq!(outcome.reason, EndReason::TechnicianClosed);
    assert!(outcome.is_clean());
    assert!(!agent.phone.lock().unwrap().ui().sharing_indicator);
    relay.relay.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_the_customer_says_no_nothing_leaves_the_phone() {
    let relay = TestRelay::start().await;
    let (mut tech, mut agent) = pair(&relay, "samsung", Approval::Ask).await;
    for cap in [
        Capability::ScreenView,
        Capability::Diagnostics,
        Capability::LogFiles,
    ] {
        tech.send(ControlMessage::ConsentRequest { capability: cap })
            .await;
        let asked = agent
            .wait_for("prompt", |e| match e {
                CustomerEvent::PromptNeeded(p) => Some(p.capability),
                _ => None,
            })
            .await;
        assert_eq!(asked, cap);
        assert_eq!(
            agent.phone.lock().unwrap().ui().dialog,
            Some(cap),
            "asked on the phone too"
        );
        agent
            .frontend
            .commands
            .send(CustomerCommand::AnswerPrompt {
                capability: cap,
                allow: false,
            })
            .await
            .unwrap();
        assert!(!tech.control("answer", granted(cap)).await);
    }
    tech.send(ControlMessage::ConsentRequest {
        capability: Capability::RemoteControl,
    })
    .await;
    tech.control("control refused", refused(Capability::RemoteControl))
        .await;
    tech.send(ControlMessage::DiagnosticsRequest).await;
    let reason = tech
        .control("diagnostics refused", refused(Capability::Diagnostics))
        .await;
    assert_eq!(reason, "the customer declined diagnostics");
    tech.send(ControlMessage::LogRequest).await;
    tech.control("logs refused", refused(Capability::LogFiles))
        .await;
    tech.touch(TouchPhase::Down, 540, 1200, 0).await;
    tech.touch(TouchPhase::Up, 540, 1200, 50_000).await;
    tech.control("input refused", refused(Capability::RemoteControl))
        .await;

    let late = tech.collect(600).await;
    for event in tech.seen.iter().chain(&late) {
        assert!(
            !matches!(
                event,
                TechEvent::VideoOpened
                    | TechEvent::File { .. }
                    | TechEvent::Control(ControlMessage::DiagnosticsReport(_))
                    | TechEvent::Control(ControlMessage::FileOffer(_))
            ),
            "sent without consent: {event:?}"
        );
    }
    assert!(!agent.phone.lock().unwrap().ui().sharing_indicator);
    assert_eq!(agent.phone.lock().unwrap().ui().screen, Screen::Launcher);
    tech.end().await;
    within("agent ends", agent.task.wait()).await;
    relay.relay.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn withdrawing_control_mid_drag_stops_input_at_once() {
    let relay = TestRelay::start().await;
    let (mut tech, agent) = pair(&relay, "samsung", Approval::All).await;
    for cap in [Capability::ScreenView, Capability::RemoteControl] {
        tech.send(ControlMessage::ConsentRequest { capability: cap })
            .await;
        assert!(tech.control("granted", granted(cap)).await);
    }
    let (x, y) = agent
        .phone
        .lock()
        .unwrap()
        .locate(Target::AppIcon(AppId::Settings))
        .unwrap();
    tech.touch(TouchPhase::Down, x, y, 0).await;
    tech.touch(TouchPhase::Up, x, y, 60_000).await;
    within("settings", async {
        while !matches!(
            agent.phone.lock().unwrap().ui().screen,
            Screen::App {
                app: AppId::Settings,
                ..
            }
        ) {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await;

    // The technician drags the list up...
    let mut y = 2000;
    let mut at = 1_000_000;
    tech.touch(TouchPhase::Down, 540, y, at).await;
    for _ in 0..10 {
        y -= 40;
        at += 16_000;
        tech.touch(TouchPhase::Move, 540, y, at).await;
    }
    within("the list follows", async {
        while agent.phone.lock().unwrap().ui().settings_scroll < 300 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await;

    // ...and the customer takes control back with the finger still down.
    agent
        .frontend
        .commands
        .send(CustomerCommand::StopControl)
        .await
        .unwrap();
    tech.control("revoked", |m| {
        (*m == ControlMessage::ConsentRevoke {
            capability: Capability::RemoteControl,
        })
        .then_some(())
    })
    .await;
    let frozen = agent.phone.lock().unwrap().ui().settings_scroll;
    for _ in 0..10 {
        y -= 40;
        at += 16_000;
        tech.touch(TouchPhase::Move, 540, y, at).await;
    }
    tech.touch(TouchPhase::Up, 540, y, at).await;
    let reason = tech
        .control("input refused", refused(Capability::RemoteControl))
        .await;
    assert_eq!(reason, "the customer withdrew remote control");
    let late = tech.collect(400).await;
    let refusals = late
        .iter()
        .filter(|e| matches!(e, TechEvent::Control(ControlMessage::Refused { .. })))
        .count();
    assert_eq!(refusals, 0, "one refusal per streak");
    let ui = agent.phone.lock().unwrap().ui();
    assert_eq!(
        ui.settings_scroll, frozen,
        "no move landed after the withdrawal"
    );
    assert!(!ui.flinging);
    assert!(!agent.task.is_finished());
    tech.end().await;
    within("agent ends", agent.task.wait()).await;
    relay.relay.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_chat_only_phone_never_sends_video() {
    let relay = TestRelay::start().await;
    let (mut tech, agent) = pair(&relay, "old", Approval::All).await;
    assert!(agent.seen.iter().any(|e| matches!(
        e,
        CustomerEvent::Connected {
            chat_only: true,
            ..
        }
    )));
    tech.send(ControlMessage::ConsentRequest {
        capability: Capability::ScreenView,
    })
    .await;
    let reason = tech
        .control("screen refused", refused(Capability::ScreenView))
        .await;
    assert_eq!(reason, "this device does not support screen view");
    tech.send(ControlMessage::KeyframeRequest).await;
    let hello = ChatMessage::new(ChatId(1), Party::Technician, UnixMillis(1), "Hello").unwrap();
    tech.send(ControlMessage::Chat(hello)).await;
    tech.control("chat ack", |m| {
        matches!(m, ControlMessage::ChatAck { .. }).then_some(())
    })
    .await;
    let late = tech.collect(600).await;
    assert!(
        !tech
            .seen
            .iter()
            .chain(&late)
            .any(|e| matches!(e, TechEvent::VideoOpened | TechEvent::Frame { .. })),
        "a chat-only phone sends no video"
    );
    tech.end().await;
    within("agent ends", agent.task.wait()).await;
    relay.relay.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_customer_leaving_tells_the_technician() {
    let relay = TestRelay::start().await;
    let (mut tech, agent) = pair(&relay, "samsung", Approval::All).await;
    tech.send(ControlMessage::ConsentRequest {
        capability: Capability::ScreenView,
    })
    .await;
    tech.wait_for("video", |e| {
        matches!(e, TechEvent::Frame { .. }).then_some(())
    })
    .await;
    agent
        .frontend
        .commands
        .send(CustomerCommand::Exit)
        .await
        .unwrap();
    tech.control("session end", |m| {
        (*m == ControlMessage::SessionEnd {
            by: Party::Customer,
            reason: EndReason::CustomerLeft,
        })
        .then_some(())
    })
    .await;
    tech.wait_for("peer left", |e| {
        matches!(
            e,
            TechEvent::Notice(Some(RelayNotice::PeerLeft { clean: true }))
        )
        .then_some(())
    })
    .await;
    let outcome = within("agent ends", agent.task.wait()).await;
    assert_eq!(outcome.reason, EndReason::CustomerLeft);
    relay.relay.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_window_sharing_the_phone_answers_on_it_and_its_drawing_hides_no_change() {
    use lifeline_agent_android::device::Device;
    use lifeline_protocol::messages::input::{InputEvent, TouchEvent};

    let relay = TestRelay::start().await;
    let (mut tech, mut agent) = pair(&relay, "samsung", Approval::Ask).await;
    let clock = agent.frontend.clock;
    // The customer answers the screen question on the phone itself, as in a window.
    tech.send(ControlMessage::ConsentRequest {
        capability: Capability::ScreenView,
    })
    .await;
    agent
        .wait_for("prompt", |e| {
            matches!(e, CustomerEvent::PromptNeeded(_)).then_some(())
        })
        .await;
    let tap = |phone: &mut lifeline_agent_android::sim::SimPhone, target| {
        let (x, y) = phone.locate(target).unwrap();
        let frame = phone.frame_size();
        for (phase, after) in [(TouchPhase::Down, 0), (TouchPhase::Up, 50_000)] {
            let at = clock.mono() + Duration::from_micros(after);
            let event = InputEvent::Touch(TouchEvent {
                phase,
                pointer: 0,
                x,
                y,
                frame,
                at_us: at.as_micros() as u64,
            });
            phone.inject(&event, at).unwrap();
        }
    };
    tap(&mut agent.phone.lock().unwrap(), Target::DialogAllow);
    agent.frontend.commands.device_changed();
    assert!(
        tech.control("granted", granted(Capability::ScreenView))
            .await
    );
    agent
        .wait_for("prompt closed", |e| {
            matches!(
                e,
                CustomerEvent::PromptClosed {
                    allowed: Some(true),
                    ..
                }
            )
            .then_some(())
        })
        .await;
    let before = agent.wait_screen_matches(&tech, "shared screen").await;

    // The window opens Settings for the customer and draws the result at once, which clears
    // the phone's "changed" flag; telling the session is enough for the change to go out.
    {
        let mut phone = agent.phone.lock().unwrap();
        tap(&mut phone, Target::AppIcon(AppId::Settings));
        phone.screen(clock.mono()).unwrap();
        assert!(!phone.screen_changed());
    }
    agent.frontend.commands.device_changed();
    let after = agent
        .wait_screen_matches(&tech, "settings drawn by the window")
        .await;
    assert!(after != before);
    tech.end().await;
    within("agent ends", agent.task.wait()).await;
    relay.relay.shutdown().await;
}
