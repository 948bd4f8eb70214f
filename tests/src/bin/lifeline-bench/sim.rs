//! `lifeline-bench sim`: the simulated phone and the agent's session core at 1080×2400.
//!
//! - `scroll`: the technician drags the Settings list (8 px a frame, 60 fps, up the screen
//!   and back down without lifting the finger). Each frame, the phone's render is timed on its own
//!   (`capture`), then the session core's poll (`encode`: pacing, the frame window, the tiles
//!   encoder; the screen is already drawn). Every frame is acknowledged at once, so the
//!   window never holds a frame back.
//! - `idle`: the session core polled at 60 Hz on an untouched phone, starting just after the
//!   status-bar clock's minute turned (it changes the screen once a minute): the cost per
//!   poll and the frames sent (expected 0).
//!
//! One thread, on the phone's virtual clock.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use lifeline_agent_android::device::Device;
use lifeline_agent_android::session::{Action, Approval, Now, SessionConfig, SessionCore};
use lifeline_agent_android::sim::{AppId, Screen, SimPhone, Target};
use lifeline_protocol::consent::{Capability, PortalPolicy};
use lifeline_protocol::messages::control::ControlMessage;
use lifeline_protocol::messages::handshake::Welcome;
use lifeline_protocol::messages::input::{InputEvent, TouchEvent, TouchPhase};
use lifeline_protocol::messages::video::VideoMessage;
use serde::Serialize;

use crate::stats::{mean, percentile};

/// One frame at 60 fps.
const FRAME: Duration = Duration::from_micros(16_667);
/// How far the finger moves per frame.
const DRAG_STEP_PX: u32 = 8;
/// The per-frame budget the issue sets.
const TARGET_MS: f64 = 10.0;

/// Options of `lifeline-bench sim`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct SimArgs {
    /// Print the report as one JSON object on the last line of stdout; the table goes to
    /// stderr.
    #[arg(long)]
    pub(crate) json: bool,
    /// Frames of scrolling.
    #[arg(long, default_value_t = 240, value_parser = clap::value_parser!(u32).range(1..))]
    pub(crate) frames: u32,
    /// Polls of the idle phone (60 per second of phone time; at most 3000 so the clock's
    /// minute does not turn).
    #[arg(long, default_value_t = 3000, value_parser = clap::value_parser!(u32).range(1..=3000))]
    pub(crate) idle_ticks: u32,
    /// Phone profile (see `lifeline-agent profiles`).
    #[arg(long, default_value = "samsung")]
    pub(crate) profile: String,
}

/// Milliseconds: median, 95th percentile, mean.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Spread {
    p50_ms: f64,
    p95_ms: f64,
    mean_ms: f64,
}

impl Spread {
    fn of(samples: &[f64]) -> Self {
        Self {
            p50_ms: percentile(samples, 50).unwrap_or(0.0),
            p95_ms: percentile(samples, 95).unwrap_or(0.0),
            mean_ms: mean(samples).unwrap_or(0.0),
        }
    }
}

/// The report.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SimReport {
    width: u32,
    height: u32,
    frames: u32,
    frames_sent: u64,
    bytes_per_frame: f64,
    render: Spread,
    encode: Spread,
    total: Spread,
    target_ms: f64,
    idle_ticks: u32,
    idle_us_per_tick: f64,
    idle_frames_sent: u64,
    idle_renders: u64,
}

/// The session core and its phone on a virtual clock.
struct Bench {
    core: SessionCore,
    phone: SimPhone,
    now: Duration,
    frames_sent: u64,
    bytes_sent: u64,
}

impl Bench {
    fn new(profile: &str) -> Result<Self> {
        let phone = SimPhone::with_profile(profile)
            .with_context(|| format!("no simulated phone profile {profile:?}"))?;
        let welcome = Welcome {
            session_id: 1,
            policy: PortalPolicy::default(),
            recorded: false,
            identifier: None,
        };
        let config = SessionConfig {
            approval: Approval::All,
            ..SessionConfig::default()
        };
        let mut bench = Self {
            core: SessionCore::new(welcome, phone.capabilities(), config),
            phone,
            now: Duration::ZERO,
            frames_sent: 0,
            bytes_sent: 0,
        };
        bench.core.peer_joined("bench", &mut bench.phone);
        for capability in [Capability::ScreenView, Capability::RemoteControl] {
            bench.control(ControlMessage::ConsentRequest { capability });
        }
        if !bench.core.status().control_granted {
            bail!("profile {profile} cannot share its screen; choose another");
        }
        Ok(bench)
    }

    fn at(&self) -> Now {
        Now::virtual_at(self.now)
    }

    fn control(&mut self, message: ControlMessage) {
        let now = self.at();
        self.core.on_control(message, &mut self.phone, now);
        self.drain();
    }

    fn touch(&mut self, phase: TouchPhase, x: u32, y: u32) {
        let event = InputEvent::Touch(TouchEvent {
            phase,
            pointer: 0,
            x,
            y,
            frame: self.phone.frame_size(),
            at_us: u64::try_from(self.now.as_micros()).unwrap_or(u64::MAX),
        });
        let now = self.at();
        self.core.on_input(&event, &mut self.phone, now);
    }

    fn poll(&mut self) {
        let now = self.at();
        self.core.poll(&mut self.phone, now);
    }

    /// Takes the core's actions; acknowledges every frame at once. Returns frames sent.
    fn drain(&mut self) -> u64 {
        let mut last = None;
        let mut frames = 0;
        while let Some(action) = self.core.poll_action() {
            if let Action::Video(VideoMessage::Frame(frame)) = action {
                frames += 1;
                self.bytes_sent += frame.payload.len() as u64;
                last = Some(frame.sequence);
            }
        }
        if let Some(sequence) = last {
            let now = self.at();
            self.core
                .on_control(ControlMessage::FrameAck { sequence }, &mut self.phone, now);
        }
        self.frames_sent += frames;
        frames
    }

    /// Lets phone time pass one frame at a time until the screen settles.
    fn settle(&mut self) {
        for _ in 0..600 {
            self.now += FRAME;
            self.poll();
            self.drain();
            if !self.phone.screen_changed()
                && self.phone.next_tick().is_none_or(|t| t > self.now + FRAME)
                && !self.phone.ui().flinging
            {
                return;
            }
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Runs the benchmark and prints the report.
pub(crate) fn run(args: &SimArgs) -> Result<()> {
    let report = measure(args)?;
    let table = format_report(&report);
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

fn measure(args: &SimArgs) -> Result<SimReport> {
    let mut b = Bench::new(&args.profile)?;
    b.poll();
    b.drain();
    let (x, y) = b
        .phone
        .locate(Target::AppIcon(AppId::Settings))
        .context("the Settings icon is not on the home screen")?;
    b.touch(TouchPhase::Down, x, y);
    b.now += Duration::from_millis(60);
    b.touch(TouchPhase::Up, x, y);
    b.settle();
    if !matches!(
        b.phone.ui().screen,
        Screen::App {
            app: AppId::Settings,
            ..
        }
    ) {
        bail!("tapping the Settings icon did not open Settings");
    }
    let size = b.phone.frame_size();

    // Scroll: the finger drags the list up 8 px a frame, then back down, and so on, never
    // lifting (so every frame moves the list; a new touch would first have to pass the slop).
    let (bottom, top) = (size.height * 9 / 10, size.height / 5);
    let x = size.width / 2;
    let mut y = bottom;
    let mut up = true;
    b.touch(TouchPhase::Down, x, y);
    for _ in 0..4 {
        b.now += FRAME;
        y -= DRAG_STEP_PX;
        b.touch(TouchPhase::Move, x, y);
    }
    b.poll();
    b.drain();
    let (mut render, mut encode, mut total) = (Vec::new(), Vec::new(), Vec::new());
    let (sent_before, bytes_before) = (b.frames_sent, b.bytes_sent);
    for _ in 0..args.frames {
        b.now += FRAME;
        if up && y < top + DRAG_STEP_PX {
            up = false;
        } else if !up && y + DRAG_STEP_PX > bottom {
            up = true;
        }
        if up {
            y -= DRAG_STEP_PX;
        } else {
            y += DRAG_STEP_PX;
        }
        b.touch(TouchPhase::Move, x, y);
        let now = b.now;
        let t0 = Instant::now();
        let drawn = b.phone.capture(now).is_some();
        let t1 = Instant::now();
        // The screen was drawn above, which clears the phone's "changed" flag.
        b.core.screen_may_have_changed();
        b.poll();
        let t2 = Instant::now();
        b.drain();
        if !drawn {
            bail!("the phone did not capture its screen");
        }
        render.push(ms(t1 - t0));
        encode.push(ms(t2 - t1));
        total.push(ms(t2 - t0));
    }
    let frames_sent = b.frames_sent - sent_before;
    let bytes = b.bytes_sent - bytes_before;
    b.touch(TouchPhase::Up, x, y);
    b.settle();

    // Idle: from just after the clock's minute turned, poll at 60 Hz.
    let minute = Duration::from_secs(60);
    b.now = Duration::from_secs((b.now.as_secs() / 60 + 1) * 60) + Duration::from_millis(100);
    b.poll();
    b.drain();
    let (sent_before, renders_before) = (b.frames_sent, b.phone.render_count());
    let start_minute = b.now.as_secs() / minute.as_secs();
    let t0 = Instant::now();
    for _ in 0..args.idle_ticks {
        b.now += FRAME;
        b.poll();
        b.drain();
    }
    let idle = t0.elapsed();
    debug_assert_eq!(b.now.as_secs() / 60, start_minute);

    Ok(SimReport {
        width: size.width,
        height: size.height,
        frames: args.frames,
        frames_sent,
        bytes_per_frame: bytes as f64 / frames_sent.max(1) as f64,
        render: Spread::of(&render),
        encode: Spread::of(&encode),
        total: Spread::of(&total),
        target_ms: TARGET_MS,
        idle_ticks: args.idle_ticks,
        idle_us_per_tick: idle.as_secs_f64() * 1e6 / f64::from(args.idle_ticks),
        idle_frames_sent: b.frames_sent - sent_before,
        idle_renders: b.phone.render_count() - renders_before,
    })
}

fn format_report(r: &SimReport) -> String {
    let mut out = String::new();
    let row = |out: &mut String, name: &str, s: &Spread| {
        let _ = writeln!(
            out,
            "  {name:<18} p50 {:>6.2} ms   p95 {:>6.2} ms   mean {:>6.2} ms",
            s.p50_ms, s.p95_ms, s.mean_ms
        );
    };
    let _ = writeln!(
        out,
        "sim: Settings scrolled {DRAG_STEP_PX} px/frame at {}x{}, {} frames ({} sent, {:.0} bytes/frame)",
        r.width, r.height, r.frames, r.frames_sent, r.bytes_per_frame
    );
    row(&mut out, "render", &r.render);
    row(&mut out, "encode (session)", &r.encode);
    row(&mut out, "total", &r.total);
    let verdict = if r.total.p95_ms <= r.target_ms {
        "within"
    } else {
        "over"
    };
    let _ = writeln!(
        out,
        "  target {:.0} ms per frame: p95 {verdict}",
        r.target_ms
    );
    let _ = writeln!(
        out,
        "idle: {} polls at 60 Hz, {:.2} us per poll, {} frames sent, {} renders",
        r.idle_ticks, r.idle_us_per_tick, r.idle_frames_sent, r.idle_renders
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_run_sends_every_scroll_frame_and_nothing_while_idle() {
        let args = SimArgs {
            json: false,
            frames: 4,
            idle_ticks: 30,
            profile: "samsung".into(),
        };
        let report = measure(&args).unwrap();
        assert_eq!((report.width, report.height), (1080, 2400));
        assert_eq!(report.frames_sent, 4);
        assert_eq!(report.idle_frames_sent, 0);
        assert_eq!(report.idle_renders, 0);
        assert!(format_report(&report).contains("idle: 30 polls"));
        let old = SimArgs {
            profile: "old".into(),
            ..args
        };
        assert!(
            measure(&old).is_err(),
            "a chat-only phone has no screen to bench"
        );
    }
}
