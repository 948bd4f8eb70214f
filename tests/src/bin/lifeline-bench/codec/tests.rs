//! Tests of `codec`.

use super::*;

fn small(frames: u32) -> CodecArgs {
    CodecArgs {
        json: true,
        frames: Some(frames),
        width: 270,
        height: 600,
    }
}

#[test]
fn small_run_reports_every_field_and_round_trips() {
    let args = small(4);
    let report = measure(&args).unwrap();
    let json = serde_json::to_value(&report).unwrap();
    let obj = json.as_object().unwrap();
    assert_eq!(
        obj.keys().map(String::as_str).collect::<Vec<_>>(),
        ["app_switch", "console_h264", "scroll", "static"]
    );
    let console = &obj["console_h264"];
    for field in ["decode_ms_p50", "decode_ms_p95", "cpu_convert_ms_p50"] {
        assert!(console[field].is_number(), "console_h264.{field}");
    }
    assert_eq!(console["frames"], 4);
    for name in ["scroll", "static", "app_switch"] {
        let s = &obj[name];
        for field in [
            "frames",
            "tiles_bytes_per_frame",
            "h264_bytes_per_frame",
            "tiles_encode_ms_p50",
            "h264_encode_ms_p50",
            "tiles_decode_ms_p50",
            "bytes_ratio",
            "encode_ratio",
            "tiles_encode_ms_p95",
            "h264_encode_ms_p95",
            "tiles_decode_ms_p95",
            "tiles_keyframe_bytes",
            "h264_keyframe_bytes",
        ] {
            assert!(s[field].is_number(), "{name}.{field} = {}", s[field]);
        }
        assert_eq!(s["frames"], 4);
        assert!(s["tiles_keyframe_bytes"].as_u64().unwrap() > 0);
    }
    let table = format_report(&report, &args);
    assert!(table.contains("targets:"), "{table}");
    assert_eq!(targets(&report).len(), 4);
}

#[test]
fn scenarios_render_what_they_say() {
    let phone = PhoneScreen::new(270, 600).unwrap();
    let scroll = Scenario::Scroll.render(&phone, 3);
    assert_eq!(scroll[1], phone.render_list(SCROLL_STEP_PX));
    let blink = Scenario::Static.render(&phone, 3);
    assert_eq!(blink[0], blink[2]);
    assert_ne!(blink[0], blink[1]);
    let switch = Scenario::AppSwitch.render(&phone, 3);
    assert_eq!(switch[1], phone.render_launcher());
    assert_eq!(
        [Scenario::Scroll, Scenario::Static, Scenario::AppSwitch].map(Scenario::default_frames),
        [60, 30, 30]
    );
}

#[test]
fn odd_sizes_are_refused() {
    let args = CodecArgs {
        width: 271,
        ..small(1)
    };
    let err = measure(&args).unwrap_err();
    assert!(err.to_string().contains("271x600"), "{err}");
}

#[test]
fn target_met_needs_a_value_within_the_limit() {
    let t = |value| Target {
        scenario: "scroll",
        metric: "bytes_ratio",
        limit: 1.5,
        value,
    };
    assert!(t(Some(1.5)).met());
    assert!(!t(Some(1.6)).met());
    assert!(!t(None).met());
}
