//! `lifeline-bench latency` and `relay` with tiny sizes: each prints one JSON object with
//! every figure on its last line.

// A helper outside #[test]: a failed unwrap is a failed test all the same.
#![allow(clippy::unwrap_used)]
use std::process::Command;

fn last_json(args: &[&str]) -> (serde_json::Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_lifeline-bench"))
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let last = stdout.lines().last().unwrap_or_default().to_owned();
    let json = serde_json::from_str(&last).unwrap_or_else(|e| panic!("{e}: {last:?}"));
    (json, stderr)
}

#[test]
fn latency_json_is_the_last_line() {
    let (json, stderr) = last_json(&["latency", "--json", "--taps", "5"]);
    assert_eq!(json["taps"], 5);
    for path in ["relay", "direct"] {
        for field in ["p50_ms", "p95_ms", "p99_ms"] {
            let v = json[path][field].as_f64().unwrap_or(-1.0);
            assert!(v > 0.0 && v < 3000.0, "{path}.{field}: {json}");
        }
        assert!(json[path]["p50_ms"].as_f64() <= json[path]["p99_ms"].as_f64());
    }
    assert!(json["relay_added_p50_ms"].is_number(), "{json}");
    assert!(stderr.contains("targets:"), "{stderr}");
}

#[test]
fn relay_json_is_the_last_line() {
    let (json, stderr) = last_json(&[
        "relay",
        "--json",
        "--sessions",
        "3",
        "--seconds",
        "1",
        "--round-trips",
        "20",
        "--bulk-mb",
        "2",
    ]);
    let small = &json["small_rtt_us"];
    assert_eq!(small["bytes"], 64, "{json}");
    for path in ["relay", "direct"] {
        assert!(small[path]["p50"].as_f64().unwrap_or(0.0) > 0.0, "{json}");
        assert!(
            json["bulk_mb_s"][path].as_f64().unwrap_or(0.0) > 0.0,
            "{json}"
        );
    }
    assert!(json["bulk_mb_s"]["ratio"].as_f64().unwrap_or(0.0) > 0.0);
    let sessions = &json["sessions"];
    assert_eq!(sessions["count"], 3);
    // Three sessions at 30 frames a second for a second: most frames arrive.
    assert!(
        sessions["frames_delivered"].as_u64().unwrap_or(0) >= 60,
        "{json}"
    );
    for field in ["relay_cpu_percent", "p99_added_ms", "rss_per_session_kib"] {
        assert!(sessions[field].is_number(), "{field}: {json}");
    }
    assert!(stderr.contains("targets:"), "{stderr}");
}
