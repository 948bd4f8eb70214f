//! What the UI (or a headless driver) asks the network side to do.

use lifeline_protocol::SessionCode;
use lifeline_protocol::consent::Capability;
use lifeline_protocol::messages::control::{ChatMessage, QualityHint};
use lifeline_protocol::messages::input::InputEvent;
use tokio::sync::mpsc;

use super::review::{ReviewMailbox, ReviewRequest};
use crate::state::Problem;
use crate::state::admin::PortalDraft;

/// Commands waiting beyond this many are refused (the UI shows "busy").
pub const COMMAND_QUEUE: usize = 512;

/// One command.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Sign in to a remote relay.
    SignIn {
        /// Account name.
        name: String,
        /// Password.
        password: String,
    },
    /// Forget the token.
    SignOut,
    /// Reload codes, portals and portal requests.
    Refresh,
    /// Create a code.
    CreateCode {
        /// A note, e.g. the customer's name.
        identifier: Option<String>,
        /// The portal's slug; the default portal when `None`.
        portal: Option<String>,
    },
    /// Withdraw a pending code.
    CancelCode(SessionCode),
    /// Take a portal request (its chat-only code becomes ours, and we wait on it).
    AcceptRequest(i64),
    /// Load portals, accounts and the records' retention (admins).
    LoadAdmin,
    /// Set how many days session records are kept; `None`: forever (admins).
    SetRetention(Option<u32>),
    /// Whether a portal's customers are told that their session is recorded (admins).
    SetRecordingNotice {
        /// The portal.
        portal: i64,
        /// Told or not.
        notice: bool,
    },
    /// Create (`id: None`) or change a portal (admins).
    SavePortal {
        /// The portal, or `None` for a new one.
        id: Option<i64>,
        /// Its settings.
        draft: PortalDraft,
    },
    /// Create an account (admins).
    CreateUser {
        /// Sign-in name.
        name: String,
        /// Password.
        password: String,
        /// `technician`, `lead` or `admin`.
        role: String,
    },
    /// Change an account (admins).
    UpdateUser {
        /// Which.
        id: i64,
        /// New role.
        role: Option<String>,
        /// Disable (or enable) it.
        disabled: Option<bool>,
    },
    /// Open the session connection for a code and wait for the customer.
    Connect(SessionCode),
    /// Something for one session.
    Session(SessionCode, SessionCommand),
    /// Save diagnostics as JSON to the downloads folder.
    ExportDiagnostics {
        /// The session it came from.
        code: SessionCode,
        /// The report, as JSON.
        json: String,
    },
    /// Save a screenshot PNG to the downloads folder.
    SaveScreenshot {
        /// The session it came from.
        code: SessionCode,
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
        /// RGBA8 pixels.
        rgba: Vec<u8>,
    },
    /// Something for the review window; the result lands in the mailbox.
    Review(ReviewRequest, ReviewMailbox),
    /// End every session, stop the local relay and the demo phone, then stop.
    Shutdown,
}

/// A command for one session.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionCommand {
    /// Send a chat message (composed by the session's transcript).
    Chat(ChatMessage),
    /// Ask for a capability (remote control asks for screen view first if needed).
    Request(Capability),
    /// Ask for diagnostics (asks for consent first if needed).
    Diagnostics,
    /// Ask for log files (asks for consent first if needed).
    Logs,
    /// Input for the phone.
    Input(InputEvent),
    /// Ask for a keyframe.
    Keyframe,
    /// Change the video quality.
    Quality(QualityHint),
    /// End the session.
    End,
}

/// Sends commands without blocking. Cheap to clone.
#[derive(Debug, Clone)]
pub struct CommandSender {
    tx: mpsc::Sender<Command>,
}

/// The command queue is full or the network side stopped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommandError {
    /// Too many commands waiting.
    #[error("the console is busy; try again in a moment")]
    Busy,
    /// The network side is gone.
    #[error("the network side has stopped")]
    Stopped,
}

impl CommandError {
    /// What went wrong, as the console tells the technician.
    pub fn problem(&self) -> Problem {
        match self {
            Self::Busy => Problem::Busy,
            Self::Stopped => Problem::NetworkStopped,
        }
    }
}

impl CommandSender {
    /// A sender and the receiving end.
    pub fn channel() -> (Self, mpsc::Receiver<Command>) {
        let (tx, rx) = mpsc::channel(COMMAND_QUEUE);
        (Self { tx }, rx)
    }

    /// Queues a command; never blocks.
    pub fn send(&self, command: Command) -> Result<(), CommandError> {
        self.tx.try_send(command).map_err(|e| match e {
            mpsc::error::TrySendError::Full(_) => CommandError::Busy,
            mpsc::error::TrySendError::Closed(_) => CommandError::Stopped,
        })
    }

    /// Queues a session command.
    pub fn session(&self, code: SessionCode, command: SessionCommand) -> Result<(), CommandError> {
        self.send(Command::Session(code, command))
    }
}
