//! The device report from shell commands' output: one pure parser per source, and
//! [`assemble`] to put the parts into a [`DeviceDiagnostics`]. Every parser takes the text as
//! the phone printed it (CRLF, prompts, refusals, errors) and leaves what it cannot read
//! empty; none panics.

pub mod battery;
pub mod cpu;
pub mod df;
pub mod display;
pub mod getprop;
pub mod ip;
pub mod meminfo;
pub mod packages;
pub mod ps;
pub mod uptime;
pub mod wifi;
pub mod wm;

use lifeline_protocol::diagnostics::{
    CpuInfo, DeviceDiagnostics, DisplayInfo, NetworkInfo, NetworkType,
};

/// The shell commands read for a report, in the order of [`Sources`]'s fields.
pub const COMMANDS: [&str; 13] = [
    "getprop",
    "dumpsys battery",
    "cat /proc/meminfo",
    "df",
    "wm size",
    "wm density",
    "dumpsys display",
    "ip addr",
    "dumpsys wifi",
    "pm list packages",
    "dumpsys package packages | grep -E '^ *(Package \\[|versionName=)'",
    "ps -A",
    "cat /proc/uptime; cat /sys/devices/system/cpu/possible",
];

/// The commands of [`COMMANDS`] that can take seconds on a busy phone (services with much
/// to dump, the package manager): each runs alone, so that a slow one costs only its part.
pub const SLOW: [&str; 4] = [COMMANDS[6], COMMANDS[8], COMMANDS[9], COMMANDS[10]];

/// What each command printed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sources {
    /// `getprop`.
    pub getprop: String,
    /// `dumpsys battery`.
    pub battery: String,
    /// `/proc/meminfo`.
    pub meminfo: String,
    /// `df`.
    pub df: String,
    /// `wm size`.
    pub wm_size: String,
    /// `wm density`.
    pub wm_density: String,
    /// `dumpsys display`.
    pub display: String,
    /// `ip addr`.
    pub ip_addr: String,
    /// `dumpsys wifi`.
    pub wifi: String,
    /// `pm list packages`.
    pub packages: String,
    /// `dumpsys package` (package and version lines).
    pub package_versions: String,
    /// `ps -A`.
    pub ps: String,
    /// `/proc/uptime`, then `/sys/devices/system/cpu/possible`.
    pub uptime_and_cpus: String,
}

impl Sources {
    /// From the outputs of [`COMMANDS`], in order; missing ones are empty.
    pub fn from_outputs(outputs: Vec<String>) -> Self {
        let mut parts = outputs.into_iter();
        let mut next = || parts.next().unwrap_or_default();
        Self {
            getprop: next(),
            battery: next(),
            meminfo: next(),
            df: next(),
            wm_size: next(),
            wm_density: next(),
            display: next(),
            ip_addr: next(),
            wifi: next(),
            packages: next(),
            package_versions: next(),
            ps: next(),
            uptime_and_cpus: next(),
        }
    }
}

/// The report.
pub fn assemble(sources: &Sources) -> DeviceDiagnostics {
    let props = getprop::parse(&sources.getprop);
    let display = display::parse(&sources.display);
    let size = wm::size(&sources.wm_size);
    let addresses = ip::parse(&sources.ip_addr);
    let wifi = wifi::parse(&sources.wifi);
    let network_type = if wifi.ssid.is_some() {
        Some(NetworkType::Wifi)
    } else {
        ip::network_type(&addresses)
    };
    let mut uptime_lines = sources.uptime_and_cpus.lines();
    let uptime = uptime_lines.next().and_then(uptime::parse);
    let cores = uptime_lines.next().and_then(cpu::cores);
    DeviceDiagnostics {
        device: getprop::device_info(&props),
        battery: battery::parse(&sources.battery),
        storage: df::parse(&sources.df),
        memory: meminfo::parse(&sources.meminfo),
        cpu: CpuInfo {
            abi: getprop::abi(&props),
            cores,
        },
        display: DisplayInfo {
            width_px: size.map(|(w, _)| w),
            height_px: size.map(|(_, h)| h),
            density_dpi: wm::density(&sources.wm_density),
            refresh_rate_hz: display.refresh_hz,
        },
        network: NetworkInfo {
            network_type,
            wifi_ssid: wifi.ssid,
            wifi_rssi_dbm: wifi.rssi_dbm,
            ip_addresses: addresses.into_iter().map(|a| a.address).collect(),
        },
        uptime_secs: uptime,
        locale: getprop::locale(&props),
        time_zone: getprop::time_zone(&props),
        apps: packages::apps(&sources.packages, &sources.package_versions),
        processes: ps::parse(&sources.ps),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_parser_survives_garbage_and_truncation() {
        let samples = [
            include_str!("../../../tests/data/adb/getprop/getprop_lg_v60_android11.txt"),
            include_str!("../../../tests/data/adb/battery/battery_samsung_s24ultra_gekko.txt"),
            include_str!(
                "../../../tests/data/adb/display/dumpsys_display_mediatek_mt8168_android13.txt"
            ),
            include_str!("../../../tests/data/adb/ps/ps-A_mediatek_mt8168_tablet_android13.txt"),
            include_str!(
                "../../../tests/data/adb/df/df_samsung_tab_a8_sm-x200_android13_toybox.txt"
            ),
        ];
        let mut inputs: Vec<String> = vec![
            String::new(),
            "\0\0\0".into(),
            "\u{fffd}\u{1b}[31m]]][[[: ::: x".into(),
            "Permission Denial: can't dump".into(),
            "/system/bin/sh: dumpsys: not found".into(),
            "\n\r\n\r\r".into(),
            "9".repeat(10_000),
        ];
        // Numbers that parse but overflow once scaled or added, in each parser's layout.
        let huge = "18446744073709551615";
        let big = "9223372036854775807";
        inputs.push(format!(
            "level: {big}\nscale: 1\ntemperature: {big}\nMemTotal: {huge} kB\n\
             Physical size: {huge}x{huge}\nPhysical density: {huge}\n\
             mOverrideDisplayInfo=DisplayInfo{{real {huge} x {huge}, rotation {huge}, fps={huge}}}\n\
             /data {huge} {huge} {huge} 4096\n"
        ));
        inputs.push(format!(
            " 09:00:00 up {huge} days,  {huge}:{huge},\n{huge}-{huge}\n"
        ));
        inputs.push(format!("{big}.9 1\n0-{huge}\n"));
        inputs.push(format!(
            "USER PID PPID VSZ RSS WCHAN ADDR S NAME\nroot {huge} 0 {huge} {huge} 0 0 S init\n"
        ));
        for sample in samples {
            // Cut at every 97th char boundary: parsers must cope with output cut short.
            for (i, _) in sample.char_indices().step_by(97) {
                inputs.push(sample[..i].to_owned());
            }
        }
        for text in &inputs {
            let sources = Sources::from_outputs(vec![text.clone(); COMMANDS.len()]);
            let report = assemble(&sources);
            assert!(report.apps.len() <= packages::MAX_APPS);
        }
        let empty = assemble(&Sources::default());
        assert_eq!(empty, DeviceDiagnostics::default());
    }

    #[test]
    fn a_whole_report_from_captures() {
        let sources = Sources {
            getprop: include_str!("../../../tests/data/adb/getprop/getprop_samsung_s25plus_android16.txt").into(),
            battery: include_str!("../../../tests/data/adb/battery/battery_samsung_s24ultra_gekko.txt").into(),
            meminfo: include_str!("../../../tests/data/adb/meminfo/meminfo_unknown_arm64_android6.txt").into(),
            df: include_str!("../../../tests/data/adb/df/df_samsung_tab_a8_sm-x200_android13_toybox.txt").into(),
            wm_size: include_str!("../../../tests/data/adb/wm/wm_size_samsung_s24ultra.txt").into(),
            wm_density: include_str!("../../../tests/data/adb/wm/wm_density_samsung_s24ultra.txt").into(),
            display: include_str!("../../../tests/data/adb/display/dumpsys_display_mediatek_mt8168_android13.txt").into(),
            ip_addr: String::new(),
            wifi: include_str!("../../../tests/data/adb/wifi/dumpsys_wifi_excerpt_emulator_android9_connected.txt").into(),
            packages: String::new(),
            package_versions: include_str!("../../../tests/data/adb/packages/dumpsys_package_excerpt_rockchip_rk322x_tvbox_android7.1.2.txt").into(),
            ps: include_str!("../../../tests/data/adb/ps/ps-A_mediatek_mt8168_tablet_android13.txt").into(),
            uptime_and_cpus: "350735.47 234388.90\n0-7\n".into(),
        };
        let report = assemble(&sources);
        assert_eq!(report.device.model.as_deref(), Some("SM-S936B"));
        assert_eq!(report.battery.level_percent, Some(75));
        assert_eq!(report.display.width_px, Some(1440));
        assert_eq!(report.display.density_dpi, Some(600));
        assert_eq!(report.network.network_type, Some(NetworkType::Wifi));
        assert_eq!(report.network.wifi_ssid.as_deref(), Some("AndroidWifi"));
        assert_eq!(report.cpu.cores, Some(8));
        assert_eq!(report.uptime_secs, Some(350_735));
        assert_eq!(report.apps.len(), 7);
        assert_eq!(report.processes.len(), 343);
        assert_eq!(report.locale.as_deref(), Some("es-ES"));
    }
}
