//! The load part of `lifeline-bench relay`: many paired sessions at once, each customer
//! sending frames of typical sizes at 30 a second, through the relay child and then on
//! direct connections. The sessions are independent, so each starts at its own point of the
//! frame tick and of the two-second cycle of sizes.

use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use lifeline_protocol::messages::video::{VideoFrame, VideoMessage};
use lifeline_protocol::quic::Peer;
use serde::Serialize;
use tokio::task::JoinSet;

use crate::peers::{self, TechEnds, direct::DirectServer};
use crate::relay::{customer_peer, tech_ends};
use crate::relay_child::RelayChild;
use crate::stats::percentile;

/// Frames per second per session.
const FPS: u32 = 30;

/// Memory samples taken through the middle half of the loaded run.
const MEMORY_SAMPLES: u32 = 9;

/// The sizes of two seconds of frames: one app switch, scrolling, a blinking caret.
fn frame_size(sequence: u64) -> usize {
    match sequence % u64::from(2 * FPS) {
        0 => 71_353,
        n if n % 6 == 0 => 60,
        _ => 1_180,
    }
}

/// What the load test found.
#[derive(Debug, Serialize)]
pub(crate) struct LoadReport {
    pub(crate) count: u32,
    pub(crate) seconds: u32,
    pub(crate) frames_per_s: u32,
    pub(crate) frames_delivered: usize,
    /// The relay child's CPU time over the run, percent of one core.
    pub(crate) relay_cpu_percent: f64,
    pub(crate) relay_p50_ms: f64,
    pub(crate) relay_p99_ms: f64,
    pub(crate) direct_p50_ms: f64,
    pub(crate) direct_p99_ms: f64,
    /// Relay p99 minus direct p99, one way.
    pub(crate) p99_added_ms: f64,
    /// (Relay RSS with the sessions running − RSS before they connected) / sessions; the
    /// median of [`MEMORY_SAMPLES`] samples.
    pub(crate) rss_per_session_kib: f64,
    /// (Memory the relay has allocated with the sessions running − before they connected) /
    /// sessions: what the sessions hold, whether or not the allocator had it in reserve; the
    /// median sample.
    pub(crate) heap_per_session_kib: f64,
    /// The same from the largest sample: the moment the most was in flight.
    pub(crate) heap_max_per_session_kib: f64,
    /// The same, with the sessions paired but before any frame: what an idle session holds.
    pub(crate) heap_idle_per_session_kib: f64,
}

/// Where one session of `count` stands in the two-second cycle of [`frame_size`]: sessions
/// are independent, so their frame ticks and app switches are spread evenly instead of all
/// falling on the same instant. Returns the delay before its first frame and the frame of
/// the cycle it starts with.
fn phase(index: u32, count: u32) -> (Duration, u64) {
    let cycle = 2 * FPS;
    let slot = u64::from(index) * u64::from(cycle) / u64::from(count.max(1));
    let within_tick = (Duration::from_secs(1) / FPS) * index / count.max(1);
    (within_tick, slot)
}

/// Sends frames at [`FPS`] until `until`, starting `phase` into the cycle; each carries its
/// send time in `timestamp_us`.
async fn send_frames(
    customer: Peer,
    base: Instant,
    until: Instant,
    (delay, first): (Duration, u64),
) -> Result<()> {
    let mut video = customer.open_video().await?;
    tokio::time::sleep(delay).await;
    let mut tick = tokio::time::interval(Duration::from_secs(1) / FPS);
    let mut sequence = first;
    while Instant::now() < until {
        tick.tick().await;
        let frame = VideoFrame {
            sequence,
            timestamp_us: u64::try_from(base.elapsed().as_micros()).unwrap_or(u64::MAX),
            keyframe: sequence == first,
            payload: vec![0x3c; frame_size(sequence)],
        };
        video.send(&VideoMessage::Frame(frame)).await?;
        sequence += 1;
    }
    // Keep the customer connected until the technician side is done reading.
    tokio::time::sleep(Duration::from_millis(500)).await;
    drop(customer);
    Ok(())
}

/// Receives frames until `until` (plus a grace); one-way latencies in milliseconds.
async fn receive_frames(mut ends: TechEnds, base: Instant, until: Instant) -> Vec<f64> {
    let mut latencies = Vec::new();
    let deadline = tokio::time::Instant::from_std(until + Duration::from_millis(400));
    while let Ok(Some(message)) = tokio::time::timeout_at(deadline, ends.video.recv()).await {
        if let VideoMessage::Frame(frame) = message {
            let now = base.elapsed().as_micros() as f64;
            latencies.push((now - frame.timestamp_us as f64) / 1000.0);
        }
    }
    latencies
}

/// Runs the load on `pairs` for `seconds`; all latencies.
async fn drive(pairs: Vec<(TechEnds, Peer)>, seconds: u32) -> Result<Vec<f64>> {
    let base = Instant::now();
    let until = base + Duration::from_secs(u64::from(seconds)) + Duration::from_millis(200);
    let mut senders = JoinSet::new();
    let mut receivers = JoinSet::new();
    let count = u32::try_from(pairs.len()).unwrap_or(u32::MAX);
    for (index, (ends, customer)) in (0..).zip(pairs) {
        senders.spawn(send_frames(customer, base, until, phase(index, count)));
        receivers.spawn(receive_frames(ends, base, until));
    }
    let mut all = Vec::new();
    while let Some(got) = receivers.join_next().await {
        all.extend(got?);
    }
    while let Some(sent) = senders.join_next().await {
        sent??;
    }
    Ok(all)
}

/// Load through the relay child and then directly; the report.
pub(crate) async fn run(
    relay: &RelayChild,
    server: &DirectServer,
    count: u32,
    seconds: u32,
) -> Result<LoadReport> {
    // Through the relay: the child's memory before and with the sessions.
    let (rss_before, heap_before) = (relay.rss_kib()?, relay.heap_kib()?);
    let mut pairs = Vec::new();
    for ticket in relay.tickets.iter().skip(1).take(count as usize) {
        let (tech, customer) = peers::pair_via_relay(
            relay.quic_addr,
            relay.fingerprint,
            ticket,
            peers::plain_device(),
        )
        .await?;
        pairs.push((tech_ends(tech).await?, customer_peer(customer)));
    }
    anyhow::ensure!(pairs.len() == count as usize, "not enough codes");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (rss_paired, heap_paired) = (relay.rss_kib()?, relay.heap_kib()?);
    let cpu0 = relay.cpu_seconds()?;
    let wall0 = Instant::now();
    let measuring = tokio::spawn(drive(pairs, seconds));
    // Memory with traffic flowing: samples through the middle half of the run, which spans
    // app switches (a burst every two seconds) and the scrolling between them.
    let run = Duration::from_secs(u64::from(seconds));
    tokio::time::sleep(run / 4).await;
    let (mut rss_samples, mut heap_samples) = (Vec::new(), Vec::new());
    for _ in 0..MEMORY_SAMPLES {
        rss_samples.push(relay.rss_kib()?.max(rss_paired));
        heap_samples.push(relay.heap_kib()?);
        tokio::time::sleep(run / 2 / MEMORY_SAMPLES).await;
    }
    let via_relay = measuring.await??;
    let cpu = relay.cpu_seconds()? - cpu0;
    let wall = wall0.elapsed().as_secs_f64();

    // The same load on direct connections.
    let mut pairs = Vec::new();
    let code = relay.tickets.first().context("a ticket")?.code;
    for _ in 0..count {
        let (addr, fingerprint) = (server.addr, server.fingerprint);
        let customer = tokio::spawn(peers::connect_customer(
            addr,
            fingerprint,
            code,
            peers::plain_device(),
        ));
        let conn = server.accept().await?;
        let customer = customer.await??;
        pairs.push((
            peers::direct::tech_ends(conn).await?,
            customer_peer(customer),
        ));
    }
    let direct = drive(pairs, seconds).await?;

    let ms = |samples: &[f64], p| (percentile(samples, p).unwrap_or(0.0) * 100.0).round() / 100.0;
    let (relay_p99_ms, direct_p99_ms) = (ms(&via_relay, 99), ms(&direct, 99));
    Ok(LoadReport {
        count,
        seconds,
        frames_per_s: FPS,
        frames_delivered: via_relay.len(),
        relay_cpu_percent: (cpu / wall * 1000.0).round() / 10.0,
        relay_p50_ms: ms(&via_relay, 50),
        relay_p99_ms,
        direct_p50_ms: ms(&direct, 50),
        direct_p99_ms,
        p99_added_ms: ((relay_p99_ms - direct_p99_ms) * 100.0).round() / 100.0,
        rss_per_session_kib: kib_each(
            median(&rss_samples).saturating_sub(rss_before),
            count as usize,
        ),
        heap_per_session_kib: kib_each(
            median(&heap_samples).saturating_sub(heap_before),
            count as usize,
        ),
        heap_max_per_session_kib: kib_each(
            heap_samples
                .iter()
                .copied()
                .max()
                .unwrap_or(0)
                .saturating_sub(heap_before),
            count as usize,
        ),
        heap_idle_per_session_kib: kib_each(
            heap_paired.saturating_sub(heap_before),
            count as usize,
        ),
    })
}

/// The middle sample (samples are not empty: [`MEMORY_SAMPLES`] of them).
fn median(samples: &[u64]) -> u64 {
    let mut sorted = samples.to_vec();
    sorted.sort_unstable();
    sorted.get(sorted.len() / 2).copied().unwrap_or(0)
}

/// `kib` shared by `sessions`, to a tenth.
fn kib_each(kib: u64, sessions: usize) -> f64 {
    (kib as f64 / sessions.max(1) as f64 * 10.0).round() / 10.0
}
