//! `wm size` and `wm density`: the screen's size in its natural orientation and its density.
//! An override (set with `wm size WxH`) is what apps and `input` see, so it wins.

/// `wm size`: width and height, the override if there is one.
pub fn size(text: &str) -> Option<(u32, u32)> {
    let value = pick(text, "size")?;
    let (w, h) = value.split_once('x')?;
    let (w, h) = (w.trim().parse().ok()?, h.trim().parse().ok()?);
    (w > 0 && h > 0).then_some((w, h))
}

/// `wm density`: dots per inch, the override if there is one.
pub fn density(text: &str) -> Option<u32> {
    pick(text, "density")?.parse().ok().filter(|d| *d > 0)
}

/// The value of `Override NAME:` if present, else of `Physical NAME:`.
fn pick<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let value = |kind: &str| {
        let prefix = format!("{kind} {name}:");
        text.lines()
            .filter_map(|l| l.trim().strip_prefix(prefix.as_str()))
            .map(str::trim)
            .next_back()
    };
    value("Override").or_else(|| value("Physical"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_captured_phones() {
        let data = |name| {
            let path = format!("{}/tests/data/adb/wm/{name}", env!("CARGO_MANIFEST_DIR"));
            std::fs::read_to_string(path).unwrap()
        };
        assert_eq!(
            size(&data("wm_size_samsung_s24ultra.txt")),
            Some((1440, 3120))
        );
        assert_eq!(density(&data("wm_density_samsung_s24ultra.txt")), Some(600));
        // Windows prompt lines in the capture; the override wins.
        assert_eq!(
            size(&data("wm_size_override_unisoc_t616_xhrong.txt")),
            Some((1080, 1920))
        );
        assert_eq!(
            density(&data("wm_density_override_unisoc_t616_xhrong.txt")),
            Some(320)
        );
    }

    #[test]
    fn garbage_is_none() {
        for text in [
            "",
            "Physical size: ",
            "Physical size: 0x0",
            "Physical size: axb",
            "size: 1x2",
        ] {
            assert_eq!(size(text), None, "{text}");
        }
        assert_eq!(density("Physical density: -1"), None);
    }
}
