//! Touch on the simulated phone: taps, drags, flings, long-presses, late ups, the shade edge and the mouse wheel.

use super::*;

#[test]
fn tapping_the_settings_icon_opens_settings() {
    let mut d = Driver::new("samsung");
    assert_eq!(d.phone.ui().screen, Screen::Launcher);
    let home = d.frame();
    d.tap_target(Target::AppIcon(AppId::Settings));
    let ui = d.phone.ui();
    assert_eq!(ui.screen, main_of(AppId::Settings));
    assert_eq!(ui.recents, [AppId::Settings]);
    let settings = d.frame();
    // The app bar is white where the wallpaper was.
    assert_eq!(px(&settings, 20, 120), [255, 255, 255, 255]);
    assert_ne!(px(&home, 20, 120), [255, 255, 255, 255]);
}

#[test]
fn a_500_px_drag_scrolls_the_settings_list_by_500_px_while_the_finger_is_down() {
    let mut d = Driver::new("samsung");
    d.tap_target(Target::AppIcon(AppId::Settings));
    let before = d.frame();
    d.drag((540, 2000), (540, 1500), 10, 16, false);
    assert_eq!(d.phone.ui().settings_scroll, 500);
    let during = d.frame();
    // Content that was 500 rows lower is now here, row for row (the list's viewport runs
    // from below the app bar to above the navigation bar).
    for y in 300..1700 {
        assert_eq!(during.row(y), before.row(y + 500), "row {y}");
    }
    // The status bar and the app bar did not move.
    assert_eq!(during.row(100), before.row(100));
    // Finger held still, then lifted: no fling.
    d.wait(200);
    d.touch(TouchPhase::Up, 540, 1500);
    d.wait(500);
    let ui = d.phone.ui();
    assert_eq!((ui.settings_scroll, ui.flinging), (500, false));
    // Dragging back down scrolls back.
    d.drag((540, 1000), (540, 1300), 6, 16, false);
    assert_eq!(d.phone.ui().settings_scroll, 200);
}

#[test]
fn fling_keeps_scrolling_after_release_and_stops() {
    let mut d = Driver::new("samsung");
    d.tap_target(Target::AppIcon(AppId::Settings));
    // 60 px every 10 ms: 6000 px/s upwards.
    d.drag((540, 2100), (540, 1500), 10, 10, true);
    let released = d.phone.ui();
    assert_eq!(released.settings_scroll, 600);
    assert!(released.flinging);
    assert_eq!(d.phone.next_tick(), Some(d.now + Duration::from_millis(16)));
    let mut last = released.settings_scroll;
    let mut steps = Vec::new();
    for _ in 0..500 {
        if !d.phone.ui().flinging {
            break;
        }
        d.wait(16);
        let now = d.phone.ui().settings_scroll;
        steps.push(now - last);
        last = now;
    }
    let end = d.phone.ui();
    assert!(!end.flinging, "the fling stops");
    assert!(
        end.settings_scroll > 1500,
        "kept going: {}",
        end.settings_scroll
    );
    assert!(
        steps[0] > *steps.iter().rev().find(|s| **s > 0).unwrap(),
        "decelerates: {steps:?}"
    );
    // A touch on a flinging list stops it and does not tap the row under the finger.
    d.key(Key::Home);
    d.tap_target(Target::AppIcon(AppId::Settings));
    d.drag((540, 2100), (540, 1700), 10, 10, true);
    d.wait(50);
    let caught_at = d.phone.ui().settings_scroll;
    d.tap(540, 1200);
    let ui = d.phone.ui();
    assert_eq!(
        ui.screen,
        main_of(AppId::Settings),
        "the catching tap opened nothing"
    );
    assert!(!ui.flinging);
    assert!(ui.settings_scroll - caught_at < 200);
}

#[test]
fn long_press_on_an_icon_shows_its_shortcuts() {
    let mut d = Driver::new("samsung");
    let (x, y) = d.phone.locate(Target::AppIcon(AppId::Settings)).unwrap();
    // Held still: the popup appears while the finger is still down, by the phone's timer.
    d.touch(TouchPhase::Down, x, y);
    d.wait(499);
    assert_eq!(d.phone.ui().popup, None);
    d.wait(1);
    assert_eq!(d.phone.ui().popup, Some(AppId::Settings));
    d.touch(TouchPhase::Up, x, y);
    assert_eq!(
        d.phone.ui().screen,
        Screen::Launcher,
        "a long-press is not a tap"
    );
    d.tap_target(Target::PopupItem(1));
    assert_eq!(d.phone.ui().screen, settings_page(SettingsPage::Battery));

    // A short tap opens the app instead; a tap outside a popup closes it.
    d.key(Key::Home);
    d.long_press(x, y);
    assert_eq!(d.phone.ui().popup, Some(AppId::Settings));
    d.tap(540, 600);
    assert_eq!(
        (d.phone.ui().popup, d.phone.ui().screen),
        (None, Screen::Launcher)
    );
}

#[test]
fn a_late_up_with_a_short_hold_is_still_a_tap() {
    // The Up arrives 700 ms of phone time after the Down (a slow network), but its own
    // timestamp says the finger was down for 80 ms: a tap, not a long-press.
    let mut d = Driver::new("samsung");
    let (x, y) = d.phone.locate(Target::AppIcon(AppId::Messages)).unwrap();
    let frame = d.frame_size();
    let touch = |phase, at_us| {
        InputEvent::Touch(lifeline_protocol::messages::input::TouchEvent {
            phase,
            pointer: 0,
            x,
            y,
            frame,
            at_us,
        })
    };
    d.phone
        .inject(
            &touch(TouchPhase::Down, 5_000_000),
            Duration::from_millis(100),
        )
        .unwrap();
    d.phone
        .inject(
            &touch(TouchPhase::Up, 5_080_000),
            Duration::from_millis(800),
        )
        .unwrap();
    assert_eq!(d.phone.ui().screen, main_of(AppId::Messages));
}

#[test]
fn pulling_down_from_the_top_edge_opens_the_shade() {
    let mut d = Driver::new("samsung");
    let before = d.frame();
    d.drag((540, 10), (540, 700), 10, 16, false);
    assert_eq!(d.phone.ui().shade_pull, 700, "the shade follows the finger");
    assert!(!d.phone.ui().shade_open);
    d.drag_continue_up(700);
    let ui = d.phone.ui();
    assert!(ui.shade_open);
    let open = d.frame();
    let p = px(&open, 540, 300);
    assert!(p[..3].iter().all(|&c| c > 200), "light panel: {p:?}");
    assert!(region_differs(&before, &open, 0, 200, 1080, 400));

    // Quick settings work: Wi-Fi off.
    d.tap_target(Target::QuickTile(Setting::Wifi));
    assert!(!d.phone.ui().wifi_on);
    d.key(Key::Back);
    assert_eq!(d.phone.ui().shade_pull, 0);

    // A short pull springs back.
    d.drag((540, 10), (540, 200), 5, 40, true);
    assert_eq!(
        (d.phone.ui().shade_open, d.phone.ui().shade_pull),
        (false, 0)
    );
    // A tap below an open shade closes it.
    d.drag((540, 10), (540, 1500), 10, 16, true);
    assert!(d.phone.ui().shade_open);
    d.tap(540, 2200);
    assert!(!d.phone.ui().shade_open);
}

#[test]
fn mouse_wheel_scrolls_the_list_under_it() {
    let mut d = Driver::new("samsung");
    d.tap_target(Target::AppIcon(AppId::Settings));
    let frame = d.frame_size();
    let wheel = |dy| {
        InputEvent::Scroll(ScrollEvent {
            x: 540,
            y: 1200,
            frame,
            dx: 0,
            dy,
            at_us: 0,
        })
    };
    d.phone.inject(&wheel(-300), d.now).unwrap();
    assert_eq!(d.phone.ui().settings_scroll, 300);
    d.phone.inject(&wheel(1000), d.now).unwrap();
    assert_eq!(d.phone.ui().settings_scroll, 0);
}
