//! The console through its real UI (egui_kittest, wgpu on a CPU adapter): clicks and typing
//! on the windows, the commands they send, and snapshots.

mod common;

use std::time::{Duration, Instant};

use common::ui::{NOW, code, drain, harness, in_session, settle, signed_in, snapshot_options};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use lifeline_console::net::{Command, SessionCommand};
use lifeline_console::state::{Event, ServerEvent, SessionEvent};
use lifeline_console::ui::View;
use lifeline_protocol::DeviceDiagnostics;
use lifeline_protocol::diagnostics::{BatteryInfo, DeviceInfo};
use lifeline_protocol::messages::control::ControlMessage;
use lifeline_protocol::messages::input::{InputEvent, Key, KeyAction, KeyEvent};

/// Focuses the text field labelled `label` and types `text`.
fn type_into(
    harness: &mut egui_kittest::Harness<'_, lifeline_console::ui::ConsoleApp>,
    label: &str,
    text: &str,
) {
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .focus();
    settle(harness);
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    settle(harness);
}

#[test]
fn create_a_code_and_see_it_listed() {
    let (mut harness, mut rx) = harness(signed_in());
    settle(&mut harness);
    type_into(&mut harness, "Identifier", "Ana Lima");
    settle(&mut harness);
    harness.get_by_label("Create code").click();
    settle(&mut harness);
    let commands = drain(&mut rx);
    assert_eq!(
        commands,
        vec![Command::CreateCode {
            identifier: Some("Ana Lima".into()),
            portal: None,
        }]
    );
    // The relay answers; the code is listed with its countdown.
    let mut created = common::ui::entry(
        "735106244",
        Some("Ana Lima"),
        "default",
        lifeline_console::state::codes::CodeState::Pending,
        20 * 60,
    );
    created.created_at = NOW;
    harness.state_mut().state.apply(
        Event::Server(ServerEvent::CodeCreated(created)),
        NOW,
        Instant::now(),
    );
    settle(&mut harness);
    harness.get_by_label("735 106 244");
    harness.get_by_label("Ana Lima");
    assert!(
        harness.query_all_by_label("20:00").count() >= 1,
        "countdown shown"
    );
    // Cancel sends the cancel command for that code.
    harness.get_all_by_label("Cancel").next().unwrap().click();
    settle(&mut harness);
    assert_eq!(
        drain(&mut rx),
        vec![Command::CancelCode("735106244".parse().unwrap())]
    );
}

#[test]
fn accept_a_portal_request() {
    let (mut harness, mut rx) = harness(signed_in());
    settle(&mut harness);
    harness.get_by_label_contains("Jonas Berg");
    harness.get_by_label("Accept").click();
    settle(&mut harness);
    assert_eq!(drain(&mut rx), vec![Command::AcceptRequest(9)]);
}

fn open_session() -> (
    egui_kittest::Harness<'static, lifeline_console::ui::ConsoleApp>,
    tokio::sync::mpsc::Receiver<Command>,
) {
    let (mut harness, rx) = harness(in_session());
    harness.state_mut().show(View::Session(code()));
    settle(&mut harness);
    (harness, rx)
}

#[test]
fn send_a_chat_message_and_see_it_in_the_transcript() {
    let (mut harness, mut rx) = open_session();
    type_into(&mut harness, "Message", "Please open Settings");
    settle(&mut harness);
    harness.key_press(egui::Key::Enter);
    settle(&mut harness);
    let commands = drain(&mut rx);
    let [Command::Session(to, SessionCommand::Chat(message))] = commands.as_slice() else {
        panic!("expected one chat command, got {commands:?}");
    };
    assert_eq!(to, &code());
    assert_eq!(message.text, "Please open Settings");
    harness.get_by_label("Please open Settings");
    harness.get_by_label_contains("You · 2:30 PM · sending");
    // The phone's ack turns it into "delivered".
    let id = message.id;
    harness.state_mut().state.apply(
        Event::Session(
            code(),
            SessionEvent::Control(ControlMessage::ChatAck { id }),
        ),
        NOW,
        Instant::now(),
    );
    settle(&mut harness);
    assert!(
        harness
            .query_by_label_contains("2:30 PM · delivered")
            .is_some()
    );
}

#[test]
fn click_back_and_see_the_key_sent() {
    let (mut harness, mut rx) = open_session();
    harness.get_by_label("◀ Back").click();
    settle(&mut harness);
    assert_eq!(
        drain(&mut rx),
        vec![Command::Session(
            code(),
            SessionCommand::Input(InputEvent::Key(KeyEvent {
                key: Key::Back,
                action: KeyAction::Press,
            }))
        )]
    );
}

#[test]
fn a_click_on_the_screen_is_a_tap_in_frame_pixels() {
    let (mut harness, mut rx) = open_session();
    let placement = harness
        .state()
        .session_viewer_placement(code())
        .expect("the frame is shown");
    let (w, h) = placement.size();
    let centre = egui::pos2(placement.origin.x + w / 2.0, placement.origin.y + h / 2.0);
    for pressed in [true, false] {
        harness.event(egui::Event::PointerMoved(centre));
        harness.event(egui::Event::PointerButton {
            pos: centre,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        settle(&mut harness);
    }
    let touches: Vec<_> = drain(&mut rx)
        .into_iter()
        .filter_map(|c| match c {
            Command::Session(_, SessionCommand::Input(InputEvent::Touch(t))) => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(touches.len(), 2, "{touches:?}");
    assert_eq!(
        touches[0].frame,
        lifeline_protocol::messages::input::FrameSize::new(270, 600)
    );
    assert!((touches[0].x as i32 - 135).abs() <= 1 && (touches[0].y as i32 - 300).abs() <= 1);
}

#[test]
fn show_a_diagnostics_report() {
    let (mut harness, mut rx) = open_session();
    harness.get_by_label("Get diagnostics").click();
    settle(&mut harness);
    assert!(
        drain(&mut rx).contains(&Command::Session(code(), SessionCommand::Diagnostics)),
        "the toolbar button asks the phone"
    );
    let report = DeviceDiagnostics {
        device: DeviceInfo {
            manufacturer: Some("samsung".into()),
            model: Some("SM-S931B".into()),
            android_version: Some("16".into()),
            ..DeviceInfo::default()
        },
        battery: BatteryInfo {
            level_percent: Some(64),
            charging: Some(true),
            ..BatteryInfo::default()
        },
        ..DeviceDiagnostics::default()
    };
    harness.state_mut().state.apply(
        Event::Session(
            code(),
            SessionEvent::Control(ControlMessage::DiagnosticsReport(Box::new(report))),
        ),
        NOW,
        Instant::now(),
    );
    settle(&mut harness);
    harness.get_by_label("SM-S931B");
    harness.get_by_label("64 %");
    // The filter narrows the tables.
    type_into(&mut harness, "Filter", "charg");
    settle(&mut harness);
    harness.get_by_label("Charging");
    assert!(harness.query_by_label("SM-S931B").is_none());
}

#[test]
fn ending_asks_for_confirmation() {
    let (mut harness, mut rx) = open_session();
    harness.get_by_label("End session").click();
    settle(&mut harness);
    assert!(drain(&mut rx).is_empty(), "nothing before confirming");
    harness.get_by_label("End session now").click();
    settle(&mut harness);
    assert_eq!(
        drain(&mut rx),
        vec![Command::Session(code(), SessionCommand::End)]
    );
}

#[test]
fn snapshot_code_management() {
    let (mut harness, _rx) = harness(signed_in());
    settle(&mut harness);
    harness.snapshot_options("code_management", &snapshot_options());
}

#[test]
fn snapshot_session_with_a_known_frame() {
    let (mut harness, _rx) = open_session();
    // The texture is updated in place: the frame went up once, whole.
    let uploaded = harness.state().session_viewer_uploaded(code()).unwrap();
    assert_eq!(uploaded, 270 * 600 * 4);
    harness.snapshot_options("session_window", &snapshot_options());
}

#[test]
fn snapshot_session_light_theme() {
    let (mut harness, _rx) = open_session();
    harness.get_by_label("☀").click();
    settle(&mut harness);
    std::thread::sleep(Duration::from_millis(10));
    harness.snapshot_options("session_window_light", &snapshot_options());
}

#[test]
fn admins_have_an_admin_tab() {
    let (mut harness, mut rx) = harness(signed_in());
    settle(&mut harness);
    harness.get_by_label("Admin").click();
    settle(&mut harness);
    assert_eq!(drain(&mut rx), vec![Command::LoadAdmin]);
    harness.get_by_label("Portals");
    harness.get_by_role_and_label(Role::Label, "Retail stores");
    harness.get_by_label("Create account");
    // The recording notice, per portal: a change goes out at once.
    harness
        .get_by_role_and_label(Role::CheckBox, "Retail stores")
        .click();
    settle(&mut harness);
    assert_eq!(
        drain(&mut rx),
        vec![Command::SetRecordingNotice {
            portal: 2,
            notice: true
        }]
    );

    // Records are kept 90 days; keeping them forever is one untick and Save away.
    harness.get_by_label("Session records");
    harness.get_by_label("Records are deleted 90 days after their session.");
    harness.get_by_label("Delete records after").click();
    settle(&mut harness);
    let saves: Vec<_> = harness.query_all_by_label("Save").collect();
    assert_eq!(saves.len(), 3, "two portals' and the retention's");
    saves[2].click();
    settle(&mut harness);
    assert_eq!(drain(&mut rx), vec![Command::SetRetention(None)]);
}
