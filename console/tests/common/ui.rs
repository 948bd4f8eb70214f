//! Building the console in an `egui_kittest` harness, with known state.

use std::time::Instant;

use egui_kittest::{Harness, SnapshotOptions};
use lifeline_console::net::Command;
use lifeline_console::settings::Settings;
use lifeline_console::state::codes::{CodeEntry, CodeState, PortalInfo, PortalRequest};
use lifeline_console::state::events::Account;
use lifeline_console::state::{ConsoleState, Event, ServerEvent, ServerMode, SessionEvent};
use lifeline_console::ui::ConsoleApp;
use lifeline_protocol::SessionCode;
use lifeline_protocol::consent::{Capability, CapabilitySet, PortalPolicy};
use lifeline_protocol::i18n::{Language, Localizer};
use lifeline_protocol::messages::control::{ChatId, ChatMessage, ControlMessage};
use lifeline_protocol::messages::handshake::{DeviceSummary, Welcome};
use lifeline_protocol::messages::video::{Codec, Rotation, StreamStart};
use lifeline_protocol::messages::{Party, UnixMillis};
use lifeline_protocol::video::RgbaImage;
use lifeline_protocol::video::tiles::Damage;
use tokio::sync::mpsc;

/// "Now" in every UI test: 2026-11-21 14:30:00 UTC.
pub const NOW: UnixMillis = UnixMillis(1_795_789_800_000);

/// The window size of the tests.
pub const SIZE: (f32, f32) = (1100.0, 720.0);

/// The code of the test session.
pub fn code() -> SessionCode {
    "482 913 075".parse().unwrap()
}

/// A signed-in local console with two codes, two portals and a portal request.
pub fn signed_in() -> ConsoleState {
    signed_in_speaking(Language::En)
}

/// [`signed_in`], its events written in `language`.
pub fn signed_in_speaking(language: Language) -> ConsoleState {
    let mut state = ConsoleState::new(ServerMode::Local);
    state.set_language(Localizer::new(language));
    let t = Instant::now();
    let apply = |state: &mut ConsoleState, event| state.apply(Event::Server(event), NOW, t);
    apply(
        &mut state,
        ServerEvent::SignedIn(Account {
            name: "technician".into(),
            role: "admin".into(),
        }),
    );
    apply(
        &mut state,
        ServerEvent::Portals(vec![
            PortalInfo {
                id: 1,
                name: "Default".into(),
                slug: "default".into(),
                code_lifetime_secs: 1200,
                ..PortalInfo::default()
            },
            PortalInfo {
                id: 2,
                name: "Retail stores".into(),
                slug: "retail".into(),
                code_lifetime_secs: 600,
                ..PortalInfo::default()
            },
        ]),
    );
    apply(
        &mut state,
        ServerEvent::Codes(vec![
            entry(
                "482913075",
                Some("Marie Dupont"),
                "default",
                CodeState::Pending,
                19 * 60 + 42,
            ),
            entry("117204388", None, "retail", CodeState::Ended, -300),
        ]),
    );
    apply(
        &mut state,
        ServerEvent::Requests(vec![PortalRequest {
            id: 9,
            portal: "retail".into(),
            portal_name: "Retail stores".into(),
            customer_name: "Jonas Berg".into(),
            problem: "My banking app closes as soon as I open it.".into(),
            created_at: UnixMillis(NOW.0 - 120_000),
            expires_at: UnixMillis(NOW.0 + 480_000),
        }]),
    );
    apply(
        &mut state,
        ServerEvent::Retention {
            days: Some(90),
            saved: false,
        },
    );
    state.notices.clear();
    state
}

/// A code entry expiring `secs` seconds after [`NOW`].
pub fn entry(
    code: &str,
    identifier: Option<&str>,
    portal: &str,
    state: CodeState,
    secs: i64,
) -> CodeEntry {
    CodeEntry {
        code: code.parse().unwrap(),
        url: format!("https://relay.example.com:8443/join/{code}"),
        deep_link: format!("lifeline://join/{code}?relay=relay.example.com:4433"),
        created_at: UnixMillis(NOW.0 - 60_000),
        expires_at: UnixMillis(NOW.0.saturating_add_signed(secs * 1000)),
        portal: portal.into(),
        identifier: identifier.map(str::to_owned),
        state,
        chat_only: false,
    }
}

/// A known phone frame: a status bar, a blue-violet wallpaper, a grid of coloured "apps"
/// and a navigation bar.
pub fn phone_frame() -> RgbaImage {
    let (w, h) = (270, 600);
    let mut image = RgbaImage::filled(w, h, [60, 64, 140, 255]).unwrap();
    for y in 0..h {
        let shade = (y * 80 / h) as u8;
        image.fill_rect(0, y, w, 1, [60 + shade, 64, 140 + shade / 2, 255]);
    }
    image.fill_rect(0, 0, w, 18, [20, 20, 30, 255]);
    image.fill_rect(0, h - 32, w, 32, [20, 20, 30, 255]);
    let colors = [
        [46, 160, 67, 255],
        [30, 120, 230, 255],
        [240, 150, 30, 255],
        [220, 60, 80, 255],
    ];
    for row in 0..3 {
        for col in 0..4 {
            let color = colors[(row + col) % 4];
            image.fill_rect(24 + col as u32 * 60, 330 + row as u32 * 70, 40, 40, color);
        }
    }
    image.fill_rect(30, 60, 140, 36, [250, 250, 250, 255]);
    image
}

/// [`signed_in`] plus a live session with Marie: screen and control granted, a frame shown,
/// a few chat lines.
pub fn in_session() -> ConsoleState {
    in_session_speaking(Language::En)
}

/// [`in_session`], its events written in `language`.
pub fn in_session_speaking(language: Language) -> ConsoleState {
    let mut state = signed_in_speaking(language);
    let t = Instant::now();
    let code = code();
    let mut apply =
        |event: SessionEvent, at: UnixMillis| state.apply(Event::Session(code, event), at, t);
    let screen = lifeline_console::state::screen::SharedScreen::new();
    apply(SessionEvent::Connecting(screen.clone()), NOW);
    apply(
        SessionEvent::Paired(Welcome {
            session_id: 12,
            policy: PortalPolicy::default(),
            recorded: false,
            identifier: Some("Marie Dupont".into()),
        }),
        UnixMillis(NOW.0 - 240_000),
    );
    apply(
        SessionEvent::PeerJoined {
            name: "Marie Dupont".into(),
            device: Some(DeviceSummary {
                manufacturer: "samsung".into(),
                model: "Galaxy S25".into(),
                android_version: "16".into(),
                screen: Some((270, 600)),
                capabilities: CapabilitySet::ALL,
                locale: Some("fr-FR".into()),
            }),
        },
        UnixMillis(NOW.0 - 240_000),
    );
    let chat = |id, text: &str, at| {
        ControlMessage::Chat(ChatMessage::new(ChatId(id), Party::Customer, at, text).unwrap())
    };
    apply(
        SessionEvent::Control(chat(
            1,
            "Hello, my phone keeps losing Wi-Fi.",
            UnixMillis(NOW.0 - 200_000),
        )),
        UnixMillis(NOW.0 - 200_000),
    );
    for cap in [Capability::ScreenView, Capability::RemoteControl] {
        apply(
            SessionEvent::Requested(ControlMessage::ConsentRequest { capability: cap }),
            UnixMillis(NOW.0 - 150_000),
        );
        apply(
            SessionEvent::Control(ControlMessage::ConsentResponse {
                capability: cap,
                granted: true,
                by_policy: false,
            }),
            UnixMillis(NOW.0 - 140_000),
        );
    }
    apply(
        SessionEvent::VideoStarted(StreamStart {
            codec: Codec::Tiles,
            width: 270,
            height: 600,
            rotation: Rotation::Deg0,
        }),
        NOW,
    );
    screen.publish(
        &phone_frame(),
        &Damage {
            keyframe: true,
            rects: vec![],
        },
    );
    let session = state.session_mut(code).unwrap();
    session.draft = "Let me check your Wi-Fi settings.".into();
    let mine = session.compose_chat(UnixMillis(NOW.0 - 100_000)).unwrap();
    session.apply(
        SessionEvent::Control(ControlMessage::ChatAck { id: mine.id }),
        NOW,
        t,
    );
    session.video.rtt = Some(std::time::Duration::from_millis(18));
    state.codes.set_state(code, CodeState::Active);
    state
}

/// The console on `state`, without a network side: commands land in the receiver.
pub fn harness(state: ConsoleState) -> (Harness<'static, ConsoleApp>, mpsc::Receiver<Command>) {
    harness_with(state, Settings::default())
}

/// [`harness`] with `settings` (e.g. a language).
pub fn harness_with(
    state: ConsoleState,
    settings: Settings,
) -> (Harness<'static, ConsoleApp>, mpsc::Receiver<Command>) {
    lifeline_console::ui::format::use_utc(true);
    let mut commands = None;
    let harness = Harness::builder()
        .with_size(SIZE)
        .wgpu()
        .build_eframe(|cc| {
            let (mut app, rx) = ConsoleApp::offline(cc, state, settings);
            app.freeze_clock(NOW);
            commands = Some(rx);
            app
        });
    (harness, commands.unwrap())
}

/// Steps a console that keeps repainting (`run()` would never settle).
pub fn settle(harness: &mut Harness<'_, ConsoleApp>) {
    harness.run_steps(6);
}

/// Snapshot options for the CPU adapter (lavapipe) the tests render on.
pub fn snapshot_options() -> SnapshotOptions {
    SnapshotOptions::new().threshold(0.6).max_failed_pixels(0)
}

/// Every command waiting.
pub fn drain(rx: &mut mpsc::Receiver<Command>) -> Vec<Command> {
    let mut out = Vec::new();
    while let Ok(command) = rx.try_recv() {
        out.push(command);
    }
    out
}
