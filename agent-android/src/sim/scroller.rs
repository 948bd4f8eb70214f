//! A vertical scroll position that follows the finger and flings with deceleration.
//!
//! While the finger is down the content moves exactly with it. After a fling the speed decays
//! exponentially (v(t) = v0·e^(−k·t)), as Android's scrollers roughly do, until it falls below
//! a stop speed or the content hits an end. The position is a pure function of the time since
//! release, so the same fling always passes through the same offsets.

use std::time::Duration;

/// Friction: the speed falls by e every 1/`FRICTION` seconds.
const FRICTION: f64 = 2.5;
/// Below this speed (pixels per second) the fling stops.
const STOP_SPEED: f64 = 30.0;

#[derive(Debug, Clone, Copy, PartialEq)]
struct Fling {
    from: f64,
    /// Initial speed of the offset, pixels per second.
    v0: f64,
    start: Duration,
    /// Seconds until the speed drops to [`STOP_SPEED`].
    duration: f64,
}

impl Fling {
    fn position(&self, now: Duration) -> (f64, bool) {
        let t = now
            .saturating_sub(self.start)
            .as_secs_f64()
            .min(self.duration);
        let p = self.from + self.v0 / FRICTION * (1.0 - (-FRICTION * t).exp());
        (p, t >= self.duration)
    }
}

/// One scrollable list's position, in whole pixels, between 0 and `max`.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Scroller {
    offset: i32,
    max: i32,
    drag_origin: Option<i32>,
    fling: Option<Fling>,
}

impl Scroller {
    pub(crate) fn offset(&self) -> i32 {
        self.offset
    }

    pub(crate) fn is_flinging(&self) -> bool {
        self.fling.is_some()
    }

    /// Sets how far the content can scroll (content height minus viewport height).
    pub(crate) fn set_max(&mut self, max: i32) {
        self.max = max.max(0);
        self.offset = self.offset.clamp(0, self.max);
    }

    /// The finger went down on the list: a running fling stops. Returns whether one did.
    pub(crate) fn catch(&mut self) -> bool {
        self.fling.take().is_some()
    }

    pub(crate) fn begin_drag(&mut self) {
        self.fling = None;
        self.drag_origin = Some(self.offset);
    }

    /// The finger is `finger_dy` pixels below where the drag began (negative: above).
    /// Returns whether the offset changed.
    pub(crate) fn drag(&mut self, finger_dy: i32) -> bool {
        let origin = *self.drag_origin.get_or_insert(self.offset);
        let next = origin.saturating_sub(finger_dy).clamp(0, self.max);
        let changed = next != self.offset;
        self.offset = next;
        changed
    }

    /// The finger left moving at `finger_vy` pixels per second (positive: down).
    pub(crate) fn release(&mut self, finger_vy: f32, now: Duration) {
        self.drag_origin = None;
        let v0 = -f64::from(finger_vy);
        if v0.abs() <= STOP_SPEED {
            return;
        }
        self.fling = Some(Fling {
            from: f64::from(self.offset),
            v0,
            start: now,
            duration: (v0.abs() / STOP_SPEED).ln() / FRICTION,
        });
    }

    /// Moves the content by `d` pixels (a mouse wheel); returns whether it moved.
    pub(crate) fn scroll_by(&mut self, d: i32) -> bool {
        self.fling = None;
        let next = self.offset.saturating_add(d).clamp(0, self.max);
        let changed = next != self.offset;
        self.offset = next;
        changed
    }

    /// Scrolls straight to `offset` (clamped).
    pub(crate) fn set_offset(&mut self, offset: i32) {
        self.fling = None;
        self.offset = offset.clamp(0, self.max);
    }

    /// Advances a fling to `now`; returns whether the offset changed.
    pub(crate) fn tick(&mut self, now: Duration) -> bool {
        let Some(fling) = self.fling else {
            return false;
        };
        let (p, done) = fling.position(now);
        let rounded = p.round().clamp(i32::MIN as f64, i32::MAX as f64) as i32;
        let next = rounded.clamp(0, self.max);
        if done || next != rounded {
            // Finished, or ran into an end of the list.
            self.fling = None;
        }
        let changed = next != self.offset;
        self.offset = next;
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drag_follows_the_finger_exactly_and_clamps() {
        let mut s = Scroller::default();
        s.set_max(5000);
        s.begin_drag();
        assert!(s.drag(-500));
        assert_eq!(s.offset(), 500);
        s.drag(-200);
        assert_eq!(s.offset(), 200);
        s.drag(300);
        assert_eq!(s.offset(), 0);
        s.release(0.0, Duration::ZERO);
        assert!(!s.is_flinging());
    }

    #[test]
    fn fling_decelerates_and_stops() {
        let mut s = Scroller::default();
        s.set_max(100_000);
        s.begin_drag();
        s.drag(-100);
        s.release(-4000.0, Duration::ZERO);
        let mut last = s.offset();
        let mut steps = Vec::new();
        let mut t = Duration::ZERO;
        while s.is_flinging() {
            t += Duration::from_millis(16);
            s.tick(t);
            steps.push(s.offset() - last);
            last = s.offset();
            assert!(t < Duration::from_secs(10));
        }
        assert!(steps[0] > steps[steps.len() / 2], "slows down: {steps:?}");
        let travelled = last - 100;
        assert!((1500..=1700).contains(&travelled), "{travelled}");
        assert!(!s.tick(t + Duration::from_secs(1)));
    }

    #[test]
    fn fling_stops_at_the_end() {
        let mut s = Scroller::default();
        s.set_max(300);
        s.release(-4000.0, Duration::ZERO);
        s.tick(Duration::from_secs(1));
        assert_eq!(s.offset(), 300);
        assert!(!s.is_flinging());
    }
}
