//! The Sessions window through the real UI (egui_kittest, wgpu on a CPU adapter): the list
//! is asked for, a record is opened, the player plays and seeks, the side tabs show the chat,
//! events and details, and the transcript is exported.

// Helpers outside #[test] functions: a failed unwrap is a failed test all the same.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::ui::{NOW, drain, harness_with, settle, signed_in, snapshot_options};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use lifeline_console::net::{Command, ReviewMailbox, ReviewRequest, ReviewResult};
use lifeline_console::settings::Settings;
use lifeline_console::state::review::{
    Access, Outcome, RecordDetails, RecordFile, RecordRow, Recording, Technician, WrapUp,
};
use lifeline_console::ui::View;
use lifeline_protocol::consent::{Capability, CapabilitySet};
use lifeline_protocol::messages::control::{ChatId, ChatMessage};
use lifeline_protocol::messages::handshake::DeviceSummary;
use lifeline_protocol::messages::video::{Codec, Rotation, StreamStart, VideoFrame, VideoMessage};
use lifeline_protocol::messages::{Party, UnixMillis};
use lifeline_protocol::record::{ChunkWriter, RecordEntry, RecordItem};
use lifeline_protocol::video::tiles::TileEncoder;
use tokio::sync::mpsc;

fn row() -> RecordRow {
    RecordRow {
        id: 7,
        code: "482913075".into(),
        identifier: Some("Ticket 1234".into()),
        portal: "default".into(),
        technician: Technician {
            id: 2,
            name: "amy".into(),
        },
        customer_name: "Marie".into(),
        device: DeviceSummary {
            manufacturer: "samsung".into(),
            model: "Galaxy S25+".into(),
            android_version: "16".into(),
            screen: Some((64, 128)),
            capabilities: CapabilitySet::ALL,
            locale: None,
        },
        started_at: NOW,
        ended_at: Some(UnixMillis(NOW.0 + 20_000)),
        duration_ms: Some(20_000),
        outcome: Some(Outcome::Resolved),
        recording_bytes: 4096,
    }
}

/// A 20-second recording: three frames, chat, consent and the end.
fn recording() -> Recording {
    recording_with(Vec::new())
}

/// [`recording`] with `extra` entries among the others.
fn recording_with(extra: Vec<(u64, RecordItem)>) -> Recording {
    let mut items = base_items();
    items.extend(extra);
    items.sort_by_key(|(at, _)| *at);
    let mut writer = ChunkWriter::new(7, NOW, 0);
    for (at_us, item) in items {
        writer.push(RecordEntry { at_us, item }).unwrap();
    }
    let bytes = writer.seal().unwrap().unwrap().bytes;
    Recording::parse(&bytes).unwrap()
}

/// The entries of [`recording`].
fn base_items() -> Vec<(u64, RecordItem)> {
    let mut items = Vec::new();
    let mut encoder = TileEncoder::new();
    let mut push = |at_us, item| items.push((at_us, item));
    push(0, RecordItem::ConsentAsked(Capability::ScreenView));
    push(
        1_000_000,
        RecordItem::ConsentGranted {
            capability: Capability::ScreenView,
            by_policy: false,
        },
    );
    push(
        1_500_000,
        RecordItem::Video(VideoMessage::StreamStart(StreamStart {
            codec: Codec::Tiles,
            width: 64,
            height: 128,
            rotation: Rotation::Deg0,
        })),
    );
    for (n, colour) in [[200, 30, 30, 255], [30, 200, 30, 255], [30, 30, 200, 255]]
        .into_iter()
        .enumerate()
    {
        let image = lifeline_protocol::video::RgbaImage::filled(64, 128, colour).unwrap();
        let encoded = encoder.encode(&image);
        push(
            2_000_000 + n as u64 * 5_000_000,
            RecordItem::Video(VideoMessage::Frame(VideoFrame {
                sequence: n as u64,
                timestamp_us: 0,
                keyframe: encoded.keyframe,
                payload: encoded.payload,
            })),
        );
    }
    push(
        12_500_000,
        RecordItem::Chat(ChatMessage {
            id: ChatId(1),
            from: Party::Customer,
            sent_at: NOW,
            text: "The screen is frozen".into(),
        }),
    );
    push(
        20_000_000,
        RecordItem::Ended {
            by: Some(Party::Customer),
            reason: "the customer left the session".into(),
        },
    );
    items
}

fn details() -> RecordDetails {
    RecordDetails {
        row: row(),
        ended_by: Some("customer".into()),
        end_reason: Some("the customer pressed Exit".into()),
        wrapup: Some(WrapUp {
            outcome: Outcome::Resolved,
            notes: "Restarted the launcher".into(),
            written_by: "amy".into(),
            written_at: NOW,
        }),
        access_log: vec![Access {
            user: "lea".into(),
            action: "open".into(),
            at: NOW,
            file: None,
        }],
        files: Vec::new(),
    }
}

/// The next review request and its mailbox.
fn review_request(rx: &mut mpsc::Receiver<Command>) -> (ReviewRequest, ReviewMailbox) {
    drain(rx)
        .into_iter()
        .find_map(|c| match c {
            Command::Review(request, mailbox) => Some((request, mailbox)),
            _ => None,
        })
        .expect("a review request")
}

#[test]
fn open_a_record_play_it_and_export_its_transcript() {
    let downloads = tempfile::tempdir().unwrap();
    let settings = Settings {
        downloads: Some(downloads.path().to_owned()),
        ..Settings::default()
    };
    let (mut harness, mut rx) = harness_with(signed_in(), settings);
    harness.get_by_label("Sessions").click();
    settle(&mut harness);
    assert_eq!(harness.state().view(), View::Sessions);

    // The list is asked for at once; the relay's answer is listed.
    let (request, mailbox) = review_request(&mut rx);
    assert!(matches!(request, ReviewRequest::List(_)));
    mailbox.push(ReviewResult::List(Ok(vec![row()])));
    settle(&mut harness);
    harness.get_by_label("Ticket 1234");
    harness.get_by_label("Resolved");

    // Searching asks again with the text.
    let search = harness.get_by_role_and_label(Role::TextInput, "Search");
    search.focus();
    settle(&mut harness);
    harness
        .get_by_role_and_label(Role::TextInput, "Search")
        .type_text("frozen");
    settle(&mut harness);
    harness
        .get_by_role_and_label(Role::Button, "Search")
        .click();
    settle(&mut harness);
    let (request, mailbox) = review_request(&mut rx);
    let ReviewRequest::List(query) = request else {
        panic!("expected a list request")
    };
    assert_eq!(query.text, "frozen");
    mailbox.push(ReviewResult::List(Ok(vec![row()])));
    settle(&mut harness);

    // Open it.
    harness.get_by_label("Open").click();
    settle(&mut harness);
    let (request, mailbox) = review_request(&mut rx);
    assert_eq!(request, ReviewRequest::Open(7));
    mailbox.push(ReviewResult::Opened(
        7,
        Ok(Box::new((details(), recording()))),
    ));
    settle(&mut harness);
    harness.get_by_label("Session 7 — amy with Marie");
    harness.get_by_label("0:00 / 0:20");
    // At the start: no frame yet, no chat yet.
    harness.get_by_label("No chat up to this moment.");

    // Seek through an event in the Events tab: the chat scrolls along.
    harness.get_by_label("Events").click();
    settle(&mut harness);
    harness
        .get_by_label("0:20  The customer ended the session: the customer left the session.")
        .click();
    settle(&mut harness);
    harness.get_by_label("0:20 / 0:20");
    harness.get_by_label("Chat").click();
    settle(&mut harness);
    harness.get_by_label("The screen is frozen");
    {
        let open = harness.state().review_open().unwrap();
        assert_eq!(open.player.frame_index(), Some(3));
        assert_eq!(
            open.player.frame().unwrap().pixel(0, 0),
            Some([30, 30, 200, 255])
        );
    }

    // Play from the start at 8×.
    harness.get_by_label("Play").click();
    settle(&mut harness);
    harness.get_by_label("Pause");
    harness.get_by_label("Pause").click();
    settle(&mut harness);

    // Details show the wrap-up and the access log.
    harness.get_by_label("Details").click();
    settle(&mut harness);
    harness.get_by_label("Restarted the launcher");
    harness.get_by_label("Access log");

    // Export the transcript.
    harness.get_by_label("Export transcript").click();
    settle(&mut harness);
    let path = downloads.path().join("session-7-transcript.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("[0:12] Customer: The screen is frozen"),
        "{text}"
    );
    assert!(text.contains("* Customer allowed screen view"), "{text}");

    // Back to the list.
    harness.get_by_label("Back to Sessions").click();
    settle(&mut harness);
    harness.get_by_label("Ticket 1234");
}

#[test]
fn a_record_in_french_keeps_its_transcript_in_english() {
    let downloads = tempfile::tempdir().unwrap();
    let settings = Settings {
        downloads: Some(downloads.path().to_owned()),
        language: Some(lifeline_protocol::i18n::Language::Fr),
        ..Settings::default()
    };
    let (mut harness, mut rx) = harness_with(signed_in(), settings);
    harness.state_mut().show(View::Sessions);
    settle(&mut harness);
    let (_, mailbox) = review_request(&mut rx);
    mailbox.push(ReviewResult::List(Ok(vec![row()])));
    settle(&mut harness);
    harness.get_by_label("Résolu");
    harness.get_by_label("Ouvrir").click();
    settle(&mut harness);
    let (_, mailbox) = review_request(&mut rx);
    mailbox.push(ReviewResult::Opened(
        7,
        Ok(Box::new((details(), recording()))),
    ));
    settle(&mut harness);
    harness.get_by_label("Session 7 — amy avec Marie");
    harness.get_by_label("Aucun message jusqu'à ce moment.");
    harness.get_by_label("Lecture");

    harness.get_by_label("Événements").click();
    settle(&mut harness);
    harness.get_by_label("0:01  Le client a autorisé l'affichage de l'écran.");
    harness
        .get_by_label("0:20  Le client a mis fin à la session : le client a quitté la session.")
        .click();
    settle(&mut harness);

    harness.get_by_label("Détails").click();
    settle(&mut harness);
    harness.get_by_label("Terminée par");
    harness.get_by_label("Client : the customer pressed Exit");
    assert!(harness.query_all_by_label("Résolu").count() >= 1);
    harness.get_by_label("Journal des accès");
    assert!(harness.query_by_label("Access log").is_none());
    assert!(harness.query_by_label("Ended by").is_none());

    // The transcript is a record format: English whatever the console's language.
    harness.get_by_label("Exporter la transcription").click();
    settle(&mut harness);
    let text = std::fs::read_to_string(downloads.path().join("session-7-transcript.txt")).unwrap();
    assert!(text.starts_with("Session 7 — amy with Marie\n"), "{text}");
    assert!(
        text.contains("[0:12] Customer: The screen is frozen"),
        "{text}"
    );
    assert!(!text.contains("Le client"), "{text}");
}

#[test]
fn a_records_kept_files_are_downloaded_from_the_files_tab() {
    let downloads = tempfile::tempdir().unwrap();
    let settings = Settings {
        downloads: Some(downloads.path().to_owned()),
        ..Settings::default()
    };
    let (mut harness, mut rx) = harness_with(signed_in(), settings);
    harness.state_mut().show(View::Sessions);
    settle(&mut harness);
    let (_, mailbox) = review_request(&mut rx);
    mailbox.push(ReviewResult::List(Ok(vec![row()])));
    settle(&mut harness);
    harness.get_by_label("Open").click();
    settle(&mut harness);
    let (_, mailbox) = review_request(&mut rx);
    // Three files: one kept whole, one still uploading, one the relay never got.
    let file = |name: &str, byte: u8| RecordItem::File {
        name: name.into(),
        size: 2048,
        sha256: [byte; 32],
    };
    let recording = recording_with(vec![
        (3_000_000, file("logcat.txt", 1)),
        (4_000_000, file("dumpsys.txt", 2)),
        (5_000_000, file("bugreport.zip", 3)),
    ]);
    let kept = |byte: u8, received: u64| RecordFile {
        name: String::new(),
        size: 2048,
        sha256: hex::encode([byte; 32]),
        received,
        complete: received == 2048,
    };
    let mut details = details();
    details.files = vec![kept(1, 2048), kept(2, 1024)];
    details.access_log.push(Access {
        user: "lea".into(),
        action: "download".into(),
        at: NOW,
        file: Some("logcat.txt".into()),
    });
    mailbox.push(ReviewResult::Opened(7, Ok(Box::new((details, recording)))));
    settle(&mut harness);

    harness.get_by_label("Files").click();
    settle(&mut harness);
    harness.get_by_label("logcat.txt");
    harness.get_by_label("Not kept on the server");
    harness.get_by_label("On the server: 1.0 kB of 2.0 kB");
    let buttons = harness.query_all_by_label("Download").count();
    assert_eq!(buttons, 1, "only the complete file can be downloaded");
    harness.get_by_label("Download").click();
    settle(&mut harness);
    let (request, mailbox) = review_request(&mut rx);
    assert_eq!(
        request,
        ReviewRequest::DownloadFile {
            record_id: 7,
            code: "482913075".into(),
            name: "logcat.txt".into(),
            sha256: hex::encode([1u8; 32]),
        }
    );
    // While it runs the button says so and takes no second click.
    harness.get_by_label("Downloading…");
    let saved = downloads
        .path()
        .join("session-482913075")
        .join("logcat.txt");
    mailbox.push(ReviewResult::FileSaved {
        record_id: 7,
        sha256: hex::encode([1u8; 32]),
        result: Ok(saved.clone()),
    });
    settle(&mut harness);
    harness.get_by_label(&format!("Saved to {}", saved.display()));
    // Asked again, it can fail with the reason shown.
    harness.get_by_label("Download").click();
    settle(&mut harness);
    let (_, mailbox) = review_request(&mut rx);
    mailbox.push(ReviewResult::FileSaved {
        record_id: 7,
        sha256: hex::encode([1u8; 32]),
        result: Err(lifeline_console::state::Problem::NotFound),
    });
    settle(&mut harness);
    harness.get_by_label("Not downloaded: the server no longer has this item");

    // The access log names the file downloaded.
    harness.get_by_label("Details").click();
    settle(&mut harness);
    harness.get_by_label("lea downloaded logcat.txt on Nov 27, 2026, 2:30 PM");
}

/// The record window in `language`, opened with the `open` button, on its `events` tab:
/// long words must fit, and the end reason reads `ended`, in `language` too.
fn record_snapshot(language: lifeline_protocol::i18n::Language, [open, events, ended]: [&str; 3]) {
    let settings = Settings {
        downloads: Some("/home/technician/Downloads/Lifeline".into()),
        language: Some(language),
        ..Settings::default()
    };
    let (mut harness, mut rx) = harness_with(signed_in(), settings);
    harness.state_mut().show(View::Sessions);
    settle(&mut harness);
    let (_, mailbox) = review_request(&mut rx);
    mailbox.push(ReviewResult::List(Ok(vec![row()])));
    settle(&mut harness);
    harness.get_by_label(open).click();
    settle(&mut harness);
    let (_, mailbox) = review_request(&mut rx);
    mailbox.push(ReviewResult::Opened(
        7,
        Ok(Box::new((details(), recording()))),
    ));
    settle(&mut harness);
    harness.get_by_label(events).click();
    settle(&mut harness);
    harness.get_by_label(ended);
    harness.snapshot_options(format!("record_{language}"), &snapshot_options());
}

#[test]
fn snapshot_record_fr() {
    record_snapshot(
        lifeline_protocol::i18n::Language::Fr,
        [
            "Ouvrir",
            "Événements",
            "0:20  Le client a mis fin à la session : le client a quitté la session.",
        ],
    );
}

#[test]
fn snapshot_record_es() {
    record_snapshot(
        lifeline_protocol::i18n::Language::Es,
        [
            "Abrir",
            "Eventos",
            "0:20  El cliente finalizó la sesión: el cliente salió de la sesión.",
        ],
    );
}
