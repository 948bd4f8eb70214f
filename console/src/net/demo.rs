//! `--demo`: the phone side is the `lifeline-agent` binary from next to the console,
//! started as a separate process (the console never links the agent).

use std::path::{Path, PathBuf};
use std::process::Stdio;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use crate::state::problem::Problem;

/// The demo customer's name.
pub const DEMO_CUSTOMER: &str = "Demo customer";

/// The agent's file name on this platform.
pub fn agent_file_name() -> String {
    format!("lifeline-agent{}", std::env::consts::EXE_SUFFIX)
}

/// Looks for the agent next to `exe` (and one folder up, where cargo puts binaries when
/// `exe` is a test in `deps/`).
pub fn find_agent(exe: &Path) -> Option<PathBuf> {
    let dir = exe.parent()?;
    [Some(dir), dir.parent()]
        .into_iter()
        .flatten()
        .map(|d| d.join(agent_file_name()))
        .find(|p| p.is_file())
}

/// Why the agent wasn't found, for the UI.
pub fn missing(exe: &Path) -> Problem {
    let folder = exe
        .parent()
        .map(|d| d.display().to_string())
        .unwrap_or_default();
    Problem::DemoAgentMissing {
        program: agent_file_name(),
        folder,
    }
}

/// Starts the agent joining `deep_link` as the demo customer on a simulated Samsung,
/// approving every consent request, and doing `activity` by itself if given. Its output goes
/// to the console's log.
pub fn spawn_agent(
    agent: &Path,
    deep_link: &str,
    activity: Option<&str>,
) -> std::io::Result<Child> {
    let mut command = Command::new(agent);
    command.args([
        "join",
        deep_link,
        "--name",
        DEMO_CUSTOMER,
        "--device",
        "sim:samsung",
        "--approve",
        "all",
    ]);
    if let Some(activity) = activity {
        command.args(["--activity", activity]);
    }
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()?;
    if let Some(out) = child.stdout.take() {
        tokio::spawn(async move {
            let mut lines = BufReader::new(out).lines();
            while let Ok(Some(line)) = lines.next_line().await {
                tracing::info!(target: "lifeline_console::demo_agent", "{line}");
            }
        });
    }
    if let Some(err) = child.stderr.take() {
        tokio::spawn(async move {
            let mut lines = BufReader::new(err).lines();
            while let Ok(Some(line)) = lines.next_line().await {
                tracing::info!(target: "lifeline_console::demo_agent", "{line}");
            }
        });
    }
    Ok(child)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_agent_next_to_the_console_or_one_up() {
        let dir = tempfile::tempdir().unwrap();
        let deps = dir.path().join("deps");
        std::fs::create_dir_all(&deps).unwrap();
        let exe = deps.join("console-test");
        assert_eq!(find_agent(&exe), None);
        let fr = lifeline_protocol::i18n::Localizer::new(lifeline_protocol::i18n::Language::Fr);
        let missing = missing(&exe).text(fr);
        assert!(missing.contains("lifeline-agent"), "{missing}");
        assert!(missing.contains("introuvable"), "{missing}");
        let agent = dir.path().join(agent_file_name());
        std::fs::write(&agent, b"").unwrap();
        assert_eq!(find_agent(&exe), Some(agent.clone()));
        let beside = deps.join(agent_file_name());
        std::fs::write(&beside, b"").unwrap();
        assert_eq!(find_agent(&exe), Some(beside));
    }
}
