//! Times as people read them, in the technician's time zone and language: `3:07 PM` in
//! English, `15:07` in French and Spanish.

use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Local, Offset as _, Utc};
use lifeline_protocol::i18n::{CivilDateTime, Localizer};
use lifeline_protocol::messages::UnixMillis;

/// Show times in UTC instead of the local time zone (UI tests, for the same pixels
/// everywhere).
static UTC: AtomicBool = AtomicBool::new(false);

/// Shows times in UTC (`true`) or local time.
pub fn use_utc(utc: bool) {
    UTC.store(utc, Ordering::Relaxed);
}

/// The wall-clock time of `at` where the technician is.
fn civil(at: UnixMillis) -> Option<CivilDateTime> {
    let millis = i64::try_from(at.0).ok()?;
    let t = DateTime::<Utc>::from_timestamp_millis(millis)?;
    let offset = if UTC.load(Ordering::Relaxed) {
        0
    } else {
        t.with_timezone(&Local).offset().fix().local_minus_utc()
    };
    Some(CivilDateTime::from_unix_millis(millis, offset))
}

/// `2:05 PM`, `14:05`.
pub fn clock(at: UnixMillis, loc: Localizer) -> String {
    civil(at).map(|t| loc.time(&t)).unwrap_or_default()
}

/// `2:05:09 PM`, `14:05:09`.
pub fn clock_seconds(at: UnixMillis, loc: Localizer) -> String {
    civil(at)
        .map(|t| loc.time_with_seconds(&t))
        .unwrap_or_default()
}

/// `Nov 21, 2026, 2:05 PM`, `21 nov. 2026, 14:05`.
pub fn date_time(at: UnixMillis, loc: Localizer) -> String {
    civil(at).map(|t| loc.date_time(&t)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use lifeline_protocol::i18n::Language;

    use super::*;

    #[test]
    fn utc_times_by_language() {
        use_utc(true);
        let at = UnixMillis(((13 * 60 + 5) * 60 + 9) * 1000);
        let en = Localizer::new(Language::En);
        let fr = Localizer::new(Language::Fr);
        assert_eq!(clock(at, en), "1:05 PM");
        assert_eq!(clock_seconds(at, en), "1:05:09 PM");
        assert_eq!(clock(at, fr), "13:05");
        assert_eq!(clock_seconds(at, Localizer::new(Language::Es)), "13:05:09");
        assert_eq!(clock(UnixMillis(u64::MAX), en), "");
        assert_eq!(date_time(at, en), "Jan 1, 1970, 1:05 PM");
        assert_eq!(date_time(at, fr), "1 janv. 1970, 13:05");
    }
}
