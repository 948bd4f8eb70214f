//! The window headless (egui_kittest, no GPU): joined to a real relay on loopback, it shows
//! the technician's chat, sends what the customer types with Enter, ticks it when delivered,
//! and a click on the phone reaches the phone.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod net;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use lifeline_agent_android::session::join::{JoinError, JoinStep};
use lifeline_agent_android::session::{AgentClock, Approval};
use lifeline_agent_android::sim::{AppId, Screen, SimPhone, Target};
use lifeline_agent_android::window::{self, Stage, WindowApp};
use lifeline_protocol::consent::Capability;
use lifeline_protocol::messages::control::{ChatId, ChatMessage, ControlMessage};
use lifeline_protocol::messages::{Party, UnixMillis};

use net::{TestRelay, pair};

/// Steps the window (and lets the session's tasks run) until `done` holds.
async fn step_until(
    harness: &mut Harness<'_, WindowApp>,
    what: &str,
    mut done: impl FnMut(&mut Harness<'_, WindowApp>) -> bool,
) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        harness.run_steps(1);
        if done(harness) {
            return;
        }
        assert!(Instant::now() < deadline, "timed out: {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// A window for a simulated phone of `profile`, fed joining stages by hand.
fn joining_window(profile: &str) -> (window::StageSender, Harness<'static, WindowApp>) {
    let phone = Arc::new(Mutex::new(SimPhone::with_profile(profile).unwrap()));
    let (stages, receiver) = window::stages();
    let app = WindowApp::new(phone, AgentClock::start(), receiver);
    let harness = Harness::builder()
        .with_size([1100.0, 820.0])
        .build_eframe(move |cc| {
            window::style(&cc.egui_ctx);
            app
        });
    (stages, harness)
}

fn shows(harness: &Harness<'_, WindowApp>, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

#[test]
fn a_french_phone_is_told_how_joining_goes_in_french() {
    // The "old" profile is a French phone.
    let (stages, mut harness) = joining_window("old");
    stages
        .try_send(Stage::Joining(JoinStep::Joining {
            code: "123456789".parse().unwrap(),
            relay: "relay.example:4433".into(),
            name: "Marie".into(),
        }))
        .unwrap();
    harness.run_steps(3);
    assert!(shows(
        &harness,
        "Connexion à la session 123 456 789 sur relay.example:4433 en tant que Marie…"
    ));
    stages
        .try_send(Stage::Failed(JoinError::Cancelled))
        .unwrap();
    harness.run_steps(3);
    assert!(shows(&harness, "Impossible de rejoindre la session"));
    assert!(shows(
        &harness,
        "ce code de session a été annulé ; demandez-en un nouveau"
    ));
    assert!(!shows(&harness, "cancelled"));

    // Joining that stops without a word is said so, in French too.
    let (stages, mut harness) = joining_window("old");
    harness.run_steps(1);
    drop(stages);
    harness.run_steps(3);
    assert!(shows(&harness, "la connexion a été interrompue"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_window_chats_with_the_technician_and_passes_clicks_to_the_phone() {
    let relay = TestRelay::start().await;
    let (mut tech, agent) = pair(&relay, "samsung", Approval::Ask).await;
    let phone = agent.phone.clone();
    let app = WindowApp::with_session(agent.phone, agent.frontend).replay(&agent.seen);
    // LIFELINE_WINDOW_SHOT=FILE.png renders the window (wgpu; a CPU adapter will do) to FILE.
    let shot = std::env::var_os("LIFELINE_WINDOW_SHOT");
    let mut builder = Harness::builder()
        .with_size([1100.0, 820.0])
        .with_theme(egui::Theme::Light);
    if shot.is_some() {
        builder = builder.wgpu();
    }
    let mut harness = builder.build_eframe(move |cc| {
        lifeline_agent_android::window::style(&cc.egui_ctx);
        app
    });
    harness.run_steps(2);
    assert_eq!(harness.state().model().technician.as_deref(), Some("alice"));

    let hello =
        ChatMessage::new(ChatId(1), Party::Technician, UnixMillis(1), "Hello Marie").unwrap();
    tech.send(ControlMessage::Chat(hello)).await;
    step_until(&mut harness, "the technician's message", |h| {
        h.query_by_label_contains("Hello Marie").is_some()
    })
    .await;

    // Typing and Enter send the message.
    harness.get_by_role(Role::TextInput).click();
    harness.run_steps(2);
    harness.get_by_role(Role::TextInput).type_text("Thanks!");
    harness.run_steps(1);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
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
    step_until(&mut harness, "the reply in the chat", |h| {
        h.query_by_label_contains("Thanks!").is_some()
    })
    .await;
    tech.send(ControlMessage::ChatAck { id: reply.id }).await;
    step_until(&mut harness, "the delivery ticks", |h| {
        h.query_by_label_contains("✔✔").is_some()
    })
    .await;

    // A click on the Settings icon opens Settings on the phone.
    let (x, y) = phone
        .lock()
        .unwrap()
        .locate(Target::AppIcon(AppId::Settings))
        .unwrap();
    let placement = harness
        .state()
        .phone_placement()
        .expect("the phone is drawn");
    let scale = placement.pixels_per_point();
    let at = placement.rect.min + egui::vec2(x as f32 / scale.x, y as f32 / scale.y);
    harness.drag_at(at);
    harness.run_steps(1);
    harness.drop_at(at);
    step_until(&mut harness, "Settings open", |_| {
        matches!(
            phone.lock().unwrap().ui().screen,
            Screen::App {
                app: AppId::Settings,
                ..
            }
        )
    })
    .await;

    // The technician asks to see the screen: the question is on the phone, and a click on
    // Allow there answers it.
    tech.send(ControlMessage::ConsentRequest {
        capability: Capability::ScreenView,
    })
    .await;
    step_until(&mut harness, "the dialog", |_| {
        phone.lock().unwrap().ui().dialog == Some(Capability::ScreenView)
    })
    .await;
    let (x, y) = phone.lock().unwrap().locate(Target::DialogAllow).unwrap();
    let at = placement.rect.min + egui::vec2(x as f32 / scale.x, y as f32 / scale.y);
    harness.drag_at(at);
    harness.run_steps(1);
    harness.drop_at(at);
    step_until(&mut harness, "sharing", |h| {
        h.state().model().status.sharing
    })
    .await;
    harness.get_by_label("Pause sharing");
    if let Some(path) = shot {
        harness.run_steps(3);
        let image = harness.render().unwrap();
        image.save(&path).unwrap();
    }

    // Exit leaves the session; the window says so and offers to close.
    harness.get_by_label("Exit session").click();
    step_until(&mut harness, "the end", |h| h.state().model().is_over()).await;
    harness.get_by_label("Close window");
    relay.relay.shutdown().await;
}
