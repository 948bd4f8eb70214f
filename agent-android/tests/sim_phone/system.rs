//! The phone as a system: Back / Home / Recents, rotation, volume and power keys, a phone that cannot capture its screen.

use super::*;

#[test]
fn back_home_and_recents_behave_as_on_android() {
    let mut d = Driver::new("pixel");
    d.tap_target(Target::AppIcon(AppId::Settings));
    d.tap_target(Target::SettingsRow(SettingsPage::Wifi));
    assert_eq!(d.phone.ui().screen, settings_page(SettingsPage::Wifi));
    d.key(Key::Back);
    assert_eq!(d.phone.ui().screen, main_of(AppId::Settings));
    d.tap_target(Target::SettingsRow(SettingsPage::Bluetooth));
    d.tap_target(Target::AppBarBack);
    assert_eq!(d.phone.ui().screen, main_of(AppId::Settings));
    d.key(Key::Back);
    assert_eq!(
        d.phone.ui().screen,
        Screen::Launcher,
        "Back at an app's root goes home"
    );
    assert_eq!(
        d.phone.ui().recents,
        [AppId::Settings],
        "and the app stays in Recents"
    );

    d.tap_target(Target::AppIcon(AppId::Messages));
    d.key(Key::Home);
    assert_eq!(d.phone.ui().screen, Screen::Launcher);
    d.tap_target(Target::AppIcon(AppId::Chrome));
    d.tap_target(Target::Nav(Key::Recents));
    let ui = d.phone.ui();
    assert_eq!(ui.screen, Screen::Recents);
    assert_eq!(
        ui.recents,
        [AppId::Chrome, AppId::Messages, AppId::Settings]
    );

    // Reopening Settings from Recents resumes its back stack where it was.
    d.key(Key::Back);
    assert_eq!(d.phone.ui().screen, main_of(AppId::Chrome));
    d.key(Key::Home);
    d.tap_target(Target::AppIcon(AppId::Settings));
    d.tap_target(Target::SettingsRow(SettingsPage::Wifi));
    d.key(Key::Home);
    d.key(Key::Recents);
    d.tap_target(Target::RecentsCard(AppId::Settings));
    assert_eq!(d.phone.ui().screen, settings_page(SettingsPage::Wifi));
    assert_eq!(
        d.phone.ui().recents,
        [AppId::Settings, AppId::Chrome, AppId::Messages]
    );

    d.key(Key::Recents);
    d.tap_target(Target::ClearAll);
    let ui = d.phone.ui();
    assert_eq!((ui.screen, ui.recents.len()), (Screen::Launcher, 0));
}

#[test]
fn rotation_changes_the_frame_size_and_drops_touches_aimed_at_the_old_one() {
    let mut d = Driver::new("samsung");
    let portrait = d.frame_size();
    assert_eq!(portrait, FrameSize::new(1080, 2400));
    d.phone.set_rotation(Rotation::Deg90);
    assert_eq!(d.phone.rotation(), Rotation::Deg90);
    assert_eq!(d.frame_size(), FrameSize::new(2400, 1080));
    assert!(d.phone.screen_changed());
    let frame = d.phone.capture(d.now).unwrap();
    assert_eq!((frame.width(), frame.height()), (2400, 1080));
    assert_eq!(d.phone.summary().screen, Some((2400, 1080)));

    // A tap aimed at the portrait frame is refused and changes nothing.
    let err = d
        .touch_on(TouchPhase::Down, 540, 2000, portrait)
        .unwrap_err();
    assert_eq!(
        err,
        InputError::FrameMismatch {
            sent: portrait,
            current: FrameSize::new(2400, 1080)
        }
    );
    assert_eq!(d.phone.ui().screen, Screen::Launcher);
    // The landscape layout responds to landscape touches.
    d.tap_target(Target::AppIcon(AppId::Settings));
    assert_eq!(d.phone.ui().screen, main_of(AppId::Settings));
    d.phone.set_rotation(Rotation::Deg0);
    assert_eq!(d.phone.capture(d.now).unwrap().width(), 1080);
}

#[test]
fn volume_keys_show_the_overlay_and_power_turns_the_screen_off() {
    let mut d = Driver::new("samsung");
    let volume = d.phone.ui().volume;
    d.key(Key::VolumeUp);
    d.key(Key::VolumeUp);
    assert_eq!(d.phone.ui().volume, volume + 2);
    assert!(d.phone.ui().volume_overlay);
    d.key(Key::VolumeDown);
    assert_eq!(d.phone.ui().volume, volume + 1);
    d.wait(3100);
    assert!(!d.phone.ui().volume_overlay);

    d.key(Key::Power);
    assert!(!d.phone.ui().screen_on);
    let off = d.frame();
    assert!(off.data().chunks_exact(4).all(|p| p == [0, 0, 0, 255]));
    // Touches on a dark screen do nothing.
    let (x, y) = (150, 1500);
    d.tap(x, y);
    assert_eq!(d.phone.ui().screen, Screen::Launcher);
    d.key(Key::Power);
    assert!(d.phone.ui().screen_on);
    assert_ne!(d.frame(), off);
}

#[test]
fn the_old_phone_cannot_capture_and_is_chat_only() {
    let mut d = Driver::new("old");
    assert!(d.phone.capabilities().is_chat_only());
    assert!(!d.phone.capabilities().contains(Capability::RemoteControl));
    assert!(d.phone.capabilities().contains(Capability::Diagnostics));
    assert!(d.phone.capture(d.now).is_none());
    let summary = d.phone.summary();
    assert_eq!(
        (summary.android_version.as_str(), summary.screen),
        ("4.4.4", None)
    );
    assert!(summary.capabilities.is_chat_only());
    // The phone itself still works (the desktop window shows it).
    assert_eq!(d.phone.screen(d.now).unwrap().width(), 720);
    assert_eq!(d.phone.diagnostics(d.now).device.api_level, Some(19));
}
