//! The window's pure parts, without a window: where the phone is drawn, which frame pixel a
//! point is, wheel turns, changed rows, keys.

#![allow(clippy::unwrap_used)]

use egui::{Pos2, Rect, Vec2};
use lifeline_agent_android::window::phone_view::{Placement, changed_rows, key_event};
use lifeline_protocol::messages::input::{FrameSize, InputEvent, Key, KeyAction, KeyEvent};

fn phone() -> FrameSize {
    FrameSize::new(1080, 2400)
}

#[test]
fn the_phone_fits_the_height_and_keeps_its_aspect() {
    let avail = Rect::from_min_size(Pos2::new(0.0, 40.0), Vec2::new(800.0, 800.0));
    let p = Placement::fit(avail, phone(), 1.0).unwrap();
    assert_eq!(p.rect.height(), 800.0);
    assert_eq!(p.rect.width(), 360.0);
    assert_eq!(p.rect.center().x, 400.0);
    assert_eq!(p.rect.min.y, 40.0);
}

#[test]
fn a_wide_window_fits_the_width_of_a_turned_phone() {
    let avail = Rect::from_min_size(Pos2::ZERO, Vec2::new(480.0, 1000.0));
    let p = Placement::fit(avail, FrameSize::new(2400, 1080), 1.0).unwrap();
    assert_eq!(p.rect.width(), 480.0);
    assert_eq!(p.rect.height(), 216.0);
}

#[test]
fn the_phone_is_never_enlarged_past_its_pixels() {
    let avail = Rect::from_min_size(Pos2::ZERO, Vec2::new(4000.0, 4000.0));
    let p = Placement::fit(avail, FrameSize::new(100, 200), 2.0).unwrap();
    // 100x200 physical pixels at 2 pixels a point.
    assert_eq!(p.rect.size(), Vec2::new(50.0, 100.0));
}

#[test]
fn placement_is_aligned_to_physical_pixels() {
    let avail = Rect::from_min_size(Pos2::new(0.3, 0.7), Vec2::new(333.3, 777.7));
    let p = Placement::fit(avail, phone(), 1.5).unwrap();
    for v in [p.rect.min.x, p.rect.min.y, p.rect.width(), p.rect.height()] {
        let px = v * 1.5;
        assert!((px - px.round()).abs() < 1e-3, "{v}");
    }
    let ratio = p.rect.width() / p.rect.height();
    assert!((ratio - 1080.0 / 2400.0).abs() < 0.01, "{ratio}");
}

#[test]
fn nothing_fits_in_no_room() {
    let none = Rect::from_min_size(Pos2::ZERO, Vec2::ZERO);
    assert_eq!(Placement::fit(none, phone(), 1.0), None);
    let some = Rect::from_min_size(Pos2::ZERO, Vec2::splat(100.0));
    assert_eq!(Placement::fit(some, FrameSize::new(0, 10), 1.0), None);
}

#[test]
fn points_map_to_frame_pixels_and_clamp_at_the_edges() {
    let p = Placement {
        rect: Rect::from_min_size(Pos2::new(100.0, 50.0), Vec2::new(360.0, 800.0)),
        frame: phone(),
    };
    assert_eq!(p.to_frame(Pos2::new(100.0, 50.0)), (0, 0));
    assert_eq!(p.to_frame(Pos2::new(280.0, 450.0)), (540, 1200));
    assert_eq!(p.to_frame(Pos2::new(460.0, 850.0)), (1079, 2399));
    assert_eq!(p.to_frame(Pos2::new(-50.0, 2000.0)), (0, 2399));
    assert_eq!(p.to_frame(Pos2::new(f32::NAN, 60.0)), (0, 30));
}

#[test]
fn wheel_turns_scale_to_frame_pixels_and_keep_fractions() {
    let p = Placement {
        rect: Rect::from_min_size(Pos2::ZERO, Vec2::new(360.0, 800.0)),
        frame: phone(),
    };
    let mut rest = Vec2::ZERO;
    assert_eq!(p.wheel(Vec2::new(0.0, 10.0), &mut rest), (0, 30));
    assert_eq!(p.wheel(Vec2::new(0.0, 0.2), &mut rest), (0, 0));
    assert_eq!(p.wheel(Vec2::new(0.0, 0.2), &mut rest), (0, 1));
    assert_eq!(p.wheel(Vec2::new(0.0, -1.0), &mut rest), (0, -2));
}

#[test]
fn only_changed_rows_are_found() {
    let old = vec![0u8; 4 * 3 * 5];
    let mut new = old.clone();
    assert_eq!(changed_rows(&old, &new, 12), None);
    new[12 + 3] = 9;
    new[12 * 3] = 9;
    assert_eq!(changed_rows(&old, &new, 12), Some((1, 3)));
    assert_eq!(changed_rows(&old, &new[..12], 12), None);
}

#[test]
fn keys_map_to_the_phone() {
    let key = |key| egui::Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    };
    assert_eq!(
        key_event(&egui::Event::Text("é".into())),
        Some(InputEvent::Text { text: "é".into() })
    );
    assert_eq!(
        key_event(&key(egui::Key::Backspace)),
        Some(InputEvent::Text {
            text: "\u{8}".into()
        })
    );
    assert_eq!(
        key_event(&key(egui::Key::Escape)),
        Some(InputEvent::Key(KeyEvent {
            key: Key::Back,
            action: KeyAction::Press
        }))
    );
    assert_eq!(key_event(&key(egui::Key::A)), None);
}

#[test]
fn a_screen_too_large_for_the_gpu_is_shrunk_by_averaging_blocks() {
    use lifeline_agent_android::window::phone_view::shrink;
    // 4x2 pixels: a 2x2 white block and a 2x2 black block.
    let mut rgba = Vec::new();
    for _ in 0..2 {
        rgba.extend([255u8; 8]);
        rgba.extend([0, 0, 0, 255, 0, 0, 0, 255]);
    }
    let small = shrink(&rgba, 4, 2).unwrap();
    assert_eq!(small.size, [2, 1]);
    assert_eq!(small.pixels[0], egui::Color32::WHITE);
    assert_eq!(small.pixels[1], egui::Color32::BLACK);
    assert_eq!(shrink(&rgba, 4, 1).unwrap().size, [4, 2]);
    assert!(shrink(&rgba, 4, 8).is_none());
}
