use lifeline_protocol::messages::control::{ChatId, ChatMessage};
use lifeline_protocol::messages::video::{Codec, Rotation, StreamStart, VideoFrame, VideoMessage};
use lifeline_protocol::messages::{Party, UnixMillis};
use lifeline_protocol::record::{ChunkWriter, RecordEntry, RecordItem};
use lifeline_protocol::video::RgbaImage;
use lifeline_protocol::video::tiles::{TileDecoder, TileEncoder};

use super::*;

const W: u32 = 192;
const H: u32 = 256;

/// Screen `n`: a band that moves down one row per frame over a few coloured blocks.
fn screen(n: u32) -> RgbaImage {
    let mut image = RgbaImage::filled(W, H, [240, 240, 240, 255]).unwrap();
    image.fill_rect(0, (n * 3) % H, W, 12, [20, 90, 200, 255]);
    image.fill_rect(
        (n * 7) % (W - 16),
        40,
        16,
        16,
        [200, (n % 255) as u8, 30, 255],
    );
    image
}

/// A recording of `frames` frames, one every 100 ms, a keyframe every `key_every`, a chat
/// line every 10 frames; and the image the live console showed after each frame.
fn record(frames: u32, key_every: u32) -> (Vec<u8>, Vec<RgbaImage>) {
    let mut writer = ChunkWriter::new(1, UnixMillis(0), 0);
    let mut encoder = TileEncoder::new();
    let mut live = TileDecoder::new();
    let mut shown = Vec::new();
    let mut bytes = Vec::new();
    let push = |writer: &mut ChunkWriter, at_us, item, bytes: &mut Vec<u8>| {
        if let Some(sealed) = writer.push(RecordEntry { at_us, item }).unwrap() {
            bytes.extend_from_slice(&sealed.bytes);
        }
    };
    let start = VideoMessage::StreamStart(StreamStart {
        codec: Codec::Tiles,
        width: W,
        height: H,
        rotation: Rotation::Deg0,
    });
    push(&mut writer, 0, RecordItem::Video(start), &mut bytes);
    for n in 0..frames {
        let at = 1_000 + u64::from(n) * 100_000;
        if n % key_every == 0 {
            encoder.request_keyframe();
        }
        let encoded = encoder.encode(&screen(n));
        live.decode(&encoded.payload).unwrap();
        shown.push(live.image().unwrap().clone());
        let frame = VideoFrame {
            sequence: u64::from(n),
            timestamp_us: at,
            keyframe: encoded.keyframe,
            payload: encoded.payload,
        };
        push(
            &mut writer,
            at,
            RecordItem::Video(VideoMessage::Frame(frame)),
            &mut bytes,
        );
        if n % 10 == 5 {
            let chat = ChatMessage {
                id: ChatId(u64::from(n)),
                from: Party::Customer,
                sent_at: UnixMillis(0),
                text: format!("line {n}"),
            };
            push(&mut writer, at + 10, RecordItem::Chat(chat), &mut bytes);
        }
        // A chunk every 2 s of recording.
        if n % 20 == 19 {
            bytes.extend_from_slice(&writer.seal().unwrap().unwrap().bytes);
        }
    }
    if let Some(sealed) = writer.seal().unwrap() {
        bytes.extend_from_slice(&sealed.bytes);
    }
    (bytes, shown)
}

fn frame_time(n: u32) -> u64 {
    1_000 + u64::from(n) * 100_000
}

#[test]
fn seeking_shows_exactly_the_frame_shown_then_from_the_last_keyframe() {
    let (bytes, shown) = record(120, 25);
    let recording = Recording::parse(&bytes).unwrap();
    assert_eq!(recording.video.len(), 121);
    // The stream start, then the keyframes 0, 25, 50, 75, 100.
    assert_eq!(recording.sync_points, vec![0, 1, 26, 51, 76, 101]);
    let mut player = Player::new(recording);
    // Out of order, backwards and forwards, between frames and exactly on them.
    for n in [80u32, 3, 119, 50, 49, 51, 0, 99, 26, 77, 60] {
        let at = frame_time(n) + 50_000;
        player.seek(at);
        assert_eq!(player.frame().unwrap(), &shown[n as usize], "frame {n}");
        assert!(
            player.last_seek_work() <= 25,
            "{} frames decoded",
            player.last_seek_work()
        );
        player.seek(frame_time(n));
        assert_eq!(
            player.frame().unwrap(),
            &shown[n as usize],
            "exactly at frame {n}"
        );
    }
    // From a keyframe: only the frames from it are decoded.
    player.seek(frame_time(10));
    player.seek(frame_time(80));
    assert_eq!(player.last_seek_work(), 6, "keyframe 75 to 80");
    // Forward a little: only the new frames.
    player.seek(frame_time(83));
    assert_eq!(player.last_seek_work(), 3);
    // Before any frame: nothing shown.
    player.seek(0);
    assert!(player.frame().is_none());
}

#[test]
fn chat_and_current_events_follow_the_position() {
    let (bytes, _) = record(60, 25);
    let recording = Recording::parse(&bytes).unwrap();
    let texts = |at| -> Vec<String> {
        recording
            .chat_until(at)
            .iter()
            .map(|(_, c)| c.text.clone())
            .collect()
    };
    assert!(
        texts(frame_time(5)).is_empty(),
        "the line comes 10 µs after frame 5"
    );
    assert_eq!(texts(frame_time(5) + 10), ["line 5"]);
    assert_eq!(
        texts(frame_time(40)),
        ["line 5", "line 15", "line 25", "line 35"]
    );
    let now = recording.current(frame_time(15) + 10, 500_000);
    assert_eq!(now.len(), 1);
    assert!(recording.current(frame_time(20), 100).is_empty());
    let text = export::transcript_text(&recording, "Session 1");
    assert!(text.contains("[0:01] Customer: line 15"), "{text}");
}

#[test]
fn playback_moves_with_speed_and_stops_at_the_end() {
    let (bytes, shown) = record(40, 10);
    let mut player = Player::new(Recording::parse(&bytes).unwrap());
    player.set_speed(20.0);
    assert_eq!(player.speed(), 8.0);
    player.set_speed(2.0);
    player.toggle();
    assert!(player.is_playing());
    player.advance(1_000_000);
    assert_eq!(player.position_us(), 2_000_000);
    assert_eq!(player.frame().unwrap(), &shown[19]);
    player.advance(10_000_000);
    assert!(!player.is_playing());
    assert_eq!(player.frame().unwrap(), &shown[39]);
    let png = export::frame_png(player.frame().unwrap()).unwrap();
    assert_eq!(&png[1..4], b"PNG");
    // Playing at the end starts over.
    player.toggle();
    assert_eq!(player.position_us(), 0);
}

#[test]
fn damaged_recordings_are_refused_and_missing_chunks_named() {
    let (bytes, _) = record(45, 25);
    assert!(Recording::parse(&bytes[..bytes.len() - 2]).is_err());
    assert!(Recording::parse(b"garbage").is_err());
    let chunks = lifeline_protocol::record::RecordReader::read(&bytes).unwrap();
    assert_eq!(chunks.len(), 3);
    // A record whose chunk 1 never arrived.
    let mut writer = ChunkWriter::new(1, UnixMillis(0), 0);
    writer
        .push(RecordEntry {
            at_us: 1,
            item: RecordItem::LogsRequested,
        })
        .unwrap();
    let zero = writer.seal().unwrap().unwrap().bytes;
    let mut writer = ChunkWriter::new(1, UnixMillis(0), 2);
    writer
        .push(RecordEntry {
            at_us: 9,
            item: RecordItem::DiagnosticsRequested,
        })
        .unwrap();
    let two = writer.seal().unwrap().unwrap().bytes;
    let recording = Recording::parse(&[zero, two].concat()).unwrap();
    assert_eq!(recording.missing_chunks, vec![1]);
    assert_eq!(recording.events().count(), 2);
    assert!(Player::new(recording).frame().is_none());
}
