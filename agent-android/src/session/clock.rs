//! The agent's clocks: monotonic time for the device and the video pacing, wall time for
//! chat timestamps. The session core never reads a clock itself; the glue passes [`Now`] in.

use std::time::{Duration, Instant};

use lifeline_protocol::messages::UnixMillis;

/// One moment, as the session core sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    /// Monotonic time since the agent started (the device's clock).
    pub mono: Duration,
    /// Wall-clock time, for things people read (chat).
    pub wall: UnixMillis,
}

impl Now {
    /// A moment at `mono` on the monotonic clock and `wall` on the wall clock.
    pub fn new(mono: Duration, wall: UnixMillis) -> Self {
        Self { mono, wall }
    }

    /// A virtual moment for tests and benchmarks: the wall clock follows the monotonic one
    /// from the Unix epoch.
    pub fn virtual_at(mono: Duration) -> Self {
        Self {
            mono,
            wall: UnixMillis(u64::try_from(mono.as_millis()).unwrap_or(u64::MAX)),
        }
    }
}

/// The agent's monotonic clock: time since it was created. Copy it freely; every copy reads
/// the same clock, so a desktop window that touches the phone itself passes the same `now`
/// as the session does.
#[derive(Debug, Clone, Copy)]
pub struct AgentClock {
    origin: Instant,
}

impl Default for AgentClock {
    fn default() -> Self {
        Self::start()
    }
}

impl AgentClock {
    /// A clock reading zero now.
    pub fn start() -> Self {
        Self {
            origin: Instant::now(),
        }
    }

    /// Time since the clock started.
    pub fn mono(&self) -> Duration {
        self.origin.elapsed()
    }

    /// Both clocks, read now.
    pub fn now(&self) -> Now {
        Now::new(self.mono(), UnixMillis::now())
    }

    /// The instant a monotonic reading stands for (to sleep until it).
    pub fn instant_at(&self, mono: Duration) -> Instant {
        self.origin + mono
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn virtual_time_is_deterministic() {
        let now = Now::virtual_at(Duration::from_millis(1500));
        assert_eq!(now.wall, UnixMillis(1500));
        assert_eq!(now.mono, Duration::from_millis(1500));
    }

    #[test]
    fn the_clock_moves_forward() {
        let clock = AgentClock::start();
        let a = clock.mono();
        let b = clock.mono();
        assert!(b >= a);
        assert_eq!(clock.instant_at(a), clock.origin + a);
    }
}
