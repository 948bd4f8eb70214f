//! Stories of the pairing core on a virtual clock.

mod budget;
mod connections;
mod rooms;

use std::net::IpAddr;
use std::time::Duration;

use lifeline_protocol::SessionCode;
use lifeline_protocol::messages::UnixMillis;

use super::{CodeFacts, CodeStatus};

/// Time that only moves when a story says so.
#[derive(Debug, Clone, Copy)]
struct VirtualClock {
    now: UnixMillis,
}

impl VirtualClock {
    /// 2025-01-01T00:00:00Z.
    fn new() -> Self {
        Self {
            now: UnixMillis(1_735_689_600_000),
        }
    }

    fn now(&self) -> UnixMillis {
        self.now
    }

    fn advance(&mut self, by: Duration) {
        self.now = UnixMillis(self.now.0 + u64::try_from(by.as_millis()).unwrap());
    }

    fn later(&self, by: Duration) -> UnixMillis {
        let mut clock = *self;
        clock.advance(by);
        clock.now
    }
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn ip(text: &str) -> IpAddr {
    text.parse().unwrap()
}

fn code(text: &str) -> SessionCode {
    text.parse().unwrap()
}

/// A pending code owned by user 7, expiring 20 minutes after `clock`'s now.
fn pending(clock: &VirtualClock) -> CodeFacts {
    CodeFacts {
        owner_id: 7,
        status: CodeStatus::Pending,
        expires_at: clock.later(secs(20 * 60)),
    }
}
