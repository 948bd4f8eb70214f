//! The session core: every decision of the customer's side, without I/O.
//!
//! [`SessionCore`] takes what happens (a control message, an input event, a customer
//! command, the passing of time) together with the device and the current [`Now`], and
//! queues [`Action`]s for the glue to carry out (send on the control or video stream, send a
//! file, tell the frontend, close). It enforces consent with the protocol's
//! [`ConsentLedger`]: control, diagnostics and logs happen only when
//! [`ConsentLedger::permit`] allows them, whatever the technician sends.

use std::collections::VecDeque;
use std::fmt;
use std::time::Duration;

use lifeline_protocol::consent::{Capability, CapabilitySet, ConsentLedger, PortalPolicy};
use lifeline_protocol::i18n::Localizer;
use lifeline_protocol::messages::Party;
use lifeline_protocol::messages::control::{ControlMessage, EndReason};
use lifeline_protocol::messages::file::FileHeader;
use lifeline_protocol::messages::handshake::Welcome;
use lifeline_protocol::messages::input::InputEvent;
use lifeline_protocol::messages::video::VideoMessage;

use super::chat::ChatBook;
use super::clock::Now;
use super::config::SessionConfig;
use super::events::{CustomerEvent, SessionStatus};
use super::input::{Gate, InputGate};
use super::video::{VideoPump, VideoStats};
use super::wording;
use crate::device::Device;

/// A log file ready to go on its own file stream (its `FileOffer` is already queued on
/// control).
#[derive(Clone, PartialEq, Eq)]
pub struct OutgoingFile {
    /// Name, size, SHA-256.
    pub header: FileHeader,
    /// Content.
    pub bytes: Vec<u8>,
}

impl fmt::Debug for OutgoingFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OutgoingFile")
            .field("header", &self.header)
            .finish_non_exhaustive()
    }
}

/// Something for the glue to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Send on the control stream (kept until the technician has opened it).
    Control(ControlMessage),
    /// Send on the video stream (opened with the first message).
    Video(VideoMessage),
    /// Open a file stream and send this file.
    SendFile(OutgoingFile),
    /// Tell the customer's frontend.
    Customer(CustomerEvent),
    /// The session is over: send what is queued, then close the connection.
    Close,
}

/// The customer's side of one session.
#[derive(Debug)]
pub struct SessionCore {
    pub(super) config: SessionConfig,
    pub(super) ledger: ConsentLedger,
    pub(super) welcome: Welcome,
    pub(super) technician: Option<String>,
    pub(super) video: VideoPump,
    pub(super) input: InputGate,
    pub(super) chat: ChatBook,
    /// Questions put to the customer and not answered yet, oldest first.
    pub(super) prompts: Vec<Capability>,
    pub(super) paused: bool,
    pub(super) next_file_id: u32,
    /// The phone's language, for what the customer reads.
    pub(super) loc: Localizer,
    status: Option<SessionStatus>,
    actions: VecDeque<Action>,
    ended: Option<(Party, EndReason)>,
}

impl SessionCore {
    /// A session the relay welcomed with `welcome`, for a device that can do `capabilities`.
    pub fn new(welcome: Welcome, capabilities: CapabilitySet, config: SessionConfig) -> Self {
        Self {
            ledger: ConsentLedger::new(welcome.policy, capabilities),
            video: VideoPump::new(config.max_fps, config.frame_window),
            config,
            welcome,
            technician: None,
            input: InputGate::default(),
            chat: ChatBook::default(),
            prompts: Vec::new(),
            paused: false,
            next_file_id: 1,
            loc: Localizer::default(),
            status: None,
            actions: VecDeque::new(),
            ended: None,
        }
    }

    /// The consent ledger (read-only: it changes only through the session's rules).
    pub fn ledger(&self) -> &ConsentLedger {
        &self.ledger
    }

    /// The portal policy in force.
    pub fn policy(&self) -> &PortalPolicy {
        self.ledger.policy()
    }

    /// Where the session stands.
    pub fn status(&self) -> SessionStatus {
        let granted = |cap| self.ledger.permit(cap).is_ok();
        let screen = granted(Capability::ScreenView);
        SessionStatus {
            screen_granted: screen,
            paused: self.paused,
            sharing: screen && !self.paused && self.ended.is_none(),
            control_granted: granted(Capability::RemoteControl),
            diagnostics_granted: granted(Capability::Diagnostics),
            logs_granted: granted(Capability::LogFiles),
        }
    }

    /// Counters of the screen stream.
    pub fn video_stats(&self) -> VideoStats {
        self.video.stats()
    }

    /// The highest frame rate in force (the configuration's, or the technician's lower
    /// `QualityHint`).
    pub fn frame_rate(&self) -> u8 {
        self.video.fps()
    }

    /// Video frames sent and not acknowledged yet.
    pub fn frames_in_flight(&self) -> u64 {
        self.video.in_flight()
    }

    /// Chat messages sent and not acknowledged yet.
    pub fn chats_unacked(&self) -> usize {
        self.chat.unacked()
    }

    /// Whether a technician's finger is down on the phone.
    pub fn technician_touching(&self) -> bool {
        self.input.touching()
    }

    /// Who ended the session and why, once it is over.
    pub fn ended(&self) -> Option<&(Party, EndReason)> {
        self.ended.as_ref()
    }

    /// The next thing to do, oldest first.
    pub fn poll_action(&mut self) -> Option<Action> {
        self.actions.pop_front()
    }

    /// The technician's name as the customer reads it.
    pub(super) fn who(&self) -> String {
        self.technician
            .clone()
            .unwrap_or_else(|| wording::someone(self.loc))
    }

    pub(super) fn push(&mut self, action: Action) {
        self.actions.push_back(action);
    }

    pub(super) fn control(&mut self, message: ControlMessage) {
        self.push(Action::Control(message));
    }

    pub(super) fn tell(&mut self, event: CustomerEvent) {
        self.push(Action::Customer(event));
    }

    /// Tells the customer something in passing, on the phone and in the frontend.
    pub(super) fn notice<D: Device + ?Sized>(&mut self, dev: &mut D, now: Now, text: String) {
        self.loc = Localizer::new(self.config.language.unwrap_or_else(|| dev.language()));
        dev.show_notice(&text, now.mono);
        self.tell(CustomerEvent::Notice(text));
    }

    /// The relay says the technician is there (`PeerJoined`).
    pub fn peer_joined<D: Device + ?Sized>(&mut self, name: &str, dev: &mut D) {
        let first = self.technician.is_none();
        self.technician = Some(name.to_owned());
        self.loc = Localizer::new(self.config.language.unwrap_or_else(|| dev.language()));
        if first {
            self.tell(CustomerEvent::Connected {
                technician: name.to_owned(),
                session_id: self.welcome.session_id,
                recorded: self.welcome.recorded,
                policy: self.welcome.policy,
                chat_only: self.ledger.supported().is_chat_only(),
            });
            self.sync_status(dev);
        }
    }

    /// An input event from the technician: applied only while remote control is permitted
    /// and the event fits the screen.
    pub fn on_input<D: Device + ?Sized>(&mut self, event: &InputEvent, dev: &mut D, now: Now) {
        if self.ended.is_some() {
            return;
        }
        if let Gate::Dropped {
            report: Some(reason),
        } = self.input.apply(&self.ledger, event, dev, now.mono)
        {
            tracing::debug!("input refused: {reason}");
            self.control(ControlMessage::Refused {
                capability: Capability::RemoteControl,
                reason,
            });
        }
    }

    /// The screen may have changed without the device's knowledge (a desktop window drew
    /// it): check it on the next poll.
    pub fn screen_may_have_changed(&mut self) {
        self.video.recheck();
    }

    /// The video stream failed on the way: the next frame starts a new stream.
    pub fn video_lost(&mut self) {
        self.video.lost();
    }

    /// Lets time pass: ticks the device when due, takes what the customer did on the phone
    /// (answers, chat, "Stop sharing"), and captures and encodes the screen when a frame is
    /// due.
    pub fn poll<D: Device + ?Sized>(&mut self, dev: &mut D, now: Now) {
        if self.ended.is_some() {
            return;
        }
        if dev.next_tick().is_some_and(|at| at <= now.mono) {
            dev.tick(now.mono);
        }
        self.take_from_device(dev, now);
        if self.ended.is_some() {
            return;
        }
        self.sync_status(dev);
        if self.status().sharing {
            let mut out = Vec::new();
            self.video.poll(dev, now.mono, &mut out);
            self.actions.extend(out.into_iter().map(Action::Video));
        }
    }

    /// When [`poll`](Self::poll) next has something to do: the device's next tick or the next
    /// video frame. `None`: nothing until something happens.
    pub fn next_wakeup<D: Device + ?Sized>(&self, dev: &D) -> Option<Duration> {
        if self.ended.is_some() {
            return None;
        }
        let video = if self.status().sharing {
            self.video.deadline(dev)
        } else {
            None
        };
        [dev.next_tick(), video].into_iter().flatten().min()
    }

    /// Tells the frontend and the phone when the status changed: the sharing indicator is on
    /// exactly while frames may be sent.
    pub(super) fn sync_status<D: Device + ?Sized>(&mut self, dev: &mut D) {
        if self.technician.is_none() && self.ended.is_none() {
            // Nothing can be granted before the technician is there; the first status goes
            // out with `Connected`.
            return;
        }
        let status = self.status();
        let before = self.status.replace(status);
        if before == Some(status) {
            return;
        }
        if before.is_none_or(|b| b.sharing != status.sharing) {
            dev.set_sharing_indicator(status.sharing);
            if !status.sharing {
                self.video.stop();
            }
        }
        self.tell(CustomerEvent::Status(status));
    }

    /// Ends the session; `tell_peer` sends `SessionEnd` first (this side ended it).
    pub(super) fn end<D: Device + ?Sized>(
        &mut self,
        by: Party,
        reason: EndReason,
        tell_peer: bool,
        dev: &mut D,
        now: Now,
    ) {
        if self.ended.is_some() {
            return;
        }
        if tell_peer {
            self.control(ControlMessage::SessionEnd {
                by,
                reason: reason.clone(),
            });
        }
        self.input.cancel_touch(dev, now.mono);
        if !self.prompts.is_empty() {
            dev.dismiss_prompts();
            for capability in std::mem::take(&mut self.prompts) {
                self.tell(CustomerEvent::PromptClosed {
                    capability,
                    allowed: None,
                });
            }
        }
        self.ended = Some((by, reason.clone()));
        self.sync_status(dev);
        self.video.stop();
        self.tell(CustomerEvent::Ended { by, reason });
        self.push(Action::Close);
    }

    /// The session ended on the other side or on the way (relay notice, lost connection).
    pub fn peer_gone<D: Device + ?Sized>(
        &mut self,
        by: Party,
        reason: EndReason,
        dev: &mut D,
        now: Now,
    ) {
        self.end(by, reason, false, dev, now);
    }
}
