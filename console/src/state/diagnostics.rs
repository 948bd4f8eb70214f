//! The diagnostics panel: asked, waiting, the report as grouped tables, or a refusal.

use lifeline_protocol::DeviceDiagnostics;
use lifeline_protocol::diagnostics::{BatteryHealth, NetworkType};
use lifeline_protocol::i18n::Localizer;
use lifeline_protocol::messages::UnixMillis;
use lifeline_protocol::tr;

/// Where the diagnostics request stands.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum DiagnosticsView {
    /// Nothing asked yet.
    #[default]
    Idle,
    /// Asked; the customer is deciding (or the phone is collecting).
    Waiting,
    /// The phone's report.
    Report {
        /// When it arrived.
        at: UnixMillis,
        /// The report.
        report: Box<DeviceDiagnostics>,
    },
    /// Refused; the text says why.
    Refused(String),
}

/// One table of the report: a title and label/value rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// e.g. "Battery".
    pub title: String,
    /// Label and value.
    pub rows: Vec<(String, String)>,
}

impl Group {
    fn new(title: String) -> Self {
        Self {
            title,
            rows: Vec::new(),
        }
    }

    fn row(&mut self, label: &str, value: Option<String>) {
        self.rows
            .push((label.to_owned(), value.unwrap_or_else(|| "—".to_owned())));
    }

    /// The group with only the rows whose label or value contains `filter` (ignoring
    /// case); `None` when none match. An empty filter keeps everything; a title match keeps
    /// the whole group.
    pub fn filtered(&self, filter: &str) -> Option<Group> {
        let needle = filter.trim().to_lowercase();
        if needle.is_empty() || self.title.to_lowercase().contains(&needle) {
            return Some(self.clone());
        }
        let rows: Vec<_> = self
            .rows
            .iter()
            .filter(|(l, v)| {
                l.to_lowercase().contains(&needle) || v.to_lowercase().contains(&needle)
            })
            .cloned()
            .collect();
        (!rows.is_empty()).then(|| Group {
            title: self.title.clone(),
            rows,
        })
    }
}

/// Bytes as people read them: `1.5 GB`, `1,5 Go`.
pub fn human_bytes(bytes: u64, loc: Localizer) -> String {
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < 4 {
        value /= 1000.0;
        unit += 1;
    }
    let size = loc.number(value, if unit == 0 { 0 } else { 1 });
    match unit {
        0 => tr!(loc, "size-b", size = size),
        1 => tr!(loc, "size-kb", size = size),
        2 => tr!(loc, "size-mb", size = size),
        3 => tr!(loc, "size-gb", size = size),
        _ => tr!(loc, "size-tb", size = size),
    }
}

fn duration_text(secs: u64, loc: Localizer) -> String {
    let (d, h, m) = (secs / 86_400, (secs / 3600) % 24, (secs / 60) % 60);
    if d > 0 {
        tr!(loc, "diag-uptime-days", days = d, hours = h, minutes = m)
    } else {
        tr!(loc, "diag-uptime", hours = h, minutes = m)
    }
}

/// The report as tables: device, battery, storage, memory, CPU, display, network, apps,
/// processes.
pub fn groups(report: &DeviceDiagnostics, loc: Localizer) -> Vec<Group> {
    let bytes = |v: u64| human_bytes(v, loc);
    let s = |v: &Option<String>| v.clone();
    let mut device = Group::new(tr!(loc, "diag-group-device"));
    let d = &report.device;
    device.row(&tr!(loc, "diag-row-manufacturer"), s(&d.manufacturer));
    device.row(&tr!(loc, "diag-row-model"), s(&d.model));
    device.row(&tr!(loc, "diag-row-android-version"), s(&d.android_version));
    device.row(
        &tr!(loc, "diag-row-api-level"),
        d.api_level.map(|v| v.to_string()),
    );
    device.row(&tr!(loc, "diag-row-build"), s(&d.build));
    device.row(&tr!(loc, "diag-row-security-patch"), s(&d.security_patch));
    device.row(
        &tr!(loc, "diag-row-uptime"),
        report.uptime_secs.map(|s| duration_text(s, loc)),
    );
    device.row(&tr!(loc, "diag-row-locale"), s(&report.locale));
    device.row(&tr!(loc, "diag-row-time-zone"), s(&report.time_zone));

    let mut battery = Group::new(tr!(loc, "diag-group-battery"));
    let b = &report.battery;
    battery.row(
        &tr!(loc, "diag-row-level"),
        b.level_percent.map(|v| format!("{v} %")),
    );
    battery.row(
        &tr!(loc, "diag-row-charging"),
        b.charging.map(|c| {
            if c {
                tr!(loc, "diag-yes")
            } else {
                tr!(loc, "diag-no")
            }
        }),
    );
    battery.row(
        &tr!(loc, "diag-row-health"),
        b.health.map(|h| match h {
            BatteryHealth::Good => tr!(loc, "diag-health-good"),
            BatteryHealth::Overheat => tr!(loc, "diag-health-overheat"),
            BatteryHealth::Dead => tr!(loc, "diag-health-dead"),
            BatteryHealth::OverVoltage => tr!(loc, "diag-health-over-voltage"),
            BatteryHealth::Failure => tr!(loc, "diag-health-failure"),
            BatteryHealth::Cold => tr!(loc, "diag-health-cold"),
            BatteryHealth::Unknown => tr!(loc, "diag-health-unknown"),
        }),
    );
    battery.row(
        &tr!(loc, "diag-row-temperature"),
        b.temperature_c
            .map(|t| format!("{} °C", loc.number(f64::from(t), 1))),
    );

    let mut storage = Group::new(tr!(loc, "diag-group-storage"));
    storage.row(
        &tr!(loc, "diag-row-total"),
        report.storage.total_bytes.map(bytes),
    );
    storage.row(
        &tr!(loc, "diag-row-free"),
        report.storage.free_bytes.map(bytes),
    );

    let mut memory = Group::new(tr!(loc, "diag-group-memory"));
    memory.row(
        &tr!(loc, "diag-row-total"),
        report.memory.total_bytes.map(bytes),
    );
    memory.row(
        &tr!(loc, "diag-row-available"),
        report.memory.available_bytes.map(bytes),
    );

    let mut cpu = Group::new(tr!(loc, "diag-group-cpu"));
    cpu.row(&tr!(loc, "diag-row-abi"), s(&report.cpu.abi));
    cpu.row(
        &tr!(loc, "diag-row-cores"),
        report.cpu.cores.map(|c| c.to_string()),
    );

    let mut display = Group::new(tr!(loc, "diag-group-display"));
    let p = &report.display;
    display.row(
        &tr!(loc, "diag-row-resolution"),
        p.width_px
            .zip(p.height_px)
            .map(|(w, h)| format!("{w} × {h}")),
    );
    display.row(
        &tr!(loc, "diag-row-density"),
        p.density_dpi.map(|v| format!("{v} dpi")),
    );
    display.row(
        &tr!(loc, "diag-row-refresh-rate"),
        p.refresh_rate_hz
            .map(|v| format!("{} Hz", loc.number(f64::from(v), 0))),
    );

    let mut network = Group::new(tr!(loc, "diag-group-network"));
    let n = &report.network;
    network.row(
        &tr!(loc, "diag-row-connection"),
        n.network_type.map(|t| match t {
            NetworkType::Wifi => "Wi-Fi".to_owned(),
            NetworkType::Cellular => tr!(loc, "diag-network-cellular"),
            NetworkType::Ethernet => "Ethernet".to_owned(),
            NetworkType::None => tr!(loc, "diag-network-none"),
            NetworkType::Other => tr!(loc, "diag-network-other"),
        }),
    );
    network.row(&tr!(loc, "diag-row-wi-fi-network"), s(&n.wifi_ssid));
    network.row(
        &tr!(loc, "diag-row-wi-fi-signal"),
        n.wifi_rssi_dbm.map(|v| format!("{v} dBm")),
    );
    network.row(
        &tr!(loc, "diag-row-ip-addresses"),
        (!n.ip_addresses.is_empty()).then(|| n.ip_addresses.join(", ")),
    );

    let mut apps = Group::new(tr!(loc, "diag-group-apps"));
    for app in &report.apps {
        let label = app.name.clone().unwrap_or_else(|| app.package.clone());
        let version = app.version.clone().unwrap_or_default();
        apps.rows.push((
            label,
            format!("{} {version}", app.package).trim().to_owned(),
        ));
    }

    let mut processes = Group::new(tr!(loc, "diag-group-processes"));
    for proc in &report.processes {
        let mut value = format!("pid {}", proc.pid);
        if let Some(user) = &proc.user {
            value.push_str(&format!(", {user}"));
        }
        if let Some(rss) = proc.rss_bytes {
            value.push_str(&format!(", {}", human_bytes(rss, loc)));
        }
        processes.rows.push((proc.name.clone(), value));
    }

    vec![
        device, battery, storage, memory, cpu, display, network, apps, processes,
    ]
}

/// The report as plain text, for the clipboard.
pub fn to_text(groups: &[Group]) -> String {
    let mut out = String::new();
    for group in groups {
        out.push_str(&group.title);
        out.push('\n');
        for (label, value) in &group.rows {
            out.push_str(&format!("  {label}: {value}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use lifeline_protocol::diagnostics::{BatteryInfo, DeviceInfo, InstalledApp};

    use super::*;

    fn report() -> DeviceDiagnostics {
        DeviceDiagnostics {
            device: DeviceInfo {
                manufacturer: Some("samsung".into()),
                model: Some("SM-S936B".into()),
                ..DeviceInfo::default()
            },
            battery: BatteryInfo {
                level_percent: Some(81),
                charging: Some(false),
                health: Some(BatteryHealth::Good),
                temperature_c: Some(31.5),
            },
            apps: vec![InstalledApp {
                name: Some("Settings".into()),
                package: "com.android.settings".into(),
                version: Some("16".into()),
            }],
            ..DeviceDiagnostics::default()
        }
    }

    #[test]
    fn report_becomes_nine_groups() {
        let groups = groups(&report(), Localizer::default());
        let titles: Vec<_> = groups.iter().map(|g| g.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Device",
                "Battery",
                "Storage",
                "Memory",
                "CPU",
                "Display",
                "Network",
                "Apps",
                "Processes"
            ]
        );
        assert!(groups[1].rows.contains(&("Level".into(), "81 %".into())));
        assert!(
            groups[1]
                .rows
                .contains(&("Temperature".into(), "31.5 °C".into()))
        );
        assert!(groups[2].rows.contains(&("Total".into(), "—".into())));
        assert_eq!(groups[7].rows[0].0, "Settings");
    }

    #[test]
    fn filter_keeps_matching_rows_or_whole_groups() {
        let groups = groups(&report(), Localizer::default());
        let battery = groups[1].filtered("charg").unwrap();
        assert_eq!(battery.rows, vec![("Charging".into(), "no".into())]);
        assert!(groups[0].filtered("SM-S936").is_some());
        assert!(groups[4].filtered("samsung").is_none());
        assert_eq!(groups[1].filtered("BATTERY").unwrap().rows.len(), 4);
        assert_eq!(groups[1].filtered("  ").unwrap().rows.len(), 4);
    }

    #[test]
    fn bytes_read_well() {
        let en = Localizer::default();
        assert_eq!(human_bytes(999, en), "999 B");
        assert_eq!(human_bytes(1_500_000_000, en), "1.5 GB");
        let fr = Localizer::new(lifeline_protocol::i18n::Language::Fr);
        assert_eq!(human_bytes(1_500_000_000, fr), "1,5 Go");
        let french = groups(&report(), fr);
        assert_eq!(french[1].title, "Batterie");
        assert!(
            french[1]
                .rows
                .contains(&("Température".into(), "31,5 °C".into()))
        );
        assert!(to_text(&groups(&report(), Localizer::default())).contains("  Model: SM-S936B\n"));
    }
}
