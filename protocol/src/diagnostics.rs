//! The device report a phone sends when the customer agrees to share device information.
//!
//! Every field is optional: phones differ in what they expose, and a backend fills in what
//! it can read and leaves the rest empty rather than guessing.

use serde::{Deserialize, Serialize};

/// Everything a technician may learn about a phone, in one report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeviceDiagnostics {
    /// Make, model, Android version and build.
    pub device: DeviceInfo,
    /// Battery state.
    pub battery: BatteryInfo,
    /// Internal storage.
    pub storage: StorageInfo,
    /// RAM.
    pub memory: MemoryInfo,
    /// Processor.
    pub cpu: CpuInfo,
    /// Main display.
    pub display: DisplayInfo,
    /// Network connection.
    pub network: NetworkInfo,
    /// Seconds since boot.
    pub uptime_secs: Option<u64>,
    /// Locale, e.g. `fr-FR`.
    pub locale: Option<String>,
    /// Time zone, e.g. `Europe/Paris`.
    pub time_zone: Option<String>,
    /// Installed apps.
    pub apps: Vec<InstalledApp>,
    /// Running processes.
    pub processes: Vec<ProcessInfo>,
}

/// Who made the phone and what it runs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceInfo {
    /// e.g. `samsung`.
    pub manufacturer: Option<String>,
    /// e.g. `SM-S936B`.
    pub model: Option<String>,
    /// e.g. `14`.
    pub android_version: Option<String>,
    /// SDK level, e.g. 34.
    pub api_level: Option<u32>,
    /// Build fingerprint or display ID.
    pub build: Option<String>,
    /// e.g. `2026-10-01`.
    pub security_patch: Option<String>,
}

/// Battery health as Android reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BatteryHealth {
    /// Good.
    Good,
    /// Overheating.
    Overheat,
    /// Dead.
    Dead,
    /// Over voltage.
    OverVoltage,
    /// Unspecified failure.
    Failure,
    /// Cold.
    Cold,
    /// The phone does not know.
    Unknown,
}

/// Battery state.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BatteryInfo {
    /// Charge in percent, 0–100.
    pub level_percent: Option<u8>,
    /// Whether a charger is connected and charging.
    pub charging: Option<bool>,
    /// Health.
    pub health: Option<BatteryHealth>,
    /// Temperature in °C.
    pub temperature_c: Option<f32>,
}

/// Internal storage.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StorageInfo {
    /// Total bytes of the data partition.
    pub total_bytes: Option<u64>,
    /// Free bytes of the data partition.
    pub free_bytes: Option<u64>,
}

/// RAM.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemoryInfo {
    /// Total RAM in bytes.
    pub total_bytes: Option<u64>,
    /// Available RAM in bytes.
    pub available_bytes: Option<u64>,
}

/// Processor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CpuInfo {
    /// Primary ABI, e.g. `arm64-v8a`.
    pub abi: Option<String>,
    /// Number of cores.
    pub cores: Option<u32>,
}

/// Main display.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DisplayInfo {
    /// Width in pixels (natural orientation).
    pub width_px: Option<u32>,
    /// Height in pixels (natural orientation).
    pub height_px: Option<u32>,
    /// Density in dpi.
    pub density_dpi: Option<u32>,
    /// Refresh rate in Hz.
    pub refresh_rate_hz: Option<f32>,
}

/// Kind of the active network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NetworkType {
    /// Wi-Fi.
    Wifi,
    /// Mobile data.
    Cellular,
    /// Wired Ethernet.
    Ethernet,
    /// No connection.
    None,
    /// Something else.
    Other,
}

/// Network connection.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkInfo {
    /// Active network kind.
    pub network_type: Option<NetworkType>,
    /// Wi-Fi network name.
    pub wifi_ssid: Option<String>,
    /// Wi-Fi signal in dBm.
    pub wifi_rssi_dbm: Option<i32>,
    /// Addresses of the phone's interfaces, as text.
    pub ip_addresses: Vec<String>,
}

/// One installed app.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstalledApp {
    /// Label shown to the user, when known.
    pub name: Option<String>,
    /// Package name, e.g. `com.android.settings`.
    pub package: String,
    /// Version name, e.g. `14.0.2`.
    pub version: Option<String>,
}

/// One running process.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessInfo {
    /// Process ID.
    pub pid: u32,
    /// Process or package name.
    pub name: String,
    /// Owning user, e.g. `u0_a123`.
    pub user: Option<String>,
    /// Resident memory in bytes.
    pub rss_bytes: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_report_round_trips_compactly() {
        let report = DeviceDiagnostics::default();
        let bytes = postcard::to_stdvec(&report).unwrap();
        // One byte per absent field or empty list: an unknown phone costs almost nothing.
        assert!(bytes.len() < 40, "{} bytes", bytes.len());
        assert_eq!(
            postcard::from_bytes::<DeviceDiagnostics>(&bytes).unwrap(),
            report
        );
    }

    #[test]
    fn full_report_round_trips() {
        let report = DeviceDiagnostics {
            device: DeviceInfo {
                manufacturer: Some("samsung".into()),
                model: Some("SM-S936B".into()),
                android_version: Some("16".into()),
                api_level: Some(36),
                build: Some("BP2A.250605.031.A3".into()),
                security_patch: Some("2026-10-01".into()),
            },
            battery: BatteryInfo {
                level_percent: Some(81),
                charging: Some(false),
                health: Some(BatteryHealth::Good),
                temperature_c: Some(29.5),
            },
            storage: StorageInfo {
                total_bytes: Some(256 << 30),
                free_bytes: Some(100 << 30),
            },
            memory: MemoryInfo {
                total_bytes: Some(12 << 30),
                available_bytes: Some(5 << 30),
            },
            cpu: CpuInfo {
                abi: Some("arm64-v8a".into()),
                cores: Some(8),
            },
            display: DisplayInfo {
                width_px: Some(1080),
                height_px: Some(2340),
                density_dpi: Some(450),
                refresh_rate_hz: Some(120.0),
            },
            network: NetworkInfo {
                network_type: Some(NetworkType::Wifi),
                wifi_ssid: Some("Home".into()),
                wifi_rssi_dbm: Some(-55),
                ip_addresses: vec!["192.168.1.23".into(), "fe80::1".into()],
            },
            uptime_secs: Some(86_400),
            locale: Some("fr-FR".into()),
            time_zone: Some("Europe/Paris".into()),
            apps: vec![InstalledApp {
                name: Some("Settings".into()),
                package: "com.android.settings".into(),
                version: Some("16".into()),
            }],
            processes: vec![ProcessInfo {
                pid: 1,
                name: "init".into(),
                user: Some("root".into()),
                rss_bytes: Some(4 << 20),
            }],
        };
        let bytes = postcard::to_stdvec(&report).unwrap();
        assert_eq!(
            postcard::from_bytes::<DeviceDiagnostics>(&bytes).unwrap(),
            report
        );
    }
}
