//! Colours and the per-vendor theme.

/// RGBA8. Frames are opaque; alpha below 255 means "blend over what is there".
pub(crate) type Color = [u8; 4];

pub(crate) const fn rgb(r: u8, g: u8, b: u8) -> Color {
    [r, g, b, 255]
}

pub(crate) const fn rgba(r: u8, g: u8, b: u8, a: u8) -> Color {
    [r, g, b, a]
}

pub(crate) const BLACK: Color = rgb(0, 0, 0);
pub(crate) const WHITE: Color = rgb(255, 255, 255);
/// The "screen is being shared" chip.
pub(crate) const SHARING_RED: Color = rgb(0xD9, 0x30, 0x25);
pub(crate) const SWITCH_OFF: Color = rgb(0xBD, 0xBD, 0xBD);

/// One vendor's look: Samsung blue, Pixel purple, LG red, holo blue on the old phone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Theme {
    pub(crate) accent: Color,
    /// Text and icons drawn on `accent`.
    pub(crate) on_accent: Color,
    /// A pale version of the accent: outgoing bubbles' tint, selected tiles.
    pub(crate) accent_soft: Color,
    /// Window background behind lists.
    pub(crate) background: Color,
    /// Cards, app bars, dialogs.
    pub(crate) surface: Color,
    pub(crate) text: Color,
    pub(crate) text_secondary: Color,
    pub(crate) divider: Color,
    /// Incoming chat bubbles, text field background.
    pub(crate) field: Color,
    /// Wallpaper gradient, top and bottom.
    pub(crate) wallpaper: (Color, Color),
    /// Notification shade background.
    pub(crate) shade: Color,
}

impl Theme {
    pub(crate) const fn with_accent(accent: Color, wallpaper: (Color, Color)) -> Self {
        Self {
            accent,
            on_accent: WHITE,
            accent_soft: soften(accent),
            background: rgb(0xF4, 0xF4, 0xF6),
            surface: WHITE,
            text: rgb(0x1C, 0x1B, 0x1F),
            text_secondary: rgb(0x5F, 0x5E, 0x66),
            divider: rgb(0xE2, 0xE2, 0xE6),
            field: rgb(0xEC, 0xEC, 0xF0),
            wallpaper,
            shade: rgb(0xF2, 0xF1, 0xF6),
        }
    }
}

/// The accent mixed 85 % towards white.
const fn soften(c: Color) -> Color {
    const fn mix(v: u8) -> u8 {
        ((v as u16 * 15 + 255 * 85) / 100) as u8
    }
    [mix(c[0]), mix(c[1]), mix(c[2]), 255]
}

/// `c` with alpha `a` (for blending).
pub(crate) const fn with_alpha(c: Color, a: u8) -> Color {
    [c[0], c[1], c[2], a]
}

/// Mixes `a` towards `b` by `t` (0..=255), opaque result.
pub(crate) fn mix(a: Color, b: Color, t: u8) -> Color {
    let t = u16::from(t);
    let m = |x: u8, y: u8| ((u16::from(x) * (255 - t) + u16::from(y) * t + 127) / 255) as u8;
    [m(a[0], b[0]), m(a[1], b[1]), m(a[2], b[2]), 255]
}
