//! The terminal's words, without I/O: session events become lines to print, typed lines
//! become commands.

use std::collections::VecDeque;

use lifeline_protocol::consent::Capability;

use crate::device::ConsentPrompt;
use crate::session::{CustomerCommand, CustomerEvent, SessionStatus};

/// Help for the commands the terminal understands.
pub const HELP: &str = "\
Type a message and press Enter to send it to your technician.
Commands: /pause and /resume screen sharing, /stop-sharing, /stop-control, exit to leave.";

/// What the terminal shows and understands at this point of the session.
#[derive(Debug, Default)]
pub struct TerminalView {
    /// Questions waiting for a y/n line; the first one is asked.
    prompts: VecDeque<ConsentPrompt>,
    /// The question this terminal just answered (its closing is not news).
    answered: Option<Capability>,
    status: SessionStatus,
    leaving: bool,
}

/// What a typed line led to.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct LineOutcome {
    /// Commands for the session.
    pub commands: Vec<CustomerCommand>,
    /// Lines to print.
    pub lines: Vec<String>,
}

fn question(prompt: &ConsentPrompt) -> Vec<String> {
    vec![prompt.body(), format!("{} [y/N]", prompt.title())]
}

fn megabytes(size: u64) -> String {
    if size >= 1024 * 1024 {
        format!("{:.1} MB", size as f64 / (1024.0 * 1024.0))
    } else {
        format!("{:.1} kB", size as f64 / 1024.0)
    }
}

impl TerminalView {
    /// A view before the session starts.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether a y/n answer is awaited.
    pub fn asking(&self) -> Option<&ConsentPrompt> {
        self.prompts.front()
    }

    /// The lines to print for `event`.
    pub fn on_event(&mut self, event: &CustomerEvent) -> Vec<String> {
        match event {
            CustomerEvent::Connected {
                technician,
                session_id,
                recorded,
                chat_only,
                ..
            } => {
                let mut lines = vec![format!("Connected to {technician} (session {session_id}).")];
                if *recorded {
                    lines.push("This session is recorded.".into());
                }
                if *chat_only {
                    lines
                        .push("This phone cannot share its screen: this is a chat session.".into());
                }
                lines.extend(HELP.lines().map(str::to_owned));
                lines
            }
            CustomerEvent::Chat { from, text } => vec![format!("{from}: {text}")],
            CustomerEvent::ChatSent { .. } => Vec::new(),
            CustomerEvent::ChatDelivered { .. } => vec!["(delivered)".into()],
            CustomerEvent::PromptNeeded(prompt) => {
                self.prompts.push_back(prompt.clone());
                if self.prompts.len() == 1 {
                    question(prompt)
                } else {
                    Vec::new()
                }
            }
            CustomerEvent::PromptClosed {
                capability,
                allowed,
            } => self.prompt_closed(*capability, *allowed),
            CustomerEvent::Status(status) => self.status_changed(*status),
            CustomerEvent::Notice(text) => vec![text.clone()],
            CustomerEvent::FileSending { name, size } => {
                vec![format!("Sending {name} ({})…", megabytes(*size))]
            }
            CustomerEvent::FileSent { name, .. } => vec![format!("Sent {name}.")],
            CustomerEvent::FileFailed { name, reason } => {
                vec![format!("Could not send {name}: {reason}")]
            }
            CustomerEvent::Ended { reason, .. } => {
                self.prompts.clear();
                vec![format!("Session ended: {reason}.")]
            }
        }
    }

    fn prompt_closed(&mut self, cap: Capability, allowed: Option<bool>) -> Vec<String> {
        if self.answered == Some(cap) {
            self.answered = None;
            return Vec::new();
        }
        let Some(index) = self.prompts.iter().position(|p| p.capability == cap) else {
            return Vec::new();
        };
        self.prompts.remove(index);
        let mut lines = Vec::new();
        if index == 0 {
            lines.push(match allowed {
                Some(_) => "(answered on the phone)".to_owned(),
                None => "(the request was withdrawn)".to_owned(),
            });
            if let Some(next) = self.prompts.front() {
                lines.extend(question(next));
            }
        }
        lines
    }

    fn status_changed(&mut self, status: SessionStatus) -> Vec<String> {
        let before = std::mem::replace(&mut self.status, status);
        let mut lines = Vec::new();
        if status.sharing && !before.sharing {
            lines.push("Your screen is being shared. (/pause, /stop-sharing)".into());
        } else if !status.sharing && before.sharing {
            lines.push("Your screen is not being shared.".into());
        }
        if status.control_granted && !before.control_granted {
            lines.push("Type /stop-control to take back control at any time.".into());
        }
        lines
    }

    /// What a typed line means.
    pub fn on_line(&mut self, line: &str) -> LineOutcome {
        let text = line.trim();
        let mut out = LineOutcome::default();
        if self.leaving {
            return out;
        }
        if text.eq_ignore_ascii_case("exit") || text == "/exit" || text == "/quit" {
            self.leaving = true;
            out.commands.push(CustomerCommand::Exit);
            out.lines.push("Leaving the session…".into());
            return out;
        }
        if let Some(prompt) = self.prompts.front() {
            let allow = match text.to_ascii_lowercase().as_str() {
                "y" | "yes" => true,
                "" | "n" | "no" => false,
                _ => {
                    out.lines
                        .push(format!("Please answer y or n. {} [y/N]", prompt.title()));
                    return out;
                }
            };
            let capability = prompt.capability;
            self.prompts.pop_front();
            self.answered = Some(capability);
            out.commands
                .push(CustomerCommand::AnswerPrompt { capability, allow });
            if let Some(next) = self.prompts.front() {
                out.lines.extend(question(next));
            }
            return out;
        }
        match text {
            "" => {}
            "/pause" => out.commands.push(CustomerCommand::PauseSharing(true)),
            "/resume" => out.commands.push(CustomerCommand::PauseSharing(false)),
            "/stop-sharing" => out.commands.push(CustomerCommand::StopSharing),
            "/stop-control" => out.commands.push(CustomerCommand::StopControl),
            "/help" => out.lines.extend(HELP.lines().map(str::to_owned)),
            command if command.starts_with('/') => {
                out.lines
                    .push(format!("Unknown command {command}; type /help."));
            }
            // The line as typed, not trimmed at the start (indentation may matter to the
            // customer); the session trims the end.
            _ => out
                .commands
                .push(CustomerCommand::SendChat(line.to_owned())),
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lifeline_protocol::messages::Party;
    use lifeline_protocol::messages::control::EndReason;

    fn prompt(cap: Capability) -> CustomerEvent {
        CustomerEvent::PromptNeeded(ConsentPrompt::new(cap, "Alex"))
    }

    #[test]
    fn prompts_are_asked_one_at_a_time_and_default_to_no() {
        let mut view = TerminalView::new();
        let lines = view.on_event(&prompt(Capability::Diagnostics));
        assert_eq!(lines.last().unwrap(), "Share device information? [y/N]");
        assert!(view.on_event(&prompt(Capability::LogFiles)).is_empty());

        let out = view.on_line("maybe");
        assert!(out.commands.is_empty());
        assert!(out.lines[0].starts_with("Please answer y or n."));

        let out = view.on_line("");
        assert_eq!(
            out.commands,
            vec![CustomerCommand::AnswerPrompt {
                capability: Capability::Diagnostics,
                allow: false
            }]
        );
        assert_eq!(out.lines.last().unwrap(), "Share log files? [y/N]");
        // The session confirms the answer this terminal gave: nothing to say.
        assert!(
            view.on_event(&CustomerEvent::PromptClosed {
                capability: Capability::Diagnostics,
                allowed: Some(false)
            })
            .is_empty()
        );
        let out = view.on_line(" YES ");
        assert_eq!(
            out.commands,
            vec![CustomerCommand::AnswerPrompt {
                capability: Capability::LogFiles,
                allow: true
            }]
        );
        assert!(view.asking().is_none());
    }

    #[test]
    fn a_prompt_answered_on_the_phone_leaves_the_terminal() {
        let mut view = TerminalView::new();
        view.on_event(&prompt(Capability::ScreenView));
        view.on_event(&prompt(Capability::Diagnostics));
        let lines = view.on_event(&CustomerEvent::PromptClosed {
            capability: Capability::ScreenView,
            allowed: Some(true),
        });
        assert_eq!(lines[0], "(answered on the phone)");
        assert_eq!(lines.last().unwrap(), "Share device information? [y/N]");
        assert_eq!(view.asking().unwrap().capability, Capability::Diagnostics);
    }

    #[test]
    fn lines_are_chat_or_commands() {
        let mut view = TerminalView::new();
        assert_eq!(
            view.on_line("my phone is slow").commands,
            vec![CustomerCommand::SendChat("my phone is slow".into())]
        );
        assert_eq!(
            view.on_line("/pause").commands,
            vec![CustomerCommand::PauseSharing(true)]
        );
        assert_eq!(
            view.on_line("/stop-control").commands,
            vec![CustomerCommand::StopControl]
        );
        assert!(view.on_line("/frobnicate").lines[0].starts_with("Unknown command"));
        assert!(view.on_line("   ").commands.is_empty());
        assert_eq!(view.on_line("exit").commands, vec![CustomerCommand::Exit]);
        assert!(view.on_line("more chat").commands.is_empty(), "leaving");
    }

    #[test]
    fn events_read_well() {
        let mut view = TerminalView::new();
        let chat = CustomerEvent::Chat {
            from: "Alex".into(),
            text: "Hello!".into(),
        };
        assert_eq!(view.on_event(&chat), vec!["Alex: Hello!".to_owned()]);
        let sharing = SessionStatus {
            screen_granted: true,
            sharing: true,
            ..SessionStatus::default()
        };
        assert_eq!(
            view.on_event(&CustomerEvent::Status(sharing))[0],
            "Your screen is being shared. (/pause, /stop-sharing)"
        );
        assert!(view.on_event(&CustomerEvent::Status(sharing)).is_empty());
        let ended = CustomerEvent::Ended {
            by: Party::Technician,
            reason: EndReason::TechnicianClosed,
        };
        assert_eq!(
            view.on_event(&ended),
            vec!["Session ended: the technician ended the session.".to_owned()]
        );
        assert_eq!(
            view.on_event(&CustomerEvent::FileSending {
                name: "logcat.txt".into(),
                size: 3 * 1024 * 1024
            }),
            vec!["Sending logcat.txt (3.0 MB)…".to_owned()]
        );
    }
}
