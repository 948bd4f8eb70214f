//! The viewer widget: draws the screen texture at the right aspect ratio (fit or 100 %),
//! and turns the pointer and keyboard over it into phone input through the gesture mapper.

use std::time::Duration;

use eframe::egui_wgpu;
use egui::{
    Align2, Color32, CornerRadius, CursorIcon, Event, FontId, MouseWheelUnit, PointerButton, Pos2,
    Rect, ScrollArea, Sense, Stroke, StrokeKind, Vec2,
};
use lifeline_protocol::messages::input::{FrameSize, InputEvent};

use super::gesture::{Button, GestureMapper, PointerInput};
use super::placement::{Placement, Point, Zoom};
use super::texture::ScreenTexture;
use crate::state::screen::SharedScreen;

/// Points per wheel "line".
const LINE_POINTS: f32 = 40.0;

/// One session's viewer.
#[derive(Debug)]
pub struct Viewer {
    texture: ScreenTexture,
    mapper: GestureMapper,
    /// Fit or 100 %.
    pub zoom: Zoom,
    placement: Option<Placement>,
}

fn point(p: Pos2) -> Point {
    Point::new(p.x, p.y)
}

fn button(b: PointerButton) -> Option<Button> {
    match b {
        PointerButton::Primary => Some(Button::Primary),
        PointerButton::Secondary => Some(Button::Secondary),
        PointerButton::Middle => Some(Button::Middle),
        _ => None,
    }
}

impl Viewer {
    /// A viewer drawing with `render_state` (egui-managed textures without one).
    pub fn new(render_state: Option<egui_wgpu::RenderState>, zoom: Zoom) -> Self {
        Self {
            texture: ScreenTexture::new(render_state),
            mapper: GestureMapper::new(),
            zoom,
            placement: None,
        }
    }

    /// Where the frame was last drawn.
    pub fn placement(&self) -> Option<Placement> {
        self.placement
    }

    /// The texture (for statistics and tests).
    pub fn texture(&self) -> &ScreenTexture {
        &self.texture
    }

    /// Shows `screen` filling the available space. With `control`, pointer and keyboard over
    /// it become phone input, returned here. `overlay` is written over the screen (e.g.
    /// "sharing paused"); `placeholder` is shown while there is no frame yet.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        screen: &SharedScreen,
        control: bool,
        overlay: Option<&str>,
        placeholder: &str,
    ) -> Vec<InputEvent> {
        let Some((texture, size)) = self.texture.update(ui.ctx(), screen) else {
            self.placement = None;
            let (rect, _) = ui.allocate_exact_size(ui.available_size(), Sense::hover());
            paint_backdrop(ui, rect);
            ui.painter().text(
                rect.center(),
                Align2::CENTER_CENTER,
                placeholder,
                FontId::proportional(15.0),
                ui.visuals().weak_text_color(),
            );
            return self.mapper.cancel(Duration::ZERO);
        };
        let frame = FrameSize::new(size.0, size.1);
        let ppp = ui.ctx().pixels_per_point();
        let mut input = Vec::new();
        match self.zoom {
            Zoom::Fit => {
                let (rect, response) =
                    ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
                paint_backdrop(ui, rect);
                self.placement = Placement::new(
                    point(rect.min),
                    (rect.width(), rect.height()),
                    frame,
                    Zoom::Fit,
                    ppp,
                );
                self.paint(ui, texture, overlay);
                input = self.interact(ui, &response, control);
            }
            Zoom::Actual => {
                let source = egui::scroll_area::ScrollSource {
                    mouse_wheel: !control,
                    drag: egui::scroll_area::DragScroll::Never,
                    scroll_bar: true,
                };
                ScrollArea::both()
                    .id_salt("viewer-scroll")
                    .scroll_source(source)
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        let points = Vec2::new(size.0 as f32 / ppp, size.1 as f32 / ppp);
                        let area = points.max(ui.available_size());
                        let (rect, response) =
                            ui.allocate_exact_size(area, Sense::click_and_drag());
                        paint_backdrop(ui, rect);
                        self.placement = Placement::new(
                            point(rect.min),
                            (rect.width(), rect.height()),
                            frame,
                            Zoom::Actual,
                            ppp,
                        );
                        self.paint(ui, texture, overlay);
                        input = self.interact(ui, &response, control);
                    });
            }
        }
        input
    }

    fn paint(&self, ui: &egui::Ui, texture: egui::TextureId, overlay: Option<&str>) {
        let Some(p) = self.placement else {
            return;
        };
        let (w, h) = p.size();
        let rect = Rect::from_min_size(Pos2::new(p.origin.x, p.origin.y), Vec2::new(w, h));
        let uv = Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0));
        let painter = ui.painter();
        painter.image(texture, rect, uv, Color32::WHITE);
        painter.rect_stroke(
            rect.expand(1.0),
            CornerRadius::same(2),
            Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color),
            StrokeKind::Outside,
        );
        if let Some(text) = overlay {
            let band = Rect::from_center_size(rect.center(), Vec2::new(w, 44.0_f32.min(h)));
            painter.rect_filled(band, CornerRadius::ZERO, Color32::from_black_alpha(170));
            painter.text(
                band.center(),
                Align2::CENTER_CENTER,
                text,
                FontId::proportional(15.0),
                Color32::WHITE,
            );
        }
    }

    fn interact(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        control: bool,
    ) -> Vec<InputEvent> {
        if !control {
            return self.mapper.cancel(Duration::ZERO);
        }
        if response.hovered() {
            ui.ctx().set_cursor_icon(CursorIcon::Crosshair);
        }
        if response.clicked() || response.drag_started() {
            response.request_focus();
        }
        let placement = self.placement;
        let (events, time, hover, page) = ui.input(|i| {
            (
                i.events.clone(),
                Duration::from_secs_f64(i.time.max(0.0)),
                i.pointer.hover_pos(),
                response.rect.height(),
            )
        });
        let mut out = Vec::new();
        let inside = |p: Pos2| response.rect.contains(p) && response.hovered();
        for event in events {
            let pointer = match event {
                Event::PointerButton {
                    pos,
                    button: b,
                    pressed,
                    modifiers,
                } => {
                    let Some(b) = button(b) else { continue };
                    if pressed {
                        if !inside(pos) {
                            continue;
                        }
                        PointerInput::Press {
                            pos: point(pos),
                            button: b,
                            pinch: modifiers.command,
                            at: time,
                        }
                    } else {
                        if b != Button::Primary && !inside(pos) {
                            continue;
                        }
                        PointerInput::Release {
                            pos: point(pos),
                            button: b,
                            at: time,
                        }
                    }
                }
                Event::PointerMoved(pos) => {
                    if !self.mapper.is_active() {
                        continue;
                    }
                    PointerInput::Move {
                        pos: point(pos),
                        at: time,
                    }
                }
                Event::MouseWheel { unit, delta, .. } => {
                    let Some(pos) = hover.filter(|p| inside(*p)) else {
                        continue;
                    };
                    let delta = match unit {
                        MouseWheelUnit::Point => delta,
                        MouseWheelUnit::Line => delta * LINE_POINTS,
                        MouseWheelUnit::Page => delta * page,
                    };
                    PointerInput::Wheel {
                        pos: point(pos),
                        delta: (delta.x, delta.y),
                        at: time,
                    }
                }
                Event::PointerGone | Event::WindowFocused(false) => {
                    PointerInput::Leave { at: time }
                }
                Event::Text(text) if response.has_focus() => {
                    out.extend(GestureMapper::text(&text));
                    continue;
                }
                _ => continue,
            };
            out.extend(self.mapper.pointer(pointer, placement));
        }
        out
    }
}

fn paint_backdrop(ui: &egui::Ui, rect: Rect) {
    let color = if ui.visuals().dark_mode {
        Color32::from_gray(14)
    } else {
        Color32::from_gray(200)
    };
    ui.painter().rect_filled(rect, CornerRadius::same(6), color);
}
