//! Scripted activity: the simulated phone moves its own finger, so a demo or a benchmark
//! has a steadily changing screen without anyone at the other end.
//!
//! [`Activity::Scroll`] opens Settings and drags its list up and down 8 px a frame at 60
//! frames a second without ever lifting the finger, so every frame moves the list.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use lifeline_protocol::messages::input::{
    InputEvent, Key, KeyAction, KeyEvent, TouchEvent, TouchPhase,
};

use super::{AppId, Screen, SimPhone, Target};
use crate::device::Device as _;

/// One frame at 60 fps.
const FRAME: Duration = Duration::from_micros(16_667);
/// How far the finger moves each frame.
const STEP_PX: u32 = 8;
/// How long the tap on the Settings icon is held.
const TAP_HOLD: Duration = Duration::from_millis(60);

/// What the phone does by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activity {
    /// Opens Settings and scrolls its list up and down, 60 moves a second.
    Scroll,
}

impl FromStr for Activity {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "scroll" => Ok(Self::Scroll),
            other => Err(format!(
                "unknown activity {other:?}; the one there is: scroll"
            )),
        }
    }
}

impl fmt::Display for Activity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Scroll => f.write_str("scroll"),
        }
    }
}

/// Where the script is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// On the way to Settings: the finger is up.
    Opening,
    /// The finger is down on the Settings icon since the given time.
    Tapping { x: u32, y: u32, since: Duration },
    /// The finger is down on the list, at `y`, moving up or down.
    Dragging { y: u32, up: bool },
}

/// A running [`Activity`].
#[derive(Debug, Clone)]
pub(super) struct Script {
    stage: Stage,
    next: Duration,
}

impl Script {
    pub(super) fn new(_activity: Activity) -> Self {
        Self {
            stage: Stage::Opening,
            next: Duration::ZERO,
        }
    }

    /// When the script next wants to act.
    pub(super) fn deadline(&self) -> Duration {
        self.next
    }

    /// Moves the finger if its time has come.
    pub(super) fn step(&mut self, phone: &mut SimPhone, now: Duration) {
        if now < self.next {
            return;
        }
        self.next = now + FRAME;
        let size = phone.frame_size();
        let (bottom, top) = (size.height * 9 / 10, size.height / 5);
        let x_mid = size.width / 2;
        self.stage = match self.stage {
            Stage::Opening => {
                let in_settings = matches!(
                    phone.ui().screen,
                    Screen::App {
                        app: AppId::Settings,
                        ..
                    }
                );
                if in_settings {
                    touch(phone, TouchPhase::Down, x_mid, bottom, now);
                    Stage::Dragging {
                        y: bottom,
                        up: true,
                    }
                } else if let Some((x, y)) = phone.locate(Target::AppIcon(AppId::Settings)) {
                    touch(phone, TouchPhase::Down, x, y, now);
                    Stage::Tapping { x, y, since: now }
                } else {
                    // Somewhere else (an app, Recents, a dialog): Home first.
                    let home = InputEvent::Key(KeyEvent {
                        key: Key::Home,
                        action: KeyAction::Press,
                    });
                    // Keys carry no coordinates, so the phone accepts them.
                    let _ = phone.inject(&home, now);
                    Stage::Opening
                }
            }
            Stage::Tapping { x, y, since } if now >= since + TAP_HOLD => {
                touch(phone, TouchPhase::Up, x, y, now);
                Stage::Opening
            }
            tapping @ Stage::Tapping { .. } => tapping,
            Stage::Dragging { y, up } => {
                let up = if up {
                    y >= top + STEP_PX
                } else {
                    y + STEP_PX > bottom
                };
                let y = if up { y - STEP_PX } else { y + STEP_PX };
                touch(phone, TouchPhase::Move, x_mid, y, now);
                Stage::Dragging { y, up }
            }
        };
    }
}

fn touch(phone: &mut SimPhone, phase: TouchPhase, x: u32, y: u32, now: Duration) {
    let event = InputEvent::Touch(TouchEvent {
        phase,
        pointer: 0,
        x,
        y,
        frame: phone.frame_size(),
        at_us: u64::try_from(now.as_micros()).unwrap_or(u64::MAX),
    });
    // The coordinates come from the phone's own frame size, so the check cannot fail.
    let _ = phone.inject(&event, now);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::device::Device;

    #[test]
    fn scroll_opens_settings_and_moves_the_list_every_frame() {
        let mut phone = SimPhone::default();
        phone.set_activity(Activity::Scroll);
        let mut now = Duration::ZERO;
        let mut scrolls = Vec::new();
        for _ in 0..240 {
            phone.tick(now);
            let _ = phone.capture(now);
            scrolls.push(phone.ui().settings_scroll);
            let next = phone.next_tick().unwrap();
            assert!(next <= now + FRAME, "the script wants a tick every frame");
            now += FRAME;
        }
        assert!(matches!(
            phone.ui().screen,
            Screen::App {
                app: AppId::Settings,
                ..
            }
        ));
        let tail = &scrolls[120..];
        let moved = tail.windows(2).filter(|w| w[0] != w[1]).count();
        assert!(
            moved > tail.len() * 9 / 10,
            "the list moved on {moved} of {} frames",
            tail.len()
        );
    }

    #[test]
    fn scroll_turns_back_at_the_ends_of_its_track() {
        let mut phone = SimPhone::default();
        phone.set_activity(Activity::Scroll);
        let mut now = Duration::ZERO;
        let (mut min, mut max) = (i32::MAX, i32::MIN);
        for _ in 0..60 * 20 {
            phone.tick(now);
            let scroll = phone.ui().settings_scroll;
            min = min.min(scroll);
            max = max.max(scroll);
            now += FRAME;
        }
        let last = phone.ui().settings_scroll;
        assert!(max > min, "the list never moved");
        assert!(last < max, "after 20 s the list only went one way");
    }

    #[test]
    fn activities_parse_by_name() {
        assert_eq!("scroll".parse::<Activity>(), Ok(Activity::Scroll));
        assert_eq!(Activity::Scroll.to_string(), "scroll");
        assert!("dance".parse::<Activity>().unwrap_err().contains("scroll"));
    }
}
