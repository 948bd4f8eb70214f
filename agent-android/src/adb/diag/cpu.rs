//! `/sys/devices/system/cpu/possible` (e.g. `0-7`): the number of cores.

/// Cores listed, from ranges and single numbers (`0-3,6`).
pub fn cores(text: &str) -> Option<u32> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let mut count = 0u32;
    for part in text.split(',') {
        let (from, to) = match part.split_once('-') {
            Some((a, b)) => (a.trim().parse::<u32>().ok()?, b.trim().parse::<u32>().ok()?),
            None => {
                let n = part.trim().parse::<u32>().ok()?;
                (n, n)
            }
        };
        count = count.checked_add(to.checked_sub(from)?.checked_add(1)?)?;
    }
    (count > 0 && count <= 4096).then_some(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_ranges_and_refuses_garbage() {
        assert_eq!(cores("0-7\n"), Some(8));
        assert_eq!(cores("0-3,6"), Some(5));
        for junk in ["", "7-0", "x", "0-", "0-99999", "cat: permission denied"] {
            assert_eq!(cores(junk), None, "{junk}");
        }
    }
}
