//! The phone's wall clock: local time derived from the simulation clock.
//!
//! The simulation starts at a fixed local date and time, and `now` (time since the
//! simulation started) is added to it: no system clock, so every run shows the same time.

use std::time::Duration;

/// Local date and time, split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Civil {
    pub(crate) year: i64,
    pub(crate) month: u32,
    pub(crate) day: u32,
    pub(crate) hour: u32,
    pub(crate) minute: u32,
    pub(crate) second: u32,
    pub(crate) millis: u32,
    /// 0 = Sunday.
    pub(crate) weekday: u32,
}

const DAY_NAMES: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTH_NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub(crate) const fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Local time when the simulation starts: Saturday 21 November 2026, 09:41:00.
pub(crate) const START_LOCAL_MS: i64 =
    (days_from_civil(2026, 11, 21) * 86_400 + 9 * 3600 + 41 * 60) * 1000;

/// How long the phone had been on when the simulation started (whole minutes, so the up time
/// shown in About phone turns over with the clock).
pub(crate) const UPTIME_AT_START: Duration = Duration::from_secs(26 * 3600 + 13 * 60);

/// The phone's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WallClock {
    /// Local time at simulation time zero, milliseconds since 1970 (local).
    start_ms: i64,
    h24: bool,
}

impl WallClock {
    pub(crate) fn new(h24: bool) -> Self {
        Self {
            start_ms: START_LOCAL_MS,
            h24,
        }
    }

    /// Local time at simulation time `now`; negative offsets (before the start) are allowed.
    pub(crate) fn civil_at_ms(&self, offset_ms: i64) -> Civil {
        let t = self.start_ms + offset_ms;
        let days = t.div_euclid(86_400_000);
        let ms_of_day = t.rem_euclid(86_400_000);
        let (year, month, day) = civil_from_days(days);
        Civil {
            year,
            month,
            day,
            hour: (ms_of_day / 3_600_000) as u32,
            minute: (ms_of_day / 60_000 % 60) as u32,
            second: (ms_of_day / 1000 % 60) as u32,
            millis: (ms_of_day % 1000) as u32,
            weekday: (days + 4).rem_euclid(7) as u32,
        }
    }

    pub(crate) fn civil(&self, now: Duration) -> Civil {
        self.civil_at_ms(i64::try_from(now.as_millis()).unwrap_or(i64::MAX / 2))
    }

    /// Status-bar time: `09:41` (24-hour) or `9:41` (12-hour, no AM/PM, as Android shows it).
    pub(crate) fn status_time(&self, now: Duration) -> String {
        let c = self.civil(now);
        if self.h24 {
            format!("{:02}:{:02}", c.hour, c.minute)
        } else {
            let h = match c.hour % 12 {
                0 => 12,
                h => h,
            };
            format!("{h}:{:02}", c.minute)
        }
    }

    /// `Sat, 21 Nov`.
    pub(crate) fn date_line(&self, now: Duration) -> String {
        let c = self.civil(now);
        format!(
            "{}, {} {}",
            DAY_NAMES[c.weekday as usize % 7],
            c.day,
            MONTH_NAMES[(c.month as usize + 11) % 12]
        )
    }

    /// `hh:mm` for chat bubbles.
    pub(crate) fn hm(&self, now: Duration) -> String {
        let c = self.civil(now);
        format!("{:02}:{:02}", c.hour, c.minute)
    }
}

/// `MM-DD HH:MM:SS.mmm`, logcat's timestamp.
pub(crate) fn logcat_stamp(c: &Civil) -> String {
    format!(
        "{:02}-{:02} {:02}:{:02}:{:02}.{:03}",
        c.month, c.day, c.hour, c.minute, c.second, c.millis
    )
}

/// `YYYY-MM-DD HH:MM:SS.mmm`.
pub(crate) fn full_stamp(c: &Civil) -> String {
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:03}",
        c.year, c.month, c.day, c.hour, c.minute, c.second, c.millis
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_on_a_saturday_morning() {
        let clock = WallClock::new(true);
        let c = clock.civil(Duration::ZERO);
        assert_eq!(
            (c.year, c.month, c.day, c.hour, c.minute),
            (2026, 11, 21, 9, 41)
        );
        assert_eq!(clock.date_line(Duration::ZERO), "Sat, 21 Nov");
        assert_eq!(clock.status_time(Duration::ZERO), "09:41");
        assert_eq!(
            WallClock::new(false).status_time(Duration::from_secs(4 * 3600)),
            "1:41"
        );
        assert_eq!(
            logcat_stamp(&clock.civil(Duration::from_millis(1234))),
            "11-21 09:41:01.234"
        );
    }

    #[test]
    fn rolls_over_days_and_months() {
        let clock = WallClock::new(true);
        let c = clock.civil(Duration::from_secs(10 * 86_400));
        assert_eq!((c.month, c.day, c.weekday), (12, 1, 2));
        let before = clock.civil_at_ms(-86_400_000);
        assert_eq!((before.day, before.weekday), (20, 5));
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(days_from_civil(2000, 2, 29)), (2000, 2, 29));
    }
}
