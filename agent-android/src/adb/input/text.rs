//! Text for `input text`, made safe for the phone's shell.
//!
//! Each piece of text becomes one `input text '…'` command: the argument is single-quoted,
//! so no character in it means anything to the shell (`;`, `$( )`, backticks, `|`, `&`,
//! `>`, `*`, `\`, double quotes), and an embedded single quote is written `'\''` (close the
//! quote, an escaped quote, reopen). `input text` itself turns `%s` into a space, so spaces
//! are sent as `%s` and a literal `%` followed by `s` is cut into two commands. Line breaks
//! and tabs become the Enter and Tab keys. `input text` can only type what the phone's
//! virtual keyboard map has (printable ASCII): text with any other character is refused as a
//! whole, naming the characters, rather than typed with holes in it.

use std::fmt::Write as _;

/// Key code of Enter.
const KEYCODE_ENTER: u32 = 66;
/// Key code of Tab.
const KEYCODE_TAB: u32 = 61;

/// Why text cannot be typed over adb.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`adb shell input text` cannot type {}; nothing was typed", describe(.0))]
pub struct Untypable(pub Vec<char>);

fn describe(chars: &[char]) -> String {
    let mut text = String::new();
    for (i, c) in chars.iter().take(5).enumerate() {
        if i > 0 {
            text.push_str(", ");
        }
        if c.is_control() {
            let _ = write!(text, "U+{:04X}", u32::from(*c));
        } else {
            let _ = write!(text, "{c:?} (U+{:04X})", u32::from(*c));
        }
    }
    if chars.len() > 5 {
        let _ = write!(text, " and {} more", chars.len() - 5);
    }
    text
}

/// The shell command lines that type `text`, one per line, without line ends.
pub fn commands(text: &str) -> Result<Vec<String>, Untypable> {
    let mut bad: Vec<char> = Vec::new();
    for c in text.chars() {
        let typable = c == ' ' || c.is_ascii_graphic() || matches!(c, '\n' | '\r' | '\t');
        if !typable && !bad.contains(&c) {
            bad.push(c);
        }
    }
    if !bad.is_empty() {
        return Err(Untypable(bad));
    }
    let mut lines = Vec::new();
    let mut piece = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => {
                flush(&mut piece, &mut lines);
                let key = if c == '\n' {
                    KEYCODE_ENTER
                } else {
                    KEYCODE_TAB
                };
                lines.push(format!("input keyevent {key}"));
            }
            // A Windows line end types one Enter.
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    flush(&mut piece, &mut lines);
                    lines.push(format!("input keyevent {KEYCODE_ENTER}"));
                }
            }
            ' ' => piece.push_str("%s"),
            '%' => {
                piece.push('%');
                if chars.peek() == Some(&'s') {
                    // `%s` typed literally: end this command after the `%`.
                    flush(&mut piece, &mut lines);
                }
            }
            c => piece.push(c),
        }
    }
    flush(&mut piece, &mut lines);
    Ok(lines)
}

fn flush(piece: &mut String, lines: &mut Vec<String>) {
    if !piece.is_empty() {
        lines.push(format!("input text {}", single_quote(piece)));
        piece.clear();
    }
}

/// `text` as one shell word that the shell takes literally.
pub fn single_quote(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('\'');
    for c in text.chars() {
        if c == '\'' {
            quoted.push_str("'\\''");
        } else {
            quoted.push(c);
        }
    }
    quoted.push('\'');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a POSIX shell makes of a quoted word: the inverse of `single_quote` for the
    /// quoting it produces (quotes open and close; `\'` outside quotes is a quote).
    fn unquote(word: &str) -> String {
        let mut out = String::new();
        let mut quoted = false;
        let mut chars = word.chars();
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('\'', _) => quoted = !quoted,
                ('\\', false) => out.extend(chars.next()),
                (c, true) => out.push(c),
                (c, false) => panic!("unquoted {c:?} in {word}"),
            }
        }
        assert!(!quoted, "unterminated quote in {word}");
        out
    }

    /// What `input text` types for its argument.
    fn typed(arg: &str) -> String {
        arg.replace("%s", " ")
    }

    #[test]
    fn hostile_text_is_typed_literally() {
        for text in [
            "; rm -rf /",
            "$(reboot)",
            "`reboot`",
            "it's \"quoted\"",
            "a && b || c | d > /sdcard/x < y",
            "*?[]{}~#!\\n\\",
            "'; reboot; '",
            "50% off, %s stays",
            "-h",
        ] {
            let lines = commands(text).unwrap();
            let mut all = String::new();
            for line in &lines {
                let arg = line.strip_prefix("input text ").unwrap();
                assert!(arg.starts_with('\'') && arg.ends_with('\''), "{line}");
                all.push_str(&typed(&unquote(arg)));
            }
            assert_eq!(all, text, "{lines:?}");
        }
        assert_eq!(commands("a b").unwrap(), ["input text 'a%sb'"]);
        assert_eq!(
            commands("%s").unwrap(),
            ["input text '%'", "input text 's'"]
        );
        assert_eq!(commands("it's").unwrap(), [r"input text 'it'\''s'"]);
    }

    #[test]
    fn line_ends_and_tabs_are_keys() {
        assert_eq!(
            commands("one\ntwo\r\nthree\tx").unwrap(),
            [
                "input text 'one'",
                "input keyevent 66",
                "input text 'two'",
                "input keyevent 66",
                "input text 'three'",
                "input keyevent 61",
                "input text 'x'",
            ]
        );
        assert!(commands("").unwrap().is_empty());
    }

    #[test]
    fn characters_input_cannot_type_are_refused_by_name() {
        let err = commands("café 😀 x\u{7}").unwrap_err();
        assert_eq!(err.0, ['é', '😀', '\u{7}']);
        let message = err.to_string();
        assert!(message.contains("'é' (U+00E9)"), "{message}");
        assert!(message.contains("U+0007"), "{message}");
        assert!(message.ends_with("nothing was typed"), "{message}");
    }
}
