//! A real relay on loopback, a technician client built on `protocol::quic`, and an agent
//! session joined to it in-process.

// Test helpers: a failed unwrap is a failed test, and each test binary uses a part of them.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used, clippy::expect_used)]

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use lifeline_agent_android::device::Device;
use lifeline_agent_android::session::{
    self, AgentClock, Approval, CustomerEvent, Frontend, SessionConfig, SessionTask, join,
};
use lifeline_agent_android::sim::SimPhone;
use lifeline_protocol::consent::{Capability, PortalPolicy};
use lifeline_protocol::messages::UnixMillis;
use lifeline_protocol::messages::control::ControlMessage;
use lifeline_protocol::messages::file::FileHeader;
use lifeline_protocol::messages::handshake::{ClientHello, RelayNotice, Role};
use lifeline_protocol::messages::input::{FrameSize, InputEvent, TouchEvent, TouchPhase};
use lifeline_protocol::messages::video::{Codec, StreamStart, VideoMessage};
use lifeline_protocol::quic::{
    self, Admission, ConnectOptions, IncomingStream, MessageSender, Peer, RelaySession,
    RelayTarget, ServerTrust,
};
use lifeline_protocol::video::RgbaImage;
use lifeline_protocol::video::tiles::TileDecoder;
use lifeline_protocol::{PROTOCOL_VERSION, SessionCode};
use lifeline_relay::store::{NewCode, PortalSettings, UserRole};
use lifeline_relay::{Clock as _, ManualClock, Relay, RelayConfig, RelayHandle};
use tokio::sync::mpsc;

/// Fails the test instead of hanging it.
pub async fn within<T>(what: &str, future: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(15), future)
        .await
        .unwrap_or_else(|_| panic!("timed out: {what}"))
}

/// Picks the phone's answer about `cap` from the control messages.
pub fn granted(cap: Capability) -> impl FnMut(&ControlMessage) -> Option<bool> {
    move |m| match m {
        ControlMessage::ConsentResponse {
            capability,
            granted,
            ..
        } if *capability == cap => Some(*granted),
        _ => None,
    }
}

pub fn options() -> ConnectOptions {
    ConnectOptions {
        timeout: Duration::from_secs(5),
        keep_alive: Duration::from_millis(500),
        idle_timeout: Duration::from_secs(10),
    }
}

/// A relay on loopback (HTTPS pages with its self-signed certificate) in a temp dir.
pub struct TestRelay {
    pub relay: RelayHandle,
    pub clock: Arc<ManualClock>,
    _dir: tempfile::TempDir,
}

impl TestRelay {
    pub async fn start() -> Self {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(ManualClock::starting_now());
        let relay = Relay::start_with_clock(RelayConfig::loopback(dir.path()), clock.clone())
            .await
            .unwrap();
        Self {
            relay,
            clock,
            _dir: dir,
        }
    }

    pub fn target(&self) -> RelayTarget {
        RelayTarget::from(self.relay.quic_addr)
    }

    pub fn trust(&self) -> ServerTrust {
        ServerTrust::Pinned(self.relay.fingerprint)
    }

    /// The default portal's policy, for the codes created from now on.
    pub async fn set_policy(&self, policy: PortalPolicy) {
        let store = self.relay.store();
        let portal = store.default_portal().await.unwrap();
        let mut settings = PortalSettings::from(&portal);
        settings.policy = policy;
        store.update_portal(portal.id, &settings).await.unwrap();
    }

    /// A technician account and its token.
    pub async fn technician(&self, name: &str) -> (i64, String) {
        let store = self.relay.store();
        let user = store
            .create_user(name, "correct horse battery", UserRole::Technician)
            .await
            .unwrap();
        let token = store
            .issue_token(user.id, self.clock.now(), Duration::from_secs(3600))
            .await
            .unwrap()
            .token;
        (user.id, token)
    }

    /// A code of `owner` created `ago` before now.
    pub async fn code_created(&self, owner: i64, ago: Duration) -> SessionCode {
        let store = self.relay.store();
        let portal = store.default_portal().await.unwrap();
        let created = UnixMillis(self.clock.now().0 - ago.as_millis() as u64);
        store
            .create_code(
                &NewCode {
                    owner_id: owner,
                    portal_id: portal.id,
                    identifier: None,
                },
                created,
            )
            .await
            .unwrap()
            .code
    }

    pub fn deep_link(&self, code: SessionCode) -> String {
        self.relay.links().deep_link(code).to_string()
    }

    pub fn join_url(&self, code: SessionCode) -> String {
        self.relay.links().join_url(code).to_string()
    }

    /// A technician waiting on a fresh code.
    pub async fn waiting_technician(&self, name: &str) -> (SessionCode, Admission) {
        let (id, token) = self.technician(name).await;
        let code = self.code_created(id, Duration::ZERO).await;
        let hello = ClientHello {
            version: PROTOCOL_VERSION,
            role: Role::Technician { token, code },
        };
        let admission = within(
            "technician admission",
            quic::admit(self.target(), &self.trust(), &hello, &options()),
        )
        .await
        .unwrap();
        assert!(admission.is_waiting());
        (code, admission)
    }
}

/// What the technician's client saw.
#[derive(Debug)]
pub enum TechEvent {
    Control(ControlMessage),
    Notice(Option<RelayNotice>),
    VideoOpened,
    Start(StreamStart),
    Frame {
        sequence: u64,
        keyframe: bool,
    },
    File {
        header: FileHeader,
        content: Result<Vec<u8>, String>,
    },
}

/// The technician's side of a session: control stream opened, video decoded (and acked),
/// files received and checked.
pub struct Technician {
    pub peer: Peer,
    control: mpsc::Sender<ControlMessage>,
    pub events: mpsc::Receiver<TechEvent>,
    input: Option<MessageSender<InputEvent>>,
    screen: Arc<Mutex<Option<RgbaImage>>>,
    pub seen: Vec<TechEvent>,
}

impl Technician {
    /// Asks to see the screen, expects it granted; the stream's start.
    pub async fn see_screen(&mut self) -> StreamStart {
        self.send(ControlMessage::ConsentRequest {
            capability: Capability::ScreenView,
        })
        .await;
        assert!(
            self.control("screen granted", granted(Capability::ScreenView))
                .await
        );
        self.first("stream start", |e| match e {
            TechEvent::Start(s) => Some(*s),
            _ => None,
        })
        .await
    }

    /// Takes over a paired technician session: reads `PeerJoined`, opens control.
    pub async fn open(mut session: RelaySession) -> Self {
        let joined = within("peer joined", session.next_notice()).await.unwrap();
        assert!(
            matches!(joined, Some(RelayNotice::PeerJoined { .. })),
            "{joined:?}"
        );
        let (_, peer, mut notices) = session.into_parts();
        let (events_tx, events) = mpsc::channel(1024);
        let (mut tx, mut rx) = peer.open_control().await.unwrap();
        let (control, mut outgoing) = mpsc::channel::<ControlMessage>(256);
        tokio::spawn(async move {
            while let Some(message) = outgoing.recv().await {
                if tx.send(&message).await.is_err() {
                    return;
                }
            }
            let _ = tx.finish();
        });
        let to = events_tx.clone();
        tokio::spawn(async move {
            while let Ok(Some(message)) = rx.recv().await {
                if to.send(TechEvent::Control(message)).await.is_err() {
                    return;
                }
            }
        });
        let to = events_tx.clone();
        tokio::spawn(async move {
            loop {
                let notice = notices.next().await.ok().flatten();
                let end = notice.is_none();
                let _ = to.send(TechEvent::Notice(notice)).await;
                if end {
                    return;
                }
            }
        });
        let screen = Arc::new(Mutex::new(None));
        let accept_peer = peer.clone();
        let (acks, screen_slot) = (control.clone(), screen.clone());
        tokio::spawn(async move {
            while let Ok(stream) = accept_peer.accept_stream().await {
                match stream {
                    IncomingStream::Video(mut rx) => {
                        let to = events_tx.clone();
                        let (acks, screen) = (acks.clone(), screen_slot.clone());
                        let _ = to.send(TechEvent::VideoOpened).await;
                        tokio::spawn(async move {
                            let mut decoder = TileDecoder::new();
                            let mut codec = Codec::Tiles;
                            while let Ok(Some(message)) = rx.recv().await {
                                match message {
                                    VideoMessage::StreamStart(start) => {
                                        codec = start.codec;
                                        let _ = to.send(TechEvent::Start(start)).await;
                                    }
                                    VideoMessage::Frame(frame) => {
                                        // Only tiles are decoded here; H.264 frames are
                                        // counted and acked.
                                        if codec == Codec::Tiles {
                                            decoder.decode(&frame.payload).unwrap();
                                            *screen.lock().unwrap() = decoder.image().cloned();
                                        }
                                        let _ = acks
                                            .send(ControlMessage::FrameAck {
                                                sequence: frame.sequence,
                                            })
                                            .await;
                                        let _ = to
                                            .send(TechEvent::Frame {
                                                sequence: frame.sequence,
                                                keyframe: frame.keyframe,
                                            })
                                            .await;
                                    }
                                }
                            }
                        });
                    }
                    IncomingStream::File(file) => {
                        let to = events_tx.clone();
                        tokio::spawn(async move {
                            let header = file.header().clone();
                            let content = file.read_to_end().await.map_err(|e| e.to_string());
                            let _ = to.send(TechEvent::File { header, content }).await;
                        });
                    }
                    other => panic!("unexpected stream {:?}", other.kind()),
                }
            }
        });
        Self {
            peer,
            control,
            events,
            input: None,
            screen,
            seen: Vec::new(),
        }
    }

    pub async fn send(&self, message: ControlMessage) {
        self.control.send(message).await.unwrap();
    }

    /// Waits for the first event (from now) that `pick` accepts; the rest are kept in `seen`.
    pub async fn wait_for<T>(
        &mut self,
        what: &str,
        mut pick: impl FnMut(&TechEvent) -> Option<T>,
    ) -> T {
        within(what, async {
            loop {
                let event = self
                    .events
                    .recv()
                    .await
                    .unwrap_or_else(|| panic!("no more events: {what}"));
                let picked = pick(&event);
                self.seen.push(event);
                if let Some(value) = picked {
                    return value;
                }
            }
        })
        .await
    }

    /// The first event ever received that `pick` accepts, waiting for it if need be.
    pub async fn first<T>(
        &mut self,
        what: &str,
        mut pick: impl FnMut(&TechEvent) -> Option<T>,
    ) -> T {
        if let Some(found) = self.seen.iter().find_map(&mut pick) {
            return found;
        }
        self.wait_for(what, pick).await
    }

    /// Waits for a control message `pick` accepts.
    pub async fn control<T>(
        &mut self,
        what: &str,
        mut pick: impl FnMut(&ControlMessage) -> Option<T>,
    ) -> T {
        self.wait_for(what, |e| match e {
            TechEvent::Control(m) => pick(m),
            _ => None,
        })
        .await
    }

    /// Everything received during `ms` milliseconds.
    pub async fn collect(&mut self, ms: u64) -> Vec<TechEvent> {
        let mut got = Vec::new();
        let deadline = tokio::time::Instant::now() + Duration::from_millis(ms);
        while let Ok(Some(event)) = tokio::time::timeout_at(deadline, self.events.recv()).await {
            got.push(event);
        }
        got
    }

    pub async fn input(&mut self, event: InputEvent) {
        if self.input.is_none() {
            self.input = Some(self.peer.open_input().await.unwrap());
        }
        self.input.as_mut().unwrap().send(&event).await.unwrap();
    }

    pub async fn touch(&mut self, phase: TouchPhase, x: u32, y: u32, at_us: u64) {
        self.input(InputEvent::Touch(TouchEvent {
            phase,
            pointer: 0,
            x,
            y,
            frame: FrameSize::new(1080, 2400),
            at_us,
        }))
        .await;
    }

    /// The last decoded frame.
    pub fn screen(&self) -> Option<RgbaImage> {
        self.screen.lock().unwrap().clone()
    }

    /// Ends the session as the console does: `SessionEnd`, then close.
    pub async fn end(self) {
        use lifeline_protocol::messages::Party;
        use lifeline_protocol::messages::control::EndReason;
        self.send(ControlMessage::SessionEnd {
            by: Party::Technician,
            reason: EndReason::TechnicianClosed,
        })
        .await;
        tokio::time::sleep(Duration::from_millis(100)).await;
        self.peer.close().await;
    }
}

/// The agent, joined in-process: its task, its frontend, and the phone it shares.
pub struct Agent {
    pub task: SessionTask,
    pub frontend: Frontend,
    pub phone: Arc<Mutex<SimPhone>>,
    pub seen: Vec<CustomerEvent>,
}

impl Agent {
    /// Waits for the first customer event `pick` accepts.
    pub async fn wait_for<T>(
        &mut self,
        what: &str,
        mut pick: impl FnMut(&CustomerEvent) -> Option<T>,
    ) -> T {
        within(what, async {
            loop {
                let event = self
                    .frontend
                    .events
                    .recv()
                    .await
                    .unwrap_or_else(|| panic!("no more customer events: {what}"));
                let picked = pick(&event);
                self.seen.push(event);
                if let Some(value) = picked {
                    return value;
                }
            }
        })
        .await
    }

    /// Waits until the technician's decoded screen is exactly the phone's screen.
    pub async fn wait_screen_matches(&self, tech: &Technician, what: &str) -> RgbaImage {
        within(what, async {
            loop {
                if let Some(seen) = tech.screen() {
                    let mut phone = self.phone.lock().unwrap();
                    // Drawing a changed screen here would hide the change from the session.
                    if !phone.screen_changed() {
                        let shown = phone.screen(Duration::ZERO).unwrap();
                        if *shown == seen {
                            return seen;
                        }
                    }
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
        .await
    }
}

/// A technician waiting, an agent with `profile` joining with `approval`: both sides, paired.
pub async fn pair(relay: &TestRelay, profile: &str, approval: Approval) -> (Technician, Agent) {
    let (code, admission) = relay.waiting_technician("alice").await;
    let paired = tokio::spawn(admission.paired());
    let phone = SimPhone::with_profile(profile).unwrap();
    let hello = join::customer_hello(code, "Marie", phone.summary());
    let session = within(
        "agent connect",
        quic::connect(relay.target(), &relay.trust(), &hello, &options()),
    )
    .await
    .unwrap();
    let phone = Arc::new(Mutex::new(phone));
    let config = SessionConfig {
        approval,
        ..SessionConfig::default()
    };
    let (task, frontend) = session::start(session, phone.clone(), config, AgentClock::start());
    let technician = within("technician paired", paired).await.unwrap().unwrap();
    let technician = Technician::open(technician).await;
    let mut agent = Agent {
        task,
        frontend,
        phone,
        seen: Vec::new(),
    };
    agent
        .wait_for("connected", |e| {
            matches!(e, CustomerEvent::Connected { .. }).then_some(())
        })
        .await;
    (technician, agent)
}
