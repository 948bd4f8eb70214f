//! The device report, from the profile and the phone's live state.

use std::time::Duration;

use lifeline_protocol::diagnostics::{
    BatteryHealth, BatteryInfo, CpuInfo, DeviceDiagnostics, DeviceInfo, DisplayInfo, InstalledApp,
    MemoryInfo, NetworkInfo, NetworkType, ProcessInfo, StorageInfo,
};

use super::apps::AppId;
use super::state::{PID_AGENT, PID_LAUNCHER, PID_SYSTEM_SERVER, PID_SYSTEMUI, PhoneState};

/// Preinstalled system packages besides the launcher apps: label, package, version. An empty
/// package stands for the profile's launcher.
pub(crate) const SYSTEM_APPS: [(&str, &str, &str); 6] = [
    ("Android System", "android", ""),
    ("System UI", "com.android.systemui", ""),
    ("Launcher", "", ""),
    ("Google Play services", "com.google.android.gms", "24.45.33"),
    (
        "Android System WebView",
        "com.google.android.webview",
        "131.0.6778.81",
    ),
    (
        "Gboard",
        "com.google.android.inputmethod.latin",
        "14.8.04.686",
    ),
];

/// Battery temperature, °C: warm, wobbling slowly with the clock.
pub(crate) fn battery_temp(now: Duration) -> f32 {
    29.5 + 0.1 * ((now.as_secs() / 60) % 8) as f32
}

/// Battery voltage for a charge level.
pub(crate) fn battery_mv(percent: u8) -> u32 {
    3500 + u32::from(percent) * 7
}

/// Wi-Fi signal, dBm, moving a little every 10 s.
pub(crate) fn wifi_rssi(now: Duration) -> i32 {
    -52 - ((now.as_secs() / 10) % 7) as i32
}

/// "About 14 h 2 min left" at this charge (18 minutes per percent).
pub(crate) fn time_left(s: &PhoneState, now: Duration) -> String {
    let mins = u32::from(s.battery_percent(now)) * 18;
    format!("About {} h {} min left", mins / 60, mins % 60)
}

/// Available RAM: what the system leaves, minus the apps that run.
fn available_ram(s: &PhoneState) -> u64 {
    let base = s.profile.ram_total_bytes / 100 * 46;
    let used: u64 = s.pids.keys().map(|a| a.rss_bytes()).sum();
    base.saturating_sub(used)
        .max(s.profile.ram_total_bytes / 20)
}

/// Everything the technician may learn, filled for every section.
pub(crate) fn report(s: &PhoneState, now: Duration) -> DeviceDiagnostics {
    let p = s.profile;
    let network = if s.toggles.wifi {
        NetworkInfo {
            network_type: Some(NetworkType::Wifi),
            wifi_ssid: Some(p.wifi_ssid.to_owned()),
            wifi_rssi_dbm: Some(wifi_rssi(now)),
            ip_addresses: vec![p.ipv4.to_owned(), "fe80::8c2e:41ff:fe7a:19b3".to_owned()],
        }
    } else if s.toggles.airplane {
        NetworkInfo {
            network_type: Some(NetworkType::None),
            ..NetworkInfo::default()
        }
    } else {
        NetworkInfo {
            network_type: Some(NetworkType::Cellular),
            wifi_ssid: None,
            wifi_rssi_dbm: None,
            ip_addresses: vec!["10.148.23.7".to_owned(), "2a01:4c8:1401:7c2::1f".to_owned()],
        }
    };
    let mut apps: Vec<InstalledApp> = SYSTEM_APPS
        .iter()
        .map(|&(name, package, version)| InstalledApp {
            name: Some(name.to_owned()),
            package: if package.is_empty() {
                p.launcher_package
            } else {
                package
            }
            .to_owned(),
            version: Some(
                if version.is_empty() {
                    p.android_version
                } else {
                    version
                }
                .to_owned(),
            ),
        })
        .collect();
    apps.extend(AppId::ALL.iter().map(|&app| InstalledApp {
        name: Some(app.label().to_owned()),
        package: app.package(p).to_owned(),
        version: Some(app.version(p)),
    }));
    apps.sort_by(|a, b| a.package.cmp(&b.package));

    let sys = |pid: u32, name: &str, user: &str, mib: u64| ProcessInfo {
        pid,
        name: name.to_owned(),
        user: Some(user.to_owned()),
        rss_bytes: Some(mib << 20),
    };
    let mut processes = vec![
        sys(1, "init", "root", 4),
        sys(612, "/system/bin/surfaceflinger", "system", 38),
        sys(743, "zygote64", "root", 92),
        sys(PID_SYSTEM_SERVER, "system_server", "system", 388),
        sys(PID_SYSTEMUI, "com.android.systemui", "u0_a45", 241),
        sys(PID_LAUNCHER, p.launcher_package, "u0_a61", 176),
        sys(3021, "com.google.android.gms.persistent", "u0_a32", 133),
    ];
    for (&app, &pid) in &s.pids {
        let user = if pid == PID_AGENT {
            "u0_a201".to_owned()
        } else {
            format!("u0_a{}", 100 + app as u32)
        };
        processes.push(ProcessInfo {
            pid,
            name: app.package(p).to_owned(),
            user: Some(user),
            rss_bytes: Some(app.rss_bytes()),
        });
    }
    processes.sort_by_key(|pr| pr.pid);

    DeviceDiagnostics {
        device: DeviceInfo {
            manufacturer: Some(p.manufacturer.to_owned()),
            model: Some(p.model.to_owned()),
            android_version: Some(p.android_version.to_owned()),
            api_level: Some(p.api_level),
            build: Some(p.build.to_owned()),
            security_patch: (!p.security_patch.is_empty()).then(|| p.security_patch.to_owned()),
        },
        battery: BatteryInfo {
            level_percent: Some(s.battery_percent(now)),
            charging: Some(false),
            health: Some(BatteryHealth::Good),
            temperature_c: Some(battery_temp(now)),
        },
        storage: StorageInfo {
            total_bytes: Some(p.storage_total_bytes),
            free_bytes: Some(p.storage_total_bytes.saturating_sub(p.storage_used_bytes)),
        },
        memory: MemoryInfo {
            total_bytes: Some(p.ram_total_bytes),
            available_bytes: Some(available_ram(s)),
        },
        cpu: CpuInfo {
            abi: Some(p.cpu_abi.to_owned()),
            cores: Some(p.cpu_cores),
        },
        display: DisplayInfo {
            width_px: Some(p.width),
            height_px: Some(p.height),
            density_dpi: Some(p.density_dpi),
            refresh_rate_hz: Some(p.refresh_rate_hz),
        },
        network,
        uptime_secs: Some(s.uptime(now).as_secs()),
        locale: Some(p.locale.to_owned()),
        time_zone: Some(p.time_zone.to_owned()),
        apps,
        processes,
    }
}
