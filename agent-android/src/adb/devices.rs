//! `adb devices -l`: which phones are attached, and choosing one.

use super::error::AdbError;

/// One line of `adb devices -l`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachedDevice {
    /// Serial number (or `host:port` for a phone over TCP).
    pub serial: String,
    /// `device`, `unauthorized`, `offline`, `no permissions (…)`, `recovery`…
    pub state: String,
    /// `model:` from the long listing, when given (underscores as adb writes them).
    pub model: Option<String>,
}

/// Parses `adb devices -l`; lines that are not devices (the heading, daemon notices, blank
/// lines) are skipped.
pub fn parse(output: &str) -> Vec<AttachedDevice> {
    let mut devices = Vec::new();
    for line in output.lines() {
        let line = line.trim_end_matches('\r');
        if line.is_empty()
            || line.starts_with('*')
            || line.starts_with("List of devices")
            || line.starts_with("adb ")
        {
            continue;
        }
        let mut words = line.split_whitespace();
        let Some(serial) = words.next() else {
            continue;
        };
        let rest: Vec<&str> = words.collect();
        let Some(first) = rest.first() else {
            continue;
        };
        // "no permissions (…); see […]" runs over several words.
        let state = if *first == "no" {
            rest.iter()
                .take_while(|w| !is_attribute(w))
                .copied()
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            (*first).to_owned()
        };
        let model = rest
            .iter()
            .find_map(|w| w.strip_prefix("model:"))
            .map(str::to_owned);
        devices.push(AttachedDevice {
            serial: serial.to_owned(),
            state,
            model,
        });
    }
    devices
}

/// Whether `word` is one of the `key:value` attributes of the long listing.
fn is_attribute(word: &str) -> bool {
    word.split_once(':').is_some_and(|(key, _)| {
        matches!(key, "usb" | "product" | "model" | "device" | "transport_id")
    })
}

/// The phone to use: the one named by `serial`, or the only one attached; an error naming
/// the problem otherwise (none, several, not authorized, offline, no USB permission).
pub fn choose(devices: &[AttachedDevice], serial: Option<&str>) -> Result<String, AdbError> {
    let chosen =
        match serial {
            Some(serial) => devices.iter().find(|d| d.serial == serial).ok_or_else(|| {
                AdbError::SerialNotFound {
                    serial: serial.to_owned(),
                    attached: devices.iter().map(|d| d.serial.clone()).collect(),
                }
            })?,
            None => match devices {
                [] => return Err(AdbError::NoDevice),
                [one] => one,
                several => {
                    return Err(AdbError::SeveralDevices {
                        serials: several.iter().map(|d| d.serial.clone()).collect(),
                    });
                }
            },
        };
    let serial = chosen.serial.clone();
    match chosen.state.as_str() {
        "device" => Ok(serial),
        "unauthorized" | "authorizing" => Err(AdbError::Unauthorized { serial }),
        "offline" | "connecting" => Err(AdbError::Offline { serial }),
        state if state.starts_with("no permissions") => Err(AdbError::NoPermission {
            serial,
            detail: state.to_owned(),
        }),
        state => Err(AdbError::BadState {
            serial,
            state: state.to_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LISTING: &str = "* daemon not running; starting now at tcp:5037\r\n\
        * daemon started successfully\n\
        List of devices attached\n\
        R58M123ABC             device usb:1-1 product:beyond1lteeea model:SM_G973F device:beyond1 transport_id:1\n\
        emulator-5554          offline transport_id:3\n\
        0123456789ABCDEF       unauthorized usb:1-2 transport_id:2\n\
        HT7A1B234567           no permissions (user in plugdev group; are your udev rules wrong?); see [http://developer.android.com/tools/device.html] usb:1-3\n\
        192.168.1.20:5555      recovery product:x model:Pixel_7 device:panther transport_id:5\n\
        \n";

    #[test]
    fn parses_every_state() {
        let devices = parse(LISTING);
        let states: Vec<(&str, &str)> = devices
            .iter()
            .map(|d| (d.serial.as_str(), d.state.as_str()))
            .collect();
        assert_eq!(
            states,
            [
                ("R58M123ABC", "device"),
                ("emulator-5554", "offline"),
                ("0123456789ABCDEF", "unauthorized"),
                (
                    "HT7A1B234567",
                    "no permissions (user in plugdev group; are your udev rules wrong?); see [http://developer.android.com/tools/device.html]"
                ),
                ("192.168.1.20:5555", "recovery"),
            ]
        );
        assert_eq!(devices[0].model.as_deref(), Some("SM_G973F"));
        assert!(parse("garbage\n\0\u{fffd}\nList of devices attached\n").len() <= 1);
    }

    #[test]
    fn chooses_or_says_why_not() {
        let devices = parse(LISTING);
        assert_eq!(choose(&devices, Some("R58M123ABC")).unwrap(), "R58M123ABC");
        let err = |serial| choose(&devices, serial).unwrap_err().to_string();
        assert!(err(None).starts_with("several phones are attached (R58M123ABC, emulator-5554"));
        assert!(err(Some("emulator-5554")).contains("is offline"));
        assert!(err(Some("0123456789ABCDEF")).contains("has not authorized this computer"));
        assert!(err(Some("HT7A1B234567")).contains("no permission to use the phone"));
        assert!(err(Some("192.168.1.20:5555")).contains("in state \"recovery\""));
        assert!(
            err(Some("nope"))
                .starts_with("no phone with serial nope is attached (attached: R58M123ABC,")
        );
        assert!(matches!(choose(&[], None), Err(AdbError::NoDevice)));
        assert_eq!(choose(&devices[..1], None).unwrap(), "R58M123ABC");
        assert!(
            choose(&[], Some("x"))
                .unwrap_err()
                .to_string()
                .ends_with("(attached: none)")
        );
    }
}
