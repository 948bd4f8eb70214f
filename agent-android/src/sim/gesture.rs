//! Touch gestures as Android's views see them: tap, long-press, drag, fling.
//!
//! Timing comes from the events' own `at_us` stamps (the technician's clock), so a hold of
//! 500 ms is a long-press however the network delayed the packets; the phone's clock (`now`)
//! is only used to fire a long-press while the finger is still down and nothing arrives.

use std::collections::VecDeque;
use std::time::Duration;

use lifeline_protocol::messages::input::{TouchEvent, TouchPhase};

/// Hold time that makes a long-press (Android's `ViewConfiguration` uses 400–500 ms).
pub(crate) const LONG_PRESS: Duration = Duration::from_millis(500);
/// Moves within this window before release give the fling velocity.
const VELOCITY_WINDOW_US: u64 = 100_000;

/// What the touch stream means, in order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Gesture {
    /// A finger went down (a running fling stops here).
    Down { x: i32, y: i32 },
    /// Down and up without moving past the touch slop, shorter than a long-press.
    Tap { x: i32, y: i32 },
    /// Held still for [`LONG_PRESS`].
    LongPress { x: i32, y: i32 },
    /// The finger moved past the touch slop: from here on it drags.
    DragStart { x: i32, y: i32 },
    /// The finger is at (`x`, `y`), `dx`/`dy` from where it went down.
    Drag { x: i32, y: i32, dx: i32, dy: i32 },
    /// The finger left while dragging; velocity in pixels per second (0 below the fling
    /// threshold).
    DragEnd { vx: f32, vy: f32 },
    /// The gesture was abandoned.
    Cancel,
}

#[derive(Debug, Clone)]
struct Active {
    pointer: u8,
    x0: i32,
    y0: i32,
    x: i32,
    y: i32,
    down_us: u64,
    down_now: Duration,
    dragging: bool,
    long_pressed: bool,
    samples: VecDeque<(u64, i32, i32)>,
}

/// Turns touch events into [`Gesture`]s; follows one finger at a time.
#[derive(Debug, Clone)]
pub(crate) struct Recognizer {
    slop: i32,
    min_fling: f32,
    max_fling: f32,
    active: Option<Active>,
}

impl Recognizer {
    /// `density` is pixels per dp: touch slop is 8 dp, fling speeds 50–8000 dp/s.
    pub(crate) fn new(density: f32) -> Self {
        Self {
            slop: (8.0 * density).round() as i32,
            min_fling: 50.0 * density,
            max_fling: 8000.0 * density,
            active: None,
        }
    }

    /// When [`tick`](Self::tick) would fire a long-press.
    pub(crate) fn deadline(&self) -> Option<Duration> {
        self.active
            .as_ref()
            .filter(|a| !a.dragging && !a.long_pressed)
            .map(|a| a.down_now + LONG_PRESS)
    }

    /// Forgets the gesture in progress (rotation, screen off, control withdrawn).
    pub(crate) fn cancel(&mut self, out: &mut Vec<Gesture>) {
        if self.active.take().is_some() {
            out.push(Gesture::Cancel);
        }
    }

    /// Fires a long-press when the finger has been down, still, for [`LONG_PRESS`] of phone time.
    pub(crate) fn tick(&mut self, now: Duration, out: &mut Vec<Gesture>) {
        if let Some(a) = self.active.as_mut()
            && !a.dragging
            && !a.long_pressed
            && now >= a.down_now + LONG_PRESS
        {
            a.long_pressed = true;
            out.push(Gesture::LongPress { x: a.x0, y: a.y0 });
        }
    }

    pub(crate) fn touch(&mut self, ev: &TouchEvent, now: Duration, out: &mut Vec<Gesture>) {
        let (x, y) = (
            i32::try_from(ev.x).unwrap_or(i32::MAX),
            i32::try_from(ev.y).unwrap_or(i32::MAX),
        );
        if ev.phase == TouchPhase::Down {
            if let Some(a) = &self.active {
                if a.pointer != ev.pointer {
                    // A second finger: the simulated phone follows the first one only.
                    return;
                }
                self.cancel(out);
            }
            let mut samples = VecDeque::new();
            samples.push_back((ev.at_us, x, y));
            self.active = Some(Active {
                pointer: ev.pointer,
                x0: x,
                y0: y,
                x,
                y,
                down_us: ev.at_us,
                down_now: now,
                dragging: false,
                long_pressed: false,
                samples,
            });
            out.push(Gesture::Down { x, y });
            return;
        }
        let Some(a) = self.active.as_mut().filter(|a| a.pointer == ev.pointer) else {
            return;
        };
        if ev.phase == TouchPhase::Cancel {
            self.cancel(out);
            return;
        }
        a.x = x;
        a.y = y;
        a.samples.push_back((ev.at_us, x, y));
        while a
            .samples
            .front()
            .is_some_and(|&(t, _, _)| t + VELOCITY_WINDOW_US < ev.at_us)
        {
            a.samples.pop_front();
        }
        let held = Duration::from_micros(ev.at_us.saturating_sub(a.down_us));
        let (dx, dy) = (x - a.x0, y - a.y0);
        let moved = dx.abs() > self.slop || dy.abs() > self.slop;
        if !a.dragging && !a.long_pressed && held >= LONG_PRESS {
            // The finger was still long enough before this event arrived.
            a.long_pressed = true;
            out.push(Gesture::LongPress { x: a.x0, y: a.y0 });
        }
        if !a.dragging && !a.long_pressed && moved {
            a.dragging = true;
            out.push(Gesture::DragStart { x: a.x0, y: a.y0 });
        }
        if a.dragging {
            out.push(Gesture::Drag { x, y, dx, dy });
        }
        if ev.phase == TouchPhase::Up {
            if a.dragging {
                let (vx, vy) = velocity(&a.samples);
                let clamp = |v: f32| {
                    if v.abs() < self.min_fling {
                        0.0
                    } else {
                        v.clamp(-self.max_fling, self.max_fling)
                    }
                };
                out.push(Gesture::DragEnd {
                    vx: clamp(vx),
                    vy: clamp(vy),
                });
            } else if !a.long_pressed {
                out.push(Gesture::Tap { x: a.x0, y: a.y0 });
            }
            self.active = None;
        }
    }
}

/// Least-squares slope of position over time, pixels per second.
fn velocity(samples: &VecDeque<(u64, i32, i32)>) -> (f32, f32) {
    let n = samples.len();
    let Some(&(t0, _, _)) = samples.front() else {
        return (0.0, 0.0);
    };
    let last = samples.back().map_or(t0, |s| s.0);
    if n < 2 || last.saturating_sub(t0) < 1000 {
        return (0.0, 0.0);
    }
    let ts: Vec<f64> = samples.iter().map(|s| (s.0 - t0) as f64 / 1e6).collect();
    let mean_t = ts.iter().sum::<f64>() / n as f64;
    let mean_x = samples.iter().map(|s| f64::from(s.1)).sum::<f64>() / n as f64;
    let mean_y = samples.iter().map(|s| f64::from(s.2)).sum::<f64>() / n as f64;
    let mut stt = 0.0;
    let mut stx = 0.0;
    let mut sty = 0.0;
    for (t, s) in ts.iter().zip(samples) {
        let dt = t - mean_t;
        stt += dt * dt;
        stx += dt * (f64::from(s.1) - mean_x);
        sty += dt * (f64::from(s.2) - mean_y);
    }
    if stt <= 0.0 {
        return (0.0, 0.0);
    }
    ((stx / stt) as f32, (sty / stt) as f32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lifeline_protocol::messages::input::FrameSize;

    fn ev(phase: TouchPhase, x: u32, y: u32, ms: u64) -> TouchEvent {
        TouchEvent {
            phase,
            pointer: 0,
            x,
            y,
            frame: FrameSize::new(1080, 2400),
            at_us: ms * 1000,
        }
    }

    fn run(events: &[TouchEvent]) -> Vec<Gesture> {
        let mut r = Recognizer::new(2.625);
        let mut out = Vec::new();
        for e in events {
            r.touch(e, Duration::from_micros(e.at_us), &mut out);
        }
        out
    }

    #[test]
    fn short_still_touch_is_a_tap() {
        let g = run(&[
            ev(TouchPhase::Down, 100, 100, 0),
            ev(TouchPhase::Move, 105, 103, 50),
            ev(TouchPhase::Up, 105, 103, 90),
        ]);
        assert_eq!(
            g,
            [
                Gesture::Down { x: 100, y: 100 },
                Gesture::Tap { x: 100, y: 100 }
            ]
        );
    }

    #[test]
    fn long_hold_is_a_long_press_by_event_time_or_by_timer() {
        let g = run(&[
            ev(TouchPhase::Down, 10, 10, 0),
            ev(TouchPhase::Up, 10, 10, 600),
        ]);
        assert_eq!(g[1], Gesture::LongPress { x: 10, y: 10 });
        assert_eq!(g.len(), 2, "no tap after a long-press: {g:?}");

        let mut r = Recognizer::new(2.625);
        let mut out = Vec::new();
        r.touch(&ev(TouchPhase::Down, 10, 10, 0), Duration::ZERO, &mut out);
        assert_eq!(r.deadline(), Some(LONG_PRESS));
        r.tick(Duration::from_millis(499), &mut out);
        assert_eq!(out.len(), 1);
        r.tick(Duration::from_millis(500), &mut out);
        assert_eq!(out[1], Gesture::LongPress { x: 10, y: 10 });
        assert_eq!(r.deadline(), None);
    }

    #[test]
    fn drag_reports_total_movement_and_fling_velocity() {
        let mut events = vec![ev(TouchPhase::Down, 500, 2000, 0)];
        for i in 1..=10u32 {
            events.push(ev(TouchPhase::Move, 500, 2000 - i * 50, u64::from(i) * 10));
        }
        events.push(ev(TouchPhase::Up, 500, 1450, 110));
        let g = run(&events);
        assert_eq!(g[1], Gesture::DragStart { x: 500, y: 2000 });
        assert!(g.contains(&Gesture::Drag {
            x: 500,
            y: 1500,
            dx: 0,
            dy: -500
        }));
        let Some(Gesture::DragEnd { vy, .. }) = g.last() else {
            panic!("{g:?}")
        };
        assert!((*vy + 5000.0).abs() < 1.0, "{vy}");
    }

    #[test]
    fn slow_release_does_not_fling_and_second_finger_is_ignored() {
        let g = run(&[
            ev(TouchPhase::Down, 500, 2000, 0),
            ev(TouchPhase::Move, 500, 1500, 100),
            TouchEvent {
                pointer: 1,
                ..ev(TouchPhase::Down, 10, 10, 150)
            },
            ev(TouchPhase::Up, 500, 1500, 400),
        ]);
        assert_eq!(g.last(), Some(&Gesture::DragEnd { vx: 0.0, vy: 0.0 }));
        assert!(!g.contains(&Gesture::Down { x: 10, y: 10 }));
    }
}
