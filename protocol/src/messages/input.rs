//! The input stream: what the technician does to the phone.
//!
//! Positions are in the pixels of the frame the technician saw, and every pointer event
//! carries that frame's size: a touch aimed at a frame from before a rotation is dropped by
//! the agent instead of landing in the wrong place.

use serde::{Deserialize, Serialize};

/// Longest text sent in one [`InputEvent::Text`], in characters.
pub const MAX_TEXT_CHARS: usize = 1000;

/// Size of the video frame an event was aimed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FrameSize {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

impl FrameSize {
    /// A frame size.
    pub fn new(width: u32, height: u32) -> Self {
        Self { width, height }
    }

    /// Whether (`x`, `y`) lies inside a frame of this size.
    pub fn contains(self, x: u32, y: u32) -> bool {
        x < self.width && y < self.height
    }
}

/// One input event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum InputEvent {
    /// A finger touching, moving on, or leaving the screen.
    Touch(TouchEvent),
    /// A hardware or navigation key.
    Key(KeyEvent),
    /// Text for the focused field.
    Text {
        /// At most [`MAX_TEXT_CHARS`] characters.
        text: String,
    },
    /// A mouse wheel turn over the screen.
    Scroll(ScrollEvent),
}

impl InputEvent {
    /// The frame size a pointer event was aimed at (`None` for keys and text).
    pub fn frame(&self) -> Option<FrameSize> {
        match self {
            Self::Touch(t) => Some(t.frame),
            Self::Scroll(s) => Some(s.frame),
            Self::Key(_) | Self::Text { .. } => None,
        }
    }

    /// Whether the event still applies to a screen of `current` size: pointer events aimed
    /// at another frame size (e.g. before a rotation) or outside the frame do not.
    pub fn applies_to(&self, current: FrameSize) -> bool {
        match self {
            Self::Touch(t) => t.frame == current && current.contains(t.x, t.y),
            Self::Scroll(s) => s.frame == current && current.contains(s.x, s.y),
            Self::Key(_) => true,
            Self::Text { text } => text.chars().count() <= MAX_TEXT_CHARS,
        }
    }
}

/// Where a touch is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TouchPhase {
    /// The finger touches the screen.
    Down,
    /// The finger moves.
    Move,
    /// The finger leaves the screen.
    Up,
    /// The gesture is abandoned (e.g. control was withdrawn mid-drag).
    Cancel,
}

/// A touch event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TouchEvent {
    /// Down, move, up or cancel.
    pub phase: TouchPhase,
    /// Which finger (0 for the mouse).
    pub pointer: u8,
    /// Column in frame pixels.
    pub x: u32,
    /// Row in frame pixels.
    pub y: u32,
    /// The frame the technician saw.
    pub frame: FrameSize,
    /// Sender's monotonic clock in microseconds, so the phone can replay timing (a hold of
    /// 500 ms is a long-press however the network delays the packets).
    pub at_us: u64,
}

/// Keys a technician can press.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Key {
    /// Android Back.
    Back,
    /// Android Home.
    Home,
    /// Android Recents (overview).
    Recents,
    /// Volume up.
    VolumeUp,
    /// Volume down.
    VolumeDown,
    /// Power.
    Power,
}

/// Press, or the two halves of a held key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum KeyAction {
    /// Down then up.
    Press,
    /// Key goes down (held until [`KeyAction::Up`]).
    Down,
    /// Key comes up.
    Up,
}

/// A key event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyEvent {
    /// Which key.
    pub key: Key,
    /// Press, down or up.
    pub action: KeyAction,
}

/// A wheel turn at a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScrollEvent {
    /// Column in frame pixels.
    pub x: u32,
    /// Row in frame pixels.
    pub y: u32,
    /// The frame the technician saw.
    pub frame: FrameSize,
    /// Horizontal distance in frame pixels (positive: content moves right).
    pub dx: i32,
    /// Vertical distance in frame pixels (positive: content moves down).
    pub dy: i32,
    /// Sender's monotonic clock in microseconds.
    pub at_us: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(phase: TouchPhase, x: u32, y: u32, frame: FrameSize) -> InputEvent {
        InputEvent::Touch(TouchEvent {
            phase,
            pointer: 0,
            x,
            y,
            frame,
            at_us: 1_000,
        })
    }

    #[test]
    fn every_input_event_round_trips_and_is_small() {
        let frame = FrameSize::new(1080, 2400);
        let events = [
            touch(TouchPhase::Down, 540, 1200, frame),
            touch(TouchPhase::Move, 541, 1100, frame),
            touch(TouchPhase::Up, 541, 1000, frame),
            touch(TouchPhase::Cancel, 0, 0, frame),
            InputEvent::Key(KeyEvent {
                key: Key::Recents,
                action: KeyAction::Press,
            }),
            InputEvent::Text {
                text: "mot de passe ü".into(),
            },
            InputEvent::Scroll(ScrollEvent {
                x: 10,
                y: 20,
                frame,
                dx: 0,
                dy: -120,
                at_us: 5,
            }),
        ];
        for event in events {
            let bytes = postcard::to_stdvec(&event).unwrap();
            assert_eq!(postcard::from_bytes::<InputEvent>(&bytes).unwrap(), event);
            if matches!(event, InputEvent::Touch(_)) {
                assert!(bytes.len() <= 16, "a touch costs {} bytes", bytes.len());
            }
        }
    }

    #[test]
    fn events_aimed_at_another_frame_do_not_apply() {
        let portrait = FrameSize::new(1080, 2400);
        let landscape = FrameSize::new(2400, 1080);
        assert!(touch(TouchPhase::Down, 100, 2000, portrait).applies_to(portrait));
        assert!(!touch(TouchPhase::Down, 100, 2000, portrait).applies_to(landscape));
        assert!(!touch(TouchPhase::Down, 1080, 5, portrait).applies_to(portrait));
        let key = InputEvent::Key(KeyEvent {
            key: Key::Back,
            action: KeyAction::Press,
        });
        assert!(key.applies_to(landscape));
        assert_eq!(key.frame(), None);
        let long_text = InputEvent::Text {
            text: "x".repeat(MAX_TEXT_CHARS + 1),
        };
        assert!(!long_text.applies_to(portrait));
    }
}
