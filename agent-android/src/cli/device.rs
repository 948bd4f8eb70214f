//! `--device`: which phone the agent drives.

use std::fmt;
use std::str::FromStr;

use lifeline_agent_android::sim::{self, Profile, SimPhone};

/// A `--device` value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum DeviceSpec {
    /// The simulated phone with this profile (`sim` or `sim:PROFILE`).
    Sim(&'static Profile),
}

impl DeviceSpec {
    /// The phone, with logcat of `log_size` bytes if given.
    pub(crate) fn build(self, log_size: Option<usize>) -> SimPhone {
        match self {
            Self::Sim(profile) => {
                let mut phone = SimPhone::new(profile);
                if let Some(bytes) = log_size {
                    phone.set_log_size(bytes);
                }
                phone
            }
        }
    }
}

impl fmt::Display for DeviceSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sim(profile) => write!(f, "sim:{}", profile.name),
        }
    }
}

impl FromStr for DeviceSpec {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let (kind, profile) = match text.split_once(':') {
            Some((kind, profile)) => (kind, Some(profile)),
            None => (text, None),
        };
        match kind {
            "sim" => match profile {
                None => Ok(Self::Sim(sim::default_profile())),
                Some(name) => sim::profile(name).map(Self::Sim).ok_or_else(|| {
                    let names: Vec<&str> = sim::profiles().iter().map(|p| p.name).collect();
                    format!(
                        "no simulated phone profile {name:?}; choose one of {}",
                        names.join(", ")
                    )
                }),
            },
            "adb" => Err("real phones over adb are not supported yet; use sim[:PROFILE]".into()),
            other => Err(format!("unknown device {other:?}; use sim[:PROFILE]")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sim_profiles() {
        let DeviceSpec::Sim(p) = "sim".parse::<DeviceSpec>().unwrap();
        assert_eq!(p.name, sim::default_profile().name);
        let DeviceSpec::Sim(p) = "sim:old".parse::<DeviceSpec>().unwrap();
        assert_eq!(p.name, "old");
        assert_eq!(
            "sim:lg".parse::<DeviceSpec>().unwrap().to_string(),
            "sim:lg"
        );
        let err = "sim:nokia".parse::<DeviceSpec>().unwrap_err();
        assert!(err.contains("samsung"), "{err}");
        assert!(
            "adb"
                .parse::<DeviceSpec>()
                .unwrap_err()
                .contains("not supported yet")
        );
        assert!("iphone".parse::<DeviceSpec>().is_err());
    }

    #[test]
    fn builds_the_phone_with_its_log_size() {
        let phone = "sim:pixel"
            .parse::<DeviceSpec>()
            .unwrap()
            .build(Some(2_000_000));
        assert_eq!(phone.profile().name, "pixel");
        assert_eq!(phone.log_size(), 2_000_000);
    }
}
