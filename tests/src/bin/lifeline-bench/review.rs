//! `lifeline-bench review`: a recorded session of mixed activity, then seeks to random
//! moments in the review player.
//!
//! The session is built faster than real time with synthetic timestamps, through the same
//! record writer the console uses (`lifeline_protocol::record::ChunkWriter`, a chunk every
//! 5 s) and the same video the agent sends (`tiles`, a keyframe every 10 s as the console's
//! recorder asks for). Each minute: 20 s of scrolling a list at 30 fps, 20 s of idle with a
//! blinking caret (2 fps), 10 s of switching between the list and the launcher (1 fps), 10 s
//! of nothing at all, and a chat line every 15 s. Every frame is rendered and encoded.
//!
//! Then the recording is parsed as the console does after downloading it, and the player
//! seeks to random moments (a fixed seed); each seek is timed (decoding from the keyframe
//! at or before the moment forward to the exact frame). A sample of the seeks is checked
//! against the frame a live decoder showed at that moment; any difference fails the run.

use std::collections::HashMap;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use lifeline_console::state::review::{Player, Recording};
use lifeline_protocol::messages::control::{ChatId, ChatMessage};
use lifeline_protocol::messages::video::{Codec, Rotation, StreamStart, VideoFrame, VideoMessage};
use lifeline_protocol::messages::{Party, UnixMillis};
use lifeline_protocol::record::{ChunkWriter, RecordEntry, RecordItem};
use lifeline_protocol::video::RgbaImage;
use lifeline_protocol::video::tiles::{TileDecoder, TileEncoder};
use lifeline_tests::synthetic::{PHONE_HEIGHT, PHONE_WIDTH, PhoneScreen};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::stats::{mean, percentile};

const SECOND_US: u64 = 1_000_000;
const CHUNK_EVERY_US: u64 = 5 * SECOND_US;
const KEYFRAME_EVERY_US: u64 = 10 * SECOND_US;
const SCROLL_STEP_PX: u32 = 16;

/// Options of `lifeline-bench review`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct ReviewArgs {
    /// Print the report as one JSON object on the last line of stdout; details go to stderr.
    #[arg(long)]
    pub(crate) json: bool,
    /// Length of the recorded session in minutes.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=600))]
    pub(crate) minutes: u32,
    /// Seeks to time.
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..))]
    pub(crate) seeks: u32,
    /// Screen width in pixels.
    #[arg(long, default_value_t = PHONE_WIDTH)]
    pub(crate) width: u32,
    /// Screen height in pixels.
    #[arg(long, default_value_t = PHONE_HEIGHT)]
    pub(crate) height: u32,
}

/// The last line.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ReviewReport {
    pub(crate) seek_ms_p50: f64,
    pub(crate) seek_ms_p95: f64,
    pub(crate) record_bytes_per_min: f64,
}

/// What the phone does in a stretch of a minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Activity {
    Scroll,
    Idle,
    Switch,
    Still,
}

impl Activity {
    fn name(self) -> &'static str {
        match self {
            Self::Scroll => "scroll",
            Self::Idle => "idle",
            Self::Switch => "switch",
            Self::Still => "still",
        }
    }

    /// The activity at second `s` of a minute and its frame interval.
    fn at(second_of_minute: u64) -> (Self, u64) {
        match second_of_minute {
            0..20 => (Self::Scroll, SECOND_US / 30),
            20..40 => (Self::Idle, SECOND_US / 2),
            40..50 => (Self::Switch, SECOND_US),
            _ => (Self::Still, SECOND_US),
        }
    }
}

/// The recording and what the live console showed.
struct Built {
    bytes: Vec<u8>,
    duration_us: u64,
    /// Bytes of frames (payloads) per activity, and the time spent in it.
    by_activity: HashMap<&'static str, (u64, u64)>,
    frames: usize,
    build_ms: f64,
    /// Where building spent its time (rendering runs on a thread of its own, beside).
    render_ms: f64,
    encode_ms: f64,
    decode_ms: f64,
    /// Moments checked after seeking, with the SHA-256 of the frame shown live then.
    checks: Vec<(u64, [u8; 32])>,
}

fn digest(image: &RgbaImage) -> [u8; 32] {
    Sha256::digest(image.data()).into()
}

/// One step of the scripted session: from `at` for `step` µs the phone does `activity` and
/// shows `image` (`None`: the screen does not change).
struct Moment {
    at: u64,
    step: u64,
    activity: Activity,
    image: Option<RgbaImage>,
}

/// The session's script, rendered: a pure function of the simulated clock, so it runs on a
/// thread of its own while the frames before are encoded.
fn script(phone: &PhoneScreen, duration_us: u64, mut each: impl FnMut(Moment) -> bool) {
    let [caret_on, caret_off] = [true, false].map(|v| phone.render_with_caret(v));
    let launcher = phone.render_launcher();
    let (mut at, mut scroll) = (0u64, 0u32);
    while at < duration_us {
        let second = at / SECOND_US;
        let (activity, step) = Activity::at(second % 60);
        let image = match activity {
            Activity::Scroll => {
                scroll += SCROLL_STEP_PX;
                Some(phone.render_list(scroll))
            }
            Activity::Idle => Some(if (at / step) % 2 == 0 {
                caret_on.clone()
            } else {
                caret_off.clone()
            }),
            Activity::Switch => Some(if second.is_multiple_of(2) {
                phone.render_list(scroll)
            } else {
                launcher.clone()
            }),
            Activity::Still => None,
        };
        if !each(Moment {
            at,
            step,
            activity,
            image,
        }) {
            return;
        }
        at += step;
    }
}

/// Frames rendered ahead of the encoder.
const RENDER_AHEAD: usize = 8;

fn build(args: &ReviewArgs, check_every_us: u64) -> Result<Built> {
    let started = Instant::now();
    let phone = PhoneScreen::new(args.width, args.height)
        .map_err(|e| anyhow::anyhow!("the synthetic screen could not be made: {e}"))?;
    let duration_us = u64::from(args.minutes) * 60 * SECOND_US;
    let (moments_tx, moments) = std::sync::mpsc::sync_channel::<Moment>(RENDER_AHEAD);
    let renderer = std::thread::Builder::new()
        .name("review-render".into())
        .spawn(move || {
            let mut render = std::time::Duration::ZERO;
            let mut t = Instant::now();
            script(&phone, duration_us, |moment| {
                render += t.elapsed();
                let sent = moments_tx.send(moment).is_ok();
                t = Instant::now();
                sent
            });
            render
        })
        .context("the render thread did not start")?;
    let mut writer = ChunkWriter::new(1, UnixMillis(1_700_000_000_000), 0);
    let mut encoder = TileEncoder::new();
    let mut live = TileDecoder::new();
    let mut bytes = Vec::new();
    let mut by_activity: HashMap<&'static str, (u64, u64)> = HashMap::new();
    let mut checks = Vec::new();
    let (mut encode, mut decode) = (std::time::Duration::ZERO, std::time::Duration::ZERO);
    let push = |writer: &mut ChunkWriter, bytes: &mut Vec<u8>, at_us, item| -> Result<()> {
        if let Some(sealed) = writer.push(RecordEntry { at_us, item })? {
            bytes.extend_from_slice(&sealed.bytes);
        }
        Ok(())
    };
    let start = StreamStart {
        codec: Codec::Tiles,
        width: args.width,
        height: args.height,
        rotation: Rotation::Deg0,
    };
    push(
        &mut writer,
        &mut bytes,
        0,
        RecordItem::Video(VideoMessage::StreamStart(start)),
    )?;
    let (mut sequence, mut next_chunk, mut next_key, mut next_check) =
        (0u64, CHUNK_EVERY_US, 0u64, check_every_us);
    // The SHA-256 of what the live console shows, worked out only when a check needs it.
    let mut shown: Option<[u8; 32]> = None;
    for Moment {
        at,
        step,
        activity,
        image,
    } in moments
    {
        let second = at / SECOND_US;
        if at >= next_key {
            encoder.request_keyframe();
            next_key += KEYFRAME_EVERY_US;
        }
        if let Some(image) = image {
            let t = Instant::now();
            let encoded = encoder.encode(&image);
            encode += t.elapsed();
            if !encoded.payload.is_empty() {
                let t = Instant::now();
                live.decode(&encoded.payload)
                    .context("a frame did not decode live")?;
                decode += t.elapsed();
                shown = None;
                let slot = by_activity.entry(activity.name()).or_default();
                slot.0 += encoded.payload.len() as u64;
                push(
                    &mut writer,
                    &mut bytes,
                    at,
                    RecordItem::Video(VideoMessage::Frame(VideoFrame {
                        sequence,
                        timestamp_us: at,
                        keyframe: encoded.keyframe,
                        payload: encoded.payload,
                    })),
                )?;
                sequence += 1;
            }
        }
        if at % (15 * SECOND_US) < step {
            let chat = ChatMessage {
                id: ChatId(at),
                from: if second.is_multiple_of(30) {
                    Party::Customer
                } else {
                    Party::Technician
                },
                sent_at: UnixMillis(1_700_000_000_000 + at / 1000),
                text: format!("Line at {second} s: the list is still scrolling slowly."),
            };
            push(&mut writer, &mut bytes, at + 1, RecordItem::Chat(chat))?;
        }
        let next = at + step;
        // What the live console shows until the next frame.
        while next_check < next && next_check < duration_us {
            if shown.is_none() {
                shown = live.image().map(digest);
            }
            if let Some(shown) = shown {
                checks.push((next_check, shown));
            }
            next_check += check_every_us;
        }
        by_activity.entry(activity.name()).or_default().1 += step;
        if next >= next_chunk {
            if let Some(sealed) = writer.seal()? {
                bytes.extend_from_slice(&sealed.bytes);
            }
            next_chunk += CHUNK_EVERY_US;
        }
    }
    let render = renderer
        .join()
        .map_err(|_| anyhow::anyhow!("the render thread panicked"))?;
    push(
        &mut writer,
        &mut bytes,
        duration_us,
        RecordItem::Ended {
            by: Some(Party::Technician),
            reason: "done".into(),
        },
    )?;
    if let Some(sealed) = writer.seal()? {
        bytes.extend_from_slice(&sealed.bytes);
    }
    Ok(Built {
        bytes,
        duration_us,
        by_activity,
        frames: usize::try_from(sequence).unwrap_or(usize::MAX),
        build_ms: started.elapsed().as_secs_f64() * 1000.0,
        render_ms: render.as_secs_f64() * 1000.0,
        encode_ms: encode.as_secs_f64() * 1000.0,
        decode_ms: decode.as_secs_f64() * 1000.0,
        checks,
    })
}

/// A small deterministic generator for the seek moments.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Runs the benchmark and prints the report.
pub(crate) fn run(args: &ReviewArgs) -> Result<()> {
    // Checked moments: about as many as seeks, spread over the session.
    let check_every_us = (u64::from(args.minutes) * 60 * SECOND_US / u64::from(args.seeks)).max(1);
    let built = build(args, check_every_us)?;
    let minutes = built.duration_us as f64 / (60.0 * SECOND_US as f64);
    let record_bytes_per_min = built.bytes.len() as f64 / minutes;

    let parse_started = Instant::now();
    let recording = Recording::parse(&built.bytes).context("the recording does not read back")?;
    let parse_ms = parse_started.elapsed().as_secs_f64() * 1000.0;
    let mut player = Player::new(recording);

    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut seek_ms = Vec::new();
    let mut decoded = Vec::new();
    let mut checked = 0;
    for n in 0..args.seeks {
        // Alternate random moments and the checked ones (also random in order).
        let (at, expected) = if n % 2 == 0 || built.checks.is_empty() {
            (rng.next() % built.duration_us, None)
        } else {
            let (at, digest) = built.checks[(rng.next() as usize) % built.checks.len()];
            (at, Some(digest))
        };
        let t = Instant::now();
        player.seek(at);
        seek_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        decoded.push(player.last_seek_work() as f64);
        if let Some(expected) = expected {
            let shown = player.frame().map(digest);
            if shown != Some(expected) {
                bail!("seeking to {at} µs showed another frame than the console showed then");
            }
            checked += 1;
        }
    }
    let report = ReviewReport {
        seek_ms_p50: percentile(&seek_ms, 50).unwrap_or(0.0),
        seek_ms_p95: percentile(&seek_ms, 95).unwrap_or(0.0),
        record_bytes_per_min,
    };
    let mut lines = vec![
        format!(
            "recorded session: {:.0} min, {} frames {}x{}, {:.1} MB ({:.2} MB/min), built in {:.1} s",
            minutes,
            built.frames,
            args.width,
            args.height,
            built.bytes.len() as f64 / 1e6,
            record_bytes_per_min / 1e6,
            built.build_ms / 1000.0
        ),
        format!(
            "  building: rendering {:.1} s (own thread), encoding {:.1} s, live decoding {:.1} s",
            built.render_ms / 1000.0,
            built.encode_ms / 1000.0,
            built.decode_ms / 1000.0
        ),
        format!("parsed for playback in {parse_ms:.0} ms"),
    ];
    let mut activities: Vec<_> = built.by_activity.iter().collect();
    activities.sort_by_key(|(name, _)| *name);
    for (name, (bytes, time_us)) in activities {
        if *time_us > 0 {
            lines.push(format!(
                "  {name:<7} video {:.2} MB/min",
                *bytes as f64 / (*time_us as f64 / (60.0 * SECOND_US as f64)) / 1e6
            ));
        }
    }
    lines.push(format!(
        "seeks: {} ({} checked pixel-equal against the live frame), p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms, frames decoded per seek mean {:.0}",
        seek_ms.len(),
        checked,
        report.seek_ms_p50,
        report.seek_ms_p95,
        percentile(&seek_ms, 100).unwrap_or(0.0),
        mean(&decoded).unwrap_or(0.0)
    ));
    let table = lines.join("\n") + "\n";
    if args.json {
        eprint!("{table}");
        println!(
            "{}",
            serde_json::to_string(&report).context("could not serialize the report")?
        );
    } else {
        print!("{table}");
    }
    Ok(())
}
