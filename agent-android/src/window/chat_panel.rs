//! The chat beside the phone: the technician's messages and the customer's replies with
//! their times and delivery ticks, the session's notices inline, and a field where Enter
//! sends.

use egui::{Align, Color32, Layout, RichText, ScrollArea, TextEdit};

use super::model::{Author, ChatLine, SessionModel};
use lifeline_protocol::i18n::Localizer;
use lifeline_protocol::messages::input::MAX_TEXT_CHARS;
use lifeline_protocol::tr;

/// The chat panel's own state: the message being typed.
#[derive(Debug, Default)]
pub(crate) struct ChatPanel {
    draft: String,
}

impl ChatPanel {
    /// Draws the chat; returns a message to send when the customer pressed Enter or Send.
    pub(crate) fn ui(&mut self, ui: &mut egui::Ui, model: &SessionModel) -> Option<String> {
        let mut send = None;
        egui::Panel::bottom("chat-input")
            .frame(egui::Frame::NONE.inner_margin(egui::Margin::symmetric(0, 8)))
            .show(ui, |ui| {
                send = self.input_ui(ui, model);
            });
        ScrollArea::vertical()
            .auto_shrink([false, false])
            .stick_to_bottom(true)
            .show(ui, |ui| {
                if model.lines.is_empty() {
                    ui.weak(tr!(model.loc, "window-chat-empty"));
                }
                for line in &model.lines {
                    line_ui(ui, line, model.loc);
                }
            });
        send
    }

    fn input_ui(&mut self, ui: &mut egui::Ui, model: &SessionModel) -> Option<String> {
        let live = model.is_live();
        let mut send = false;
        ui.add_enabled_ui(live, |ui| {
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                let button = ui.button(tr!(model.loc, "window-send"));
                let hint = tr!(
                    model.loc,
                    "window-chat-hint",
                    who = model.technician_or_default()
                );
                let field = ui.add(
                    TextEdit::singleline(&mut self.draft)
                        .hint_text(hint)
                        .char_limit(MAX_TEXT_CHARS)
                        .desired_width(f32::INFINITY),
                );
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if entered || button.clicked() {
                    send = true;
                    field.request_focus();
                }
            });
        });
        let text = self.draft.trim();
        if !send || !live || text.is_empty() {
            return None;
        }
        let text = text.to_owned();
        self.draft.clear();
        Some(text)
    }
}

fn line_ui(ui: &mut egui::Ui, line: &ChatLine, loc: Localizer) {
    match &line.author {
        Author::Notice => {
            ui.vertical_centered(|ui| {
                ui.label(
                    RichText::new(format!("{}  ·  {}", line.text, line.time))
                        .small()
                        .italics()
                        .color(ui.visuals().weak_text_color()),
                );
            });
            ui.add_space(4.0);
        }
        Author::Technician(from) => {
            bubble(ui, false, from, &line.text, &line.time);
        }
        Author::Customer { delivered, .. } => {
            let ticks = if *delivered { "✔✔" } else { "✔" };
            let meta = format!("{}  {ticks}", line.time);
            bubble(ui, true, &tr!(loc, "window-chat-you"), &line.text, &meta);
        }
    }
}

fn bubble(ui: &mut egui::Ui, mine: bool, who: &str, text: &str, meta: &str) {
    let layout = if mine {
        Layout::right_to_left(Align::Min)
    } else {
        Layout::left_to_right(Align::Min)
    };
    let fill = if mine {
        ui.visuals().selection.bg_fill.gamma_multiply(0.35)
    } else {
        ui.visuals().faint_bg_color
    };
    let width = ui.available_width();
    ui.with_layout(layout, |ui| {
        ui.set_max_width(width * 0.85);
        egui::Frame::new()
            .fill(fill)
            .corner_radius(10.0)
            .inner_margin(egui::Margin::symmetric(10, 6))
            .show(ui, |ui| {
                ui.vertical(|ui| {
                    ui.label(RichText::new(who).small().strong());
                    ui.label(text);
                    ui.label(
                        RichText::new(meta)
                            .small()
                            .color(if mine && meta.contains("✔✔") {
                                Color32::from_rgb(70, 150, 230)
                            } else {
                                ui.visuals().weak_text_color()
                            }),
                    );
                });
            });
    });
    ui.add_space(4.0);
}
