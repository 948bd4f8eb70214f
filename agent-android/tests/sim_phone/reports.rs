//! What the phone reports: diagnostics and log files.

use super::*;

#[test]
fn diagnostics_fill_every_section_and_the_battery_drains() {
    let mut d = Driver::new("samsung");
    d.tap_target(Target::AppIcon(AppId::Settings));
    let r = d.phone.diagnostics(d.now);
    let dev = &r.device;
    assert_eq!(dev.manufacturer.as_deref(), Some("samsung"));
    assert!(dev.model.is_some() && dev.android_version.is_some() && dev.build.is_some());
    assert!(dev.api_level.is_some() && dev.security_patch.is_some());
    assert_eq!(r.battery.level_percent, Some(78));
    assert!(r.battery.charging.is_some() && r.battery.health.is_some());
    assert!(r.battery.temperature_c.is_some());
    let (total, free) = (
        r.storage.total_bytes.unwrap(),
        r.storage.free_bytes.unwrap(),
    );
    assert!(free < total);
    let (ram, avail) = (
        r.memory.total_bytes.unwrap(),
        r.memory.available_bytes.unwrap(),
    );
    assert!(avail < ram);
    assert!(r.cpu.abi.is_some() && r.cpu.cores.is_some());
    assert_eq!(
        (r.display.width_px, r.display.height_px),
        (Some(1080), Some(2400))
    );
    assert!(r.display.density_dpi.is_some() && r.display.refresh_rate_hz.is_some());
    assert_eq!(r.network.wifi_ssid.as_deref(), Some("Home-5G"));
    assert!(r.network.network_type.is_some() && r.network.wifi_rssi_dbm.is_some());
    assert!(!r.network.ip_addresses.is_empty());
    assert!(r.uptime_secs.unwrap() > 3600);
    assert!(r.locale.is_some() && r.time_zone.is_some());
    assert!(r.apps.len() >= 10);
    assert!(
        r.apps
            .iter()
            .all(|a| a.version.is_some() && !a.package.is_empty())
    );
    assert!(r.processes.iter().any(|p| p.name == "com.android.settings"));
    assert!(
        r.processes
            .iter()
            .all(|p| p.pid > 0 && p.rss_bytes.is_some())
    );

    d.wait(3_600_000);
    let later = d.phone.diagnostics(d.now);
    assert!(
        later.battery.level_percent.unwrap() < 78,
        "the battery drains"
    );
    assert!(later.uptime_secs.unwrap() >= r.uptime_secs.unwrap() + 3600);
    assert_eq!(
        d.phone.ui().battery_percent,
        later.battery.level_percent.unwrap()
    );

    // Wi-Fi off: the report follows.
    d.key(Key::Home);
    d.drag((540, 10), (540, 1500), 8, 16, true);
    d.tap_target(Target::QuickTile(Setting::Wifi));
    let off = d.phone.diagnostics(d.now);
    assert_eq!(off.network.wifi_ssid, None);
    assert_eq!(
        off.network.network_type,
        Some(lifeline_protocol::diagnostics::NetworkType::Cellular)
    );
}

/// Parses one `threadtime` line: `MM-DD HH:MM:SS.mmm  PID  TID L TAG: message`.
fn parse_threadtime(line: &str) -> Option<(u32, u32, char, &str, &str)> {
    let b = line.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
    };
    let stamp_ok = digits(0..2)
        && b[2] == b'-'
        && digits(3..5)
        && b[5] == b' '
        && digits(6..8)
        && b[8] == b':'
        && digits(9..11)
        && b[11] == b':'
        && digits(12..14)
        && b[14] == b'.'
        && digits(15..18);
    if !stamp_ok {
        return None;
    }
    let rest = line.get(18..)?;
    let mut parts = rest.split_whitespace();
    let pid = parts.next()?.parse().ok()?;
    let tid = parts.next()?.parse().ok()?;
    let level = parts.next()?;
    let level = level
        .chars()
        .next()
        .filter(|c| level.len() == 1 && "VDIWEF".contains(*c))?;
    let after_level = rest.find(&format!(" {level} "))? + 3;
    let (tag, msg) = rest[after_level..].split_once(": ")?;
    let tag = tag.trim_end();
    (!tag.is_empty()).then_some((pid, tid, level, tag, msg))
}

#[test]
fn logs_have_the_requested_size_and_parse_as_threadtime_lines() {
    let mut d = Driver::new("samsung");
    d.tap_target(Target::AppIcon(AppId::Settings));
    d.key(Key::Back);
    d.phone
        .show_prompt(ConsentPrompt::new(Capability::LogFiles, "Alex"));
    d.tap_target(Target::DialogAllow);
    for size in [3 * 1024 * 1024, 50_000] {
        d.phone.set_log_size(size);
        let files = d.phone.logs(d.now);
        let names: Vec<_> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["logcat.txt", "lifeline-agent.log"]);
        let logcat = std::str::from_utf8(&files[0].bytes).unwrap();
        assert_eq!(logcat.len(), size);
        let mut parsed = 0;
        for line in logcat.lines() {
            if line.starts_with("--------- beginning of ") {
                continue;
            }
            assert!(parse_threadtime(line).is_some(), "not threadtime: {line:?}");
            parsed += 1;
        }
        assert!(parsed > size / 200);
        // What happened on the phone is in it.
        assert!(logcat.contains("cmp=com.android.settings/.Settings"));
        assert!(logcat.contains("ViewPostIme pointer 1"));
        assert!(logcat.contains("KEYCODE_BACK"));
        let agent = std::str::from_utf8(&files[1].bytes).unwrap();
        assert!(agent.contains("customer allowed log files"), "{agent}");
    }
}
