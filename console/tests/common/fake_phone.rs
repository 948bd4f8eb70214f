//! A tiny phone built on `lifeline_protocol::quic`, following the session conversation from
//! the phone's side: grants every request, streams a known picture, sends one log file.

use std::time::Duration;

use lifeline_console::state::transfers::{Transfer, TransferStatus};
use lifeline_protocol::consent::{Capability, CapabilitySet};
use lifeline_protocol::diagnostics::{BatteryInfo, DeviceDiagnostics, DeviceInfo};
use lifeline_protocol::messages::control::{ChatId, ChatMessage, ControlMessage, EndReason};
use lifeline_protocol::messages::file::FileHeader;
use lifeline_protocol::messages::handshake::DeviceSummary;
use lifeline_protocol::messages::input::InputEvent;
use lifeline_protocol::messages::video::{Codec, Rotation, StreamStart, VideoFrame, VideoMessage};
use lifeline_protocol::messages::{Party, UnixMillis};
use lifeline_protocol::quic::{IncomingStream, MessageSender, Peer};
use lifeline_protocol::video::RgbaImage;
use lifeline_protocol::video::tiles::TileEncoder;
use sha2::{Digest, Sha256};
use tokio::sync::mpsc;

/// The fake screen's size.
pub const WIDTH: u32 = 320;
/// The fake screen's size.
pub const HEIGHT: u32 = 640;
/// The colour of the fake screen's top half.
pub const TOP: [u8; 4] = [200, 30, 60, 255];
/// The colour of its bottom half (after the second frame).
pub const BOTTOM: [u8; 4] = [20, 160, 90, 255];
/// The log file the phone sends.
pub const LOG_NAME: &str = "logcat.txt";

/// The log file's content.
pub fn log_content() -> Vec<u8> {
    (0..200_000u32)
        .flat_map(|i| format!("line {i}: all is well\n").into_bytes())
        .collect()
}

/// The first frame: the top half red-ish, the bottom black.
pub fn first_frame() -> RgbaImage {
    let mut image = RgbaImage::new(WIDTH, HEIGHT).unwrap();
    image.fill_rect(0, 0, WIDTH, HEIGHT / 2, TOP);
    image
}

/// The second frame: the bottom half green too.
pub fn second_frame() -> RgbaImage {
    let mut image = first_frame();
    image.fill_rect(0, HEIGHT / 2, WIDTH, HEIGHT / 2, BOTTOM);
    image
}

/// What the phone saw, for the test to check.
#[derive(Debug, Default)]
pub struct PhoneLog {
    /// Chat texts from the technician.
    pub chats: Vec<String>,
    /// Input events.
    pub input: Vec<InputEvent>,
    /// Whether the technician ended the session.
    pub ended_by_technician: bool,
}

/// Joins `deep_link` as "Marie" and plays the phone until the technician ends the session.
pub async fn run(deep_link: String) -> PhoneLog {
    run_with(deep_link, Codec::Tiles).await
}

/// [`run_with`] on a thread and runtime of its own, for tests driving a blocking client.
pub fn spawn(deep_link: String, codec: Codec) -> std::thread::JoinHandle<PhoneLog> {
    super::on_own_runtime("fake-phone", run_with(deep_link, codec))
}

/// [`run`], streaming the screen with `codec`.
pub async fn run_with(deep_link: String, codec: Codec) -> PhoneLog {
    let super::customer::Joined {
        peer,
        control_tx: mut tx,
        control_rx: mut rx,
    } = super::customer::join(
        &deep_link,
        DeviceSummary {
            manufacturer: "samsung".into(),
            model: "Fake S25".into(),
            android_version: "16".into(),
            screen: Some((WIDTH, HEIGHT)),
            capabilities: CapabilitySet::ALL,
            locale: Some("fr-FR".into()),
        },
    )
    .await;
    // Input arrives on its own stream.
    let (input_tx, mut input_rx) = mpsc::channel(64);
    let input_peer = peer.clone();
    tokio::spawn(async move {
        while let Ok(stream) = input_peer.accept_stream().await {
            if let IncomingStream::Input(mut input) = stream {
                while let Ok(Some(event)) = input.recv().await {
                    if input_tx.send(event).await.is_err() {
                        return;
                    }
                }
            }
        }
    });
    let mut log = PhoneLog::default();
    let mut next_chat = 0u64;
    loop {
        tokio::select! {
            Some(event) = input_rx.recv() => log.input.push(event),
            message = rx.recv() => {
                let Ok(Some(message)) = message else { break };
                match message {
                    ControlMessage::Chat(chat) => {
                        tx.send(&ControlMessage::ChatAck { id: chat.id }).await.unwrap();
                        log.chats.push(chat.text.clone());
                        next_chat += 1;
                        let reply = ChatMessage::new(
                            ChatId(next_chat),
                            Party::Customer,
                            UnixMillis::now(),
                            format!("Got it: {}", chat.text),
                        )
                        .unwrap();
                        tx.send(&ControlMessage::Chat(reply)).await.unwrap();
                    }
                    ControlMessage::ConsentRequest { capability } => {
                        tx.send(&ControlMessage::ConsentResponse {
                            capability,
                            granted: true,
                            by_policy: false,
                        })
                        .await
                        .unwrap();
                        if capability == Capability::ScreenView {
                            tokio::spawn(stream_video(peer.clone(), codec));
                        }
                    }
                    ControlMessage::DiagnosticsRequest => {
                        let report = DeviceDiagnostics {
                            device: DeviceInfo {
                                manufacturer: Some("samsung".into()),
                                model: Some("Fake S25".into()),
                                ..DeviceInfo::default()
                            },
                            battery: BatteryInfo {
                                level_percent: Some(77),
                                ..BatteryInfo::default()
                            },
                            ..DeviceDiagnostics::default()
                        };
                        tx.send(&ControlMessage::DiagnosticsReport(Box::new(report)))
                            .await
                            .unwrap();
                    }
                    ControlMessage::LogRequest => send_log(&peer, &mut tx).await,
                    ControlMessage::Ping { nonce, sent_at_us } => {
                        tx.send(&ControlMessage::Pong { nonce, sent_at_us }).await.unwrap();
                    }
                    ControlMessage::SessionEnd { by, reason } => {
                        log.ended_by_technician =
                            by == Party::Technician && reason == EndReason::TechnicianClosed;
                        break;
                    }
                    _ => {}
                }
            }
        }
    }
    while let Ok(event) = input_rx.try_recv() {
        log.input.push(event);
    }
    peer.close().await;
    log
}

async fn stream_video(peer: Peer, codec: Codec) {
    let mut video = peer.open_video().await.unwrap();
    video
        .send(&VideoMessage::StreamStart(StreamStart {
            codec,
            width: WIDTH,
            height: HEIGHT,
            rotation: Rotation::Deg0,
        }))
        .await
        .unwrap();
    let mut tiles = TileEncoder::new();
    let mut h264 = openh264::encoder::Encoder::new().unwrap();
    for (sequence, image) in [first_frame(), second_frame()].iter().enumerate() {
        let (payload, keyframe) = match codec {
            Codec::Tiles => {
                let encoded = tiles.encode(image);
                (encoded.payload, encoded.keyframe)
            }
            Codec::H264 => {
                let rgba = openh264::formats::RgbaSliceU8::new(
                    image.data(),
                    (WIDTH as usize, HEIGHT as usize),
                );
                let yuv = openh264::formats::YUVBuffer::from_rgb_source(rgba);
                (h264.encode(&yuv).unwrap().to_vec(), sequence == 0)
            }
        };
        video
            .send(&VideoMessage::Frame(VideoFrame {
                sequence: sequence as u64,
                timestamp_us: sequence as u64 * 16_000,
                keyframe,
                payload,
            }))
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    // Keep the stream open like a phone would; it ends with the connection.
    std::future::pending::<()>().await;
}

async fn send_log(peer: &Peer, control: &mut MessageSender<ControlMessage>) {
    let content = log_content();
    let header = FileHeader {
        file_id: 1,
        name: LOG_NAME.into(),
        size: content.len() as u64,
        sha256: Sha256::digest(&content).into(),
    };
    control
        .send(&ControlMessage::FileOffer(header.clone()))
        .await
        .unwrap();
    let mut file = peer.open_file(header).await.unwrap();
    for chunk in content.chunks(64 * 1024) {
        file.write(chunk).await.unwrap();
    }
    file.finish().unwrap();
}

/// Asks the phone for its log file and waits until the console saved it (or gave up on it);
/// the transfer, which must have been saved.
pub fn receive_log(
    tech: &mut lifeline_console::net::TechnicianClient,
    code: lifeline_protocol::SessionCode,
    wait: Duration,
) -> Transfer {
    tech.request_logs(code).unwrap();
    tech.wait_until(wait, |s| {
        s.session(code).unwrap().transfers.files().iter().any(|f| {
            matches!(
                f.status,
                TransferStatus::Saved(_) | TransferStatus::Failed(_)
            )
        })
    })
    .unwrap();
    let file = tech.session(code).unwrap().transfers.files()[0].clone();
    assert!(
        matches!(file.status, TransferStatus::Saved(_)),
        "the file failed: {:?}",
        file.status
    );
    file
}
