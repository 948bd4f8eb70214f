//! Settings: a long list of rows and detail pages with the phone's real values.

use std::time::Duration;

use super::AppId;
use super::list::{Item, Lead};
use crate::sim::diagnostics as live;
use crate::sim::render::color::{Color, rgb};
use crate::sim::render::icons::Icon;
use crate::sim::state::PhoneState;
use crate::sim::ui::{Page, Setting, SettingsPage, Target};

/// The rows of the Settings list: title, second line, icon (or the title's initial), colour.
#[rustfmt::skip]
const ROWS: &[(&str, &str, Option<Icon>, [u8; 3])] = &[
    ("Wi-Fi", "", Some(Icon::Wifi), [0x38, 0x7A, 0xF5]),
    ("Bluetooth", "", Some(Icon::Bluetooth), [0x38, 0x7A, 0xF5]),
    ("Mobile network", "", None, [0x2E, 0x9D, 0x5A]),
    ("SIM manager", "Primary SIM, eSIM", None, [0x2E, 0x9D, 0x5A]),
    ("Data usage", "2.1 GB used this month", None, [0x2E, 0x9D, 0x5A]),
    ("Mobile hotspot and tethering", "Off", None, [0x2E, 0x9D, 0x5A]),
    ("Airplane mode", "", Some(Icon::Airplane), [0x5F, 0x6B, 0x7A]),
    ("NFC and contactless payments", "On", None, [0x5F, 0x6B, 0x7A]),
    ("Connected devices", "Quick Share, Android Auto", None, [0x38, 0x7A, 0xF5]),
    ("Notifications", "App notifications, status bar", None, [0xE5, 0x5B, 0x3C]),
    ("Sounds and vibration", "Sound mode, ringtone", Some(Icon::Speaker), [0x8E, 0x4E, 0xC6]),
    ("Display", "Brightness, eye comfort shield, navigation bar", None, [0x1E, 0x9E, 0x92]),
    ("Wallpaper and style", "Wallpapers, colour palette", Some(Icon::Gallery), [0xD9, 0x4F, 0x86]),
    ("Themes", "Themes, wallpapers, icons", None, [0x8E, 0x4E, 0xC6]),
    ("Home screen", "Layout, app icon badges", None, [0x3F, 0x51, 0xB5]),
    ("Lock screen", "Screen lock type, Always On Display", None, [0x3F, 0x51, 0xB5]),
    ("Biometrics and security", "Face recognition, fingerprints", None, [0x3F, 0x51, 0xB5]),
    ("Privacy", "Permissions, privacy dashboard", None, [0x5F, 0x6B, 0x7A]),
    ("Location", "", Some(Icon::Location), [0x2E, 0x9D, 0x5A]),
    ("Safety and emergency", "Medical info, wireless emergency alerts", None, [0xD9, 0x30, 0x25]),
    ("Accounts and backup", "Manage accounts, Smart Switch", None, [0x38, 0x7A, 0xF5]),
    ("Google", "Google services and preferences", None, [0x42, 0x85, 0xF4]),
    ("Advanced features", "Side button, motions and gestures", None, [0xF2, 0x99, 0x00]),
    ("Digital Wellbeing and parental controls", "Screen time, app timers", None, [0x2E, 0x9D, 0x5A]),
    ("Battery", "", Some(Icon::BatterySaver), [0x2E, 0x9D, 0x5A]),
    ("Storage", "", None, [0xF2, 0x99, 0x00]),
    ("Device care", "Memory, device protection", None, [0x1E, 0x9E, 0x92]),
    ("Apps", "", None, [0x38, 0x7A, 0xF5]),
    ("Default apps", "Browser, phone, messages", None, [0x38, 0x7A, 0xF5]),
    ("General management", "Language, date and time, keyboard", Some(Icon::Gear), [0x5F, 0x6B, 0x7A]),
    ("Languages", "", None, [0x5F, 0x6B, 0x7A]),
    ("Date and time", "", Some(Icon::Clock), [0x5F, 0x6B, 0x7A]),
    ("Keyboard", "Samsung Keyboard, Gboard", None, [0x5F, 0x6B, 0x7A]),
    ("Accessibility", "TalkBack, mono audio, assistant menu", None, [0x2E, 0x9D, 0x5A]),
    ("Software update", "Download and install", None, [0x8E, 0x4E, 0xC6]),
    ("Tips and user manual", "Useful tips, new features", None, [0xF2, 0x99, 0x00]),
    ("Backup and restore", "Google Drive", None, [0x38, 0x7A, 0xF5]),
    ("Reset", "Reset settings, factory data reset", None, [0x5F, 0x6B, 0x7A]),
    ("Users", "Signed in as owner", None, [0x5F, 0x6B, 0x7A]),
    ("Printing", "1 print service on", None, [0x5F, 0x6B, 0x7A]),
    ("Remote support", "Lifeline", Some(Icon::Heart), [0xD9, 0x30, 0x25]),
    ("System", "Gestures, backup, system updates", None, [0x5F, 0x6B, 0x7A]),
    ("Developer options", "Off", None, [0x5F, 0x6B, 0x7A]),
    ("About phone", "", Some(Icon::Info), [0x5F, 0x6B, 0x7A]),
];

/// The page a row opens.
fn page_of(i: usize) -> SettingsPage {
    match ROWS.get(i).map(|r| r.0) {
        Some("Wi-Fi") => SettingsPage::Wifi,
        Some("Bluetooth") => SettingsPage::Bluetooth,
        Some("Battery") => SettingsPage::Battery,
        Some("Storage") => SettingsPage::Storage,
        Some("Apps") => SettingsPage::Apps,
        Some("About phone") => SettingsPage::About,
        _ => SettingsPage::Other(u8::try_from(i).unwrap_or(u8::MAX)),
    }
}

/// A page's title.
pub(crate) fn title(page: Page) -> String {
    match page {
        Page::Main => "Settings".into(),
        Page::Settings(SettingsPage::Wifi) => "Wi-Fi".into(),
        Page::Settings(SettingsPage::Bluetooth) => "Bluetooth".into(),
        Page::Settings(SettingsPage::Battery) => "Battery".into(),
        Page::Settings(SettingsPage::Storage) => "Storage".into(),
        Page::Settings(SettingsPage::Apps) => "Apps".into(),
        Page::Settings(SettingsPage::About) => "About phone".into(),
        Page::Settings(SettingsPage::Other(i)) => {
            ROWS.get(usize::from(i)).map_or("Settings", |r| r.0).into()
        }
    }
}

fn color([r, g, b]: [u8; 3]) -> Color {
    rgb(r, g, b)
}

/// Bytes as Android shows storage: binary gigabytes, one decimal unless whole.
pub(crate) fn gb(bytes: u64) -> String {
    let v = bytes as f64 / f64::from(1u32 << 30);
    if (v - v.round()).abs() < 0.05 {
        format!("{} GB", v.round())
    } else {
        format!("{v:.1} GB")
    }
}

/// The items of `page` as the phone is at `now`.
pub(crate) fn items(s: &PhoneState, page: Page, now: Duration) -> Vec<Item> {
    match page {
        Page::Main => list(s, now),
        Page::Settings(SettingsPage::Wifi) => wifi(s, now),
        Page::Settings(SettingsPage::Bluetooth) => bluetooth(s),
        Page::Settings(SettingsPage::Battery) => battery(s, now),
        Page::Settings(SettingsPage::Storage) => storage(s),
        Page::Settings(SettingsPage::Apps) => apps(s),
        Page::Settings(SettingsPage::About) => about(s, now),
        Page::Settings(SettingsPage::Other(i)) => other(i),
    }
}

fn list(s: &PhoneState, now: Duration) -> Vec<Item> {
    let mut items = vec![Item::Search];
    for (i, &(title, sub, icon, rgb)) in ROWS.iter().enumerate() {
        let page = page_of(i);
        let subtitle = match page {
            SettingsPage::Wifi if s.toggles.wifi => s.profile.wifi_ssid.to_owned(),
            SettingsPage::Wifi => "Off".to_owned(),
            SettingsPage::Bluetooth => if s.toggles.bluetooth { "On" } else { "Off" }.to_owned(),
            SettingsPage::Battery => {
                format!("{}% · {}", s.battery_percent(now), live::time_left(s, now))
            }
            SettingsPage::Storage => format!(
                "{} used of {}",
                gb(s.profile.storage_used_bytes),
                gb(s.profile.storage_total_bytes)
            ),
            SettingsPage::Apps => format!("{} apps", AppId::ALL.len() + live::SYSTEM_APPS.len()),
            SettingsPage::About => s.profile.marketing_name.to_owned(),
            SettingsPage::Other(_) if title == "Mobile network" => s.profile.carrier.to_owned(),
            SettingsPage::Other(_) if title == "Airplane mode" => {
                if s.toggles.airplane { "On" } else { "Off" }.to_owned()
            }
            SettingsPage::Other(_) if title == "Location" => {
                if s.toggles.location { "On" } else { "Off" }.to_owned()
            }
            SettingsPage::Other(_) if title == "Languages" => s.profile.locale.to_owned(),
            SettingsPage::Other(_) if title == "Date and time" => s.profile.time_zone.to_owned(),
            SettingsPage::Other(_) => sub.to_owned(),
        };
        let initial = title.chars().next().unwrap_or('?');
        items.push(Item::Row {
            lead: icon.map_or(Lead::Letter(initial, color(rgb)), |i| {
                Lead::Icon(i, color(rgb))
            }),
            title: title.to_owned(),
            subtitle: Some(subtitle),
            target: Some(Target::SettingsRow(page)),
        });
    }
    items
}

fn value(label: &str, value: impl Into<String>) -> Item {
    Item::Value {
        label: label.to_owned(),
        value: value.into(),
    }
}

fn plain_row(title: &str, subtitle: Option<&str>) -> Item {
    Item::Row {
        lead: Lead::None,
        title: title.to_owned(),
        subtitle: subtitle.map(str::to_owned),
        target: None,
    }
}

fn wifi(s: &PhoneState, now: Duration) -> Vec<Item> {
    let on = s.toggles.wifi;
    let mut items = vec![Item::Switch {
        title: "Wi-Fi".into(),
        subtitle: None,
        on,
        setting: Setting::Wifi,
    }];
    if !on {
        items.push(plain_row(
            "Wi-Fi is off",
            Some("Turn Wi-Fi on to see available networks"),
        ));
        return items;
    }
    let rssi = live::wifi_rssi(now);
    items.push(Item::Header("Current network".into()));
    items.push(Item::Row {
        lead: Lead::Icon(Icon::Wifi, s.theme.accent),
        title: s.profile.wifi_ssid.into(),
        subtitle: Some(format!("Connected · {rssi} dBm")),
        target: None,
    });
    items.push(value("IP address", s.profile.ipv4));
    items.push(Item::Header("Available networks".into()));
    for (name, note) in [
        ("Neighbours_2G", "Secured"),
        ("DIRECT-7F-HP LaserJet", "Secured"),
        ("Cafe Guest", "Open"),
        ("Vodafone Hotspot", "Open"),
        ("SKY8D2A1", "Secured"),
    ] {
        items.push(Item::Row {
            lead: Lead::Icon(Icon::Wifi, rgb(0x9E, 0x9E, 0xA6)),
            title: name.into(),
            subtitle: Some(note.into()),
            target: None,
        });
    }
    items.push(plain_row("Add network", None));
    items
}

fn bluetooth(s: &PhoneState) -> Vec<Item> {
    vec![
        Item::Switch {
            title: "Bluetooth".into(),
            subtitle: None,
            on: s.toggles.bluetooth,
            setting: Setting::Bluetooth,
        },
        value("Device name", s.profile.marketing_name),
        Item::Header("Paired devices".into()),
        plain_row("Galaxy Buds2 Pro", Some("Headphones")),
        plain_row("Car audio", Some("Car kit")),
    ]
}

fn battery(s: &PhoneState, now: Duration) -> Vec<Item> {
    let pct = s.battery_percent(now);
    let bar_color = match pct {
        0..=15 => rgb(0xD9, 0x30, 0x25),
        16..=30 => rgb(0xF2, 0x99, 0x00),
        _ => rgb(0x2E, 0x9D, 0x5A),
    };
    vec![
        Item::Hero {
            big: format!("{pct}%"),
            caption: live::time_left(s, now),
        },
        Item::Bar(vec![(f32::from(pct) / 100.0, bar_color)]),
        value("Status", "Discharging"),
        value("Health", "Good"),
        value("Temperature", format!("{:.1} °C", live::battery_temp(now))),
        value("Voltage", format!("{} mV", live::battery_mv(pct))),
        Item::Switch {
            title: "Power saving".into(),
            subtitle: Some("Extend battery life".into()),
            on: s.toggles.battery_saver,
            setting: Setting::BatterySaver,
        },
        plain_row("Battery usage", Some("Since last full charge")),
    ]
}

/// Storage categories as fractions of the used space.
const CATEGORIES: [(&str, f32, [u8; 3]); 6] = [
    ("Apps", 0.34, [0x38, 0x7A, 0xF5]),
    ("Images", 0.22, [0xD9, 0x4F, 0x86]),
    ("Videos", 0.18, [0x8E, 0x4E, 0xC6]),
    ("Audio", 0.04, [0x2E, 0x9D, 0x5A]),
    ("Documents", 0.03, [0xF2, 0x99, 0x00]),
    ("System", 0.19, [0x5F, 0x6B, 0x7A]),
];

fn storage(s: &PhoneState) -> Vec<Item> {
    let total = s.profile.storage_total_bytes;
    let used = s.profile.storage_used_bytes;
    let used_fraction = used as f32 / total.max(1) as f32;
    let mut items = vec![
        Item::Hero {
            big: gb(used),
            caption: format!(
                "used of {} · {} free",
                gb(total),
                gb(total.saturating_sub(used))
            ),
        },
        Item::Bar(
            CATEGORIES
                .iter()
                .map(|&(_, f, c)| (f * used_fraction, color(c)))
                .collect(),
        ),
    ];
    for (name, f, c) in CATEGORIES {
        items.push(Item::Row {
            lead: Lead::Letter(name.chars().next().unwrap_or('?'), color(c)),
            title: name.into(),
            subtitle: Some(gb((used as f64 * f64::from(f)) as u64)),
            target: None,
        });
    }
    items.push(plain_row("Free up space", None));
    items
}

fn apps(s: &PhoneState) -> Vec<Item> {
    let mut items = vec![Item::Header(format!(
        "{} apps",
        AppId::ALL.len() + live::SYSTEM_APPS.len()
    ))];
    let mut apps = AppId::ALL.to_vec();
    apps.sort_by_key(|a| a.label());
    for app in apps {
        items.push(Item::Row {
            lead: Lead::Icon(app.icon(), app.color()),
            title: app.label().into(),
            subtitle: Some(format!("Version {}", app.version(s.profile))),
            target: None,
        });
    }
    items
}

fn about(s: &PhoneState, now: Duration) -> Vec<Item> {
    let p = s.profile;
    let up = s.uptime(now).as_secs();
    vec![
        Item::Hero {
            big: p.marketing_name.into(),
            caption: format!("{} {}", p.manufacturer, p.model),
        },
        value("Model number", p.model),
        value("Android version", p.android_version),
        value("API level", p.api_level.to_string()),
        value("Build number", p.build),
        value(
            "Security patch",
            if p.security_patch.is_empty() {
                "Not available"
            } else {
                p.security_patch
            },
        ),
        value(
            "Screen",
            format!(
                "{} × {} px, {} dpi, {} Hz",
                p.width, p.height, p.density_dpi, p.refresh_rate_hz
            ),
        ),
        value("RAM", format!("{} GB", p.ram_total_bytes >> 30)),
        value("Storage", gb(p.storage_total_bytes)),
        value("Processor", format!("{} cores, {}", p.cpu_cores, p.cpu_abi)),
        value(
            "IP address",
            if s.toggles.wifi {
                p.ipv4
            } else {
                "Unavailable"
            },
        ),
        value(
            "Locale and time zone",
            format!("{} · {}", p.locale, p.time_zone),
        ),
        value("Up time", format!("{}:{:02}", up / 3600, up / 60 % 60)),
    ]
}

fn other(i: u8) -> Vec<Item> {
    let name = title(Page::Settings(SettingsPage::Other(i)));
    vec![
        Item::Switch {
            title: format!("Use {}", name.to_lowercase()),
            subtitle: None,
            on: false,
            setting: Setting::Other(i, 0),
        },
        Item::Switch {
            title: "Show suggestions".into(),
            subtitle: Some("Based on how you use your phone".into()),
            on: false,
            setting: Setting::Other(i, 1),
        },
        value("Status", "Managed by your phone"),
        plain_row("Advanced", None),
    ]
}

/// `items` with every switch showing the phone's current value (generic pages build their
/// switches without state).
pub(crate) fn with_switch_state(s: &PhoneState, mut items: Vec<Item>) -> Vec<Item> {
    for item in &mut items {
        if let Item::Switch { on, setting, .. } = item {
            *on = s.toggles.get(*setting);
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_has_at_least_forty_rows_each_opening_a_page() {
        assert!(ROWS.len() >= 40);
        let pages: std::collections::HashSet<_> = (0..ROWS.len()).map(page_of).collect();
        assert_eq!(pages.len(), ROWS.len());
        for special in [
            SettingsPage::Wifi,
            SettingsPage::Battery,
            SettingsPage::Storage,
            SettingsPage::About,
        ] {
            assert!(pages.contains(&special));
        }
    }
}
