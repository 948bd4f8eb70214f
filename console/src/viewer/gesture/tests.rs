//! Tests of `gesture`.

use super::*;
use crate::viewer::placement::Zoom;

const FRAME: FrameSize = FrameSize {
    width: 1080,
    height: 2400,
};

/// 1080×2400 shown at 0.25 points per pixel (270×600 points) at (100, 0), 1 px/pt.
fn placement() -> Placement {
    Placement::new(Point::new(0.0, 0.0), (470.0, 600.0), FRAME, Zoom::Fit, 1.0).unwrap()
}

fn ms(v: u64) -> Duration {
    Duration::from_millis(v)
}

fn phases(events: &[InputEvent]) -> Vec<(TouchPhase, u8, u32, u32)> {
    events
        .iter()
        .map(|e| match e {
            InputEvent::Touch(t) => (t.phase, t.pointer, t.x, t.y),
            other => panic!("not a touch: {other:?}"),
        })
        .collect()
}

fn press(pos: Point, at: u64) -> PointerInput {
    PointerInput::Press {
        pos,
        button: Button::Primary,
        pinch: false,
        at: ms(at),
    }
}

fn release(pos: Point, at: u64) -> PointerInput {
    PointerInput::Release {
        pos,
        button: Button::Primary,
        at: ms(at),
    }
}

#[test]
fn placement_is_centred_for_these_tests() {
    let p = placement();
    assert_eq!(p.origin, Point::new(100.0, 0.0));
    assert_eq!(p.scale, 0.25);
}

#[test]
fn click_is_a_tap_at_the_right_pixel() {
    let mut m = GestureMapper::new();
    let p = Some(placement());
    let at = Point::new(100.0 + 135.0, 300.0);
    let down = m.pointer(press(at, 0), p);
    // Jitter inside the slop sends nothing.
    assert!(
        m.pointer(
            PointerInput::Move {
                pos: Point::new(237.0, 302.0),
                at: ms(40)
            },
            p
        )
        .is_empty()
    );
    let up = m.pointer(release(Point::new(237.0, 302.0), 80), p);
    assert_eq!(phases(&down), vec![(TouchPhase::Down, 0, 540, 1200)]);
    assert_eq!(
        phases(&up),
        vec![(TouchPhase::Up, 0, 540, 1200)],
        "up where it went down"
    );
    assert_eq!(m.last_gesture(), Some(GestureKind::Tap));
    let InputEvent::Touch(t) = &up[0] else {
        unreachable!()
    };
    assert_eq!(t.frame, FRAME, "tagged with the frame size shown");
    assert_eq!(t.at_us, 80_000);
}

#[test]
fn hold_without_moving_is_a_long_press() {
    let mut m = GestureMapper::new();
    let p = Some(placement());
    let at = Point::new(150.0, 100.0);
    m.pointer(press(at, 1_000), p);
    let up = m.pointer(release(at, 1_499), p);
    assert_eq!(up.len(), 1);
    assert_eq!(
        m.last_gesture(),
        Some(GestureKind::Tap),
        "499 ms is still a tap"
    );
    m.pointer(press(at, 2_000), p);
    let up = m.pointer(release(at, 2_500), p);
    assert_eq!(m.last_gesture(), Some(GestureKind::LongPress));
    let InputEvent::Touch(t) = &up[0] else {
        unreachable!()
    };
    assert_eq!(
        t.at_us - 2_000_000,
        500_000,
        "the phone sees the hold's length"
    );
}

#[test]
fn drag_streams_moves_live_and_is_a_swipe() {
    let mut m = GestureMapper::new();
    let p = Some(placement());
    m.pointer(press(Point::new(235.0, 500.0), 0), p);
    let a = m.pointer(
        PointerInput::Move {
            pos: Point::new(235.0, 400.0),
            at: ms(16),
        },
        p,
    );
    let b = m.pointer(
        PointerInput::Move {
            pos: Point::new(235.0, 300.0),
            at: ms(32),
        },
        p,
    );
    let same = m.pointer(
        PointerInput::Move {
            pos: Point::new(235.1, 300.1),
            at: ms(40),
        },
        p,
    );
    let up = m.pointer(release(Point::new(235.0, 200.0), 48), p);
    assert_eq!(phases(&a), vec![(TouchPhase::Move, 0, 540, 1600)]);
    assert_eq!(phases(&b), vec![(TouchPhase::Move, 0, 540, 1200)]);
    assert!(same.is_empty(), "no move for the same pixel");
    assert_eq!(
        phases(&up),
        vec![
            (TouchPhase::Move, 0, 540, 800),
            (TouchPhase::Up, 0, 540, 800)
        ]
    );
    assert_eq!(m.last_gesture(), Some(GestureKind::Swipe));
}

#[test]
fn dragging_off_the_frame_sticks_to_the_edge() {
    let mut m = GestureMapper::new();
    let p = Some(placement());
    m.pointer(press(Point::new(200.0, 10.0), 0), p);
    let out = m.pointer(
        PointerInput::Move {
            pos: Point::new(50.0, -40.0),
            at: ms(10),
        },
        p,
    );
    assert_eq!(phases(&out), vec![(TouchPhase::Move, 0, 0, 0)]);
}

#[test]
fn presses_in_the_letterbox_send_nothing() {
    let mut m = GestureMapper::new();
    let p = Some(placement());
    assert!(m.pointer(press(Point::new(50.0, 300.0), 0), p).is_empty());
    assert!(
        m.pointer(release(Point::new(50.0, 300.0), 10), p)
            .is_empty()
    );
    assert!(!m.is_active());
}

#[test]
fn right_click_is_back_and_middle_click_is_home() {
    let mut m = GestureMapper::new();
    let p = Some(placement());
    let pos = Point::new(200.0, 200.0);
    let back = m.pointer(
        PointerInput::Release {
            pos,
            button: Button::Secondary,
            at: ms(0),
        },
        p,
    );
    assert_eq!(back, vec![GestureMapper::softkey(Key::Back)]);
    let home = m.pointer(
        PointerInput::Release {
            pos,
            button: Button::Middle,
            at: ms(0),
        },
        p,
    );
    assert_eq!(home, vec![GestureMapper::softkey(Key::Home)]);
    assert_eq!(m.last_gesture(), Some(GestureKind::Home));
}

#[test]
fn wheel_scrolls_in_frame_pixels() {
    let mut m = GestureMapper::new();
    let p = Some(placement());
    let out = m.pointer(
        PointerInput::Wheel {
            pos: Point::new(235.0, 300.0),
            delta: (0.0, -30.0),
            at: ms(5),
        },
        p,
    );
    assert_eq!(
        out,
        vec![InputEvent::Scroll(ScrollEvent {
            x: 540,
            y: 1200,
            frame: FRAME,
            dx: 0,
            dy: -120,
            at_us: 5_000,
        })]
    );
    assert!(
        m.pointer(
            PointerInput::Wheel {
                pos: Point::new(10.0, 10.0),
                delta: (0.0, 5.0),
                at: ms(6)
            },
            p
        )
        .is_empty()
    );
}

#[test]
fn ctrl_drag_is_a_two_finger_pinch() {
    let mut m = GestureMapper::new();
    let p = Some(placement());
    let start = Point::new(235.0, 300.0);
    let down = m.pointer(
        PointerInput::Press {
            pos: start,
            button: Button::Primary,
            pinch: true,
            at: ms(0),
        },
        p,
    );
    assert_eq!(
        phases(&down),
        vec![
            (TouchPhase::Down, 0, 540, 1200),
            (TouchPhase::Down, 1, 540, 1200)
        ]
    );
    let spread = m.pointer(
        PointerInput::Move {
            pos: Point::new(235.0, 350.0),
            at: ms(20),
        },
        p,
    );
    assert_eq!(
        phases(&spread),
        vec![
            (TouchPhase::Move, 0, 540, 1400),
            (TouchPhase::Move, 1, 540, 1000)
        ]
    );
    let up = m.pointer(release(Point::new(235.0, 350.0), 40), p);
    assert_eq!(
        phases(&up),
        vec![
            (TouchPhase::Up, 0, 540, 1400),
            (TouchPhase::Up, 1, 540, 1000)
        ]
    );
    assert_eq!(m.last_gesture(), Some(GestureKind::Pinch));
}

#[test]
fn a_rotation_mid_drag_cancels_the_gesture() {
    let mut m = GestureMapper::new();
    m.pointer(press(Point::new(235.0, 300.0), 0), Some(placement()));
    let rotated = Placement::new(
        Point::new(0.0, 0.0),
        (470.0, 600.0),
        FrameSize::new(2400, 1080),
        Zoom::Fit,
        1.0,
    );
    let out = m.pointer(
        PointerInput::Move {
            pos: Point::new(240.0, 300.0),
            at: ms(10),
        },
        rotated,
    );
    assert_eq!(phases(&out), vec![(TouchPhase::Cancel, 0, 540, 1200)]);
    let InputEvent::Touch(t) = &out[0] else {
        unreachable!()
    };
    assert_eq!(t.frame, FRAME, "the cancel names the old frame");
    assert!(!m.is_active());
    assert_eq!(m.last_gesture(), Some(GestureKind::Cancelled));
    // The release that follows sends nothing.
    assert!(
        m.pointer(release(Point::new(240.0, 300.0), 20), rotated)
            .is_empty()
    );
}

#[test]
fn hidpi_maps_to_device_pixels() {
    // 2 px per point, 100 %: a point is two frame pixels.
    let p = Placement::new(
        Point::new(0.0, 0.0),
        (540.0, 1200.0),
        FRAME,
        Zoom::Actual,
        2.0,
    );
    let mut m = GestureMapper::new();
    let down = m.pointer(press(Point::new(100.0, 200.5), 0), p);
    assert_eq!(phases(&down), vec![(TouchPhase::Down, 0, 200, 401)]);
}

#[test]
fn leaving_or_losing_the_frame_cancels() {
    let mut m = GestureMapper::new();
    m.pointer(press(Point::new(200.0, 200.0), 0), Some(placement()));
    assert_eq!(
        m.pointer(PointerInput::Leave { at: ms(5) }, Some(placement()))
            .len(),
        1
    );
    m.pointer(press(Point::new(200.0, 200.0), 0), Some(placement()));
    assert_eq!(
        m.pointer(
            PointerInput::Move {
                pos: Point::new(0.0, 0.0),
                at: ms(5)
            },
            None
        )
        .len(),
        1
    );
    assert!(m.cancel(ms(6)).is_empty());
}

#[test]
fn text_is_split_and_cleaned() {
    let long = "a".repeat(MAX_TEXT_CHARS + 5);
    let events = GestureMapper::text(&long);
    assert_eq!(events.len(), 2);
    assert_eq!(
        GestureMapper::text("hé\u{7}llo"),
        vec![InputEvent::Text {
            text: "héllo".into()
        }]
    );
}
