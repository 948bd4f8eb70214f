//! `lifeline-bench codec`: the tiles codec against the H.264 baseline on synthetic phone
//! screens.
//!
//! Three scenarios, each a sequence of frames rendered before any timing starts:
//! - `scroll`: a list scrolled 16 px a frame (frame 0 is the keyframe);
//! - `static`: a text field's caret blinking, nothing else changing;
//! - `app_switch`: the list app and the launcher, alternating.
//!
//! Both codecs encode the same frames. Tiles: every `TileEncoder::encode` call is timed,
//! then every non-empty payload is decoded (timed) and the decoded image must equal its
//! source frame, or the run fails. H.264: frames are converted to YUV up front and only
//! OpenH264's encode call is timed (see [`crate::h264`] for its settings).
//!
//! Then the console's side of H.264 on the `scroll` frames: decode, plane upload and the
//! YUV → RGBA shader per frame (see [`crate::console_h264`]).

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use lifeline_protocol::video::RgbaImage;
use lifeline_protocol::video::tiles::{EncodedFrame, TileDecoder, TileEncoder};
use lifeline_tests::synthetic::{PHONE_HEIGHT, PHONE_WIDTH, PhoneScreen};
use serde::Serialize;

use crate::console_h264::{self, ConsoleH264Report};
use crate::h264::{self, H264Encoder};
use crate::stats::{mean, percentile, ratio};
pub(crate) use report::format_report;

mod report;

/// How far `scroll` moves the list each frame, in pixels.
pub(crate) const SCROLL_STEP_PX: u32 = 16;

/// Options of `lifeline-bench codec`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct CodecArgs {
    /// Print the report as one JSON object on the last line of stdout; the table goes to
    /// stderr.
    #[arg(long)]
    pub(crate) json: bool,
    /// Frames per scenario [default: scroll 60, static 30, app_switch 30].
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    pub(crate) frames: Option<u32>,
    /// Screen width in pixels (even).
    #[arg(long, default_value_t = PHONE_WIDTH)]
    pub(crate) width: u32,
    /// Screen height in pixels (even).
    #[arg(long, default_value_t = PHONE_HEIGHT)]
    pub(crate) height: u32,
}

/// One benchmark scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scenario {
    Scroll,
    Static,
    AppSwitch,
}

impl Scenario {
    fn name(self) -> &'static str {
        match self {
            Scenario::Scroll => "scroll",
            Scenario::Static => "static",
            Scenario::AppSwitch => "app_switch",
        }
    }

    fn default_frames(self) -> u32 {
        match self {
            Scenario::Scroll => 60,
            Scenario::Static | Scenario::AppSwitch => 30,
        }
    }

    /// The scenario's `n` frames.
    fn render(self, phone: &PhoneScreen, n: u32) -> Vec<RgbaImage> {
        match self {
            Scenario::Scroll => (0..n)
                .map(|i| phone.render_list(i * SCROLL_STEP_PX))
                .collect(),
            Scenario::Static => {
                let [on, off] = [true, false].map(|v| phone.render_with_caret(v));
                (0..n)
                    .map(|i| if i % 2 == 0 { on.clone() } else { off.clone() })
                    .collect()
            }
            Scenario::AppSwitch => {
                let (list, launcher) = (phone.render_list(0), phone.render_launcher());
                (0..n)
                    .map(|i| {
                        if i % 2 == 0 {
                            list.clone()
                        } else {
                            launcher.clone()
                        }
                    })
                    .collect()
            }
        }
    }
}

/// Results of one scenario. `*_bytes_per_frame` is the steady state: the mean over the frames
/// after the first, which both codecs send as a keyframe (reported on its own as
/// `*_keyframe_bytes`, and folded in by `*_bytes_per_frame_with_keyframe`). Times are in
/// milliseconds; ratios are tiles / H.264 and `null` when H.264's side is zero.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ScenarioReport {
    pub(crate) frames: u32,
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) tiles_bytes_per_frame: f64,
    pub(crate) h264_bytes_per_frame: f64,
    pub(crate) bytes_ratio: Option<f64>,
    pub(crate) tiles_keyframe_bytes: usize,
    pub(crate) h264_keyframe_bytes: usize,
    /// Mean over all frames, the first keyframe included.
    pub(crate) tiles_bytes_per_frame_with_keyframe: f64,
    pub(crate) h264_bytes_per_frame_with_keyframe: f64,
    /// Frames for which the tiles encoder sent nothing.
    pub(crate) tiles_empty_frames: usize,
    /// Frames OpenH264 coded as IDR or I frames.
    pub(crate) h264_keyframes: usize,
    pub(crate) tiles_encode_ms_p50: f64,
    pub(crate) tiles_encode_ms_p95: f64,
    pub(crate) h264_encode_ms_p50: f64,
    pub(crate) h264_encode_ms_p95: f64,
    pub(crate) encode_ratio: Option<f64>,
    /// Over the frames with a non-empty payload (empty ones are not decoded).
    pub(crate) tiles_decode_ms_p50: f64,
    pub(crate) tiles_decode_ms_p95: f64,
}

/// The whole report: one entry per scenario.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CodecReport {
    pub(crate) scroll: ScenarioReport,
    #[serde(rename = "static")]
    pub(crate) static_: ScenarioReport,
    pub(crate) app_switch: ScenarioReport,
    /// The console's H.264 decode and upload per frame, on the scroll frames.
    pub(crate) console_h264: ConsoleH264Report,
}

impl CodecReport {
    fn scenarios(&self) -> [(Scenario, &ScenarioReport); 3] {
        [
            (Scenario::Scroll, &self.scroll),
            (Scenario::Static, &self.static_),
            (Scenario::AppSwitch, &self.app_switch),
        ]
    }
}

/// A performance target: `value` must be at most `limit`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Target {
    pub(crate) scenario: &'static str,
    pub(crate) metric: &'static str,
    pub(crate) limit: f64,
    pub(crate) value: Option<f64>,
}

impl Target {
    pub(crate) fn met(&self) -> bool {
        self.value.is_some_and(|v| v <= self.limit)
    }
}

/// The targets the tiles codec is held to.
pub(crate) fn targets(report: &CodecReport) -> Vec<Target> {
    vec![
        Target {
            scenario: "scroll",
            metric: "bytes_ratio",
            limit: 1.5,
            value: report.scroll.bytes_ratio,
        },
        Target {
            scenario: "scroll",
            metric: "encode_ratio",
            limit: 0.3,
            value: report.scroll.encode_ratio,
        },
        Target {
            scenario: "static",
            metric: "tiles_bytes_per_frame",
            limit: 200.0,
            value: Some(report.static_.tiles_bytes_per_frame),
        },
        Target {
            scenario: "scroll",
            metric: "tiles_decode_ms_p50",
            limit: 3.0,
            value: Some(report.scroll.tiles_decode_ms_p50),
        },
    ]
}

/// Runs the benchmark and prints the report.
pub(crate) fn run(args: &CodecArgs) -> Result<()> {
    let report = measure(args)?;
    let table = format_report(&report, args);
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

/// Runs every scenario.
pub(crate) fn measure(args: &CodecArgs) -> Result<CodecReport> {
    if !args.width.is_multiple_of(2) || !args.height.is_multiple_of(2) {
        bail!(
            "screen size {}x{} must have even sides (H.264 encodes YUV 4:2:0)",
            args.width,
            args.height
        );
    }
    let phone = PhoneScreen::new(args.width, args.height)
        .with_context(|| format!("bad screen size {}x{}", args.width, args.height))?;
    let run = |s: Scenario| -> Result<ScenarioReport> {
        let n = args.frames.unwrap_or(s.default_frames());
        eprintln!(
            "{}: rendering {n} frames at {}x{}",
            s.name(),
            args.width,
            args.height
        );
        let frames = s.render(&phone, n);
        eprintln!("{}: encoding", s.name());
        run_scenario(s.name(), frames).with_context(|| format!("scenario {}", s.name()))
    };
    let scroll = run(Scenario::Scroll)?;
    let static_ = run(Scenario::Static)?;
    let app_switch = run(Scenario::AppSwitch)?;
    let n = args.frames.unwrap_or(Scenario::Scroll.default_frames());
    eprintln!("console h264: decoding and uploading {n} scroll frames");
    let console_h264 =
        console_h264::measure(&Scenario::Scroll.render(&phone, n)).context("console h264")?;
    Ok(CodecReport {
        scroll,
        static_,
        app_switch,
        console_h264,
    })
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// What one codec did with a scenario's frames.
#[derive(Debug, Default)]
struct CodecRun {
    bytes: Vec<f64>,
    encode_ms: Vec<f64>,
    decode_ms: Vec<f64>,
    keyframes: usize,
}

impl CodecRun {
    fn bytes_per_frame_with_keyframe(&self) -> f64 {
        mean(&self.bytes).unwrap_or(0.0)
    }

    fn keyframe_bytes(&self) -> usize {
        self.bytes.first().copied().unwrap_or(0.0) as usize
    }

    /// The steady state: frames after the first keyframe (the keyframe alone for a
    /// one-frame run).
    fn bytes_per_frame(&self) -> f64 {
        match self.bytes.get(1..) {
            Some(rest) if !rest.is_empty() => mean(rest).unwrap_or(0.0),
            _ => self.bytes_per_frame_with_keyframe(),
        }
    }
}

fn p(samples: &[f64], pct: u32) -> f64 {
    percentile(samples, pct).unwrap_or(0.0)
}

fn run_scenario(name: &str, frames: Vec<RgbaImage>) -> Result<ScenarioReport> {
    let (Some(first), Ok(n)) = (frames.first(), u32::try_from(frames.len())) else {
        bail!("no frames");
    };
    let (width, height) = (first.width(), first.height());

    // The YUV conversion is not part of the encode time.
    let yuv = frames
        .iter()
        .map(h264::to_yuv)
        .collect::<Result<Vec<_>>>()?;
    let (mut tiles, h264, payloads) = encode_interleaved(&frames, &yuv)?;
    drop(yuv);
    decode_and_verify(&mut tiles, &payloads, &frames)?;
    eprintln!(
        "{name}: tiles {:.0} B/frame, h264 {:.0} B/frame",
        tiles.bytes_per_frame(),
        h264.bytes_per_frame()
    );

    let tiles_encode_p50 = p(&tiles.encode_ms, 50);
    let h264_encode_p50 = p(&h264.encode_ms, 50);
    Ok(ScenarioReport {
        frames: n,
        width,
        height,
        tiles_bytes_per_frame: tiles.bytes_per_frame(),
        h264_bytes_per_frame: h264.bytes_per_frame(),
        bytes_ratio: ratio(tiles.bytes_per_frame(), h264.bytes_per_frame()),
        tiles_keyframe_bytes: tiles.keyframe_bytes(),
        h264_keyframe_bytes: h264.keyframe_bytes(),
        tiles_bytes_per_frame_with_keyframe: tiles.bytes_per_frame_with_keyframe(),
        h264_bytes_per_frame_with_keyframe: h264.bytes_per_frame_with_keyframe(),
        tiles_empty_frames: tiles.bytes.iter().filter(|&&b| b == 0.0).count(),
        h264_keyframes: h264.keyframes,
        tiles_encode_ms_p50: tiles_encode_p50,
        tiles_encode_ms_p95: p(&tiles.encode_ms, 95),
        h264_encode_ms_p50: h264_encode_p50,
        h264_encode_ms_p95: p(&h264.encode_ms, 95),
        encode_ratio: ratio(tiles_encode_p50, h264_encode_p50),
        tiles_decode_ms_p50: p(&tiles.decode_ms, 50),
        tiles_decode_ms_p95: p(&tiles.decode_ms, 95),
    })
}

/// Encodes every frame with the tiles codec, then decodes every payload and checks that
/// the decoder's image equals the source frame.
/// Encodes every frame with both codecs, frame by frame, so that both see the same load on a
/// shared machine: a burst of other work slows one frame of each rather than one codec's run.
fn encode_interleaved(
    frames: &[RgbaImage],
    yuv: &[openh264::formats::YUVBuffer],
) -> Result<(CodecRun, CodecRun, Vec<EncodedFrame>)> {
    let mut tiles = CodecRun::default();
    let mut h264 = CodecRun::default();
    let mut tile_encoder = TileEncoder::new();
    let mut h264_encoder = H264Encoder::new()?;
    let mut payloads = Vec::with_capacity(frames.len());
    for (i, (frame, yuv_frame)) in frames.iter().zip(yuv).enumerate() {
        let start = Instant::now();
        let encoded = tile_encoder.encode(frame);
        tiles.encode_ms.push(millis(start.elapsed()));
        tiles.bytes.push(encoded.payload.len() as f64);
        if encoded.keyframe {
            tiles.keyframes += 1;
        }
        payloads.push(encoded);

        let out = h264_encoder
            .encode(yuv_frame)
            .with_context(|| format!("h264: frame {i}"))?;
        h264.encode_ms.push(millis(out.encode_time));
        h264.bytes.push(out.bytes as f64);
        if out.keyframe {
            h264.keyframes += 1;
        }
    }
    if !payloads.first().is_some_and(|f| f.keyframe) {
        bail!("tiles: the first frame is not a keyframe");
    }
    Ok((tiles, h264, payloads))
}

/// Decodes every tiles payload, timing it, and fails unless each decoded image equals its
/// source exactly.
fn decode_and_verify(
    run: &mut CodecRun,
    payloads: &[EncodedFrame],
    frames: &[RgbaImage],
) -> Result<()> {
    let mut decoder = TileDecoder::new();
    for (i, (encoded, frame)) in payloads.iter().zip(frames).enumerate() {
        if !encoded.payload.is_empty() {
            let start = Instant::now();
            let damage = decoder.decode(&encoded.payload);
            run.decode_ms.push(millis(start.elapsed()));
            damage.with_context(|| {
                format!(
                    "tiles: frame {i} ({} bytes) did not decode",
                    encoded.payload.len()
                )
            })?;
        }
        let Some(decoded) = decoder.image() else {
            bail!("tiles: the decoder has no image after frame {i}");
        };
        if decoded != frame {
            bail!("tiles: frame {i} {}", describe_mismatch(decoded, frame));
        }
    }
    Ok(())
}

/// Says how a decoded image differs from its source.
fn describe_mismatch(decoded: &RgbaImage, source: &RgbaImage) -> String {
    if (decoded.width(), decoded.height()) != (source.width(), source.height()) {
        return format!(
            "decoded to {}x{}, the source is {}x{}",
            decoded.width(),
            decoded.height(),
            source.width(),
            source.height()
        );
    }
    let mut differing = 0usize;
    let mut first = None;
    for y in 0..source.height() {
        for x in 0..source.width() {
            let (d, s) = (decoded.pixel(x, y), source.pixel(x, y));
            if d != s {
                differing += 1;
                first.get_or_insert((x, y, d, s));
            }
        }
    }
    match first {
        Some((x, y, d, s)) => format!(
            "decoded with {differing} wrong pixels, first at ({x}, {y}): got {d:?}, want {s:?}"
        ),
        None => "decoded differently from its source".to_owned(),
    }
}

#[cfg(test)]
mod tests;
