//! The screen's size and rotation, as `input` and the video see them.

use lifeline_protocol::messages::input::FrameSize;
use lifeline_protocol::messages::video::Rotation;

use super::super::diag::{display, wm};

/// Size and rotation of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    /// Width and height as shown now (after rotation).
    pub size: FrameSize,
    /// How the phone is turned.
    pub rotation: Rotation,
}

impl Geometry {
    /// From the outputs of `wm size` and `dumpsys display`; `None` when neither gives a size.
    /// The size is `wm size`'s (the override set with `wm size WxH` when there is one — what
    /// apps and `input` see — in the natural orientation), turned by `dumpsys display`'s
    /// rotation; `dumpsys display`'s size as shown is used only when `wm size` gives none.
    /// The rotation always comes from `dumpsys display`.
    pub fn read(wm_size: &str, dumpsys_display: &str) -> Option<Self> {
        let state = display::parse(dumpsys_display);
        let rotation = state.rotation.unwrap_or_default();
        let (width, height) = match wm::size(wm_size) {
            Some((w, h)) if matches!(rotation, Rotation::Deg90 | Rotation::Deg270) => (h, w),
            Some(size) => size,
            None => state.real_size?,
        };
        Some(Self {
            size: FrameSize::new(width, height),
            rotation,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turns_the_natural_size() {
        let wm = "Physical size: 1080x2400\n";
        let turned = "mOverrideDisplayInfo=DisplayInfo{real 2400 x 1080, rotation 1}";
        assert_eq!(
            Geometry::read(wm, turned),
            Some(Geometry {
                size: FrameSize::new(2400, 1080),
                rotation: Rotation::Deg90
            })
        );
        assert_eq!(
            Geometry::read(wm, "").unwrap().size,
            FrameSize::new(1080, 2400)
        );
        assert_eq!(
            Geometry::read("", turned).unwrap().size,
            FrameSize::new(2400, 1080)
        );
        assert_eq!(Geometry::read("error: closed", "Permission Denial"), None);
    }
}
