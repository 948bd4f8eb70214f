//! Localization: one mechanism for every part of Lifeline.
//!
//! Messages are [Fluent](https://projectfluent.org) files under `assets/i18n/<lang>/`, one
//! per part (`console.ftl`, `agent.ftl`, `relay.ftl`), embedded at compile time. Plurals
//! and variables are Fluent's business: code passes values, never pieces of sentences.
//!
//! ```
//! use lifeline_protocol::i18n::{Language, Localizer};
//! use lifeline_protocol::tr;
//!
//! let fr = Localizer::new(Language::Fr);
//! assert_eq!(tr!(fr, "consent-title-diagnostics"), "Partager les informations sur le périphérique ?");
//! ```
//!
//! Keys are literals in [`crate::tr!`] calls, so a test can find every key the code uses
//! and check that the English catalog has it.

mod catalog;
pub mod format;
mod language;
mod localizer;

pub use catalog::{Part, source};
pub use fluent_bundle::{FluentArgs, FluentValue};
pub use format::CivilDateTime;
pub use language::{Language, UnsupportedLanguage};
pub use localizer::Localizer;

/// `tr!(localizer, "key")` or `tr!(localizer, "key", name = value, count = n)`: the message
/// `key` as a `String`. Values are anything Fluent takes (`&str`, `String`, numbers);
/// numbers drive plural selection in the message. The key must be a literal.
#[macro_export]
macro_rules! tr {
    ($loc:expr, $key:literal $(,)?) => {
        $loc.message($key, None)
    };
    ($loc:expr, $key:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::FluentArgs::new();
        $( args.set(stringify!($name), $value); )+
        $loc.message($key, Some(&args))
    }};
}
