//! The player: the frame, play / pause, speed, time, and the timeline with a marker per
//! event; click or drag on the timeline to seek.

use std::time::Instant;

use egui::{Color32, RichText, Sense, Stroke, TextureOptions, vec2};
use lifeline_protocol::i18n::Localizer;
use lifeline_protocol::record::RecordItem;
use lifeline_protocol::tr;

use super::OpenRecord;
use crate::state::review::SPEEDS;
use crate::state::review::describe::describe;
use crate::state::review::export::clock;
use crate::ui::theme;

/// How long an event stays highlighted after it happened, µs of recording.
pub const CURRENT_WINDOW_US: u64 = 3_000_000;

fn marker_color(item: &RecordItem) -> Color32 {
    match item {
        RecordItem::ConsentGranted { .. } => theme::GOOD,
        RecordItem::ConsentDenied(_)
        | RecordItem::ConsentRevoked(_)
        | RecordItem::Refused { .. } => theme::BAD,
        RecordItem::Ended { .. } | RecordItem::SharingPaused(_) => theme::WARN,
        _ => theme::ACCENT,
    }
}

/// Moves playback on by the time since the last frame.
pub fn tick(open: &mut OpenRecord, now: Instant) {
    if let Some(last) = open.last_tick {
        let elapsed = now.saturating_duration_since(last);
        open.player
            .advance(u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX));
    }
    open.last_tick = open.player.is_playing().then_some(now);
}

/// `0,5×` in French: a speed with the language's decimal separator.
fn speed_text(speed: f32, loc: Localizer) -> String {
    let decimals = if speed.fract() == 0.0 { 0 } else { 1 };
    tr!(
        loc,
        "review-speed-value",
        speed = loc.number(f64::from(speed), decimals)
    )
}

/// The controls and the timeline.
pub fn controls_ui(ui: &mut egui::Ui, open: &mut OpenRecord, now: Instant) {
    let loc = crate::ui::lang::loc(ui.ctx());
    let player = &mut open.player;
    ui.horizontal(|ui| {
        let label = if player.is_playing() {
            tr!(loc, "review-pause")
        } else {
            tr!(loc, "review-play")
        };
        if ui.button(label).clicked() {
            player.toggle();
            open.last_tick = player.is_playing().then_some(now);
        }
        let speed_label = ui.label(tr!(loc, "review-speed"));
        egui::ComboBox::from_id_salt("review-speed")
            .selected_text(speed_text(player.speed(), loc))
            .width(60.0)
            .show_ui(ui, |ui| {
                for speed in SPEEDS {
                    if ui
                        .selectable_label(player.speed() == speed, speed_text(speed, loc))
                        .clicked()
                    {
                        player.set_speed(speed);
                    }
                }
            })
            .response
            .labelled_by(speed_label.id);
        ui.label(
            RichText::new(format!(
                "{} / {}",
                clock(player.position_us()),
                clock(player.recording().duration_us)
            ))
            .monospace(),
        );
    });
    timeline_ui(ui, open);
}

fn timeline_ui(ui: &mut egui::Ui, open: &mut OpenRecord) {
    let loc = crate::ui::lang::loc(ui.ctx());
    let width = ui.available_width().max(100.0);
    let (rect, response) = ui.allocate_exact_size(vec2(width, 26.0), Sense::click_and_drag());
    let player = &mut open.player;
    let duration = player.recording().duration_us.max(1);
    let x_of = |at: u64| rect.left() + rect.width() * (at as f32 / duration as f32);
    let painter = ui.painter_at(rect);
    let bar = egui::Rect::from_min_max(
        egui::pos2(rect.left(), rect.center().y - 3.0),
        egui::pos2(rect.right(), rect.center().y + 3.0),
    );
    painter.rect_filled(bar, 3.0, ui.visuals().widgets.inactive.bg_fill);
    let done = egui::Rect::from_min_max(bar.min, egui::pos2(x_of(player.position_us()), bar.max.y));
    painter.rect_filled(done, 3.0, theme::ACCENT.gamma_multiply(0.6));
    let mut nearest: Option<(f32, String)> = None;
    let pointer = response.hover_pos();
    for event in player.recording().events() {
        let x = x_of(event.at_us);
        painter.line_segment(
            [
                egui::pos2(x, rect.top() + 2.0),
                egui::pos2(x, rect.bottom() - 2.0),
            ],
            Stroke::new(2.0, marker_color(&event.item)),
        );
        if let (Some(p), Some(text)) = (pointer, describe(&event.item, loc)) {
            let distance = (p.x - x).abs();
            if distance < 6.0 && nearest.as_ref().is_none_or(|(d, _)| distance < *d) {
                nearest = Some((distance, format!("{} {text}", clock(event.at_us))));
            }
        }
    }
    let head = x_of(player.position_us());
    painter.circle_filled(egui::pos2(head, rect.center().y), 6.0, theme::ACCENT);
    if let Some(p) = response.interact_pointer_pos()
        && (response.clicked() || response.dragged())
    {
        let fraction = ((p.x - rect.left()) / rect.width()).clamp(0.0, 1.0);
        player.seek((f64::from(fraction) * duration as f64) as u64);
    }
    let response = response.on_hover_text_at_pointer(
        nearest.map_or_else(|| tr!(loc, "review-seek-hint"), |(_, text)| text),
    );
    let name = tr!(loc, "review-timeline");
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Slider, true, &name));
}

/// The frame at the current position, fitted into the space left.
pub fn frame_ui(ui: &mut egui::Ui, open: &mut OpenRecord) {
    let loc = crate::ui::lang::loc(ui.ctx());
    let Some(index) = open.player.frame_index() else {
        ui.centered_and_justified(|ui| ui.weak(tr!(loc, "review-no-screen")));
        return;
    };
    let stale = open
        .texture
        .as_ref()
        .is_none_or(|(shown, _)| *shown != index);
    if stale && let Some(frame) = open.player.frame() {
        let size = [frame.width() as usize, frame.height() as usize];
        let image = egui::ColorImage::from_rgba_unmultiplied(size, frame.data());
        match &mut open.texture {
            Some((shown, texture)) => {
                texture.set(image, TextureOptions::LINEAR);
                *shown = index;
            }
            None => {
                let texture = ui
                    .ctx()
                    .load_texture("review-frame", image, TextureOptions::LINEAR);
                open.texture = Some((index, texture));
            }
        }
    }
    let Some((_, texture)) = &open.texture else {
        return;
    };
    let available = ui.available_size();
    let size = texture.size_vec2();
    let scale = (available.x / size.x)
        .min(available.y / size.y)
        .clamp(0.05, 1.0);
    ui.vertical_centered(|ui| {
        ui.add(
            egui::Image::new(egui::load::SizedTexture::new(texture.id(), size * scale))
                .alt_text(tr!(loc, "review-recorded-screen")),
        );
    });
}
