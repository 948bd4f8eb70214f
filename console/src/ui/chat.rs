//! The chat: the transcript with timestamps, delivery marks and system events inline,
//! clickable links, and the message box (Enter sends).

use egui::{Align, Color32, Layout, RichText, ScrollArea, TextEdit};
use lifeline_protocol::messages::Party;
use lifeline_protocol::tr;

use super::format;
use super::theme::{ACCENT, BAD, GOOD, WARN};
use crate::state::SessionState;
use crate::state::transcript::{Delivery, EntryKind, Tone};

/// Shows the transcript and the message box; returns `true` when the technician sent the
/// draft (the caller composes and sends it).
pub fn chat_ui(ui: &mut egui::Ui, session: &mut SessionState) -> bool {
    let can_send = session.is_active();
    let mut send = false;
    let loc = super::lang::loc(ui.ctx());
    egui::Panel::bottom("chat-input")
        .resizable(false)
        .show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                let label = ui.label(tr!(loc, "chat-message"));
                let width = ui.available_width() - 70.0;
                let edit = ui
                    .add_enabled(
                        can_send,
                        TextEdit::singleline(&mut session.draft)
                            .hint_text(if can_send {
                                tr!(loc, "chat-hint")
                            } else {
                                tr!(loc, "chat-not-live")
                            })
                            .desired_width(width.max(80.0)),
                    )
                    .labelled_by(label.id);
                let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let button = ui.add_enabled(
                    can_send && !session.draft.trim().is_empty(),
                    egui::Button::new(tr!(loc, "chat-send")),
                );
                if (enter || button.clicked()) && can_send && !session.draft.trim().is_empty() {
                    send = true;
                    edit.request_focus();
                }
            });
            ui.add_space(2.0);
        });
    ScrollArea::vertical()
        .id_salt("transcript")
        .stick_to_bottom(true)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.add_space(4.0);
            for entry in session.transcript.entries() {
                let time = format::clock(entry.at, loc);
                match &entry.kind {
                    EntryKind::Chat {
                        from,
                        text,
                        delivery,
                        ..
                    } => message_ui(ui, *from, &time, text, delivery.as_ref()),
                    EntryKind::System { text, tone } => {
                        let color = match tone {
                            Tone::Info => ui.visuals().weak_text_color(),
                            Tone::Good => GOOD,
                            Tone::Warning => WARN,
                            Tone::Bad => BAD,
                        };
                        ui.horizontal_wrapped(|ui| {
                            ui.label(RichText::new(&time).small().weak());
                            ui.label(RichText::new(format!("— {text}")).color(color).italics());
                        });
                    }
                }
                ui.add_space(2.0);
            }
        });
    send
}

fn message_ui(ui: &mut egui::Ui, from: Party, time: &str, text: &str, delivery: Option<&Delivery>) {
    let ours = from == Party::Technician;
    let layout = if ours {
        Layout::top_down(Align::Max)
    } else {
        Layout::top_down(Align::Min)
    };
    ui.with_layout(layout, |ui| {
        let fill = if ours {
            ACCENT.gamma_multiply(if ui.visuals().dark_mode { 0.45 } else { 0.25 })
        } else {
            ui.visuals().faint_bg_color
        };
        egui::Frame::new()
            .fill(fill)
            .corner_radius(egui::CornerRadius::same(8))
            .inner_margin(egui::Margin::symmetric(10, 6))
            .show(ui, |ui| {
                ui.set_max_width((ui.available_width() * 0.8).max(120.0));
                // Left-aligned inside the bubble, whichever side the bubble is on.
                ui.with_layout(Layout::top_down(Align::Min), |ui| {
                    if text.split(' ').any(is_link) {
                        ui.horizontal_wrapped(|ui| {
                            ui.spacing_mut().item_spacing.x = 0.0;
                            for (i, word) in text.split(' ').enumerate() {
                                if i > 0 {
                                    ui.label(" ");
                                }
                                if is_link(word) {
                                    ui.hyperlink(word);
                                } else {
                                    ui.label(word);
                                }
                            }
                        });
                    } else {
                        ui.label(text);
                    }
                });
                let loc = super::lang::loc(ui.ctx());
                let who = if ours {
                    tr!(loc, "chat-you")
                } else {
                    tr!(loc, "chat-customer")
                };
                let mut meta = format!("{who} · {time}");
                if let Some(delivery) = delivery {
                    meta.push_str(" · ");
                    meta.push_str(&delivery.mark(loc));
                }
                let color = match delivery {
                    Some(Delivery::Failed(_)) => BAD,
                    _ => ui.visuals().weak_text_color(),
                };
                let label = ui.label(RichText::new(meta).small().color(color));
                if let Some(Delivery::Failed(reason)) = delivery {
                    label.on_hover_text(reason);
                }
            });
    });
}

fn is_link(word: &str) -> bool {
    (word.starts_with("https://") || word.starts_with("http://")) && word.len() > 8
}

/// Colour for a session's phase dot.
pub fn phase_color(session: &SessionState) -> Color32 {
    match session.phase {
        crate::state::Phase::Active => GOOD,
        crate::state::Phase::Connecting | crate::state::Phase::Waiting => WARN,
        crate::state::Phase::Ended(_) => Color32::GRAY,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_recognised() {
        assert!(is_link("https://example.com/a"));
        assert!(!is_link("https://"));
        assert!(!is_link("example.com"));
    }
}
