//! The gesture mapper: pointer events over the viewer (widget points) become touch, key,
//! scroll and text events for the phone (frame pixels, tagged with the frame size shown).
//! Pure: no egui, no clock — every event carries its time.
//!
//! - left button: touch down at once, moves streamed live once the pointer left the slop
//!   circle, up on release. A quick press is a tap; a press held ≥ [`LONG_PRESS`] without
//!   moving is a long-press (the phone sees the timing in `at_us`);
//! - right click: Back; middle click: Home;
//! - wheel: scroll at the pointer;
//! - Ctrl + left drag: two-finger pinch around the press point;
//! - typing: text.
//!
//! If the frame size changes mid-gesture (the phone rotated), the gesture is cancelled:
//! its remaining events would land in the wrong place.

use std::time::Duration;

use lifeline_protocol::messages::input::{
    FrameSize, InputEvent, Key, KeyAction, KeyEvent, MAX_TEXT_CHARS, ScrollEvent, TouchEvent,
    TouchPhase,
};

use super::placement::{Placement, Point};

/// Movement below this many points keeps a press a tap (or a long-press).
pub const TAP_SLOP: f32 = 6.0;

/// A press held at least this long without moving is a long-press.
pub const LONG_PRESS: Duration = Duration::from_millis(500);

/// A mouse button.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Button {
    /// Left.
    Primary,
    /// Right.
    Secondary,
    /// Middle (wheel click).
    Middle,
}

/// One pointer event over the viewer. `at` is time since any fixed start (monotonic).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PointerInput {
    /// A button went down.
    Press {
        /// Where.
        pos: Point,
        /// Which button.
        button: Button,
        /// Whether Ctrl (Cmd on macOS) was held: a pinch.
        pinch: bool,
        /// When.
        at: Duration,
    },
    /// The pointer moved.
    Move {
        /// Where to.
        pos: Point,
        /// When.
        at: Duration,
    },
    /// A button came up.
    Release {
        /// Where.
        pos: Point,
        /// Which button.
        button: Button,
        /// When.
        at: Duration,
    },
    /// A wheel turn, in points (positive y: content moves down).
    Wheel {
        /// Where the pointer is.
        pos: Point,
        /// Horizontal and vertical distance, points.
        delta: (f32, f32),
        /// When.
        at: Duration,
    },
    /// The pointer left the window or the window lost focus: a gesture in progress ends.
    Leave {
        /// When.
        at: Duration,
    },
}

/// What a finished gesture was, for tests and feedback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GestureKind {
    /// Press and release in place, quickly.
    Tap,
    /// Press held in place for [`LONG_PRESS`] or more.
    LongPress,
    /// Press, move, release.
    Swipe,
    /// Two fingers.
    Pinch,
    /// Right click.
    Back,
    /// Middle click.
    Home,
    /// Wheel.
    Scroll,
    /// Cancelled (frame changed, pointer left).
    Cancelled,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Drag {
    start: Point,
    start_at: Duration,
    last: (u32, u32),
    moved: bool,
    pinch: bool,
    frame: FrameSize,
}

/// Turns pointer events into phone input. One per viewer.
#[derive(Debug, Clone, Default)]
pub struct GestureMapper {
    drag: Option<Drag>,
    last_gesture: Option<GestureKind>,
}

fn micros(at: Duration) -> u64 {
    u64::try_from(at.as_micros()).unwrap_or(u64::MAX)
}

fn touch(
    phase: TouchPhase,
    pointer: u8,
    (x, y): (u32, u32),
    frame: FrameSize,
    at: Duration,
) -> InputEvent {
    InputEvent::Touch(TouchEvent {
        phase,
        pointer,
        x,
        y,
        frame,
        at_us: micros(at),
    })
}

fn key(key: Key) -> InputEvent {
    InputEvent::Key(KeyEvent {
        key,
        action: KeyAction::Press,
    })
}

/// The second finger of a pinch: mirrored through the press point.
fn mirror(p: Placement, start: Point, pos: Point) -> (u32, u32) {
    p.clamp_to_frame(Point::new(2.0 * start.x - pos.x, 2.0 * start.y - pos.y))
}

impl GestureMapper {
    /// A mapper with no gesture in progress.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether a gesture is in progress (the viewer keeps the pointer captured).
    pub fn is_active(&self) -> bool {
        self.drag.is_some()
    }

    /// The last finished gesture.
    pub fn last_gesture(&self) -> Option<GestureKind> {
        self.last_gesture
    }

    /// Maps one pointer event with the frame's current placement. `placement` is `None`
    /// when no frame is shown: nothing is sent (a gesture in progress is cancelled).
    pub fn pointer(
        &mut self,
        input: PointerInput,
        placement: Option<Placement>,
    ) -> Vec<InputEvent> {
        let Some(p) = placement else {
            return self.cancel(input_time(&input));
        };
        // A rotation mid-gesture: the rest would land in the wrong place.
        if let Some(drag) = self.drag
            && drag.frame != p.frame
        {
            return self.cancel(input_time(&input));
        }
        match input {
            PointerInput::Press {
                pos,
                button: Button::Primary,
                pinch,
                at,
            } => {
                let mut out = self.cancel(at);
                let Some(at_frame) = p.to_frame(pos) else {
                    return out;
                };
                self.drag = Some(Drag {
                    start: pos,
                    start_at: at,
                    last: at_frame,
                    moved: false,
                    pinch,
                    frame: p.frame,
                });
                out.push(touch(TouchPhase::Down, 0, at_frame, p.frame, at));
                if pinch {
                    out.push(touch(TouchPhase::Down, 1, at_frame, p.frame, at));
                }
                out
            }
            PointerInput::Press { .. } => Vec::new(),
            PointerInput::Move { pos, at } => {
                let Some(drag) = self.drag.as_mut() else {
                    return Vec::new();
                };
                if !drag.moved && pos.distance(drag.start) < TAP_SLOP {
                    return Vec::new();
                }
                drag.moved = true;
                let now = p.clamp_to_frame(pos);
                if now == drag.last {
                    return Vec::new();
                }
                drag.last = now;
                let mut out = vec![touch(TouchPhase::Move, 0, now, p.frame, at)];
                if drag.pinch {
                    out.push(touch(
                        TouchPhase::Move,
                        1,
                        mirror(p, drag.start, pos),
                        p.frame,
                        at,
                    ));
                }
                out
            }
            PointerInput::Release {
                pos,
                button: Button::Primary,
                at,
            } => {
                let Some(drag) = self.drag.take() else {
                    return Vec::new();
                };
                let mut out = Vec::new();
                let end = if drag.moved {
                    p.clamp_to_frame(pos)
                } else {
                    drag.last
                };
                if drag.moved && end != drag.last {
                    out.push(touch(TouchPhase::Move, 0, end, p.frame, at));
                }
                out.push(touch(TouchPhase::Up, 0, end, p.frame, at));
                self.last_gesture = Some(if drag.pinch {
                    let other = if drag.moved {
                        mirror(p, drag.start, pos)
                    } else {
                        drag.last
                    };
                    out.push(touch(TouchPhase::Up, 1, other, p.frame, at));
                    GestureKind::Pinch
                } else if drag.moved {
                    GestureKind::Swipe
                } else if at.saturating_sub(drag.start_at) >= LONG_PRESS {
                    GestureKind::LongPress
                } else {
                    GestureKind::Tap
                });
                out
            }
            PointerInput::Release { pos, button, .. } => {
                if self.drag.is_some() || !p.contains(pos) {
                    return Vec::new();
                }
                let (k, kind) = match button {
                    Button::Secondary => (Key::Back, GestureKind::Back),
                    Button::Middle => (Key::Home, GestureKind::Home),
                    Button::Primary => return Vec::new(),
                };
                self.last_gesture = Some(kind);
                vec![key(k)]
            }
            PointerInput::Wheel { pos, delta, at } => {
                let Some((x, y)) = p.to_frame(pos) else {
                    return Vec::new();
                };
                let dx = p.points_to_pixels(delta.0).round() as i32;
                let dy = p.points_to_pixels(delta.1).round() as i32;
                if dx == 0 && dy == 0 {
                    return Vec::new();
                }
                self.last_gesture = Some(GestureKind::Scroll);
                vec![InputEvent::Scroll(ScrollEvent {
                    x,
                    y,
                    frame: p.frame,
                    dx,
                    dy,
                    at_us: micros(at),
                })]
            }
            PointerInput::Leave { at } => self.cancel(at),
        }
    }

    /// Ends a gesture in progress with `Cancel` (nothing when none is).
    pub fn cancel(&mut self, at: Duration) -> Vec<InputEvent> {
        let Some(drag) = self.drag.take() else {
            return Vec::new();
        };
        self.last_gesture = Some(GestureKind::Cancelled);
        let mut out = vec![touch(TouchPhase::Cancel, 0, drag.last, drag.frame, at)];
        if drag.pinch {
            out.push(touch(TouchPhase::Cancel, 1, drag.last, drag.frame, at));
        }
        out
    }

    /// Typed text, split to fit [`MAX_TEXT_CHARS`] per event.
    pub fn text(text: &str) -> Vec<InputEvent> {
        let chars: Vec<char> = text.chars().filter(|c| !c.is_control()).collect();
        chars
            .chunks(MAX_TEXT_CHARS)
            .map(|chunk| InputEvent::Text {
                text: chunk.iter().collect(),
            })
            .collect()
    }

    /// A softkey press.
    pub fn softkey(k: Key) -> InputEvent {
        key(k)
    }
}

fn input_time(input: &PointerInput) -> Duration {
    match *input {
        PointerInput::Press { at, .. }
        | PointerInput::Move { at, .. }
        | PointerInput::Release { at, .. }
        | PointerInput::Wheel { at, .. }
        | PointerInput::Leave { at } => at,
    }
}

#[cfg(test)]
mod tests;
