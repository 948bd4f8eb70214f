//! What can go wrong reaching a phone through `adb`, one clear line each.

use std::path::PathBuf;

use thiserror::Error;

/// Why the agent cannot drive the phone over adb.
#[derive(Debug, Error)]
pub enum AdbError {
    /// The `adb` program is not there.
    #[error(
        "adb was not found ({}): install it (Debian/Ubuntu: `sudo apt install adb`; elsewhere \
         Android SDK Platform-Tools) or give its path with --adb PATH",
        program_hint(.program)
    )]
    NotInstalled {
        /// What was run.
        program: PathBuf,
    },
    /// `adb devices` lists no phone.
    #[error(
        "no phone is attached over adb: connect it by USB, turn on USB debugging (Settings › \
         Developer options) and check that `adb devices` lists it"
    )]
    NoDevice,
    /// Several phones, and no serial to choose one.
    #[error(
        "several phones are attached ({}); choose one with --device adb:SERIAL",
        .serials.join(", ")
    )]
    SeveralDevices {
        /// The serials attached.
        serials: Vec<String>,
    },
    /// The phone has not accepted this computer's key yet.
    #[error(
        "the phone {serial} has not authorized this computer: unlock it, accept \"Allow USB \
         debugging?\" (tick \"Always allow\"), then try again"
    )]
    Unauthorized {
        /// The phone.
        serial: String,
    },
    /// The phone is attached but not answering.
    #[error(
        "the phone {serial} is offline: unplug it and plug it in again, or run `adb kill-server` \
         and try again"
    )]
    Offline {
        /// The phone.
        serial: String,
    },
    /// The computer may not open the USB device (Linux udev rules).
    #[error(
        "no permission to use the phone {serial} over USB ({detail}): on Linux install the \
         Android udev rules (Debian: `sudo apt install android-sdk-platform-tools-common`) and \
         reconnect"
    )]
    NoPermission {
        /// The phone.
        serial: String,
        /// What adb said.
        detail: String,
    },
    /// A serial was given and no such phone is attached.
    #[error("no phone with serial {serial} is attached (attached: {})", list(.attached))]
    SerialNotFound {
        /// The serial asked for.
        serial: String,
        /// The serials attached.
        attached: Vec<String>,
    },
    /// The phone is in a state the agent cannot use (recovery, sideload, bootloader…).
    #[error("the phone {serial} is in state {state:?}; start it normally and try again")]
    BadState {
        /// The phone.
        serial: String,
        /// What `adb devices` says.
        state: String,
    },
    /// An adb command failed.
    #[error("`{command}` failed: {detail}")]
    Failed {
        /// The command, as typed.
        command: String,
        /// Why.
        detail: String,
    },
    /// An adb command did not finish in time.
    #[error("`{command}` did not answer within {secs} s; is the phone still connected?")]
    TimedOut {
        /// The command, as typed.
        command: String,
        /// The time allowed.
        secs: u64,
    },
}

fn program_hint(program: &std::path::Path) -> String {
    if program.components().count() > 1 {
        format!("no program at {}", program.display())
    } else {
        format!("`{}` is not on PATH", program.display())
    }
}

fn list(serials: &[String]) -> String {
    if serials.is_empty() {
        "none".to_owned()
    } else {
        serials.join(", ")
    }
}
