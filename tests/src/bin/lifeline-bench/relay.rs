//! `lifeline-bench relay`: what the relay costs compared with two peers connected directly.
//!
//! The relay runs as a child process (`serve-relay`) so its CPU time and memory are its
//! own; the direct path is a QUIC server in this process that stands where the relay would
//! ([`crate::peers::direct`]). Both paths carry the same framed peer streams.
//!
//! - `small_rtt_us`: a 64-byte control message to the customer side and its echo back,
//!   relay and direct alternating message by message;
//! - `bulk_mb_s`: one video stream of 256 KiB frames, customer to technician, the best of
//!   three alternating runs per path;
//! - `sessions`: N paired sessions at once, each customer sending 30 frames a second of
//!   typical sizes (scroll 1,180 B, static caret 60 B, an app switch of 71 KB every two
//!   seconds), the sessions' ticks and app switches spread evenly over the cycle as
//!   independent sessions' would be; per frame the one-way latency; the relay child's CPU
//!   and memory. The same load then runs on direct connections; "added" is relay minus
//!   direct.

use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use lifeline_protocol::framing::{encode, max_frame_len};
use lifeline_protocol::messages::control::{ChatId, ChatMessage, ControlMessage};
use lifeline_protocol::messages::video::{VideoFrame, VideoMessage};
use lifeline_protocol::messages::{Party, StreamKind, UnixMillis};
use lifeline_protocol::quic::{IncomingStream, Peer, RelaySession};
use serde::Serialize;

use crate::peers::{self, TechEnds, direct::DirectServer};
use crate::relay_child::RelayChild;
use crate::relay_load::{self, LoadReport};
use crate::stats::percentile;

/// Bulk frames' payload.
const BULK_FRAME: usize = 256 * 1024;
/// Targets.
const TARGET_BULK_RATIO: f64 = 0.6;
const TARGET_ADDED_P99_MS: f64 = 5.0;
const TARGET_KIB_PER_SESSION: f64 = 100.0;

/// Options of `lifeline-bench relay`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct RelayArgs {
    /// Print the report as one JSON object on the last line of stdout.
    #[arg(long)]
    pub(crate) json: bool,
    /// Concurrent paired sessions in the load test.
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..=2000))]
    pub(crate) sessions: u32,
    /// Seconds the load runs, per path.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=600))]
    pub(crate) seconds: u32,
    /// Small-message round trips per path.
    #[arg(long, default_value_t = 2000, value_parser = clap::value_parser!(u32).range(1..))]
    pub(crate) round_trips: u32,
    /// Megabytes per bulk run.
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub(crate) bulk_mb: u32,
}

/// Microseconds.
#[derive(Debug, Clone, Copy, Serialize)]
struct Micros {
    p50: f64,
    p99: f64,
}

impl Micros {
    fn of(samples: &[f64]) -> Self {
        Self {
            p50: percentile(samples, 50).unwrap_or(0.0).round(),
            p99: percentile(samples, 99).unwrap_or(0.0).round(),
        }
    }
}

#[derive(Debug, Serialize)]
struct SmallRtt {
    bytes: usize,
    relay: Micros,
    direct: Micros,
}

#[derive(Debug, Serialize)]
struct Bulk {
    relay: f64,
    direct: f64,
    ratio: f64,
}

#[derive(Debug, Serialize)]
struct Report {
    small_rtt_us: SmallRtt,
    bulk_mb_s: Bulk,
    sessions: LoadReport,
}

/// A chat message whose frame is exactly `bytes` long (or the shortest possible).
fn small_message(bytes: usize) -> Result<ControlMessage> {
    let mut text = String::from("x");
    loop {
        let message = ControlMessage::Chat(ChatMessage::new(
            ChatId(1),
            Party::Technician,
            UnixMillis(1),
            text.clone(),
        )?);
        let len = encode(&message, max_frame_len(StreamKind::Control))?.len();
        if len >= bytes {
            return Ok(message);
        }
        text.push('x');
    }
}

/// The customer side of the echo: every control message goes straight back.
async fn echo(peer: Peer) {
    while let Ok(stream) = peer.accept_stream().await {
        if let IncomingStream::Control(mut tx, mut rx) = stream {
            tokio::spawn(async move {
                while let Ok(Some(message)) = rx.recv().await {
                    if tx.send(&message).await.is_err() {
                        return;
                    }
                }
            });
        }
    }
}

/// One session through the relay child and one direct: (technician ends, customer peer).
struct Pairs {
    relay: (TechEnds, Peer),
    direct: (TechEnds, Peer),
}

async fn pair_both(relay: &RelayChild, server: &DirectServer) -> Result<Pairs> {
    let ticket = relay.tickets.first().context("a ticket")?;
    let (tech, customer) = peers::pair_via_relay(
        relay.quic_addr,
        relay.fingerprint,
        ticket,
        peers::plain_device(),
    )
    .await?;
    let via_relay = (tech_ends(tech).await?, customer_peer(customer));
    let (addr, fingerprint, code) = (server.addr, server.fingerprint, ticket.code);
    let customer = tokio::spawn(peers::connect_customer(
        addr,
        fingerprint,
        code,
        peers::plain_device(),
    ));
    let conn = server.accept().await?;
    let customer = customer.await??;
    let direct = (
        peers::direct::tech_ends(conn).await?,
        customer_peer(customer),
    );
    Ok(Pairs {
        relay: via_relay,
        direct,
    })
}

/// The technician's ends of a relayed session; its notices are read and dropped.
pub(crate) async fn tech_ends(session: RelaySession) -> Result<TechEnds> {
    let (_, peer, mut notices) = session.into_parts();
    tokio::spawn(async move { while let Ok(Some(_)) = notices.next().await {} });
    peers::tech_ends_via_relay(peer).await
}

/// The customer's peer; its notices are read and dropped.
pub(crate) fn customer_peer(session: RelaySession) -> Peer {
    let (_, peer, mut notices) = session.into_parts();
    tokio::spawn(async move { while let Ok(Some(_)) = notices.next().await {} });
    peer
}

async fn round_trip(ends: &mut TechEnds, message: &ControlMessage) -> Result<f64> {
    let t0 = Instant::now();
    ends.control.send(message.clone()).await?;
    ends.control_in.recv().await.context("the echo stopped")?;
    Ok(t0.elapsed().as_secs_f64() * 1e6)
}

async fn small_rtt(pairs: &mut Pairs, n: u32) -> Result<SmallRtt> {
    let message = small_message(64)?;
    let bytes = encode(&message, max_frame_len(StreamKind::Control))?.len();
    for peer in [pairs.relay.1.clone(), pairs.direct.1.clone()] {
        tokio::spawn(echo(peer));
    }
    let (mut relay, mut direct) = (Vec::new(), Vec::new());
    for i in 0..n + 50 {
        let r = round_trip(&mut pairs.relay.0, &message).await?;
        let d = round_trip(&mut pairs.direct.0, &message).await?;
        if i >= 50 {
            relay.push(r);
            direct.push(d);
        }
    }
    Ok(SmallRtt {
        bytes,
        relay: Micros::of(&relay),
        direct: Micros::of(&direct),
    })
}

/// Sends `total` bytes of video frames from `customer` to `ends`; MB/s at the receiver.
async fn bulk_run(ends: &mut TechEnds, customer: &Peer, total: usize) -> Result<f64> {
    let mut video = customer.open_video().await?;
    let frames = total.div_ceil(BULK_FRAME);
    let t0 = Instant::now();
    let sender = tokio::spawn(async move {
        for sequence in 0..frames as u64 {
            let frame = VideoMessage::Frame(VideoFrame {
                sequence,
                timestamp_us: 0,
                keyframe: false,
                payload: vec![0x5a; BULK_FRAME],
            });
            if video.send(&frame).await.is_err() {
                return;
            }
        }
        let _ = video.finish();
    });
    let mut received = 0usize;
    while received < frames {
        match tokio::time::timeout(Duration::from_secs(30), ends.video.recv()).await {
            Ok(Some(VideoMessage::Frame(_))) => received += 1,
            Ok(Some(VideoMessage::StreamStart(_))) => {}
            Ok(None) | Err(_) => anyhow::bail!("the bulk stream stalled"),
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    sender.await?;
    Ok((frames * BULK_FRAME) as f64 / 1e6 / secs)
}

async fn bulk(pairs: &mut Pairs, mb: u32) -> Result<Bulk> {
    let total = mb as usize * 1_000_000;
    let (mut relay, mut direct) = (0.0f64, 0.0f64);
    for _ in 0..3 {
        relay = relay.max(bulk_run(&mut pairs.relay.0, &pairs.relay.1, total).await?);
        direct = direct.max(bulk_run(&mut pairs.direct.0, &pairs.direct.1, total).await?);
    }
    Ok(Bulk {
        relay: (relay * 10.0).round() / 10.0,
        direct: (direct * 10.0).round() / 10.0,
        ratio: (relay / direct * 1000.0).round() / 1000.0,
    })
}

pub(crate) fn run(args: &RelayArgs) -> Result<()> {
    lifeline_console::net::tls::install_crypto();
    let relay = RelayChild::start(1)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let report = runtime.block_on(async {
        let server = DirectServer::start()?;
        let mut pairs = pair_both(&relay, &server).await?;
        let small_rtt_us = small_rtt(&mut pairs, args.round_trips).await?;
        let bulk_mb_s = bulk(&mut pairs, args.bulk_mb).await?;
        drop(pairs);
        drop(relay);
        // A fresh relay for the load, so its memory is counted from an idle relay and not
        // from one whose allocator still holds what the bulk runs used.
        let relay = RelayChild::start(args.sessions as usize + 1)?;
        let sessions = relay_load::run(&relay, &server, args.sessions, args.seconds).await?;
        anyhow::Ok(Report {
            small_rtt_us,
            bulk_mb_s,
            sessions,
        })
    })?;
    runtime.shutdown_timeout(Duration::from_secs(1));
    print_report(&report);
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
    }
    Ok(())
}

fn print_report(r: &Report) {
    let s = &r.small_rtt_us;
    eprintln!(
        "small message ({} B) round trip: relay p50 {} us p99 {} us; direct p50 {} us p99 {} us",
        s.bytes, s.relay.p50, s.relay.p99, s.direct.p50, s.direct.p99
    );
    let b = &r.bulk_mb_s;
    eprintln!(
        "bulk: relay {:.1} MB/s, direct {:.1} MB/s, ratio {:.3}",
        b.relay, b.direct, b.ratio
    );
    let l = &r.sessions;
    eprintln!(
        "{} sessions x {} frames/s for {} s: relay CPU {:.1} %, one-way p99 relay {:.2} ms / direct {:.2} ms (added {:.2} ms), relay memory {:.1} KiB per session (heap in use: {:.1} KiB per session, at most {:.1}, {:.1} idle)",
        l.count,
        l.frames_per_s,
        l.seconds,
        l.relay_cpu_percent,
        l.relay_p99_ms,
        l.direct_p99_ms,
        l.p99_added_ms,
        l.rss_per_session_kib,
        l.heap_per_session_kib,
        l.heap_max_per_session_kib,
        l.heap_idle_per_session_kib
    );
    let verdict = |ok: bool| if ok { "met" } else { "MISSED" };
    eprintln!(
        "targets: bulk ratio >= {TARGET_BULK_RATIO} ({}), p99 added <= {TARGET_ADDED_P99_MS} ms ({}), <= {TARGET_KIB_PER_SESSION} KiB per session ({})",
        verdict(b.ratio >= TARGET_BULK_RATIO),
        verdict(l.p99_added_ms <= TARGET_ADDED_P99_MS),
        verdict(l.rss_per_session_kib.max(l.heap_per_session_kib) <= TARGET_KIB_PER_SESSION),
    );
}
