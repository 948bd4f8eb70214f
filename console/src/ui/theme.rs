//! The console's look: dark and light themes, spacing, readable text sizes, and the few
//! colours that carry meaning (online, waiting, error).

use egui::{Color32, FontFamily, FontId, TextStyle, Theme as EguiTheme};

use crate::settings::Theme;

/// Accent for primary actions and selection.
pub const ACCENT: Color32 = Color32::from_rgb(0x2f, 0x8f, 0xd8);
/// Good news: online, granted, delivered.
pub const GOOD: Color32 = Color32::from_rgb(0x3c, 0xb3, 0x71);
/// Needs attention: waiting, declined.
pub const WARN: Color32 = Color32::from_rgb(0xe0, 0xa0, 0x30);
/// Something failed.
pub const BAD: Color32 = Color32::from_rgb(0xe0, 0x55, 0x55);

/// Applies `theme` and the console's spacing and text sizes to `ctx`.
pub fn apply(ctx: &egui::Context, theme: Theme) {
    ctx.set_theme(match theme {
        Theme::Dark => EguiTheme::Dark,
        Theme::Light => EguiTheme::Light,
    });
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (
                TextStyle::Heading,
                FontId::new(20.0, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(14.0, FontFamily::Proportional)),
            (
                TextStyle::Button,
                FontId::new(14.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Small,
                FontId::new(11.5, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(13.5, FontFamily::Monospace),
            ),
        ]
        .into();
        let spacing = &mut style.spacing;
        spacing.item_spacing = egui::vec2(8.0, 6.0);
        spacing.button_padding = egui::vec2(10.0, 4.0);
        spacing.interact_size.y = 24.0;
        spacing.window_margin = egui::Margin::same(12);
        let visuals = &mut style.visuals;
        visuals.selection.bg_fill = ACCENT.gamma_multiply(0.6);
        visuals.hyperlink_color = ACCENT;
        visuals.widgets.hovered.corner_radius = egui::CornerRadius::same(4);
        visuals.widgets.inactive.corner_radius = egui::CornerRadius::same(4);
        visuals.widgets.active.corner_radius = egui::CornerRadius::same(4);
    });
}

/// A card: a framed group with some air inside.
pub fn card(ui: &egui::Ui) -> egui::Frame {
    egui::Frame::group(ui.style())
        .inner_margin(egui::Margin::same(12))
        .corner_radius(egui::CornerRadius::same(6))
        .fill(ui.visuals().faint_bg_color)
}

/// A coloured status dot followed by `text`, as one label (reads the same in any layout).
pub fn status_dot(ui: &mut egui::Ui, color: Color32, text: impl Into<String>) -> egui::Response {
    let mut job = egui::text::LayoutJob::default();
    let font = egui::TextStyle::Body.resolve(ui.style());
    job.append("⏺ ", 0.0, egui::TextFormat::simple(font.clone(), color));
    job.append(
        &text.into(),
        0.0,
        egui::TextFormat::simple(font, ui.visuals().text_color()),
    );
    ui.label(job)
}

/// A primary button (accent-filled).
pub fn primary_button(text: impl Into<String>) -> egui::Button<'static> {
    egui::Button::new(egui::RichText::new(text).color(Color32::WHITE)).fill(ACCENT)
}
