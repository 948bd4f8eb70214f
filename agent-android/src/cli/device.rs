//! `--device`: which phone the agent drives.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::{Arc, Mutex};

use lifeline_agent_android::adb::{AdbError, AdbOptions, AdbPhone, DEFAULT_BIT_RATE};
use lifeline_agent_android::device::Device;
use lifeline_agent_android::sim::{self, Profile, SimPhone};

/// A `--device` value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum DeviceSpec {
    /// The simulated phone with this profile (`sim` or `sim:PROFILE`).
    Sim(&'static Profile),
    /// A real phone over adb (`adb`, or `adb:SERIAL` when several are attached).
    Adb {
        /// The phone's serial.
        serial: Option<String>,
    },
}

/// The phone the agent drives, built from a [`DeviceSpec`].
pub(crate) enum Phone {
    /// The simulated phone (the desktop window can draw it).
    Sim(Arc<Mutex<SimPhone>>),
    /// A phone over adb.
    Adb(Arc<Mutex<AdbPhone>>),
}

impl Phone {
    /// The phone as the session drives it.
    pub(crate) fn device(&self) -> Arc<Mutex<dyn Device>> {
        match self {
            Self::Sim(phone) => Arc::clone(phone) as Arc<Mutex<dyn Device>>,
            Self::Adb(phone) => Arc::clone(phone) as Arc<Mutex<dyn Device>>,
        }
    }
}

impl DeviceSpec {
    /// The phone: the simulated one with logcat of `log_size` bytes if given, or the adb
    /// phone reached through `adb` (`None`: `$ADB`, else `adb` on `PATH`).
    pub(crate) fn build(
        &self,
        log_size: Option<usize>,
        adb: Option<PathBuf>,
    ) -> Result<Phone, AdbError> {
        match self {
            Self::Sim(profile) => {
                let mut phone = SimPhone::new(profile);
                if let Some(bytes) = log_size {
                    phone.set_log_size(bytes);
                }
                Ok(Phone::Sim(Arc::new(Mutex::new(phone))))
            }
            Self::Adb { serial } => {
                let options = AdbOptions {
                    program: adb.unwrap_or_else(lifeline_agent_android::adb::Adb::program_from_env),
                    serial: serial.clone(),
                    bit_rate: DEFAULT_BIT_RATE,
                };
                Ok(Phone::Adb(Arc::new(Mutex::new(AdbPhone::open(&options)?))))
            }
        }
    }
}

impl fmt::Display for DeviceSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sim(profile) => write!(f, "sim:{}", profile.name),
            Self::Adb { serial: None } => f.write_str("adb"),
            Self::Adb {
                serial: Some(serial),
            } => write!(f, "adb:{serial}"),
        }
    }
}

impl FromStr for DeviceSpec {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let (kind, rest) = match text.split_once(':') {
            Some((kind, rest)) => (kind, Some(rest)),
            None => (text, None),
        };
        match kind {
            "sim" => match rest {
                None => Ok(Self::Sim(sim::default_profile())),
                Some(name) => sim::profile(name).map(Self::Sim).ok_or_else(|| {
                    let names: Vec<&str> = sim::profiles().iter().map(|p| p.name).collect();
                    format!(
                        "no simulated phone profile {name:?}; choose one of {}",
                        names.join(", ")
                    )
                }),
            },
            "adb" => match rest {
                None => Ok(Self::Adb { serial: None }),
                // A serial may hold a colon (`192.168.1.20:5555`).
                Some(serial) if !serial.is_empty() && !serial.contains(char::is_whitespace) => {
                    Ok(Self::Adb {
                        serial: Some(serial.to_owned()),
                    })
                }
                Some(_) => Err("adb:SERIAL needs a serial as `adb devices` lists it".into()),
            },
            other => Err(format!(
                "unknown device {other:?}; use sim[:PROFILE] or adb[:SERIAL]"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sim_profiles_and_adb_serials() {
        let Ok(DeviceSpec::Sim(p)) = "sim".parse::<DeviceSpec>() else {
            panic!("sim");
        };
        assert_eq!(p.name, sim::default_profile().name);
        let Ok(DeviceSpec::Sim(p)) = "sim:old".parse::<DeviceSpec>() else {
            panic!("sim:old");
        };
        assert_eq!(p.name, "old");
        assert_eq!(
            "sim:lg".parse::<DeviceSpec>().unwrap().to_string(),
            "sim:lg"
        );
        let err = "sim:nokia".parse::<DeviceSpec>().unwrap_err();
        assert!(err.contains("samsung"), "{err}");
        assert_eq!(
            "adb".parse::<DeviceSpec>().unwrap(),
            DeviceSpec::Adb { serial: None }
        );
        assert_eq!(
            "adb:192.168.1.20:5555"
                .parse::<DeviceSpec>()
                .unwrap()
                .to_string(),
            "adb:192.168.1.20:5555"
        );
        assert!("adb:".parse::<DeviceSpec>().is_err());
        assert!(
            "iphone"
                .parse::<DeviceSpec>()
                .unwrap_err()
                .contains("adb[:SERIAL]")
        );
    }

    #[test]
    fn builds_the_phone_with_its_log_size() {
        let Ok(Phone::Sim(phone)) = "sim:pixel"
            .parse::<DeviceSpec>()
            .unwrap()
            .build(Some(2_000_000), None)
        else {
            panic!("a sim phone");
        };
        let phone = phone.lock().unwrap();
        assert_eq!(phone.profile().name, "pixel");
        assert_eq!(phone.log_size(), 2_000_000);
    }

    #[test]
    fn no_adb_program_is_one_clear_error() {
        let spec: DeviceSpec = "adb".parse().unwrap();
        let Err(err) = spec.build(None, Some("/nonexistent/adb".into())) else {
            panic!("built a phone without adb");
        };
        assert!(
            err.to_string()
                .starts_with("adb was not found (no program at /nonexistent/adb)"),
            "{err}"
        );
    }
}
