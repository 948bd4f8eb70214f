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
mod tests {
    use super::*;
    use crate::viewer::placement::Zoom;

    const FRAME: FrameSize = FrameSize {
        width: 1080,
        height: 2400,
    };

    /// 1080×2400 shown at 0.25 points per pixel (270×600 points) at (100, 0), 1 px/pt.
    fn placement() -> Placement {
        Placement::new(Point::new(0.0, 0.0), (470.0, 600.0), FRAME, Zoom::Fit, 1.0).unwrap()
    }

    fn ms(v: u64) -> Duration {
        Duration::from_millis(v)
    }

    fn phases(events: &[InputEvent]) -> Vec<(TouchPhase, u8, u32, u32)> {
        events
            .iter()
            .map(|e| match e {
                InputEvent::Touch(t) => (t.phase, t.pointer, t.x, t.y),
                other => panic!("not a touch: {other:?}"),
            })
            .collect()
    }

    fn press(pos: Point, at: u64) -> PointerInput {
        PointerInput::Press {
            pos,
            button: Button::Primary,
            pinch: false,
            at: ms(at),
        }
    }

    fn release(pos: Point, at: u64) -> PointerInput {
        PointerInput::Release {
            pos,
            button: Button::Primary,
            at: ms(at),
        }
    }

    #[test]
    fn placement_is_centred_for_these_tests() {
        let p = placement();
        assert_eq!(p.origin, Point::new(100.0, 0.0));
        assert_eq!(p.scale, 0.25);
    }

    #[test]
    fn click_is_a_tap_at_the_right_pixel() {
        let mut m = GestureMapper::new();
        let p = Some(placement());
        let at = Point::new(100.0 + 135.0, 300.0);
        let down = m.pointer(press(at, 0), p);
        // Jitter inside the slop sends nothing.
        assert!(
            m.pointer(
                PointerInput::Move {
                    pos: Point::new(237.0, 302.0),
                    at: ms(40)
                },
                p
            )
            .is_empty()
        );
        let up = m.pointer(release(Point::new(237.0, 302.0), 80), p);
        assert_eq!(phases(&down), vec![(TouchPhase::Down, 0, 540, 1200)]);
        assert_eq!(
            phases(&up),
            vec![(TouchPhase::Up, 0, 540, 1200)],
            "up where it went down"
        );
        assert_eq!(m.last_gesture(), Some(GestureKind::Tap));
        let InputEvent::Touch(t) = &up[0] else {
            unreachable!()
        };
        assert_eq!(t.frame, FRAME, "tagged with the frame size shown");
        assert_eq!(t.at_us, 80_000);
    }

    #[test]
    fn hold_without_moving_is_a_long_press() {
        let mut m = GestureMapper::new();
        let p = Some(placement());
        let at = Point::new(150.0, 100.0);
        m.pointer(press(at, 1_000), p);
        let up = m.pointer(release(at, 1_499), p);
        assert_eq!(up.len(), 1);
        assert_eq!(
            m.last_gesture(),
            Some(GestureKind::Tap),
            "499 ms is still a tap"
        );
        m.pointer(press(at, 2_000), p);
        let up = m.pointer(release(at, 2_500), p);
        assert_eq!(m.last_gesture(), Some(GestureKind::LongPress));
        let InputEvent::Touch(t) = &up[0] else {
            unreachable!()
        };
        assert_eq!(
            t.at_us - 2_000_000,
            500_000,
            "the phone sees the hold's length"
        );
    }

    #[test]
    fn drag_streams_moves_live_and_is_a_swipe() {
        let mut m = GestureMapper::new();
        let p = Some(placement());
        m.pointer(press(Point::new(235.0, 500.0), 0), p);
        let a = m.pointer(
            PointerInput::Move {
                pos: Point::new(235.0, 400.0),
                at: ms(16),
            },
            p,
        );
        let b = m.pointer(
            PointerInput::Move {
                pos: Point::new(235.0, 300.0),
                at: ms(32),
            },
            p,
        );
        let same = m.pointer(
            PointerInput::Move {
                pos: Point::new(235.1, 300.1),
                at: ms(40),
            },
            p,
        );
        let up = m.pointer(release(Point::new(235.0, 200.0), 48), p);
        assert_eq!(phases(&a), vec![(TouchPhase::Move, 0, 540, 1600)]);
        assert_eq!(phases(&b), vec![(TouchPhase::Move, 0, 540, 1200)]);
        assert!(same.is_empty(), "no move for the same pixel");
        assert_eq!(
            phases(&up),
            vec![
                (TouchPhase::Move, 0, 540, 800),
                (TouchPhase::Up, 0, 540, 800)
            ]
        );
        assert_eq!(m.last_gesture(), Some(GestureKind::Swipe));
    }

    #[test]
    fn dragging_off_the_frame_sticks_to_the_edge() {
        let mut m = GestureMapper::new();
        let p = Some(placement());
        m.pointer(press(Point::new(200.0, 10.0), 0), p);
        let out = m.pointer(
            PointerInput::Move {
                pos: Point::new(50.0, -40.0),
                at: ms(10),
            },
            p,
        );
        assert_eq!(phases(&out), vec![(TouchPhase::Move, 0, 0, 0)]);
    }

    #[test]
    fn presses_in_the_letterbox_send_nothing() {
        let mut m = GestureMapper::new();
        let p = Some(placement());
        assert!(m.pointer(press(Point::new(50.0, 300.0), 0), p).is_empty());
        assert!(
            m.pointer(release(Point::new(50.0, 300.0), 10), p)
                .is_empty()
        );
        assert!(!m.is_active());
    }

    #[test]
    fn right_click_is_back_and_middle_click_is_home() {
        let mut m = GestureMapper::new();
        let p = Some(placement());
        let pos = Point::new(200.0, 200.0);
        let back = m.pointer(
            PointerInput::Release {
                pos,
                button: Button::Secondary,
                at: ms(0),
            },
            p,
        );
        assert_eq!(back, vec![GestureMapper::softkey(Key::Back)]);
        let home = m.pointer(
            PointerInput::Release {
                pos,
                button: Button::Middle,
                at: ms(0),
            },
            p,
        );
        assert_eq!(home, vec![GestureMapper::softkey(Key::Home)]);
        assert_eq!(m.last_gesture(), Some(GestureKind::Home));
    }

    #[test]
    fn wheel_scrolls_in_frame_pixels() {
        let mut m = GestureMapper::new();
        let p = Some(placement());
        let out = m.pointer(
            PointerInput::Wheel {
                pos: Point::new(235.0, 300.0),
                delta: (0.0, -30.0),
                at: ms(5),
            },
            p,
        );
        assert_eq!(
            out,
            vec![InputEvent::Scroll(ScrollEvent {
                x: 540,
                y: 1200,
                frame: FRAME,
                dx: 0,
                dy: -120,
                at_us: 5_000,
            })]
        );
        assert!(
            m.pointer(
                PointerInput::Wheel {
                    pos: Point::new(10.0, 10.0),
                    delta: (0.0, 5.0),
                    at: ms(6)
                },
                p
            )
            .is_empty()
        );
    }

    #[test]
    fn ctrl_drag_is_a_two_finger_pinch() {
        let mut m = GestureMapper::new();
        let p = Some(placement());
        let start = Point::new(235.0, 300.0);
        let down = m.pointer(
            PointerInput::Press {
                pos: start,
                button: Button::Primary,
                pinch: true,
                at: ms(0),
            },
            p,
        );
        assert_eq!(
            phases(&down),
            vec![
                (TouchPhase::Down, 0, 540, 1200),
                (TouchPhase::Down, 1, 540, 1200)
            ]
        );
        let spread = m.pointer(
            PointerInput::Move {
                pos: Point::new(235.0, 350.0),
                at: ms(20),
            },
            p,
        );
        assert_eq!(
            phases(&spread),
            vec![
                (TouchPhase::Move, 0, 540, 1400),
                (TouchPhase::Move, 1, 540, 1000)
            ]
        );
        let up = m.pointer(release(Point::new(235.0, 350.0), 40), p);
        assert_eq!(
            phases(&up),
            vec![
                (TouchPhase::Up, 0, 540, 1400),
                (TouchPhase::Up, 1, 540, 1000)
            ]
        );
        assert_eq!(m.last_gesture(), Some(GestureKind::Pinch));
    }

    #[test]
    fn a_rotation_mid_drag_cancels_the_gesture() {
        let mut m = GestureMapper::new();
        m.pointer(press(Point::new(235.0, 300.0), 0), Some(placement()));
        let rotated = Placement::new(
            Point::new(0.0, 0.0),
            (470.0, 600.0),
            FrameSize::new(2400, 1080),
            Zoom::Fit,
            1.0,
        );
        let out = m.pointer(
            PointerInput::Move {
                pos: Point::new(240.0, 300.0),
                at: ms(10),
            },
            rotated,
        );
        assert_eq!(phases(&out), vec![(TouchPhase::Cancel, 0, 540, 1200)]);
        let InputEvent::Touch(t) = &out[0] else {
            unreachable!()
        };
        assert_eq!(t.frame, FRAME, "the cancel names the old frame");
        assert!(!m.is_active());
        assert_eq!(m.last_gesture(), Some(GestureKind::Cancelled));
        // The release that follows sends nothing.
        assert!(
            m.pointer(release(Point::new(240.0, 300.0), 20), rotated)
                .is_empty()
        );
    }

    #[test]
    fn hidpi_maps_to_device_pixels() {
        // 2 px per point, 100 %: a point is two frame pixels.
        let p = Placement::new(
            Point::new(0.0, 0.0),
            (540.0, 1200.0),
            FRAME,
            Zoom::Actual,
            2.0,
        );
        let mut m = GestureMapper::new();
        let down = m.pointer(press(Point::new(100.0, 200.5), 0), p);
        assert_eq!(phases(&down), vec![(TouchPhase::Down, 0, 200, 401)]);
    }

    #[test]
    fn leaving_or_losing_the_frame_cancels() {
        let mut m = GestureMapper::new();
        m.pointer(press(Point::new(200.0, 200.0), 0), Some(placement()));
        assert_eq!(
            m.pointer(PointerInput::Leave { at: ms(5) }, Some(placement()))
                .len(),
            1
        );
        m.pointer(press(Point::new(200.0, 200.0), 0), Some(placement()));
        assert_eq!(
            m.pointer(
                PointerInput::Move {
                    pos: Point::new(0.0, 0.0),
                    at: ms(5)
                },
                None
            )
            .len(),
            1
        );
        assert!(m.cancel(ms(6)).is_empty());
    }

    #[test]
    fn text_is_split_and_cleaned() {
        let long = "a".repeat(MAX_TEXT_CHARS + 5);
        let events = GestureMapper::text(&long);
        assert_eq!(events.len(), 2);
        assert_eq!(
            GestureMapper::text("hé\u{7}llo"),
            vec![InputEvent::Text {
                text: "héllo".into()
            }]
        );
    }
}
