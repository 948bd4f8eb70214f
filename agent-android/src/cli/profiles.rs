//! `lifeline-agent profiles`: the simulated phone's profiles.

use lifeline_agent_android::sim;

/// One line per profile; the default is marked.
pub(crate) fn lines() -> Vec<String> {
    let default = sim::default_profile().name;
    sim::profiles()
        .iter()
        .map(|p| {
            let mark = if p.name == default { " (default)" } else { "" };
            let share = if p.capabilities.is_chat_only() {
                "chat only"
            } else {
                "screen sharing"
            };
            format!(
                "sim:{:<8} {}x{}, {share}: {}{mark}",
                p.name, p.width, p.height, p.description
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_profile_is_listed_once() {
        let lines = lines();
        assert_eq!(lines.len(), sim::profiles().len());
        assert!(lines[0].starts_with("sim:samsung"));
        assert!(lines[0].ends_with("(default)"));
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("sim:old") && l.contains("chat only"))
        );
    }
}
