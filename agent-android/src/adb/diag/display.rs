//! `dumpsys display`: the screen's rotation, its size as shown now, and its refresh rate.

use lifeline_protocol::messages::video::Rotation;

/// What `dumpsys display` tells.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct DisplayState {
    /// How the screen is turned.
    pub rotation: Option<Rotation>,
    /// Width and height as shown now (after rotation).
    pub real_size: Option<(u32, u32)>,
    /// Refresh rate in Hz.
    pub refresh_hz: Option<f32>,
}

/// Reads the default display's `mOverrideDisplayInfo` (what apps see), falling back to
/// `mBaseDisplayInfo`, then to `mCurrentOrientation`.
pub fn parse(text: &str) -> DisplayState {
    let info = text
        .lines()
        .find(|l| {
            l.trim_start()
                .starts_with("mOverrideDisplayInfo=DisplayInfo{")
        })
        .or_else(|| {
            text.lines()
                .find(|l| l.trim_start().starts_with("mBaseDisplayInfo=DisplayInfo{"))
        });
    let mut state = DisplayState::default();
    if let Some(info) = info {
        state.rotation = after(info, "rotation ").and_then(rotation);
        state.real_size = after(info, "real ").and_then(|rest| {
            let mut words = rest.split([' ', ',']).filter(|w| !w.is_empty());
            let w = words.next()?.parse().ok()?;
            (words.next()? == "x").then_some(())?;
            let h = words.next()?.parse().ok()?;
            Some((w, h))
        });
        state.refresh_hz = after(info, "fps=")
            .and_then(|rest| number(rest).parse::<f32>().ok())
            .filter(|hz| hz.is_finite() && *hz > 0.0);
    }
    if state.rotation.is_none() {
        state.rotation = after(text, "mCurrentOrientation=").and_then(rotation);
    }
    state
}

fn after<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    text.find(marker).map(|i| &text[i + marker.len()..])
}

fn number(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    &text[..end]
}

fn rotation(text: &str) -> Option<Rotation> {
    Some(match number(text) {
        "0" => Rotation::Deg0,
        "1" => Rotation::Deg90,
        "2" => Rotation::Deg180,
        "3" => Rotation::Deg270,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_captured_tablet() {
        let state = parse(include_str!(
            "../../../tests/data/adb/display/dumpsys_display_mediatek_mt8168_android13.txt"
        ));
        assert_eq!(state.rotation, Some(Rotation::Deg0));
        assert_eq!(state.real_size, Some((480, 800)));
        let hz = state.refresh_hz.unwrap();
        assert!((hz - 58.0).abs() < 0.01, "{hz}");
    }

    #[test]
    fn a_turned_screen_and_garbage() {
        let turned = parse(
            "  mOverrideDisplayInfo=DisplayInfo{\"x\", real 2400 x 1080, rotation 1, fps=120.0}",
        );
        assert_eq!(turned.rotation, Some(Rotation::Deg90));
        assert_eq!(turned.real_size, Some((2400, 1080)));
        assert_eq!(turned.refresh_hz, Some(120.0));
        assert_eq!(
            parse("mCurrentOrientation=3").rotation,
            Some(Rotation::Deg270)
        );
        for junk in [
            "",
            "mOverrideDisplayInfo=DisplayInfo{ real x rotation 9 fps=NaN",
            "rotation",
        ] {
            let state = parse(junk);
            assert_eq!(state.real_size, None);
            assert_eq!(state.rotation, None);
            assert_eq!(state.refresh_hz, None);
        }
    }
}
