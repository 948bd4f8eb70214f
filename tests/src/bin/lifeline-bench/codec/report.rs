//! The codec benchmark's human-readable report.

use std::fmt::Write as _;

use super::{CodecArgs, CodecReport, ScenarioReport, targets};
use crate::{console_h264, h264};

/// The human-readable report: one column per scenario, then the targets.
pub(crate) fn format_report(report: &CodecReport, args: &CodecArgs) -> String {
    let mut out = String::new();
    let threads = std::thread::available_parallelism().map_or(0, |n| n.get());
    let _ = writeln!(
        out,
        "lifeline-bench codec: tiles vs H.264 at {}x{}, {} CPU threads available{}",
        args.width,
        args.height,
        threads,
        if cfg!(debug_assertions) {
            " (DEBUG BUILD: times are not representative)"
        } else {
            ""
        }
    );
    let _ = writeln!(
        out,
        "h264 = OpenH264, screen content real-time, {} Mbit/s bitrate mode, {} fps, \
         no frame skipping, {} thread; RGBA->YUV before timing",
        h264::TARGET_BITRATE_BPS / 1_000_000,
        h264::FRAME_RATE_HZ,
        h264::THREADS
    );
    let _ = writeln!(out);

    let scenarios = report.scenarios();
    let _ = write!(out, "{:<34}", "");
    for (s, _) in &scenarios {
        let _ = write!(out, "{:>16}", s.name());
    }
    let _ = writeln!(out);

    let fmt_opt = |v: Option<f64>| v.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.3}"));
    type Row = (&'static str, fn(&ScenarioReport) -> String);
    let rows: [Row; 17] = [
        ("frames", |r| r.frames.to_string()),
        ("tiles bytes/frame (after keyframe)", |r| {
            format!("{:.1}", r.tiles_bytes_per_frame)
        }),
        ("h264 bytes/frame (after keyframe)", |r| {
            format!("{:.1}", r.h264_bytes_per_frame)
        }),
        ("bytes ratio (tiles/h264)", |r| {
            r.bytes_ratio.map_or("n/a".into(), |v| format!("{v:.3}"))
        }),
        ("tiles keyframe bytes", |r| {
            r.tiles_keyframe_bytes.to_string()
        }),
        ("h264 keyframe bytes", |r| r.h264_keyframe_bytes.to_string()),
        ("tiles bytes/frame (with keyframe)", |r| {
            format!("{:.1}", r.tiles_bytes_per_frame_with_keyframe)
        }),
        ("h264 bytes/frame (with keyframe)", |r| {
            format!("{:.1}", r.h264_bytes_per_frame_with_keyframe)
        }),
        ("tiles empty frames", |r| r.tiles_empty_frames.to_string()),
        ("h264 I/IDR frames", |r| r.h264_keyframes.to_string()),
        ("tiles encode ms p50", |r| {
            format!("{:.3}", r.tiles_encode_ms_p50)
        }),
        ("tiles encode ms p95", |r| {
            format!("{:.3}", r.tiles_encode_ms_p95)
        }),
        ("h264 encode ms p50", |r| {
            format!("{:.3}", r.h264_encode_ms_p50)
        }),
        ("h264 encode ms p95", |r| {
            format!("{:.3}", r.h264_encode_ms_p95)
        }),
        ("encode ratio (tiles/h264 p50)", |r| {
            r.encode_ratio.map_or("n/a".into(), |v| format!("{v:.3}"))
        }),
        ("tiles decode ms p50", |r| {
            format!("{:.3}", r.tiles_decode_ms_p50)
        }),
        ("tiles decode ms p95", |r| {
            format!("{:.3}", r.tiles_decode_ms_p95)
        }),
    ];
    for (label, cell) in rows {
        let _ = write!(out, "{label:<34}");
        for (_, r) in &scenarios {
            let _ = write!(out, "{:>16}", cell(r));
        }
        let _ = writeln!(out);
    }

    let _ = writeln!(out);
    let _ = writeln!(out, "targets:");
    let targets = targets(report);
    for t in &targets {
        let _ = writeln!(
            out,
            "  {:<8} {:<11} {:<22} <= {:<6} got {}",
            if t.met() { "met" } else { "NOT MET" },
            t.scenario,
            t.metric,
            t.limit,
            fmt_opt(t.value)
        );
    }
    let met = targets.iter().filter(|t| t.met()).count();
    let _ = writeln!(out, "  {met} of {} targets met", targets.len());
    let _ = writeln!(
        out,
        "every tiles frame decoded to exactly its source ({} frames)",
        scenarios.iter().map(|(_, r)| r.frames).sum::<u32>()
    );
    let _ = writeln!(out);
    out.push_str(&console_h264::format(&report.console_h264));
    out
}
