//! `lifeline-bench latency`: input to photon.
//!
//! The technician side sends a tap at t0 on the Bluetooth switch of the simulated phone
//! (1080×2400, the agent's real session and pacing); the switch flips; the first frame whose
//! switch row differs from before is decoded on the technician side at t1. `t1 - t0` is one
//! sample. Two sessions run side by side in one process, one through an in-process relay on
//! loopback and one with the two peers connected directly (the technician side listens and
//! answers the handshake itself); taps alternate between them, so both see the same load.
//! Each tap waits until its session has been quiet for a while, so pacing never holds a
//! frame back.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use lifeline_agent_android::device::Device as _;
use lifeline_agent_android::session::{self, AgentClock, Approval, SessionConfig, SessionTask};
use lifeline_agent_android::sim::{AppId, Page, Screen, Setting, SettingsPage, SimPhone, Target};
use lifeline_protocol::consent::Capability;
use lifeline_protocol::messages::control::ControlMessage;
use lifeline_protocol::messages::input::{FrameSize, InputEvent, TouchEvent, TouchPhase};
use lifeline_protocol::messages::video::VideoMessage;
use lifeline_protocol::quic::RelaySession;
use lifeline_protocol::video::tiles::TileDecoder;
use lifeline_relay::{Relay, RelayConfig};
use serde::Serialize;
use tokio::sync::mpsc;

use crate::peers::{self, TechEnds, direct::DirectServer};
use crate::stats::percentile;

/// A session is quiet when no frame came for this long; then the next tap goes.
const QUIET: Duration = Duration::from_millis(40);
/// A tap whose change does not show within this long fails the run.
const TAP_TIMEOUT: Duration = Duration::from_secs(3);
/// Taps before the measured ones.
const WARM_UP: u32 = 5;
/// Targets.
const TARGET_RELAY_P50_MS: f64 = 15.0;
const TARGET_RELAY_P95_MS: f64 = 25.0;
const TARGET_ADDED_P50_MS: f64 = 1.0;

/// Options of `lifeline-bench latency`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct LatencyArgs {
    /// Print the report as one JSON object on the last line of stdout.
    #[arg(long)]
    pub(crate) json: bool,
    /// Measured taps per path.
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..))]
    pub(crate) taps: u32,
}

/// Milliseconds.
#[derive(Debug, Clone, Copy, Serialize)]
struct Spread {
    p50_ms: f64,
    p95_ms: f64,
    p99_ms: f64,
}

impl Spread {
    fn of(samples: &[f64]) -> Self {
        let p = |q| (percentile(samples, q).unwrap_or(0.0) * 1000.0).round() / 1000.0;
        Self {
            p50_ms: p(50),
            p95_ms: p(95),
            p99_ms: p(99),
        }
    }
}

#[derive(Debug, Serialize)]
struct Report {
    taps: u32,
    width: u32,
    height: u32,
    relay: Spread,
    direct: Spread,
    relay_added_p50_ms: f64,
}

/// A decoded frame: when, and the switch row's pixels.
#[derive(Debug)]
struct Shown {
    at: Instant,
    row: Vec<u8>,
}

/// One session as the benchmark drives it.
struct Lane {
    name: &'static str,
    phone: Arc<Mutex<SimPhone>>,
    ends: TechEnds,
    shown: mpsc::Receiver<Shown>,
    /// The switch row's rows of pixels (y range), set once the phone is there.
    rows: Arc<Mutex<Option<(u32, u32)>>>,
    last_row: Vec<u8>,
    started: Instant,
    _agent: SessionTask,
}

fn lock(phone: &Mutex<SimPhone>) -> std::sync::MutexGuard<'_, SimPhone> {
    phone
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Lane {
    /// Starts the agent on `customer`, the viewer on `ends`.
    fn new(name: &'static str, customer: RelaySession, ends: TechEnds) -> Result<Self> {
        let phone = Arc::new(Mutex::new(
            SimPhone::with_profile("samsung").context("the samsung profile")?,
        ));
        let config = SessionConfig {
            approval: Approval::All,
            ..SessionConfig::default()
        };
        let (agent, mut frontend) =
            session::start(customer, phone.clone(), config, AgentClock::start());
        // Nobody plays the customer: the frontend's events are read and dropped.
        tokio::spawn(async move { while frontend.events.recv().await.is_some() {} });
        let mut ends = ends;
        let video = std::mem::replace(&mut ends.video, mpsc::channel(1).1);
        let rows = Arc::new(Mutex::new(None));
        let (shown_tx, shown) = mpsc::channel(256);
        tokio::spawn(view(video, ends.control.clone(), rows.clone(), shown_tx));
        Ok(Self {
            name,
            phone,
            ends,
            shown,
            rows,
            last_row: Vec::new(),
            started: Instant::now(),
            _agent: agent,
        })
    }

    async fn grant(&mut self) -> Result<()> {
        for capability in [Capability::ScreenView, Capability::RemoteControl] {
            self.ends
                .control
                .send(ControlMessage::ConsentRequest { capability })
                .await?;
        }
        let mut granted = 0;
        while granted < 2 {
            let message = tokio::time::timeout(TAP_TIMEOUT, self.ends.control_in.recv())
                .await
                .context("waiting for consent")?
                .context("the control stream ended")?;
            if let ControlMessage::ConsentResponse { granted: true, .. } = message {
                granted += 1;
            }
        }
        Ok(())
    }

    fn now_us(&self) -> u64 {
        u64::try_from(self.started.elapsed().as_micros()).unwrap_or(u64::MAX)
    }

    async fn touch(&self, phase: TouchPhase, (x, y): (u32, u32), at_us: u64) -> Result<()> {
        let event = InputEvent::Touch(TouchEvent {
            phase,
            pointer: 0,
            x,
            y,
            frame: FrameSize::new(1080, 2400),
            at_us,
        });
        self.ends.input.send(event).await?;
        Ok(())
    }

    async fn tap(&self, at: (u32, u32)) -> Result<()> {
        let t = self.now_us();
        self.touch(TouchPhase::Down, at, t).await?;
        self.touch(TouchPhase::Up, at, t + 50_000).await
    }

    fn locate(&self, target: Target) -> Result<(u32, u32)> {
        lock(&self.phone)
            .locate(target)
            .with_context(|| format!("{}: {target:?} is not on screen", self.name))
    }

    async fn wait_screen(&self, screen: Screen) -> Result<()> {
        let deadline = Instant::now() + TAP_TIMEOUT;
        while lock(&self.phone).ui().screen != screen {
            if Instant::now() > deadline {
                bail!("{}: the phone did not reach {screen:?}", self.name);
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        Ok(())
    }

    /// Opens Settings → Bluetooth; returns where the switch is.
    async fn go_to_switch(&mut self) -> Result<(u32, u32)> {
        self.tap(self.locate(Target::AppIcon(AppId::Settings))?)
            .await?;
        self.wait_screen(Screen::App {
            app: AppId::Settings,
            page: Page::Main,
        })
        .await?;
        self.tap(self.locate(Target::SettingsRow(SettingsPage::Bluetooth))?)
            .await?;
        self.wait_screen(Screen::App {
            app: AppId::Settings,
            page: Page::Settings(SettingsPage::Bluetooth),
        })
        .await?;
        tokio::time::sleep(Duration::from_millis(600)).await;
        let at = self.locate(Target::Switch(Setting::Bluetooth))?;
        let h = lock(&self.phone).frame_size().height;
        *self
            .rows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) =
            Some((at.1.saturating_sub(40), (at.1 + 40).min(h)));
        Ok(at)
    }

    /// Waits until no frame came for [`QUIET`]; remembers the last switch row shown.
    async fn settle(&mut self) -> Result<()> {
        loop {
            match tokio::time::timeout(QUIET, self.shown.recv()).await {
                Ok(Some(shown)) => self.last_row = shown.row,
                Ok(None) => bail!("{}: the viewer stopped", self.name),
                Err(_) => return Ok(()),
            }
        }
    }

    /// One sample: tap the switch, wait for the frame that shows it flipped.
    async fn sample(&mut self, switch: (u32, u32)) -> Result<f64> {
        self.settle().await?;
        let before = self.last_row.clone();
        let t0 = Instant::now();
        self.tap(switch).await?;
        loop {
            let shown = tokio::time::timeout(TAP_TIMEOUT, self.shown.recv())
                .await
                .with_context(|| format!("{}: the tap never showed", self.name))?
                .with_context(|| format!("{}: the viewer stopped", self.name))?;
            let changed = shown.row != before;
            self.last_row = shown.row;
            if changed {
                return Ok(shown.at.duration_since(t0).as_secs_f64() * 1000.0);
            }
        }
    }
}

/// The technician's viewer: decodes every frame, acknowledges it, and reports when it was
/// decoded with the switch row's pixels.
async fn view(
    mut video: mpsc::Receiver<VideoMessage>,
    control: mpsc::Sender<ControlMessage>,
    rows: Arc<Mutex<Option<(u32, u32)>>>,
    shown: mpsc::Sender<Shown>,
) {
    let mut decoder = TileDecoder::new();
    while let Some(message) = video.recv().await {
        let VideoMessage::Frame(frame) = message else {
            continue;
        };
        if decoder.decode(&frame.payload).is_err() {
            return;
        }
        let at = Instant::now();
        let span = *rows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let row = match (span, decoder.image()) {
            (Some((y0, y1)), Some(image)) => {
                let stride = image.width() as usize * 4;
                image.data()[y0 as usize * stride..y1 as usize * stride].to_vec()
            }
            _ => Vec::new(),
        };
        let _ = control
            .send(ControlMessage::FrameAck {
                sequence: frame.sequence,
            })
            .await;
        if shown.send(Shown { at, row }).await.is_err() {
            return;
        }
    }
}

/// What must outlive the measurement: the relay, its data, the direct server.
type Keep = (lifeline_relay::RelayHandle, tempfile::TempDir, DirectServer);

async fn lanes() -> Result<(Lane, Lane, Keep)> {
    // Through the relay.
    let dir = tempfile::tempdir()?;
    let relay = Relay::start(RelayConfig::loopback(dir.path())).await?;
    let ticket = peers::tickets(&relay, 1).await?.pop().context("a ticket")?;
    let device = SimPhone::with_profile("samsung")
        .context("the samsung profile")?
        .summary();
    let (tech, customer) =
        peers::pair_via_relay(relay.quic_addr, relay.fingerprint, &ticket, device.clone()).await?;
    let (_, tech_peer, mut notices) = tech.into_parts();
    tokio::spawn(async move { while let Ok(Some(_)) = notices.next().await {} });
    let relayed = Lane::new(
        "relay",
        customer,
        peers::tech_ends_via_relay(tech_peer).await?,
    )?;

    // Directly.
    let server = DirectServer::start()?;
    let (addr, fingerprint) = (server.addr, server.fingerprint);
    let code = ticket.code;
    let accepting = tokio::spawn(async move {
        let conn = server.accept().await;
        (conn, server)
    });
    let customer = peers::connect_customer(addr, fingerprint, code, device).await?;
    let (conn, server) = accepting.await?;
    let direct = Lane::new("direct", customer, peers::direct::tech_ends(conn?).await?)?;
    Ok((relayed, direct, (relay, dir, server)))
}

pub(crate) fn run(args: &LatencyArgs) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let report = runtime.block_on(measure(args))?;
    eprintln!(
        "input to photon, {} taps per path at {}x{}:",
        report.taps, report.width, report.height
    );
    for (name, s) in [("relay", report.relay), ("direct", report.direct)] {
        eprintln!(
            "  {name:<7} p50 {:>7.2} ms   p95 {:>7.2} ms   p99 {:>7.2} ms",
            s.p50_ms, s.p95_ms, s.p99_ms
        );
    }
    eprintln!(
        "  the relay adds {:.2} ms at p50",
        report.relay_added_p50_ms
    );
    let verdict = |ok: bool| if ok { "met" } else { "MISSED" };
    eprintln!(
        "targets: relay p50 <= {TARGET_RELAY_P50_MS} ms ({}), p95 <= {TARGET_RELAY_P95_MS} ms ({}), added p50 <= {TARGET_ADDED_P50_MS} ms ({})",
        verdict(report.relay.p50_ms <= TARGET_RELAY_P50_MS),
        verdict(report.relay.p95_ms <= TARGET_RELAY_P95_MS),
        verdict(report.relay_added_p50_ms <= TARGET_ADDED_P50_MS),
    );
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
    }
    // The sessions' tasks end with the runtime.
    runtime.shutdown_timeout(Duration::from_secs(1));
    Ok(())
}

async fn measure(args: &LatencyArgs) -> Result<Report> {
    lifeline_console::net::tls::install_crypto();
    let (mut relayed, mut direct, _keep) = lanes().await?;
    let mut switches = Vec::new();
    for lane in [&mut relayed, &mut direct] {
        lane.grant().await?;
        switches.push(lane.go_to_switch().await?);
    }
    let (mut via_relay, mut via_direct) = (Vec::new(), Vec::new());
    for i in 0..args.taps + WARM_UP {
        let r = relayed.sample(switches[0]).await?;
        let d = direct.sample(switches[1]).await?;
        if i >= WARM_UP {
            via_relay.push(r);
            via_direct.push(d);
        }
    }
    let (relay, direct) = (Spread::of(&via_relay), Spread::of(&via_direct));
    Ok(Report {
        taps: args.taps,
        width: 1080,
        height: 2400,
        relay,
        direct,
        relay_added_p50_ms: ((relay.p50_ms - direct.p50_ms) * 1000.0).round() / 1000.0,
    })
}
