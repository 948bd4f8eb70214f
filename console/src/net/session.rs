//! One session on the technician's side, following "the session conversation"
//! (`lifeline_protocol::messages`): connect and wait for the customer, open the control
//! stream, answer pings and chats, ask for consent (and follow up once granted), accept the
//! video and file streams, send input, end cleanly. Consent requests and what follows a
//! grant are in [`consent`], the streams in [`streams`].

use std::path::PathBuf;
use std::time::{Duration, Instant};

use lifeline_protocol::consent::{Capability, CapabilitySet};
use lifeline_protocol::link::DeepLink;
use lifeline_protocol::messages::Party;
use lifeline_protocol::messages::control::{ControlMessage, EndReason};
use lifeline_protocol::messages::handshake::{ClientHello, RelayNotice, Role};
use lifeline_protocol::messages::input::InputEvent;
use lifeline_protocol::quic::{
    ConnectError, ConnectOptions, MessageReceiver, Notices, Peer, ServerTrust, admit,
};
use lifeline_protocol::record::RecordItem;
use lifeline_protocol::{CertFingerprint, PROTOCOL_VERSION, SessionCode};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::command::SessionCommand;
use super::recorder::{Recorder, RecordingSetup};
use super::sink::EventSink;
use super::video::Decoder;
use super::writers::{CONTROL_QUEUE, INPUT_QUEUE, input_writer};
use crate::state::screen::SharedScreen;
use crate::state::{Problem, SessionEvent};
use consent::FollowUp;
use streams::{accept_streams, next_control};

mod consent;
mod streams;

/// A ping goes out this often.
const PING_EVERY: Duration = Duration::from_secs(2);

/// How long ending waits for the last control messages to leave.
const END_FLUSH: Duration = Duration::from_secs(2);

/// Session commands waiting.
const SESSION_QUEUE: usize = 256;

/// What a session needs to start.
#[derive(Debug, Clone)]
pub struct SessionSetup {
    /// The code to wait on.
    pub code: SessionCode,
    /// The technician's API token.
    pub token: String,
    /// The code's deep link: the relay's QUIC address and fingerprint.
    pub link: DeepLink,
    /// A fingerprint from the settings, used when the link carries none.
    pub fingerprint: Option<CertFingerprint>,
    /// Where files are saved (a folder per session is made inside).
    pub downloads: PathBuf,
    /// Ask for screen view and control as soon as the customer joins (demo mode).
    pub auto_request: bool,
    /// Initial max frame rate.
    pub max_fps: u8,
    /// Where decoded frames go.
    pub screen: SharedScreen,
    /// Where the session's record goes; `None` records nothing.
    pub recording: Option<RecordingSetup>,
}

/// Sends commands to a running session task.
#[derive(Debug)]
pub struct SessionHandle {
    commands: mpsc::Sender<SessionCommand>,
    task: JoinHandle<()>,
}

impl SessionHandle {
    /// Queues a command; `false` when the queue is full or the session is over.
    pub fn send(&self, command: SessionCommand) -> bool {
        self.commands.try_send(command).is_ok()
    }

    /// Whether the task finished.
    pub fn is_finished(&self) -> bool {
        self.task.is_finished()
    }

    /// Waits (up to `limit`) for the task to finish.
    pub async fn join(self, limit: Duration) {
        let _ = tokio::time::timeout(limit, self.task).await;
    }
}

/// Starts a session task; `done` hears its code when it finishes.
pub fn spawn(
    setup: SessionSetup,
    sink: EventSink,
    done: mpsc::Sender<SessionCode>,
) -> SessionHandle {
    let (commands, queue) = mpsc::channel(SESSION_QUEUE);
    let task = tokio::spawn(async move {
        let code = setup.code;
        run(setup, sink, queue).await;
        let _ = done.send(code).await;
    });
    SessionHandle { commands, task }
}

async fn run(setup: SessionSetup, sink: EventSink, mut commands: mpsc::Receiver<SessionCommand>) {
    let code = setup.code;
    sink.session(code, SessionEvent::Connecting(setup.screen.clone()))
        .await;
    let trust = match setup.link.fingerprint.or(setup.fingerprint) {
        Some(fp) => ServerTrust::Pinned(fp),
        None => {
            sink.session(code, SessionEvent::Failed(Problem::NoFingerprint))
                .await;
            return;
        }
    };
    let hello = ClientHello {
        version: PROTOCOL_VERSION,
        role: Role::Technician {
            token: setup.token.clone(),
            code,
        },
    };
    let admission = match admit(
        &setup.link.relay,
        &trust,
        &hello,
        &ConnectOptions::default(),
    )
    .await
    {
        Ok(admission) => admission,
        Err(err) => return refused(&sink, code, &err).await,
    };
    if admission.is_waiting() {
        sink.session(code, SessionEvent::Waiting).await;
    }
    let paired = admission.paired();
    tokio::pin!(paired);
    let session = loop {
        tokio::select! {
            result = &mut paired => match result {
                Ok(session) => break session,
                Err(err) => return refused(&sink, code, &err).await,
            },
            command = commands.recv() => match command {
                None | Some(SessionCommand::End) => {
                    sink.session(code, SessionEvent::Ended(Problem::CodeWithdrawn)).await;
                    return;
                }
                Some(other) => tracing::debug!(%code, "not paired yet; ignored {other:?}"),
            },
        }
    };
    let (welcome, peer, notices) = session.into_parts();
    let first = RecordItem::CodeCreated {
        code: code.digits(),
        identifier: welcome.identifier.clone(),
    };
    let session_id = welcome.session_id;
    sink.session(code, SessionEvent::Paired(welcome)).await;
    let live = Live::new(setup, sink, peer, session_id, first);
    live.run(notices, commands).await;
}

/// Tells the UI why connecting failed: refusals (expired, used…) end the wait quietly.
async fn refused(sink: &EventSink, code: SessionCode, err: &ConnectError) {
    tracing::info!(%code, "the session could not start: {err}");
    let event = match err.reject_reason() {
        Some(reason) => SessionEvent::Ended(Problem::Rejected(reason)),
        None => SessionEvent::Failed(Problem::ConnectFailed(err.to_string())),
    };
    sink.session(code, event).await;
}

/// A paired session.
struct Live {
    setup: SessionSetup,
    sink: EventSink,
    peer: Peer,
    control_out: mpsc::Sender<ControlMessage>,
    /// Taken when the control stream opens.
    control_queue: Option<mpsc::Receiver<ControlMessage>>,
    control_in: Option<MessageReceiver<ControlMessage>>,
    writer: Option<JoinHandle<()>>,
    input: mpsc::Sender<InputEvent>,
    decoder: Option<Decoder>,
    granted: CapabilitySet,
    asked: CapabilitySet,
    follow_ups: Vec<(Capability, FollowUp)>,
    started: Instant,
    nonce: u64,
    recorder: Recorder,
}

/// Why the main loop stopped.
enum Exit {
    /// The technician ended it: say so and close.
    Ended,
    /// The phone or the relay ended it; the reason was reported.
    Over,
    /// The connection dropped.
    Lost(Problem),
}

impl Live {
    fn new(
        setup: SessionSetup,
        sink: EventSink,
        peer: Peer,
        session_id: u64,
        first: RecordItem,
    ) -> Self {
        let (control_out, control_queue) = mpsc::channel(CONTROL_QUEUE);
        let recorder = match &setup.recording {
            Some(r) => Recorder::start(
                &r.config,
                r.api.clone(),
                session_id,
                first,
                control_out.clone(),
            ),
            None => Recorder::disabled(),
        };
        let (input, input_queue) = mpsc::channel(INPUT_QUEUE);
        tokio::spawn(input_writer(peer.clone(), input_queue, setup.code));
        Self {
            setup,
            sink,
            peer,
            control_out,
            control_queue: Some(control_queue),
            control_in: None,
            writer: None,
            input,
            decoder: None,
            granted: CapabilitySet::NONE,
            asked: CapabilitySet::NONE,
            follow_ups: Vec::new(),
            started: Instant::now(),
            nonce: 0,
            recorder,
        }
    }

    fn code(&self) -> SessionCode {
        self.setup.code
    }

    async fn emit(&self, event: SessionEvent) {
        self.recorder.observe(&event).await;
        self.sink.session(self.code(), event).await;
    }

    fn now_us(&self) -> u64 {
        u64::try_from(self.started.elapsed().as_micros()).unwrap_or(u64::MAX)
    }

    /// Queues a control message (dropped with a warning if the queue is full).
    fn send(&self, message: ControlMessage) -> bool {
        match self.control_out.try_send(message) {
            Ok(()) => true,
            Err(err) => {
                tracing::warn!(code = %self.code(), "control message dropped: {err}");
                false
            }
        }
    }

    async fn run(mut self, mut notices: Notices, mut commands: mpsc::Receiver<SessionCommand>) {
        // Accepting runs in a task of its own: reading a new stream's kind tag and file header
        // must not be cut short by the other branches below.
        let (streams_tx, mut streams) = mpsc::channel(8);
        let acceptor = tokio::spawn(accept_streams(self.peer.clone(), streams_tx, self.code()));
        let mut ping = tokio::time::interval(PING_EVERY);
        ping.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut phone_leaving: Option<std::pin::Pin<Box<tokio::time::Sleep>>> = None;
        let exit = loop {
            tokio::select! {
                () = async { if let Some(wait) = phone_leaving.as_mut() { wait.await } },
                    if phone_leaving.is_some() => break Exit::Over,
                command = commands.recv() => match command {
                    None | Some(SessionCommand::End) => break Exit::Ended,
                    Some(command) => self.command(command).await,
                },
                notice = notices.next() => match notice {
                    Ok(Some(RelayNotice::PeerJoined { name, device })) => {
                        self.emit(SessionEvent::PeerJoined { name, device }).await;
                        if let Err(reason) = self.open_control().await {
                            break Exit::Lost(reason);
                        }
                    }
                    Ok(Some(RelayNotice::PeerLeft { clean })) => {
                        self.emit(SessionEvent::PeerLeft { clean }).await;
                        break Exit::Over;
                    }
                    Ok(Some(RelayNotice::Shutdown)) => {
                        self.emit(SessionEvent::Ended(Problem::ServerShutdown)).await;
                        break Exit::Over;
                    }
                    Ok(None) => break Exit::Lost(Problem::RelayEnded),
                    Err(err) => break Exit::Lost(Problem::ConnectionLost(Some(err.to_string()))),
                },
                message = next_control(&mut self.control_in) => match message {
                    Ok(Some(message)) => {
                        if self.incoming(message).await && phone_leaving.is_none() {
                            // The phone leaves next. The relay records whoever leaves
                            // first as the one who ended the session, so the console
                            // waits for the phone to go (`PeerLeft`) before closing.
                            phone_leaving = Some(Box::pin(tokio::time::sleep(END_FLUSH)));
                        }
                    }
                    Ok(None) => {
                        tracing::debug!(code = %self.code(), "the phone finished the control stream");
                        self.control_in = None;
                    }
                    Err(err) if err.is_recoverable() => {
                        tracing::warn!(code = %self.code(), "a control message was skipped: {err}");
                    }
                    Err(err) => {
                        tracing::debug!(code = %self.code(), "control stream failed: {err}");
                        self.control_in = None;
                    }
                },
                stream = streams.recv() => match stream {
                    Some(Ok(stream)) => self.accept(stream).await,
                    Some(Err(reason)) => break Exit::Lost(Problem::ConnectionLost(Some(reason))),
                    None => break Exit::Lost(Problem::ConnectionLost(None)),
                },
                _ = ping.tick(), if self.writer.is_some() => {
                    self.nonce += 1;
                    self.send(ControlMessage::Ping { nonce: self.nonce, sent_at_us: self.now_us() });
                }
            }
        };
        acceptor.abort();
        self.finish(exit).await;
    }

    async fn finish(mut self, exit: Exit) {
        match exit {
            Exit::Ended => {
                self.recorder
                    .record(RecordItem::Ended {
                        by: Some(Party::Technician),
                        reason: EndReason::TechnicianClosed.to_string(),
                    })
                    .await;
                self.send(ControlMessage::SessionEnd {
                    by: Party::Technician,
                    reason: EndReason::TechnicianClosed,
                });
                drop(self.control_queue.take());
                if let Some(writer) = self.writer.take() {
                    let _ = tokio::time::timeout(END_FLUSH, writer).await;
                    // Closing now could drop the message on its way through the relay: the
                    // phone leaves when it reads it, and the relay then closes us.
                    let _ = tokio::time::timeout(END_FLUSH, self.peer.closed()).await;
                }
                self.peer.close().await;
                self.emit(SessionEvent::Ended(Problem::YouEnded)).await;
            }
            Exit::Over => self.peer.close().await,
            Exit::Lost(reason) => self.emit(SessionEvent::Ended(reason)).await,
        }
        self.recorder.finish().await;
    }

    /// Handles a message from the phone; `true` when it ended the session.
    async fn incoming(&mut self, message: ControlMessage) -> bool {
        match &message {
            ControlMessage::Ping { nonce, sent_at_us } => {
                self.send(ControlMessage::Pong {
                    nonce: *nonce,
                    sent_at_us: *sent_at_us,
                });
                return false;
            }
            ControlMessage::Pong { sent_at_us, .. } => {
                let rtt = self.now_us().saturating_sub(*sent_at_us);
                self.emit(SessionEvent::Rtt(Duration::from_micros(rtt)))
                    .await;
                return false;
            }
            ControlMessage::Chat(chat) => {
                self.send(ControlMessage::ChatAck { id: chat.id });
            }
            ControlMessage::ConsentResponse {
                capability,
                granted,
                ..
            } => {
                let cap = *capability;
                self.asked = self.asked.without(cap);
                if *granted {
                    self.granted = self.granted.with(cap);
                    self.emit(SessionEvent::Control(message)).await;
                    self.follow_up(cap).await;
                    return false;
                }
                self.granted = self.granted.without(cap);
                self.drop_follow_ups(cap);
            }
            ControlMessage::ConsentRevoke { capability } => {
                self.granted = self.granted.without(*capability);
                if *capability == Capability::ScreenView {
                    self.granted = self.granted.without(Capability::RemoteControl);
                }
            }
            ControlMessage::Refused { capability, .. } => {
                self.asked = self.asked.without(*capability);
                self.drop_follow_ups(*capability);
            }
            ControlMessage::SessionEnd { .. } => {
                self.emit(SessionEvent::Control(message)).await;
                return true;
            }
            _ => {}
        }
        self.emit(SessionEvent::Control(message)).await;
        false
    }

    async fn command(&mut self, command: SessionCommand) {
        match command {
            SessionCommand::Chat(message) => {
                let id = message.id;
                self.recorder
                    .record(RecordItem::Chat(message.clone()))
                    .await;
                if !self.send(ControlMessage::Chat(message)) {
                    self.emit(SessionEvent::ChatFailed(id, Problem::QueueFull))
                        .await;
                }
            }
            SessionCommand::Request(cap) => self.request(cap).await,
            SessionCommand::Diagnostics => {
                self.after_consent(Capability::Diagnostics, FollowUp::Diagnostics)
                    .await;
            }
            SessionCommand::Logs => {
                self.after_consent(Capability::LogFiles, FollowUp::Logs)
                    .await;
            }
            SessionCommand::Input(event) => {
                if self.input.try_send(event).is_err() {
                    tracing::debug!(code = %self.code(), "input dropped: the queue is full");
                }
            }
            SessionCommand::Keyframe => {
                self.send(ControlMessage::KeyframeRequest);
            }
            SessionCommand::Quality(hint) => {
                self.send(ControlMessage::QualityHint(hint));
            }
            SessionCommand::End => {}
        }
    }
}
