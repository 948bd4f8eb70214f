//! The diagnostics panel: asked, waiting, the report as grouped tables, or a refusal.

use lifeline_protocol::DeviceDiagnostics;
use lifeline_protocol::diagnostics::{BatteryHealth, NetworkType};
use lifeline_protocol::messages::UnixMillis;

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
    pub title: &'static str,
    /// Label and value.
    pub rows: Vec<(String, String)>,
}

impl Group {
    fn new(title: &'static str) -> Self {
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
        (!rows.is_empty()).then_some(Group {
            title: self.title,
            rows,
        })
    }
}

/// Bytes as people read them: `1.5 GB`.
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

fn duration_text(secs: u64) -> String {
    let (d, h, m) = (secs / 86_400, (secs / 3600) % 24, (secs / 60) % 60);
    if d > 0 {
        format!("{d} d {h} h {m} min")
    } else {
        format!("{h} h {m} min")
    }
}

/// The report as tables: device, battery, storage, memory, CPU, display, network, apps,
/// processes.
pub fn groups(report: &DeviceDiagnostics) -> Vec<Group> {
    let s = |v: &Option<String>| v.clone();
    let mut device = Group::new("Device");
    let d = &report.device;
    device.row("Manufacturer", s(&d.manufacturer));
    device.row("Model", s(&d.model));
    device.row("Android version", s(&d.android_version));
    device.row("API level", d.api_level.map(|v| v.to_string()));
    device.row("Build", s(&d.build));
    device.row("Security patch", s(&d.security_patch));
    device.row("Uptime", report.uptime_secs.map(duration_text));
    device.row("Locale", s(&report.locale));
    device.row("Time zone", s(&report.time_zone));

    let mut battery = Group::new("Battery");
    let b = &report.battery;
    battery.row("Level", b.level_percent.map(|v| format!("{v} %")));
    battery.row(
        "Charging",
        b.charging.map(|c| if c { "yes" } else { "no" }.to_owned()),
    );
    battery.row(
        "Health",
        b.health.map(|h| {
            match h {
                BatteryHealth::Good => "good",
                BatteryHealth::Overheat => "overheating",
                BatteryHealth::Dead => "dead",
                BatteryHealth::OverVoltage => "over voltage",
                BatteryHealth::Failure => "failure",
                BatteryHealth::Cold => "cold",
                BatteryHealth::Unknown => "unknown",
            }
            .to_owned()
        }),
    );
    battery.row("Temperature", b.temperature_c.map(|t| format!("{t:.1} °C")));

    let mut storage = Group::new("Storage");
    storage.row("Total", report.storage.total_bytes.map(human_bytes));
    storage.row("Free", report.storage.free_bytes.map(human_bytes));

    let mut memory = Group::new("Memory");
    memory.row("Total", report.memory.total_bytes.map(human_bytes));
    memory.row("Available", report.memory.available_bytes.map(human_bytes));

    let mut cpu = Group::new("CPU");
    cpu.row("ABI", s(&report.cpu.abi));
    cpu.row("Cores", report.cpu.cores.map(|c| c.to_string()));

    let mut display = Group::new("Display");
    let p = &report.display;
    display.row(
        "Resolution",
        p.width_px
            .zip(p.height_px)
            .map(|(w, h)| format!("{w} × {h}")),
    );
    display.row("Density", p.density_dpi.map(|v| format!("{v} dpi")));
    display.row(
        "Refresh rate",
        p.refresh_rate_hz.map(|v| format!("{v:.0} Hz")),
    );

    let mut network = Group::new("Network");
    let n = &report.network;
    network.row(
        "Connection",
        n.network_type.map(|t| {
            match t {
                NetworkType::Wifi => "Wi-Fi",
                NetworkType::Cellular => "mobile data",
                NetworkType::Ethernet => "Ethernet",
                NetworkType::None => "none",
                NetworkType::Other => "other",
            }
            .to_owned()
        }),
    );
    network.row("Wi-Fi network", s(&n.wifi_ssid));
    network.row("Wi-Fi signal", n.wifi_rssi_dbm.map(|v| format!("{v} dBm")));
    network.row(
        "IP addresses",
        (!n.ip_addresses.is_empty()).then(|| n.ip_addresses.join(", ")),
    );

    let mut apps = Group::new("Apps");
    for app in &report.apps {
        let label = app.name.clone().unwrap_or_else(|| app.package.clone());
        let version = app.version.clone().unwrap_or_default();
        apps.rows.push((
            label,
            format!("{} {version}", app.package).trim().to_owned(),
        ));
    }

    let mut processes = Group::new("Processes");
    for proc in &report.processes {
        let mut value = format!("pid {}", proc.pid);
        if let Some(user) = &proc.user {
            value.push_str(&format!(", {user}"));
        }
        if let Some(rss) = proc.rss_bytes {
            value.push_str(&format!(", {}", human_bytes(rss)));
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
        out.push_str(group.title);
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
        let groups = groups(&report());
        let titles: Vec<_> = groups.iter().map(|g| g.title).collect();
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
        let groups = groups(&report());
        let battery = groups[1].filtered("charg").unwrap();
        assert_eq!(battery.rows, vec![("Charging".into(), "no".into())]);
        assert!(groups[0].filtered("SM-S936").is_some());
        assert!(groups[4].filtered("samsung").is_none());
        assert_eq!(groups[1].filtered("BATTERY").unwrap().rows.len(), 4);
        assert_eq!(groups[1].filtered("  ").unwrap().rows.len(), 4);
    }

    #[test]
    fn bytes_read_well() {
        assert_eq!(human_bytes(999), "999 B");
        assert_eq!(human_bytes(1_500_000_000), "1.5 GB");
        assert!(to_text(&groups(&report())).contains("  Model: SM-S936B\n"));
    }
}
