//! The console's language, kept in egui's context: every `*_ui` function reads it with
//! [`loc`], and the settings change it between two frames, without a restart.

use egui::Id;
use lifeline_protocol::i18n::Localizer;

fn key() -> Id {
    Id::unique("lifeline-localizer")
}

/// Makes `loc` the language of everything drawn from now on.
pub fn set(ctx: &egui::Context, loc: Localizer) {
    ctx.data_mut(|data| data.insert_temp(key(), loc));
}

/// The language to draw in (English until [`set`] is called).
pub fn loc(ctx: &egui::Context) -> Localizer {
    ctx.data(|data| data.get_temp(key())).unwrap_or_default()
}
