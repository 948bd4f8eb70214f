//! The desktop window for a real phone attached by USB (`join --device adb --window`),
//! headless: it follows joining like the simulated phone's window, shows a note instead of a
//! phone to draw, and asks the technician's questions itself (the simulated phone shows them
//! on its screen; a real phone cannot).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod adb_stand_in;
mod net;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use adb_stand_in::StandIn;
use lifeline_agent_android::adb::{AdbOptions, AdbPhone};
use lifeline_agent_android::device::Device as _;
use lifeline_agent_android::session::join::{JoinError, JoinStep};
use lifeline_agent_android::session::{self, SessionConfig, join};
use lifeline_protocol::consent::Capability;
use lifeline_protocol::i18n::Localizer;
use lifeline_protocol::messages::control::ControlMessage;
use lifeline_protocol::messages::handshake::RejectReason;
use lifeline_protocol::quic;
use net::{Technician, TestRelay, options, within};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use lifeline_agent_android::session::AgentClock;
use lifeline_agent_android::window::{self, Stage, WindowApp};

#[test]
fn the_window_for_a_real_phone_shows_joining_and_a_note_not_a_phone() {
    let (stages, receiver) = window::stages();
    let app = WindowApp::for_real_phone(AgentClock::start(), receiver, Localizer::default());
    let mut harness = Harness::builder()
        .with_size([1100.0, 820.0])
        .build_eframe(move |cc| {
            window::style(&cc.egui_ctx);
            app
        });
    stages
        .try_send(Stage::Joining(JoinStep::Joining {
            code: "123456789".parse().unwrap(),
            relay: "relay.example:4433".into(),
            name: "Marie".into(),
        }))
        .unwrap();
    harness.run_steps(3);
    assert!(
        harness
            .query_all_by_label_contains("Joining session 123 456 789")
            .next()
            .is_some()
    );
    assert!(
        harness
            .query_all_by_label_contains("connected to this computer by USB")
            .next()
            .is_some()
    );
    stages
        .try_send(Stage::Failed(JoinError::Refused(RejectReason::UnknownCode)))
        .unwrap();
    harness.run_steps(3);
    assert!(
        harness
            .query_all_by_label_contains("this session code does not exist")
            .next()
            .is_some()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_window_asks_the_technicians_question_for_a_real_phone() {
    let stand_in = StandIn::new();
    let phone = AdbPhone::open(&AdbOptions {
        program: stand_in.program(),
        serial: None,
        bit_rate: 1_000_000,
    })
    .unwrap();
    let relay = TestRelay::start().await;
    let (code, admission) = relay.waiting_technician("alice").await;
    let paired = tokio::spawn(admission.paired());
    let hello = join::customer_hello(code, "Marie", phone.summary());
    let customer = within(
        "agent connect",
        quic::connect(relay.target(), &relay.trust(), &hello, &options()),
    )
    .await
    .unwrap();
    let clock = AgentClock::start();
    let (task, frontend) = session::start(
        customer,
        Arc::new(Mutex::new(phone)),
        SessionConfig::default(),
        clock,
    );
    let mut tech = Technician::open(within("paired", paired).await.unwrap().unwrap()).await;
    let (stages, receiver) = window::stages();
    stages.try_send(Stage::Started(frontend)).unwrap();
    let app = WindowApp::for_real_phone(clock, receiver, Localizer::default());
    let mut harness = Harness::builder()
        .with_size([1100.0, 820.0])
        .build_eframe(move |cc| {
            window::style(&cc.egui_ctx);
            app
        });
    tech.send(ControlMessage::ConsentRequest {
        capability: Capability::Diagnostics,
    })
    .await;
    let deadline = Instant::now() + Duration::from_secs(15);
    while harness
        .query_all_by_label_contains("Share device information?")
        .next()
        .is_none()
    {
        assert!(Instant::now() < deadline, "no question in the window");
        harness.run_steps(1);
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    harness.get_by_label("Allow").click();
    harness.run_steps(2);
    let granted = tech
        .control("answer", |m| match m {
            ControlMessage::ConsentResponse {
                capability: Capability::Diagnostics,
                granted,
                ..
            } => Some(*granted),
            _ => None,
        })
        .await;
    assert!(granted);
    harness.run_steps(2);
    assert!(harness.state().model().prompts.is_empty());
    tech.end().await;
    let outcome = within("session end", task.wait()).await;
    assert!(outcome.is_clean(), "{outcome:?}");
    relay.relay.shutdown().await;
}
