//! `df`: size and free space of the data partition, from toybox (`Filesystem 1K-blocks Used
//! Available Use% Mounted on`, or `-h` sizes) or the old toolbox (`Filesystem Size Used Free
//! Blksize`, where "Filesystem" is the mount point).

use lifeline_protocol::diagnostics::StorageInfo;

/// Size and free bytes of `/data`.
pub fn parse(text: &str) -> StorageInfo {
    let mut lines = text.lines().map(|l| l.trim_end_matches('\r'));
    let Some(header) = lines
        .by_ref()
        .find(|l| l.trim_start().starts_with("Filesystem"))
    else {
        return StorageInfo::default();
    };
    let columns: Vec<&str> = header.split_whitespace().collect();
    // Plain numbers are KiB in toybox's default output, bytes nowhere.
    let unit = if columns.iter().any(|c| c.eq_ignore_ascii_case("1K-blocks")) {
        1024
    } else {
        1
    };
    let toybox = columns.contains(&"Mounted");
    let free_col = columns
        .iter()
        .position(|c| matches!(*c, "Free" | "Available" | "Avail"))
        .unwrap_or(3);
    for line in lines {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.len() < 4 {
            continue;
        }
        let mount = if toybox { words.last() } else { words.first() };
        if mount != Some(&"/data") {
            continue;
        }
        return StorageInfo {
            total_bytes: words.get(1).and_then(|w| size(w, unit)),
            free_bytes: words.get(free_col).and_then(|w| size(w, unit)),
        };
    }
    StorageInfo::default()
}

/// `4192256`, `1.8G`, `104.0K`, `0` in bytes (`unit` for plain numbers).
fn size(word: &str, unit: u64) -> Option<u64> {
    let (number, multiplier) = match word.char_indices().last()? {
        (i, 'K' | 'k') => (&word[..i], 1u64 << 10),
        (i, 'M') => (&word[..i], 1 << 20),
        (i, 'G') => (&word[..i], 1 << 30),
        (i, 'T') => (&word[..i], 1 << 40),
        _ => (word, unit),
    };
    let value: f64 = number.parse().ok()?;
    if !value.is_finite() || value < 0.0 {
        return None;
    }
    let bytes = (value * multiplier as f64).round();
    (bytes < u64::MAX as f64).then_some(bytes as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(name: &str) -> String {
        let path = format!("{}/tests/data/adb/df/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path).unwrap()
    }

    #[test]
    fn reads_every_captured_layout() {
        let tab = parse(&data("df_samsung_tab_a8_sm-x200_android13_toybox.txt"));
        assert_eq!(tab.total_bytes, Some(4_192_256 * 1024));
        assert_eq!(tab.free_bytes, Some(1_414_280 * 1024));
        let vivo = parse(&data("df-h_vivo_pd1619_android7_toybox.txt"));
        assert_eq!(vivo.total_bytes, Some(53 << 30));
        assert_eq!(vivo.free_bytes, Some(49 << 30));
        let nine = parse(&data("df-h_unknown_android9_toybox.txt"));
        assert_eq!(nine.total_bytes, Some(110 << 30));
        assert_eq!(nine.free_bytes, Some(76 << 30));
        let asus = parse(&data("df_asus_tf201_android4.0.3_toolbox.txt"));
        assert_eq!(asus.total_bytes, Some(56 << 30));
        assert_eq!(asus.free_bytes, Some(53 << 30));
        let oppo = parse(&data("df_oppo_a59_android5.1_toolbox.txt"));
        assert_eq!(
            oppo.total_bytes,
            Some((26.1 * f64::from(1 << 30)).round() as u64)
        );
        assert_eq!(oppo.free_bytes, Some(18 << 30));
        let mtk = parse(&data("df_unknown_mtk_android6_toolbox.txt"));
        assert_eq!(
            mtk.free_bytes,
            Some((4.6 * f64::from(1 << 30)).round() as u64)
        );
    }

    #[test]
    fn garbage_leaves_fields_empty() {
        assert_eq!(parse(""), StorageInfo::default());
        assert_eq!(parse("Filesystem\n/data"), StorageInfo::default());
        assert_eq!(
            parse("Filesystem Size Used Free\n/data NaNG -1G 1e400G x"),
            StorageInfo::default()
        );
        assert_eq!(parse("/data: Permission denied\n"), StorageInfo::default());
    }
}
