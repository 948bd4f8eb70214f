//! Release-mode measurements on a synthetic 1080x2400 phone screen. Ignored by default; run
//! with `cargo test --release -p lifeline-protocol tiles::tests::perf -- --ignored --nocapture`.

use std::time::{Duration, Instant};

use super::*;

struct Stats {
    encode: Vec<Duration>,
    decode: Vec<Duration>,
    bytes: Vec<usize>,
}

impl Stats {
    fn report(mut self, what: &str) {
        self.encode.sort();
        self.decode.sort();
        let p = |v: &[Duration], q: f64| v[((v.len() - 1) as f64 * q) as usize].as_secs_f64() * 1e3;
        let mean_bytes = self.bytes.iter().sum::<usize>() / self.bytes.len();
        println!(
            "{what}: encode p50 {:.2} ms p95 {:.2} ms | decode p50 {:.2} ms p95 {:.2} ms | \
             bytes mean {mean_bytes} max {}",
            p(&self.encode, 0.5),
            p(&self.encode, 0.95),
            p(&self.decode, 0.5),
            p(&self.decode, 0.95),
            self.bytes.iter().max().unwrap_or(&0),
        );
    }
}

fn run(frames: &[RgbaImage]) -> (Stats, usize) {
    let (mut enc, mut dec) = (TileEncoder::new(), TileDecoder::new());
    let key = enc.encode(&frames[0]);
    dec.decode(&key.payload).unwrap();
    let mut stats = Stats {
        encode: Vec::new(),
        decode: Vec::new(),
        bytes: Vec::new(),
    };
    for frame in &frames[1..] {
        let t = Instant::now();
        let encoded = enc.encode(frame);
        stats.encode.push(t.elapsed());
        let t = Instant::now();
        dec.decode(&encoded.payload).unwrap();
        stats.decode.push(t.elapsed());
        stats.bytes.push(encoded.payload.len());
        assert!(dec.image() == Some(frame));
    }
    (stats, key.payload.len())
}

#[test]
#[ignore = "measurement; run in release"]
fn phone_screen_figures() {
    for photos in [false, true] {
        println!(
            "-- list with {} --",
            if photos {
                "photo thumbnails"
            } else {
                "flat avatars"
            }
        );
        figures(photos);
    }
}

fn figures(photos: bool) {
    let (width, height) = (1080, 2400);
    let count = 120u32;
    let canvas = list_canvas_with(width, list_rows(height) + 16 * count, 42, photos);

    let first = phone_screen(&canvas, height, 0);
    let t = Instant::now();
    let key = TileEncoder::new().encode(&first);
    let took = t.elapsed();
    println!(
        "keyframe: encode {:.1} ms, {} bytes",
        took.as_secs_f64() * 1e3,
        key.payload.len()
    );

    let frames: Vec<RgbaImage> = (0..count)
        .map(|i| phone_screen(&canvas, height, 16 * i))
        .collect();
    let (stats, _) = run(&frames);
    stats.report("scroll 16 px/frame (up)");
    let back: Vec<RgbaImage> = frames.iter().rev().cloned().collect();
    let (stats, _) = run(&back);
    stats.report("scroll 16 px/frame (down)");

    let mut caret = first.clone();
    caret.fill_rect(500, 132, 3, 48, [20, 20, 20, 255]);
    let blink: Vec<RgbaImage> = (0..60)
        .map(|i| {
            if i % 2 == 0 {
                first.clone()
            } else {
                caret.clone()
            }
        })
        .collect();
    let (stats, _) = run(&blink);
    stats.report("caret blink");

    let still: Vec<RgbaImage> = (0..30).map(|_| first.clone()).collect();
    let (stats, _) = run(&still);
    stats.report("no change");
}
