//! The tokio glue around [`SessionCore`]: one task that owns the connection, feeds the core
//! what arrives (control, input, relay notices, customer commands, the passing of time) and
//! carries out what it decides.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use lifeline_protocol::messages::Party;
use lifeline_protocol::messages::control::{ControlMessage, EndReason};
use lifeline_protocol::messages::handshake::{CloseCode, RelayNotice};
use lifeline_protocol::messages::input::InputEvent;
use lifeline_protocol::messages::video::VideoMessage;
use lifeline_protocol::quic::{
    AcceptError, Disconnect, IncomingStream, NoticeError, Notices, Peer, RelaySession,
};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::clock::AgentClock;
use super::config::SessionConfig;
use super::core::{Action, OutgoingFile, SessionCore};
use super::events::{CustomerCommand, CustomerEvent};
use super::handle::{CommandSender, DeviceSignal, Frontend, SessionOutcome, SessionTask};
use super::streams;
use crate::device::{Device, DeviceWaker};

/// Events queued for the frontend at most.
const EVENT_QUEUE: usize = 256;
/// Commands queued from the frontend at most.
const COMMAND_QUEUE: usize = 64;
/// Input events queued between the input stream and the loop.
const INPUT_QUEUE: usize = 512;
/// Control messages queued between the control stream and the loop.
const CONTROL_QUEUE: usize = 64;
/// Control messages kept until the technician opens the control stream.
const CONTROL_BACKLOG: usize = 256;
/// Input events applied in one go before the loop looks at anything else.
const INPUT_BATCH: usize = 64;
/// How long the control writer gets to send the last messages (`SessionEnd`).
const FLUSH: Duration = Duration::from_secs(1);
/// After the last message is written, time for it to leave before the connection closes
/// (closing drops data not yet sent).
const LINGER: Duration = Duration::from_millis(150);
/// After the connection is lost, how long messages already read may still arrive from the
/// reader tasks (a `SessionEnd` racing the close).
const DRAIN: Duration = Duration::from_millis(300);

/// Starts the session on the current tokio runtime.
///
/// `device` is shared: the session locks it briefly for each step (a capture and encode is
/// the longest, a few milliseconds), so a desktop window may hold a clone to draw the phone
/// and pass the customer's own touches to it (then call [`CommandSender::device_changed`]).
/// Returns the task (await [`SessionTask::wait`] for the outcome) and the customer's
/// [`Frontend`].
///
/// # Panics
///
/// Outside a tokio runtime (it spawns the session's tasks).
pub fn start<D>(
    relay: RelaySession,
    device: Arc<Mutex<D>>,
    config: SessionConfig,
    clock: AgentClock,
) -> (SessionTask, Frontend)
where
    D: Device + ?Sized + 'static,
{
    let (events_tx, events_rx) = mpsc::channel(EVENT_QUEUE);
    let (commands_tx, commands_rx) = mpsc::channel(COMMAND_QUEUE);
    let signal = Arc::new(DeviceSignal::default());
    let (welcome, peer, notices) = relay.into_parts();
    let capabilities = {
        let mut dev = lock(&device);
        let waker = Arc::clone(&signal);
        dev.set_waker(DeviceWaker::new(move || waker.raise()));
        dev.capabilities()
    };
    let core = SessionCore::new(welcome, capabilities, config);
    let (input_tx, input_rx) = mpsc::channel(INPUT_QUEUE);
    let (control_in_tx, control_in_rx) = mpsc::channel(CONTROL_QUEUE);
    let (files, files_task) = streams::spawn_file_sender(peer.clone(), events_tx.clone());
    let (streams_tx, streams_rx) = mpsc::channel(8);
    let acceptor = streams::spawn_acceptor(peer.clone(), streams_tx);
    let runner = Runner {
        core,
        device,
        clock,
        peer,
        notices: Some(notices),
        events: events_tx,
        commands: commands_rx,
        commands_open: true,
        signal: signal.clone(),
        control_out: None,
        control_backlog: VecDeque::new(),
        control_in: control_in_rx,
        control_in_tx: Some(control_in_tx),
        input_in: input_rx,
        input_in_tx: Some(input_tx),
        video_out: None,
        video_capacity: usize::try_from(config.frame_window)
            .unwrap_or(usize::MAX)
            .saturating_add(8),
        files: Some(files),
        files_task,
        streams: streams_rx,
        readers: vec![acceptor],
    };
    let task = SessionTask::new(tokio::spawn(runner.run()));
    let frontend = Frontend {
        events: events_rx,
        commands: CommandSender::new(commands_tx, signal),
        clock,
    };
    (task, frontend)
}

/// Locks the shared device; a panic elsewhere while it was locked leaves a phone that is
/// still usable, so the poison is ignored.
fn lock<D: ?Sized>(device: &Mutex<D>) -> MutexGuard<'_, D> {
    device.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What woke the loop.
enum Wake {
    Input(InputEvent),
    Command(Option<CustomerCommand>),
    Control(ControlMessage),
    DeviceChanged(bool),
    Stream(Result<IncomingStream, AcceptError>),
    Notice(Result<Option<RelayNotice>, NoticeError>),
    Timer,
}

struct Runner<D: ?Sized> {
    core: SessionCore,
    device: Arc<Mutex<D>>,
    clock: AgentClock,
    peer: Peer,
    notices: Option<Notices>,
    events: mpsc::Sender<CustomerEvent>,
    commands: mpsc::Receiver<CustomerCommand>,
    commands_open: bool,
    signal: Arc<DeviceSignal>,
    control_out: Option<(mpsc::Sender<ControlMessage>, JoinHandle<()>)>,
    control_backlog: VecDeque<ControlMessage>,
    control_in: mpsc::Receiver<ControlMessage>,
    control_in_tx: Option<mpsc::Sender<ControlMessage>>,
    input_in: mpsc::Receiver<InputEvent>,
    input_in_tx: Option<mpsc::Sender<InputEvent>>,
    video_out: Option<mpsc::Sender<VideoMessage>>,
    video_capacity: usize,
    files: Option<mpsc::Sender<OutgoingFile>>,
    files_task: JoinHandle<()>,
    streams: mpsc::Receiver<Result<IncomingStream, AcceptError>>,
    /// Tasks reading from the connection: the acceptor and the stream readers.
    readers: Vec<JoinHandle<()>>,
}

impl<D: Device + ?Sized + 'static> Runner<D> {
    async fn run(mut self) -> SessionOutcome {
        let outcome = loop {
            let now = self.clock.now();
            let deadline = {
                let mut dev = lock(&self.device);
                self.core.poll(&mut *dev, now);
                self.core.next_wakeup(&*dev)
            };
            if self.carry_out().await {
                break self.outcome();
            }
            let wake = self.wait(deadline).await;
            self.handle(wake).await;
            if self.carry_out().await {
                break self.outcome();
            }
        };
        self.close().await;
        outcome
    }

    fn outcome(&self) -> SessionOutcome {
        match self.core.ended() {
            Some((by, reason)) => SessionOutcome {
                by: *by,
                reason: reason.clone(),
            },
            None => SessionOutcome {
                by: Party::Relay,
                reason: EndReason::ConnectionLost,
            },
        }
    }

    async fn wait(&mut self, deadline: Option<Duration>) -> Wake {
        let clock = self.clock;
        let sleep = async move {
            match deadline {
                Some(at) => tokio::time::sleep_until(clock.instant_at(at).into()).await,
                None => std::future::pending().await,
            }
        };
        let notices = self.notices.as_mut();
        let notices = async move {
            match notices {
                Some(notices) => notices.next().await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            biased;
            notice = notices => Wake::Notice(notice),
            Some(event) = self.input_in.recv() => Wake::Input(event),
            Some(message) = self.control_in.recv() => Wake::Control(message),
            command = self.commands.recv(), if self.commands_open => Wake::Command(command),
            changed = self.signal.wait() => Wake::DeviceChanged(changed),
            Some(stream) = self.streams.recv() => Wake::Stream(stream),
            () = sleep => Wake::Timer,
        }
    }

    async fn handle(&mut self, wake: Wake) {
        let now = self.clock.now();
        match wake {
            Wake::Input(event) => {
                let mut dev = lock(&self.device);
                self.core.on_input(&event, &mut *dev, now);
                // Apply what else has arrived before looking at anything else.
                for _ in 1..INPUT_BATCH {
                    let Ok(event) = self.input_in.try_recv() else {
                        break;
                    };
                    self.core.on_input(&event, &mut *dev, now);
                }
            }
            Wake::Control(message) => {
                let mut dev = lock(&self.device);
                self.core.on_control(message, &mut *dev, now);
            }
            Wake::Command(Some(command)) => {
                let mut dev = lock(&self.device);
                self.core.on_command(command, &mut *dev, now);
            }
            Wake::Command(None) => self.commands_open = false,
            Wake::DeviceChanged(changed) => {
                if changed {
                    self.core.screen_may_have_changed();
                }
            }
            Wake::Stream(Ok(stream)) => self.attach(stream).await,
            Wake::Stream(Err(err)) if err.is_connection_lost() => {
                let why = self.peer.closed().await;
                self.connection_lost(&why).await;
            }
            Wake::Stream(Err(err)) => tracing::debug!("refused a stream: {err}"),
            Wake::Notice(notice) => self.notice(notice).await,
            Wake::Timer => {}
        }
    }

    async fn attach(&mut self, stream: IncomingStream) {
        match stream {
            IncomingStream::Control(tx, rx) => {
                tracing::debug!("the technician opened the control stream");
                let (out, writer) = streams::spawn_control_writer(tx);
                // A new control stream replaces the old one; the old writer finishes.
                self.control_out = Some((out, writer));
                if let Some(to) = &self.control_in_tx {
                    self.readers.push(streams::spawn_reader(rx, to.clone()));
                }
                // What was said before the technician opened it goes first.
                for message in std::mem::take(&mut self.control_backlog) {
                    self.send_control(message).await;
                }
            }
            IncomingStream::Input(rx) => {
                if let Some(to) = &self.input_in_tx {
                    self.readers.push(streams::spawn_reader(rx, to.clone()));
                }
            }
            IncomingStream::Video(mut rx) => {
                tracing::warn!("the technician opened a video stream; refusing it");
                let _ = rx.stop(1);
            }
            IncomingStream::File(file) => {
                tracing::warn!(
                    "the technician sent a file ({}); refusing it",
                    file.header().name
                );
            }
        }
    }

    async fn notice(&mut self, notice: Result<Option<RelayNotice>, NoticeError>) {
        let (by, reason) = match notice {
            Ok(Some(RelayNotice::PeerJoined { name, .. })) => {
                let mut dev = lock(&self.device);
                self.core.peer_joined(&name, &mut *dev);
                return;
            }
            Ok(Some(RelayNotice::PeerLeft { clean: true })) => {
                (Party::Technician, EndReason::TechnicianClosed)
            }
            Ok(Some(RelayNotice::PeerLeft { clean: false })) => {
                (Party::Relay, EndReason::ConnectionLost)
            }
            Ok(Some(RelayNotice::Shutdown)) => (Party::Relay, EndReason::RelayShutdown),
            Ok(None) | Err(_) => {
                // The relay finished the notice stream: the connection is going.
                self.notices = None;
                let why = tokio::time::timeout(DRAIN, self.peer.closed())
                    .await
                    .unwrap_or_else(|_| {
                        Disconnect::Other("the relay stopped sending notices".into())
                    });
                self.connection_lost(&why).await;
                return;
            }
        };
        // A `SessionEnd` sent just before may still be on its way through the readers.
        self.drain_control().await;
        let now = self.clock.now();
        let mut dev = lock(&self.device);
        self.core.peer_gone(by, reason, &mut *dev, now);
    }

    async fn connection_lost(&mut self, why: &Disconnect) {
        self.drain_control().await;
        let (by, reason) = match why {
            Disconnect::Relay(CloseCode::SessionEnded) => {
                (Party::Technician, EndReason::TechnicianClosed)
            }
            Disconnect::Relay(CloseCode::Shutdown) => (Party::Relay, EndReason::RelayShutdown),
            Disconnect::TimedOut => (Party::Relay, EndReason::Timeout),
            _ => (Party::Relay, EndReason::ConnectionLost),
        };
        tracing::debug!("connection gone: {why}");
        let now = self.clock.now();
        let mut dev = lock(&self.device);
        self.core.peer_gone(by, reason, &mut *dev, now);
    }

    /// Feeds the core what the readers still hold, until they are done or [`DRAIN`] passed.
    async fn drain_control(&mut self) {
        self.control_in_tx = None;
        self.input_in_tx = None;
        let deadline = tokio::time::Instant::now() + DRAIN;
        while self.core.ended().is_none() {
            match tokio::time::timeout_at(deadline, self.control_in.recv()).await {
                Ok(Some(message)) => {
                    let now = self.clock.now();
                    let mut dev = lock(&self.device);
                    self.core.on_control(message, &mut *dev, now);
                }
                Ok(None) | Err(_) => break,
            }
        }
    }

    /// Carries out the core's actions; `true` once the session is to close.
    async fn carry_out(&mut self) -> bool {
        let mut close = false;
        while let Some(action) = self.core.poll_action() {
            match action {
                Action::Control(message) => self.send_control(message).await,
                Action::Video(message) => self.send_video(message),
                Action::SendFile(file) => {
                    if let Some(files) = &self.files
                        && files.send(file).await.is_err()
                    {
                        tracing::warn!("the file sender is gone; a log file was not sent");
                    }
                }
                Action::Customer(event) => self.tell(event),
                Action::Close => close = true,
            }
        }
        close
    }

    fn tell(&self, event: CustomerEvent) {
        match self.events.try_send(event) {
            Ok(()) => {}
            Err(mpsc::error::TrySendError::Full(event)) => {
                tracing::warn!("the customer's frontend is not keeping up; dropped {event:?}");
            }
            // Nobody is listening (a headless session): fine.
            Err(mpsc::error::TrySendError::Closed(_)) => {}
        }
    }

    async fn send_control(&mut self, message: ControlMessage) {
        if let Some((out, _)) = &self.control_out {
            match out.send(message).await {
                Ok(()) => {}
                Err(mpsc::error::SendError(message)) => {
                    tracing::debug!("the control stream is gone; keeping the message");
                    self.control_out = None;
                    self.backlog(message);
                }
            }
        } else {
            self.backlog(message);
        }
    }

    fn backlog(&mut self, message: ControlMessage) {
        if self.control_backlog.len() >= CONTROL_BACKLOG {
            tracing::warn!("no control stream yet; dropping the oldest queued message");
            self.control_backlog.pop_front();
        }
        self.control_backlog.push_back(message);
    }

    fn send_video(&mut self, message: VideoMessage) {
        let out = self.video_out.get_or_insert_with(|| {
            streams::spawn_video_writer(self.peer.clone(), self.video_capacity)
        });
        if let Err(err) = out.try_send(message) {
            // The window keeps the queue short, so this means the stream failed: start a new
            // one with a keyframe.
            tracing::debug!("video frame not queued: {err}");
            self.video_out = None;
            self.core.video_lost();
        }
    }

    /// Flushes the control stream (the last message may be `SessionEnd`), then closes the
    /// connection.
    async fn close(mut self) {
        // Messages queued before the technician ever opened control are lost with the session.
        if !self.control_backlog.is_empty() {
            tracing::debug!(
                "{} control messages were never sent (no control stream)",
                self.control_backlog.len()
            );
        }
        self.files = None;
        self.video_out = None;
        if let Some((out, writer)) = self.control_out.take() {
            drop(out);
            let _ = tokio::time::timeout(FLUSH, writer).await;
            tokio::select! {
                _ = self.peer.closed() => {}
                () = tokio::time::sleep(LINGER) => {}
            }
        }
        self.files_task.abort();
        for reader in &self.readers {
            reader.abort();
        }
        self.peer.close().await;
    }
}
