//! The languages Lifeline ships, and how one is chosen: from a BCP-47 tag, a POSIX locale
//! name, an HTTP `Accept-Language` header, or the system's preferences.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;
use unic_langid::LanguageIdentifier;

/// A language every part of Lifeline speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// English, the fallback for everything else.
    En,
    /// French.
    Fr,
    /// Spanish.
    Es,
}

/// A language tag that names none of the [`Language`]s.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("unsupported language {0:?}: use one of en, fr, es")]
pub struct UnsupportedLanguage(pub String);

impl Language {
    /// Every language, English first.
    pub const ALL: [Language; 3] = [Language::En, Language::Fr, Language::Es];

    /// What is used when nothing better is known.
    pub const FALLBACK: Language = Language::En;

    /// The primary BCP-47 subtag: `en`, `fr`, `es`.
    pub fn tag(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
            Language::Es => "es",
        }
    }

    /// The language's name in itself, for a language menu.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::Fr => "Français",
            Language::Es => "Español",
        }
    }

    /// The language of a BCP-47 tag (`fr`, `fr-CA`, `es-419`) or a POSIX locale name
    /// (`fr_FR.UTF-8`, `es_ES@euro`); `None` for a malformed tag or another language.
    pub fn from_tag(tag: &str) -> Option<Language> {
        // POSIX names carry an encoding and a modifier that BCP-47 has no place for.
        let tag = tag.split(['.', '@']).next().unwrap_or_default().trim();
        let id: LanguageIdentifier = tag.parse().ok()?;
        match id.language.as_str() {
            "en" => Some(Language::En),
            "fr" => Some(Language::Fr),
            "es" => Some(Language::Es),
            _ => None,
        }
    }

    /// The first language of `tags` (most preferred first) that Lifeline speaks.
    pub fn negotiate<'a>(tags: impl IntoIterator<Item = &'a str>) -> Option<Language> {
        tags.into_iter().find_map(Language::from_tag)
    }

    /// The best language for an HTTP `Accept-Language` header such as
    /// `fr-CH, fr;q=0.9, en;q=0.8, *;q=0.5`: highest q-value first, the header's order
    /// between equals; ranges with `q=0`, wildcards and malformed entries are skipped.
    pub fn from_accept_language(header: &str) -> Option<Language> {
        let mut best: Option<(u16, Language)> = None;
        for entry in header.split(',') {
            let mut parts = entry.split(';');
            let range = parts.next().unwrap_or_default().trim();
            let Some(quality) = parts.map(quality_param).try_fold(1000u16, |q, p| match p {
                Param::Quality(q) => Some(q),
                Param::Other => Some(q),
                Param::Malformed => None,
            }) else {
                continue;
            };
            if quality == 0 || range == "*" {
                continue;
            }
            let Some(language) = Language::from_tag(range) else {
                continue;
            };
            if best.is_none_or(|(q, _)| quality > q) {
                best = Some((quality, language));
            }
        }
        best.map(|(_, language)| language)
    }

    /// The system's preferred language (the user's locale list, in order), or English.
    pub fn from_system() -> Language {
        let locales: Vec<String> = sys_locale::get_locales().collect();
        Language::negotiate(locales.iter().map(String::as_str)).unwrap_or(Language::FALLBACK)
    }
}

enum Param {
    Quality(u16),
    Other,
    Malformed,
}

/// One `;name=value` parameter of an `Accept-Language` entry; `q` in thousandths.
fn quality_param(param: &str) -> Param {
    let Some((name, value)) = param.split_once('=') else {
        return Param::Malformed;
    };
    if !name.trim().eq_ignore_ascii_case("q") {
        return Param::Other;
    }
    let value = value.trim();
    // RFC 9110: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return Param::Malformed;
    }
    let thousandths = format!("{fraction:0<3}").parse::<u16>().unwrap_or(0);
    match whole {
        "0" => Param::Quality(thousandths),
        "1" if thousandths == 0 => Param::Quality(1000),
        _ => Param::Malformed,
    }
}

impl FromStr for Language {
    type Err = UnsupportedLanguage;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Language::from_tag(s).ok_or_else(|| UnsupportedLanguage(s.to_owned()))
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_posix_names() {
        assert_eq!(Language::from_tag("fr"), Some(Language::Fr));
        assert_eq!(Language::from_tag("fr-CA"), Some(Language::Fr));
        assert_eq!(Language::from_tag("ES-419"), Some(Language::Es));
        assert_eq!(Language::from_tag("en-US"), Some(Language::En));
        assert_eq!(Language::from_tag("fr_FR.UTF-8"), Some(Language::Fr));
        assert_eq!(Language::from_tag("es_ES@euro"), Some(Language::Es));
        assert_eq!(Language::from_tag("de-DE"), None);
        assert_eq!(Language::from_tag("C"), None);
        assert_eq!(Language::from_tag(""), None);
        assert_eq!(Language::from_tag("not a tag!"), None);
        assert_eq!("es".parse::<Language>(), Ok(Language::Es));
        assert!(
            "klingon"
                .parse::<Language>()
                .unwrap_err()
                .to_string()
                .contains("en, fr, es")
        );
        for language in Language::ALL {
            assert_eq!(language.to_string().parse::<Language>(), Ok(language));
        }
    }

    #[test]
    fn accept_language_follows_q_values() {
        let pick = Language::from_accept_language;
        assert_eq!(
            pick("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5"),
            Some(Language::Fr)
        );
        assert_eq!(pick("de-DE,de;q=0.9,es;q=0.8,en;q=0.7"), Some(Language::Es));
        assert_eq!(pick("en;q=0.5, es;q=0.9"), Some(Language::Es));
        assert_eq!(
            pick("es;q=0.8, fr;q=0.8"),
            Some(Language::Es),
            "ties keep order"
        );
        assert_eq!(
            pick("fr;q=0, en"),
            Some(Language::En),
            "q=0 means not acceptable"
        );
        assert_eq!(pick("fr;q=1.000"), Some(Language::Fr));
        assert_eq!(pick("fr;level=1;q=0.4"), Some(Language::Fr));
    }

    #[test]
    fn accept_language_survives_junk() {
        let pick = Language::from_accept_language;
        assert_eq!(pick(""), None);
        assert_eq!(pick("*"), None);
        assert_eq!(pick("de, ja"), None);
        assert_eq!(pick("fr;q=2, es;q=abc, en;q=0.5"), Some(Language::En));
        assert_eq!(pick("fr;q=0.12345, es;q"), None);
        assert_eq!(pick(",,;;,="), None);
        assert_eq!(pick(&"fr;q=0.1,".repeat(10_000)), Some(Language::Fr));
    }

    #[test]
    fn negotiation_takes_the_first_known() {
        assert_eq!(
            Language::negotiate(["de-AT", "es-MX", "fr"]),
            Some(Language::Es)
        );
        assert_eq!(Language::negotiate(["ja"]), None);
        // Whatever this machine says, the answer is one of ours.
        assert!(Language::ALL.contains(&Language::from_system()));
    }
}
