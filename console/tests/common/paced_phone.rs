//! A phone whose frames the test paces: it joins, grants every request, and sends frame `n`
//! of a known sequence whenever the test says so, honouring keyframe requests.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use lifeline_protocol::consent::{Capability, CapabilitySet};
use lifeline_protocol::messages::control::ControlMessage;
use lifeline_protocol::messages::handshake::DeviceSummary;
use lifeline_protocol::messages::video::{Codec, Rotation, StreamStart, VideoFrame, VideoMessage};
use lifeline_protocol::quic::Peer;
use lifeline_protocol::video::RgbaImage;
use lifeline_protocol::video::tiles::TileEncoder;
use tokio::sync::mpsc;

/// The screen's size.
pub const WIDTH: u32 = 192;
/// The screen's size.
pub const HEIGHT: u32 = 384;

/// Frame `n`: a band that moves down and a block that moves across, over a pale screen.
pub fn frame(n: u32) -> RgbaImage {
    let mut image = RgbaImage::filled(WIDTH, HEIGHT, [236, 240, 244, 255]).unwrap();
    image.fill_rect(0, (n * 23) % (HEIGHT - 20), WIDTH, 20, [30, 90, 200, 255]);
    image.fill_rect(
        (n * 17) % (WIDTH - 24),
        100,
        24,
        24,
        [210, (n * 40 % 255) as u8, 40, 255],
    );
    image
}

/// Starts the phone on a runtime of its own. Send `n` to show frame `n`; drop the sender to
/// let it leave when the session ends.
pub fn start(deep_link: String) -> (mpsc::Sender<u32>, std::thread::JoinHandle<()>) {
    let (tx, rx) = mpsc::channel(16);
    let thread = super::on_own_runtime("paced-phone", run(deep_link, rx));
    (tx, thread)
}

async fn run(deep_link: String, frames: mpsc::Receiver<u32>) {
    let super::customer::Joined {
        peer,
        control_tx: mut tx,
        control_rx: mut rx,
    } = super::customer::join(
        &deep_link,
        DeviceSummary {
            manufacturer: "samsung".into(),
            model: "Paced S25".into(),
            android_version: "16".into(),
            screen: Some((WIDTH, HEIGHT)),
            capabilities: CapabilitySet::ALL,
            locale: None,
        },
    )
    .await;
    let keyframe = Arc::new(AtomicBool::new(false));
    let mut frames = Some(frames);
    while let Ok(Some(message)) = rx.recv().await {
        match message {
            ControlMessage::Chat(chat) => {
                let _ = tx.send(&ControlMessage::ChatAck { id: chat.id }).await;
            }
            ControlMessage::ConsentRequest { capability } => {
                let _ = tx
                    .send(&ControlMessage::ConsentResponse {
                        capability,
                        granted: true,
                        by_policy: false,
                    })
                    .await;
                if capability == Capability::ScreenView
                    && let Some(frames) = frames.take()
                {
                    tokio::spawn(stream(peer.clone(), frames, keyframe.clone()));
                }
            }
            ControlMessage::KeyframeRequest => keyframe.store(true, Ordering::SeqCst),
            ControlMessage::Ping { nonce, sent_at_us } => {
                let _ = tx.send(&ControlMessage::Pong { nonce, sent_at_us }).await;
            }
            ControlMessage::SessionEnd { .. } => break,
            _ => {}
        }
    }
    peer.close().await;
}

async fn stream(peer: Peer, mut frames: mpsc::Receiver<u32>, keyframe: Arc<AtomicBool>) {
    let mut video = peer.open_video().await.unwrap();
    video
        .send(&VideoMessage::StreamStart(StreamStart {
            codec: Codec::Tiles,
            width: WIDTH,
            height: HEIGHT,
            rotation: Rotation::Deg0,
        }))
        .await
        .unwrap();
    let mut encoder = TileEncoder::new();
    let mut sequence = 0;
    while let Some(n) = frames.recv().await {
        if keyframe.swap(false, Ordering::SeqCst) {
            encoder.request_keyframe();
        }
        let encoded = encoder.encode(&frame(n));
        let sent = video
            .send(&VideoMessage::Frame(VideoFrame {
                sequence,
                timestamp_us: sequence * 100_000,
                keyframe: encoded.keyframe,
                payload: encoded.payload,
            }))
            .await;
        if sent.is_err() {
            return;
        }
        sequence += 1;
    }
    std::future::pending::<()>().await;
}
