//! What the window shows, kept apart from drawing: the session's [`CustomerEvent`]s and the
//! joining [`Stage`](super::Stage)s become a phase, a status and a chat log. Tested without
//! a window.

use lifeline_protocol::i18n::Localizer;
use lifeline_protocol::messages::control::ChatId;
use lifeline_protocol::tr;

use crate::device::ConsentPrompt;
use crate::session::join::{self, JoinError, JoinStep};
use crate::session::wording::{end_reason, file_size};
use crate::session::{CustomerEvent, SessionStatus};

/// Where the session is, as the window shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// Reaching the relay.
    Joining(String),
    /// Admitted; waiting for the technician to open the session.
    Waiting,
    /// The technician is there.
    Live,
    /// Joining failed.
    Failed(String),
    /// The session is over, with the sentence saying why.
    Ended(String),
}

/// Who wrote a chat line, or that it is a notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Author {
    /// The technician, by name.
    Technician(String),
    /// The customer; `delivered` once the technician has it.
    Customer {
        /// The session's ID for the message.
        id: ChatId,
        /// The technician received it.
        delivered: bool,
    },
    /// Something the session says in passing (consent given, file sent, sharing paused).
    Notice,
}

/// One line of the chat panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatLine {
    /// Who wrote it.
    pub author: Author,
    /// What it says.
    pub text: String,
    /// Local time it arrived, "14:05".
    pub time: String,
}

/// Most lines kept; older ones scroll away for good.
pub const MAX_LINES: usize = 500;

/// Everything the window shows about the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionModel {
    /// Where the session is.
    pub phase: Phase,
    /// The technician's name, once connected.
    pub technician: Option<String>,
    /// The session's ID at the relay.
    pub session_id: Option<u64>,
    /// Whether the session is recorded.
    pub recorded: bool,
    /// Whether this phone can only chat.
    pub chat_only: bool,
    /// Sharing and grants.
    pub status: SessionStatus,
    /// The chat and notices, oldest first.
    pub lines: Vec<ChatLine>,
    /// The language of what the window says.
    pub loc: Localizer,
    /// Questions not answered yet, oldest first. The simulated phone shows them on its own
    /// screen; for a real phone attached by USB the window asks them.
    pub prompts: Vec<ConsentPrompt>,
}

impl Default for SessionModel {
    fn default() -> Self {
        Self::new()
    }
}

impl SessionModel {
    /// Before joining starts, in English.
    pub fn new() -> Self {
        Self::with_language(Localizer::default())
    }

    /// Before joining starts, speaking `loc`'s language.
    pub fn with_language(loc: Localizer) -> Self {
        Self {
            loc,
            phase: Phase::Joining(tr!(loc, "window-connecting")),
            technician: None,
            session_id: None,
            recorded: false,
            chat_only: false,
            status: SessionStatus::default(),
            lines: Vec::new(),
            prompts: Vec::new(),
        }
    }

    /// Whether the session runs and takes commands.
    pub fn is_live(&self) -> bool {
        self.phase == Phase::Live
    }

    /// Whether nothing more will happen (failed or ended).
    pub fn is_over(&self) -> bool {
        matches!(self.phase, Phase::Failed(_) | Phase::Ended(_))
    }

    /// The technician's name, or "your technician".
    pub fn technician_or_default(&self) -> String {
        self.technician
            .clone()
            .unwrap_or_else(|| tr!(self.loc, "window-your-technician"))
    }

    fn push(&mut self, author: Author, text: String, time: &str) {
        if self.lines.len() >= MAX_LINES {
            self.lines.remove(0);
        }
        self.lines.push(ChatLine {
            author,
            text,
            time: time.to_owned(),
        });
    }

    fn notice(&mut self, text: String, time: &str) {
        self.push(Author::Notice, text, time);
    }

    /// Applies one event from the session; `time` is the local time to show with it.
    pub fn on_event(&mut self, event: &CustomerEvent, time: &str) {
        match event {
            CustomerEvent::Connected {
                technician,
                session_id,
                recorded,
                chat_only,
                ..
            } => {
                self.phase = Phase::Live;
                self.technician = Some(technician.clone());
                self.session_id = Some(*session_id);
                self.recorded = *recorded;
                self.chat_only = *chat_only;
                let loc = self.loc;
                self.notice(tr!(loc, "agent-joined", who = technician.as_str()), time);
                if *recorded {
                    self.notice(tr!(loc, "agent-recorded"), time);
                }
                if *chat_only {
                    self.notice(tr!(loc, "agent-chat-only"), time);
                }
            }
            CustomerEvent::Chat { from, text } => {
                self.push(Author::Technician(from.clone()), text.clone(), time);
            }
            CustomerEvent::ChatSent { id, text } => self.push(
                Author::Customer {
                    id: *id,
                    delivered: false,
                },
                text.clone(),
                time,
            ),
            CustomerEvent::ChatDelivered { id } => {
                for line in self.lines.iter_mut().rev() {
                    if let Author::Customer {
                        id: sent,
                        delivered,
                    } = &mut line.author
                        && sent == id
                    {
                        *delivered = true;
                        break;
                    }
                }
            }
            // The session's notice tells the answer.
            CustomerEvent::PromptNeeded(prompt) => self.prompts.push(prompt.clone()),
            CustomerEvent::PromptClosed { capability, .. } => {
                self.prompts.retain(|p| p.capability != *capability);
            }
            CustomerEvent::Status(status) => self.status = *status,
            CustomerEvent::Notice(text) => self.notice(text.clone(), time),
            CustomerEvent::FileSending { name, size } => {
                let size = file_size(self.loc, *size);
                let text = tr!(
                    self.loc,
                    "agent-file-sending",
                    name = name.as_str(),
                    size = size
                );
                self.notice(text, time);
            }
            CustomerEvent::FileSent { name, size } => {
                let size = file_size(self.loc, *size);
                let text = tr!(
                    self.loc,
                    "agent-file-sent",
                    name = name.as_str(),
                    size = size
                );
                self.notice(text, time);
            }
            CustomerEvent::FileFailed { name, reason } => {
                let text = tr!(
                    self.loc,
                    "agent-file-failed",
                    name = name.as_str(),
                    reason = reason.to_string()
                );
                self.notice(text, time);
            }
            CustomerEvent::Ended { reason, .. } => {
                let text = tr!(
                    self.loc,
                    "agent-ended",
                    reason = end_reason(self.loc, reason)
                );
                self.notice(text.clone(), time);
                self.status = SessionStatus::default();
                self.phase = Phase::Ended(text);
            }
        }
    }

    /// The session's event stream closed without [`CustomerEvent::Ended`].
    pub fn on_events_closed(&mut self, time: &str) {
        if self.is_live() {
            let lost = tr!(self.loc, "agent-connection-lost");
            let text = tr!(self.loc, "agent-ended", reason = lost);
            self.notice(text.clone(), time);
            self.status = SessionStatus::default();
            self.phase = Phase::Ended(text);
        }
    }

    /// Joining moved on (not [`Stage::Started`](super::Stage::Started), which carries the
    /// session and is taken by the app).
    pub fn on_joining(&mut self, step: &JoinStep) {
        if !self.is_over() {
            self.phase = Phase::Joining(join::wording::step(self.loc, step));
        }
    }

    /// Admitted; waiting for the technician.
    pub fn on_waiting(&mut self) {
        if !self.is_over() {
            self.phase = Phase::Waiting;
        }
    }

    /// Joining failed.
    pub fn on_join_failed(&mut self, err: &JoinError) {
        self.fail(join::wording::join_error(self.loc, err));
    }

    /// Joining stopped without saying why (its task is gone).
    pub fn on_joining_stopped(&mut self) {
        self.fail(tr!(self.loc, "window-joining-stopped"));
    }

    fn fail(&mut self, reason: String) {
        if !self.is_over() {
            self.phase = Phase::Failed(reason);
        }
    }

    /// One line for the status bar: sharing and control.
    pub fn status_line(&self) -> String {
        match &self.phase {
            Phase::Joining(detail) => detail.clone(),
            Phase::Waiting => tr!(
                self.loc,
                "window-status-waiting",
                who = self.technician_or_default()
            ),
            Phase::Failed(reason) => {
                tr!(self.loc, "window-status-failed", reason = reason.as_str())
            }
            Phase::Ended(text) => text.clone(),
            Phase::Live => {
                let s = self.status;
                let loc = self.loc;
                let sharing = if self.chat_only {
                    tr!(loc, "window-status-chat-only")
                } else if s.sharing {
                    tr!(loc, "window-status-sharing")
                } else if s.paused {
                    tr!(loc, "window-status-paused")
                } else {
                    tr!(loc, "window-status-not-shared")
                };
                let control = if s.control_granted {
                    tr!(loc, "window-status-control")
                } else {
                    tr!(loc, "window-status-no-control")
                };
                format!("{sharing} · {control}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use lifeline_protocol::consent::PortalPolicy;
    use lifeline_protocol::messages::Party;
    use lifeline_protocol::messages::control::EndReason;

    use super::*;

    fn connected() -> CustomerEvent {
        CustomerEvent::Connected {
            technician: "Alex".into(),
            session_id: 7,
            recorded: true,
            policy: PortalPolicy::default(),
            chat_only: false,
        }
    }

    #[test]
    fn a_session_chats_ticks_and_ends() {
        let mut m = SessionModel::new();
        m.on_waiting();
        assert_eq!(m.status_line(), "Waiting for your technician…");
        m.on_event(&connected(), "10:00");
        assert!(m.is_live());
        m.on_event(
            &CustomerEvent::Chat {
                from: "Alex".into(),
                text: "hello".into(),
            },
            "10:01",
        );
        let id = ChatId(3);
        m.on_event(
            &CustomerEvent::ChatSent {
                id,
                text: "hi".into(),
            },
            "10:02",
        );
        assert_eq!(
            m.lines.last().map(|l| &l.author),
            Some(&Author::Customer {
                id,
                delivered: false
            })
        );
        m.on_event(&CustomerEvent::ChatDelivered { id }, "10:02");
        assert_eq!(
            m.lines.last().map(|l| &l.author),
            Some(&Author::Customer {
                id,
                delivered: true
            })
        );
        let status = SessionStatus {
            screen_granted: true,
            paused: true,
            control_granted: true,
            ..SessionStatus::default()
        };
        m.on_event(&CustomerEvent::Status(status), "10:03");
        assert_eq!(m.status_line(), "Sharing paused · control allowed");
        m.on_event(
            &CustomerEvent::Ended {
                by: Party::Technician,
                reason: EndReason::TechnicianClosed,
            },
            "10:04",
        );
        assert!(m.is_over());
        assert_eq!(m.status, SessionStatus::default());
        assert_eq!(
            m.status_line(),
            "Session ended: the technician ended the session."
        );
        // Joining news after the end changes nothing.
        m.on_waiting();
        assert!(m.is_over());
    }

    #[test]
    fn the_log_keeps_the_newest_lines() {
        let mut m = SessionModel::new();
        for i in 0..MAX_LINES + 5 {
            m.on_event(&CustomerEvent::Notice(format!("n{i}")), "10:00");
        }
        assert_eq!(m.lines.len(), MAX_LINES);
        assert_eq!(m.lines[0].text, "n5");
    }

    #[test]
    fn the_end_and_joining_read_in_the_phones_language() {
        use lifeline_protocol::i18n::Language;
        use lifeline_protocol::messages::handshake::RejectReason;

        let mut m = SessionModel::with_language(Localizer::new(Language::Es));
        m.on_event(&connected(), "10:00");
        m.on_event(
            &CustomerEvent::Ended {
                by: Party::Technician,
                reason: EndReason::TechnicianClosed,
            },
            "10:04",
        );
        assert_eq!(
            m.status_line(),
            "Sesión finalizada: el técnico finalizó la sesión."
        );

        let mut m = SessionModel::with_language(Localizer::new(Language::Fr));
        m.on_event(&connected(), "10:00");
        m.on_event(
            &CustomerEvent::Ended {
                by: Party::Customer,
                reason: EndReason::Timeout,
            },
            "10:04",
        );
        assert_eq!(
            m.lines.last().map(|l| l.text.as_str()),
            Some("Session terminée : le technicien ne répond plus.")
        );

        let mut m = SessionModel::with_language(Localizer::new(Language::Fr));
        m.on_joining(&JoinStep::OpeningPage {
            url: "https://relay.example/join/123456789".into(),
        });
        assert_eq!(
            m.status_line(),
            "Ouverture de https://relay.example/join/123456789…"
        );
        m.on_join_failed(&JoinError::Refused(RejectReason::AlreadyUsed));
        assert_eq!(
            m.phase,
            Phase::Failed("ce code de session a déjà été utilisé ; demandez-en un nouveau".into())
        );
        assert_eq!(
            m.status_line(),
            "Impossible de rejoindre la session : ce code de session a déjà été utilisé ; \
             demandez-en un nouveau"
        );

        let mut m = SessionModel::with_language(Localizer::new(Language::Es));
        m.on_joining_stopped();
        assert_eq!(m.phase, Phase::Failed("se interrumpió la conexión".into()));
    }

    #[test]
    fn a_lost_event_stream_ends_a_live_session() {
        let mut m = SessionModel::new();
        m.on_events_closed("10:00");
        assert!(!m.is_over());
        m.on_event(&connected(), "10:00");
        m.on_events_closed("10:01");
        assert!(m.is_over());
    }
}
