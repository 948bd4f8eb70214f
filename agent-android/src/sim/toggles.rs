//! Switches: Wi-Fi, Bluetooth, the quick settings, and the generic ones on Settings pages.

use std::collections::BTreeMap;

use super::logs::Level;
use super::state::{PID_SYSTEM_SERVER, PID_SYSTEMUI, PhoneState};
use super::ui::Setting;

/// Switches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Toggles {
    pub(crate) wifi: bool,
    pub(crate) bluetooth: bool,
    pub(crate) flashlight: bool,
    pub(crate) dnd: bool,
    pub(crate) airplane: bool,
    pub(crate) auto_rotate: bool,
    pub(crate) location: bool,
    pub(crate) battery_saver: bool,
    pub(crate) other: BTreeMap<(u8, u8), bool>,
}

impl Toggles {
    pub(crate) fn get(&self, s: Setting) -> bool {
        match s {
            Setting::Wifi => self.wifi,
            Setting::Bluetooth => self.bluetooth,
            Setting::Flashlight => self.flashlight,
            Setting::DoNotDisturb => self.dnd,
            Setting::Airplane => self.airplane,
            Setting::AutoRotate => self.auto_rotate,
            Setting::Location => self.location,
            Setting::BatterySaver => self.battery_saver,
            Setting::Other(page, i) => self.other.get(&(page, i)).copied().unwrap_or(i == 0),
        }
    }

    fn flip(&mut self, s: Setting) -> bool {
        let v = !self.get(s);
        match s {
            Setting::Wifi => self.wifi = v,
            Setting::Bluetooth => self.bluetooth = v,
            Setting::Flashlight => self.flashlight = v,
            Setting::DoNotDisturb => self.dnd = v,
            Setting::Airplane => {
                self.airplane = v;
                if v {
                    self.wifi = false;
                    self.bluetooth = false;
                }
            }
            Setting::AutoRotate => self.auto_rotate = v,
            Setting::Location => self.location = v,
            Setting::BatterySaver => self.battery_saver = v,
            Setting::Other(page, i) => {
                self.other.insert((page, i), v);
            }
        }
        v
    }
}

impl PhoneState {
    /// Flips a switch; returns its new value.
    pub(crate) fn toggle(&mut self, s: Setting) -> bool {
        let on = self.toggles.flip(s);
        let (pid, tag, msg) = match s {
            Setting::Wifi => (
                PID_SYSTEM_SERVER,
                "WifiService",
                format!("setWifiEnabled package=com.android.settings uid=1000 enable={on}"),
            ),
            Setting::Bluetooth => (
                PID_SYSTEM_SERVER,
                "BluetoothManagerService",
                format!(
                    "{}() called from com.android.systemui",
                    if on { "enable" } else { "disable" }
                ),
            ),
            Setting::Airplane => (
                PID_SYSTEM_SERVER,
                "ConnectivityService",
                format!("setAirplaneMode({on})"),
            ),
            other => (PID_SYSTEMUI, "QSTileImpl", format!("{other:?} -> {on}")),
        };
        self.log
            .event(self.now, pid, pid + 3, Level::Info, tag, msg);
        self.dirty = true;
        on
    }
}
