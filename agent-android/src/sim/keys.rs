//! Hardware and navigation keys.

use lifeline_protocol::messages::input::{Key, KeyAction, KeyEvent};

use super::logs::Level;
use super::state::{PID_SYSTEM_SERVER, PhoneState};

fn keycode(key: Key) -> &'static str {
    match key {
        Key::Back => "KEYCODE_BACK",
        Key::Home => "KEYCODE_HOME",
        Key::Recents => "KEYCODE_APP_SWITCH",
        Key::VolumeUp => "KEYCODE_VOLUME_UP",
        Key::VolumeDown => "KEYCODE_VOLUME_DOWN",
        Key::Power => "KEYCODE_POWER",
    }
}

/// Applies a key. Keys act when pressed (`Press` or `Down`); `Up` only ends the press.
pub(crate) fn on_key(s: &mut PhoneState, ev: KeyEvent) {
    if ev.action == KeyAction::Up {
        return;
    }
    s.log.event(
        s.now,
        PID_SYSTEM_SERVER,
        PID_SYSTEM_SERVER + 63,
        Level::Debug,
        "InputDispatcher",
        format!(
            "dispatchKey - action=0x0, keyCode={}, repeatCount=0",
            keycode(ev.key)
        ),
    );
    if ev.key == Key::Power {
        let on = !s.screen_on;
        s.set_power(on);
        return;
    }
    if !s.screen_on {
        // The display is off: only power wakes it (volume keys would change the music volume,
        // which the simulation has none of).
        return;
    }
    match ev.key {
        Key::Back => s.go_back(),
        Key::Home => s.go_home(),
        Key::Recents => s.toggle_recents(),
        Key::VolumeUp => s.change_volume(true),
        Key::VolumeDown => s.change_volume(false),
        Key::Power => {}
    }
}
