//! What the network tells the console: the events `net` produces and `state` applies.

use std::path::PathBuf;
use std::time::Duration;

use lifeline_protocol::SessionCode;
use lifeline_protocol::messages::control::{ChatId, ControlMessage};
use lifeline_protocol::messages::file::FileHeader;
use lifeline_protocol::messages::handshake::{DeviceSummary, Welcome};
use lifeline_protocol::messages::video::StreamStart;

use super::admin::UserInfo;
use super::codes::{CodeEntry, PortalInfo, PortalRequest};
use super::problem::Problem;
use super::screen::SharedScreen;

/// The signed-in account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Sign-in name.
    pub name: String,
    /// `technician`, `lead` or `admin`.
    pub role: String,
}

/// One event from the network side.
#[derive(Debug, Clone)]
pub enum Event {
    /// About the server and the account.
    Server(ServerEvent),
    /// About one session (named by its code).
    Session(SessionCode, SessionEvent),
}

/// Server, account, codes, portals, requests.
#[derive(Debug, Clone)]
pub enum ServerEvent {
    /// The in-process relay is up (local and demo mode).
    LocalRelayStarted {
        /// Its web address.
        url: String,
        /// Its certificate fingerprint.
        fingerprint: String,
    },
    /// The in-process relay could not start.
    LocalRelayFailed(Problem),
    /// Signed in.
    SignedIn(Account),
    /// Sign-in refused or impossible, and why.
    SignInFailed(Problem),
    /// Signed out (on request, or the token stopped working).
    SignedOut(Option<Problem>),
    /// The technician's codes.
    Codes(Vec<CodeEntry>),
    /// A code was created.
    CodeCreated(CodeEntry),
    /// A code changed (cancelled, accepted from a request).
    CodeUpdated(CodeEntry),
    /// The portals.
    Portals(Vec<PortalInfo>),
    /// A portal was created or changed (admins).
    PortalSaved(PortalInfo),
    /// The user accounts (admins).
    Users(Vec<UserInfo>),
    /// How many days session records are kept (`None`: forever), loaded or just `saved`
    /// (admins).
    Retention {
        /// Days.
        days: Option<u32>,
        /// The admin just set it.
        saved: bool,
    },
    /// An account was created or changed (admins).
    UserSaved(UserInfo),
    /// Open portal requests.
    Requests(Vec<PortalRequest>),
    /// The server answered (after it was unreachable).
    Reachable,
    /// The server could not be reached, and why.
    Unreachable(Problem),
    /// A request failed, and why.
    Error(Problem),
    /// The technician cancelled this code.
    CodeCancelled(CodeEntry),
    /// The demo phone's state.
    Demo(DemoStatus),
}

/// Where the demo phone stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DemoStatus {
    /// Not a demo.
    Off,
    /// The `lifeline-agent` binary is not next to the console, or did not run.
    AgentMissing(Problem),
    /// The agent was started on this code.
    Started(SessionCode),
    /// The agent exited, and how.
    Exited(Problem),
}

/// One session's events.
#[derive(Debug, Clone)]
pub enum SessionEvent {
    /// Connecting to the relay; decoded frames will appear in this screen.
    Connecting(SharedScreen),
    /// Admitted; waiting for the customer to join.
    Waiting,
    /// The customer joined: the relay's welcome.
    Paired(Welcome),
    /// The relay introduced the customer.
    PeerJoined {
        /// The customer's name.
        name: String,
        /// Their phone.
        device: Option<DeviceSummary>,
    },
    /// A control message from the phone. (`Ping`s and `ChatAck`s we send ourselves are
    /// handled by `net`.)
    Control(ControlMessage),
    /// Our chat message left on the control stream.
    ChatSent(ChatId),
    /// Our chat message could not be sent.
    ChatFailed(ChatId, Problem),
    /// A request we sent (consent, diagnostics, logs) — for the transcript.
    Requested(ControlMessage),
    /// A round-trip time measurement.
    Rtt(Duration),
    /// The video stream (re)started.
    VideoStarted(StreamStart),
    /// A frame was decoded into the shared screen.
    FrameDecoded {
        /// The frame's sequence number.
        sequence: u64,
        /// Its payload size.
        bytes: usize,
    },
    /// The video stream ended or failed.
    VideoStopped(Option<Problem>),
    /// Bytes of a file arrived.
    FileProgress {
        /// The file's header.
        header: FileHeader,
        /// Bytes so far.
        received: u64,
    },
    /// A file is complete, verified and saved.
    FileSaved {
        /// Which.
        file_id: u32,
        /// Where.
        path: PathBuf,
    },
    /// A file failed.
    FileFailed {
        /// Which.
        file_id: u32,
        /// Why.
        reason: Problem,
    },
    /// A diagnostics export or screenshot was written.
    Saved(PathBuf),
    /// The customer left (cleanly or not).
    PeerLeft {
        /// Whether they pressed Exit.
        clean: bool,
    },
    /// The session is over, and why. The transcript stays.
    Ended(Problem),
    /// The connection could not be made, and why.
    Failed(Problem),
}
