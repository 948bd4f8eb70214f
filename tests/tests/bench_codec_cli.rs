//! `lifeline-bench codec --json` prints one JSON object with every scenario on its last line.

use std::process::Command;

#[test]
fn codec_json_is_the_last_line() {
    let out = Command::new(env!("CARGO_BIN_EXE_lifeline-bench"))
        .args([
            "codec", "--json", "--frames", "3", "--width", "270", "--height", "600",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let last = stdout.lines().last().unwrap();
    let json: serde_json::Value = serde_json::from_str(last).unwrap();
    for scenario in ["scroll", "static", "app_switch"] {
        let s = &json[scenario];
        for field in [
            "tiles_bytes_per_frame",
            "h264_bytes_per_frame",
            "tiles_encode_ms_p50",
            "h264_encode_ms_p50",
            "tiles_decode_ms_p50",
            "bytes_ratio",
            "encode_ratio",
        ] {
            assert!(s[field].is_number(), "{scenario}.{field}: {last}");
        }
        assert_eq!(s["frames"], 3);
    }
    assert!(stderr.contains("targets:"), "{stderr}");
}
