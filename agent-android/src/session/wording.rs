//! What the customer reads about the session, in one place.

use lifeline_protocol::consent::Capability;

/// Who the technician is, before their name is known.
pub(crate) const SOMEONE: &str = "The technician";

/// "Alex can now see your screen."
pub(crate) fn granted(who: &str, cap: Capability) -> String {
    match cap {
        Capability::ScreenView => format!("{who} can now see your screen."),
        Capability::RemoteControl => format!("{who} can now control your phone."),
        Capability::Diagnostics => format!("{who} can now read your device information."),
        Capability::LogFiles => format!("{who} can now receive your log files."),
    }
}

/// "Alex may not see your screen."
pub(crate) fn declined(who: &str, cap: Capability) -> String {
    match cap {
        Capability::ScreenView => format!("{who} may not see your screen."),
        Capability::RemoteControl => format!("{who} may not control your phone."),
        Capability::Diagnostics => format!("{who} may not read your device information."),
        Capability::LogFiles => format!("{who} may not receive your log files."),
    }
}

/// "Alex can no longer see your screen."
pub(crate) fn withdrawn(who: &str, cap: Capability) -> String {
    match cap {
        Capability::ScreenView => format!("{who} can no longer see your screen."),
        Capability::RemoteControl => format!("{who} can no longer control your phone."),
        Capability::Diagnostics => format!("{who} can no longer read your device information."),
        Capability::LogFiles => format!("{who} can no longer receive your log files."),
    }
}

/// "Alex read your device information."
pub(crate) fn diagnostics_read(who: &str) -> String {
    format!("{who} read your device information.")
}

/// "Sending your log files to Alex."
pub(crate) fn sending_logs(who: &str) -> String {
    format!("Sending your log files to {who}.")
}

/// Paused or resumed sharing.
pub(crate) fn paused(paused: bool) -> &'static str {
    if paused {
        "Screen sharing paused."
    } else {
        "Screen sharing resumed."
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_capability_has_its_words() {
        for cap in Capability::ALL {
            for text in [
                granted("Alex", cap),
                declined("Alex", cap),
                withdrawn("Alex", cap),
            ] {
                assert!(text.starts_with("Alex "), "{text}");
                assert!(text.ends_with('.'), "{text}");
            }
        }
        assert_eq!(
            granted("Alex", Capability::ScreenView),
            "Alex can now see your screen."
        );
    }
}
