//! Times as people read them, in the technician's time zone.

use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Local, Utc};
use lifeline_protocol::messages::UnixMillis;

/// Show times in UTC instead of the local time zone (UI tests, for the same pixels
/// everywhere).
static UTC: AtomicBool = AtomicBool::new(false);

/// Shows times in UTC (`true`) or local time.
pub fn use_utc(utc: bool) {
    UTC.store(utc, Ordering::Relaxed);
}

fn format(at: UnixMillis, pattern: &str) -> String {
    let Some(t) = i64::try_from(at.0)
        .ok()
        .and_then(DateTime::<Utc>::from_timestamp_millis)
    else {
        return String::new();
    };
    if UTC.load(Ordering::Relaxed) {
        t.format(pattern).to_string()
    } else {
        t.with_timezone(&Local).format(pattern).to_string()
    }
}

/// `14:05`.
pub fn clock(at: UnixMillis) -> String {
    format(at, "%H:%M")
}

/// `14:05:09`.
pub fn clock_seconds(at: UnixMillis) -> String {
    format(at, "%H:%M:%S")
}

/// `2026-11-21 14:05`.
pub fn date_time(at: UnixMillis) -> String {
    format(at, "%Y-%m-%d %H:%M")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_times() {
        use_utc(true);
        let at = UnixMillis(((13 * 60 + 5) * 60 + 9) * 1000);
        assert_eq!(clock(at), "13:05");
        assert_eq!(clock_seconds(at), "13:05:09");
    }
}
