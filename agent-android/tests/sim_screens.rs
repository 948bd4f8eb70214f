//! Writes PNGs of the simulated phone's screens to `$SIM_SCREENS_DIR`, to look at them:
//! `SIM_SCREENS_DIR=/tmp/screens cargo test -p lifeline-agent-android --test sim_screens -- --ignored`

mod common;

use common::{Driver, write_png};
use lifeline_agent_android::Capability;
use lifeline_agent_android::device::{ConsentPrompt, Device};
use lifeline_agent_android::sim::{AppId, SettingsPage, Target};
use lifeline_protocol::i18n::Language;
use lifeline_protocol::messages::input::{Key, TouchPhase};
use lifeline_protocol::messages::video::Rotation;

#[test]
#[ignore = "writes PNG files for a person to look at"]
fn screenshots() {
    let Ok(dir) = std::env::var("SIM_SCREENS_DIR") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    let shot = |d: &mut Driver, name: &str| {
        let img = d.frame();
        write_png(&dir.join(format!("{name}.png")), &img);
    };
    for profile in ["samsung", "pixel", "lg", "xiaomi", "old"] {
        let mut d = Driver::new(profile);
        shot(&mut d, &format!("{profile}-launcher"));
        d.tap_target(Target::AppIcon(AppId::Settings));
        shot(&mut d, &format!("{profile}-settings"));
    }
    let mut d = Driver::new("samsung");
    d.phone.set_sharing_indicator(true);
    d.tap_target(Target::AppIcon(AppId::Settings));
    d.drag((540, 1800), (540, 900), 10, 16, true);
    d.wait(3000);
    shot(&mut d, "settings-scrolled");
    d.key(Key::Home);
    let (x, y) = d.phone.locate(Target::AppIcon(AppId::Settings)).unwrap();
    for (i, name) in [(0, "wifi"), (1, "battery"), (2, "storage"), (3, "apps")] {
        d.long_press(x, y);
        d.tap_target(Target::PopupItem(i));
        shot(&mut d, &format!("settings-{name}"));
        d.key(Key::Home);
    }
    d.tap_target(Target::AppIcon(AppId::Settings));
    // Settings resumes where it was left (the Apps page): back to the list.
    d.key(Key::Back);
    for _ in 0..10 {
        if d.phone
            .locate(Target::SettingsRow(SettingsPage::About))
            .is_some()
        {
            break;
        }
        d.drag((300, 1900), (300, 400), 8, 40, false);
        d.wait(200);
        d.touch(TouchPhase::Up, 300, 400);
    }
    d.tap_target(Target::SettingsRow(SettingsPage::About));
    shot(&mut d, "settings-about");
    d.key(Key::Back);
    d.key(Key::Home);
    d.tap_target(Target::AppIcon(AppId::Messages));
    d.tap_target(Target::TextField);
    d.type_text("On my way, see you at 5");
    shot(&mut d, "messages");
    d.key(Key::Recents);
    shot(&mut d, "recents");
    d.key(Key::Home);
    let (x, y) = d.phone.locate(Target::AppIcon(AppId::Settings)).unwrap();
    d.long_press(x, y);
    shot(&mut d, "popup");
    d.key(Key::Back);
    d.drag((540, 20), (540, 1500), 10, 16, true);
    shot(&mut d, "shade");
    d.key(Key::Back);
    d.key(Key::VolumeUp);
    shot(&mut d, "volume");
    d.phone.show_prompt(ConsentPrompt::new(
        Capability::Diagnostics,
        "Alex from Acme Support",
    ));
    shot(&mut d, "dialog");
    d.tap_target(Target::DialogAllow);
    d.phone.show_chat(
        "Alex",
        "Hello! I can see your screen now. Could you open Settings for me?",
        d.now,
    );
    d.tap_target(Target::AppIcon(AppId::Lifeline));
    d.tap_target(Target::TextField);
    d.type_text("Sure, one moment\n");
    shot(&mut d, "lifeline-chat");
    d.key(Key::Home);
    d.phone.set_rotation(Rotation::Deg90);
    shot(&mut d, "landscape-launcher");
    d.tap_target(Target::AppIcon(AppId::Settings));
    shot(&mut d, "landscape-settings");
    d.key(Key::Home);
    d.tap_target(Target::AppIcon(AppId::Messages));
    shot(&mut d, "landscape-messages");
    d.drag((1200, 10), (1200, 900), 8, 16, true);
    shot(&mut d, "landscape-shade");
    d.touch(TouchPhase::Down, 5, 5);

    // The Lifeline app and the sharing notification in French (the "old" profile's locale)
    // and in Spanish (`--lang es`).
    for (profile, language, name) in [("old", None, "fr"), ("samsung", Some(Language::Es), "es")] {
        let mut d = Driver::new(profile);
        if let Some(language) = language {
            d.phone.set_language(language);
        }
        d.phone.set_sharing_indicator(true);
        d.drag((300, 5), (300, 1000), 8, 16, true);
        shot(&mut d, &format!("{name}-shade"));
        d.key(Key::Home);
        d.tap_target(Target::AppIcon(AppId::Lifeline));
        shot(&mut d, &format!("{name}-lifeline-waiting"));
        d.phone.show_chat("Alexandre Delacroix", "Bonjour !", d.now);
        d.wait(100);
        shot(&mut d, &format!("{name}-lifeline-chat"));
    }
}
