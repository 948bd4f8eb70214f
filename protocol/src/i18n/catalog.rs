//! The message files, embedded at compile time from `assets/i18n/<lang>/<part>.ftl`.

use super::Language;

/// Which part of Lifeline a message file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// The technician's console.
    Console,
    /// The customer's agent: the phone, its consent dialogs, the terminal agent.
    Agent,
    /// The relay's web pages.
    Relay,
}

impl Part {
    /// Every part.
    pub const ALL: [Part; 3] = [Part::Console, Part::Agent, Part::Relay];

    /// The file's base name, e.g. `console` for `console.ftl`.
    pub fn name(self) -> &'static str {
        match self {
            Part::Console => "console",
            Part::Agent => "agent",
            Part::Relay => "relay",
        }
    }
}

macro_rules! ftl {
    ($lang:literal, $part:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../assets/i18n/",
            $lang,
            "/",
            $part,
            ".ftl"
        ))
    };
}

/// The text of `part`'s message file in `language`.
pub fn source(language: Language, part: Part) -> &'static str {
    match (language, part) {
        (Language::En, Part::Console) => ftl!("en", "console"),
        (Language::En, Part::Agent) => ftl!("en", "agent"),
        (Language::En, Part::Relay) => ftl!("en", "relay"),
        (Language::Fr, Part::Console) => ftl!("fr", "console"),
        (Language::Fr, Part::Agent) => ftl!("fr", "agent"),
        (Language::Fr, Part::Relay) => ftl!("fr", "relay"),
        (Language::Es, Part::Console) => ftl!("es", "console"),
        (Language::Es, Part::Agent) => ftl!("es", "agent"),
        (Language::Es, Part::Relay) => ftl!("es", "relay"),
    }
}
