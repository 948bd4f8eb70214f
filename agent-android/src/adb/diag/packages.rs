//! Installed apps: `pm list packages` (`package:NAME`, with `--show-versioncode` also
//! ` versionCode:N`) for the list, and `dumpsys package` blocks (`Package [NAME] (…):` then
//! `versionName=…`) for version names.

use std::collections::BTreeMap;

use lifeline_protocol::diagnostics::InstalledApp;

/// Most apps reported (a phone has a few hundred; a broken listing must not be endless).
pub const MAX_APPS: usize = 2000;

/// Package names from `pm list packages`, in order, once each.
pub fn list(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for line in text.lines() {
        let Some(rest) = line.trim().strip_prefix("package:") else {
            continue;
        };
        // `-f` puts the APK path first: `package:/data/app/…/base.apk=NAME`.
        let name = rest.split_whitespace().next().unwrap_or_default();
        let name = name.rsplit_once(".apk=").map_or(name, |(_, n)| n);
        if is_package_name(name) && !names.iter().any(|n| n == name) {
            names.push(name.to_owned());
        }
        if names.len() >= MAX_APPS {
            break;
        }
    }
    names
}

/// Version names by package, from `dumpsys package` (whole, or only its `Package [` and
/// `versionName=` lines).
pub fn versions(text: &str) -> BTreeMap<String, String> {
    let mut versions = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("Package [") {
            current = rest
                .split_once(']')
                .map(|(name, _)| name)
                .filter(|name| is_package_name(name))
                .map(str::to_owned);
        } else if let Some(version) = line.strip_prefix("versionName=")
            && let Some(name) = current.take()
        {
            let version = version.trim();
            if !version.is_empty() && version != "null" {
                versions.insert(name, version.to_owned());
            }
        }
    }
    versions
}

/// The apps: those listed by `pm`, or failing that those in `dumpsys package`, with the
/// version names found.
pub fn apps(pm_list: &str, dumpsys: &str) -> Vec<InstalledApp> {
    let versions = versions(dumpsys);
    let mut names = list(pm_list);
    if names.is_empty() {
        names = versions.keys().take(MAX_APPS).cloned().collect();
    }
    names
        .into_iter()
        .map(|package| InstalledApp {
            name: None,
            version: versions.get(&package).cloned(),
            package,
        })
        .collect()
}

fn is_package_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 255
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROCKCHIP: &str = include_str!(
        "../../../tests/data/adb/packages/dumpsys_package_excerpt_rockchip_rk322x_tvbox_android7.1.2.txt"
    );
    const SETTINGS: &str = include_str!(
        "../../../tests/data/adb/packages/dumpsys_package_settings_excerpt_mediatek_mt8168_android13.txt"
    );

    #[test]
    fn reads_the_captured_package_dumps() {
        let v = versions(ROCKCHIP);
        assert_eq!(v.len(), 7, "{v:?}");
        assert_eq!(v["com.android.cts.priv.ctsshim"], "7.0-2996264");
        let s = versions(SETTINGS);
        assert_eq!(
            s.get("com.android.settings").map(String::as_str),
            Some("13")
        );
        // No `pm` listing: the dump's packages are the list.
        let apps = apps("", SETTINGS);
        assert_eq!(apps.len(), 1);
        assert_eq!(apps[0].package, "com.android.settings");
        assert_eq!(apps[0].version.as_deref(), Some("13"));
    }

    #[test]
    fn pm_listing_with_versions_merged() {
        let pm = "package:com.android.settings versionCode:33\r\npackage:/system/app/X/X.apk=com.example.x\npackage:com.android.settings\nWarning: junk\n";
        let apps = apps(pm, SETTINGS);
        let names: Vec<(&str, Option<&str>)> = apps
            .iter()
            .map(|a| (a.package.as_str(), a.version.as_deref()))
            .collect();
        assert_eq!(
            names,
            [
                ("com.android.settings", Some("13")),
                ("com.example.x", None)
            ]
        );
    }

    #[test]
    fn garbage_yields_nothing() {
        assert!(apps("", "").is_empty());
        assert!(list("package:\npackage:; rm -rf /\npackage:$(x)\n").is_empty());
        assert!(versions("versionName=1\nPackage [\nPackage [a b] x\nversionName=2").is_empty());
    }
}
