//! `getprop`: `[key]: [value]` lines, into make, model, Android version, build, locale,
//! time zone and ABI.

use std::collections::BTreeMap;

use lifeline_protocol::diagnostics::DeviceInfo;

/// The properties, by name. Lines that are not `[key]: [value]` are skipped.
pub fn parse(text: &str) -> BTreeMap<String, String> {
    let mut props = BTreeMap::new();
    for line in text.lines() {
        let line = line.trim();
        let Some(rest) = line.strip_prefix('[') else {
            continue;
        };
        let Some((key, value)) = rest.split_once("]: [") else {
            continue;
        };
        let Some(value) = value.strip_suffix(']') else {
            continue;
        };
        props.insert(key.to_owned(), value.to_owned());
    }
    props
}

/// The first non-empty value among `keys`.
pub fn first<'a>(props: &'a BTreeMap<String, String>, keys: &[&str]) -> Option<&'a str> {
    keys.iter()
        .filter_map(|k| props.get(*k))
        .map(|v| v.trim())
        .find(|v| !v.is_empty())
}

/// The SDK level (`ro.build.version.sdk`).
pub fn sdk(props: &BTreeMap<String, String>) -> Option<u32> {
    first(props, &["ro.build.version.sdk"])?.parse().ok()
}

/// Make, model, version, build and security patch.
pub fn device_info(props: &BTreeMap<String, String>) -> DeviceInfo {
    let get = |keys: &[&str]| first(props, keys).map(str::to_owned);
    DeviceInfo {
        manufacturer: get(&["ro.product.manufacturer", "ro.product.vendor.manufacturer"]),
        model: get(&["ro.product.model", "ro.product.vendor.model"]),
        android_version: get(&[
            "ro.build.version.release",
            "ro.build.version.release_or_codename",
        ]),
        api_level: sdk(props),
        build: get(&["ro.build.display.id", "ro.build.fingerprint"]),
        security_patch: get(&["ro.build.version.security_patch"]),
    }
}

/// The locale, e.g. `fr-FR`: the one set by the user, else the one the phone shipped with.
pub fn locale(props: &BTreeMap<String, String>) -> Option<String> {
    if let Some(locale) = first(props, &["persist.sys.locale", "ro.product.locale"]) {
        return Some(locale.to_owned());
    }
    let language = first(
        props,
        &["persist.sys.language", "ro.product.locale.language"],
    )?;
    match first(props, &["persist.sys.country", "ro.product.locale.region"]) {
        Some(region) => Some(format!("{language}-{region}")),
        None => Some(language.to_owned()),
    }
}

/// The time zone, e.g. `Europe/Paris`.
pub fn time_zone(props: &BTreeMap<String, String>) -> Option<String> {
    first(props, &["persist.sys.timezone"]).map(str::to_owned)
}

/// The primary ABI, e.g. `arm64-v8a`.
pub fn abi(props: &BTreeMap<String, String>) -> Option<String> {
    first(
        props,
        &["ro.product.cpu.abi", "ro.system.product.cpu.abilist"],
    )
    .map(|v| v.split(',').next().unwrap_or(v).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMSUNG: &str =
        include_str!("../../../tests/data/adb/getprop/getprop_samsung_s25plus_android16.txt");
    const LG: &str = include_str!("../../../tests/data/adb/getprop/getprop_lg_v60_android11.txt");
    const XIAOMI: &str = include_str!(
        "../../../tests/data/adb/getprop/getprop_xiaomi_12x_psyche_miui13_android12.txt"
    );
    const ASUS: &str =
        include_str!("../../../tests/data/adb/getprop/getprop_asus_tf201_android4.0.3.txt");

    #[test]
    fn reads_every_captured_phone() {
        let samsung = parse(SAMSUNG);
        assert_eq!(
            device_info(&samsung),
            DeviceInfo {
                manufacturer: Some("samsung".into()),
                model: Some("SM-S936B".into()),
                android_version: Some("16".into()),
                api_level: Some(36),
                build: Some("BP4A.251205.006.S936BXXUACZF1".into()),
                security_patch: Some("2026-06-05".into()),
            }
        );
        assert_eq!(locale(&samsung).as_deref(), Some("es-ES"));
        assert_eq!(time_zone(&samsung).as_deref(), Some("Europe/Madrid"));
        assert_eq!(abi(&samsung).as_deref(), Some("arm64-v8a"));

        let lg = parse(LG);
        let info = device_info(&lg);
        assert_eq!(info.manufacturer.as_deref(), Some("LGE"));
        assert_eq!(info.model.as_deref(), Some("LM-V600"));
        assert_eq!(info.api_level, Some(30));
        assert_eq!(locale(&lg).as_deref(), Some("en-GB"));

        let xiaomi = parse(XIAOMI);
        let info = device_info(&xiaomi);
        assert_eq!(info.manufacturer.as_deref(), Some("Xiaomi"));
        assert_eq!(info.model.as_deref(), Some("2112123AG"));
        assert_eq!(info.android_version.as_deref(), Some("12"));
        assert_eq!(info.security_patch.as_deref(), Some("2022-06-01"));

        // Android 4.0.3, CRLF: no security patch property, locale from language + region.
        let asus = parse(ASUS);
        let info = device_info(&asus);
        assert_eq!(info.model.as_deref(), Some("TF201"));
        assert_eq!(info.api_level, Some(15));
        assert_eq!(info.security_patch, None);
        assert_eq!(locale(&asus).as_deref(), Some("ja-JP"));
        assert_eq!(time_zone(&asus).as_deref(), Some("Asia/Tokyo"));
        assert_eq!(abi(&asus).as_deref(), Some("armeabi-v7a"));
    }

    #[test]
    fn odd_lines_are_skipped() {
        let props = parse("[a]: [1]\n[broken\n]: [x]\n[b]: [two] trailing\n[c]: []\n\0\u{1b}[0m\n");
        assert_eq!(props.len(), 2);
        assert_eq!(props["c"], "");
        assert_eq!(device_info(&props), DeviceInfo::default());
        assert_eq!(sdk(&parse("[ro.build.version.sdk]: [thirty]")), None);
        assert_eq!(locale(&props), None);
    }
}
