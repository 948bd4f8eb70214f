//! The customer's first steps, shared by the test phones: join a deep link through the real
//! relay and take the control stream the technician opens.

use std::time::Duration;

use lifeline_protocol::PROTOCOL_VERSION;
use lifeline_protocol::link::DeepLink;
use lifeline_protocol::messages::control::ControlMessage;
use lifeline_protocol::messages::handshake::{ClientHello, DeviceSummary, Role};
use lifeline_protocol::quic::{
    ConnectOptions, IncomingStream, MessageReceiver, MessageSender, Peer, ServerTrust, connect,
};

/// A joined customer: the peer and its control stream.
pub struct Joined {
    pub peer: Peer,
    pub control_tx: MessageSender<ControlMessage>,
    pub control_rx: MessageReceiver<ControlMessage>,
}

/// Joins `deep_link` as "Marie" on `device` and waits (10 s at most) for the technician's
/// control stream.
pub async fn join(deep_link: &str, device: DeviceSummary) -> Joined {
    let link: DeepLink = deep_link.parse().unwrap();
    let hello = ClientHello {
        version: PROTOCOL_VERSION,
        role: Role::Customer {
            code: link.code,
            name: "Marie".into(),
            device,
        },
    };
    let trust = ServerTrust::Pinned(link.fingerprint.unwrap());
    let session = connect(&link.relay, &trust, &hello, &ConnectOptions::default())
        .await
        .unwrap();
    let (_welcome, peer, _notices) = session.into_parts();
    let (control_tx, control_rx) =
        match tokio::time::timeout(Duration::from_secs(10), peer.accept_stream())
            .await
            .unwrap()
            .unwrap()
        {
            IncomingStream::Control(tx, rx) => (tx, rx),
            other => panic!("expected the control stream first, got {:?}", other.kind()),
        };
    Joined {
        peer,
        control_tx,
        control_rx,
    }
}
