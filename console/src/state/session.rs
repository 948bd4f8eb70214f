//! One session as the technician sees it, and the rules that change it.

use std::time::Instant;

use lifeline_protocol::SessionCode;
use lifeline_protocol::consent::{Capability, CapabilitySet, PortalPolicy};
use lifeline_protocol::i18n::Localizer;
use lifeline_protocol::messages::control::{ChatError, ChatMessage, ControlMessage};
use lifeline_protocol::messages::handshake::DeviceSummary;
use lifeline_protocol::messages::{Party, UnixMillis};
use lifeline_protocol::tr;

use super::consent::{ConsentBoard, ConsentView};
use super::diagnostics::DiagnosticsView;
use super::events::SessionEvent;
use super::problem::end_reason_text;
use super::screen::SharedScreen;
use super::transcript::{Delivery, Tone, Transcript};
use super::transfers::Transfers;
use super::video_stats::VideoStats;

/// Where the session's connection stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// Reaching the relay.
    Connecting,
    /// Waiting for the customer to join.
    Waiting,
    /// Both sides are here.
    Active,
    /// Over; the text says why. The transcript stays.
    Ended(String),
}

/// One session.
#[derive(Debug, Clone)]
pub struct SessionState {
    /// The code it runs on (also its key).
    pub code: SessionCode,
    /// The code's identifier, e.g. the customer's name as the technician typed it.
    pub identifier: Option<String>,
    /// The relay's session ID, once paired.
    pub session_id: Option<u64>,
    /// Where the connection stands.
    pub phase: Phase,
    /// The customer's name, once they joined.
    pub customer: Option<String>,
    /// Their phone.
    pub device: Option<DeviceSummary>,
    /// The portal's policy.
    pub policy: PortalPolicy,
    /// Whether the relay records the session.
    pub recorded: bool,
    /// Chat and events.
    pub transcript: Transcript,
    /// Consent per capability.
    pub consent: ConsentBoard,
    /// The diagnostics panel.
    pub diagnostics: DiagnosticsView,
    /// Log files.
    pub transfers: Transfers,
    /// fps, RTT, bit rate, codec.
    pub video: VideoStats,
    /// The decoded screen, written by `net`, read by the viewer.
    pub screen: SharedScreen,
    /// The customer paused screen sharing.
    pub sharing_paused: bool,
    /// The technician paused the view (frames are not shown).
    pub view_paused: bool,
    /// The text being typed in the chat box.
    pub draft: String,
    /// The language of the events written to the transcript.
    pub loc: Localizer,
}

/// The word a message selects on for a capability.
pub(crate) fn cap_key(cap: Capability) -> &'static str {
    match cap {
        Capability::ScreenView => "screen",
        Capability::RemoteControl => "control",
        Capability::Diagnostics => "diagnostics",
        Capability::LogFiles => "logs",
    }
}

impl SessionState {
    /// A session about to connect on `code`.
    pub fn new(code: SessionCode, identifier: Option<String>) -> Self {
        Self {
            code,
            identifier,
            session_id: None,
            phase: Phase::Connecting,
            customer: None,
            device: None,
            policy: PortalPolicy::default(),
            recorded: false,
            transcript: Transcript::default(),
            consent: ConsentBoard::default(),
            diagnostics: DiagnosticsView::Idle,
            transfers: Transfers::default(),
            video: VideoStats::default(),
            screen: SharedScreen::new(),
            sharing_paused: false,
            view_paused: false,
            draft: String::new(),
            loc: Localizer::default(),
        }
    }

    /// The tab title: the customer's name, the identifier or the code.
    pub fn title(&self) -> String {
        self.customer
            .clone()
            .filter(|n| !n.trim().is_empty())
            .or_else(|| self.identifier.clone())
            .unwrap_or_else(|| self.code.to_string())
    }

    /// Whether the phone cannot share its screen (chat, diagnostics and logs only).
    pub fn chat_only(&self) -> bool {
        self.device
            .as_ref()
            .is_some_and(|d| d.capabilities.is_chat_only())
    }

    /// Whether the session is live.
    pub fn is_active(&self) -> bool {
        self.phase == Phase::Active
    }

    /// Whether it is over.
    pub fn is_ended(&self) -> bool {
        matches!(self.phase, Phase::Ended(_))
    }

    /// Whether the technician may send input (control granted, session live).
    pub fn can_control(&self) -> bool {
        self.is_active() && self.consent.get(Capability::RemoteControl).is_granted()
    }

    /// Writes a chat message from the draft: the wire message to send, or why not.
    pub fn compose_chat(&mut self, now: UnixMillis) -> Result<ChatMessage, ChatError> {
        let message = self.transcript.compose(now, &self.draft)?;
        self.draft.clear();
        Ok(message)
    }

    /// The technician asked for `cap`: shown as waiting.
    pub fn request_capability(&mut self, cap: Capability) {
        self.consent.requested(cap);
    }

    /// The technician asked for diagnostics.
    pub fn request_diagnostics(&mut self) {
        self.diagnostics = DiagnosticsView::Waiting;
    }

    /// Applies one network event. `now` is the wall clock, `instant` the monotonic one.
    pub fn apply(&mut self, event: SessionEvent, now: UnixMillis, instant: Instant) {
        match event {
            SessionEvent::Connecting(screen) => {
                self.screen = screen;
                if !self.is_active() {
                    self.phase = Phase::Connecting;
                }
            }
            SessionEvent::Waiting => self.phase = Phase::Waiting,
            SessionEvent::Paired(welcome) => {
                self.phase = Phase::Active;
                self.session_id = Some(welcome.session_id);
                self.policy = welcome.policy;
                self.recorded = welcome.recorded;
                if welcome.identifier.is_some() {
                    self.identifier = welcome.identifier;
                }
                self.consent = ConsentBoard::new(CapabilitySet::ALL, &self.policy);
                if self.recorded {
                    let text = tr!(self.loc, "event-recorded");
                    self.transcript.event(now, Tone::Info, text);
                }
            }
            SessionEvent::PeerJoined { name, device } => {
                let loc = self.loc;
                let text = match &device {
                    Some(d) => {
                        self.consent = ConsentBoard::new(d.capabilities, &self.policy);
                        let chat_only = if d.capabilities.is_chat_only() {
                            "yes"
                        } else {
                            "no"
                        };
                        tr!(
                            loc,
                            "event-joined-from",
                            name = name.as_str(),
                            make = d.manufacturer.as_str(),
                            model = d.model.as_str(),
                            version = d.android_version.as_str(),
                            chat_only = chat_only
                        )
                    }
                    None => tr!(loc, "event-joined", name = name.as_str()),
                };
                self.transcript.event(now, Tone::Good, text);
                self.customer = Some(name);
                self.device = device;
                self.phase = Phase::Active;
            }
            SessionEvent::Control(message) => self.control(message, now),
            SessionEvent::ChatSent(id) => self.transcript.set_delivery(id, Delivery::Sent),
            SessionEvent::ChatFailed(id, reason) => {
                let reason = reason.text(self.loc);
                self.transcript.set_delivery(id, Delivery::Failed(reason));
            }
            SessionEvent::Requested(message) => self.requested(&message, now),
            SessionEvent::Rtt(rtt) => self.video.rtt = Some(rtt),
            SessionEvent::VideoStarted(start) => self.video.started(start),
            SessionEvent::FrameDecoded { bytes, .. } => self.video.frame(instant, bytes),
            SessionEvent::VideoStopped(reason) => {
                self.video.stream = None;
                if let Some(reason) = reason {
                    self.transcript.event(
                        now,
                        Tone::Warning,
                        tr!(
                            self.loc,
                            "event-screen-stopped",
                            reason = reason.text(self.loc)
                        ),
                    );
                }
            }
            SessionEvent::FileProgress { header, received } => {
                self.transfers.progress(&header, received);
            }
            SessionEvent::FileSaved { file_id, path } => {
                let name = self
                    .transfers
                    .files()
                    .iter()
                    .find(|f| f.file_id == file_id)
                    .map(|f| f.name.clone())
                    .unwrap_or_default();
                self.transcript.event(
                    now,
                    Tone::Good,
                    tr!(
                        self.loc,
                        "event-file-received",
                        name = name,
                        path = path.display().to_string()
                    ),
                );
                self.transfers.saved(file_id, path);
            }
            SessionEvent::FileFailed { file_id, reason } => {
                let reason = reason.text(self.loc);
                self.transcript.event(
                    now,
                    Tone::Bad,
                    tr!(self.loc, "event-file-failed", reason = reason.as_str()),
                );
                self.transfers.failed(file_id, reason);
            }
            SessionEvent::Saved(path) => {
                let text = tr!(self.loc, "event-saved", path = path.display().to_string());
                self.transcript.event(now, Tone::Info, text);
            }
            SessionEvent::PeerLeft { clean } => {
                let text = if clean {
                    tr!(self.loc, "event-customer-left")
                } else {
                    tr!(self.loc, "event-connection-lost")
                };
                self.end(now, text);
            }
            SessionEvent::Ended(reason) => self.end(now, reason.text(self.loc)),
            SessionEvent::Failed(reason) => {
                let reason = reason.text(self.loc);
                self.transcript.event(now, Tone::Bad, capitalize(&reason));
                self.end(now, reason);
            }
        }
    }

    fn end(&mut self, now: UnixMillis, reason: String) {
        if self.is_ended() {
            return;
        }
        let reason = capitalize(&reason);
        if !self
            .transcript
            .entries()
            .last()
            .is_some_and(|e| matches!(&e.kind, super::transcript::EntryKind::System { text, .. } if *text == reason))
        {
            self.transcript.event(now, Tone::Bad, reason.clone());
        }
        let ended = tr!(self.loc, "reason-session-ended");
        self.transcript.fail_undelivered(&ended);
        self.transfers.fail_unfinished(&ended);
        if self.diagnostics == DiagnosticsView::Waiting {
            self.diagnostics = DiagnosticsView::Refused(ended);
        }
        self.video.stream = None;
        self.phase = Phase::Ended(reason);
    }

    fn requested(&mut self, message: &ControlMessage, now: UnixMillis) {
        let text = match message {
            ControlMessage::ConsentRequest { capability } => {
                self.consent.requested(*capability);
                if *capability == Capability::Diagnostics {
                    self.diagnostics = DiagnosticsView::Waiting;
                }
                tr!(self.loc, "event-asked", capability = cap_key(*capability))
            }
            ControlMessage::DiagnosticsRequest => {
                self.diagnostics = DiagnosticsView::Waiting;
                tr!(self.loc, "event-asked-diagnostics")
            }
            ControlMessage::LogRequest => tr!(self.loc, "event-asked-logs"),
            _ => return,
        };
        self.transcript.event(now, Tone::Info, text);
    }

    fn control(&mut self, message: ControlMessage, now: UnixMillis) {
        match message {
            ControlMessage::Chat(chat) => {
                if chat.from == Party::Customer && ChatMessage::check_text(&chat.text).is_ok() {
                    self.transcript.received(chat);
                }
            }
            ControlMessage::ChatAck { id } => {
                self.transcript.set_delivery(id, Delivery::Delivered);
            }
            ControlMessage::ConsentResponse {
                capability,
                granted,
                by_policy,
            } => {
                let loc = self.loc;
                let cap = cap_key(capability);
                let (view, tone, text) = if granted {
                    let text = if by_policy {
                        tr!(loc, "event-allowed-by-policy", capability = cap)
                    } else {
                        tr!(loc, "event-allowed", capability = cap)
                    };
                    (ConsentView::Granted { by_policy }, Tone::Good, text)
                } else {
                    let text = tr!(loc, "event-declined", capability = cap);
                    (ConsentView::Denied, Tone::Warning, text)
                };
                if !granted && capability == Capability::Diagnostics {
                    self.diagnostics =
                        DiagnosticsView::Refused(tr!(loc, "reason-declined-diagnostics"));
                }
                self.consent.set(capability, view);
                self.transcript.event(now, tone, text);
            }
            ControlMessage::ConsentRevoke { capability } => {
                self.consent.revoked(capability);
                self.transcript.event(
                    now,
                    Tone::Warning,
                    tr!(self.loc, "event-withdrew", capability = cap_key(capability)),
                );
            }
            ControlMessage::Refused { capability, reason } => {
                if !self.consent.get(capability).is_granted() {
                    self.consent
                        .set(capability, ConsentView::Refused(reason.clone()));
                }
                if capability == Capability::Diagnostics {
                    self.diagnostics = DiagnosticsView::Refused(reason.clone());
                }
                let text = tr!(self.loc, "event-refused", reason = reason.as_str());
                self.transcript.event(now, Tone::Warning, text);
            }
            ControlMessage::SharingPaused { paused } => {
                self.sharing_paused = paused;
                let text = if paused {
                    tr!(self.loc, "event-paused")
                } else {
                    tr!(self.loc, "event-resumed")
                };
                self.transcript.event(now, Tone::Warning, text);
            }
            ControlMessage::DiagnosticsReport(report) => {
                self.diagnostics = DiagnosticsView::Report { at: now, report };
                let text = tr!(self.loc, "event-diagnostics-received");
                self.transcript.event(now, Tone::Good, text);
            }
            ControlMessage::FileOffer(header) => {
                self.transcript.event(
                    now,
                    Tone::Info,
                    tr!(
                        self.loc,
                        "event-file-offer",
                        name = header.name.as_str(),
                        size = super::diagnostics::human_bytes(header.size, self.loc)
                    ),
                );
                self.transfers.offered(&header);
            }
            ControlMessage::SessionEnd { by, reason } => {
                let reason = end_reason_text(&reason, self.loc);
                let text = match by {
                    Party::Customer => tr!(self.loc, "event-ended-customer", reason = reason),
                    Party::Technician => {
                        tr!(self.loc, "event-ended-technician", reason = reason)
                    }
                    Party::Relay => tr!(self.loc, "event-ended-server", reason = reason),
                };
                self.end(now, text);
            }
            // Answered by `net`, or technician → phone only.
            ControlMessage::Ping { .. }
            | ControlMessage::Pong { .. }
            | ControlMessage::ConsentRequest { .. }
            | ControlMessage::DiagnosticsRequest
            | ControlMessage::LogRequest
            | ControlMessage::KeyframeRequest
            | ControlMessage::QualityHint(_)
            | ControlMessage::FrameAck { .. } => {}
        }
    }
}

/// `text` with its first letter upper-case: a reason clause shown as a sentence of its own.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests;
