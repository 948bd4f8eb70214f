//! The simulated phone behaves like Android: taps, drags, flings, long-presses, Back / Home /
//! Recents, the shade, rotation, typing, consent dialogs, diagnostics and logs. Tests check
//! the UI state and the pixels.

mod common;

use std::time::Duration;

use common::{Driver, profile_sized, px, region_differs};
use lifeline_agent_android::Capability;
use lifeline_agent_android::device::{
    ConsentPrompt, CustomerAction, Device, InputError, PromptAnswer,
};
use lifeline_agent_android::sim::{AppId, Page, Screen, Setting, SettingsPage, SimPhone, Target};
use lifeline_protocol::messages::input::{FrameSize, InputEvent, Key, ScrollEvent, TouchPhase};
use lifeline_protocol::messages::video::Rotation;
use lifeline_protocol::video::RgbaImage;

fn settings_page(page: SettingsPage) -> Screen {
    Screen::App {
        app: AppId::Settings,
        page: Page::Settings(page),
    }
}

fn main_of(app: AppId) -> Screen {
    Screen::App {
        app,
        page: Page::Main,
    }
}

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
fn typed_text_goes_into_the_focused_messages_field_and_its_pixels() {
    let mut d = Driver::new("samsung");
    d.tap_target(Target::AppIcon(AppId::Messages));
    d.type_text("ignored: nothing has focus");
    assert_eq!(d.phone.ui().focused_text, None);
    d.tap_target(Target::TextField);
    assert_eq!(d.phone.ui().focused_text.as_deref(), Some(""));
    let (fx, fy) = d.phone.locate(Target::TextField).unwrap();
    let before = d.frame();
    d.type_text("Hello from the sim");
    assert_eq!(
        d.phone.ui().focused_text.as_deref(),
        Some("Hello from the sim")
    );
    let after = d.frame();
    assert!(region_differs(&before, &after, 60, fy - 30, fx - 60, 60));
    // Nothing else moved.
    assert_eq!(before.row(300), after.row(300));

    d.type_text("!\u{8}?");
    let sent_before = d.phone.ui().messages.len();
    d.tap_target(Target::SendButton);
    let ui = d.phone.ui();
    assert_eq!(ui.messages.len(), sent_before + 1);
    let last = ui.messages.last().unwrap();
    assert!(last.outgoing);
    assert_eq!(last.text, "Hello from the sim?");
    assert_eq!(ui.focused_text.as_deref(), Some(""));
    // Enter sends too.
    d.type_text("second\n");
    assert_eq!(d.phone.ui().messages.last().unwrap().text, "second");
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

#[test]
fn consent_dialog_answers_come_back() {
    let mut d = Driver::new("samsung");
    let before = d.frame();
    d.phone
        .show_prompt(ConsentPrompt::new(Capability::Diagnostics, "Alex"));
    d.phone
        .show_prompt(ConsentPrompt::new(Capability::LogFiles, "Alex"));
    assert_eq!(d.phone.ui().dialog, Some(Capability::Diagnostics));
    let dialog = d.frame();
    // The screen behind is dimmed; the card is white.
    let (b, a) = (px(&before, 540, 400), px(&dialog, 540, 400));
    assert!(
        (0..3).all(|i| u16::from(a[i]) * 10 < u16::from(b[i]) * 7),
        "{b:?} -> {a:?}"
    );
    let (ax, ay) = d.phone.locate(Target::DialogAllow).unwrap();
    let (dx, dy) = d.phone.locate(Target::DialogDeny).unwrap();
    assert_eq!(ay, dy);
    assert!(dx < ax);
    // The dialog is modal: taps elsewhere do nothing, keys do not reach the app below.
    d.tap(540, 2000);
    assert_eq!(d.phone.take_prompt_answer(), None);
    d.tap_target(Target::DialogAllow);
    assert_eq!(
        d.phone.take_prompt_answer(),
        Some(PromptAnswer {
            capability: Capability::Diagnostics,
            allowed: true
        })
    );
    assert_eq!(d.phone.ui().dialog, Some(Capability::LogFiles));
    d.tap_target(Target::DialogDeny);
    assert_eq!(
        d.phone.take_prompt_answer(),
        Some(PromptAnswer {
            capability: Capability::LogFiles,
            allowed: false
        })
    );
    assert_eq!(d.phone.ui().dialog, None);
    // Back on a dialog denies; withdrawn prompts simply go away.
    d.phone
        .show_prompt(ConsentPrompt::new(Capability::RemoteControl, "Alex"));
    d.key(Key::Back);
    assert_eq!(d.phone.take_prompt_answer().map(|a| a.allowed), Some(false));
    d.phone
        .show_prompt(ConsentPrompt::new(Capability::ScreenView, "Alex"));
    d.phone.dismiss_prompts();
    assert_eq!(
        (d.phone.ui().dialog, d.phone.take_prompt_answer()),
        (None, None)
    );
    assert_eq!(d.frame(), before);
}

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

#[test]
fn support_chat_and_stop_sharing_reach_the_agent() {
    let mut d = Driver::new("samsung");
    d.phone
        .show_chat("Alex", "Hi, I'm Alex. Can you open Settings?", d.now);
    let ui = d.phone.ui();
    assert_eq!(ui.support_chat.len(), 1);
    assert!(!ui.support_chat[0].outgoing);
    d.tap_target(Target::AppIcon(AppId::Lifeline));
    d.tap_target(Target::TextField);
    d.type_text("Sure, one moment\n");
    assert_eq!(
        d.phone.take_chat_reply().as_deref(),
        Some("Sure, one moment")
    );
    assert_eq!(d.phone.take_chat_reply(), None);

    d.phone.set_sharing_indicator(true);
    assert!(d.phone.ui().sharing_indicator);
    d.drag((540, 10), (540, 1800), 10, 16, true);
    d.tap_target(Target::StopSharing);
    assert_eq!(
        d.phone.take_customer_action(),
        Some(CustomerAction::StopSharing)
    );
    d.phone
        .show_notice("Alex read your device information", d.now);
    assert_eq!(
        d.phone.ui().toast.as_deref(),
        Some("Alex read your device information")
    );
    d.wait(4000);
    assert_eq!(d.phone.ui().toast, None);
}

#[test]
fn diagnostics_fill_every_section_and_the_battery_drains() {
    let mut d = Driver::new("samsung");
    d.tap_target(Target::AppIcon(AppId::Settings));
    let r = d.phone.diagnostics(d.now);
    let dev = &r.device;
    assert_eq!(dev.manufacturer.as_deref(), Some("samsung"));
    assert!(dev.model.is_some() && dev.android_version.is_some() && dev.build.is_some());
    assert!(dev.api_level.is_some() && dev.security_patch.is_some());
    assert_eq!(r.battery.level_percent, Some(78));
    assert!(r.battery.charging.is_some() && r.battery.health.is_some());
    assert!(r.battery.temperature_c.is_some());
    let (total, free) = (
        r.storage.total_bytes.unwrap(),
        r.storage.free_bytes.unwrap(),
    );
    assert!(free < total);
    let (ram, avail) = (
        r.memory.total_bytes.unwrap(),
        r.memory.available_bytes.unwrap(),
    );
    assert!(avail < ram);
    assert!(r.cpu.abi.is_some() && r.cpu.cores.is_some());
    assert_eq!(
        (r.display.width_px, r.display.height_px),
        (Some(1080), Some(2400))
    );
    assert!(r.display.density_dpi.is_some() && r.display.refresh_rate_hz.is_some());
    assert_eq!(r.network.wifi_ssid.as_deref(), Some("Home-5G"));
    assert!(r.network.network_type.is_some() && r.network.wifi_rssi_dbm.is_some());
    assert!(!r.network.ip_addresses.is_empty());
    assert!(r.uptime_secs.unwrap() > 3600);
    assert!(r.locale.is_some() && r.time_zone.is_some());
    assert!(r.apps.len() >= 10);
    assert!(
        r.apps
            .iter()
            .all(|a| a.version.is_some() && !a.package.is_empty())
    );
    assert!(r.processes.iter().any(|p| p.name == "com.android.settings"));
    assert!(
        r.processes
            .iter()
            .all(|p| p.pid > 0 && p.rss_bytes.is_some())
    );

    d.wait(3_600_000);
    let later = d.phone.diagnostics(d.now);
    assert!(
        later.battery.level_percent.unwrap() < 78,
        "the battery drains"
    );
    assert!(later.uptime_secs.unwrap() >= r.uptime_secs.unwrap() + 3600);
    assert_eq!(
        d.phone.ui().battery_percent,
        later.battery.level_percent.unwrap()
    );

    // Wi-Fi off: the report follows.
    d.key(Key::Home);
    d.drag((540, 10), (540, 1500), 8, 16, true);
    d.tap_target(Target::QuickTile(Setting::Wifi));
    let off = d.phone.diagnostics(d.now);
    assert_eq!(off.network.wifi_ssid, None);
    assert_eq!(
        off.network.network_type,
        Some(lifeline_protocol::diagnostics::NetworkType::Cellular)
    );
}

/// Parses one `threadtime` line: `MM-DD HH:MM:SS.mmm  PID  TID L TAG: message`.
fn parse_threadtime(line: &str) -> Option<(u32, u32, char, &str, &str)> {
    let b = line.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
    };
    let stamp_ok = digits(0..2)
        && b[2] == b'-'
        && digits(3..5)
        && b[5] == b' '
        && digits(6..8)
        && b[8] == b':'
        && digits(9..11)
        && b[11] == b':'
        && digits(12..14)
        && b[14] == b'.'
        && digits(15..18);
    if !stamp_ok {
        return None;
    }
    let rest = line.get(18..)?;
    let mut parts = rest.split_whitespace();
    let pid = parts.next()?.parse().ok()?;
    let tid = parts.next()?.parse().ok()?;
    let level = parts.next()?;
    let level = level
        .chars()
        .next()
        .filter(|c| level.len() == 1 && "VDIWEF".contains(*c))?;
    let after_level = rest.find(&format!(" {level} "))? + 3;
    let (tag, msg) = rest[after_level..].split_once(": ")?;
    let tag = tag.trim_end();
    (!tag.is_empty()).then_some((pid, tid, level, tag, msg))
}

#[test]
fn logs_have_the_requested_size_and_parse_as_threadtime_lines() {
    let mut d = Driver::new("samsung");
    d.tap_target(Target::AppIcon(AppId::Settings));
    d.key(Key::Back);
    d.phone
        .show_prompt(ConsentPrompt::new(Capability::LogFiles, "Alex"));
    d.tap_target(Target::DialogAllow);
    for size in [3 * 1024 * 1024, 50_000] {
        d.phone.set_log_size(size);
        let files = d.phone.logs(d.now);
        let names: Vec<_> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["logcat.txt", "lifeline-agent.log"]);
        let logcat = std::str::from_utf8(&files[0].bytes).unwrap();
        assert_eq!(logcat.len(), size);
        let mut parsed = 0;
        for line in logcat.lines() {
            if line.starts_with("--------- beginning of ") {
                continue;
            }
            assert!(parse_threadtime(line).is_some(), "not threadtime: {line:?}");
            parsed += 1;
        }
        assert!(parsed > size / 200);
        // What happened on the phone is in it.
        assert!(logcat.contains("cmp=com.android.settings/.Settings"));
        assert!(logcat.contains("ViewPostIme pointer 1"));
        assert!(logcat.contains("KEYCODE_BACK"));
        let agent = std::str::from_utf8(&files[1].bytes).unwrap();
        assert!(agent.contains("customer allowed log files"), "{agent}");
    }
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
