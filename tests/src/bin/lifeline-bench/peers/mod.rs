//! The two peers of a session for the network benchmarks, connected through a relay or
//! directly ([`direct`]). The technician's side is the same in both cases: channels
//! ([`TechEnds`]) fed by one task per stream, so both paths pay the same overhead.

pub(crate) mod direct;

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::{Context, Result};
use lifeline_protocol::messages::control::ControlMessage;
use lifeline_protocol::messages::handshake::{ClientHello, DeviceSummary, Role};
use lifeline_protocol::messages::input::InputEvent;
use lifeline_protocol::messages::video::VideoMessage;
use lifeline_protocol::quic::{
    self, ConnectOptions, IncomingStream, Peer, RelaySession, ServerTrust,
};
use lifeline_protocol::{CertFingerprint, PROTOCOL_VERSION, SessionCode};
use lifeline_relay::RelayHandle;
use lifeline_relay::store::{NewCode, PortalSettings, UserRole};
use tokio::sync::mpsc;

/// Messages waiting in each channel at most.
const QUEUE: usize = 1024;

/// The technician's side of a session: send control and input, receive control and video.
#[derive(Debug)]
pub(crate) struct TechEnds {
    pub(crate) control: mpsc::Sender<ControlMessage>,
    pub(crate) control_in: mpsc::Receiver<ControlMessage>,
    pub(crate) input: mpsc::Sender<InputEvent>,
    pub(crate) video: mpsc::Receiver<VideoMessage>,
}

/// The other ends of [`TechEnds`]' channels, for the tasks that move the messages.
#[derive(Debug)]
pub(crate) struct Wires {
    pub(crate) control_out: mpsc::Receiver<ControlMessage>,
    pub(crate) control_in: mpsc::Sender<ControlMessage>,
    pub(crate) input_out: mpsc::Receiver<InputEvent>,
    pub(crate) video_in: mpsc::Sender<VideoMessage>,
}

impl TechEnds {
    pub(crate) fn channels() -> (Self, Wires) {
        let (control, control_out) = mpsc::channel(QUEUE);
        let (control_in_tx, control_in) = mpsc::channel(QUEUE);
        let (input, input_out) = mpsc::channel(QUEUE);
        let (video_in, video) = mpsc::channel(QUEUE);
        (
            Self {
                control,
                control_in,
                input,
                video,
            },
            Wires {
                control_out,
                control_in: control_in_tx,
                input_out,
                video_in,
            },
        )
    }
}

/// The technician's ends of a session through the relay.
pub(crate) async fn tech_ends_via_relay(peer: Peer) -> Result<TechEnds> {
    let (ends, mut wires) = TechEnds::channels();
    let (mut control_tx, mut control_rx) = peer.open_control().await?;
    let mut input = peer.open_input().await?;
    tokio::spawn(async move {
        while let Some(message) = wires.control_out.recv().await {
            if control_tx.send(&message).await.is_err() {
                return;
            }
        }
    });
    let control_in = wires.control_in;
    tokio::spawn(async move {
        while let Ok(Some(message)) = control_rx.recv().await {
            if control_in.send(message).await.is_err() {
                return;
            }
        }
    });
    tokio::spawn(async move {
        while let Some(event) = wires.input_out.recv().await {
            if input.send(&event).await.is_err() {
                return;
            }
        }
    });
    let video = wires.video_in;
    tokio::spawn(async move {
        while let Ok(stream) = peer.accept_stream().await {
            if let IncomingStream::Video(mut rx) = stream {
                let video = video.clone();
                tokio::spawn(async move {
                    while let Ok(Some(message)) = rx.recv().await {
                        if video.send(message).await.is_err() {
                            return;
                        }
                    }
                });
            }
        }
    });
    Ok(ends)
}

/// Connection options for benchmark clients: generous timeouts.
pub(crate) fn options() -> ConnectOptions {
    ConnectOptions {
        timeout: Duration::from_secs(20),
        keep_alive: Duration::from_secs(2),
        idle_timeout: Duration::from_secs(60),
    }
}

/// The hello of a customer joining `code`.
pub(crate) fn customer_hello(code: SessionCode, device: DeviceSummary) -> ClientHello {
    ClientHello {
        version: PROTOCOL_VERSION,
        role: Role::Customer {
            code,
            name: "bench".into(),
            device,
        },
    }
}

/// A customer connection to `addr` (a relay, or a [`direct::DirectServer`]).
pub(crate) async fn connect_customer(
    addr: SocketAddr,
    fingerprint: CertFingerprint,
    code: SessionCode,
    device: DeviceSummary,
) -> Result<RelaySession> {
    let hello = customer_hello(code, device);
    quic::connect(addr, &ServerTrust::Pinned(fingerprint), &hello, &options())
        .await
        .context("the customer connects")
}

/// A technician's token and a fresh code of theirs on an in-process relay.
#[derive(Debug, Clone)]
pub(crate) struct Ticket {
    pub(crate) token: String,
    pub(crate) code: SessionCode,
}

/// Creates `technicians` accounts and `codes` codes spread over them, in a portal that
/// lets each have 100 pending.
pub(crate) async fn tickets(relay: &RelayHandle, codes: usize) -> Result<Vec<Ticket>> {
    let store = relay.store();
    let now = relay.clock().now();
    let portal = store
        .create_portal(
            &PortalSettings {
                name: "Bench".into(),
                slug: "bench".into(),
                max_pending_codes: 100,
                ..PortalSettings::default_portal()
            },
            now,
        )
        .await?;
    let mut out = Vec::with_capacity(codes);
    let mut user = None;
    for i in 0..codes {
        if i % 100 == 0 {
            let id = store
                .create_user(
                    &format!("bench{}", i / 100),
                    "correct horse battery",
                    UserRole::Technician,
                )
                .await?
                .id;
            let token = store
                .issue_token(id, now, Duration::from_secs(24 * 3600))
                .await?
                .token;
            user = Some((id, token));
        }
        let Some((owner, token)) = &user else {
            unreachable!("set on the first iteration")
        };
        let code = store
            .create_code(
                &NewCode {
                    owner_id: *owner,
                    portal_id: portal.id,
                    identifier: None,
                },
                now,
            )
            .await?
            .code;
        out.push(Ticket {
            token: token.clone(),
            code,
        });
    }
    Ok(out)
}

/// Both sides of a session through the relay at `addr`: the technician admitted first, then
/// the customer; returns (technician, customer) sessions.
pub(crate) async fn pair_via_relay(
    addr: SocketAddr,
    fingerprint: CertFingerprint,
    ticket: &Ticket,
    device: DeviceSummary,
) -> Result<(RelaySession, RelaySession)> {
    let trust = ServerTrust::Pinned(fingerprint);
    let hello = ClientHello {
        version: PROTOCOL_VERSION,
        role: Role::Technician {
            token: ticket.token.clone(),
            code: ticket.code,
        },
    };
    let admission = quic::admit(addr, &trust, &hello, &options())
        .await
        .context("the technician is admitted")?;
    let paired = tokio::spawn(admission.paired());
    let customer = connect_customer(addr, fingerprint, ticket.code, device).await?;
    let technician = paired.await?.context("the technician is paired")?;
    Ok((technician, customer))
}

/// A device summary for benchmark customers that are not simulated phones.
pub(crate) fn plain_device() -> DeviceSummary {
    DeviceSummary {
        manufacturer: "bench".into(),
        model: "Bench".into(),
        android_version: "16".into(),
        screen: Some((1080, 2400)),
        capabilities: lifeline_protocol::consent::CapabilitySet::ALL,
        locale: None,
    }
}
