//! Time since boot: `/proc/uptime` (`12345.67 54321.00`), or toybox `uptime`
//! (` 17:04:29 up  1:10,  0 users, …`, `up 3 days,  2:05`, `up 12 min`).

/// Seconds since boot.
pub fn parse(text: &str) -> Option<u64> {
    let text = text.trim();
    if let Some(first) = text.split_whitespace().next()
        && let Ok(secs) = first.parse::<f64>()
        && (0.0..1e15).contains(&secs)
    {
        return Some(secs as u64);
    }
    let rest = &text[text.find(" up ")? + 4..];
    let mut secs = 0u64;
    for part in rest.split(',').map(str::trim) {
        let words: Vec<&str> = part.split_whitespace().collect();
        match words.as_slice() {
            [n, unit] if unit.starts_with("day") => {
                secs = secs.checked_add(times(n, 86_400)?)?;
            }
            [n, unit] if unit.starts_with("min") => return secs.checked_add(times(n, 60)?),
            [hm] if hm.contains(':') => {
                let (h, m) = hm.split_once(':')?;
                return secs
                    .checked_add(times(h, 3600)?)?
                    .checked_add(times(m, 60)?);
            }
            _ => return None,
        }
    }
    None
}

/// `count` (decimal) times `unit` seconds; `None` when it is not a number or overflows.
fn times(count: &str, unit: u64) -> Option<u64> {
    count.parse::<u64>().ok()?.checked_mul(unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_forms() {
        let toybox =
            include_str!("../../../tests/data/adb/uptime/uptime_mediatek_mt8168_android13.txt");
        assert_eq!(parse(toybox), Some(70 * 60));
        let with_date = include_str!(
            "../../../tests/data/adb/uptime/date_uptime_mediatek_mt8168_android13.txt"
        );
        assert_eq!(parse(with_date), Some(70 * 60), "the first uptime line");
        assert_eq!(parse("350735.47 234388.90\n"), Some(350_735));
        assert_eq!(
            parse(" 09:00:00 up 3 days,  2:05,  load average: 1"),
            Some(3 * 86_400 + 2 * 3600 + 5 * 60)
        );
        assert_eq!(parse(" 09:00:00 up 12 min,  0 users"), Some(720));
    }

    #[test]
    fn garbage_is_none() {
        for text in [
            "",
            "up",
            "NaN 1",
            "-5 2",
            " up x days,",
            "1e300 0",
            " up 3:xx,",
            // They parse as u64 but overflow once turned into seconds.
            " 09:00:00 up 18446744073709551615 days,  2:05,",
            " 09:00:00 up 213503982334602 days,  2:05,",
            " 09:00:00 up 213503982334601 days,  23:59,",
            " 09:00:00 up 18446744073709551615 min,",
            " 09:00:00 up 18446744073709551615:00,",
            " 09:00:00 up 1:18446744073709551615,",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }
}
