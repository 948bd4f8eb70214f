//! `dumpsys battery`: charge, charging, health, temperature.

use lifeline_protocol::diagnostics::{BatteryHealth, BatteryInfo};

/// The battery state. Only the first value of each field counts (Samsung repeats some
/// names further down, in other units).
pub fn parse(text: &str) -> BatteryInfo {
    let mut level = None;
    let mut scale = None;
    let mut status = None;
    let mut health = None;
    let mut temperature = None;
    for line in text.lines() {
        let Some((key, value)) = line.trim().split_once(':') else {
            continue;
        };
        let value = value.trim();
        let slot = match key.trim() {
            "level" => &mut level,
            "scale" => &mut scale,
            "status" => &mut status,
            "health" => &mut health,
            "temperature" => &mut temperature,
            _ => continue,
        };
        if slot.is_none() {
            *slot = value.parse::<i64>().ok();
        }
    }
    let level_percent = level.and_then(|level| {
        let scale = scale.filter(|s| *s > 0).unwrap_or(100);
        // A level too large to scale is nonsense: left empty rather than a wrong number.
        u8::try_from((level.checked_mul(100)? / scale).clamp(0, 100)).ok()
    });
    BatteryInfo {
        level_percent,
        // BatteryManager.BATTERY_STATUS_CHARGING = 2; 3 discharging, 4 not charging, 5 full.
        charging: status.filter(|s| (1..=5).contains(s)).map(|s| s == 2),
        health: health.and_then(health_of),
        // Tenths of a degree; beyond ±200 °C it is not a reading.
        temperature_c: temperature
            .filter(|t| (-2000..=2000).contains(t))
            .map(|t| t as f32 / 10.0),
    }
}

fn health_of(code: i64) -> Option<BatteryHealth> {
    Some(match code {
        1 => BatteryHealth::Unknown,
        2 => BatteryHealth::Good,
        3 => BatteryHealth::Overheat,
        4 => BatteryHealth::Dead,
        5 => BatteryHealth::OverVoltage,
        6 => BatteryHealth::Failure,
        7 => BatteryHealth::Cold,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_captured_phones() {
        let samsung = parse(include_str!(
            "../../../tests/data/adb/battery/battery_samsung_s24ultra_gekko.txt"
        ));
        assert_eq!(
            samsung,
            BatteryInfo {
                level_percent: Some(75),
                charging: Some(true),
                health: Some(BatteryHealth::Good),
                temperature_c: Some(35.7),
            }
        );
        let tablet = parse(include_str!(
            "../../../tests/data/adb/battery/battery_mediatek_mt8168_tablet_android13.txt"
        ));
        assert_eq!(tablet.level_percent, Some(58));
        assert_eq!(tablet.temperature_c, Some(37.0));
        let old = parse(include_str!(
            "../../../tests/data/adb/battery/battery_awesome-adb_pre-android7.txt"
        ));
        assert_eq!(old.level_percent, Some(44));
        assert_eq!(old.temperature_c, Some(28.0));
    }

    #[test]
    fn garbage_leaves_fields_empty() {
        assert_eq!(parse(""), BatteryInfo::default());
        assert_eq!(
            parse("level: lots\nstatus: 9\nhealth: 42\n:::\n"),
            BatteryInfo::default()
        );
        let odd = parse("  level: 150\n  scale: 0\n  temperature: -50\n");
        assert_eq!(odd.level_percent, Some(100));
        assert_eq!(odd.temperature_c, Some(-5.0));
        assert!(parse("Can't find service: battery").level_percent.is_none());
        // Numbers that parse but overflow when scaled: empty, not a wrong number.
        for huge in [
            "9223372036854775807",
            "-9223372036854775808",
            "92233720368547759",
        ] {
            let odd = parse(&format!("level: {huge}\nscale: 100\ntemperature: {huge}\n"));
            assert_eq!(odd.level_percent, None, "{huge}");
            assert_eq!(odd.temperature_c, None, "{huge}");
        }
        let tiny_scale = parse("level: 92233720368547759\nscale: 3\n");
        assert_eq!(tiny_scale.level_percent, None);
    }
}
