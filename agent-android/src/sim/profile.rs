//! Device profiles: what the simulated phone claims to be and can do.

use lifeline_protocol::consent::{Capability, CapabilitySet};

/// Which navigation-bar layout the vendor ships.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NavStyle {
    /// AOSP: Back (triangle), Home (circle), Recents (square), left to right.
    Aosp,
    /// Samsung One UI: Recents (three bars), Home (rounded square), Back (chevron).
    Samsung,
}

/// Shape of launcher icons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IconShape {
    /// Round icons (Pixel, older AOSP launchers).
    Circle,
    /// Rounded squares (Samsung, LG).
    Squircle,
}

/// One simulated phone model.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// Short name used on the command line (`sim:samsung`).
    pub name: &'static str,
    /// One line for `lifeline-agent profiles`.
    pub description: &'static str,
    /// `ro.product.manufacturer`, e.g. `samsung`.
    pub manufacturer: &'static str,
    /// `ro.product.model`, e.g. `SM-G991B`.
    pub model: &'static str,
    /// The name people know, e.g. `Galaxy S21 5G`.
    pub marketing_name: &'static str,
    /// e.g. `14`.
    pub android_version: &'static str,
    /// SDK level, e.g. 34.
    pub api_level: u32,
    /// Build number.
    pub build: &'static str,
    /// Security patch level.
    pub security_patch: &'static str,
    /// Screen width in the natural (portrait) orientation, pixels.
    pub width: u32,
    /// Screen height in the natural orientation, pixels.
    pub height: u32,
    /// Density in dpi (160 = 1 px per dp).
    pub density_dpi: u32,
    /// Display refresh rate.
    pub refresh_rate_hz: f32,
    /// e.g. `en-GB`.
    pub locale: &'static str,
    /// e.g. `Europe/London`.
    pub time_zone: &'static str,
    /// Whether the status-bar clock uses 24-hour time.
    pub clock_24h: bool,
    /// Whether the phone can capture its screen (MediaProjection needs Android 5).
    pub can_capture: bool,
    /// What the agent can offer on this phone.
    pub capabilities: CapabilitySet,
    /// Data partition size.
    pub storage_total_bytes: u64,
    /// Bytes already used on the data partition when the simulation starts.
    pub storage_used_bytes: u64,
    /// RAM.
    pub ram_total_bytes: u64,
    /// Primary ABI.
    pub cpu_abi: &'static str,
    /// CPU cores.
    pub cpu_cores: u32,
    /// Launcher package (shown in processes and logs).
    pub launcher_package: &'static str,
    /// Messages app package.
    pub messages_package: &'static str,
    /// Navigation bar layout.
    pub nav_style: NavStyle,
    /// Launcher icon shape.
    pub icon_shape: IconShape,
    /// Accent colour, RGB.
    pub accent: [u8; 3],
    /// Wallpaper gradient, top and bottom, RGB.
    pub wallpaper: ([u8; 3], [u8; 3]),
    /// Wi-Fi network the phone is on.
    pub wifi_ssid: &'static str,
    /// Phone's address on that network.
    pub ipv4: &'static str,
    /// Mobile operator shown when Wi-Fi is off.
    pub carrier: &'static str,
    /// Battery charge when the simulation starts, percent.
    pub battery_start_percent: u8,
}

const GIB: u64 = 1 << 30;

fn full() -> CapabilitySet {
    CapabilitySet::ALL
}

/// Every built-in profile; the first is the default.
pub fn profiles() -> &'static [Profile] {
    static PROFILES: std::sync::OnceLock<Vec<Profile>> = std::sync::OnceLock::new();
    PROFILES.get_or_init(|| {
        vec![
            Profile {
                name: "samsung",
                description: "Samsung Galaxy S21 5G, Android 14 (One UI 6), full support",
                manufacturer: "samsung",
                model: "SM-G991B",
                marketing_name: "Galaxy S21 5G",
                android_version: "14",
                api_level: 34,
                build: "UP1A.231005.007.G991BXXSGHXK1",
                security_patch: "2026-10-01",
                width: 1080,
                height: 2400,
                density_dpi: 420,
                refresh_rate_hz: 120.0,
                locale: "en-GB",
                time_zone: "Europe/London",
                clock_24h: true,
                can_capture: true,
                capabilities: full(),
                storage_total_bytes: 128 * GIB,
                storage_used_bytes: 47 * GIB + 300 * (1 << 20),
                ram_total_bytes: 8 * GIB,
                cpu_abi: "arm64-v8a",
                cpu_cores: 8,
                launcher_package: "com.sec.android.app.launcher",
                messages_package: "com.samsung.android.messaging",
                nav_style: NavStyle::Samsung,
                icon_shape: IconShape::Squircle,
                accent: [0x38, 0x7A, 0xF5],
                wallpaper: ([0x2B, 0x3A, 0x67], [0x9F, 0x6B, 0xA8]),
                wifi_ssid: "Home-5G",
                ipv4: "192.168.1.37",
                carrier: "Vodafone UK",
                battery_start_percent: 78,
            },
            Profile {
                name: "lg",
                description: "LG Velvet, Android 11, full support",
                manufacturer: "LGE",
                model: "LM-G900EM",
                marketing_name: "LG VELVET",
                android_version: "11",
                api_level: 30,
                build: "RKQ1.201105.002",
                security_patch: "2023-04-01",
                width: 1080,
                height: 2460,
                density_dpi: 420,
                refresh_rate_hz: 60.0,
                locale: "de-DE",
                time_zone: "Europe/Berlin",
                clock_24h: true,
                can_capture: true,
                capabilities: full(),
                storage_total_bytes: 128 * GIB,
                storage_used_bytes: 61 * GIB,
                ram_total_bytes: 6 * GIB,
                cpu_abi: "arm64-v8a",
                cpu_cores: 8,
                launcher_package: "com.lge.launcher3",
                messages_package: "com.android.mms",
                nav_style: NavStyle::Aosp,
                icon_shape: IconShape::Squircle,
                accent: [0xA5, 0x00, 0x34],
                wallpaper: ([0x1E, 0x1E, 0x24], [0x7A, 0x2E, 0x45]),
                wifi_ssid: "FRITZ!Box 7590 XY",
                ipv4: "192.168.178.54",
                carrier: "Telekom.de",
                battery_start_percent: 64,
            },
            Profile {
                name: "pixel",
                description: "Google Pixel 8, Android 14, full support",
                manufacturer: "Google",
                model: "Pixel 8",
                marketing_name: "Pixel 8",
                android_version: "14",
                api_level: 34,
                build: "AP2A.240905.003",
                security_patch: "2026-09-05",
                width: 1080,
                height: 2400,
                density_dpi: 420,
                refresh_rate_hz: 90.0,
                locale: "en-US",
                time_zone: "America/New_York",
                clock_24h: false,
                can_capture: true,
                capabilities: full(),
                storage_total_bytes: 128 * GIB,
                storage_used_bytes: 33 * GIB,
                ram_total_bytes: 8 * GIB,
                cpu_abi: "arm64-v8a",
                cpu_cores: 9,
                launcher_package: "com.google.android.apps.nexuslauncher",
                messages_package: "com.google.android.apps.messaging",
                nav_style: NavStyle::Aosp,
                icon_shape: IconShape::Circle,
                accent: [0x67, 0x50, 0xA4],
                wallpaper: ([0x20, 0x4E, 0x4A], [0xC9, 0xD9, 0xB0]),
                wifi_ssid: "NETGEAR42",
                ipv4: "10.0.0.112",
                carrier: "T-Mobile",
                battery_start_percent: 91,
            },
            Profile {
                name: "xiaomi",
                description: "Xiaomi Redmi Note 13, Android 14, full support, set to Spanish",
                manufacturer: "Xiaomi",
                model: "23129RAA4G",
                marketing_name: "Redmi Note 13",
                android_version: "14",
                api_level: 34,
                build: "UKQ1.231003.002",
                security_patch: "2026-08-01",
                width: 1080,
                height: 2400,
                density_dpi: 440,
                refresh_rate_hz: 120.0,
                locale: "es-ES",
                time_zone: "Europe/Madrid",
                clock_24h: true,
                can_capture: true,
                capabilities: full(),
                storage_total_bytes: 256 * GIB,
                storage_used_bytes: 74 * GIB,
                ram_total_bytes: 8 * GIB,
                cpu_abi: "arm64-v8a",
                cpu_cores: 8,
                launcher_package: "com.miui.home",
                messages_package: "com.google.android.apps.messaging",
                nav_style: NavStyle::Aosp,
                icon_shape: IconShape::Squircle,
                accent: [0xE8, 0x5D, 0x04],
                wallpaper: ([0x1B, 0x2A, 0x49], [0xE8, 0x8D, 0x67]),
                wifi_ssid: "MOVISTAR_7F3A",
                ipv4: "192.168.1.43",
                carrier: "Movistar",
                battery_start_percent: 57,
            },
            Profile {
                name: "old",
                description: "Motorola Moto G (2013), Android 4.4: cannot share its screen, chat-only",
                manufacturer: "motorola",
                model: "XT1032",
                marketing_name: "Moto G",
                android_version: "4.4.4",
                api_level: 19,
                build: "KXB21.14-L1.40",
                security_patch: "",
                width: 720,
                height: 1280,
                density_dpi: 320,
                refresh_rate_hz: 60.0,
                locale: "fr-FR",
                time_zone: "Europe/Paris",
                clock_24h: true,
                can_capture: false,
                capabilities: CapabilitySet::NONE
                    .with(Capability::Diagnostics)
                    .with(Capability::LogFiles),
                storage_total_bytes: 8 * GIB - 2 * GIB,
                storage_used_bytes: 5 * GIB,
                ram_total_bytes: GIB,
                cpu_abi: "armeabi-v7a",
                cpu_cores: 4,
                launcher_package: "com.google.android.googlequicksearchbox",
                messages_package: "com.android.mms",
                nav_style: NavStyle::Aosp,
                icon_shape: IconShape::Circle,
                accent: [0x33, 0xB5, 0xE5],
                wallpaper: ([0x10, 0x10, 0x10], [0x24, 0x4A, 0x5C]),
                wifi_ssid: "Livebox-8A2C",
                ipv4: "192.168.1.21",
                carrier: "Orange F",
                battery_start_percent: 42,
            },
        ]
    })
}

/// The profile called `name` (case-insensitive).
pub fn profile(name: &str) -> Option<&'static Profile> {
    profiles()
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(name.trim()))
}

/// The default profile (`samsung`).
pub fn default_profile() -> &'static Profile {
    // `profiles()` is a fixed, non-empty list; fall back to the first entry by index.
    &profiles()[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_are_distinct_and_findable() {
        let names: Vec<_> = profiles().iter().map(|p| p.name).collect();
        assert_eq!(names, ["samsung", "lg", "pixel", "xiaomi", "old"]);
        assert_eq!(profile("Pixel").map(|p| p.api_level), Some(34));
        assert!(profile("nokia").is_none());
        assert_eq!(default_profile().name, "samsung");
        assert_eq!(
            (default_profile().width, default_profile().height),
            (1080, 2400)
        );
    }

    #[test]
    fn only_the_old_phone_is_chat_only() {
        for p in profiles() {
            assert_eq!(p.capabilities.is_chat_only(), !p.can_capture, "{}", p.name);
        }
        let old = profile("old").unwrap();
        assert!(!old.capabilities.contains(Capability::RemoteControl));
        assert!(old.capabilities.contains(Capability::Diagnostics));
    }
}
