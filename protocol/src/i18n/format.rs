//! Numbers, dates and times written the way each language writes them: `1,234.5` and
//! `3:07 PM` in English, `1 234,5` and `15:07` in French, `1234,5` and `15:07` in Spanish.
//!
//! Pure functions on plain values; the caller supplies the time zone offset.

use super::Language;

/// U+202F NARROW NO-BREAK SPACE, French's thousands separator.
const NARROW_NBSP: char = '\u{202f}';

/// `value` with `decimals` digits after the separator (rounded) and grouped thousands.
/// Not-a-number and infinities are written as `-`.
pub fn number(language: Language, value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "-".to_owned();
    }
    let decimals = decimals.min(12);
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let negative = value < 0.0 && text.bytes().any(|b| matches!(b, b'1'..=b'9'));
    let mut out = String::with_capacity(text.len() + 4);
    if negative {
        out.push('-');
    }
    out.push_str(&group(language, whole));
    if !fraction.is_empty() {
        out.push(decimal_separator(language));
        out.push_str(fraction);
    }
    out
}

/// A whole number with grouped thousands.
pub fn integer(language: Language, value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let grouped = group(language, &digits);
    if value < 0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// `.` or `,`.
pub fn decimal_separator(language: Language) -> char {
    match language {
        Language::En => '.',
        Language::Fr | Language::Es => ',',
    }
}

fn group(language: Language, digits: &str) -> String {
    let (separator, min_digits) = match language {
        Language::En => (',', 4),
        Language::Fr => (NARROW_NBSP, 4),
        // Spanish leaves four-digit numbers ungrouped: 1234, but 12.345.
        Language::Es => ('.', 5),
    };
    if digits.len() < min_digits {
        return digits.to_owned();
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// A calendar date and wall-clock time (proleptic Gregorian), already in the reader's time
/// zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct CivilDateTime {
    /// Year, e.g. 2026.
    pub year: i32,
    /// 1–12.
    pub month: u8,
    /// 1–31.
    pub day: u8,
    /// 0–23.
    pub hour: u8,
    /// 0–59.
    pub minute: u8,
    /// 0–59.
    pub second: u8,
}

impl CivilDateTime {
    /// The local time of `unix_millis` in a zone `utc_offset_secs` ahead of UTC.
    pub fn from_unix_millis(unix_millis: i64, utc_offset_secs: i32) -> Self {
        let secs = unix_millis.div_euclid(1000) + i64::from(utc_offset_secs);
        let days = secs.div_euclid(86_400);
        let of_day = secs.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        // The casts below cannot truncate: each value is bounded by the arithmetic above.
        Self {
            year,
            month,
            day,
            hour: (of_day / 3600) as u8,
            minute: (of_day % 3600 / 60) as u8,
            second: (of_day % 60) as u8,
        }
    }
}

/// Days since 1970-01-01 to (year, month, day), after Howard Hinnant's `civil_from_days`.
fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (
        year.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32,
        month,
        day,
    )
}

/// `3:07 PM` in English, `15:07` in French and Spanish.
pub fn time(language: Language, at: &CivilDateTime) -> String {
    match language {
        Language::En => {
            let hour12 = match at.hour % 12 {
                0 => 12,
                h => h,
            };
            let half = if at.hour < 12 { "AM" } else { "PM" };
            format!("{hour12}:{:02} {half}", at.minute)
        }
        Language::Fr | Language::Es => format!("{:02}:{:02}", at.hour, at.minute),
    }
}

/// [`time`] with seconds: `3:07:09 PM`, `15:07:09`.
pub fn time_with_seconds(language: Language, at: &CivilDateTime) -> String {
    match language {
        Language::En => {
            let short = time(language, at);
            let (clock, half) = short.split_once(' ').unwrap_or((&short, ""));
            format!("{clock}:{:02} {half}", at.second)
        }
        Language::Fr | Language::Es => {
            format!("{:02}:{:02}:{:02}", at.hour, at.minute, at.second)
        }
    }
}

/// `Nov 21, 2026`, `21 nov. 2026`, `21 nov 2026`.
pub fn date(language: Language, at: &CivilDateTime) -> String {
    let month = usize::from(at.month.clamp(1, 12) - 1);
    match language {
        Language::En => format!("{} {}, {}", MONTHS_EN[month], at.day, at.year),
        Language::Fr => format!("{} {} {}", at.day, MONTHS_FR[month], at.year),
        Language::Es => format!("{} {} {}", at.day, MONTHS_ES[month], at.year),
    }
}

/// [`date`] and [`time`]: `Nov 21, 2026, 3:07 PM`, `21 nov. 2026, 15:07`.
pub fn date_time(language: Language, at: &CivilDateTime) -> String {
    format!("{}, {}", date(language, at), time(language, at))
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTHS_FR: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
    "déc.",
];
const MONTHS_ES: [&str; 12] = [
    "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_by_language() {
        assert_eq!(number(Language::En, 1234.5, 1), "1,234.5");
        assert_eq!(number(Language::Fr, 1234.5, 1), "1\u{202f}234,5");
        assert_eq!(number(Language::Es, 1234.5, 1), "1234,5");
        assert_eq!(number(Language::Es, 12345.25, 2), "12.345,25");
        assert_eq!(number(Language::En, -0.04, 1), "0.0");
        assert_eq!(number(Language::En, -1_000_000.0, 0), "-1,000,000");
        assert_eq!(number(Language::Fr, 0.5, 0), "0");
        assert_eq!(number(Language::Fr, f64::NAN, 2), "-");
        assert_eq!(integer(Language::En, -1234567), "-1,234,567");
        assert_eq!(integer(Language::Es, 1234), "1234");
        assert_eq!(integer(Language::Fr, 999), "999");
        assert_eq!(
            integer(Language::En, i64::MIN),
            "-9,223,372,036,854,775,808"
        );
    }

    #[test]
    fn dates_and_times_by_language() {
        // 2026-11-21 15:07:09 UTC.
        let at = CivilDateTime::from_unix_millis(1_795_273_629_000, 0);
        assert_eq!(
            (at.year, at.month, at.day, at.hour, at.minute, at.second),
            (2026, 11, 21, 15, 7, 9)
        );
        assert_eq!(time(Language::En, &at), "3:07 PM");
        assert_eq!(time(Language::Fr, &at), "15:07");
        assert_eq!(time(Language::Es, &at), "15:07");
        assert_eq!(time_with_seconds(Language::En, &at), "3:07:09 PM");
        assert_eq!(time_with_seconds(Language::Fr, &at), "15:07:09");
        assert_eq!(date(Language::En, &at), "Nov 21, 2026");
        assert_eq!(date(Language::Fr, &at), "21 nov. 2026");
        assert_eq!(date(Language::Es, &at), "21 nov 2026");
        assert_eq!(date_time(Language::Fr, &at), "21 nov. 2026, 15:07");

        let midnight = CivilDateTime::from_unix_millis(0, 0);
        assert_eq!(time(Language::En, &midnight), "12:00 AM");
        assert_eq!(date(Language::En, &midnight), "Jan 1, 1970");
        // An offset moves the wall clock, across midnight and the year.
        let paris = CivilDateTime::from_unix_millis(-1, 3600);
        assert_eq!((paris.year, paris.hour, paris.minute), (1970, 0, 59));
        let before = CivilDateTime::from_unix_millis(0, -60);
        assert_eq!((before.year, before.month, before.day), (1969, 12, 31));
        // Leap day.
        let leap = CivilDateTime::from_unix_millis(1_709_164_800_000, 0);
        assert_eq!((leap.year, leap.month, leap.day), (2024, 2, 29));
        // Extremes do not panic.
        let _ = CivilDateTime::from_unix_millis(i64::MAX, i32::MAX);
        let _ = CivilDateTime::from_unix_millis(i64::MIN, i32::MIN);
    }
}
