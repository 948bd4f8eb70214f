//! Session codes: the 9 random digits a technician gives a customer.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Number of digits in a session code.
pub const CODE_DIGITS: usize = 9;

/// One more than the largest code: codes are `000 000 000`..=`999 999 999`.
const CODE_SPACE: u32 = 1_000_000_000;

/// A 9-digit session code, shown grouped as `123 456 789`.
///
/// Leading zeros are significant (`000 123 456` is a valid code), so the code is kept as a
/// number below 10⁹ and always printed with all nine digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct SessionCode(u32);

/// Why a text is not a session code.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum CodeError {
    /// Nothing but whitespace was given.
    #[error("the session code is empty")]
    Empty,
    /// A character other than a digit, a space or a dash.
    #[error("the session code may only contain digits, spaces and dashes, found {found:?}")]
    InvalidCharacter {
        /// The offending character.
        found: char,
    },
    /// The wrong number of digits.
    #[error("a session code has 9 digits, found {found}")]
    WrongLength {
        /// Digits found.
        found: usize,
    },
    /// Digits grouped other than `123456789`, `123 456 789` or `123-456-789`.
    #[error("write the session code as 123456789, 123 456 789 or 123-456-789")]
    BadGrouping,
    /// A number of 10⁹ or more (only reachable from a raw number, not from text).
    #[error("{0} is too large for a 9-digit session code")]
    OutOfRange(u32),
    /// The operating system's random source failed.
    #[error("the system random number generator failed: {0}")]
    Random(String),
}

impl SessionCode {
    /// A new code drawn uniformly from the operating system's CSPRNG.
    pub fn generate() -> Result<Self, CodeError> {
        // Rejection sampling keeps the draw uniform: 4_294_967_296 is not a multiple of
        // 10⁹, so values at or above the largest multiple are drawn again.
        const LIMIT: u32 = (u32::MAX / CODE_SPACE) * CODE_SPACE;
        loop {
            let mut bytes = [0u8; 4];
            getrandom::fill(&mut bytes).map_err(|e| CodeError::Random(e.to_string()))?;
            let value = u32::from_le_bytes(bytes);
            if value < LIMIT {
                return Ok(Self(value % CODE_SPACE));
            }
        }
    }

    /// The code as a number below 10⁹.
    pub fn value(self) -> u32 {
        self.0
    }

    /// The nine digits without separators, e.g. `012345678`; used in URLs.
    pub fn digits(self) -> String {
        format!("{:09}", self.0)
    }
}

impl TryFrom<u32> for SessionCode {
    type Error = CodeError;

    fn try_from(value: u32) -> Result<Self, CodeError> {
        if value < CODE_SPACE {
            Ok(Self(value))
        } else {
            Err(CodeError::OutOfRange(value))
        }
    }
}

impl From<SessionCode> for u32 {
    fn from(code: SessionCode) -> u32 {
        code.0
    }
}

impl FromStr for SessionCode {
    type Err = CodeError;

    /// Accepts `123456789`, `123 456 789` and `123-456-789` (surrounding whitespace ignored).
    fn from_str(text: &str) -> Result<Self, CodeError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(CodeError::Empty);
        }
        if let Some(found) = text
            .chars()
            .find(|c| !(c.is_ascii_digit() || *c == ' ' || *c == '-'))
        {
            return Err(CodeError::InvalidCharacter { found });
        }
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        if digits.len() != CODE_DIGITS {
            return Err(CodeError::WrongLength {
                found: digits.len(),
            });
        }
        // Exactly nine digits are present, so a text that is not nine bytes long has at least
        // ten: indexes 3 and 7 are in bounds.
        let grouped_ok = text.len() == CODE_DIGITS || {
            let bytes = text.as_bytes();
            let sep = bytes[3];
            text.len() == CODE_DIGITS + 2 && (sep == b' ' || sep == b'-') && bytes[7] == sep
        };
        if !grouped_ok {
            return Err(CodeError::BadGrouping);
        }
        // Nine ASCII digits always parse into a u32 below 10⁹.
        let value = digits.parse::<u32>().map_err(|_| CodeError::WrongLength {
            found: digits.len(),
        })?;
        Ok(Self(value))
    }
}

impl fmt::Display for SessionCode {
    /// Grouped for people: `123 456 789`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.digits();
        write!(f, "{} {} {}", &d[0..3], &d[3..6], &d[6..9])
    }
}

impl fmt::Debug for SessionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SessionCode({})", self.digits())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_written_forms() {
        for text in ["123456789", "123 456 789", "123-456-789", "  123 456 789\n"] {
            let code: SessionCode = text.parse().unwrap();
            assert_eq!(code.value(), 123_456_789, "{text:?}");
        }
    }

    #[test]
    fn keeps_leading_zeros() {
        let code: SessionCode = "000-012-345".parse().unwrap();
        assert_eq!(code.value(), 12_345);
        assert_eq!(code.to_string(), "000 012 345");
        assert_eq!(code.digits(), "000012345");
    }

    #[test]
    fn rejects_with_a_reason() {
        let cases = [
            ("", CodeError::Empty),
            ("   ", CodeError::Empty),
            ("12345678", CodeError::WrongLength { found: 8 }),
            ("1234567890", CodeError::WrongLength { found: 10 }),
            ("123 456 78", CodeError::WrongLength { found: 8 }),
            ("12345678a", CodeError::InvalidCharacter { found: 'a' }),
            ("123.456.789", CodeError::InvalidCharacter { found: '.' }),
            (
                "１２３４５６７８９",
                CodeError::InvalidCharacter { found: '１' },
            ),
            ("123 456-789", CodeError::BadGrouping),
            ("12 3456 789", CodeError::BadGrouping),
            ("123  456789", CodeError::BadGrouping),
            ("-123456789", CodeError::BadGrouping),
            ("123--456789", CodeError::BadGrouping),
        ];
        for (text, want) in cases {
            assert_eq!(text.parse::<SessionCode>(), Err(want), "{text:?}");
        }
    }

    #[test]
    fn error_messages_say_what_was_wrong() {
        let err = "12345".parse::<SessionCode>().unwrap_err();
        assert_eq!(err.to_string(), "a session code has 9 digits, found 5");
        let err = "123x56789".parse::<SessionCode>().unwrap_err();
        assert!(err.to_string().contains("'x'"), "{err}");
    }

    #[test]
    fn generated_codes_are_in_range_and_vary() {
        let codes: std::collections::HashSet<u32> = (0..200)
            .map(|_| SessionCode::generate().unwrap().value())
            .collect();
        assert!(codes.iter().all(|&c| c < CODE_SPACE));
        // 200 draws from 10⁹ values: a collision is astronomically unlikely.
        assert_eq!(codes.len(), 200);
        // The first digit must not be biased towards a few values.
        let first_digits: std::collections::HashSet<u32> =
            codes.iter().map(|c| c / 100_000_000).collect();
        assert!(first_digits.len() >= 8, "{first_digits:?}");
    }

    #[test]
    fn serde_round_trip_and_range_check() {
        let code: SessionCode = "987 654 321".parse().unwrap();
        let bytes = postcard::to_stdvec(&code).unwrap();
        assert_eq!(postcard::from_bytes::<SessionCode>(&bytes).unwrap(), code);
        let too_big = postcard::to_stdvec(&CODE_SPACE).unwrap();
        assert!(postcard::from_bytes::<SessionCode>(&too_big).is_err());
        assert_eq!(
            SessionCode::try_from(CODE_SPACE),
            Err(CodeError::OutOfRange(CODE_SPACE))
        );
    }

    #[test]
    fn display_parse_round_trip() {
        for value in [0, 1, 999_999_999, 100_000_000, 42_424_242] {
            let code = SessionCode::try_from(value).unwrap();
            assert_eq!(code.to_string().parse::<SessionCode>().unwrap(), code);
            assert_eq!(code.digits().parse::<SessionCode>().unwrap(), code);
        }
    }
}
