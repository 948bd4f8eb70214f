//! [`Localizer`]: formats messages of one language, falling back to English.

use std::fmt;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use super::Language;
use super::catalog::{Part, source};
use super::format::{self, CivilDateTime};

type Bundle = FluentBundle<FluentResource>;

/// Every language's messages, parsed once per process.
static BUNDLES: OnceLock<[Bundle; 3]> = OnceLock::new();

fn bundles() -> &'static [Bundle; 3] {
    BUNDLES.get_or_init(|| Language::ALL.map(load))
}

fn index(language: Language) -> usize {
    match language {
        Language::En => 0,
        Language::Fr => 1,
        Language::Es => 2,
    }
}

/// One bundle with every part's messages in `language`. The catalogs are checked by the
/// crate's tests (syntax, same keys everywhere), so a broken entry here is only skipped.
fn load(language: Language) -> Bundle {
    let id: LanguageIdentifier = language.tag().parse().unwrap_or_default();
    let mut bundle = Bundle::new_concurrent(vec![id]);
    // Marks around placeables only matter for right-to-left text, and would show as boxes
    // in fonts without them.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(match language {
        Language::En => format_en,
        Language::Fr => format_fr,
        Language::Es => format_es,
    }));
    for part in Part::ALL {
        let resource = match FluentResource::try_new(source(language, part).to_owned()) {
            Ok(resource) => resource,
            Err((partial, _)) => partial,
        };
        let _ = bundle.add_resource(resource);
    }
    bundle
}

fn format_en<M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
    format_number(Language::En, value)
}

fn format_fr<M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
    format_number(Language::Fr, value)
}

fn format_es<M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
    format_number(Language::Es, value)
}

/// Numbers placed in messages get the language's separators.
fn format_number(language: Language, value: &FluentValue<'_>) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    let plain = number.value.to_string();
    let natural = plain.split_once('.').map_or(0, |(_, f)| f.len());
    let natural = number
        .options
        .maximum_fraction_digits
        .map_or(natural, |max| natural.min(max));
    let decimals = number
        .options
        .minimum_fraction_digits
        .map_or(natural, |min| natural.max(min));
    Some(format::number(language, number.value, decimals))
}

/// Formats the messages of one [`Language`]; a message missing there is taken from English,
/// and one missing everywhere shows as its key. `Copy`, so hand it around freely.
#[derive(Clone, Copy)]
pub struct Localizer {
    language: Language,
}

impl fmt::Debug for Localizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Localizer").field(&self.language).finish()
    }
}

impl Default for Localizer {
    fn default() -> Self {
        Localizer::new(Language::FALLBACK)
    }
}

impl PartialEq for Localizer {
    fn eq(&self, other: &Self) -> bool {
        self.language == other.language
    }
}

impl Eq for Localizer {}

impl Localizer {
    /// The localizer for `language`. The first call in a process parses the catalogs.
    pub fn new(language: Language) -> Self {
        Localizer { language }
    }

    /// The localizer for the system's language.
    pub fn system() -> Self {
        Localizer::new(Language::from_system())
    }

    /// Its language.
    pub fn language(&self) -> Language {
        self.language
    }

    /// Whether `key` has a message in this language (without falling back).
    pub fn has(&self, key: &str) -> bool {
        bundles()[index(self.language)].has_message(key)
    }

    /// The message `key` with `args`. Use [`crate::tr!`] rather than this.
    pub fn message(&self, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        let all = bundles();
        for bundle in [&all[index(self.language)], &all[0]] {
            let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            return bundle
                .format_pattern(pattern, args, &mut errors)
                .into_owned();
        }
        key.to_owned()
    }

    /// A number with `decimals` digits after this language's separator.
    pub fn number(&self, value: f64, decimals: usize) -> String {
        format::number(self.language, value, decimals)
    }

    /// A whole number with this language's thousands separator.
    pub fn integer(&self, value: i64) -> String {
        format::integer(self.language, value)
    }

    /// A wall-clock time: `3:07 PM`, `15:07`.
    pub fn time(&self, at: &CivilDateTime) -> String {
        format::time(self.language, at)
    }

    /// A time with seconds.
    pub fn time_with_seconds(&self, at: &CivilDateTime) -> String {
        format::time_with_seconds(self.language, at)
    }

    /// A date: `Nov 21, 2026`, `21 nov. 2026`.
    pub fn date(&self, at: &CivilDateTime) -> String {
        format::date(self.language, at)
    }

    /// A date and time.
    pub fn date_time(&self, at: &CivilDateTime) -> String {
        format::date_time(self.language, at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tr;

    #[test]
    fn messages_in_each_language() {
        let en = Localizer::new(Language::En);
        let fr = Localizer::new(Language::Fr);
        let es = Localizer::new(Language::Es);
        assert_eq!(
            tr!(en, "consent-title-diagnostics"),
            "Share device information?"
        );
        assert_eq!(
            tr!(fr, "consent-title-diagnostics"),
            "Partager les informations sur le périphérique ?"
        );
        assert_eq!(
            tr!(es, "consent-title-diagnostics"),
            "¿Compartir la información del dispositivo?"
        );
        assert_eq!(
            tr!(fr, "consent-body-logs", who = "Alex"),
            "Alex recevra les journaux système de votre téléphone. Ils peuvent contenir des \
             noms d'applications et de comptes."
        );
    }

    #[test]
    fn plurals_are_chosen_by_fluent() {
        let en = Localizer::new(Language::En);
        let fr = Localizer::new(Language::Fr);
        assert!(tr!(en, "relay-too-many-body", seconds = 1).ends_with("in 1 second."));
        assert!(tr!(en, "relay-too-many-body", seconds = 30).ends_with("in 30 seconds."));
        // French counts 0 and 1 as singular.
        assert!(tr!(fr, "relay-join-expires-hours", hours = 1).ends_with("1 heure."));
        assert!(tr!(fr, "relay-join-expires-hours", hours = 3).ends_with("3 heures."));
    }

    #[test]
    fn numbers_in_messages_use_the_language_separators() {
        let fr = Localizer::new(Language::Fr);
        let en = Localizer::new(Language::En);
        let line =
            |loc: Localizer| tr!(loc, "term-connected", technician = "Alex", session = 1234.5);
        assert_eq!(line(en), "Connected to Alex (session 1,234.5).");
        assert_eq!(line(fr), "Connecté à Alex (session 1\u{202f}234,5).");
        assert_eq!(fr.number(0.25, 2), "0,25");
    }

    #[test]
    fn missing_messages_fall_back_to_english_then_the_key() {
        let es = Localizer::new(Language::Es);
        assert!(es.has("consent-allow"));
        assert!(!es.has("no-such-key"));
        assert_eq!(es.message("no-such-key", None), "no-such-key");
        // A missing variable leaves a visible marker rather than failing.
        assert!(es.message("consent-body-screen", None).contains("who"));
        assert_eq!(Localizer::default().language(), Language::En);
        assert_eq!(format!("{es:?}"), "Localizer(Es)");
    }
}
