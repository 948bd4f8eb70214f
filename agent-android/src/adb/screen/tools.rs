//! What the phone's screen tools can do, from its SDK level and `screenrecord --help`, and
//! undoing what an old `adb shell` does to binary output.
//!
//! The help texts by version (captures in `tests/data/adb/usage/`):
//! - v1.0 (Android 4.4, API 19–20): no version in the text, `--bit-rate` in Mbit/s, MP4 files
//!   only; `adb exec-out` does not exist yet, so its output could only come through
//!   `adb shell`'s terminal, which mangles binary data;
//! - v1.2 (API 21–29): "Android screenrecord v1.2", `--bit-rate` in bits per second, the
//!   undocumented `--output-format=h264` writes raw H.264 to standard output (`-`), and
//!   `adb exec-out` (Android 5) passes it untouched; at most 180 s per run;
//! - v1.3 (API 30+): "Set to 0 to remove the time limit".

use std::borrow::Cow;

/// From this SDK level (Android 5.0) `adb exec-out` exists and `screenrecord` writes raw
/// H.264 (`--output-format=h264`).
pub const EXEC_OUT_SDK: u32 = 21;

/// What the phone's `screenrecord` and `adb` allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScreenTools {
    /// `adb exec-out` works: binary output arrives untouched. Without it `screencap -p` goes
    /// through `adb shell`, whose terminal turns LF into CR LF ([`undo_pty_newlines`]).
    pub exec_out: bool,
    /// `screenrecord --output-format=h264 -` can stream (given `screenrecord` is there).
    pub h264: bool,
    /// `screenrecord --time-limit 0` records without end (v1.3); older ones refuse 0 and stop
    /// after 180 s, and are started again.
    pub no_time_limit: bool,
}

impl ScreenTools {
    /// From the SDK level (`ro.build.version.sdk`, when readable) and what
    /// `screenrecord --help 2>&1` printed. The SDK level decides `exec-out` and H.264 (they
    /// came with Android 5.0); without one, the help's version does ("v1.2" or later, while
    /// v1.0 names none). `--time-limit 0` is used only where the help says it removes the
    /// limit, or, when the help could not be read, from API 30.
    pub fn detect(sdk: Option<u32>, help: &str) -> Self {
        let version = help_version(help);
        let modern = match sdk {
            Some(sdk) => sdk >= EXEC_OUT_SDK,
            None => version.is_none_or(|v| v >= (1, 2)) && !is_v1_0_help(help),
        };
        let says_unlimited = help.contains("to remove the time limit");
        let no_time_limit = if is_help(help) {
            says_unlimited
        } else {
            sdk.is_some_and(|sdk| sdk >= 30)
        };
        Self {
            exec_out: modern,
            h264: modern,
            no_time_limit: modern && no_time_limit,
        }
    }
}

/// Whether `text` is `screenrecord`'s usage at all (not "not found" or an empty answer).
fn is_help(text: &str) -> bool {
    text.contains("Usage: screenrecord")
}

/// The usage text of v1.0, which names no version.
fn is_v1_0_help(text: &str) -> bool {
    is_help(text) && help_version(text).is_none()
}

/// `(major, minor)` from "Android screenrecord v1.2.".
fn help_version(text: &str) -> Option<(u32, u32)> {
    let rest = &text[text.find("screenrecord v")? + "screenrecord v".len()..];
    let (major, rest) = rest.split_once('.')?;
    let minor: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((major.parse().ok()?, minor.parse().ok()?))
}

/// The PNG signature (`89 50 4E 47 0D 0A 1A 0A`) after a terminal turned each LF into CR LF.
const PNG_SIGNATURE_TRANSLATED: [u8; 10] = [
    0x89, b'P', b'N', b'G', b'\r', b'\r', b'\n', 0x1a, b'\r', b'\n',
];

/// A PNG read through `adb shell` on an old phone: its terminal wrote every LF byte as
/// CR LF. When the signature shows that translation, every CR LF becomes LF again (each LF
/// was preceded by exactly one inserted CR, so this is exact); any other bytes are returned
/// as they are.
pub fn undo_pty_newlines(bytes: &[u8]) -> Cow<'_, [u8]> {
    if !bytes.starts_with(&PNG_SIGNATURE_TRANSLATED) {
        return Cow::Borrowed(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            out.push(b'\n');
            i += 2;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

    const V1_0: &str =
        include_str!("../../../tests/data/adb/usage/screenrecord_help_v1.0_api19-20_adblib.txt");
    const V1_2: &str =
        include_str!("../../../tests/data/adb/usage/screenrecord_help_v1.2_api21-29_adblib.txt");
    const V1_3: &str =
        include_str!("../../../tests/data/adb/usage/screenrecord_help_v1.3_api30-35_adblib.txt");

    #[test]
    fn versions_from_the_help_captures() {
        assert_eq!(help_version(V1_0), None);
        assert_eq!(help_version(V1_2), Some((1, 2)));
        assert_eq!(help_version(V1_3), Some((1, 3)));
        assert!(is_v1_0_help(V1_0) && !is_v1_0_help(V1_2) && !is_v1_0_help(V1_3));
        assert!(V1_0.contains("in megabits per second"), "v1.0 takes Mbit/s");
    }

    #[test]
    fn what_each_phone_gets() {
        let all = ScreenTools {
            exec_out: true,
            h264: true,
            no_time_limit: true,
        };
        let limited = ScreenTools {
            no_time_limit: false,
            ..all
        };
        let old = ScreenTools {
            exec_out: false,
            h264: false,
            no_time_limit: false,
        };
        assert_eq!(ScreenTools::detect(Some(19), V1_0), old);
        assert_eq!(ScreenTools::detect(Some(20), V1_0), old);
        assert_eq!(
            ScreenTools::detect(Some(15), "sh: screenrecord: not found"),
            old
        );
        assert_eq!(ScreenTools::detect(Some(21), V1_2), limited);
        assert_eq!(ScreenTools::detect(Some(29), V1_2), limited);
        assert_eq!(ScreenTools::detect(Some(30), V1_3), all);
        assert_eq!(ScreenTools::detect(Some(35), V1_3), all);
        // A v1.2 help on a newer SDK (a vendor's build): the help says no, so no `0`.
        assert_eq!(ScreenTools::detect(Some(36), V1_2), limited);
        // No SDK level: the help decides.
        assert_eq!(ScreenTools::detect(None, V1_0), old);
        assert_eq!(ScreenTools::detect(None, V1_2), limited);
        assert_eq!(ScreenTools::detect(None, V1_3), all);
        // No help (it timed out, or printed nothing): the SDK level decides.
        assert_eq!(ScreenTools::detect(Some(34), ""), all);
        assert_eq!(ScreenTools::detect(Some(28), ""), limited);
        assert_eq!(ScreenTools::detect(None, ""), limited);
        assert_eq!(
            ScreenTools::detect(None, "screenrecord vX.Y garbage"),
            limited
        );
    }

    #[test]
    fn translated_png_bytes_are_restored_exactly() {
        // Every byte value, CR LF and lone CRs included, after the signature.
        let mut png = PNG_SIGNATURE.to_vec();
        png.extend(0..=255u8);
        png.extend_from_slice(b"\r\n\r\r\n\n\n\r");
        let translated: Vec<u8> = png
            .iter()
            .flat_map(|&b| {
                if b == b'\n' {
                    vec![b'\r', b'\n']
                } else {
                    vec![b]
                }
            })
            .collect();
        assert!(translated.starts_with(&PNG_SIGNATURE_TRANSLATED));
        assert_eq!(undo_pty_newlines(&translated).as_ref(), png.as_slice());
        // Untouched bytes stay as they are (a newer adb, or a clean transport).
        assert!(matches!(undo_pty_newlines(&png), Cow::Borrowed(b) if b == png.as_slice()));
        let junk = b"\r\n\r\nnot a png";
        assert_eq!(undo_pty_newlines(junk).as_ref(), junk);
        assert!(undo_pty_newlines(&[]).is_empty());
    }
}
