//! What the session tells the customer's frontend (terminal, desktop window) and what the
//! frontend asks of it.

use lifeline_protocol::consent::{Capability, PortalPolicy};
use lifeline_protocol::messages::Party;
use lifeline_protocol::messages::control::{ChatId, EndReason};

use crate::device::ConsentPrompt;

/// Where the session stands, as a frontend shows it (buttons, status line). Sent as
/// [`CustomerEvent::Status`] whenever it changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SessionStatus {
    /// The technician may see the screen (granted, and the device can capture).
    pub screen_granted: bool,
    /// The customer paused sharing.
    pub paused: bool,
    /// Frames are being sent now: granted and not paused. The phone shows its
    /// "screen is being shared" indicator exactly while this holds.
    pub sharing: bool,
    /// The technician may control the phone.
    pub control_granted: bool,
    /// The technician may read device information.
    pub diagnostics_granted: bool,
    /// The technician may receive log files.
    pub logs_granted: bool,
}

/// Something the customer should see or decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomerEvent {
    /// The technician is there; the session has started.
    Connected {
        /// The technician's name.
        technician: String,
        /// The relay's session ID.
        session_id: u64,
        /// Whether the session is recorded.
        recorded: bool,
        /// What the portal allows.
        policy: PortalPolicy,
        /// Whether this phone can only chat (it cannot share its screen).
        chat_only: bool,
    },
    /// A chat message from the technician.
    Chat {
        /// The technician's name.
        from: String,
        /// The text.
        text: String,
    },
    /// The customer's message was queued for the technician with this ID.
    ChatSent {
        /// Its ID; [`CustomerEvent::ChatDelivered`] follows when the technician has it.
        id: ChatId,
        /// The text.
        text: String,
    },
    /// The technician received the customer's message.
    ChatDelivered {
        /// Which message.
        id: ChatId,
    },
    /// The technician asks for something; answer with [`CustomerCommand::AnswerPrompt`].
    /// The same question is on the phone's screen; whichever answer comes first counts.
    PromptNeeded(ConsentPrompt),
    /// A question is no longer open: answered (on the phone or here) or withdrawn.
    PromptClosed {
        /// What was asked.
        capability: Capability,
        /// The answer, or `None` when the question was withdrawn.
        allowed: Option<bool>,
    },
    /// Where the session stands changed.
    Status(SessionStatus),
    /// Something to tell the customer in passing (e.g. "Alex read your device information").
    Notice(String),
    /// A log file is being sent.
    FileSending {
        /// File name.
        name: String,
        /// Its size in bytes.
        size: u64,
    },
    /// A log file was sent completely.
    FileSent {
        /// File name.
        name: String,
        /// Its size in bytes.
        size: u64,
    },
    /// Sending a log file failed.
    FileFailed {
        /// File name.
        name: String,
        /// Why.
        reason: String,
    },
    /// The session is over; no more events follow.
    Ended {
        /// Who ended it.
        by: Party,
        /// Why.
        reason: EndReason,
    },
}

/// Something the customer does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomerCommand {
    /// Send a chat message to the technician.
    SendChat(String),
    /// Answer an open consent question.
    AnswerPrompt {
        /// What was asked.
        capability: Capability,
        /// Whether the customer agrees.
        allow: bool,
    },
    /// Pause (`true`) or resume (`false`) screen sharing; the grant stays.
    PauseSharing(bool),
    /// Withdraw screen view (and with it remote control).
    StopSharing,
    /// Withdraw remote control at once (a drag in progress is cancelled).
    StopControl,
    /// Leave the session; the technician is told the customer left.
    Exit,
}
