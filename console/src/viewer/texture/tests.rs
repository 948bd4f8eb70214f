//! Tests of `texture`.

use super::*;

#[test]
fn rects_are_clipped_to_the_image() {
    let image = RgbaImage::new(100, 50).unwrap();
    let r = |x, y, width, height| Rect {
        x,
        y,
        width,
        height,
    };
    assert_eq!(clip(r(90, 40, 64, 64), &image), Some(r(90, 40, 10, 10)));
    assert_eq!(clip(r(100, 0, 5, 5), &image), None);
    assert_eq!(rects(&image, &Pending::Full), vec![r(0, 0, 100, 50)]);
}

#[test]
fn egui_fallback_uploads_full_then_partial() {
    let ctx = egui::Context::default();
    let screen = SharedScreen::new();
    let mut texture = ScreenTexture::new(None);
    assert!(texture.update(&ctx, &screen).is_none());
    let mut image = RgbaImage::new(128, 64).unwrap();
    screen.publish(
        &image,
        &lifeline_protocol::video::tiles::Damage {
            keyframe: true,
            rects: vec![],
        },
    );
    let (_, size) = texture.update(&ctx, &screen).unwrap();
    assert_eq!(size, (128, 64));
    assert_eq!(texture.uploaded_bytes(), 128 * 64 * 4);
    image.fill_rect(0, 0, 64, 64, [255, 0, 0, 255]);
    screen.publish(
        &image,
        &lifeline_protocol::video::tiles::Damage {
            keyframe: false,
            rects: vec![Rect {
                x: 0,
                y: 0,
                width: 64,
                height: 64,
            }],
        },
    );
    texture.update(&ctx, &screen).unwrap();
    assert_eq!(
        texture.uploaded_bytes(),
        128 * 64 * 4 + 64 * 64 * 4,
        "only the damage"
    );
    texture.update(&ctx, &screen).unwrap();
    assert_eq!(
        texture.uploaded_bytes(),
        128 * 64 * 4 + 64 * 64 * 4,
        "nothing new"
    );
}
