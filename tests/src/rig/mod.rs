//! The end-to-end rig: every part real, each scenario a short story.
//!
//! - [`RigRelay`]: the relay on loopback (QUIC + HTTPS, SQLite in a temp dir, a manual
//!   clock) on its own runtime, so a test can kill it;
//! - [`Tech`]: a technician signed in through the API, driven headless through the
//!   console's network side ([`lifeline_console::net::TechnicianClient`]);
//! - [`Phone`]: the agent's session with a simulated phone, joined from the join URL;
//! - [`lossy`]: a lossy, slow path between a phone and the relay.
//!
//! Helpers fail the test (panic) with what they were waiting for, instead of returning
//! errors: a rig step that cannot be done is a failed test.

// A rig step that cannot be done is a failed test: `expect` says which step.
#![allow(clippy::expect_used, clippy::missing_panics_doc)]

pub mod lossy;
mod phone;
mod relay;
mod technician;

use std::time::Duration;

pub use phone::{Joining, Phone};
pub use relay::{PASSWORD, RigRelay, event_kinds};
pub use technician::{Tech, customer_lines, system_lines};

/// How long any one step may take before the test fails.
pub const WAIT: Duration = Duration::from_secs(15);

/// Waits until the technician's decoded screen of `code` is exactly the phone's screen.
pub fn wait_same_screen(
    tech: &mut Tech,
    code: lifeline_protocol::SessionCode,
    phone: &Phone,
    what: &str,
) -> lifeline_protocol::video::RgbaImage {
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let seen = tech.session(code).screen.snapshot();
        if let (Some(seen), Some(shown)) = (seen, phone.settled_screen())
            && seen == shown
        {
            return seen;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "timed out: {what}: the technician's screen is not the phone's ({:?})",
            phone.ui()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}
