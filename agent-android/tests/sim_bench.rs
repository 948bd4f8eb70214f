//! Render and encode cost of the simulated phone while scrolling Settings at 1080×2400, and
//! the cost of an idle phone. Run in release:
//! `cargo test --release -p lifeline-agent-android --test sim_bench -- --ignored --nocapture`

mod common;

use std::time::{Duration, Instant};

use common::Driver;
use lifeline_agent_android::device::Device;
use lifeline_agent_android::sim::{AppId, Target};
use lifeline_protocol::messages::input::TouchPhase;
use lifeline_protocol::video::tiles::TileEncoder;

fn percentile(samples: &mut [f64], p: f64) -> f64 {
    samples.sort_by(f64::total_cmp);
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i]
}

fn report(name: &str, render: &mut [f64], total: &mut [f64], bytes: &[usize]) {
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    println!(
        "{name}: {} frames; render p50 {:.2} ms, mean {:.2} ms, p95 {:.2} ms; render+encode p50 {:.2} ms, mean {:.2} ms, p95 {:.2} ms; {:.0} bytes/frame",
        render.len(),
        percentile(render, 0.5),
        mean(render),
        percentile(render, 0.95),
        percentile(total, 0.5),
        mean(total),
        percentile(total, 0.95),
        bytes.iter().sum::<usize>() as f64 / bytes.len().max(1) as f64,
    );
}

#[test]
#[ignore = "benchmark: run in release with --nocapture"]
fn scroll_render_and_encode_cost() {
    let mut d = Driver::new("samsung");
    assert_eq!((d.frame_size().width, d.frame_size().height), (1080, 2400));
    d.tap_target(Target::AppIcon(AppId::Settings));
    let mut encoder = TileEncoder::new();
    let first = d.phone.capture(d.now).unwrap().clone();
    encoder.encode(&first);

    // Drag: the finger moves 16 px a frame, 60 fps.
    let frames = 240u32;
    let (mut render, mut total, mut bytes) = (Vec::new(), Vec::new(), Vec::new());
    let x = 540;
    let mut y = 2200u32;
    d.touch(TouchPhase::Down, x, y);
    for _ in 0..frames {
        d.now += Duration::from_millis(16);
        y -= 8;
        d.touch(TouchPhase::Move, x, y);
        let t0 = Instant::now();
        let frame = d.phone.capture(d.now).unwrap();
        let t1 = Instant::now();
        let encoded = encoder.encode(frame);
        let t2 = Instant::now();
        render.push((t1 - t0).as_secs_f64() * 1e3);
        total.push((t2 - t0).as_secs_f64() * 1e3);
        bytes.push(encoded.payload.len());
    }
    report("drag (8 px/frame)", &mut render, &mut total, &bytes);

    // Fling: release fast, then one frame per 16 ms tick until it stops.
    d.now += Duration::from_millis(200);
    d.touch(TouchPhase::Up, x, y);
    y = 2200;
    d.touch(TouchPhase::Down, x, y);
    let (mut render, mut total, mut bytes) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..6 {
        d.now += Duration::from_millis(16);
        y -= 60;
        d.touch(TouchPhase::Move, x, y);
    }
    d.touch(TouchPhase::Up, x, y);
    let _ = d.phone.capture(d.now).map(|f| encoder.encode(f));
    while d.phone.ui().flinging {
        d.now += Duration::from_millis(16);
        d.phone.tick(d.now);
        if !d.phone.screen_changed() {
            continue;
        }
        let t0 = Instant::now();
        let frame = d.phone.capture(d.now).unwrap();
        let t1 = Instant::now();
        let encoded = encoder.encode(frame);
        let t2 = Instant::now();
        render.push((t1 - t0).as_secs_f64() * 1e3);
        total.push((t2 - t0).as_secs_f64() * 1e3);
        bytes.push(encoded.payload.len());
    }
    report("fling", &mut render, &mut total, &bytes);

    // Idle: the agent's loop ticks at 60 fps and captures only when the screen changed.
    let idle_frames = 3600u32;
    let renders_before = d.phone.render_count();
    let t0 = Instant::now();
    let mut captured = 0;
    for _ in 0..idle_frames {
        d.now += Duration::from_micros(16_667);
        d.phone.tick(d.now);
        if d.phone.screen_changed() {
            let frame = d.phone.capture(d.now).unwrap();
            encoder.encode(frame);
            captured += 1;
        }
    }
    let idle = t0.elapsed();
    println!(
        "idle: {idle_frames} ticks (60 s of phone time) in {:.2} ms, {:.2} us per tick; {} renders, {captured} captures (the clock's minute)",
        idle.as_secs_f64() * 1e3,
        idle.as_secs_f64() * 1e6 / f64::from(idle_frames),
        d.phone.render_count() - renders_before,
    );

    // And if a caller captured and encoded anyway: an unchanged frame costs the compare only.
    let frame = d.phone.capture(d.now).unwrap().clone();
    let t0 = Instant::now();
    let mut empty = 0;
    for _ in 0..100 {
        let f = d.phone.capture(d.now).unwrap();
        empty += usize::from(encoder.encode(f).payload.is_empty());
    }
    println!(
        "unchanged frame captured and encoded anyway: {:.3} ms per frame ({empty}/100 empty payloads)",
        t0.elapsed().as_secs_f64() * 1e3 / 100.0
    );
    assert_eq!(frame.width(), 1080);
}
