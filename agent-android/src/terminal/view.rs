//! The terminal's words, without I/O: session events become lines to print, typed lines
//! become commands.

use std::collections::VecDeque;

use lifeline_protocol::consent::Capability;
use lifeline_protocol::i18n::Localizer;
use lifeline_protocol::tr;

use crate::device::ConsentPrompt;
use crate::session::wording::{end_reason, file_size};
use crate::session::{CustomerCommand, CustomerEvent, SessionStatus};

/// Help for the commands the terminal understands, one line each.
pub fn help(loc: Localizer) -> Vec<String> {
    tr!(loc, "term-help").lines().map(str::to_owned).collect()
}

/// What the terminal shows and understands at this point of the session.
#[derive(Debug, Default)]
pub struct TerminalView {
    /// Questions waiting for a y/n line; the first one is asked.
    prompts: VecDeque<ConsentPrompt>,
    /// The question this terminal just answered (its closing is not news).
    answered: Option<Capability>,
    status: SessionStatus,
    leaving: bool,
    loc: Localizer,
}

/// What a typed line led to.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct LineOutcome {
    /// Commands for the session.
    pub commands: Vec<CustomerCommand>,
    /// Lines to print.
    pub lines: Vec<String>,
}

fn question(loc: Localizer, prompt: &ConsentPrompt) -> Vec<String> {
    vec![
        prompt.body(loc),
        tr!(loc, "term-question", title = prompt.title(loc)),
    ]
}

/// Whether a typed answer means yes (`y`, `o` for oui, `s` for sí, in any language), no
/// (empty counts as no), or neither.
fn yes_no(text: &str) -> Option<bool> {
    match text.to_lowercase().as_str() {
        "y" | "yes" | "o" | "oui" | "s" | "si" | "sí" => Some(true),
        "" | "n" | "no" | "non" => Some(false),
        _ => None,
    }
}

impl TerminalView {
    /// A view before the session starts, speaking `loc`'s language.
    pub fn new(loc: Localizer) -> Self {
        Self {
            loc,
            ..Self::default()
        }
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
                let loc = self.loc;
                let mut lines = vec![tr!(
                    loc,
                    "term-connected",
                    technician = technician.as_str(),
                    session = session_id.to_string()
                )];
                if *recorded {
                    lines.push(tr!(loc, "agent-recorded"));
                }
                if *chat_only {
                    lines.push(tr!(loc, "agent-chat-only"));
                }
                lines.extend(help(loc));
                lines
            }
            CustomerEvent::Chat { from, text } => vec![format!("{from}: {text}")],
            CustomerEvent::ChatSent { .. } => Vec::new(),
            CustomerEvent::ChatDelivered { .. } => vec![tr!(self.loc, "term-delivered")],
            CustomerEvent::PromptNeeded(prompt) => {
                self.prompts.push_back(prompt.clone());
                if self.prompts.len() == 1 {
                    question(self.loc, prompt)
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
                let size = file_size(self.loc, *size);
                vec![tr!(
                    self.loc,
                    "agent-file-sending",
                    name = name.as_str(),
                    size = size
                )]
            }
            CustomerEvent::FileSent { name, .. } => {
                vec![tr!(self.loc, "term-sent-file", name = name.as_str())]
            }
            CustomerEvent::FileFailed { name, reason } => vec![tr!(
                self.loc,
                "agent-file-failed",
                name = name.as_str(),
                reason = reason.to_string()
            )],
            CustomerEvent::Ended { reason, .. } => {
                self.prompts.clear();
                vec![tr!(
                    self.loc,
                    "agent-ended",
                    reason = end_reason(self.loc, reason)
                )]
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
                Some(_) => tr!(self.loc, "term-answered-on-phone"),
                None => tr!(self.loc, "term-request-withdrawn"),
            });
            if let Some(next) = self.prompts.front() {
                lines.extend(question(self.loc, next));
            }
        }
        lines
    }

    fn status_changed(&mut self, status: SessionStatus) -> Vec<String> {
        let before = std::mem::replace(&mut self.status, status);
        let mut lines = Vec::new();
        if status.sharing && !before.sharing {
            lines.push(tr!(self.loc, "term-sharing-on"));
        } else if !status.sharing && before.sharing {
            lines.push(tr!(self.loc, "term-sharing-off"));
        }
        if status.control_granted && !before.control_granted {
            lines.push(tr!(self.loc, "term-control-hint"));
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
            out.lines.push(tr!(self.loc, "term-leaving"));
            return out;
        }
        if let Some(prompt) = self.prompts.front() {
            let Some(allow) = yes_no(text) else {
                let title = prompt.title(self.loc);
                out.lines
                    .push(tr!(self.loc, "term-answer-yes-no", title = title));
                return out;
            };
            let capability = prompt.capability;
            self.prompts.pop_front();
            self.answered = Some(capability);
            out.commands
                .push(CustomerCommand::AnswerPrompt { capability, allow });
            if let Some(next) = self.prompts.front() {
                out.lines.extend(question(self.loc, next));
            }
            return out;
        }
        match text {
            "" => {}
            "/pause" => out.commands.push(CustomerCommand::PauseSharing(true)),
            "/resume" => out.commands.push(CustomerCommand::PauseSharing(false)),
            "/stop-sharing" => out.commands.push(CustomerCommand::StopSharing),
            "/stop-control" => out.commands.push(CustomerCommand::StopControl),
            "/help" => out.lines.extend(help(self.loc)),
            command if command.starts_with('/') => {
                out.lines
                    .push(tr!(self.loc, "term-unknown-command", command = command));
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
        let mut view = TerminalView::new(Localizer::default());
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
        let mut view = TerminalView::new(Localizer::default());
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
        let mut view = TerminalView::new(Localizer::default());
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
        let mut view = TerminalView::new(Localizer::default());
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

    #[test]
    fn the_terminal_speaks_the_phones_language() {
        use lifeline_protocol::i18n::Language;
        let mut view = TerminalView::new(Localizer::new(Language::Fr));
        let lines = view.on_event(&prompt(Capability::Diagnostics));
        assert_eq!(
            lines.last().unwrap(),
            "Partager les informations sur le périphérique ? [o/N]"
        );
        assert!(view.on_line("peut-être").lines[0].starts_with("Veuillez répondre"));
        let out = view.on_line("oui");
        assert_eq!(
            out.commands,
            vec![CustomerCommand::AnswerPrompt {
                capability: Capability::Diagnostics,
                allow: true
            }]
        );
        let mut view = TerminalView::new(Localizer::new(Language::Es));
        view.on_event(&prompt(Capability::LogFiles));
        let out = view.on_line("sí");
        assert!(matches!(
            out.commands[..],
            [CustomerCommand::AnswerPrompt { allow: true, .. }]
        ));
        assert!(view.on_line("/nada").lines[0].starts_with("Comando desconocido"));
    }

    #[test]
    fn the_end_reason_is_in_the_phones_language() {
        use lifeline_protocol::i18n::Language;
        let ended = |reason| CustomerEvent::Ended {
            by: Party::Technician,
            reason,
        };
        let mut view = TerminalView::new(Localizer::new(Language::Es));
        assert_eq!(
            view.on_event(&ended(EndReason::TechnicianClosed)),
            vec!["Sesión finalizada: el técnico finalizó la sesión.".to_owned()]
        );
        let mut view = TerminalView::new(Localizer::new(Language::Fr));
        assert_eq!(
            view.on_event(&ended(EndReason::RelayShutdown)),
            vec!["Session terminée : le serveur s'est arrêté.".to_owned()]
        );
        assert_eq!(
            view.on_event(&ended(EndReason::CustomerLeft)),
            vec!["Session terminée : vous avez quitté la session.".to_owned()]
        );
    }
}
