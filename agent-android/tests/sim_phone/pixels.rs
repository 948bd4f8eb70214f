//! Rendering: deterministic pixels, no redraw while idle, every size and every profile.

use super::*;

#[test]
fn same_inputs_and_clock_give_identical_pixels() {
    fn script(d: &mut Driver) -> Vec<RgbaImage> {
        let mut frames = Vec::new();
        d.phone.set_sharing_indicator(true);
        d.tap_target(Target::AppIcon(AppId::Settings));
        d.drag((540, 2100), (540, 1600), 10, 10, true);
        d.wait(300);
        frames.push(d.frame());
        d.wait(5000);
        d.key(Key::Home);
        d.tap_target(Target::AppIcon(AppId::Messages));
        d.tap_target(Target::TextField);
        d.type_text("déjà vu");
        d.key(Key::VolumeUp);
        frames.push(d.frame());
        d.phone.set_rotation(Rotation::Deg270);
        frames.push(d.frame());
        frames
    }
    let mut a = Driver::new("lg");
    let mut b = Driver::new("lg");
    let fa = script(&mut a);
    let fb = script(&mut b);
    assert!(fa == fb, "frames differ");
    assert_eq!(a.phone.ui(), b.phone.ui());
    assert_eq!(a.phone.logs(a.now), b.phone.logs(b.now));
}

#[test]
fn an_idle_phone_draws_nothing_until_the_clock_turns() {
    let mut d = Driver::new("samsung");
    let first = d.phone.capture(d.now).unwrap().clone();
    let renders = d.phone.render_count();
    assert!(!d.phone.screen_changed());
    for _ in 0..50 {
        d.wait(1000);
        assert!(!d.phone.screen_changed());
    }
    assert_eq!(d.phone.render_count(), renders);
    assert_eq!(d.phone.next_tick(), Some(Duration::from_secs(60)));
    d.now = Duration::from_secs(60);
    d.phone.tick(d.now);
    assert!(d.phone.screen_changed());
    let next = d.phone.capture(d.now).unwrap().clone();
    assert_eq!(d.phone.render_count(), renders + 1);
    // Only the clocks changed: the status bar and the launcher's clock widget.
    assert!(region_differs(&first, &next, 0, 0, 300, 60));
    assert_eq!(first.row(1500), next.row(1500));
}

#[test]
fn rendering_at_many_sizes_never_panics() {
    for (w, h, dpi) in [
        (1, 1, 160),
        (17, 33, 120),
        (120, 160, 160),
        (200, 2000, 640),
        (800, 120, 160),
        (480, 320, 240),
    ] {
        let mut d = Driver {
            phone: SimPhone::new(profile_sized(w, h, dpi)),
            now: Duration::ZERO,
        };
        let check = |d: &mut Driver| {
            let (fw, fh) = (d.frame_size().width, d.frame_size().height);
            let frame = d.frame();
            assert_eq!((frame.width(), frame.height()), (fw, fh));
        };
        check(&mut d);
        // Touch a grid of points on every screen, with drags between them.
        for (x, y) in [
            (0, 0),
            (w / 2, h / 2),
            (w - 1, h - 1),
            (w / 4, h * 3 / 4),
            (w / 2, 0),
        ] {
            let frame = d.frame_size();
            let _ = d.touch_on(TouchPhase::Down, x, y, frame);
            d.wait(40);
            let _ = d.touch_on(TouchPhase::Move, x, h - 1 - y, frame);
            check(&mut d);
            d.wait(40);
            let _ = d.touch_on(TouchPhase::Up, x, h - 1 - y, frame);
            check(&mut d);
        }
        d.phone.set_sharing_indicator(true);
        d.phone.show_chat(
            "Alex",
            "A long message that will certainly need wrapping on a small screen",
            d.now,
        );
        d.key(Key::Recents);
        check(&mut d);
        d.key(Key::VolumeUp);
        d.phone
            .show_prompt(ConsentPrompt::new(Capability::ScreenView, "Alex"));
        check(&mut d);
        d.phone.dismiss_prompts();
        d.phone.set_rotation(Rotation::Deg90);
        d.key(Key::Home);
        d.phone.show_notice("Hello", d.now);
        check(&mut d);
    }
}

#[test]
fn every_profile_renders_its_settings_pages() {
    // Detail pages at full size, once each, on every profile.
    for name in ["samsung", "lg", "pixel", "xiaomi", "old"] {
        let mut d = Driver::new(name);
        d.tap_target(Target::AppIcon(AppId::Settings));
        for page in [SettingsPage::Wifi, SettingsPage::Bluetooth] {
            d.tap_target(Target::SettingsRow(page));
            assert_eq!(d.phone.ui().screen, settings_page(page));
            d.key(Key::Back);
        }
        // About phone is the last row: scroll to the end first.
        let (w, h) = (d.frame_size().width, d.frame_size().height);
        for _ in 0..10 {
            if d.phone
                .locate(Target::SettingsRow(SettingsPage::About))
                .is_some()
            {
                break;
            }
            d.drag((w / 3, h * 4 / 5), (w / 3, h / 5), 8, 40, false);
            d.wait(200);
            d.touch(TouchPhase::Up, w / 3, h / 5);
        }
        d.tap_target(Target::SettingsRow(SettingsPage::About));
        assert_eq!(d.phone.ui().screen, settings_page(SettingsPage::About));
        let _ = d.frame();
    }
    let mut d = Driver::new("pixel");
    d.tap_target(Target::AppIcon(AppId::Settings));
    d.tap_target(Target::SettingsRow(SettingsPage::Wifi));
    d.tap_target(Target::Switch(Setting::Wifi));
    assert!(!d.phone.ui().wifi_on);
}
