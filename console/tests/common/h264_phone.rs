//! A phone that streams a script of H.264 frames through the real relay: it joins a code,
//! grants screen view, then plays its script — stream starts (with the size it declares),
//! frames encoded with OpenH264, deliberately corrupted frames, and waits for the console's
//! keyframe request (answered, like a real phone, by encoding the next frame as an IDR).
//! It reports every keyframe request and frame ack it received.

use std::sync::Arc;
use std::time::Duration;

use lifeline_protocol::consent::{Capability, CapabilitySet};
use lifeline_protocol::messages::Party;
use lifeline_protocol::messages::control::{ControlMessage, EndReason};
use lifeline_protocol::messages::handshake::DeviceSummary;
use lifeline_protocol::messages::video::{Codec, Rotation, StreamStart, VideoFrame, VideoMessage};
use lifeline_protocol::quic::MessageSender;
use lifeline_protocol::video::RgbaImage;
use tokio::sync::{Semaphore, mpsc, watch};

use super::phone_frames;

/// One step of the script.
#[derive(Debug, Clone)]
pub enum Step {
    /// A new stream declaring `declared` as its size (the screen's real size, possibly odd;
    /// the frames that follow have even sides) with a fresh encoder.
    Start {
        /// The size sent in `StreamStart`.
        declared: (u32, u32),
    },
    /// Encode and send a frame (even sides).
    Frame(RgbaImage),
    /// Encode a frame, then damage it with `corrupt` before sending.
    Corrupt(RgbaImage, fn(&mut [u8])),
    /// Wait until the test adds a permit to this semaphore.
    Gate(Arc<Semaphore>),
    /// Wait until the console asks for a keyframe (at most 10 s); the next frame is an IDR.
    AwaitKeyframeRequest,
}

/// What the phone saw.
#[derive(Debug, Default, Clone)]
pub struct Report {
    /// `KeyframeRequest`s received.
    pub keyframe_requests: usize,
    /// The highest `FrameAck` received.
    pub last_ack: Option<u64>,
    /// Frames sent.
    pub frames_sent: u64,
    /// Whether the technician ended the session.
    pub ended_by_technician: bool,
    /// Whether the script ran to its end.
    pub script_done: bool,
}

/// Joins `deep_link` and plays `script` once screen view is granted, keeping `report` up to
/// date; returns when the technician ends the session.
pub async fn run(deep_link: String, script: Vec<Step>, report_tx: watch::Sender<Report>) {
    let super::customer::Joined {
        peer,
        control_tx: mut tx,
        control_rx: mut rx,
    } = super::customer::join(
        &deep_link,
        DeviceSummary {
            manufacturer: "Google".into(),
            model: "Pixel (H.264)".into(),
            android_version: "15".into(),
            screen: None,
            capabilities: CapabilitySet::ALL,
            locale: None,
        },
    )
    .await;
    let (keyframe_tx, keyframe_rx) = mpsc::channel::<()>(16);
    let mut keyframe_rx = Some(keyframe_rx);
    let mut player = None;
    let mut script = Some(script);
    loop {
        let Ok(Some(message)) = rx.recv().await else {
            break;
        };
        match message {
            ControlMessage::ConsentRequest { capability } => {
                reply(&mut tx, capability).await;
                if capability == Capability::ScreenView
                    && let (Some(script), Some(requests)) = (script.take(), keyframe_rx.take())
                {
                    let video = peer.open_video().await.unwrap();
                    player = Some(tokio::spawn(play(
                        video,
                        script,
                        requests,
                        report_tx.clone(),
                    )));
                }
            }
            ControlMessage::KeyframeRequest => {
                report_tx.send_modify(|r| r.keyframe_requests += 1);
                let _ = keyframe_tx.try_send(());
            }
            ControlMessage::FrameAck { sequence } => {
                report_tx.send_modify(|r| r.last_ack = Some(r.last_ack.unwrap_or(0).max(sequence)));
            }
            ControlMessage::Ping { nonce, sent_at_us } => {
                tx.send(&ControlMessage::Pong { nonce, sent_at_us })
                    .await
                    .unwrap();
            }
            ControlMessage::SessionEnd { by, reason } => {
                report_tx.send_modify(|r| {
                    r.ended_by_technician =
                        by == Party::Technician && reason == EndReason::TechnicianClosed;
                });
                break;
            }
            _ => {}
        }
    }
    if let Some(player) = player {
        player.abort();
    }
    peer.close().await;
}

async fn reply(tx: &mut MessageSender<ControlMessage>, capability: Capability) {
    tx.send(&ControlMessage::ConsentResponse {
        capability,
        granted: true,
        by_policy: false,
    })
    .await
    .unwrap();
}

async fn play(
    mut video: MessageSender<VideoMessage>,
    script: Vec<Step>,
    mut keyframe_requests: mpsc::Receiver<()>,
    report: watch::Sender<Report>,
) {
    let mut encoder = phone_frames::encoder();
    let mut sequence = 0u64;
    let mut send = async |video: &mut MessageSender<VideoMessage>, payload: Vec<u8>, keyframe| {
        video
            .send(&VideoMessage::Frame(VideoFrame {
                sequence,
                timestamp_us: sequence * 33_000,
                keyframe,
                payload,
            }))
            .await
            .unwrap();
        sequence += 1;
        report.send_modify(|r| r.frames_sent += 1);
        // Paced like a phone at ~30 fps.
        tokio::time::sleep(Duration::from_millis(30)).await;
    };
    let mut next_is_key = true;
    for step in script {
        match step {
            Step::Start { declared } => {
                encoder = phone_frames::encoder();
                next_is_key = true;
                video
                    .send(&VideoMessage::StreamStart(StreamStart {
                        codec: Codec::H264,
                        width: declared.0,
                        height: declared.1,
                        rotation: Rotation::Deg0,
                    }))
                    .await
                    .unwrap();
            }
            Step::Frame(image) => {
                let payload = phone_frames::encode(&mut encoder, &image);
                send(&mut video, payload, next_is_key).await;
                next_is_key = false;
            }
            Step::Corrupt(image, corrupt) => {
                let mut payload = phone_frames::encode(&mut encoder, &image);
                corrupt(&mut payload);
                send(&mut video, payload, next_is_key).await;
                next_is_key = false;
            }
            Step::Gate(gate) => {
                gate.acquire().await.unwrap().forget();
            }
            Step::AwaitKeyframeRequest => {
                tokio::time::timeout(Duration::from_secs(10), keyframe_requests.recv())
                    .await
                    .expect("the console never asked for a keyframe")
                    .unwrap();
                encoder.force_intra_frame();
                next_is_key = true;
            }
        }
    }
    report.send_modify(|r| r.script_done = true);
    // Keep the stream open like a phone would; it ends with the connection.
    std::future::pending::<()>().await;
}
