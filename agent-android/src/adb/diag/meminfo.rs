//! `/proc/meminfo`: total and available RAM.

use lifeline_protocol::diagnostics::MemoryInfo;

/// Total and available RAM. Kernels before 3.14 have no `MemAvailable`; then it stays empty
/// rather than being guessed.
pub fn parse(text: &str) -> MemoryInfo {
    let mut info = MemoryInfo::default();
    for line in text.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let slot = match key.trim() {
            "MemTotal" => &mut info.total_bytes,
            "MemAvailable" => &mut info.available_bytes,
            _ => continue,
        };
        if slot.is_none() {
            *slot = kib(value);
        }
    }
    info
}

/// `  3681628 kB` in bytes.
fn kib(value: &str) -> Option<u64> {
    let mut words = value.split_whitespace();
    let number: u64 = words.next()?.parse().ok()?;
    match words.next() {
        Some("kB") | None => number.checked_mul(1024),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_captured_phones() {
        let arm64 = parse(include_str!(
            "../../../tests/data/adb/meminfo/meminfo_unknown_arm64_android6.txt"
        ));
        assert_eq!(arm64.total_bytes, Some(3_681_628 * 1024));
        assert_eq!(arm64.available_bytes, Some(2_243_756 * 1024));
        for old in [
            include_str!("../../../tests/data/adb/meminfo/meminfo_asus_tf201_android4.0.3.txt"),
            include_str!(
                "../../../tests/data/adb/meminfo/meminfo_awesome-adb_32bit_1gb_android4or5era.txt"
            ),
        ] {
            let info = parse(old);
            assert!(info.total_bytes.is_some_and(|b| b > 500 << 20), "{info:?}");
            assert_eq!(
                info.available_bytes, None,
                "no MemAvailable before kernel 3.14"
            );
        }
    }

    #[test]
    fn garbage_leaves_fields_empty() {
        assert_eq!(parse(""), MemoryInfo::default());
        assert_eq!(
            parse("MemTotal: many kB\nMemAvailable: 18446744073709551615 kB\nMemTotal"),
            MemoryInfo::default()
        );
        assert_eq!(parse("MemTotal: 5 MB").total_bytes, None);
    }
}
