//! Demo mode's phone: the dispatcher creates the demo customer's code once signed in,
//! starts the agent on it, and watches the agent's process.

use tokio::process::Child;

use super::{Dispatcher, Internal};
use crate::net::demo;
use crate::state::ServerEvent;
use crate::state::codes::CodeEntry;
use crate::state::events::DemoStatus;
use crate::state::problem::Problem;

impl Dispatcher {
    pub(super) async fn start_demo_agent(&mut self, entry: &CodeEntry) {
        let exe = std::env::current_exe().unwrap_or_default();
        let agent = self
            .config
            .agent
            .clone()
            .filter(|p| p.is_file())
            .or_else(|| demo::find_agent(&exe));
        let status = match agent {
            None => DemoStatus::AgentMissing(demo::missing(&exe)),
            Some(agent) => match demo::spawn_agent(
                &agent,
                &entry.deep_link,
                self.config.demo_activity.as_deref(),
            ) {
                Ok(child) => {
                    self.demo_child = Some(child);
                    DemoStatus::Started(entry.code)
                }
                Err(err) => DemoStatus::AgentMissing(Problem::DemoNotStarted {
                    program: agent.display().to_string(),
                    detail: err.to_string(),
                }),
            },
        };
        self.sink.server(ServerEvent::Demo(status)).await;
    }

    /// Demo mode, once signed in: creates the demo customer's code.
    pub(super) fn create_demo_code(&self) {
        if !self.demo_pending {
            return;
        }
        let sink = self.sink.clone();
        self.background(move |api| async move {
            let code = api.create_code(Some(demo::DEMO_CUSTOMER), None).await?;
            sink.server(ServerEvent::CodeCreated(code.clone())).await;
            Ok(vec![Internal::Code(code)])
        });
    }
}

/// Waits for the demo agent to exit (never when there is none).
pub(super) async fn wait_child(child: &mut Option<Child>) -> Problem {
    match child {
        Some(child) => match child.wait().await {
            Ok(status) if status.success() => Problem::DemoLeft,
            Ok(status) => Problem::DemoStopped(status.to_string()),
            Err(err) => Problem::DemoNotWatched(err.to_string()),
        },
        None => std::future::pending().await,
    }
}
