//! The technician's input as `input` shell commands, sans-IO.
//!
//! With `input motionevent` (Android 11, SDK 30, and later) a drag is live: `DOWN` when the
//! finger lands, `MOVE`s as it goes (at most one per [`MOVE_INTERVAL_US`], the last position
//! always sent before `UP`), `UP` when it lifts; a long-press is simply a `DOWN` held. Without
//! it the gesture is kept until the finger lifts and sent as one command: `input tap` for a
//! short touch that did not move, `input swipe x y x y MS` for a held one, `input swipe`
//! along the drag otherwise. Keys are `input keyevent CODE`; text is `input text` (see
//! [`super::text`]).

use lifeline_protocol::messages::input::{
    FrameSize, InputEvent, Key, KeyAction, ScrollEvent, TouchEvent, TouchPhase,
};

use super::text::{self, Untypable};

/// The fewest microseconds between two `MOVE`s sent (each `input` command costs the phone
/// a process start).
pub const MOVE_INTERVAL_US: u64 = 40_000;
/// Movement in display pixels under which a touch is a tap, not a drag.
const TAP_SLOP: u32 = 12;
/// How long a scroll's swipe takes, in milliseconds.
const SCROLL_MS: u64 = 150;
/// Longest swipe sent, in milliseconds.
const MAX_SWIPE_MS: u64 = 10_000;

/// The Android key code of a key.
pub fn key_code(key: Key) -> u32 {
    match key {
        Key::Back => 4,
        Key::Home => 3,
        Key::Recents => 187,
        Key::VolumeUp => 24,
        Key::VolumeDown => 25,
        Key::Power => 26,
    }
}

/// What the phone's `input` command can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InputSupport {
    /// `input motionevent DOWN|MOVE|UP` (SDK 30 and later).
    pub motion_events: bool,
    /// `input motionevent CANCEL` (SDK 33 and later).
    pub cancel: bool,
}

impl InputSupport {
    /// What an Android of SDK level `sdk` supports (`None`: unknown, assume the least).
    pub fn for_sdk(sdk: Option<u32>) -> Self {
        let sdk = sdk.unwrap_or(0);
        Self {
            motion_events: sdk >= 30,
            cancel: sdk >= 33,
        }
    }
}

impl InputSupport {
    /// What `input`'s usage text (printed by `input` with no arguments) lists: for a phone
    /// whose SDK level is unknown.
    pub fn from_usage(usage: &str) -> Self {
        let motion = usage
            .lines()
            .find(|l| l.trim_start().starts_with("motionevent"));
        Self {
            motion_events: motion.is_some(),
            cancel: motion.is_some_and(|l| l.contains("CANCEL")),
        }
    }
}

/// A touch being held, for the phone without `motionevent`.
#[derive(Debug, Clone, Copy)]
struct Held {
    start: (u32, u32),
    start_us: u64,
    last: (u32, u32),
    last_us: u64,
}

/// Turns input events into `input` command lines.
#[derive(Debug)]
pub struct Gestures {
    support: InputSupport,
    held: Option<Held>,
    /// For live drags: when the last `MOVE` went out, and whether a later position waits.
    last_move_us: Option<u64>,
    unsent_move: bool,
}

impl Gestures {
    /// A translator for a phone that supports `support`.
    pub fn new(support: InputSupport) -> Self {
        Self {
            support,
            held: None,
            last_move_us: None,
            unsent_move: false,
        }
    }

    /// The command lines for `event`, in the display's pixels (`display` is the screen's
    /// size now, in the orientation the event's frame has).
    pub fn commands(
        &mut self,
        event: &InputEvent,
        display: FrameSize,
    ) -> Result<Vec<String>, Untypable> {
        Ok(match event {
            InputEvent::Touch(touch) => {
                let at = scale(touch.x, touch.y, touch.frame, display);
                self.touch(touch, at)
            }
            InputEvent::Key(key) => match key.action {
                // A held key is pressed when it goes down; its release has nothing to send.
                KeyAction::Press | KeyAction::Down => {
                    vec![format!("input keyevent {}", key_code(key.key))]
                }
                KeyAction::Up => Vec::new(),
            },
            InputEvent::Text { text } => text::commands(text)?,
            InputEvent::Scroll(scroll) => vec![scroll_swipe(scroll, display)],
        })
    }

    fn touch(&mut self, touch: &TouchEvent, (x, y): (u32, u32)) -> Vec<String> {
        if self.support.motion_events {
            return self.live(touch.phase, x, y, touch.at_us);
        }
        match touch.phase {
            TouchPhase::Down => {
                self.held = Some(Held {
                    start: (x, y),
                    start_us: touch.at_us,
                    last: (x, y),
                    last_us: touch.at_us,
                });
                Vec::new()
            }
            TouchPhase::Move => {
                if let Some(held) = self.held.as_mut() {
                    held.last = (x, y);
                    held.last_us = touch.at_us;
                }
                Vec::new()
            }
            TouchPhase::Up => match self.held.take() {
                Some(held) => vec![one_shot(Held {
                    last: (x, y),
                    last_us: touch.at_us.max(held.last_us),
                    ..held
                })],
                None => Vec::new(),
            },
            // Nothing reached the phone yet: forgetting the touch cancels it.
            TouchPhase::Cancel => {
                self.held = None;
                Vec::new()
            }
        }
    }

    fn live(&mut self, phase: TouchPhase, x: u32, y: u32, at_us: u64) -> Vec<String> {
        let line = |action: &str| format!("input motionevent {action} {x} {y}");
        match phase {
            TouchPhase::Down => {
                self.last_move_us = Some(at_us);
                self.unsent_move = false;
                vec![line("DOWN")]
            }
            TouchPhase::Move => {
                let due = self
                    .last_move_us
                    .is_none_or(|t| at_us.saturating_sub(t) >= MOVE_INTERVAL_US);
                if due {
                    self.last_move_us = Some(at_us);
                    self.unsent_move = false;
                    vec![line("MOVE")]
                } else {
                    self.unsent_move = true;
                    Vec::new()
                }
            }
            TouchPhase::Up | TouchPhase::Cancel => {
                let mut lines = Vec::new();
                if std::mem::take(&mut self.unsent_move) {
                    lines.push(line("MOVE"));
                }
                self.last_move_us = None;
                let action = match phase {
                    TouchPhase::Cancel if self.support.cancel => "CANCEL",
                    _ => "UP",
                };
                lines.push(line(action));
                lines
            }
        }
    }
}

/// A whole touch as one command.
fn one_shot(held: Held) -> String {
    let (x0, y0) = held.start;
    let (x1, y1) = held.last;
    let ms = (held.last_us.saturating_sub(held.start_us) / 1000).min(MAX_SWIPE_MS);
    let moved = x0.abs_diff(x1).max(y0.abs_diff(y1)) > TAP_SLOP;
    if moved {
        format!("input swipe {x0} {y0} {x1} {y1} {}", ms.max(50))
    } else if ms >= 500 {
        // A long-press: a swipe that stays put for as long as the finger was held.
        format!("input swipe {x0} {y0} {x0} {y0} {ms}")
    } else {
        format!("input tap {x0} {y0}")
    }
}

/// A wheel turn as a short swipe: the finger moves the way the content should.
fn scroll_swipe(scroll: &ScrollEvent, display: FrameSize) -> String {
    let (x0, y0) = scale(scroll.x, scroll.y, scroll.frame, display);
    let clamp = |v: i64, max: u32| v.clamp(0, i64::from(max.saturating_sub(1)));
    let (dx, dy) = scale_delta(scroll.dx, scroll.dy, scroll.frame, display);
    let x1 = clamp(i64::from(x0) + dx, display.width);
    let y1 = clamp(i64::from(y0) + dy, display.height);
    format!("input swipe {x0} {y0} {x1} {y1} {SCROLL_MS}")
}

/// A point of the technician's frame in display pixels.
fn scale(x: u32, y: u32, frame: FrameSize, display: FrameSize) -> (u32, u32) {
    let axis = |v: u32, from: u32, to: u32| -> u32 {
        if from == 0 || from == to {
            return v;
        }
        let scaled = u64::from(v) * u64::from(to) / u64::from(from);
        u32::try_from(scaled)
            .unwrap_or(u32::MAX)
            .min(to.saturating_sub(1))
    };
    (
        axis(x, frame.width, display.width),
        axis(y, frame.height, display.height),
    )
}

fn scale_delta(dx: i32, dy: i32, frame: FrameSize, display: FrameSize) -> (i64, i64) {
    let axis = |v: i32, from: u32, to: u32| -> i64 {
        if from == 0 {
            return i64::from(v);
        }
        i64::from(v) * i64::from(to) / i64::from(from)
    };
    (
        axis(dx, frame.width, display.width),
        axis(dy, frame.height, display.height),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use lifeline_protocol::messages::input::KeyEvent;

    const SCREEN: FrameSize = FrameSize {
        width: 1080,
        height: 2400,
    };

    fn touch(phase: TouchPhase, x: u32, y: u32, ms: u64) -> InputEvent {
        InputEvent::Touch(TouchEvent {
            phase,
            pointer: 0,
            x,
            y,
            frame: SCREEN,
            at_us: ms * 1000,
        })
    }

    fn run(g: &mut Gestures, events: &[InputEvent]) -> Vec<String> {
        events
            .iter()
            .flat_map(|e| g.commands(e, SCREEN).unwrap())
            .collect()
    }

    #[test]
    fn live_drags_use_motion_events_and_thin_out_moves() {
        let mut g = Gestures::new(InputSupport::for_sdk(Some(34)));
        let lines = run(
            &mut g,
            &[
                touch(TouchPhase::Down, 500, 2000, 0),
                touch(TouchPhase::Move, 500, 1900, 10),
                touch(TouchPhase::Move, 500, 1800, 45),
                touch(TouchPhase::Move, 500, 1700, 60),
                touch(TouchPhase::Up, 500, 1650, 70),
            ],
        );
        assert_eq!(
            lines,
            [
                "input motionevent DOWN 500 2000",
                "input motionevent MOVE 500 1800",
                "input motionevent MOVE 500 1650",
                "input motionevent UP 500 1650",
            ]
        );
        let lines = run(
            &mut g,
            &[
                touch(TouchPhase::Down, 1, 2, 0),
                touch(TouchPhase::Cancel, 1, 2, 5),
            ],
        );
        assert_eq!(lines[1], "input motionevent CANCEL 1 2");
        let mut old = Gestures::new(InputSupport::for_sdk(Some(30)));
        let lines = run(
            &mut old,
            &[
                touch(TouchPhase::Down, 1, 2, 0),
                touch(TouchPhase::Cancel, 1, 2, 5),
            ],
        );
        assert_eq!(
            lines[1], "input motionevent UP 1 2",
            "no CANCEL before SDK 33"
        );
    }

    #[test]
    fn without_motion_events_a_gesture_is_one_command_at_up() {
        let mut g = Gestures::new(InputSupport::for_sdk(Some(29)));
        let tap = run(
            &mut g,
            &[
                touch(TouchPhase::Down, 100, 200, 0),
                touch(TouchPhase::Up, 103, 201, 90),
            ],
        );
        assert_eq!(tap, ["input tap 100 200"]);
        let hold = run(
            &mut g,
            &[
                touch(TouchPhase::Down, 100, 200, 0),
                touch(TouchPhase::Up, 100, 200, 800),
            ],
        );
        assert_eq!(hold, ["input swipe 100 200 100 200 800"]);
        let drag = run(
            &mut g,
            &[
                touch(TouchPhase::Down, 500, 2000, 0),
                touch(TouchPhase::Move, 500, 1500, 100),
                touch(TouchPhase::Up, 500, 900, 300),
            ],
        );
        assert_eq!(drag, ["input swipe 500 2000 500 900 300"]);
        let cancelled = run(
            &mut g,
            &[
                touch(TouchPhase::Down, 5, 5, 0),
                touch(TouchPhase::Cancel, 5, 5, 10),
            ],
        );
        assert!(cancelled.is_empty());
        assert!(
            run(&mut g, &[touch(TouchPhase::Up, 5, 5, 10)]).is_empty(),
            "stray up"
        );
    }

    #[test]
    fn support_from_the_captured_usage_texts() {
        let read = |name: &str| {
            let path = format!("{}/tests/data/adb/usage/{name}", env!("CARGO_MANIFEST_DIR"));
            std::fs::read_to_string(path).unwrap()
        };
        let old = InputSupport::from_usage(&read("input_usage_awesome-adb_android7era.txt"));
        assert!(!old.motion_events);
        let new =
            InputSupport::from_usage(&read("input_usage_unisoc_t616_android11or12_xhrong.txt"));
        assert!(new.motion_events);
        assert!(!new.cancel);
        assert_eq!(
            InputSupport::from_usage("\0garbage"),
            InputSupport::for_sdk(None)
        );
    }

    #[test]
    fn keys_scrolls_and_scaling() {
        let mut g = Gestures::new(InputSupport::for_sdk(None));
        let key = |key, action| InputEvent::Key(KeyEvent { key, action });
        assert_eq!(
            run(
                &mut g,
                &[
                    key(Key::Back, KeyAction::Press),
                    key(Key::Home, KeyAction::Press),
                    key(Key::Recents, KeyAction::Down),
                    key(Key::Recents, KeyAction::Up),
                    key(Key::VolumeUp, KeyAction::Press),
                    key(Key::VolumeDown, KeyAction::Press),
                    key(Key::Power, KeyAction::Press),
                ]
            ),
            [
                "input keyevent 4",
                "input keyevent 3",
                "input keyevent 187",
                "input keyevent 24",
                "input keyevent 25",
                "input keyevent 26",
            ]
        );
        let scroll = InputEvent::Scroll(ScrollEvent {
            x: 540,
            y: 2300,
            frame: SCREEN,
            dx: 0,
            dy: 400,
            at_us: 0,
        });
        assert_eq!(
            run(&mut g, &[scroll]),
            ["input swipe 540 2300 540 2399 150"]
        );
        // A half-size frame (a scaled stream) maps to the full display.
        let half = InputEvent::Touch(TouchEvent {
            phase: TouchPhase::Down,
            pointer: 0,
            x: 270,
            y: 600,
            frame: FrameSize::new(540, 1200),
            at_us: 0,
        });
        let mut live = Gestures::new(InputSupport::for_sdk(Some(30)));
        assert_eq!(
            live.commands(&half, SCREEN).unwrap(),
            ["input motionevent DOWN 540 1200"]
        );
    }
}
