//! The phone's screen in the window: an egui texture updated in place (only the rows that
//! changed), fitted to the space it gets with the phone's aspect ratio, and the customer's
//! mouse and keyboard turned into the phone's own input events.
//!
//! [`Placement`] is the pure part (where the phone is drawn, and which frame pixel a point
//! of the window is); [`PhoneView`] holds the texture and the touch in progress.

use egui::{Color32, ColorImage, Pos2, Rect, Sense, TextureHandle, TextureOptions, Vec2};
use lifeline_protocol::messages::input::{
    FrameSize, InputEvent, Key, KeyAction, KeyEvent, ScrollEvent, TouchEvent, TouchPhase,
};
use lifeline_protocol::video::RgbaImage;

/// Texture filtering: linear both ways, so the phone stays smooth when scaled down.
const FILTER: TextureOptions = TextureOptions::LINEAR;

/// Where the phone's frame is drawn in the window, and how points map to frame pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    /// The phone's screen in window points.
    pub rect: Rect,
    /// The frame it shows.
    pub frame: FrameSize,
}

impl Placement {
    /// The largest rectangle inside `available` with the frame's aspect ratio, centred, never
    /// larger than the frame's own pixels (so it is never blurred by enlarging), and aligned
    /// to whole physical pixels at `pixels_per_point`. `None` for an empty frame or no room.
    pub fn fit(available: Rect, frame: FrameSize, pixels_per_point: f32) -> Option<Self> {
        let ppp = if pixels_per_point > 0.0 {
            pixels_per_point
        } else {
            1.0
        };
        if frame.width == 0 || frame.height == 0 {
            return None;
        }
        let (fw, fh) = (frame.width as f32, frame.height as f32);
        // Points per frame pixel.
        let scale = (available.width() / fw)
            .min(available.height() / fh)
            .min(1.0 / ppp);
        // Whole physical pixels, at least one.
        let w_px = (fw * scale * ppp).floor();
        let h_px = (fh * scale * ppp).floor();
        if !(w_px >= 1.0 && h_px >= 1.0) {
            return None;
        }
        let size = Vec2::new(w_px / ppp, h_px / ppp);
        let min = available.center() - size / 2.0;
        let min = Pos2::new((min.x * ppp).round() / ppp, (min.y * ppp).round() / ppp);
        Some(Self {
            rect: Rect::from_min_size(min, size),
            frame,
        })
    }

    /// Frame pixels per window point, across and down.
    pub fn pixels_per_point(&self) -> Vec2 {
        Vec2::new(
            self.frame.width as f32 / self.rect.width(),
            self.frame.height as f32 / self.rect.height(),
        )
    }

    /// The frame pixel under `pos`; points outside the phone are clamped to its edge (a drag
    /// that leaves the phone keeps following along the edge, as a finger would).
    pub fn to_frame(&self, pos: Pos2) -> (u32, u32) {
        let rel = pos - self.rect.min;
        let scale = self.pixels_per_point();
        let clamp = |v: f32, len: u32| -> u32 {
            let max = len.saturating_sub(1) as f32;
            // NaN (a degenerate rect) becomes 0.
            (v.floor().clamp(0.0, max)) as u32
        };
        (
            clamp(rel.x * scale.x, self.frame.width),
            clamp(rel.y * scale.y, self.frame.height),
        )
    }

    /// A wheel turn of `delta` points as whole frame pixels, carrying the fractions in `rest`.
    pub fn wheel(&self, delta: Vec2, rest: &mut Vec2) -> (i32, i32) {
        let total = delta * self.pixels_per_point() + *rest;
        let whole = Vec2::new(total.x.trunc(), total.y.trunc());
        *rest = total - whole;
        (whole.x as i32, whole.y as i32)
    }
}

/// Microseconds of a monotonic reading, for `at_us`.
fn micros(at: std::time::Duration) -> u64 {
    u64::try_from(at.as_micros()).unwrap_or(u64::MAX)
}

/// The phone in the window.
#[derive(Default)]
pub struct PhoneView {
    texture: Option<TextureHandle>,
    /// The pixels last uploaded, to send only the rows that changed.
    uploaded: Vec<u8>,
    size: [usize; 2],
    /// The mouse button is down on the phone: the touch's last position.
    touch: Option<(u32, u32)>,
    wheel_rest: Vec2,
    placement: Option<Placement>,
}

impl std::fmt::Debug for PhoneView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PhoneView")
            .field("size", &self.size)
            .field("touch", &self.touch)
            .field("placement", &self.placement)
            .finish_non_exhaustive()
    }
}

/// Rows `first..=last` where `old` and `new` (same size, `row` bytes a row) differ.
pub fn changed_rows(old: &[u8], new: &[u8], row: usize) -> Option<(usize, usize)> {
    if row == 0 || old.len() != new.len() {
        return None;
    }
    let differs = |y: &usize| old[y * row..(y + 1) * row] != new[y * row..(y + 1) * row];
    let rows = new.len() / row;
    let first = (0..rows).find(differs)?;
    let last = (first..rows).rev().find(differs).unwrap_or(first);
    Some((first, last))
}

/// `rgba` (rows of `width` pixels) shrunk by `factor` in both directions, each pixel the
/// average of its block; as is for a factor of 1. `None` when nothing is left.
pub fn shrink(rgba: &[u8], width: usize, factor: usize) -> Option<ColorImage> {
    let height = rgba.len().checked_div(width * 4)?;
    if factor <= 1 {
        return (width > 0 && height > 0)
            .then(|| ColorImage::from_rgba_unmultiplied([width, height], rgba));
    }
    let (out_w, out_h) = (width / factor, height / factor);
    if out_w == 0 || out_h == 0 {
        return None;
    }
    let area = (factor * factor) as u32;
    let mut out = Vec::with_capacity(out_w * out_h * 4);
    let mut sums = vec![0u32; out_w * 4];
    for block in rgba.chunks_exact(width * 4 * factor).take(out_h) {
        sums.fill(0);
        for src_row in block.chunks_exact(width * 4) {
            for (x, px) in src_row[..out_w * factor * 4].chunks_exact(4).enumerate() {
                let sum = &mut sums[x / factor * 4..x / factor * 4 + 4];
                for (s, &v) in sum.iter_mut().zip(px) {
                    *s += u32::from(v);
                }
            }
        }
        // An average of bytes is a byte.
        out.extend(sums.iter().map(|&s| (s / area) as u8));
    }
    Some(ColorImage::from_rgba_unmultiplied([out_w, out_h], &out))
}

impl PhoneView {
    /// Puts `image` on the texture: all of it the first time or after a size change,
    /// otherwise only the band of rows that changed (nothing when none did). A screen larger
    /// than the GPU's largest texture is shrunk by a whole factor first.
    pub fn upload(&mut self, ctx: &egui::Context, image: &RgbaImage) {
        let (w, h) = (image.width() as usize, image.height() as usize);
        let size = [w, h];
        let data = image.data();
        let row = w * 4;
        let max_side = ctx.input(|i| i.max_texture_side).max(1);
        let factor = w.max(h).div_ceil(max_side).max(1);
        if let Some(texture) = &mut self.texture
            && self.size == size
        {
            let Some((first, last)) = changed_rows(&self.uploaded, data, row) else {
                return;
            };
            // Whole blocks of `factor` rows.
            let first = first / factor * factor;
            let last = ((last / factor + 1) * factor).min(h) - 1;
            let band = &data[first * row..(last + 1) * row];
            if let Some(band_image) = shrink(band, w, factor) {
                texture.set_partial([0, first / factor], band_image, FILTER);
            }
            self.uploaded[first * row..(last + 1) * row].copy_from_slice(band);
            return;
        }
        let Some(full) = shrink(data, w, factor) else {
            return;
        };
        match &mut self.texture {
            Some(texture) => texture.set(full, FILTER),
            None => self.texture = Some(ctx.load_texture("phone-screen", full, FILTER)),
        }
        self.size = size;
        self.uploaded.clear();
        self.uploaded.extend_from_slice(data);
    }

    /// Whether a touch is in progress (the mouse button is held on the phone).
    pub fn touching(&self) -> bool {
        self.touch.is_some()
    }

    /// Where the phone was drawn last.
    pub fn placement(&self) -> Option<Placement> {
        self.placement
    }

    /// Draws the phone in the space left in `ui`, `dim` when the session is over, and returns
    /// what the customer did to it. `at` is the session clock's reading now.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        frame: FrameSize,
        at: std::time::Duration,
        dim: bool,
    ) -> Vec<InputEvent> {
        let available = ui.available_rect_before_wrap();
        let ppp = ui.ctx().pixels_per_point();
        let Some(placement) = Placement::fit(available.shrink(8.0), frame, ppp) else {
            return Vec::new();
        };
        self.placement = Some(placement);
        ui.allocate_rect(available, Sense::hover());
        let id = ui.scope_id().with("phone-screen");
        let response = ui
            .interact(placement.rect, id, Sense::click_and_drag())
            .on_hover_cursor(egui::CursorIcon::PointingHand);

        let painter = ui.painter();
        // A thin bezel around the screen.
        painter.rect_filled(placement.rect.expand(6.0), 18.0, Color32::from_gray(24));
        match &self.texture {
            Some(texture) => {
                let tint = if dim {
                    Color32::from_gray(110)
                } else {
                    Color32::WHITE
                };
                painter.image(
                    texture.id(),
                    placement.rect,
                    Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0)),
                    tint,
                );
            }
            None => {
                painter.rect_filled(placement.rect, 0.0, Color32::BLACK);
            }
        }
        if response.has_focus() {
            painter.rect_stroke(
                placement.rect.expand(6.0),
                18.0,
                egui::Stroke::new(2.0, ui.visuals().selection.stroke.color),
                egui::StrokeKind::Outside,
            );
        }
        if dim {
            return Vec::new();
        }
        self.input(ui, &response, placement, at)
    }

    fn input(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        placement: Placement,
        at: std::time::Duration,
    ) -> Vec<InputEvent> {
        let at_us = micros(at);
        let frame = placement.frame;
        let mut events = Vec::new();
        let touch = |phase, (x, y): (u32, u32)| {
            InputEvent::Touch(TouchEvent {
                phase,
                pointer: 0,
                x,
                y,
                frame,
                at_us,
            })
        };
        // Events in the order they happened: a quick click can press and release within one
        // frame, and must still be a tap.
        let (pointer_events, primary_down, pos) = ui.input(|i| {
            let pointer: Vec<egui::Event> = i
                .events
                .iter()
                .filter(|e| {
                    matches!(
                        e,
                        egui::Event::PointerButton {
                            button: egui::PointerButton::Primary,
                            ..
                        } | egui::Event::PointerMoved(_)
                            | egui::Event::PointerGone
                    )
                })
                .cloned()
                .collect();
            (pointer, i.pointer.primary_down(), i.pointer.latest_pos())
        });
        let layer = ui.layer_id();
        let on_phone =
            |pos: Pos2| placement.rect.contains(pos) && ui.ctx().layer_id_at(pos) == Some(layer);
        for event in &pointer_events {
            match (event, self.touch) {
                (
                    egui::Event::PointerButton {
                        pos, pressed: true, ..
                    },
                    None,
                ) if on_phone(*pos) => {
                    response.request_focus();
                    let at = placement.to_frame(*pos);
                    self.touch = Some(at);
                    events.push(touch(TouchPhase::Down, at));
                }
                (egui::Event::PointerMoved(pos), Some(last)) => {
                    let at = placement.to_frame(*pos);
                    if at != last {
                        self.touch = Some(at);
                        events.push(touch(TouchPhase::Move, at));
                    }
                }
                (
                    egui::Event::PointerButton {
                        pos,
                        pressed: false,
                        ..
                    },
                    Some(last),
                ) => {
                    let at = placement.to_frame(*pos);
                    if at != last {
                        events.push(touch(TouchPhase::Move, at));
                    }
                    self.touch = None;
                    events.push(touch(TouchPhase::Up, at));
                }
                (egui::Event::PointerGone, Some(last)) => {
                    self.touch = None;
                    events.push(touch(TouchPhase::Up, last));
                }
                _ => {}
            }
        }
        if let Some(last) = self.touch
            && !primary_down
        {
            // The release went elsewhere (e.g. the window lost the pointer).
            self.touch = None;
            events.push(touch(TouchPhase::Up, last));
        }

        if response.hovered() && self.touch.is_none() {
            let delta = ui.input(|i| i.smooth_scroll_delta);
            if delta != Vec2::ZERO
                && let Some(pos) = pos
            {
                let (dx, dy) = placement.wheel(delta, &mut self.wheel_rest);
                if dx != 0 || dy != 0 {
                    let (x, y) = placement.to_frame(pos);
                    events.push(InputEvent::Scroll(ScrollEvent {
                        x,
                        y,
                        frame,
                        dx,
                        dy,
                        at_us,
                    }));
                }
            }
        }

        if response.has_focus() {
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    response.id,
                    egui::EventFilter {
                        tab: true,
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        escape: true,
                    },
                );
            });
            ui.input(|i| {
                for event in &i.events {
                    if let Some(event) = key_event(event) {
                        events.push(event);
                    }
                }
            });
        }
        events
    }
}

/// What a keyboard event means to the phone: typed text goes to the focused field,
/// Backspace deletes, Enter is the keyboard's send key, Escape is Back, Home is Home.
pub fn key_event(event: &egui::Event) -> Option<InputEvent> {
    let text = |t: &str| Some(InputEvent::Text { text: t.to_owned() });
    let key = |key| {
        Some(InputEvent::Key(KeyEvent {
            key,
            action: KeyAction::Press,
        }))
    };
    match event {
        egui::Event::Text(t) if !t.is_empty() => text(t),
        egui::Event::Key {
            key: pressed,
            pressed: true,
            modifiers,
            ..
        } if !modifiers.ctrl && !modifiers.command && !modifiers.alt => match pressed {
            egui::Key::Backspace => text("\u{8}"),
            egui::Key::Enter => text("\n"),
            egui::Key::Escape => key(Key::Back),
            egui::Key::Home => key(Key::Home),
            _ => None,
        },
        _ => None,
    }
}
